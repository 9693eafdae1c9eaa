//! A fresh install's first administrator, from the browser: the one-time
//! set-up token works once, before it expires, and only while no user
//! exists; an unattended install names the administrator in the
//! environment.

use crate::common;

use app::api::ApiError;
use app::api::auth::{CreateFirstAdmin, CurrentUser, SetupStatus};
use app::domain::user::{Role, UserInput};
use chrono::{Duration, Utc};
use common::TestApp;

fn input(email: &str) -> UserInput {
    UserInput {
        email: email.into(),
        name: "Pirmā Administratore".into(),
        role: "admin".into(),
        department: String::new(),
        language: "lv".into(),
        password: "pirma-parole-123".into(),
        admin: true,
    }
}

#[tokio::test]
async fn the_set_up_link_makes_the_first_administrator_once() {
    let app = TestApp::new().await;
    assert!(
        app.call(None, SetupStatus {})
            .await
            .unwrap()
            .needs_first_admin
    );
    let token = app::backend::first_admin::new_token(&app.db, Utc::now())
        .await
        .unwrap()
        .expect("no users yet");
    assert_eq!(token.len(), 64);
    let wrong = app
        .call(
            None,
            CreateFirstAdmin {
                token: "f".repeat(64),
                input: input("anna@firma.lv"),
            },
        )
        .await;
    assert_eq!(wrong.map(|_| ()), Err(ApiError::Forbidden));
    // Bad input is named per field and uses nothing up.
    let bad = app
        .call(
            None,
            CreateFirstAdmin {
                token: token.clone(),
                input: UserInput {
                    email: "nav-epasts".into(),
                    ..input("x")
                },
            },
        )
        .await;
    let Err(ApiError::Invalid(issues)) = bad else {
        panic!("{bad:?}");
    };
    assert!(issues.at("email").is_some());

    let raw = app
        .raw(
            None,
            CreateFirstAdmin {
                token: token.clone(),
                input: input("anna@firma.lv"),
            },
        )
        .await;
    assert!(
        raw.status.is_success(),
        "{}",
        String::from_utf8_lossy(&raw.body)
    );
    let me: app::domain::user::Me = serde_json::from_slice(&raw.body).unwrap();
    assert!(me.manages_users());
    let cookie = common::session_cookie(&raw.headers).expect("signed in");
    let session = common::Session {
        cookie,
        user: app::backend::users::get(&app.db, &me.id)
            .await
            .unwrap()
            .unwrap()
            .view(),
    };
    assert!(
        app.call(Some(&session), CurrentUser {})
            .await
            .unwrap()
            .is_some()
    );

    // Used up; and no new one while users exist.
    let again = app
        .call(
            None,
            CreateFirstAdmin {
                token,
                input: input("otra@firma.lv"),
            },
        )
        .await;
    assert_eq!(again.map(|_| ()), Err(ApiError::Forbidden));
    assert_eq!(
        app::backend::first_admin::new_token(&app.db, Utc::now())
            .await
            .unwrap(),
        None
    );
    assert!(
        !app.call(None, SetupStatus {})
            .await
            .unwrap()
            .needs_first_admin
    );
}

#[tokio::test]
async fn an_expired_set_up_link_is_refused() {
    let app = TestApp::new().await;
    let token = app::backend::first_admin::new_token(&app.db, Utc::now() - Duration::hours(25))
        .await
        .unwrap()
        .unwrap();
    let r = app
        .call(
            None,
            CreateFirstAdmin {
                token,
                input: input("anna@firma.lv"),
            },
        )
        .await;
    assert_eq!(r.map(|_| ()), Err(ApiError::Forbidden));
    let _ = Role::Admin;
}
