//! `/import`, for those who may import money: an accounting export picked,
//! checked (nothing saved, every bad row listed by line), then imported
//! with a progress bar while the server works through it. How a source's
//! files are read is remembered on the server, so the next file from the
//! same system needs no settings. Below, the API tokens with which an
//! accounting system pushes its documents itself.

use crate::api::ApiError;
use crate::api::money::{
    ApiTokenView, NewApiToken, create_api_token, import_documents, import_progress,
    list_api_tokens, revoke_api_token,
};
use crate::domain::contract_scan::encode;
use crate::domain::receivables::import_report::ImportReport;
use crate::domain::receivables::import_row::{Adjust, Column, DateOrder, DecimalMark};
use crate::domain::receivables::upload::{MAX_BYTES, Upload};
use crate::domain::validation::{Issue, Issues, Problem};
use crate::i18n::{Key, column_name, fill, format, problem_text, row_problem_text};
use crate::ui::errors::api_error_text;
use crate::ui::replica::use_replica;
use crate::ui::session::use_session;
use crate::ui::widgets::field::{Field, issue_at, label};
use crate::ui::widgets::files;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// How often the page asks how far the import has got.
const POLL: Duration = Duration::from_millis(400);

#[component]
pub fn ImportPage() -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let source = RwSignal::new("accounting".to_string());
    let decimal = RwSignal::new(None::<DecimalMark>);
    let dates = RwSignal::new(None::<DateOrder>);
    let headers: Vec<(Column, RwSignal<String>)> = Column::ALL
        .iter()
        .map(|c| (*c, RwSignal::new(String::new())))
        .collect();
    let headers = StoredValue::new(headers);
    let file = RwSignal::new_local(None::<web_sys::File>);
    let issues = RwSignal::new(Issues::default());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // Rows in the file (for the bar's end) and the report so far.
    let total = RwSignal::new(0u64);
    let report = RwSignal::new(None::<ImportReport>);

    let pick = move |ev: leptos::ev::Event| {
        let picked = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|l| l.get(0));
        file.set(picked);
        report.set(None);
    };
    let say = move |e: &ApiError| {
        error.set(Some(api_error_text(
            s.lang.get_untracked(),
            &s.watch(e.clone()),
        )))
    };

    let run = move |preview: bool| {
        error.set(None);
        issues.set(Issues::default());
        let Some(f) = file.get_untracked() else {
            issues.set(Issues(vec![crate::domain::validation::Issue::new(
                "file",
                Problem::Required,
            )]));
            return;
        };
        if f.size() > MAX_BYTES as f64 {
            let max_mb = MAX_BYTES / (1024 * 1024);
            issues.set(Issues(vec![crate::domain::validation::Issue::new(
                "file",
                Problem::FileTooLarge { max_mb },
            )]));
            return;
        }
        let adjust = Adjust {
            columns: headers.with_value(|h| {
                h.iter()
                    .map(|(c, v)| (*c, v.get_untracked().trim().to_string()))
                    .filter(|(_, v)| !v.is_empty())
                    .collect()
            }),
            kind: None,
            decimal: decimal.get_untracked(),
            dates: dates.get_untracked(),
            delimiter: None,
        };
        let run_id = uuid::Uuid::now_v7().to_string();
        let source = source.get_untracked();
        busy.set(true);
        report.set(None);
        leptos::task::spawn_local(async move {
            let bytes = match files::read(&f).await {
                Ok(bytes) => bytes,
                Err(e) => {
                    say(&ApiError::Internal(e));
                    busy.set(false);
                    return;
                }
            };
            // A spreadsheet is read on the server; a CSV must be UTF-8 text.
            let sheet = bytes.starts_with(b"PK\x03\x04");
            if !sheet && std::str::from_utf8(&bytes).is_err() {
                error.set(Some(s.t_now(Key::ImportNotUtf8).to_string()));
                busy.set(false);
                return;
            }
            let lines = bytes.iter().filter(|b| **b == b'\n').count() as u64;
            total.set(if sheet { 0 } else { lines });
            // Asks for the progress until the import answers.
            let watching = run_id.clone();
            let poll = set_interval_with_handle(
                move || {
                    let watching = watching.clone();
                    leptos::task::spawn_local(async move {
                        if let Ok(Some(so_far)) = import_progress(watching).await
                            && busy.try_get_untracked() == Some(true)
                        {
                            report.set(Some(so_far));
                        }
                    });
                },
                POLL,
            )
            .ok();
            let upload = Upload {
                run: run_id,
                source,
                data: encode(&bytes),
                adjust,
                preview,
            };
            let answer = import_documents(upload).await;
            if let Some(p) = poll {
                p.clear();
            }
            busy.set(false);
            match answer {
                Ok(done) => report.set(Some(done)),
                Err(ApiError::Invalid(found)) => issues.set(found),
                Err(e) => say(&e),
            }
        });
    };

    let columns_missing = move || {
        issues.with(|is| {
            is.0.iter()
                .filter_map(|i| i.path.strip_prefix("columns."))
                .filter_map(Column::parse)
                .map(|c| column_name(s.lang.get(), c).to_string())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <h1>{move || s.t(Key::ImportTitle)}</h1>
        <p class="muted">{move || s.t(Key::ImportIntro)}</p>
        <p class="form-error" role="alert" id="import-error">{move || error.get()}</p>
        <Show when=move || !r.online.get()>
            <p class="notice" id="import-offline">{move || s.t(Key::ImportOnline)}</p>
        </Show>
        <form class="import-form" novalidate on:submit=move |ev| { ev.prevent_default(); run(false) }>
            <Field id="import-source" label=label(Key::ImportSource) value=source error=issue_at(issues, "source") required=true/>
            <div class="field" class:invalid=move || issues.with(|i| i.at("file").is_some())>
                <label for="import-file">{move || s.t(Key::ImportFile)}" *"</label>
                <input type="file" id="import-file" accept=".csv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" on:change=pick
                    aria-describedby="import-file-err"/>
                <p class="error" id="import-file-err" role="alert">
                    {move || issues.with(|i| i.at("file")).map(|p| problem_text(s.lang.get(), p))}
                    {move || {
                        let missing = columns_missing();
                        (!missing.is_empty()).then(|| format!("{}: {}", s.t(Key::ErrRequired), missing.join(", ")))
                    }}
                </p>
            </div>
            <div class="field">
                <label for="import-decimal">{move || s.t(Key::ImportDecimal)}</label>
                <select id="import-decimal" on:change=move |ev| decimal.set(DecimalMark::parse(&event_target_value(&ev)))>
                    <option value="">{move || s.t(Key::ImportAsSaved)}</option>
                    <option value="comma">{move || s.t(Key::ImportDecimalComma)}</option>
                    <option value="dot">{move || s.t(Key::ImportDecimalDot)}</option>
                </select>
            </div>
            <div class="field">
                <label for="import-dates">{move || s.t(Key::ImportDates)}</label>
                <select id="import-dates" on:change=move |ev| dates.set(DateOrder::parse(&event_target_value(&ev)))>
                    <option value="">{move || s.t(Key::ImportAsSaved)}</option>
                    <option value="day_first">{move || s.t(Key::ImportDayFirst)}</option>
                    <option value="month_first">{move || s.t(Key::ImportMonthFirst)}</option>
                </select>
            </div>
            <details class="import-columns">
                <summary>{move || s.t(Key::ImportColumns)}</summary>
                {headers.with_value(|h| h.iter().map(|(c, v)| {
                    let c = *c;
                    view! {
                        <Field id=format!("import-col-{}", c.code())
                            label=Signal::derive(move || column_name(s.lang.get(), c).to_string()) value=*v/>
                    }
                }).collect_view())}
            </details>
            <div class="actions">
                <button type="button" class="secondary" id="import-preview"
                    disabled=move || busy.get() || !r.online.get() on:click=move |_| run(true)>
                    {move || s.t(Key::ImportPreview)}
                </button>
                <button type="submit" class="primary" id="import-run" disabled=move || busy.get() || !r.online.get()>
                    {move || s.t(Key::ImportRun)}
                </button>
            </div>
        </form>
        <Show when=move || busy.get()>
            <div class="import-progress" role="status">
                // A spreadsheet's length is known only as it is read.
                <progress id="import-progress"
                    max=move || total.get().max(report.with(|r| r.as_ref().map_or(1, |r| r.rows.max(1))))
                    value=move || report.with(|r| r.as_ref().map_or(0, |r| r.rows))></progress>
                <span>{move || fill(s.t(Key::ImportReading), &[("num", &report.with(|r| r.as_ref().map_or(0, |r| r.rows)).to_string())])}</span>
            </div>
        </Show>
        {move || (!busy.get()).then(|| report.get()).flatten().map(|r| view! { <ReportView r=r/> })}
        <ApiTokens/>
    }
}

/// Where an accounting system pushes its documents.
const PUSH_PATH: &str = "/api/accounting/documents";

/// The push's address on this server, as the browser reached it.
fn push_url() -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}{PUSH_PATH}")
}

/// A push from the command line, to put in the accounting system's
/// nightly job.
fn curl_example(url: &str, secret: &str) -> String {
    format!(
        "curl -X POST {url} \\\n  -H 'Authorization: Bearer {secret}' \\\n  \
         -H 'Content-Type: application/json' \\\n  --data-binary @documents.json"
    )
}

/// What `documents.json` holds: a push of one document.
const BODY_EXAMPLE: &str = r#"{"documents": [{"kind": "invoice", "number": "R-17",
  "client_reg_no": "40003245752", "date": "2026-11-02", "due": "2026-12-02",
  "amount": "1234.56", "currency": "EUR", "reference": null}]}"#;

/// The tokens accounting systems push with: listed, made (the secret shown
/// once), revoked.
#[component]
fn ApiTokens() -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let tokens = RwSignal::new(None::<Vec<ApiTokenView>>);
    let name = RwSignal::new(String::new());
    let issues = RwSignal::new(Issues::default());
    let error = RwSignal::new(None::<String>);
    let made = RwSignal::new(None::<NewApiToken>);
    let busy = RwSignal::new(false);
    let say =
        move |e: ApiError| error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e))));
    let reload = move || {
        leptos::task::spawn_local(async move {
            match list_api_tokens().await {
                Ok(t) => tokens.set(Some(t)),
                Err(e) => say(e),
            }
        });
    };
    reload();
    let create = move || {
        error.set(None);
        issues.set(Issues::default());
        made.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            match create_api_token(name.get_untracked()).await {
                Ok(t) => {
                    made.set(Some(t));
                    name.set(String::new());
                    reload();
                }
                Err(ApiError::Invalid(found)) => issues.set(found),
                Err(ApiError::Duplicate(_)) => {
                    issues.set(Issues(vec![Issue::new("name", Problem::Taken)]))
                }
                Err(e) => say(e),
            }
            busy.set(false);
        });
    };
    let revoke = move |id: String| {
        error.set(None);
        leptos::task::spawn_local(async move {
            match revoke_api_token(id).await {
                Ok(()) => reload(),
                Err(e) => say(e),
            }
        });
    };
    let when = move |at: Option<chrono::DateTime<chrono::Utc>>| match at {
        Some(t) => format::datetime(s.lang.get(), t),
        None => s.t(Key::ApiTokenNeverUsed).to_string(),
    };
    view! {
        <section class="panel" id="api-tokens">
            <h2>{move || s.t(Key::ApiTokensTitle)}</h2>
            <p class="muted">{move || s.t(Key::ApiTokensIntro)}</p>
            <p class="form-error" role="alert" id="api-token-error">{move || error.get()}</p>
            <div class="device-list" id="api-token-list">
                {move || tokens.get().map(|list| {
                    if list.is_empty() {
                        return view! { <p class="empty">{move || s.t(Key::ApiTokensNone)}</p> }.into_any();
                    }
                    list.into_iter().map(|t| {
                        let id = t.id.clone();
                        let (created, used) = (t.created_at, t.last_used_at);
                        view! {
                            <article class="device-row api-token" data-token=t.id.clone()>
                                <p><strong>{t.name.clone()}</strong></p>
                                <p class="hint">
                                    {move || s.t(Key::ApiTokenCreated)}": "{move || when(Some(created))}" · "
                                    {move || s.t(Key::ApiTokenLastUsed)}": "{move || when(used)}
                                </p>
                                <button type="button" class="secondary danger api-token-revoke"
                                    disabled=move || !r.online.get()
                                    on:click=move |_| revoke(id.clone())>
                                    {move || s.t(Key::ApiTokenRevoke)}
                                </button>
                            </article>
                        }
                    }).collect_view().into_any()
                })}
            </div>
            <form class="api-token-form" novalidate on:submit=move |ev| { ev.prevent_default(); create() }>
                <Field id="api-token-name" label=label(Key::ApiTokenName) value=name
                    error=issue_at(issues, "name") required=true/>
                <div class="actions">
                    <button type="submit" class="primary" id="api-token-create"
                        disabled=move || busy.get() || !r.online.get()>
                        {move || s.t(Key::ApiTokenCreate)}
                    </button>
                </div>
            </form>
            {move || made.get().map(|t| {
                let url = push_url();
                let example = curl_example(&url, &t.secret);
                view! {
                    <div class="notice" id="api-token-made" role="status">
                        <p><strong>{t.name.clone()}</strong>": "{move || s.t(Key::ApiTokenSecretOnce)}</p>
                        <pre id="api-token-secret">{t.secret.clone()}</pre>
                        <p>{move || s.t(Key::ApiTokenEndpoint)}": "<code id="api-token-url">"POST "{url.clone()}</code></p>
                        <p>{move || s.t(Key::ApiTokenExample)}":"</p>
                        <pre id="api-token-curl">{example}</pre>
                        <p><code>"documents.json"</code></p>
                        <pre id="api-token-body">{BODY_EXAMPLE}</pre>
                    </div>
                }
            })}
        </section>
    }
}

#[component]
fn ReportView(r: ImportReport) -> impl IntoView {
    let s = use_session();
    let lang = move || s.lang.get();
    let summary = {
        let r = r.clone();
        move || {
            fill(
                s.t(Key::ImportSummary),
                &[
                    ("rows", &r.rows.to_string()),
                    ("created", &r.created.to_string()),
                    ("updated", &r.updated.to_string()),
                    ("unchanged", &r.unchanged.to_string()),
                    ("repeated", &r.repeated.to_string()),
                    ("failed", &r.failed.to_string()),
                ],
            )
        }
    };
    let more = r.failed.saturating_sub(r.problems.len() as u64);
    view! {
        <section class="panel" id="import-report" data-preview=r.preview.to_string()
            data-created=r.created.to_string() data-failed=r.failed.to_string()>
            <p id="import-summary">{summary}</p>
            {r.preview.then(|| view! { <p class="notice">{move || s.t(Key::ImportWasPreview)}</p> })}
            <ul class="import-problems" id="import-problems">
                {r.problems.into_iter().map(|p| view! {
                    <li data-line=p.line.to_string()>
                        <strong>{move || fill(s.t(Key::ImportLine), &[("line", &p.line.to_string())])}</strong>
                        ": "{move || row_problem_text(lang(), &p.problem)}
                    </li>
                }).collect_view()}
            </ul>
            {(more > 0).then(|| view! {
                <p class="muted">{move || fill(s.t(Key::ImportMoreProblems), &[("num", &more.to_string())])}</p>
            })}
        </section>
    }
}
