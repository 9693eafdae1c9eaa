//! The access model through the real server functions on `mem://`: every
//! function for every role (each denial proved, not only the happy path),
//! commercial terms kept from those without sight of them, deputy cover
//! starting and ending with its range (on the server and on devices), and
//! the audit that records it all.

use crate::common;

use app::api::ApiError;
use app::api::audit::{CardHistory, SearchAudit};
use app::api::auth::{CurrentUser, SetMyLanguage, SignOut};
use app::api::clients::{
    CreateClient, ExportClients, GetClient, ListClients, SetClientArchived, UpdateClient,
};
use app::api::covers::{CreateCover, EndCover, ListCovers};
use app::api::sync::{SyncPull, SyncPush};
use app::api::team::{ListTeam, SetTargets};
use app::api::users::{
    CreateUser, ListDeputies, ListOwners, ListUsers, SetUserActive, SetUserDepartment,
    SetUserExport,
};
use app::domain::audit::AuditQuery;
use app::domain::call_log::CallInput;
use app::domain::calling::targets::TargetsInput;
use app::domain::client::{ClientCard, ClientQuery};
use app::domain::client_input::{ClientInput, ContactInput};
use app::domain::cover::{CoverInput, CoverView};
use app::domain::user::{Language, Role, UserInput};
use app::sync::protocol::{AckStatus, PullAnswer, PullRequest, PushBatch, Row};
use app::sync::store::LocalStore;
use app::sync::tables;
use chrono::{Duration, Utc};
use common::{Session, TestApp, call_input as call, device, transport};
use std::sync::Arc;

fn card(name: &str) -> ClientInput {
    ClientInput {
        name: name.into(),
        city: "Rīga".into(),
        price_type: "Vairumcena B".into(),
        payment_terms_days: "30".into(),
        credit_limit: "5000".into(),
        contacts: vec![ContactInput {
            name: "Anna Ozola".into(),
            phones: vec!["29 123 456".into()],
            ..Default::default()
        }],
        ..Default::default()
    }
}

/// A device's operation creating this call, stamped `at`.
fn call_op(input: &CallInput, at: chrono::DateTime<Utc>) -> app::sync::op::Op {
    let fields = serde_json::from_value::<serde_json::Map<String, serde_json::Value>>(
        serde_json::to_value(input).unwrap(),
    )
    .unwrap();
    app::sync::op::Op {
        op_id: uuid::Uuid::now_v7().to_string(),
        device_id: "probe".into(),
        seq: 1,
        table: tables::CALL_LOG.into(),
        record_id: uuid::Uuid::now_v7().to_string(),
        hlc: app::sync::hlc::Hlc {
            millis: at.timestamp_millis() as u64,
            counter: 0,
            device: "probe".into(),
        },
        kind: app::sync::op::OpKind::Patch {
            fields: fields.into_iter().collect(),
            base: Default::default(),
        },
    }
}

fn cover(owner: &Session, deputy: &Session, days: i64) -> CoverInput {
    CoverInput {
        owner_id: owner.user.id.clone(),
        deputy_id: deputy.user.id.clone(),
        starts: Utc::now() - Duration::hours(1),
        ends: Utc::now() + Duration::days(days),
        clients: Vec::new(),
        note: "Atvaļinājums; SIA Koks gaida piedāvājumu".into(),
    }
}

/// Everything a fresh device of this user would download.
async fn pull_all(app: &TestApp, s: &Session) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut cursor = None;
    loop {
        let answer = app
            .call(
                Some(s),
                SyncPull {
                    request: PullRequest {
                        cursor: cursor.clone(),
                        limit: 2000,
                        refetch: Vec::new(),
                        count: false,
                    },
                },
            )
            .await
            .unwrap();
        match answer {
            PullAnswer::Page {
                rows: r,
                cursor: c,
                more,
                ..
            } => {
                rows.extend(r);
                cursor = Some(c);
                if !more {
                    return rows;
                }
            }
            PullAnswer::Reset => panic!("a fresh pull is never reset"),
        }
    }
}

fn cards_in(rows: &[Row]) -> Vec<&ClientCard> {
    rows.iter()
        .filter_map(|r| match r {
            Row::Client { card, .. } => Some(card.as_ref()),
            _ => None,
        })
        .collect()
}

fn count(rows: &[Row], table: &str) -> usize {
    rows.iter().filter(|r| r.key().table == table).count()
}

/// The people of the matrix: Ilze owns the card; the others are placed
/// around her.
struct People {
    ilze: Session,
    janis: Session,
    other_manager: Session,
    head: Session,
    other_head: Session,
    director: Session,
    logistics: Session,
    admin: Session,
    deputy: Session,
}

async fn people(app: &TestApp) -> People {
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let janis = app.session("janis@firma.lv", Role::Manager).await;
    let other_manager = app
        .session_in("peteris@firma.lv", Role::Manager, Some("Liepāja"))
        .await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let other_head = app
        .session_in("liepajas.vaditaja@firma.lv", Role::Head, Some("Liepāja"))
        .await;
    let director = app
        .session_in("direktors@firma.lv", Role::Director, None)
        .await;
    let logistics = app
        .session_in("logistika@firma.lv", Role::Logistics, None)
        .await;
    let admin = app.session_in("admin@firma.lv", Role::Admin, None).await;
    let deputy = app
        .session_in("aizvietotaja@firma.lv", Role::Manager, Some("Liepāja"))
        .await;
    People {
        ilze,
        janis,
        other_manager,
        head,
        other_head,
        director,
        logistics,
        admin,
        deputy,
    }
}

/// What the probes need beyond the card: Ilze (whose card it is) and her
/// colleague Jānis.
struct Ctx {
    ilze: Session,
    janis: Session,
    /// A contract on Ilze's card.
    contract: String,
    /// A contract template (written by her head).
    contract_template: String,
}

/// A cover of Ilze's starting tomorrow, with Jānis as her deputy, written
/// straight to the database (each probe of `covers/end` ends a fresh one).
async fn fresh_cover(app: &TestApp, ctx: &Ctx) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    app.db
        .query(
            "CREATE type::record('cover', $id) CONTENT { owner: $owner, deputy: $deputy, \
             starts: time::now() + 1d, ends: time::now() + 3d, clients: NONE, note: NONE, \
             created_by: $owner, created_at: time::now() }",
        )
        .bind(("id", id.clone()))
        .bind(("owner", ctx.ilze.user.id.clone()))
        .bind(("deputy", ctx.janis.user.id.clone()))
        .await
        .unwrap()
        .check()
        .unwrap();
    id
}

/// Work Ilze's signed-out phone handed in, waiting for review.
async fn fresh_review_item(app: &TestApp, ctx: &Ctx) -> String {
    let id = uuid::Uuid::now_v7().simple().to_string();
    app.db
        .query(
            "CREATE type::record('review', $id) CONTENT { user: $user, department: $dep, \
             device: 'telefons', table: 'client', record: 'nav', op: '{}', at: time::now() }",
        )
        .bind(("id", id.clone()))
        .bind(("user", ctx.ilze.user.id.clone()))
        .bind(("dep", common::DEPARTMENT))
        .await
        .unwrap()
        .check()
        .unwrap();
    id
}

/// What one role got from one function: `ok`, a denial's HTTP status, or
/// (for lists and pulls) what they saw.
async fn probe(
    app: &Arc<TestApp>,
    ctx: &Ctx,
    who: Option<&Session>,
    f: &str,
    card_id: &str,
) -> String {
    let status = |r: Result<(), ApiError>| match r {
        Ok(()) => "ok".to_string(),
        Err(e) => e.status().to_string(),
    };
    let ilze_id = || {
        // Ilze's id is what the card's owner is; read it off the card row.
        let db = app.db.clone();
        let id = card_id.to_string();
        async move {
            let mut res = db
                .query("SELECT VALUE owner FROM ONLY type::record('client', $id)")
                .bind(("id", id))
                .await
                .unwrap();
            let owner: Option<String> = res.take(0).unwrap();
            owner.unwrap()
        }
    };
    match f {
        "me" => status(
            app.call(who, CurrentUser {})
                .await
                .and_then(|m| m.map(|_| ()).ok_or(ApiError::Unauthorized)),
        ),
        "me/language" => status(
            app.call(
                who,
                SetMyLanguage {
                    language: Language::Lv,
                },
            )
            .await,
        ),
        "clients/list" => match app
            .call(
                who,
                ListClients {
                    query: ClientQuery::default(),
                },
            )
            .await
        {
            Ok(page) if page.items.iter().any(|c| c.id == card_id) => "sees".into(),
            Ok(_) => "hidden".into(),
            Err(e) => e.status().to_string(),
        },
        "clients/get" => match app.call(who, GetClient { id: card_id.into() }).await {
            Ok(c) if c.fields.credit_limit.is_some() => "full".into(),
            Ok(_) => "basic".into(),
            Err(e) => e.status().to_string(),
        },
        "clients/create" => status(
            app.call(
                who,
                CreateClient {
                    input: card(&format!("Jauns {}", uuid::Uuid::now_v7())),
                },
            )
            .await
            .map(|_| ()),
        ),
        "clients/update" => status(
            app.call(
                who,
                UpdateClient {
                    id: card_id.into(),
                    input: card("SIA Koks"),
                },
            )
            .await
            .map(|_| ()),
        ),
        "clients/archive" => {
            let r = app
                .call(
                    who,
                    SetClientArchived {
                        id: card_id.into(),
                        archived: true,
                    },
                )
                .await;
            if r.is_ok() {
                app.call(
                    who,
                    SetClientArchived {
                        id: card_id.into(),
                        archived: false,
                    },
                )
                .await
                .unwrap();
            }
            status(r.map(|c| assert!(c.archived)))
        }
        "clients/export" => match app
            .call(
                who,
                ExportClients {
                    query: ClientQuery::default(),
                    lang: app::domain::user::Language::Lv,
                },
            )
            .await
        {
            Ok(x) if x.csv.contains("SIA Koks") => "sees".into(),
            Ok(_) => "hidden".into(),
            Err(e) => e.status().to_string(),
        },
        "clients/export/xlsx" => match app
            .call(
                who,
                app::api::clients::ExportClientsXlsx {
                    query: ClientQuery::default(),
                },
            )
            .await
        {
            Ok(x) => {
                let bytes = app::domain::contract_scan::decode(&x.data).unwrap();
                let mut book: calamine::Xlsx<_> =
                    calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
                let range = calamine::Reader::worksheet_range(&mut book, "Klienti").unwrap();
                let names: Vec<String> = range.rows().map(|r| r[0].to_string()).collect();
                if names.iter().any(|n| n == "SIA Koks") {
                    "sees".into()
                } else {
                    "hidden".into()
                }
            }
            Err(e) => e.status().to_string(),
        },
        "sync/push" => {
            // Made by hand: a device refuses to log a call for a card it
            // does not hold, and the probe asks the server.
            let op = call_op(&call(card_id), Utc::now());
            match app
                .call(
                    who,
                    SyncPush {
                        batch: PushBatch {
                            device_id: "probe".into(),
                            ops: vec![op],
                            after: None,
                        },
                    },
                )
                .await
            {
                Ok(acks) => match &acks[0].status {
                    AckStatus::Applied => "ok".into(),
                    AckStatus::Rejected { reason } => reason.status().to_string(),
                    AckStatus::Duplicate => "dup".into(),
                },
                Err(e) => e.status().to_string(),
            }
        }
        "sync/pull" => {
            let Some(s) = who else {
                return status(
                    app.call(
                        None,
                        SyncPull {
                            request: PullRequest {
                                cursor: None,
                                limit: 10,
                                refetch: Vec::new(),
                                count: false,
                            },
                        },
                    )
                    .await
                    .map(|_| ()),
                );
            };
            let rows = pull_all(app, s).await;
            let cards = cards_in(&rows);
            match cards.iter().find(|c| c.id == card_id) {
                None => "hidden".into(),
                Some(c)
                    if c.fields.credit_limit.is_some() && count(&rows, tables::CALL_LOG) > 0 =>
                {
                    "full".into()
                }
                Some(_) if count(&rows, tables::CALL_LOG) == 0 => "basic".into(),
                Some(_) => "leak".into(),
            }
        }
        "team/list" => status(app.call(who, ListTeam {}).await.map(|_| ())),
        "team/set-targets" => status(
            app.call(
                who,
                SetTargets {
                    user_id: ilze_id().await,
                    input: TargetsInput::of(Default::default(), Default::default()),
                },
            )
            .await
            .map(|_| ()),
        ),
        "users/list" => status(app.call(who, ListUsers {}).await.map(|_| ())),
        "users/create" => status(
            app.call(
                who,
                CreateUser {
                    input: UserInput {
                        email: format!("u{}@firma.lv", uuid::Uuid::now_v7().simple()),
                        name: "Jauns".into(),
                        role: "manager".into(),
                        department: "Rīga".into(),
                        language: "lv".into(),
                        password: "pietiekami-gara".into(),
                        admin: false,
                    },
                },
            )
            .await
            .map(|_| ()),
        ),
        "users/set-active" => status(
            app.call(
                who,
                SetUserActive {
                    id: ilze_id().await,
                    active: true,
                },
            )
            .await
            .map(|_| ()),
        ),
        "users/set-export" => status(
            app.call(
                who,
                SetUserExport {
                    id: ilze_id().await,
                    may_export: false,
                },
            )
            .await
            .map(|_| ()),
        ),
        "users/owners" => match app.call(who, ListOwners {}).await {
            Ok(list) => {
                let ilze = ilze_id().await;
                if list.iter().any(|o| o.id == ilze) {
                    "sees".into()
                } else {
                    "hidden".into()
                }
            }
            Err(e) => e.status().to_string(),
        },
        "users/deputies" => status(app.call(who, ListDeputies {}).await.map(|_| ())),
        "users/set-department" => status(
            app.call(
                who,
                SetUserDepartment {
                    id: ilze_id().await,
                    department: common::DEPARTMENT.into(),
                },
            )
            .await
            .map(|u| assert_eq!(u.department.as_deref(), Some(common::DEPARTMENT))),
        ),
        "covers/end" => {
            let id = fresh_cover(app, ctx).await;
            status(app.call(who, EndCover { id }).await.map(|_| ()))
        }
        "sessions/revoke" => {
            // A second device of Ilze's, signed out by `who`.
            let phone = app.sign_in(ctx.ilze.user.clone()).await;
            let mine = app
                .call(
                    Some(&phone),
                    app::api::sessions::ListSessions { user_id: None },
                )
                .await
                .unwrap();
            let id = mine.into_iter().find(|s| s.current).unwrap().id;
            let r = app
                .call(who, app::api::sessions::RevokeSession { id })
                .await;
            if r.is_ok() {
                assert_eq!(
                    app.call(Some(&phone), CurrentUser {}).await,
                    Err(ApiError::SignedOut)
                );
            }
            status(r)
        }
        "review/done" => {
            let id = fresh_review_item(app, ctx).await;
            status(app.call(who, app::api::review::ReviewDone { id }).await)
        }
        "me/password" => status(
            app.call(
                who,
                app::api::auth::ChangeMyPassword {
                    current: common::PASSWORD.into(),
                    new: common::PASSWORD.into(),
                },
            )
            .await,
        ),
        // A throwaway user each time: a reset ends all their sessions.
        "users/reset-password" => {
            let email = format!("u{}@firma.lv", uuid::Uuid::now_v7().simple());
            let user = app.add_user(&email, Role::Manager).await;
            status(
                app.call(who, app::api::users::ResetUserPassword { id: user.id })
                    .await
                    .map(|temporary| assert!(temporary.len() >= 16)),
            )
        }
        // Users exist: the set-up link is refused to everyone.
        "setup/first-admin" => status(
            app.call(
                who,
                app::api::auth::CreateFirstAdmin {
                    token: "0".repeat(64),
                    input: UserInput {
                        email: "vel.viens@firma.lv".into(),
                        name: "Vēl Viens".into(),
                        role: "admin".into(),
                        department: String::new(),
                        language: "lv".into(),
                        password: "pietiekami-gara".into(),
                        admin: true,
                    },
                },
            )
            .await
            .map(|_| ()),
        ),
        "setup-status" => status(
            app.call(who, app::api::auth::SetupStatus {})
                .await
                .map(|s| assert!(!s.needs_first_admin)),
        ),
        // Public: anyone may sign in as Ilze with her password, signed in
        // as someone else or not; the new session is hers.
        "sign-in" => status(
            app.call(
                who,
                app::api::auth::SignIn {
                    email: ctx.ilze.user.email.clone(),
                    password: common::PASSWORD.into(),
                },
            )
            .await
            .map(|me| assert_eq!(me.id, ctx.ilze.user.id)),
        ),
        // Public too: it ends the session it is called with, if any. The
        // probe ends a second session of `who` (the matrix goes on with the
        // first).
        "sign-out" => {
            let second = match who {
                Some(s) => Some(app.sign_in(s.user.clone()).await),
                None => None,
            };
            let r = app.call(second.as_ref(), SignOut {}).await;
            if let Some(s) = &second {
                assert_eq!(app.call(Some(s), CurrentUser {}).await, Ok(None));
            }
            status(r)
        }
        "covers/list" => status(app.call(who, ListCovers {}).await.map(|_| ())),
        "covers/create" => {
            let ilze = ilze_id().await;
            let janis = app
                .call(who, ListDeputies {})
                .await
                .ok()
                .and_then(|l| l.into_iter().find(|o| o.id != ilze))
                .map(|o| o.id)
                .unwrap_or_else(|| "nobody".into());
            let r = app
                .call(
                    who,
                    CreateCover {
                        input: CoverInput {
                            owner_id: ilze,
                            deputy_id: janis,
                            starts: Utc::now() + Duration::days(30),
                            ends: Utc::now() + Duration::days(31),
                            clients: Vec::new(),
                            note: String::new(),
                        },
                    },
                )
                .await;
            status(r.map(|_| ()))
        }
        "schemes/save" => status(
            app.call(
                who,
                app::api::schemes::SaveScheme {
                    id: None,
                    input: common::scheme_input(
                        &who.map_or("anon".to_string(), |w| w.user.id.clone()),
                    ),
                },
            )
            .await
            .map(|_| ()),
        ),
        "templates/save" => status(
            app.call(
                who,
                app::api::templates::SaveTemplate {
                    id: None,
                    fields: common::template_fields(
                        &who.map_or("anon".to_string(), |w| w.user.id.clone()),
                    ),
                },
            )
            .await
            .map(|_| ()),
        ),
        "mail/settings" => status(
            app.call(who, app::api::mail::MailSettings {})
                .await
                .map(|v| assert!(!v.from_page)),
        ),
        "money/import" => status(
            app.call(
                who,
                app::api::money::ImportDocuments {
                    upload: app::domain::receivables::upload::Upload {
                        run: uuid::Uuid::now_v7().to_string(),
                        source: "probe".into(),
                        data: app::domain::contract_scan::encode(
                            b"type;number;client;date;amount\n",
                        ),
                        adjust: Default::default(),
                        preview: true,
                    },
                },
            )
            .await
            .map(|_| ()),
        ),
        "money/import/progress" => status(
            app.call(
                who,
                app::api::money::ImportProgress {
                    run: "probe".into(),
                },
            )
            .await
            .map(|_| ()),
        ),
        "money/tokens" => status(
            app.call(who, app::api::money::ListApiTokens {})
                .await
                .map(|_| ()),
        ),
        "money/tokens/create" => status(
            app.call(
                who,
                app::api::money::CreateApiToken {
                    name: format!("probe {}", uuid::Uuid::now_v7()),
                },
            )
            .await
            .map(|t| assert!(t.secret.starts_with("kt_"))),
        ),
        "money/stop" => status(
            app.call(
                who,
                app::api::receivables::StopShipments {
                    input: app::domain::receivables::shipment_stop::StopInput {
                        client_id: card_id.into(),
                        stopped: true,
                        reason: String::new(),
                    },
                },
            )
            .await
            .map(|_| ()),
        ),
        "money/accounts" => status(
            app.call(
                who,
                app::api::receivables::Accounts {
                    query: Default::default(),
                },
            )
            .await
            .map(|_| ()),
        ),
        "company/get" => status(
            app.call(who, app::api::receivables::CompanyDetails {})
                .await
                .map(|_| ()),
        ),
        "prices/import" => status(
            app.call(
                who,
                app::api::prices::ImportPriceList {
                    data: app::domain::contract_scan::encode(
                        "Kods;Nosaukums;Bāzes\nA-1;Skrūves;1,20\n".as_bytes(),
                    ),
                    preview: true,
                },
            )
            .await
            .map(|_| ()),
        ),
        "company/save" => status(
            app.call(
                who,
                app::api::receivables::SaveCompany {
                    input: app::domain::company::CompanyInput {
                        name: "SIA Kartotēka".into(),
                        ..Default::default()
                    },
                },
            )
            .await
            .map(|_| ()),
        ),
        "money/tokens/revoke" => {
            // A fresh token each time, made straight in the database.
            let made = app::backend::money_import::api_tokens::create(
                &app.db,
                "probe",
                &format!("probe {}", uuid::Uuid::now_v7()),
                None,
            )
            .await
            .unwrap();
            status(
                app.call(who, app::api::money::RevokeApiToken { id: made.id })
                    .await,
            )
        }
        "mail/settings/save" => status(
            app.call(
                who,
                app::api::mail::SaveMailSettings {
                    input: app::domain::mail::MailSettingsInput {
                        smtp_host: String::new(),
                        smtp_port: String::new(),
                        security: app::domain::mail::SmtpSecurity::StartTls,
                        smtp_user: String::new(),
                        smtp_password: None,
                        mail_from: String::new(),
                        as_manager: false,
                        daily_cap: "500".into(),
                        per_minute: "120".into(),
                        public_url: String::new(),
                    },
                },
            )
            .await
            .map(|_| ()),
        ),
        "mail/status" => status(
            app.call(who, app::api::mail::MailState {})
                .await
                .map(|m| assert!(!m.configured)),
        ),
        "sessions/list" => status(
            app.call(who, app::api::sessions::ListSessions { user_id: None })
                .await
                .map(|l| assert_eq!(l.len(), 1)),
        ),
        "review/list" => status(
            app.call(who, app::api::review::ListReview {})
                .await
                .map(|_| ()),
        ),
        "contracts/scan/save" => status(
            app.call(
                who,
                app::api::contract_scans::SaveScan {
                    upload: app::domain::contract_scan::ScanUpload {
                        contract_id: ctx.contract.clone(),
                        file_name: "līgums.pdf".into(),
                        data: app::domain::contract_scan::encode(b"%PDF-1.4 signed"),
                    },
                },
            )
            .await
            .map(|i| assert_eq!(i.file_name, "līgums.pdf")),
        ),
        "contracts/scan/attached" => status(
            app.call(
                who,
                app::api::contract_scans::ScanAttached {
                    contract_id: ctx.contract.clone(),
                },
            )
            .await
            .map(|i| assert!(i.is_some())),
        ),
        "contracts/scan/get" => status(
            app.call(
                who,
                app::api::contract_scans::GetScan {
                    contract_id: ctx.contract.clone(),
                },
            )
            .await
            .map(|f| assert_eq!(f.bytes().as_deref(), Some(&b"%PDF-1.4 signed"[..]))),
        ),
        "contracts/draft" => status(
            app.call(
                who,
                app::api::contract_scans::ContractDraft {
                    contract_id: ctx.contract.clone(),
                    template_id: ctx.contract_template.clone(),
                    lang: app::domain::user::Language::Lv,
                    today: chrono::Utc::now().date_naive(),
                },
            )
            .await
            .map(|f| assert!(f.bytes().unwrap().starts_with(b"%PDF"))),
        ),
        "audit/contract" => status(
            app.call(
                who,
                app::api::audit::ContractHistory {
                    contract_id: ctx.contract.clone(),
                },
            )
            .await
            .map(|h| assert!(!h.is_empty())),
        ),
        "audit/card" => status(
            app.call(
                who,
                CardHistory {
                    client_id: card_id.into(),
                },
            )
            .await
            .map(|h| assert!(!h.is_empty())),
        ),
        "audit/search" => match app
            .call(
                who,
                SearchAudit {
                    query: AuditQuery {
                        user_id: None,
                        from: Utc::now() - Duration::days(1),
                        to: Utc::now() + Duration::days(1),
                    },
                },
            )
            .await
        {
            Ok(found)
                if found
                    .iter()
                    .any(|e| e.record == card_id && e.changes.is_null()) =>
            {
                "redacted".into()
            }
            Ok(found) if found.iter().any(|e| e.record == card_id) => "sees".into(),
            Ok(_) => "hidden".into(),
            Err(e) => e.status().to_string(),
        },
        other => panic!("no probe for {other}"),
    }
}

/// Every server function for every role. A row is the function; the
/// columns are: nobody signed in, the owner (Ilze, manager), a colleague in
/// her department, a manager elsewhere, her head, another department's head,
/// a director, logistics, an admin, and a deputy covering Ilze now.
const MATRIX: &[(&str, [&str; 10])] = &[
    //                  anon   owner   colleague other-mgr head  other-head director logistics admin  deputy
    (
        "me",
        ["401", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    ),
    (
        "me/language",
        ["401", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    ),
    (
        "clients/list",
        [
            "401", "sees", "hidden", "hidden", "sees", "hidden", "sees", "sees", "hidden", "sees",
        ],
    ),
    (
        "clients/get",
        [
            "401", "full", "404", "404", "full", "404", "full", "basic", "404", "full",
        ],
    ),
    (
        "clients/create",
        [
            "401", "ok", "ok", "ok", "ok", "ok", "ok", "403", "403", "ok",
        ],
    ),
    (
        "clients/update",
        [
            "401", "ok", "404", "404", "ok", "404", "ok", "403", "404", "ok",
        ],
    ),
    (
        "clients/archive",
        [
            "401", "ok", "404", "404", "ok", "404", "ok", "403", "404", "ok",
        ],
    ),
    (
        "clients/export",
        [
            "401", "403", "403", "403", "sees", "hidden", "sees", "403", "403", "403",
        ],
    ),
    (
        "clients/export/xlsx",
        [
            "401", "403", "403", "403", "sees", "hidden", "sees", "403", "403", "403",
        ],
    ),
    (
        "sync/push",
        [
            "401", "ok", "404", "404", "ok", "404", "ok", "404", "404", "ok",
        ],
    ),
    (
        "sync/pull",
        [
            "401", "full", "hidden", "hidden", "full", "hidden", "full", "basic", "hidden", "full",
        ],
    ),
    (
        "team/list",
        [
            "401", "403", "403", "403", "ok", "ok", "ok", "403", "403", "403",
        ],
    ),
    (
        "team/set-targets",
        [
            "401", "403", "403", "403", "ok", "403", "ok", "403", "403", "403",
        ],
    ),
    (
        "users/list",
        [
            "401", "403", "403", "403", "403", "403", "403", "403", "ok", "403",
        ],
    ),
    (
        "users/create",
        [
            "401", "403", "403", "403", "403", "403", "403", "403", "ok", "403",
        ],
    ),
    (
        "users/set-active",
        [
            "401", "403", "403", "403", "403", "403", "403", "403", "ok", "403",
        ],
    ),
    (
        "users/set-export",
        [
            "401", "403", "403", "403", "403", "403", "403", "403", "ok", "403",
        ],
    ),
    (
        "users/owners",
        [
            "401", "sees", "hidden", "hidden", "sees", "hidden", "sees", "hidden", "hidden",
            "hidden",
        ],
    ),
    (
        "users/deputies",
        [
            "401", "ok", "ok", "ok", "ok", "ok", "ok", "403", "403", "ok",
        ],
    ),
    (
        "covers/list",
        ["401", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    ),
    (
        "covers/create",
        [
            "401", "ok", "403", "403", "ok", "403", "ok", "403", "403", "403",
        ],
    ),
    (
        "schemes/save",
        [
            "401", "403", "403", "403", "ok", "ok", "ok", "403", "403", "403",
        ],
    ),
    (
        "templates/save",
        [
            "401", "403", "403", "403", "ok", "ok", "ok", "403", "403", "403",
        ],
    ),
    (
        "mail/settings",
        [
            "401", "403", "403", "403", "403", "403", "403", "403", "ok", "403",
        ],
    ),
    (
        "money/import",
        [
            "401", "403", "403", "403", "403", "403", "403", "403", "ok", "403",
        ],
    ),
    (
        "money/import/progress",
        [
            "401", "403", "403", "403", "403", "403", "403", "403", "ok", "403",
        ],
    ),
    (
        "prices/import",
        [
            "401", "403", "403", "403", "ok", "ok", "ok", "403", "ok", "403",
        ],
    ),
    (
        "money/tokens",
        [
            "401", "403", "403", "403", "403", "403", "403", "403", "ok", "403",
        ],
    ),
    (
        "money/tokens/create",
        [
            "401", "403", "403", "403", "403", "403", "403", "403", "ok", "403",
        ],
    ),
    (
        "money/tokens/revoke",
        [
            "401", "403", "403", "403", "403", "403", "403", "403", "ok", "403",
        ],
    ),
    (
        "money/stop",
        [
            "401", "403", "403", "403", "ok", "404", "ok", "403", "403", "403",
        ],
    ),
    (
        "money/accounts",
        [
            "401", "403", "403", "403", "403", "403", "403", "403", "403", "403",
        ],
    ),
    (
        "company/get",
        [
            "401", "403", "403", "403", "403", "403", "403", "403", "ok", "403",
        ],
    ),
    (
        "company/save",
        [
            "401", "403", "403", "403", "403", "403", "403", "403", "ok", "403",
        ],
    ),
    (
        "mail/settings/save",
        [
            "401", "403", "403", "403", "403", "403", "403", "403", "ok", "403",
        ],
    ),
    (
        "mail/status",
        [
            "401", "403", "403", "403", "403", "403", "403", "403", "ok", "403",
        ],
    ),
    (
        "sessions/list",
        ["401", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    ),
    (
        "review/list",
        [
            "401", "403", "403", "403", "ok", "ok", "ok", "403", "403", "403",
        ],
    ),
    (
        "audit/card",
        [
            "401", "ok", "404", "404", "ok", "404", "ok", "404", "404", "ok",
        ],
    ),
    (
        "contracts/scan/save",
        [
            "401", "ok", "404", "404", "ok", "404", "ok", "404", "404", "ok",
        ],
    ),
    (
        "contracts/scan/attached",
        [
            "401", "ok", "404", "404", "ok", "404", "ok", "404", "404", "ok",
        ],
    ),
    (
        "contracts/scan/get",
        [
            "401", "ok", "404", "404", "ok", "404", "ok", "404", "404", "ok",
        ],
    ),
    (
        "contracts/draft",
        [
            "401", "ok", "404", "404", "ok", "404", "ok", "404", "404", "ok",
        ],
    ),
    (
        "audit/contract",
        [
            "401", "ok", "404", "404", "ok", "404", "ok", "404", "404", "ok",
        ],
    ),
    (
        "users/set-department",
        [
            "401", "403", "403", "403", "403", "403", "403", "403", "ok", "403",
        ],
    ),
    (
        "covers/end",
        // The cover is Ilze's with Jānis (the colleague) as her deputy.
        [
            "401", "ok", "ok", "404", "ok", "404", "ok", "404", "404", "404",
        ],
    ),
    (
        "sessions/revoke",
        [
            "401", "ok", "404", "404", "ok", "404", "ok", "404", "ok", "404",
        ],
    ),
    (
        "review/done",
        [
            "401", "403", "403", "403", "ok", "404", "ok", "403", "403", "403",
        ],
    ),
    (
        "me/password",
        ["401", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    ),
    (
        "users/reset-password",
        [
            "401", "403", "403", "403", "403", "403", "403", "403", "ok", "403",
        ],
    ),
    (
        "setup/first-admin",
        [
            "403", "403", "403", "403", "403", "403", "403", "403", "403", "403",
        ],
    ),
    (
        "setup-status",
        ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    ),
    (
        "sign-in",
        ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    ),
    (
        "sign-out",
        ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"],
    ),
    (
        "audit/search",
        [
            "401", "403", "403", "403", "sees", "redacted", "sees", "403", "403", "403",
        ],
    ),
];

/// A server function without a row in the matrix fails the build's tests,
/// and so does a row for a function that no longer exists.
#[test]
fn every_server_function_has_a_row() {
    let registered: std::collections::BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_string())
        .collect();
    let rows: std::collections::BTreeSet<String> =
        MATRIX.iter().map(|(f, _)| f.to_string()).collect();
    assert!(
        registered.len() > 20,
        "server functions registered: {registered:?}"
    );
    let missing: Vec<_> = registered.difference(&rows).collect();
    let stale: Vec<_> = rows.difference(&registered).collect();
    assert!(
        missing.is_empty(),
        "server functions without a matrix row: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "matrix rows without a server function: {stale:?}"
    );
}

#[tokio::test]
async fn every_function_for_every_role() {
    let app = Arc::new(TestApp::new().await);
    let p = people(&app).await;
    let c = app
        .call(
            Some(&p.ilze),
            CreateClient {
                input: card("SIA Koks"),
            },
        )
        .await
        .unwrap();
    // A call, so a pull shows whether calls come along.
    let phone = device(&p.ilze).await;
    phone.sync(&transport(&app, &p.ilze), |_| {}).await.unwrap();
    phone.log_call(call(&c.id)).await.unwrap();
    phone.sync(&transport(&app, &p.ilze), |_| {}).await.unwrap();
    app.call(
        Some(&p.head),
        CreateCover {
            input: cover(&p.ilze, &p.deputy, 5),
        },
    )
    .await
    .unwrap();

    let who: [Option<&Session>; 10] = [
        None,
        Some(&p.ilze),
        Some(&p.janis),
        Some(&p.other_manager),
        Some(&p.head),
        Some(&p.other_head),
        Some(&p.director),
        Some(&p.logistics),
        Some(&p.admin),
        Some(&p.deputy),
    ];
    let names = [
        "anon",
        "owner",
        "colleague",
        "other-mgr",
        "head",
        "other-head",
        "director",
        "logistics",
        "admin",
        "deputy",
    ];
    let contract = phone
        .save_contract(
            None,
            app::domain::contract::ContractInput {
                number: "L-1".into(),
                ..app::domain::contract::ContractInput::draft(&c.id)
            },
        )
        .await
        .unwrap();
    phone.sync(&transport(&app, &p.ilze), |_| {}).await.unwrap();
    let contract_template = app
        .call(
            Some(&p.head),
            app::api::templates::SaveTemplate {
                id: None,
                fields: common::contract_template_fields("Līgums"),
            },
        )
        .await
        .unwrap()
        .id;
    let ctx = Ctx {
        ilze: p.ilze.clone(),
        janis: p.janis.clone(),
        contract: contract.id,
        contract_template,
    };
    let mut wrong = Vec::new();
    for (f, expected) in MATRIX {
        for (i, s) in who.iter().enumerate() {
            let got = probe(&app, &ctx, *s, f, &c.id).await;
            if got != expected[i] {
                wrong.push(format!(
                    "{f} as {}: expected {}, got {got}",
                    names[i], expected[i]
                ));
            }
        }
    }
    // Signing out last: it ends the sessions the matrix used.
    for s in who.iter().flatten() {
        app.call(Some(s), SignOut {}).await.unwrap();
        assert_eq!(
            app.call(Some(s), CurrentUser {}).await.unwrap(),
            None,
            "signed out"
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn a_deputy_works_the_portfolio_only_during_the_cover() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let deputy = app
        .session_in("aizvietotaja@firma.lv", Role::Manager, Some("Liepāja"))
        .await;
    let mine = app
        .call(
            Some(&ilze),
            CreateClient {
                input: card("SIA Koks"),
            },
        )
        .await
        .unwrap();
    let own = app
        .call(
            Some(&deputy),
            CreateClient {
                input: card("Liepājas Zivis"),
            },
        )
        .await
        .unwrap();

    // Before the cover the deputy's device has only their own card.
    let phone = device(&deputy).await;
    let t = transport(&app, &deputy);
    phone.sync(&t, |_| {}).await.unwrap();
    assert_eq!(phone.store().all(tables::CLIENT).await.unwrap().len(), 1);

    // A cover that starts now and ends in two days, appointed by the head.
    let c: CoverView = app
        .call(
            Some(&head),
            CreateCover {
                input: cover(&ilze, &deputy, 2),
            },
        )
        .await
        .unwrap();
    let me = app
        .call(Some(&deputy), CurrentUser {})
        .await
        .unwrap()
        .unwrap();
    assert_eq!(me.covers.len(), 1, "the banner's cover");
    assert_eq!(me.covers[0].owner_name, ilze.user.name);

    // The next sync brings Ilze's card, commercial terms included.
    phone.sync(&t, |_| {}).await.unwrap();
    let cards: Vec<Row> = phone.store().all(tables::CLIENT).await.unwrap();
    let names: Vec<String> = cards_in(&cards)
        .iter()
        .map(|c| c.fields.name.clone())
        .collect();
    assert!(names.contains(&"SIA Koks".to_string()), "{names:?}");
    assert!(
        cards_in(&cards)
            .iter()
            .all(|c| c.fields.credit_limit.is_some())
    );

    // Offline, the deputy logs a call on it.
    let logged = phone.log_call(call(&mine.id)).await.unwrap();

    // The range ends while the phone is offline (the server's clock moves
    // three days on); the phone comes back.
    app.clock.shift(Duration::days(3));
    assert_eq!(
        app.call(
            Some(&deputy),
            GetClient {
                id: mine.id.clone()
            }
        )
        .await,
        Err(ApiError::NotFound),
        "access ended on the server"
    );
    phone.sync(&t, |_| {}).await.unwrap();
    assert!(
        phone.store().outbox_head(10).await.unwrap().is_empty(),
        "the call made during the cover was accepted"
    );
    let left: Vec<Row> = phone.store().all(tables::CLIENT).await.unwrap();
    let left_names: Vec<String> = cards_in(&left)
        .iter()
        .map(|c| c.fields.name.clone())
        .collect();
    assert_eq!(left_names, vec!["Liepājas Zivis".to_string()], "evicted");
    assert!(
        phone
            .store()
            .all(tables::CALL_LOG)
            .await
            .unwrap()
            .is_empty(),
        "the covered client's calls left with it"
    );
    let _ = own;

    // On the server, the call is the deputy's, on behalf of Ilze.
    let rows = pull_all(&app, &ilze).await;
    let theirs = rows
        .iter()
        .find_map(|r| match r {
            Row::CallLog { call } if call.id == logged.id => Some(call.clone()),
            _ => None,
        })
        .expect("the call reached Ilze");
    assert_eq!(theirs.by, deputy.user.id);
    assert_eq!(theirs.on_behalf_of.as_deref(), Some(ilze.user.id.as_str()));

    // Work stamped after the range is refused, even within the late window.
    let mut late_call = call(&mine.id);
    late_call.at = app.clock.now() - Duration::minutes(1);
    let bad_op = call_op(&late_call, app.clock.now());
    let acks = app
        .call(
            Some(&deputy),
            SyncPush {
                batch: PushBatch {
                    device_id: "late".into(),
                    ops: vec![bad_op],
                    after: None,
                },
            },
        )
        .await
        .unwrap();
    assert_eq!(
        acks[0].status,
        AckStatus::Rejected {
            reason: ApiError::NotFound
        }
    );

    // The head sees the cover as ended and the deputy's banner is gone.
    let listed = app.call(Some(&head), ListCovers {}).await.unwrap();
    assert!(listed.iter().any(|x| x.id == c.id));
    let me = app
        .call(Some(&deputy), CurrentUser {})
        .await
        .unwrap()
        .unwrap();
    assert!(me.covers.is_empty());
}

#[tokio::test]
async fn a_cover_of_chosen_clients_and_ending_it_early() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let janis = app.session("janis@firma.lv", Role::Manager).await;
    let a = app
        .call(
            Some(&ilze),
            CreateClient {
                input: card("A klients"),
            },
        )
        .await
        .unwrap();
    let b = app
        .call(
            Some(&ilze),
            CreateClient {
                input: card("B klients"),
            },
        )
        .await
        .unwrap();
    let theirs = app
        .call(
            Some(&janis),
            CreateClient {
                input: card("Jāņa klients"),
            },
        )
        .await
        .unwrap();

    // Ilze appoints Jānis herself, for A only.
    let bad = CoverInput {
        clients: vec![a.id.clone(), theirs.id.clone()],
        ..cover(&ilze, &janis, 7)
    };
    let Err(ApiError::Invalid(issues)) = app.call(Some(&ilze), CreateCover { input: bad }).await
    else {
        panic!("a client that is not hers cannot be in her cover");
    };
    assert!(issues.at("clients").is_some());
    let same = CoverInput {
        deputy_id: ilze.user.id.clone(),
        ..cover(&ilze, &janis, 7)
    };
    let Err(ApiError::Invalid(issues)) = app.call(Some(&ilze), CreateCover { input: same }).await
    else {
        panic!("nobody covers themselves");
    };
    assert_eq!(
        issues.at("deputy_id"),
        Some(app::domain::validation::Problem::SamePerson)
    );
    let c = app
        .call(
            Some(&ilze),
            CreateCover {
                input: CoverInput {
                    clients: vec![a.id.clone()],
                    ..cover(&ilze, &janis, 7)
                },
            },
        )
        .await
        .unwrap();
    assert!(
        app.call(Some(&janis), GetClient { id: a.id.clone() })
            .await
            .is_ok()
    );
    assert_eq!(
        app.call(Some(&janis), GetClient { id: b.id.clone() }).await,
        Err(ApiError::NotFound)
    );
    // Jānis cannot end someone else's... but may end his own cover; Ilze ends it.
    let outsider = app
        .session_in("svesais@firma.lv", Role::Manager, Some("Liepāja"))
        .await;
    assert_eq!(
        app.call(Some(&outsider), EndCover { id: c.id.clone() })
            .await,
        Err(ApiError::NotFound)
    );
    let ended = app
        .call(Some(&ilze), EndCover { id: c.id.clone() })
        .await
        .unwrap();
    assert!(ended.is_over(Utc::now() + Duration::seconds(1)));
    assert_eq!(
        app.call(Some(&janis), GetClient { id: a.id.clone() }).await,
        Err(ApiError::NotFound)
    );
}

#[tokio::test]
async fn logistics_devices_never_receive_commercial_terms() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let logistics = app
        .session_in("noliktava@firma.lv", Role::Logistics, None)
        .await;
    let c = app
        .call(
            Some(&ilze),
            CreateClient {
                input: card("SIA Koks"),
            },
        )
        .await
        .unwrap();
    let phone = device(&ilze).await;
    phone.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    phone.log_call(call(&c.id)).await.unwrap();
    phone.sync(&transport(&app, &ilze), |_| {}).await.unwrap();

    let rows = pull_all(&app, &logistics).await;
    let json = serde_json::to_string(&rows).unwrap();
    for secret in [
        "Vairumcena B",
        "5000",
        "credit_limit\":\"",
        "payment_terms_days\":3",
    ] {
        assert!(!json.contains(secret), "{secret} reached logistics: {json}");
    }
    for r in &rows {
        if let Row::Client { card, clocks } = r {
            assert_eq!(card.fields.price_type, None);
            assert!(clocks.keys().all(|k| {
                !["price_type", "payment_terms_days", "credit_limit"].contains(&k.as_str())
            }));
            assert_eq!(
                card.fields.city.as_deref(),
                Some("Rīga"),
                "the rest is there"
            );
        }
    }
    assert_eq!(count(&rows, tables::CALL_LOG), 0, "no sales activity");
}

#[tokio::test]
async fn a_head_reassigns_within_the_department_only() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let janis = app.session("janis@firma.lv", Role::Manager).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let elsewhere = app
        .session_in("peteris@firma.lv", Role::Manager, Some("Liepāja"))
        .await;
    let c = app
        .call(
            Some(&ilze),
            CreateClient {
                input: card("SIA Koks"),
            },
        )
        .await
        .unwrap();
    let phone = device(&ilze).await;
    phone.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    assert_eq!(phone.store().all(tables::CLIENT).await.unwrap().len(), 1);

    let away = ClientInput {
        owner_id: Some(elsewhere.user.id.clone()),
        ..card("SIA Koks")
    };
    assert!(matches!(
        app.call(
            Some(&head),
            UpdateClient {
                id: c.id.clone(),
                input: away
            }
        )
        .await,
        Err(ApiError::Invalid(_))
    ));
    let to_janis = ClientInput {
        owner_id: Some(janis.user.id.clone()),
        ..card("SIA Koks")
    };
    app.call(
        Some(&head),
        UpdateClient {
            id: c.id.clone(),
            input: to_janis,
        },
    )
    .await
    .unwrap();
    phone.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    assert!(
        phone.store().all(tables::CLIENT).await.unwrap().is_empty(),
        "dropped"
    );
    let jphone = device(&janis).await;
    jphone.sync(&transport(&app, &janis), |_| {}).await.unwrap();
    assert_eq!(jphone.store().all(tables::CLIENT).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_pull_names_no_one_elses_cards_not_even_as_gone() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let janis = app.session("janis@firma.lv", Role::Manager).await;
    for n in 0..3 {
        app.call(
            Some(&janis),
            CreateClient {
                input: card(&format!("Jāņa {n}")),
            },
        )
        .await
        .unwrap();
    }
    let answer = app
        .call(
            Some(&ilze),
            SyncPull {
                request: PullRequest {
                    cursor: None,
                    limit: 2000,
                    refetch: Vec::new(),
                    count: true,
                },
            },
        )
        .await
        .unwrap();
    let PullAnswer::Page { rows, gone, .. } = answer else {
        panic!("a page");
    };
    assert!(rows.is_empty() && gone.is_empty(), "{rows:?} {gone:?}");
}

#[tokio::test]
async fn the_audit_records_devices_deputies_sign_ins_and_exports() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let other_head = app
        .session_in("liepajas.vaditaja@firma.lv", Role::Head, Some("Liepāja"))
        .await;
    let deputy = app
        .session_in("aizvietotaja@firma.lv", Role::Manager, Some("Liepāja"))
        .await;
    let c = app
        .call(
            Some(&ilze),
            CreateClient {
                input: card("SIA Koks"),
            },
        )
        .await
        .unwrap();
    app.call(
        Some(&head),
        CreateCover {
            input: cover(&ilze, &deputy, 3),
        },
    )
    .await
    .unwrap();
    // The deputy changes the city from a phone.
    let phone = device(&deputy).await;
    let t = transport(&app, &deputy);
    phone.sync(&t, |_| {}).await.unwrap();
    phone
        .save_card(
            Some(&c.id),
            ClientInput {
                city: "Jelgava".into(),
                ..card("SIA Koks")
            },
            false,
        )
        .await
        .unwrap();
    phone.sync(&t, |_| {}).await.unwrap();
    let device_id = phone.meta().await.unwrap().device_id;

    let history = app
        .call(
            Some(&ilze),
            CardHistory {
                client_id: c.id.clone(),
            },
        )
        .await
        .unwrap();
    let change = history
        .iter()
        .find(|e| e.actor_id == deputy.user.id)
        .expect("the deputy's change");
    assert_eq!(change.action, "client.update");
    assert_eq!(change.device.as_deref(), Some(device_id.as_str()));
    assert_eq!(change.on_behalf_of.as_deref(), Some(ilze.user.id.as_str()));
    assert!(
        app::domain::audit::field_changes(&change.changes).contains(&(
            "city".to_string(),
            "Rīga".to_string(),
            "Jelgava".to_string()
        )),
        "{:?}",
        change.changes
    );
    assert!(history.iter().any(|e| e.action == "client.create"));

    // Exports are audited; the head searches their department's actions.
    let x = app
        .call(
            Some(&head),
            ExportClients {
                query: ClientQuery::default(),
                lang: app::domain::user::Language::Lv,
            },
        )
        .await
        .unwrap();
    assert_eq!(x.rows, 1);
    // For a Latvian reader: the byte-order mark and semicolons.
    assert!(x.csv.starts_with("\u{feff}name;kind;segment;"), "{}", x.csv);
    let day = AuditQuery {
        user_id: None,
        from: Utc::now() - Duration::hours(1),
        to: Utc::now() + Duration::hours(1),
    };
    let found = app
        .call(Some(&head), SearchAudit { query: day.clone() })
        .await
        .unwrap();
    let actions: Vec<&str> = found.iter().map(|e| e.action.as_str()).collect();
    for a in [
        "session.sign_in",
        "client.create",
        "cover.create",
        "export.clients",
    ] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    assert!(
        found.iter().all(|e| e.actor_id != deputy.user.id),
        "the deputy is in another department"
    );
    // Asking for someone outside one's department is refused.
    assert_eq!(
        app.call(
            Some(&other_head),
            SearchAudit {
                query: AuditQuery {
                    user_id: Some(ilze.user.id.clone()),
                    ..day.clone()
                },
            }
        )
        .await,
        Err(ApiError::Forbidden)
    );
    let reversed = AuditQuery {
        from: day.to,
        to: day.from,
        ..day
    };
    assert!(matches!(
        app.call(Some(&head), SearchAudit { query: reversed }).await,
        Err(ApiError::Invalid(_))
    ));
}

#[tokio::test]
async fn an_admin_flag_beside_a_business_role_adds_users_not_client_data() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let c = app
        .call(
            Some(&ilze),
            CreateClient {
                input: card("SIA Koks"),
            },
        )
        .await
        .unwrap();
    let boss = app::backend::users::create(
        &app.db,
        &app::domain::user::NewUser {
            email: "valde@firma.lv".into(),
            name: "Valde".into(),
            role: Role::Director,
            department: None,
            language: Language::Lv,
            password: common::PASSWORD.into(),
            admin: true,
        },
    )
    .await
    .unwrap();
    assert!(boss.admin);
    let boss = app.sign_in(boss).await;
    assert!(
        app.call(Some(&boss), ListUsers {}).await.is_ok(),
        "an admin"
    );
    assert!(
        app.call(Some(&boss), GetClient { id: c.id.clone() })
            .await
            .is_ok(),
        "and a director"
    );
    // A plain admin role gets the flag, and still no client data.
    let admin = app.session_in("admin@firma.lv", Role::Admin, None).await;
    let me = app
        .call(Some(&admin), CurrentUser {})
        .await
        .unwrap()
        .unwrap();
    assert!(me.admin && me.manages_users());
    assert_eq!(
        app.call(Some(&admin), GetClient { id: c.id.clone() }).await,
        Err(ApiError::NotFound)
    );
}

#[tokio::test]
async fn an_admin_moves_someone_to_a_department_and_the_head_sees_their_cards() {
    let app = Arc::new(TestApp::new().await);
    let admin = app.session_in("admin@firma.lv", Role::Admin, None).await;
    let newcomer = app.session_in("jauna@firma.lv", Role::Manager, None).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let c = app
        .call(
            Some(&newcomer),
            CreateClient {
                input: card("SIA Jaunā"),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        app.call(Some(&head), GetClient { id: c.id.clone() }).await,
        Err(ApiError::NotFound)
    );
    let set = |department: &str| app::api::users::SetUserDepartment {
        id: newcomer.user.id.clone(),
        department: department.into(),
    };
    assert_eq!(
        app.call(Some(&head), set("Rīga")).await.map(|_| ()),
        Err(ApiError::Forbidden)
    );
    assert!(matches!(
        app.call(Some(&admin), set(&"x".repeat(101))).await,
        Err(ApiError::Invalid(_))
    ));
    let moved = app.call(Some(&admin), set(" Rīga ")).await.unwrap();
    assert_eq!(moved.department.as_deref(), Some("Rīga"));
    assert!(
        app.call(Some(&head), GetClient { id: c.id.clone() })
            .await
            .is_ok()
    );
}
