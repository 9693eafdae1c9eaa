//! `kartoteka api-token create|list|revoke`: the tokens accounting systems
//! push documents with, managed from the server's shell (audited as the
//! command line's, as `user add` is).

use crate::config::{ApiTokenCommand, Common};
use anyhow::{Result, bail};
use app::api::ApiError;
use app::backend::money_import::api_tokens;

const DEVICE: &str = "kartoteka api-token";

pub async fn run(common: &Common, cmd: ApiTokenCommand) -> Result<()> {
    if common.db.is_none() {
        std::fs::create_dir_all(&common.data_dir)?;
    }
    let db = crate::db::open(common.database()).await?;
    let result = act(&db, cmd).await;
    crate::db::close(db, &common.db_url()).await;
    result
}

async fn act(db: &app::backend::Db, cmd: ApiTokenCommand) -> Result<()> {
    match cmd {
        ApiTokenCommand::Create { name } => {
            let made = match api_tokens::create(db, "cli", &name, Some(DEVICE)).await {
                Ok(made) => made,
                Err(ApiError::Duplicate(_)) => {
                    bail!("a token named \"{}\" exists already", name.trim())
                }
                Err(e) => bail!("{e}"),
            };
            // The secret on stdout alone, so a script can take it; the rest
            // on stderr.
            eprintln!(
                "token {} for \"{}\" made; its secret (shown only now, not stored):",
                made.id, made.name
            );
            println!("{}", made.secret);
            eprintln!(
                "push with: Authorization: Bearer <secret> to POST /api/accounting/documents"
            );
        }
        ApiTokenCommand::List => {
            let tokens = api_tokens::list(db)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            for t in tokens {
                let used = t
                    .last_used_at
                    .map_or_else(|| "never used".to_string(), |at| at.to_rfc3339());
                println!(
                    "{}\t{}\t{}\t{}",
                    t.id,
                    t.name,
                    t.created_at.to_rfc3339(),
                    used
                );
            }
        }
        ApiTokenCommand::Revoke { id } => {
            match api_tokens::revoke(db, "cli", id.trim(), Some(DEVICE)).await {
                Ok(t) => println!("revoked token {} for \"{}\"", t.id, t.name),
                Err(ApiError::NotFound) => bail!("no token {id} (or it was revoked already)"),
                Err(e) => bail!("{e}"),
            }
        }
    }
    Ok(())
}
