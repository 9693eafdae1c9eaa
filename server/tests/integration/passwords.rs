//! Accounts that recover: a user changes their password (this device stays,
//! the others sign in again); an administrator issues a temporary password
//! that must be changed at the next sign-in. Both audited.

use crate::common;

use app::api::ApiError;
use app::api::audit::SearchAudit;
use app::api::auth::{ChangeMyPassword, CurrentUser, SignIn};
use app::api::users::ResetUserPassword;
use app::domain::audit::AuditQuery;
use app::domain::user::Role;
use app::domain::validation::Problem;
use chrono::{Duration, Utc};
use common::{PASSWORD, TestApp};

const NEW: &str = "jauna-parole-2026";

async fn sign_in(app: &TestApp, email: &str, password: &str) -> Result<common::Session, ApiError> {
    let raw = app
        .raw(
            None,
            SignIn {
                email: email.into(),
                password: password.into(),
            },
        )
        .await;
    if raw.status.is_success() {
        let user = app
            .db
            .query("SELECT VALUE record::id(id) FROM ONLY user WHERE email = $e LIMIT 1")
            .bind(("e", email.to_string()))
            .await
            .unwrap()
            .take::<Option<String>>(0)
            .unwrap()
            .unwrap();
        let view = app::backend::users::get(&app.db, &user)
            .await
            .unwrap()
            .unwrap()
            .view();
        Ok(common::Session {
            cookie: common::session_cookie(&raw.headers).unwrap(),
            user: view,
        })
    } else {
        Err(serde_json::from_slice(&raw.body).unwrap())
    }
}

#[tokio::test]
async fn a_changed_password_keeps_this_device_and_signs_the_others_out() {
    let app = TestApp::new().await;
    let laptop = app.session("ilze@firma.lv", Role::Manager).await;
    let phone = app.sign_in(laptop.user.clone()).await;

    let short = app
        .call(
            Some(&laptop),
            ChangeMyPassword {
                current: PASSWORD.into(),
                new: "īsa".into(),
            },
        )
        .await;
    let Err(ApiError::Invalid(issues)) = short else {
        panic!("{short:?}");
    };
    assert!(matches!(
        issues.at("new"),
        Some(Problem::PasswordTooShort { .. })
    ));
    let wrong = app
        .call(
            Some(&laptop),
            ChangeMyPassword {
                current: "nav-pareiza-parole".into(),
                new: NEW.into(),
            },
        )
        .await;
    let Err(ApiError::Invalid(issues)) = wrong else {
        panic!("{wrong:?}");
    };
    assert_eq!(issues.at("current"), Some(Problem::WrongPassword));

    app.call(
        Some(&laptop),
        ChangeMyPassword {
            current: PASSWORD.into(),
            new: NEW.into(),
        },
    )
    .await
    .unwrap();
    assert!(
        app.call(Some(&laptop), CurrentUser {})
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(
        app.call(Some(&phone), CurrentUser {}).await,
        Ok(None),
        "the phone signs in again (its unsent work stays on it)"
    );
    assert_eq!(
        sign_in(&app, "ilze@firma.lv", PASSWORD).await.map(|_| ()),
        Err(ApiError::BadCredentials)
    );
    assert!(sign_in(&app, "ilze@firma.lv", NEW).await.is_ok());
}

#[tokio::test]
async fn a_temporary_password_must_be_changed_at_the_next_sign_in() {
    let app = TestApp::new().await;
    let admin = app.session_in("admin@firma.lv", Role::Admin, None).await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    assert_eq!(
        app.call(
            Some(&ilze),
            ResetUserPassword {
                id: admin.user.id.clone()
            }
        )
        .await,
        Err(ApiError::Forbidden)
    );
    let temporary = app
        .call(
            Some(&admin),
            ResetUserPassword {
                id: ilze.user.id.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(temporary.len(), 16);
    assert_eq!(app.call(Some(&ilze), CurrentUser {}).await, Ok(None));

    let again = sign_in(&app, "ilze@firma.lv", &temporary).await.unwrap();
    let me = app
        .call(Some(&again), CurrentUser {})
        .await
        .unwrap()
        .unwrap();
    assert!(me.must_change_password);
    app.call(
        Some(&again),
        ChangeMyPassword {
            current: temporary.clone(),
            new: NEW.into(),
        },
    )
    .await
    .unwrap();
    let me = app
        .call(Some(&again), CurrentUser {})
        .await
        .unwrap()
        .unwrap();
    assert!(!me.must_change_password);
    assert_eq!(
        sign_in(&app, "ilze@firma.lv", &temporary).await.map(|_| ()),
        Err(ApiError::BadCredentials)
    );

    // Both are in the audit.
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let found = app
        .call(
            Some(&head),
            SearchAudit {
                query: AuditQuery {
                    user_id: None,
                    from: Utc::now() - Duration::hours(1),
                    to: Utc::now() + Duration::hours(1),
                },
            },
        )
        .await
        .unwrap();
    let actions: Vec<&str> = found.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"user.password_change"), "{actions:?}");
}
