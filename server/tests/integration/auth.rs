//! Sign-in, sessions, throttling, and the rule that every server function
//! except sign-in refuses a caller without a session.

use crate::common;

use app::api::ApiError;
use app::api::auth::{CurrentUser, SetMyLanguage, SetupStatus, SignIn, SignOut};
use app::api::clients::{CreateClient, GetClient, ListClients, SetClientArchived, UpdateClient};
use app::api::users::{CreateUser, ListOwners, ListUsers, SetUserActive};
use app::domain::client::ClientQuery;
use app::domain::client_input::ClientInput;
use app::domain::user::{Language, Role, UserInput};
use common::{PASSWORD, TestApp, session_cookie};
use http::{StatusCode, header};

#[tokio::test]
async fn a_fresh_install_asks_for_the_first_admin() {
    let app = TestApp::new().await;
    let s = app.call(None, SetupStatus {}).await.unwrap();
    assert!(s.needs_first_admin);
    app.add_user("admin@firma.lv", Role::Admin).await;
    let s = app.call(None, SetupStatus {}).await.unwrap();
    assert!(!s.needs_first_admin);
}

#[tokio::test]
async fn every_server_function_but_sign_in_needs_a_session() {
    let app = TestApp::new().await;
    let unauthorized = Err::<(), _>(ApiError::Unauthorized);
    let q = ClientQuery::default;
    assert_eq!(
        app.call(None, ListClients { query: q() }).await.map(|_| ()),
        unauthorized
    );
    assert_eq!(
        app.call(None, GetClient { id: "x".into() })
            .await
            .map(|_| ()),
        unauthorized
    );
    assert_eq!(
        app.call(
            None,
            CreateClient {
                input: ClientInput::default()
            }
        )
        .await
        .map(|_| ()),
        unauthorized
    );
    assert_eq!(
        app.call(
            None,
            UpdateClient {
                id: "x".into(),
                input: ClientInput::default()
            }
        )
        .await
        .map(|_| ()),
        unauthorized
    );
    assert_eq!(
        app.call(
            None,
            SetClientArchived {
                id: "x".into(),
                archived: true
            }
        )
        .await
        .map(|_| ()),
        unauthorized
    );
    assert_eq!(app.call(None, ListUsers {}).await.map(|_| ()), unauthorized);
    assert_eq!(
        app.call(
            None,
            CreateUser {
                input: UserInput::default()
            }
        )
        .await
        .map(|_| ()),
        unauthorized
    );
    assert_eq!(
        app.call(
            None,
            SetUserActive {
                id: "x".into(),
                active: false
            }
        )
        .await
        .map(|_| ()),
        unauthorized
    );
    assert_eq!(
        app.call(None, ListOwners {}).await.map(|_| ()),
        unauthorized
    );
    assert_eq!(
        app.call(
            None,
            SetMyLanguage {
                language: Language::En
            }
        )
        .await
        .map(|_| ()),
        unauthorized
    );
    // "Who am I" answers "nobody" rather than failing, so the app can show sign-in.
    assert_eq!(app.call(None, CurrentUser {}).await, Ok(None));
    // A made-up cookie is no better than none.
    let fake = common::Session {
        cookie: "0".repeat(64),
        user: app.add_user("x@firma.lv", Role::Director).await,
    };
    assert_eq!(
        app.call(Some(&fake), ListUsers {}).await.map(|_| ()),
        unauthorized
    );
}

#[tokio::test]
async fn sign_in_sets_a_hardened_cookie_and_sign_out_ends_the_session() {
    let app = TestApp::new().await;
    app.add_user("ilze@firma.lv", Role::Manager).await;
    let raw = app
        .raw(
            None,
            SignIn {
                email: " Ilze@Firma.lv ".into(),
                password: PASSWORD.into(),
            },
        )
        .await;
    assert_eq!(raw.status, StatusCode::OK);
    let set_cookie = raw
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(
        !set_cookie.contains("Secure"),
        "not configured: {set_cookie}"
    );
    let session = common::Session {
        cookie: session_cookie(&raw.headers).unwrap(),
        user: app.add_user("other@firma.lv", Role::Manager).await,
    };
    let me = app
        .call(Some(&session), CurrentUser {})
        .await
        .unwrap()
        .unwrap();
    assert_eq!(me.email, "ilze@firma.lv");

    app.call(Some(&session), SignOut {}).await.unwrap();
    assert_eq!(app.call(Some(&session), CurrentUser {}).await, Ok(None));
    assert_eq!(
        app.call(Some(&session), ListOwners {}).await.map(|_| ()),
        Err(ApiError::Unauthorized)
    );
}

#[tokio::test]
async fn secure_cookies_when_configured() {
    let args = server::config::ServeArgs {
        secure_cookies: true,
        ..Default::default()
    };
    let app = TestApp::with_args(&args, &server::http::site::Site::empty()).await;
    app.add_user("a@firma.lv", Role::Manager).await;
    let raw = app
        .raw(
            None,
            SignIn {
                email: "a@firma.lv".into(),
                password: PASSWORD.into(),
            },
        )
        .await;
    let set_cookie = raw
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(set_cookie.contains("; Secure"), "{set_cookie}");
}

#[tokio::test]
async fn wrong_passwords_are_refused_then_slowed_down() {
    let app = TestApp::new().await;
    app.add_user("janis@firma.lv", Role::Manager).await;
    for _ in 0..5 {
        let r = app
            .call(
                None,
                SignIn {
                    email: "janis@firma.lv".into(),
                    password: "nepareiza".into(),
                },
            )
            .await;
        assert_eq!(r.map(|_| ()), Err(ApiError::BadCredentials));
    }
    // Now even the right password waits: guessing is slowed per account.
    let r = app
        .call(
            None,
            SignIn {
                email: "janis@firma.lv".into(),
                password: PASSWORD.into(),
            },
        )
        .await;
    match r {
        Err(ApiError::Throttled { retry_after_s }) => assert!((1..=2).contains(&retry_after_s)),
        other => panic!("expected throttling, got {other:?}"),
    }
    // Unknown e-mails are refused the same way (no hint which e-mails exist).
    let r = app
        .call(
            None,
            SignIn {
                email: "nav@firma.lv".into(),
                password: "x".into(),
            },
        )
        .await;
    assert_eq!(r.map(|_| ()), Err(ApiError::BadCredentials));
}

#[tokio::test]
async fn deactivated_users_lose_their_sessions() {
    let app = TestApp::new().await;
    let admin = app.session("admin@firma.lv", Role::Admin).await;
    let manager = app.session("m@firma.lv", Role::Manager).await;
    app.call(
        Some(&admin),
        SetUserActive {
            id: manager.user.id.clone(),
            active: false,
        },
    )
    .await
    .unwrap();
    // The device learns it was signed out (to hand in its work and wipe).
    assert_eq!(
        app.call(Some(&manager), CurrentUser {}).await,
        Err(ApiError::SignedOut)
    );
    let r = app
        .call(
            None,
            SignIn {
                email: "m@firma.lv".into(),
                password: PASSWORD.into(),
            },
        )
        .await;
    assert_eq!(r.map(|_| ()), Err(ApiError::BadCredentials));
    // An admin cannot lock themself out.
    let r = app
        .call(
            Some(&admin),
            SetUserActive {
                id: admin.user.id.clone(),
                active: false,
            },
        )
        .await;
    assert_eq!(r.map(|_| ()), Err(ApiError::Forbidden));
}

#[tokio::test]
async fn only_admins_manage_users() {
    let app = TestApp::new().await;
    let admin = app.session("admin@firma.lv", Role::Admin).await;
    let head = app.session("head@firma.lv", Role::Head).await;
    let input = UserInput {
        email: "jauns@firma.lv".into(),
        name: "Jauns Cilvēks".into(),
        role: "manager".into(),
        department: "Rīgas nodaļa".into(),
        language: "ru".into(),
        password: "pietiekami-gara".into(),
        admin: false,
    };
    assert_eq!(
        app.call(Some(&head), ListUsers {}).await.map(|_| ()),
        Err(ApiError::Forbidden)
    );
    assert_eq!(
        app.call(
            Some(&head),
            CreateUser {
                input: input.clone()
            }
        )
        .await
        .map(|_| ()),
        Err(ApiError::Forbidden)
    );
    let created = app
        .call(
            Some(&admin),
            CreateUser {
                input: input.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(created.language, Language::Ru);
    assert_eq!(
        app.call(Some(&admin), CreateUser { input })
            .await
            .map(|_| ()),
        Err(ApiError::Duplicate("email".into()))
    );
    let bad = UserInput {
        email: "nav-epasts".into(),
        ..Default::default()
    };
    match app.call(Some(&admin), CreateUser { input: bad }).await {
        Err(ApiError::Invalid(issues)) => {
            assert!(issues.at("email").is_some() && issues.at("password").is_some())
        }
        other => panic!("{other:?}"),
    }
    let users = app.call(Some(&admin), ListUsers {}).await.unwrap();
    assert_eq!(users.len(), 3);
}

#[tokio::test]
async fn language_is_remembered() {
    let app = TestApp::new().await;
    let s = app.session("a@firma.lv", Role::Manager).await;
    app.call(
        Some(&s),
        SetMyLanguage {
            language: Language::En,
        },
    )
    .await
    .unwrap();
    let me = app.call(Some(&s), CurrentUser {}).await.unwrap().unwrap();
    assert_eq!(me.language, Language::En);
}
