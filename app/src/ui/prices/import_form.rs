//! The price list's import, for heads, directors and administrators: a
//! file picked, checked and compared (nothing saved, every bad line
//! named), then imported; the report says what is new, changed, the same
//! and withdrawn.

use crate::api::ApiError;
use crate::domain::contract_scan::encode;
use crate::domain::price_list_file::HeaderProblem;
use crate::domain::price_list_import::PriceListReport;
use crate::domain::validation::{Issue, Issues, Problem};
use crate::i18n::{Key, fill, problem_text};
use crate::ui::errors::api_error_text;
use crate::ui::replica::use_replica;
use crate::ui::session::use_session;
use crate::ui::widgets::files;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The largest file sent (as the server takes it).
const MAX_BYTES: usize = 16 * 1024 * 1024;

#[component]
pub fn PriceImport() -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let file = RwSignal::new_local(None::<web_sys::File>);
    let issues = RwSignal::new(Issues::default());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let report = RwSignal::new(None::<PriceListReport>);
    let pick = move |ev: leptos::ev::Event| {
        let picked = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0));
        file.set(picked);
        issues.set(Issues::default());
        report.set(None);
    };
    let file_problem = |p: Problem| Issues(vec![Issue::new("file", p)]);
    let run = move |preview: bool| {
        error.set(None);
        issues.set(Issues::default());
        let Some(f) = file.get_untracked() else {
            issues.set(file_problem(Problem::Required));
            return;
        };
        if f.size() > MAX_BYTES as f64 {
            issues.set(file_problem(Problem::FileTooLarge {
                max_mb: MAX_BYTES / (1024 * 1024),
            }));
            return;
        }
        busy.set(true);
        report.set(None);
        leptos::task::spawn_local(async move {
            let answer = match files::read(&f).await {
                Ok(bytes) => r.import_price_list(encode(&bytes), preview).await,
                Err(e) => Err(ApiError::Internal(e)),
            };
            busy.set(false);
            match answer {
                Ok(done) => report.set(Some(done)),
                Err(ApiError::Invalid(found)) => issues.set(found),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <section class="panel" id="price-import" aria-labelledby="price-import-title">
            <h2 id="price-import-title">{move || s.t(Key::PriceImportTitle)}</h2>
            <p class="muted">{move || s.t(Key::PriceImportIntro)}</p>
            <Show when=move || !r.online.get()>
                <p class="notice" id="price-offline">{move || s.t(Key::PriceImportOnline)}</p>
            </Show>
            <p class="form-error" role="alert" id="price-error">{move || error.get()}</p>
            <div class="field" class:invalid=move || issues.with(|i| i.at("file").is_some())>
                <label for="price-file">{move || s.t(Key::PriceFile)}" *"</label>
                <input type="file" id="price-file" on:change=pick aria-describedby="price-file-err"
                    accept=".csv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>
                <p class="error" id="price-file-err" role="alert">
                    {move || issues.with(|i| i.at("file")).map(|p| problem_text(s.lang.get(), p))}
                </p>
            </div>
            <div class="actions">
                <button type="button" class="secondary" id="price-preview"
                    disabled=move || busy.get() || !r.online.get() on:click=move |_| run(true)>
                    {move || s.t(Key::ImportPreview)}
                </button>
                <button type="button" class="primary" id="price-run"
                    disabled=move || busy.get() || !r.online.get() on:click=move |_| run(false)>
                    {move || s.t(Key::PriceImportRun)}
                </button>
            </div>
            <Show when=move || busy.get()>
                <p role="status" class="muted"><progress></progress>" "{move || s.t(Key::PriceImportBusy)}</p>
            </Show>
            {move || report.get().map(|r| view! { <PriceReport r=r/> })}
        </section>
    }
}

/// What is wrong with the header row, as people read it.
fn header_text(s: crate::ui::session::Session, h: &HeaderProblem) -> String {
    match h {
        HeaderProblem::Missing(column) => {
            let name = if column == "code" {
                s.t(Key::PriceColumnCode)
            } else {
                s.t(Key::PriceColumnName)
            };
            fill(s.t(Key::PriceHeaderMissing), &[("column", name)])
        }
        HeaderProblem::NoPriceType => s.t(Key::PriceHeaderNoType).to_string(),
        HeaderProblem::TooManyPriceTypes { max } => fill(
            s.t(Key::PriceHeaderTooManyTypes),
            &[("max", &max.to_string())],
        ),
        HeaderProblem::TooManyItems { max } => fill(
            s.t(Key::PriceHeaderTooManyItems),
            &[("max", &max.to_string())],
        ),
        HeaderProblem::Repeated(column) => {
            fill(s.t(Key::PriceHeaderRepeated), &[("column", column)])
        }
    }
}

#[component]
fn PriceReport(r: PriceListReport) -> impl IntoView {
    let s = use_session();
    let counts = {
        let r = r.clone();
        move || {
            fill(
                s.t(Key::PriceReportCounts),
                &[
                    ("items", &r.items.to_string()),
                    ("added", &r.added.to_string()),
                    ("changed", &r.changed.to_string()),
                    ("unchanged", &r.unchanged.to_string()),
                    ("withdrawn", &r.withdrawn.to_string()),
                ],
            )
        }
    };
    let types = r.price_types.join(", ");
    let bad = r.is_bad();
    let more = r.bad_lines.saturating_sub(r.problems.len());
    let header = r.header.clone();
    view! {
        <div id="price-report" data-written=r.written.to_string() data-bad=bad.to_string()
            data-added=r.added.to_string() data-changed=r.changed.to_string()
            data-withdrawn=r.withdrawn.to_string()>
            {header.map(|h| view! { <p class="form-error" id="price-header-problem">{move || header_text(s, &h)}</p> })}
            {(!bad).then(|| view! {
                <p id="price-counts">{counts}</p>
                <p class="muted">{move || fill(s.t(Key::PriceReportTypes), &[("types", &types)])}</p>
            })}
            {(r.bad_lines > 0).then(|| view! {
                <p class="form-error">{move || fill(s.t(Key::PriceReportBad), &[("num", &r.bad_lines.to_string())])}</p>
            })}
            <p class="notice">{move || s.t(if r.written { Key::PriceReportWritten } else { Key::PriceReportNotWritten })}</p>
            <ul class="import-problems" id="price-problems">
                {r.problems.into_iter().map(|p| {
                    let cells: Vec<(String, Problem)> = p.cells.iter().map(|c| (c.column.clone(), c.problem)).collect();
                    view! {
                        <li data-line=p.line.to_string()>
                            <strong>{move || fill(s.t(Key::ImportLine), &[("line", &p.line.to_string())])}</strong>
                            " "{p.code.clone()}": "
                            {move || cells.iter().map(|(c, pr)| format!("{c} — {}", problem_text(s.lang.get(), *pr))).collect::<Vec<_>>().join("; ")}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(more > 0).then(|| view! {
                <p class="muted">{move || fill(s.t(Key::ImportMoreProblems), &[("num", &more.to_string())])}</p>
            })}
        </div>
    }
}
