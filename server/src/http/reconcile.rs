//! The public page behind a reconciliation statement's answer link: no
//! sign-in, a plain server-made page in the letter's language showing only
//! this statement (the client's name, the period, our closing balance).
//! The client confirms it, or states their own balance with a note. The
//! token works once and expires; a second use is refused.

use app::backend::account_letters::{self, Answered, Opened};
use app::backend::context::AppState;
use app::backend::mail::account_texts::{self, AccountTexts};
use app::backend::mail::letter::escape;
use app::domain::receivables::account_letter::{AnswerInput, LetterStatus};
use app::domain::receivables::statement::Month;
use app::domain::user::Language;
use app::i18n::format;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// Readable on a phone, controls big enough for a thumb.
const STYLE: &str = "body{font:1.05rem/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1d2733}\
    main{max-width:32rem;margin:2rem auto}h1{font-size:1.4rem}\
    label{display:block;margin:.75rem 0 .25rem}\
    input,textarea{font:inherit;width:100%;box-sizing:border-box;min-height:44px;padding:.4rem}\
    button{min-height:44px;padding:0 1.25rem;font:inherit;border:0;border-radius:6px;\
    background:#1f5fa8;color:#fff;cursor:pointer;margin-top:.75rem}\
    .error{color:#b42318}.figure{font-size:1.3rem;font-weight:700}";

fn page(lang: Language, status: StatusCode, body: &str) -> Response {
    let t = account_texts::of(lang);
    (
        status,
        Html(format!(
            "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <meta name=\"robots\" content=\"noindex\"><title>{}</title><style>{STYLE}</style></head>\
             <body><main class=\"reconcile\"><h1>{}</h1>{body}</main></body></html>",
            lang.code(),
            escape(t.page_title),
            escape(t.page_title),
        )),
    )
        .into_response()
}

fn gone() -> Response {
    // The link does not say its language: every language says it.
    let body: String = Language::ALL
        .iter()
        .map(|l| {
            format!(
                "<p lang=\"{}\" id=\"answer-gone\">{}</p>",
                l.code(),
                escape(account_texts::of(*l).page_gone)
            )
        })
        .collect();
    page(Language::Lv, StatusCode::NOT_FOUND, &body)
}

fn used(lang: Language) -> Response {
    let t = account_texts::of(lang);
    page(
        lang,
        StatusCode::GONE,
        &format!("<p id=\"answer-used\">{}</p>", escape(t.page_used)),
    )
}

fn failed() -> Response {
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// What the statement says: whose, for when, and our closing balance.
fn summary(t: &AccountTexts, lang: Language, o: &Opened) -> String {
    let period = o
        .letter
        .month
        .as_deref()
        .and_then(Month::parse)
        .and_then(|m| Some((m.first()?, m.last()?)));
    let period = period
        .map(|(a, b)| format!("{} – {}", format::date(lang, a), format::date(lang, b)))
        .unwrap_or_default();
    let ours = o
        .letter
        .our_balance
        .map(|b| format::eur(lang, b))
        .unwrap_or_default();
    format!(
        "<p><strong>{}</strong><br>{}: {}</p><p>{}<br><span class=\"figure\" id=\"our-balance\">{}</span></p>",
        escape(&o.client_name),
        escape(t.period),
        escape(&period),
        escape(t.closing),
        escape(&ours),
    )
}

fn form(lang: Language, o: &Opened, typed: &AnswerInput, error: Option<&str>) -> String {
    let t = account_texts::of(lang);
    format!(
        "{summary}<form method=\"post\"><input type=\"hidden\" name=\"action\" value=\"confirm\">\
         <button type=\"submit\" id=\"answer-confirm\">{confirm}</button></form>\
         <form method=\"post\"><p>{or}</p><input type=\"hidden\" name=\"action\" value=\"dispute\">\
         <label for=\"balance\">{balance}</label>\
         <input id=\"balance\" name=\"balance\" inputmode=\"decimal\" value=\"{typed_balance}\" \
           aria-describedby=\"balance-err\">\
         <p class=\"error\" id=\"balance-err\" role=\"alert\">{error}</p>\
         <label for=\"note\">{note}</label><textarea id=\"note\" name=\"note\" rows=\"3\">{typed_note}</textarea>\
         <button type=\"submit\" id=\"answer-dispute\">{dispute}</button></form>",
        summary = summary(t, lang, o),
        confirm = escape(t.page_confirm),
        or = escape(t.page_or),
        balance = escape(t.page_balance),
        typed_balance = escape(&typed.balance),
        error = escape(error.unwrap_or_default()),
        note = escape(t.page_note),
        typed_note = escape(&typed.note),
        dispute = escape(t.page_dispute),
    )
}

fn language(o: &Opened) -> Language {
    Language::parse(&o.letter.language).unwrap_or_default()
}

pub async fn show(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match account_letters::open(&state.db, &token, state.clock.now()).await {
        Ok(Some(o)) if o.used => used(language(&o)),
        Ok(Some(o)) => {
            let lang = language(&o);
            page(
                lang,
                StatusCode::OK,
                &form(lang, &o, &AnswerInput::default(), None),
            )
        }
        Ok(None) => gone(),
        Err(e) => {
            tracing::warn!(error = %e, "statement answer page");
            failed()
        }
    }
}

pub async fn answer(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Form(typed): Form<AnswerInput>,
) -> Response {
    let now = state.clock.now();
    let opened = match account_letters::open(&state.db, &token, now).await {
        Ok(Some(o)) => o,
        Ok(None) => return gone(),
        Err(e) => {
            tracing::warn!(error = %e, "statement answer");
            return failed();
        }
    };
    let lang = language(&opened);
    let t = account_texts::of(lang);
    let answer = match typed.validate() {
        Ok(a) => a,
        Err(_) => {
            return page(
                lang,
                StatusCode::UNPROCESSABLE_ENTITY,
                &form(lang, &opened, &typed, Some(t.page_bad_balance)),
            );
        }
    };
    match account_letters::answer(&state.db, &token, answer, now).await {
        Ok(Answered::Done(status)) => {
            let said = match status {
                LetterStatus::Disputed => t.page_disputed,
                _ => t.page_confirmed,
            };
            page(
                lang,
                StatusCode::OK,
                &format!(
                    "{}<p id=\"answer-done\" data-status=\"{}\">{}</p>",
                    summary(t, lang, &opened),
                    status.code(),
                    escape(said)
                ),
            )
        }
        Ok(Answered::Used) => used(lang),
        Ok(Answered::Gone) => gone(),
        Err(e) => {
            tracing::warn!(error = %e, "statement answer");
            failed()
        }
    }
}
