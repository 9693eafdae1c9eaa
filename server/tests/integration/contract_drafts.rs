//! A contract's draft from a contract template through the real server
//! functions: a head writes the template (lv / en / ru), the manager who
//! works the client gets the PDF of the contract as stored, in the language
//! asked, its text read back with `pdftotext`; nobody else gets it, a
//! proposal's template cannot make one, a template keeps its purpose, and
//! every draft is audited.

use crate::common;
use crate::mail_sink;

use app::api::ApiError;
use app::api::contract_scans::ContractDraft;
use app::api::templates::SaveTemplate;
use app::domain::client_input::ClientInput;
use app::domain::contract::{ContractInput, PointInput, PointState};
use app::domain::template::TemplatePurpose;
use app::domain::user::{Language, Role};
use app::domain::validation::Problem;
use common::{TestApp, device, template_fields, transport};
use std::sync::Arc;

fn draft(contract_id: &str, template_id: &str, lang: Language) -> ContractDraft {
    ContractDraft {
        contract_id: contract_id.into(),
        template_id: template_id.into(),
        lang,
        today: chrono::Utc::now().date_naive(),
    }
}

/// The PDF's text as a reader sees it.
fn read(file: &app::domain::contract_text::DraftFile) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(&file.file_name);
    std::fs::write(&path, file.bytes().unwrap()).unwrap();
    mail_sink::pdf_text(&path)
}

#[tokio::test]
async fn a_draft_is_made_from_the_contract_as_stored_for_those_who_work_its_client() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let janis = app.session("janis@firma.lv", Role::Manager).await;
    let logistics = app.session("logistika@firma.lv", Role::Logistics).await;
    let phone = device(&ilze).await;
    let card = phone
        .save_card(
            None,
            ClientInput {
                name: "SIA Ūdeņu Koks".into(),
                address: "Brīvības iela 1".into(),
                city: "Rīga".into(),
                ..Default::default()
            },
            false,
        )
        .await
        .unwrap();
    let contract = phone
        .save_contract(
            None,
            ContractInput {
                number: "L-2026/7".into(),
                payment_days: "30".into(),
                credit_limit: "15 000,50".into(),
                delivery_terms: "DAP Rīga".into(),
                accelerated_delivery: true,
                points: vec![
                    PointInput {
                        text: "Atlaide 5 %".into(),
                        state: PointState::Agreed,
                    },
                    PointInput {
                        text: "Bez priekšapmaksas".into(),
                        state: PointState::Dropped,
                    },
                ],
                ..ContractInput::draft(&card.id)
            },
        )
        .await
        .unwrap();
    phone.sync(&transport(&app, &ilze), |_| {}).await.unwrap();

    // Only those who lead people write templates.
    assert_eq!(
        app.call(
            Some(&ilze),
            SaveTemplate {
                id: None,
                fields: common::contract_template_fields("Piegādes līgums"),
            },
        )
        .await
        .unwrap_err(),
        ApiError::Forbidden
    );
    let template = app
        .call(
            Some(&head),
            SaveTemplate {
                id: None,
                fields: common::contract_template_fields("Piegādes līgums"),
            },
        )
        .await
        .unwrap();
    assert_eq!(template.fields.purpose, TemplatePurpose::Contract);

    // The manager's draft in Latvian: the terms as the contract holds them.
    let lv = app
        .call(Some(&ilze), draft(&contract.id, &template.id, Language::Lv))
        .await
        .unwrap();
    assert_eq!(lv.file_name, "L-2026-7.pdf");
    assert!(lv.bytes().unwrap().starts_with(b"%PDF"));
    let words = read(&lv);
    let flat = words.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Līgums Nr. L-2026/7",
        "SIA Ūdeņu Koks, Brīvības iela 1, Rīga, turpmāk — Pircējs.",
        "Apmaksa 30 dienu laikā; kredītlimits 15 000,50 €.",
        "Piegāde: DAP Rīga (paātrināta piegāde).",
        "• Atlaide 5 % (saskaņots)",
        &format!("Vadītājs: {}.", ilze.user.name),
    ] {
        assert!(flat.contains(expected), "{expected:?} not in:\n{words}");
    }
    assert!(
        !flat.contains("priekšapmaksas"),
        "a dropped point is left out"
    );

    // In Russian, with Cyrillic in the embedded font.
    let ru = app
        .call(Some(&head), draft(&contract.id, &template.id, Language::Ru))
        .await
        .unwrap();
    let flat = read(&ru).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Договор № L-2026/7"), "{flat}");
    assert!(flat.contains("договор поставки с SIA Ūdeņu Koks"), "{flat}");

    // A colleague who does not work the client, and logistics: not found.
    for who in [&janis, &logistics] {
        assert_eq!(
            app.call(Some(who), draft(&contract.id, &template.id, Language::Lv))
                .await
                .unwrap_err(),
            ApiError::NotFound
        );
    }
    // A proposal's template makes no contract, nor does an unknown one.
    let proposal = app
        .call(
            Some(&head),
            SaveTemplate {
                id: None,
                fields: template_fields("Pavasaris"),
            },
        )
        .await
        .unwrap();
    for tid in [proposal.id.as_str(), "nav-tādas"] {
        assert_eq!(
            app.call(Some(&ilze), draft(&contract.id, tid, Language::Lv))
                .await
                .unwrap_err(),
            ApiError::NotFound
        );
    }
    // A day that is nowhere on Earth now is refused.
    let mut future = draft(&contract.id, &template.id, Language::Lv);
    future.today += chrono::Duration::days(3);
    let Err(ApiError::Invalid(issues)) = app.call(Some(&ilze), future).await else {
        panic!("a day three days ahead was taken");
    };
    assert_eq!(issues.at("today"), Some(Problem::InvalidDate));

    // A template keeps its purpose: proposals name theirs.
    let Err(ApiError::Invalid(issues)) = app
        .call(
            Some(&head),
            SaveTemplate {
                id: Some(proposal.id.clone()),
                fields: common::contract_template_fields("Pavasaris"),
            },
        )
        .await
    else {
        panic!("a proposal's template became a contract's");
    };
    assert_eq!(issues.at("purpose"), Some(Problem::Malformed));

    // Each draft is in the contract's history, with its template.
    let history = app::backend::audit::history(&app.db, &contract.id)
        .await
        .unwrap();
    let drafts: Vec<_> = history
        .iter()
        .filter(|e| e.action == "contract.draft")
        .collect();
    assert_eq!(drafts.len(), 2, "{history:?}");
}
