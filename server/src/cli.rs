//! Admin tasks from the command line.

use crate::config::{Common, UserCommand};
use anyhow::{Context, Result, bail};
use app::domain::user::UserInput;
use std::io::{BufRead, IsTerminal};

pub async fn user(common: &Common, cmd: UserCommand) -> Result<()> {
    if common.db.is_none() {
        std::fs::create_dir_all(&common.data_dir)?;
    }
    let db = crate::db::open(common.database()).await?;
    let result = run(&db, cmd).await;
    crate::db::close(db, &common.db_url()).await;
    result
}

async fn run(db: &app::backend::Db, cmd: UserCommand) -> Result<()> {
    match cmd {
        UserCommand::Add {
            email,
            name,
            role,
            department,
            language,
            admin,
        } => {
            let password = read_password()?;
            let input = UserInput {
                email,
                name,
                role,
                department,
                language,
                password,
                admin,
            };
            let new_user = match input.validate() {
                Ok(u) => u,
                Err(issues) => bail!("{issues}"),
            };
            match app::backend::users::create(db, &new_user).await {
                Ok(u) => {
                    app::backend::audit::record(
                        db,
                        "cli",
                        "user.create",
                        &u.id,
                        serde_json::json!({ "email": u.email, "role": u.role }),
                    )
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                    println!("created {} <{}> as {}", u.name, u.email, u.role.as_str());
                }
                Err(app::api::ApiError::Duplicate(_)) => {
                    bail!("a user with e-mail {} already exists", new_user.email)
                }
                Err(e) => bail!("{e}"),
            }
        }
        UserCommand::List => {
            for u in app::backend::users::list(db)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
            {
                println!(
                    "{}\t{}\t{}\t{}",
                    u.email,
                    u.name,
                    u.role.as_str(),
                    if u.active { "active" } else { "inactive" }
                );
            }
        }
    }
    Ok(())
}

/// From the terminal without echo (asked twice), or one line from stdin.
fn read_password() -> Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ").context("cannot read the password")?;
        let second = rpassword::prompt_password("Repeat password: ")?;
        if first != second {
            bail!("the two passwords differ");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}
