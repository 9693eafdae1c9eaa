//! `kartoteka import documents` as an accountant runs it: the real binary on
//! a real database, flags checked with a precise message, each row that
//! cannot be imported listed by line, the rest imported, a preview saving
//! nothing and the same file again changing nothing.

use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_kartoteka");

fn kartoteka(db: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(["--db", db, "--log", "error"])
        .args(args)
        .output()
        .unwrap()
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A registration number of a card `kartoteka seed` made.
async fn a_seeded_reg_no(db: &str) -> String {
    let conn = server::db::open(db).await.unwrap();
    let mut res = conn
        .query("SELECT VALUE reg_no FROM client WHERE reg_no != NONE LIMIT 1")
        .await
        .unwrap();
    let regs: Vec<String> = res.take(0).unwrap();
    server::db::close(conn, db).await;
    regs.into_iter()
        .next()
        .expect("seed makes cards with registration numbers")
}

#[tokio::test]
async fn an_export_is_imported_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("surrealkv://{}", dir.path().join("db").display());
    let seeded = kartoteka(&db, &["seed", "--clients", "3", "--managers", "1"]);
    assert!(seeded.status.success(), "{:?}", text(&seeded));
    let reg = a_seeded_reg_no(&db).await;

    // English headers of their own: mapped by flags, kept for the source.
    let file = dir.path().join("export.csv");
    std::fs::write(
        &file,
        format!(
            "Doc;No;Customer;Issued;Pay by;Sum\n\
             invoice;A-1;{reg};2026-11-02;2026-11-16;1 210,50\n\
             payment;B-1;{reg};2026-11-10;;210,50\n\
             invoice;A-2;{reg};2026-11-02;;zero\n"
        ),
    )
    .unwrap();
    let path = file.to_str().unwrap();

    let wrong = kartoteka(&db, &["import", "documents", path, "--column", "sum=Sum"]);
    assert!(!wrong.status.success());
    assert!(
        text(&wrong).1.contains("no column \"sum\""),
        "{:?}",
        text(&wrong)
    );

    let flags = [
        "--source",
        "horizon",
        "--column",
        "kind=Doc",
        "--column",
        "number=No",
        "--column",
        "client=Customer",
        "--column",
        "date=Issued",
        "--column",
        "due=Pay by",
        "--column",
        "amount=Sum",
    ];
    let mut preview = vec!["import", "documents", path, "--preview"];
    preview.extend(flags);
    let (out, _) = text(&kartoteka(&db, &preview));
    assert!(
        out.contains("2 created") && out.contains("preview: nothing saved"),
        "{out}"
    );

    let mut import = vec!["import", "documents", path];
    import.extend(flags);
    let first = kartoteka(&db, &import);
    let (out, err) = text(&first);
    assert!(
        !first.status.success(),
        "a failed row makes the exit status say so"
    );
    assert!(
        out.contains("line 4: amount \"zero\" is not a number"),
        "{out}"
    );
    assert!(
        out.contains("3 rows: 2 created, 0 updated, 0 unchanged, 0 repeated, 1 failed"),
        "{out}"
    );
    assert!(err.contains("rows not imported: 1"), "{err}");

    // The source's mapping was kept: the next file needs no flags.
    let again = kartoteka(&db, &["import", "documents", path, "--source", "horizon"]);
    let (out, _) = text(&again);
    assert!(out.contains("0 created, 0 updated, 2 unchanged"), "{out}");
}
