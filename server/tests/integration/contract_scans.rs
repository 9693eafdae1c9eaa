//! A contract's signed scan through the real server functions: attached by
//! whoever works the client, up to 10 MB, only a PDF, JPEG or PNG (by its
//! bytes), replaced by a newer one, audited, and read back byte for byte by
//! those who work the client — never by a colleague or logistics, and never
//! synced to a device.

use crate::common;

use app::api::ApiError;
use app::api::contract_scans::{GetScan, SaveScan, ScanAttached};
use app::domain::client_input::ClientInput;
use app::domain::contract::ContractInput;
use app::domain::contract_scan::{MAX_SCAN_BYTES, Media, ScanUpload, encode};
use app::domain::user::Role;
use app::domain::validation::Problem;
use app::sync::store::LocalStore;
use common::{TestApp, device, transport};
use std::sync::Arc;

fn upload(contract_id: &str, name: &str, bytes: &[u8]) -> SaveScan {
    SaveScan {
        upload: ScanUpload {
            contract_id: contract_id.into(),
            file_name: name.into(),
            data: encode(bytes),
        },
    }
}

#[tokio::test]
async fn a_signed_scan_is_kept_on_the_server_for_those_who_work_the_client() {
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
                name: "SIA Parakstītājs".into(),
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
                number: "L-77".into(),
                ..ContractInput::draft(&card.id)
            },
        )
        .await
        .unwrap();
    phone.sync(&transport(&app, &ilze), |_| {}).await.unwrap();

    // Nothing attached yet.
    let none = app
        .call(
            Some(&ilze),
            ScanAttached {
                contract_id: contract.id.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(none, None);

    // A PDF with a folder in its name: kept under its own name only.
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.extend((0..200_000u32).map(|i| (i % 251) as u8));
    let saved = app
        .call(
            Some(&ilze),
            upload(&contract.id, "C:\\Skenēti\\Līgums L-77.pdf", &pdf),
        )
        .await
        .unwrap();
    assert_eq!(saved.file_name, "Līgums L-77.pdf");
    assert_eq!(saved.media, Media::Pdf);
    assert_eq!(saved.size, pdf.len() as u64);

    // Her head reads it back, byte for byte, and sees who attached it.
    let got = app
        .call(
            Some(&head),
            GetScan {
                contract_id: contract.id.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(got.bytes().unwrap(), pdf);
    assert_eq!(got.info.by, ilze.user.name);

    // A colleague who does not work the client, and logistics: not found,
    // for reading and for attaching.
    for who in [&janis, &logistics] {
        for e in [
            app.call(
                Some(who),
                GetScan {
                    contract_id: contract.id.clone(),
                },
            )
            .await
            .unwrap_err(),
            app.call(Some(who), upload(&contract.id, "x.pdf", b"%PDF-1.4"))
                .await
                .unwrap_err(),
        ] {
            assert_eq!(e, ApiError::NotFound);
        }
    }
    // An unknown contract says the same.
    assert_eq!(
        app.call(Some(&ilze), upload("nav-tada", "x.pdf", b"%PDF-1.4"))
            .await
            .unwrap_err(),
        ApiError::NotFound
    );

    // Bad files are refused at the file, and the stored scan stays.
    let problem = |e: ApiError| match e {
        ApiError::Invalid(is) => is.at("file"),
        other => panic!("{other:?}"),
    };
    let mut big = b"%PDF-".to_vec();
    big.resize(MAX_SCAN_BYTES + 1, b'x');
    assert_eq!(
        problem(
            app.call(Some(&ilze), upload(&contract.id, "liels.pdf", &big))
                .await
                .unwrap_err()
        ),
        Some(Problem::FileTooLarge { max_mb: 10 })
    );
    assert_eq!(
        problem(
            app.call(
                Some(&ilze),
                upload(&contract.id, "līgums.pdf", b"MZ\x90\x00exe")
            )
            .await
            .unwrap_err()
        ),
        Some(Problem::UnsupportedFile)
    );
    let still = app
        .call(
            Some(&ilze),
            GetScan {
                contract_id: contract.id.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(still.bytes().unwrap(), pdf);

    // A 10 MB photo replaces it (the largest allowed goes through the
    // guard's body limit, base64 and all).
    let mut photo = vec![0xFF, 0xD8, 0xFF, 0xE0];
    photo.resize(MAX_SCAN_BYTES, 7);
    let replaced = app
        .call(Some(&ilze), upload(&contract.id, "foto", &photo))
        .await
        .unwrap();
    assert_eq!(
        (replaced.media, replaced.file_name.as_str()),
        (Media::Jpeg, "foto.jpg")
    );
    let info = app
        .call(
            Some(&head),
            ScanAttached {
                contract_id: contract.id.clone(),
            },
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(info.size, MAX_SCAN_BYTES as u64);

    // Each attachment is in the contract's versions.
    let history = app::backend::audit::history(&app.db, &contract.id)
        .await
        .unwrap();
    let scans: Vec<_> = history
        .iter()
        .filter(|e| e.action == "contract.scan")
        .collect();
    assert_eq!(scans.len(), 2);
    assert_eq!(scans[0].actor_id, ilze.user.id);

    // Devices never receive the bytes: a fresh sync brings the contract
    // and nothing of its scan.
    let desk = device(&ilze).await;
    desk.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    for table in app::sync::kinds::ALL.iter().map(|k| k.table) {
        for row in desk.store().all(table).await.unwrap() {
            let json = serde_json::to_string(&row).unwrap();
            assert!(
                !json.contains("Līgums L-77") && !json.contains("foto.jpg"),
                "{json}"
            );
        }
    }
}
