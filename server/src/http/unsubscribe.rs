//! The public page behind every letter's unsubscribe link: no sign-in, a
//! plain server-made page in the letter's language. Opening the link asks;
//! the button (or a mail program's one-click POST, RFC 8058) opts the
//! letter's addresses out. The token works once and expires.

use app::backend::context::AppState;
use app::backend::mail::letter::escape;
use app::backend::mail::{optout, texts};
use app::domain::user::Language;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// Readable on a phone, a button big enough for a thumb.
const STYLE: &str = "body{font:1.05rem/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1d2733}\
    main{max-width:32rem;margin:2rem auto}h1{font-size:1.4rem}\
    button{min-height:44px;padding:0 1.25rem;font:inherit;border:0;border-radius:6px;\
    background:#1f5fa8;color:#fff;cursor:pointer}";

fn page(lang: Language, body: &str) -> Html<String> {
    let t = texts::of(lang);
    Html(format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>{}</title><style>{STYLE}</style></head>\
         <body><main class=\"unsubscribe\"><h1>{}</h1>{body}</main></body></html>",
        lang.code(),
        escape(t.page_title),
        escape(t.page_title),
    ))
}

fn gone() -> Response {
    // The link does not say its language: every language says it.
    let body: String = Language::ALL
        .iter()
        .map(|l| {
            format!(
                "<p lang=\"{}\">{}</p>",
                l.code(),
                escape(texts::of(*l).page_gone)
            )
        })
        .collect();
    (StatusCode::NOT_FOUND, page(Language::Lv, &body)).into_response()
}

fn done(lang: Language, emails: &[String]) -> Response {
    let said = texts::of(lang)
        .page_done
        .replace("{emails}", &emails.join(", "));
    page(
        lang,
        &format!("<p id=\"unsubscribed\">{}</p>", escape(&said)),
    )
    .into_response()
}

pub async fn ask(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match optout::link(&state.db, &token, state.clock.now()).await {
        Ok(Some(link)) if link.used => done(link.language, &link.emails),
        Ok(Some(link)) => {
            let t = texts::of(link.language);
            let ask = t.page_ask.replace("{emails}", &link.emails.join(", "));
            page(
                link.language,
                &format!(
                    "<form method=\"post\"><p>{}</p>\
                     <button type=\"submit\" id=\"unsubscribe\">{}</button></form>",
                    escape(&ask),
                    escape(t.page_button)
                ),
            )
            .into_response()
        }
        Ok(None) => gone(),
        Err(e) => {
            tracing::warn!(error = %e, "unsubscribe page");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The button, or a mail program's one-click unsubscribe.
pub async fn confirm(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let now = state.clock.now();
    let language = match optout::link(&state.db, &token, now).await {
        Ok(Some(link)) => link.language,
        Ok(None) => return gone(),
        Err(e) => {
            tracing::warn!(error = %e, "unsubscribe");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match optout::unsubscribe(&state.db, &token, now).await {
        Ok(Some(emails)) => {
            tracing::info!(
                count = emails.len(),
                "recipients unsubscribed from proposals"
            );
            done(language, &emails)
        }
        // Used already (a second click): it is done.
        Ok(None) => match optout::link(&state.db, &token, now).await {
            Ok(Some(link)) => done(link.language, &link.emails),
            _ => gone(),
        },
        Err(e) => {
            tracing::warn!(error = %e, "unsubscribe");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
