//! Targets set by the head: who may list and set whose, what a bad form
//! gets back, that the person's own session sees the new targets, and that
//! the change is audited.

use crate::common;

use app::api::ApiError;
use app::api::auth::CurrentUser;
use app::api::team::{ListTeam, SetTargets};
use app::domain::calling::cold::ColdAfter;
use app::domain::calling::quota::Targets;
use app::domain::calling::targets::TargetsInput;
use app::domain::user::Role;
use app::domain::validation::Problem;
use common::TestApp;

fn form(calls: &str) -> TargetsInput {
    TargetsInput {
        calls: calls.into(),
        phone_offers: "15".into(),
        email_proposals: "40".into(),
        new_contracts: "5".into(),
        cold_prospect: "7".into(),
        cold_active: "21".into(),
        cold_key: "10".into(),
        cold_lost: "".into(),
    }
}

#[tokio::test]
async fn a_head_sets_a_managers_targets_and_the_manager_sees_them() {
    let app = TestApp::new().await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    app.add_user("cits.vaditajs@firma.lv", Role::Head).await;
    app.add_user("admin@firma.lv", Role::Admin).await;

    let team = app.call(Some(&head), ListTeam {}).await.unwrap();
    assert_eq!(
        team.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
        [ilze.user.id.as_str()],
        "only the managers, not other heads, admins or the head"
    );
    assert_eq!(team[0].targets, Targets::default());

    let me = app
        .call(Some(&ilze), CurrentUser {})
        .await
        .unwrap()
        .unwrap();
    assert_eq!(me.targets, Targets::default(), "the job description's");
    assert_eq!(me.cold_after, ColdAfter::default());
    let set = app
        .call(
            Some(&head),
            SetTargets {
                user_id: ilze.user.id.clone(),
                input: form(" 25 "),
            },
        )
        .await
        .unwrap();
    let want = Targets {
        calls: 25,
        phone_offers: 15,
        email_proposals: 40,
        new_contracts: 5,
    };
    assert_eq!(set.targets, want);
    let me = app
        .call(Some(&ilze), CurrentUser {})
        .await
        .unwrap()
        .unwrap();
    assert_eq!(me.targets, want);

    let mut res = app
        .db
        .query(
            "SELECT actor, changes FROM audit WHERE action = 'user.set_targets' AND record = $id",
        )
        .bind(("id", ilze.user.id.clone()))
        .await
        .unwrap();
    let rows: Vec<serde_json::Value> = res.take(0).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["actor"], serde_json::json!(head.user.id));
    assert_eq!(
        rows[0]["changes"]["calls"],
        serde_json::json!({"old": "30", "new": "25"})
    );
}

#[tokio::test]
async fn everyone_else_is_refused_and_a_bad_form_saves_nothing() {
    let app = TestApp::new().await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let other_head = app.session("cits@firma.lv", Role::Head).await;
    let director = app.session("direktors@firma.lv", Role::Director).await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let peteris = app.session("peteris@firma.lv", Role::Manager).await;
    let admin = app.session("admin@firma.lv", Role::Admin).await;
    let logistics = app.session("noliktava@firma.lv", Role::Logistics).await;
    let set = |who: &str, calls: &str| SetTargets {
        user_id: who.to_string(),
        input: form(calls),
    };

    assert_eq!(
        app.call(None, ListTeam {}).await,
        Err(ApiError::Unauthorized)
    );
    assert_eq!(
        app.call(None, set(&ilze.user.id, "20")).await,
        Err(ApiError::Unauthorized)
    );
    for s in [&ilze, &admin, &logistics] {
        assert_eq!(
            app.call(Some(s), ListTeam {}).await,
            Err(ApiError::Forbidden)
        );
        assert_eq!(
            app.call(Some(s), set(&peteris.user.id, "20")).await,
            Err(ApiError::Forbidden),
            "{:?}",
            s.user.role
        );
    }
    // A head sets neither their own targets nor another head's.
    for who in [&head.user.id, &other_head.user.id, &director.user.id] {
        assert_eq!(
            app.call(Some(&head), set(who, "20")).await,
            Err(ApiError::Forbidden)
        );
    }
    assert_eq!(
        app.call(Some(&head), set("nav-tada", "20")).await,
        Err(ApiError::NotFound)
    );
    // A director sets a head's.
    let t = app
        .call(Some(&director), set(&other_head.user.id, "10"))
        .await
        .unwrap();
    assert_eq!(t.targets.calls, 10);

    let bad = app
        .call(
            Some(&head),
            SetTargets {
                user_id: ilze.user.id.clone(),
                input: TargetsInput {
                    calls: "301".into(),
                    phone_offers: "-2".into(),
                    email_proposals: "".into(),
                    new_contracts: "četri".into(),
                    cold_prospect: "0".into(),
                    ..form("1")
                },
            },
        )
        .await;
    let Err(ApiError::Invalid(is)) = bad else {
        panic!("{bad:?}")
    };
    assert_eq!(is.at("calls"), Some(Problem::AmountTooLarge));
    assert_eq!(is.at("phone_offers"), Some(Problem::NegativeAmount));
    assert_eq!(is.at("email_proposals"), Some(Problem::Required));
    assert_eq!(is.at("new_contracts"), Some(Problem::InvalidAmount));
    assert_eq!(is.at("cold_prospect"), Some(Problem::InvalidDays));
    let me = app
        .call(Some(&ilze), CurrentUser {})
        .await
        .unwrap()
        .unwrap();
    assert_eq!(me.targets, Targets::default(), "nothing saved");
}
