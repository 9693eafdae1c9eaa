//! Client cards through the real server functions: create, read, edit,
//! archive, search with and without diacritics, visibility, bad input.

use crate::common;

use app::api::ApiError;
use app::api::clients::{CreateClient, GetClient, ListClients, SetClientArchived, UpdateClient};
use app::api::users::ListOwners;
use app::domain::client::{ClientQuery, ClientSort, Segment};
use app::domain::client_input::{ClientInput, ContactInput};
use app::domain::user::Role;
use app::domain::validation::Problem;
use common::{Session, TestApp};
use rust_decimal::Decimal;
use std::str::FromStr;

fn card(name: &str) -> ClientInput {
    ClientInput {
        name: name.into(),
        city: "Rīga".into(),
        credit_limit: "2 500,00".into(),
        payment_terms_days: "30".into(),
        contacts: vec![ContactInput {
            name: "Jānis Bērziņš".into(),
            phones: vec!["29 123 456".into()],
            emails: vec!["Janis@Piens.lv".into()],
            birthday: "1980-05-17".into(),
            ..Default::default()
        }],
        ..Default::default()
    }
}

async fn search(app: &TestApp, s: &Session, text: &str) -> Vec<String> {
    let q = ClientQuery {
        text: text.into(),
        ..Default::default()
    };
    let page = app.call(Some(s), ListClients { query: q }).await.unwrap();
    page.items.into_iter().map(|c| c.name).collect()
}

#[tokio::test]
async fn create_read_edit_archive() {
    let app = TestApp::new().await;
    let s = app.session("ilze@firma.lv", Role::Manager).await;
    let created = app
        .call(
            Some(&s),
            CreateClient {
                input: card("Rīgas Piens"),
            },
        )
        .await
        .unwrap();
    assert_eq!(created.fields.name, "Rīgas Piens");
    assert_eq!(created.owner_id, s.user.id);
    assert_eq!(
        created.fields.credit_limit,
        Some(Decimal::from_str("2500").unwrap())
    );
    assert_eq!(created.contacts[0].fields.phones, ["+37129123456"]);
    assert_eq!(created.contacts[0].fields.emails, ["janis@piens.lv"]);
    assert_eq!(created.created_by, s.user.name);

    let mut edit = ClientInput::from_card(&created);
    edit.city = "Liepāja".into();
    edit.segment = Segment::Key;
    edit.contacts[0].position = "Iepirkumu vadītājs".into();
    edit.contacts.push(ContactInput {
        name: "Anna Ozola".into(),
        ..Default::default()
    });
    let updated = app
        .call(
            Some(&s),
            UpdateClient {
                id: created.id.clone(),
                input: edit,
            },
        )
        .await
        .unwrap();
    assert_eq!(updated.fields.city.as_deref(), Some("Liepāja"));
    assert_eq!(updated.fields.segment, Segment::Key);
    assert_eq!(updated.contacts.len(), 2);
    assert_eq!(
        updated.contacts[0].id, created.contacts[0].id,
        "the contact keeps its id"
    );
    assert!(updated.updated_at >= created.updated_at);

    let again = app
        .call(
            Some(&s),
            GetClient {
                id: created.id.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(again, updated);

    let archived = app
        .call(
            Some(&s),
            SetClientArchived {
                id: created.id.clone(),
                archived: true,
            },
        )
        .await
        .unwrap();
    assert!(archived.archived);
    assert!(
        search(&app, &s, "").await.is_empty(),
        "archived cards leave the list"
    );
    let with_archived = ClientQuery {
        include_archived: true,
        ..Default::default()
    };
    let page = app
        .call(
            Some(&s),
            ListClients {
                query: with_archived,
            },
        )
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);

    // Every change is in the audit trail.
    let mut res = app
        .db
        .query("SELECT VALUE action FROM audit WHERE record = $id ORDER BY at")
        .bind(("id", created.id.clone()))
        .await
        .unwrap();
    let actions: Vec<String> = res.take(0).unwrap();
    assert_eq!(
        actions,
        ["client.create", "client.update", "client.archive"]
    );
}

#[tokio::test]
async fn search_ignores_case_and_diacritics() {
    let app = TestApp::new().await;
    let s = app.session("ilze@firma.lv", Role::Manager).await;
    let mut other = card("Ķemeru Ūdens");
    other.reg_no = "40003032949".into();
    other.vat_no = "LV 4000 3032 949".into();
    other.contacts[0].name = "Olga Ivanova".into();
    other.contacts[0].phones = vec!["+371 67 123 456".into()];
    other.contacts[0].emails = vec!["olga@udens.lv".into()];
    app.call(
        Some(&s),
        CreateClient {
            input: card("Bērziņš un Partneri"),
        },
    )
    .await
    .unwrap();
    app.call(Some(&s), CreateClient { input: other })
        .await
        .unwrap();

    for q in [
        "berzins",
        "Bērziņš",
        "BERZ",
        "partneri berz",
        "janis",
        "2912",
        "+371 29 12",
        "janis@piens",
    ] {
        assert_eq!(
            search(&app, &s, q).await,
            ["Bērziņš un Partneri"],
            "query {q}"
        );
    }
    for q in [
        "kemeru",
        "ūdens",
        "UDENS",
        "ivanova",
        "67123",
        "4000303",
        "lv40003032949",
        "olga@",
    ] {
        assert_eq!(search(&app, &s, q).await, ["Ķemeru Ūdens"], "query {q}");
    }
    assert!(search(&app, &s, "kalns").await.is_empty());
    assert!(
        search(&app, &s, "berzins udens").await.is_empty(),
        "all words must match"
    );
    assert_eq!(search(&app, &s, "").await.len(), 2);
}

#[tokio::test]
async fn the_list_filters_sorts_and_pages() {
    let app = TestApp::new().await;
    let s = app.session("ilze@firma.lv", Role::Manager).await;
    for i in 0..55 {
        let mut c = card(&format!("Ābols {i:02}"));
        c.segment = if i % 5 == 0 {
            Segment::Key
        } else {
            Segment::Active
        };
        c.contacts.clear();
        app.call(Some(&s), CreateClient { input: c }).await.unwrap();
    }
    app.call(
        Some(&s),
        CreateClient {
            input: card("Zaļā Zeme"),
        },
    )
    .await
    .unwrap();
    let first = app
        .call(
            Some(&s),
            ListClients {
                query: ClientQuery::default(),
            },
        )
        .await
        .unwrap();
    assert_eq!(first.items.len(), 50);
    assert!(first.has_more);
    assert_eq!(
        first.items[0].name, "Ābols 00",
        "Ā sorts with A, not after Z"
    );
    let second = app
        .call(
            Some(&s),
            ListClients {
                query: ClientQuery {
                    page: 1,
                    ..Default::default()
                },
            },
        )
        .await
        .unwrap();
    assert_eq!(second.items.len(), 6);
    assert!(!second.has_more);
    assert_eq!(second.items.last().unwrap().name, "Zaļā Zeme");

    let key = ClientQuery {
        segment: Some(Segment::Key),
        ..Default::default()
    };
    assert_eq!(
        app.call(Some(&s), ListClients { query: key })
            .await
            .unwrap()
            .items
            .len(),
        11
    );
    let newest = ClientQuery {
        sort: ClientSort::Newest,
        ..Default::default()
    };
    let page = app
        .call(Some(&s), ListClients { query: newest })
        .await
        .unwrap();
    assert_eq!(page.items[0].name, "Zaļā Zeme");
}

#[tokio::test]
async fn managers_see_only_their_own_cards() {
    let app = TestApp::new().await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let janis = app.session("janis@firma.lv", Role::Manager).await;
    let head = app.session("head@firma.lv", Role::Head).await;
    let logistics = app.session("log@firma.lv", Role::Logistics).await;
    let hers = app
        .call(
            Some(&ilze),
            CreateClient {
                input: card("Ilzes Klients"),
            },
        )
        .await
        .unwrap();

    assert_eq!(
        app.call(
            Some(&janis),
            GetClient {
                id: hers.id.clone()
            }
        )
        .await
        .map(|_| ()),
        Err(ApiError::NotFound)
    );
    let edit = ClientInput::from_card(&hers);
    assert_eq!(
        app.call(
            Some(&janis),
            UpdateClient {
                id: hers.id.clone(),
                input: edit.clone()
            }
        )
        .await
        .map(|_| ()),
        Err(ApiError::NotFound)
    );
    assert_eq!(
        app.call(
            Some(&janis),
            SetClientArchived {
                id: hers.id.clone(),
                archived: true
            }
        )
        .await
        .map(|_| ()),
        Err(ApiError::NotFound)
    );
    assert!(search(&app, &janis, "ilzes").await.is_empty());
    // Filtering by someone else's id does not widen a manager's view.
    let sneaky = ClientQuery {
        owner_id: Some(ilze.user.id.clone()),
        ..Default::default()
    };
    assert!(
        app.call(Some(&janis), ListClients { query: sneaky })
            .await
            .unwrap()
            .items
            .is_empty()
    );
    assert_eq!(
        app.call(Some(&janis), ListOwners {}).await.unwrap().len(),
        1
    );

    assert_eq!(search(&app, &head, "ilzes").await, ["Ilzes Klients"]);
    assert!(
        app.call(
            Some(&head),
            GetClient {
                id: hers.id.clone()
            }
        )
        .await
        .is_ok()
    );
    // Logistics finds the card (for deliveries) but cannot change anything;
    // what it sees of it is in tests/access.rs.
    assert_eq!(search(&app, &logistics, "ilzes").await, ["Ilzes Klients"]);
    assert_eq!(
        app.call(Some(&logistics), CreateClient { input: card("X") })
            .await
            .map(|_| ()),
        Err(ApiError::Forbidden)
    );

    // Only heads and directors hand a card to someone else.
    let mut give = edit.clone();
    give.owner_id = Some(janis.user.id.clone());
    assert_eq!(
        app.call(
            Some(&ilze),
            UpdateClient {
                id: hers.id.clone(),
                input: give.clone()
            }
        )
        .await
        .map(|_| ()),
        Err(ApiError::Forbidden)
    );
    let moved = app
        .call(
            Some(&head),
            UpdateClient {
                id: hers.id.clone(),
                input: give,
            },
        )
        .await
        .unwrap();
    assert_eq!(moved.owner_id, janis.user.id);
    assert!(
        app.call(
            Some(&janis),
            GetClient {
                id: hers.id.clone()
            }
        )
        .await
        .is_ok()
    );
    assert_eq!(
        app.call(Some(&ilze), GetClient { id: hers.id })
            .await
            .map(|_| ()),
        Err(ApiError::NotFound)
    );
}

#[tokio::test]
async fn bad_input_is_rejected_with_reasons_and_nothing_is_saved() {
    let app = TestApp::new().await;
    let s = app.session("ilze@firma.lv", Role::Manager).await;
    let mut bad = card("  ");
    bad.reg_no = "40003032948".into();
    bad.vat_no = "LV123".into();
    bad.credit_limit = "daudz".into();
    bad.contacts[0].phones = vec!["12345".into()];
    bad.contacts[0].emails = vec!["nav@".into()];
    match app.call(Some(&s), CreateClient { input: bad }).await {
        Err(ApiError::Invalid(issues)) => {
            assert_eq!(issues.at("name"), Some(Problem::Required));
            assert_eq!(issues.at("reg_no"), Some(Problem::RegNoChecksum));
            assert_eq!(issues.at("vat_no"), Some(Problem::VatFormat));
            assert_eq!(issues.at("credit_limit"), Some(Problem::InvalidAmount));
            assert_eq!(
                issues.at("contacts.0.phones.0"),
                Some(Problem::InvalidPhone)
            );
            assert_eq!(
                issues.at("contacts.0.emails.0"),
                Some(Problem::InvalidEmail)
            );
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert!(search(&app, &s, "").await.is_empty());

    // An edit with a bad field leaves the stored card untouched.
    let saved = app
        .call(
            Some(&s),
            CreateClient {
                input: card("Labs Klients"),
            },
        )
        .await
        .unwrap();
    let mut edit = ClientInput::from_card(&saved);
    edit.name = "Jauns Nosaukums".into();
    edit.payment_terms_days = "400".into();
    let r = app
        .call(
            Some(&s),
            UpdateClient {
                id: saved.id.clone(),
                input: edit,
            },
        )
        .await;
    assert!(
        matches!(r, Err(ApiError::Invalid(ref i)) if i.at("payment_terms_days") == Some(Problem::InvalidDays))
    );
    let still = app
        .call(Some(&s), GetClient { id: saved.id })
        .await
        .unwrap();
    assert_eq!(still.fields.name, "Labs Klients");
}

#[tokio::test]
async fn a_registration_number_is_used_by_one_card() {
    let app = TestApp::new().await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let janis = app.session("janis@firma.lv", Role::Manager).await;
    let mut a = card("Latvenergo");
    a.reg_no = "40003032949".into();
    app.call(Some(&ilze), CreateClient { input: a.clone() })
        .await
        .unwrap();
    a.name = "Latvenergo AS".into();
    assert_eq!(
        app.call(Some(&ilze), CreateClient { input: a.clone() })
            .await
            .map(|_| ()),
        Err(ApiError::Duplicate("reg_no".into()))
    );
    // Jānis may not see Ilze's card: he learns only that it exists elsewhere.
    let r = app.call(Some(&janis), CreateClient { input: a }).await;
    assert!(
        matches!(r, Err(ApiError::Invalid(ref i)) if i.at("reg_no") == Some(Problem::TakenElsewhere)),
        "{r:?}"
    );
}

#[tokio::test]
async fn unknown_cards_are_not_found() {
    let app = TestApp::new().await;
    let s = app.session("dir@firma.lv", Role::Director).await;
    let r = app
        .call(
            Some(&s),
            GetClient {
                id: "0190b5a0-0000-7000-8000-000000000000".into(),
            },
        )
        .await;
    assert_eq!(r.map(|_| ()), Err(ApiError::NotFound));
}

#[tokio::test]
async fn two_app_servers_on_one_database_see_each_others_changes() {
    let a = TestApp::new().await;
    let b = a.sharing();
    let s = a.session("ilze@firma.lv", Role::Manager).await;
    // Warm B's list before A writes, so B must notice the change itself.
    assert!(search(&b, &s, "").await.is_empty());
    let card = a
        .call(
            Some(&s),
            CreateClient {
                input: card("Ventspils Osta"),
            },
        )
        .await
        .unwrap();
    assert_eq!(search(&b, &s, "osta").await, ["Ventspils Osta"]);
    let mut edit = ClientInput::from_card(&card);
    edit.name = "Liepājas Osta".into();
    b.call(
        Some(&s),
        UpdateClient {
            id: card.id.clone(),
            input: edit,
        },
    )
    .await
    .unwrap();
    assert_eq!(search(&a, &s, "liepajas").await, ["Liepājas Osta"]);
    assert!(search(&a, &s, "ventspils").await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_saves_all_land() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let s = app.session("ilze@firma.lv", Role::Manager).await;
    let mut tasks = Vec::new();
    for i in 0..24 {
        let (app, s) = (app.clone(), s.clone());
        tasks.push(tokio::spawn(async move {
            let mut c = card(&format!("Vienlaicīgs {i:02}"));
            c.contacts.clear();
            app.call(Some(&s), CreateClient { input: c }).await
        }));
    }
    for t in tasks {
        t.await.unwrap().expect("every concurrent save succeeds");
    }
    assert_eq!(search(&app, &s, "vienlaicigs").await.len(), 24);
}
