//! The price list through the real server functions: a head imports the
//! firm's export (CSV or XLSX), previews change nothing, every bad line is
//! named and keeps the whole file out, a second import of the same file
//! changes nothing, an item gone from the file is withdrawn; every device
//! receives the items by sync, with prices only where commercial terms are
//! seen; the import is audited.

use crate::common;

use app::api::ApiError;
use app::api::prices::ImportPriceList;
use app::domain::contract_scan::encode;
use app::domain::price_list::PriceItem;
use app::domain::price_list_file::HeaderProblem;
use app::domain::price_list_import::PriceListReport;
use app::domain::user::Role;
use app::domain::validation::Problem;
use app::sync::device::Device;
use app::sync::memory_store::MemoryStore;
use app::sync::protocol::Row;
use app::sync::tables;
use common::{Session, TestApp, device, transport};
use std::sync::Arc;

const LIST: &str = "\u{feff}Kods;Nosaukums;Grupa;Mērvienība;Mazumtirdzniecība;Vairumtirdzniecība\n\
    A-100;Skrūves 4×40, 200 gab.;Stiprinājumi;kaste;12,40;9,95\n\
    B-200;Dībeļi 8 mm;Stiprinājumi;kaste;6,10;\n\
    C-300;Краска белая 10 л;Krāsas;spainis;54,00;47,50\n";

async fn items(d: &Device<MemoryStore>) -> Vec<PriceItem> {
    let mut all = common::rows_of(d, tables::PRICE_ITEM, |r| match r {
        Row::PriceItem { item } => Some(*item),
        _ => None,
    })
    .await;
    all.sort_by(|a, b| a.code.cmp(&b.code));
    all
}

async fn import(
    app: &TestApp,
    who: &Session,
    file: &[u8],
    preview: bool,
) -> Result<PriceListReport, ApiError> {
    app.call(
        Some(who),
        ImportPriceList {
            data: encode(file),
            preview,
        },
    )
    .await
}

#[tokio::test]
async fn a_head_imports_the_list_and_every_device_gets_it_prices_only_where_seen() {
    let app = Arc::new(TestApp::new().await);
    let head = app.session("vaditaja@firma.lv", Role::Head).await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let logistics = app.session("logistika@firma.lv", Role::Logistics).await;
    let (phone, lg) = (device(&ilze).await, device(&logistics).await);
    let (ti, tl) = (transport(&app, &ilze), transport(&app, &logistics));

    assert_eq!(
        import(&app, &ilze, LIST.as_bytes(), true)
            .await
            .unwrap_err(),
        ApiError::Forbidden
    );

    // A preview reads and compares, and stores nothing.
    let seen = import(&app, &head, LIST.as_bytes(), true).await.unwrap();
    assert_eq!((seen.items, seen.added, seen.written), (3, 3, false));
    assert_eq!(
        seen.price_types,
        ["Mazumtirdzniecība", "Vairumtirdzniecība"]
    );
    phone.sync(&ti, |_| {}).await.unwrap();
    assert!(items(&phone).await.is_empty());

    let done = import(&app, &head, LIST.as_bytes(), false).await.unwrap();
    assert_eq!((done.added, done.changed, done.written), (3, 0, true));
    phone.sync(&ti, |_| {}).await.unwrap();
    let got = items(&phone).await;
    assert_eq!(got.len(), 3);
    assert_eq!(got[0].code, "A-100");
    assert_eq!(got[0].group.as_deref(), Some("Stiprinājumi"));
    assert_eq!(got[0].unit.as_deref(), Some("kaste"));
    let wholesale = got[0].price_for(Some("Vairumtirdzniecība")).unwrap().0;
    assert_eq!(wholesale, "9.95".parse().unwrap());
    // No wholesale price: the base (first) price.
    assert_eq!(
        got[1].price_for(Some("Vairumtirdzniecība")).unwrap().0,
        "6.10".parse().unwrap()
    );
    assert_eq!(got[2].name, "Краска белая 10 л");

    // Logistics names the goods, without a price.
    lg.sync(&tl, |_| {}).await.unwrap();
    let theirs = items(&lg).await;
    assert_eq!(theirs.len(), 3);
    assert!(theirs.iter().all(|i| i.prices.is_empty()), "{theirs:?}");

    // The same file again changes nothing: no new version reaches devices.
    let version = app::backend::version::current(&app.db).await.unwrap();
    let again = import(&app, &head, LIST.as_bytes(), false).await.unwrap();
    assert_eq!((again.unchanged, again.added, again.changed), (3, 0, 0));
    assert_eq!(
        app::backend::version::current(&app.db).await.unwrap(),
        version
    );

    // A new list: one price changed, one item gone (withdrawn, not deleted).
    let next = "Kods;Nosaukums;Grupa;Mērvienība;Mazumtirdzniecība;Vairumtirdzniecība\n\
        A-100;Skrūves 4×40, 200 gab.;Stiprinājumi;kaste;12,90;10,25\n\
        C-300;Краска белая 10 л;Krāsas;spainis;54,00;47,50\n";
    let r = import(&app, &head, next.as_bytes(), false).await.unwrap();
    assert_eq!((r.added, r.changed, r.unchanged, r.withdrawn), (0, 1, 1, 1));
    phone.sync(&ti, |_| {}).await.unwrap();
    let got = items(&phone).await;
    assert!(got[1].withdrawn);
    assert_eq!(
        got[0].price_for(Some("vairumtirdzniecība")).unwrap().0,
        "10.25".parse().unwrap()
    );

    // Each real import is one audit entry with what it changed.
    let mut res = app
        .db
        .query("SELECT VALUE changes FROM audit WHERE action = 'price_list.import' ORDER BY at")
        .await
        .unwrap();
    let audited: Vec<serde_json::Value> = res.take(0).unwrap();
    assert_eq!(audited.len(), 3, "{audited:?}");
    assert_eq!(audited[2]["withdrawn"], 1);
}

#[tokio::test]
async fn a_bad_file_names_every_bad_line_and_keeps_the_stored_list() {
    let app = Arc::new(TestApp::new().await);
    let head = app.session("vaditaja@firma.lv", Role::Head).await;
    import(&app, &head, LIST.as_bytes(), false).await.unwrap();
    let before = app::backend::price_list::stored(&app.db).await.unwrap();

    let bad = "Kods,Nosaukums,Bāzes\n\
        A-100,Skrūves,12.40\n\
        B-200,,-1\n\
        A-100,Skrūves vēlreiz,1\n\
        D 400,Krāsa,abc\n";
    let r = import(&app, &head, bad.as_bytes(), false).await.unwrap();
    assert!(!r.written);
    assert_eq!(r.bad_lines, 3);
    let lines: Vec<usize> = r.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [3, 4, 5]);
    let at3: Vec<(&str, Problem)> = r.problems[0]
        .cells
        .iter()
        .map(|c| (c.column.as_str(), c.problem))
        .collect();
    assert!(at3.contains(&("Nosaukums", Problem::Required)), "{at3:?}");
    assert!(at3.contains(&("Bāzes", Problem::NegativeAmount)), "{at3:?}");
    assert_eq!(r.problems[1].cells[0].problem, Problem::Taken);
    assert_eq!(
        app::backend::price_list::stored(&app.db).await.unwrap(),
        before
    );

    let no_code = import(&app, &head, "Nosaukums;Cena\nSkrūves;1\n".as_bytes(), false)
        .await
        .unwrap();
    assert_eq!(no_code.header, Some(HeaderProblem::Missing("code".into())));
    assert!(!no_code.written);

    // Not text, and not a spreadsheet either.
    let Err(ApiError::Invalid(issues)) =
        import(&app, &head, &[0xff, 0xfe, 0x00, 0x41], false).await
    else {
        panic!("binary accepted");
    };
    assert_eq!(issues.at("file"), Some(Problem::Malformed));
    assert_eq!(
        app::backend::price_list::stored(&app.db).await.unwrap(),
        before
    );
}

#[tokio::test]
async fn a_list_saved_as_xlsx_reads_as_its_csv() {
    use rust_xlsxwriter::Workbook;
    let app = Arc::new(TestApp::new().await);
    let admin = app.session("admin@firma.lv", Role::Admin).await;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Code", "Name", "Group", "Retail", "Wholesale"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "A-100").unwrap();
    sheet.write_string(1, 1, "Skrūves").unwrap();
    sheet.write_string(1, 2, "Stiprinājumi").unwrap();
    sheet.write_number(1, 3, 12.4).unwrap();
    sheet.write_number(1, 4, 9.95).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let r = import(&app, &admin, &bytes, false).await.unwrap();
    assert!(!r.is_bad(), "{r:?}");
    assert_eq!((r.added, r.written), (1, true));
    let stored = app::backend::price_list::stored(&app.db).await.unwrap();
    assert_eq!(
        stored[0].price_for(Some("Wholesale")).unwrap().0,
        "9.95".parse().unwrap()
    );
}
