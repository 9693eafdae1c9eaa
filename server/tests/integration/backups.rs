//! Backups while the server runs: scheduled ones keep the newest few, and
//! one made while a device pushes holds every push acknowledged before it,
//! and each push wholly or not at all.

use crate::common;

use app::api::clients::CreateClient;
use app::api::sync::SyncPush;
use app::domain::client_input::ClientInput;
use app::domain::user::Role;
use app::sync::op::Op;
use app::sync::protocol::{AckStatus, PushBatch};
use chrono::Utc;
use common::{Session, TestApp, call_op};
use std::sync::Arc;

fn calls(client: &str, n: usize) -> Vec<Op> {
    (0..n).map(|_| call_op(client, Utc::now())).collect()
}

async fn push(app: &TestApp, s: &Session, ops: Vec<Op>) -> Vec<String> {
    let acks = app
        .call(
            Some(s),
            SyncPush {
                batch: PushBatch {
                    device_id: "telefons".into(),
                    ops,
                    after: None,
                },
            },
        )
        .await
        .unwrap();
    assert!(acks.iter().all(|a| a.status == AckStatus::Applied));
    acks.into_iter().map(|a| a.op_id).collect()
}

async fn calls_in(url: &str) -> Vec<String> {
    let db = server::db::open(url).await.unwrap();
    let mut res = db.query("SELECT VALUE op FROM call_log").await.unwrap();
    let ops: Vec<String> = res.take(0).unwrap();
    server::db::close(db, url).await;
    ops
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_during_a_push_holds_every_acknowledged_push_and_no_half_of_one() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let input = ClientInput {
        name: "SIA Koks".into(),
        ..Default::default()
    };
    let c = app.call(Some(&ilze), CreateClient { input }).await.unwrap();
    let before = push(&app, &ilze, calls(&c.id, 300)).await;
    let dir = tempfile::tempdir().unwrap();
    let during = {
        let app = app.clone();
        let ilze = ilze.clone();
        let ops = calls(&c.id, 800);
        tokio::spawn(async move { push(&app, &ilze, ops).await })
    };
    let file = server::backup::write_into(&app.db, dir.path(), 3)
        .await
        .unwrap();
    let during = during.await.unwrap();
    let restored = format!("surrealkv://{}", dir.path().join("restored").display());
    server::backup::restore(&restored, &file).await.unwrap();
    let found = calls_in(&restored).await;
    for op in &before {
        assert!(found.contains(op), "an acknowledged call is missing");
    }
    let of_during = during.iter().filter(|op| found.contains(op)).count();
    assert!(
        of_during == 0 || of_during == during.len(),
        "half a push in the backup: {of_during} of {}",
        during.len()
    );
}

#[tokio::test]
async fn scheduled_backups_keep_the_newest_few() {
    let app = TestApp::new().await;
    app.add_user("ilze@firma.lv", Role::Manager).await;
    let dir = tempfile::tempdir().unwrap();
    let mut written = Vec::new();
    for _ in 0..4 {
        written.push(
            server::backup::write_into(&app.db, dir.path(), 2)
                .await
                .unwrap(),
        );
    }
    let mut left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    left.sort();
    assert_eq!(
        left,
        written[2..].to_vec(),
        "the two newest, nothing partial"
    );
    let restored = format!("surrealkv://{}", dir.path().join("r").display());
    server::backup::restore(&restored, &written[3])
        .await
        .unwrap();
}
