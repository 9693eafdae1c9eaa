//! Accounting documents imported from a CSV export, then pulled by the
//! devices of those who work each client (and by no logistics device):
//! each bad row reported with its line, the same file again changing
//! nothing, a changed amount updated and audited, a preview saving nothing.

use crate::common;

use app::api::ApiError;
use app::backend::money_import::{self, Request};
use app::domain::client_input::ClientInput;
use app::domain::receivables::document::{DocKind, MoneyDoc};
use app::domain::receivables::import_report::ImportReport;
use app::domain::receivables::import_row::{Adjust, Column, RowProblem};
use app::domain::receivables::position::position;
use app::domain::user::Role;
use app::domain::validation::Problem;
use app::sync::device::Device;
use app::sync::memory_store::MemoryStore;
use app::sync::protocol::Row;
use app::sync::store::LocalStore;
use app::sync::tables;
use common::{TestApp, device, transport};
use rust_decimal::Decimal;
use std::sync::Arc;

const REG_A: &str = "40003245752";
const REG_B: &str = "40003032949";

async fn docs(d: &Device<MemoryStore>) -> Vec<MoneyDoc> {
    let mut docs: Vec<MoneyDoc> = d
        .store()
        .all(tables::MONEY_DOC)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| match r {
            Row::MoneyDoc { doc } => Some(*doc),
            _ => None,
        })
        .collect();
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    docs
}

async fn import(app: &TestApp, csv: &str, preview: bool) -> Result<ImportReport, ApiError> {
    let req = Request {
        actor: "accountant",
        source: "horizon",
        adjust: Adjust::default(),
        preview,
        device: None,
    };
    money_import::import(&app.db, req, csv.as_bytes(), |_| {}).await
}

/// A Latvian accounting export: `;`, decimal commas, day-first dates.
fn export(amount_r1: &str) -> String {
    format!(
        "Veids;Nr.;Reģ. nr.;Datums;Apmaksas termiņš;Summa;Valūta;Atsauce\n\
         Rēķins;R-1;LV{REG_A};02.10.2026;16.10.2026;{amount_r1};EUR;\n\
         Rēķins;R-2;{REG_A};02.11.2026;16.11.2026;500,00;EUR;\n\
         Maksājums;P-1;{REG_A};20.10.2026;;200,00;EUR;R-1\n\
         Kredītrēķins;K-1;{REG_B};03.11.2026;;50,00;EUR;\n\
         Rēķins;R-3;{REG_B};01.11.2026;15.11.2026;300,00;EUR;\n\
         Rēķins;R-9;40103245759;01.11.2026;;10,00;EUR;\n\
         Rēķins;R-10;{REG_A};31.02.2026;;10,00;EUR;\n\
         Rēķins;R-11;{REG_A};01.11.2026;;10.00.0;EUR;\n\
         Rēķins;R-2;{REG_A};02.11.2026;16.11.2026;500,00;EUR;\n\
         Rēķins;R-3;{REG_B};01.11.2026;15.11.2026;301,00;EUR;\n"
    )
}

#[tokio::test]
async fn documents_are_imported_once_reach_those_who_work_the_client_and_changes_are_audited() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let janis = app.session("janis@firma.lv", Role::Manager).await;
    let logistics = app.session("logistika@firma.lv", Role::Logistics).await;

    let card = |name: &str, reg: &str| ClientInput {
        name: name.into(),
        reg_no: reg.into(),
        credit_limit: "1000".into(),
        ..Default::default()
    };
    let ilzes = device(&ilze).await;
    let a = ilzes
        .save_card(None, card("SIA Ābele", REG_A), false)
        .await
        .unwrap();
    ilzes.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    let janiss = device(&janis).await;
    let b = janiss
        .save_card(None, card("SIA Bērzs", REG_B), false)
        .await
        .unwrap();
    janiss.sync(&transport(&app, &janis), |_| {}).await.unwrap();

    // A file lacking a column the mapping needs is refused whole.
    let Err(ApiError::Invalid(issues)) =
        import(&app, "Veids;Nr.;Datums\nRēķins;R-1;02.10.2026\n", false).await
    else {
        panic!("a file without client and amount columns was imported");
    };
    assert_eq!(issues.at("columns.client"), Some(Problem::Required));
    assert_eq!(issues.at("columns.amount"), Some(Problem::Required));

    // A preview reads and checks everything and saves nothing.
    let before = app::backend::version::current(&app.db).await.unwrap();
    let preview = import(&app, &export("1 000,00"), true).await.unwrap();
    assert_eq!((preview.created, preview.failed), (5, 4));
    assert_eq!(
        app::backend::version::current(&app.db).await.unwrap(),
        before
    );

    let report = import(&app, &export("1 000,00"), false).await.unwrap();
    assert_eq!(
        (report.rows, report.created, report.repeated, report.failed),
        (10, 5, 1, 4),
        "{report:?}"
    );
    let problems: Vec<(u64, &RowProblem)> = report
        .problems
        .iter()
        .map(|p| (p.line, &p.problem))
        .collect();
    assert_eq!(
        problems,
        vec![
            (
                7,
                &RowProblem::UnknownClient {
                    value: "40103245759".into()
                }
            ),
            (
                8,
                &RowProblem::BadDate {
                    column: Column::Date,
                    value: "31.02.2026".into()
                }
            ),
            (
                9,
                &RowProblem::BadAmount {
                    value: "10.00.0".into()
                }
            ),
            (
                11,
                &RowProblem::Conflicting {
                    number: "R-3".into(),
                    line: 6
                }
            ),
        ]
    );

    // Each manager's phone: their client's documents and its position.
    ilzes.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    let hers = docs(&ilzes).await;
    let ids: Vec<&str> = hers.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, vec!["invoice-R-1", "invoice-R-2", "payment-P-1"]);
    assert!(hers.iter().all(|d| d.fields.client_id == a.id));
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let p = position(&hers, day);
    assert_eq!(p.balance, Decimal::from(1300));
    assert_eq!(p.aging.days_31_60, Decimal::from(800));
    assert_eq!(p.aging.days_1_30, Decimal::from(500));
    assert!(p.over_limit(Some(Decimal::from(1000))));

    janiss.sync(&transport(&app, &janis), |_| {}).await.unwrap();
    let his = docs(&janiss).await;
    assert_eq!(his.len(), 2);
    assert!(his.iter().all(|d| d.fields.client_id == b.id));
    assert_eq!(his[0].fields.kind, DocKind::CreditNote);

    let l = device(&logistics).await;
    l.sync(&transport(&app, &logistics), |_| {}).await.unwrap();
    assert!(docs(&l).await.is_empty(), "money reached logistics");

    // The same file again changes nothing: no new version, no device work.
    let version = app::backend::version::current(&app.db).await.unwrap();
    let again = import(&app, &export("1 000,00"), false).await.unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 5));
    assert_eq!(
        app::backend::version::current(&app.db).await.unwrap(),
        version
    );

    // Accounting corrected R-1: updated, audited with both amounts, pulled.
    let changed = import(&app, &export("1 100,00"), false).await.unwrap();
    assert_eq!(
        (changed.created, changed.updated, changed.unchanged),
        (0, 1, 4)
    );
    let history = app::backend::audit::history(&app.db, "invoice-R-1")
        .await
        .unwrap();
    let update = history
        .iter()
        .find(|e| e.action == "money_doc.update")
        .expect("the changed amount is audited");
    let changes = update.changes.to_string();
    assert!(
        changes.contains("1000") && changes.contains("1100"),
        "{changes}"
    );
    ilzes.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    let r1 = docs(&ilzes)
        .await
        .into_iter()
        .find(|d| d.id == "invoice-R-1")
        .unwrap();
    assert_eq!(r1.fields.amount, Decimal::from(1100));

    // A document imported before for another client is not moved.
    let moved =
        format!("Veids;Nr.;Reģ. nr.;Datums;Summa\nRēķins;R-1;{REG_B};02.10.2026;1 100,00\n");
    let refused = import(&app, &moved, false).await.unwrap();
    assert_eq!(refused.failed, 1);
    assert_eq!(
        refused.problems[0].problem,
        RowProblem::OtherClient {
            number: "R-1".into()
        }
    );

    // A device may not write a document: its operation is refused and the
    // amount stays accounting's.
    use app::sync::protocol::{AckStatus, PushBatch};
    use app::sync::transport::Transport;
    let mut forged = common::call_op(&a.id, chrono::Utc::now());
    forged.table = tables::MONEY_DOC.into();
    forged.record_id = "invoice-R-1".into();
    let answer = transport(&app, &ilze)
        .push(PushBatch {
            device_id: forged.device_id.clone(),
            ops: vec![forged],
            after: None,
        })
        .await
        .unwrap();
    assert_eq!(
        answer[0].status,
        AckStatus::Rejected {
            reason: ApiError::Forbidden
        }
    );
    ilzes.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    let r1 = docs(&ilzes)
        .await
        .into_iter()
        .find(|d| d.id == "invoice-R-1")
        .unwrap();
    assert_eq!(r1.fields.amount, Decimal::from(1100));
}

#[tokio::test]
async fn the_import_page_previews_imports_and_tells_how_far_it_got() {
    use app::api::money::{ImportDocuments, ImportProgress};
    use app::domain::receivables::upload::Upload;
    let app = Arc::new(TestApp::new().await);
    let admin = app.session("admin@firma.lv", Role::Admin).await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let phone = device(&ilze).await;
    phone
        .save_card(
            None,
            ClientInput {
                name: "SIA Ābele".into(),
                reg_no: REG_A.into(),
                ..Default::default()
            },
            false,
        )
        .await
        .unwrap();
    phone.sync(&transport(&app, &ilze), |_| {}).await.unwrap();

    // 2,500 rows: three chunks, each reported to the progress.
    let mut text = String::from("type,number,client,date,amount\n");
    for i in 0..2500 {
        text.push_str(&format!("invoice,R-{i},{REG_A},2026-11-02,1.50\n"));
    }
    let upload = |preview: bool| Upload {
        run: format!("run-{preview}"),
        source: "horizon".into(),
        data: app::domain::contract_scan::encode(text.as_bytes()),
        adjust: Adjust::default(),
        preview,
    };
    assert_eq!(
        app.call(
            Some(&ilze),
            ImportDocuments {
                upload: upload(false)
            }
        )
        .await
        .unwrap_err(),
        ApiError::Forbidden,
        "a manager imports money"
    );
    let mut empty = upload(false);
    empty.source = " ".into();
    let Err(ApiError::Invalid(issues)) = app
        .call(Some(&admin), ImportDocuments { upload: empty })
        .await
    else {
        panic!("an import without a source ran");
    };
    assert_eq!(issues.at("source"), Some(Problem::Required));

    let preview = app
        .call(
            Some(&admin),
            ImportDocuments {
                upload: upload(true),
            },
        )
        .await
        .unwrap();
    assert_eq!((preview.created, preview.preview), (2500, true));
    let done = app
        .call(
            Some(&admin),
            ImportDocuments {
                upload: upload(false),
            },
        )
        .await
        .unwrap();
    assert_eq!((done.rows, done.created, done.failed), (2500, 2500, 0));
    let progress = app
        .call(
            Some(&admin),
            ImportProgress {
                run: "run-false".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(progress, Some(done));
    // Another person's run is not theirs to watch.
    let other = app.session("admin2@firma.lv", Role::Admin).await;
    let theirs = app
        .call(
            Some(&other),
            ImportProgress {
                run: "run-false".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(theirs, None);

    phone.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    assert_eq!(docs(&phone).await.len(), 2500);
}

/// A sheet row: type, number, registration number, day, amount.
type SheetRow<'a> = (&'a str, &'a str, &'a str, (u16, u8, u8), f64);

/// An export saved from a spreadsheet: amounts as numbers, days as dates.
fn spreadsheet(rows: &[SheetRow]) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let day = Format::new().set_num_format("dd.mm.yyyy");
    for (c, h) in ["Veids", "Nr.", "Reģ. nr.", "Datums", "Summa"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (i, (kind, number, reg, (y, m, d), amount)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, *kind).unwrap();
        sheet.write_string(r, 1, *number).unwrap();
        sheet.write_string(r, 2, *reg).unwrap();
        let date = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
        sheet.write_datetime_with_format(r, 3, &date, &day).unwrap();
        sheet.write_number(r, 4, *amount).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[tokio::test]
async fn an_xlsx_export_is_read_as_its_sources_csv_with_the_sheets_row_numbers() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let phone = device(&ilze).await;
    phone
        .save_card(
            None,
            ClientInput {
                name: "SIA Ābele".into(),
                reg_no: REG_A.into(),
                ..Default::default()
            },
            false,
        )
        .await
        .unwrap();
    phone.sync(&transport(&app, &ilze), |_| {}).await.unwrap();

    let book = spreadsheet(&[
        ("Rēķins", "X-1", REG_A, (2026, 10, 2), 1210.5),
        ("Maksājums", "X-2", REG_A, (2026, 10, 20), 200.0),
        ("Rēķins", "X-3", "40103245759", (2026, 10, 2), 5.0),
    ]);
    let req = || Request {
        actor: "accountant",
        source: "excel",
        adjust: Adjust::default(),
        preview: false,
        device: None,
    };
    let report = money_import::import(&app.db, req(), book.as_slice(), |_| {})
        .await
        .unwrap();
    assert_eq!(
        (report.rows, report.created, report.failed),
        (3, 2, 1),
        "{report:?}"
    );
    // The sheet's fourth row: the header is row 1.
    assert_eq!(report.problems[0].line, 4);

    phone.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    let got = docs(&phone).await;
    let x1 = got.iter().find(|d| d.fields.number == "X-1").unwrap();
    assert_eq!(x1.fields.amount, "1210.5".parse::<Decimal>().unwrap());
    assert_eq!(
        x1.fields.date,
        chrono::NaiveDate::from_ymd_opt(2026, 10, 2).unwrap()
    );
    let again = money_import::import(&app.db, req(), book.as_slice(), |_| {})
        .await
        .unwrap();
    assert_eq!((again.created, again.unchanged), (0, 2));
}
