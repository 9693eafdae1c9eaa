//! Call analysis for today, this week, this month or any range of days: the
//! figures, calls by outcome and by type as SVG bar charts, the clients to negotiate
//! with next, and the table as a CSV download. Computed on the device
//! (`domain::calling::analysis`, `negotiate`).

use super::labels;
use super::range_picker::{RangePick, RangePicker};
use crate::domain::call_log::Outcome;
use crate::domain::calling::analysis::Analysis;
use crate::domain::calling::call_kind::CallKind;
use crate::domain::csv;
use crate::i18n::{Key, fill, format};
use crate::ui::replica::{DeviceData, use_device_data};
use crate::ui::session::use_session;
use crate::ui::widgets::bar_chart::{Bar, BarChart};
use crate::ui::widgets::download::DownloadButton;
use leptos::prelude::*;
use leptos_router::components::A;

/// How many clients "negotiate next" lists (newest first; the rest counted).
const NEGOTIATE_SHOWN: usize = 30;

pub(crate) fn percent(share: Option<f64>) -> String {
    share.map_or("—".into(), |s| format!("{:.0} %", s * 100.0))
}

pub(crate) fn minutes(secs: Option<u32>) -> String {
    secs.map_or("—".into(), |s| format!("{}:{:02}", s / 60, s % 60))
}

/// The figures as label/value pairs, shared by the table and the CSV.
fn figures(a: &Analysis, t: impl Fn(Key) -> String) -> Vec<(&'static str, String, String)> {
    vec![
        ("calls", t(Key::QuotaCalls), a.calls.to_string()),
        ("connect-rate", t(Key::ConnectRate), percent(a.connect_rate)),
        ("avg-talk", t(Key::AvgTalk), minutes(a.avg_talk_s)),
        (
            "clients-called",
            t(Key::ClientsCalled),
            a.clients_called.to_string(),
        ),
        (
            "calls-per-client",
            t(Key::CallsPerClient),
            a.calls_per_client.map_or("—".into(), |v| format!("{v:.1}")),
        ),
        (
            "days-met",
            t(Key::DaysTargetMet),
            format!("{} / {}", a.days_target_met, a.working_days),
        ),
        (
            "not-contacted",
            t(Key::NotContacted),
            a.not_contacted.len().to_string(),
        ),
    ]
}

#[component]
pub fn CallAnalysisPage() -> impl IntoView {
    let s = use_session();
    let picker = RangePick::default();
    let DeviceData {
        value: result,
        error,
    } = use_device_data(Some("kartoteka:analysis"), move |r| {
        let (a, b) = picker.range().ok()?;
        Some(async move { r.analysis(a, b).await })
    });
    // A range that cannot be read says why instead of the report.
    let error = move || match picker.range() {
        Err(key) => Some(s.t(key).to_string()),
        Ok(_) => error.get(),
    };
    view! {
        <h1>{move || s.t(Key::CallAnalysis)}</h1>
        <RangePicker pick=picker/>
        <p class="form-error" role="alert" id="analysis-error">{error}</p>
        {move || result.get().map(|report| view! {
            <Report a=report.analysis/>
            <NegotiateList clients=report.negotiate/>
        })}
    }
}

#[component]
fn NegotiateList(clients: Vec<(String, String, chrono::DateTime<chrono::Utc>)>) -> impl IntoView {
    let s = use_session();
    let more = clients.len().saturating_sub(NEGOTIATE_SHOWN);
    view! {
        <section class="panel" id="negotiate-next">
            <h2>{move || s.t(Key::NegotiateNext)}</h2>
            {clients.is_empty().then(|| view! { <p class="empty">{move || s.t(Key::NegotiateNone)}</p> })}
            <ul class="today-list">
                {clients.into_iter().take(NEGOTIATE_SHOWN).map(|(id, name, at)| view! {
                    <li class="today-item" data-client=id.clone()>
                        <A href=format!("/clients/{id}")>{name}</A>
                        <span class="muted">{move || format::datetime(s.lang.get(), at)}</span>
                    </li>
                }).collect_view()}
            </ul>
            {(more > 0).then(|| view! {
                <p class="muted more">{move || fill(s.t(Key::MoreNotShown), &[("num", &more.to_string())])}</p>
            })}
        </section>
    }
}

#[component]
fn Report(a: Analysis) -> impl IntoView {
    let s = use_session();
    let lang = s.lang.get_untracked();
    // Built once for this report (the language is read, not followed).
    let t = move |k: Key| s.t_now(k).to_string();
    let rows = figures(&a, t);
    let outcomes: Vec<(&'static str, Key, u32)> = Outcome::ALL
        .iter()
        .map(|o| {
            let n = a.by_outcome.get(o.code()).copied().unwrap_or(0);
            (o.code(), labels::outcome(*o), n)
        })
        .collect();
    let kinds: Vec<(&'static str, Key, u32)> = CallKind::ALL
        .iter()
        .map(|k| {
            let n = a.by_kind.get(k.code()).copied().unwrap_or(0);
            (k.code(), labels::kind(*k), n)
        })
        .collect();
    let mut csv_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|(_, label, value)| vec![label.clone(), value.clone()])
        .collect();
    csv_rows.extend(
        outcomes
            .iter()
            .chain(&kinds)
            .map(|(_, label, n)| vec![t(*label), n.to_string()]),
    );
    let text = csv::table(lang, &[&t(Key::CallAnalysis), ""], &csv_rows);
    let file = format!("kartoteka-zvani-{}-{}.csv", a.from, a.to);
    let span = format!(
        "{} – {}",
        format::date(lang, a.from),
        format::date(lang, a.to)
    );
    view! {
        <section class="panel" id="analysis">
            <p class="muted" id="analysis-span">{span}</p>
            <dl class="figures">
                {rows.into_iter().map(|(id, label, value)| view! {
                    <div class="kv" id=format!("an-{id}")><dt>{label}</dt><dd>{value}</dd></div>
                }).collect_view()}
            </dl>
            <BarChart id="outcome-chart" title=Key::ByOutcome bars=bars(&outcomes)/>
            <BarChart id="kind-chart" title=Key::ByKind bars=bars(&kinds)/>
            <DownloadButton id="analysis-csv" label=Key::DownloadCsv name=file mime=csv::MIME
                contents=Callback::new(move |_| text.clone().into_bytes())/>
        </section>
    }
}

fn bars(counts: &[(&'static str, Key, u32)]) -> Vec<Bar> {
    counts
        .iter()
        .map(|(code, label, n)| Bar::count(code, *label, *n))
        .collect()
}
