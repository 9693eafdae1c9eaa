//! The team's calls and e-mailed proposals over a range: one row per person
//! and the total, as a table and a CSV download.

use crate::domain::calling::analysis::Analysis;
use crate::domain::csv;
use crate::i18n::{Key, format};
use crate::ui::calls::analysis::{minutes, percent};
use crate::ui::replica::team::TeamReport;
use crate::ui::session::use_session;
use crate::ui::widgets::download::DownloadButton;
use leptos::prelude::*;

fn cells(a: &Analysis, proposals: u32) -> [String; 6] {
    [
        a.calls.to_string(),
        proposals.to_string(),
        percent(a.connect_rate),
        minutes(a.avg_talk_s),
        format!("{} / {}", a.days_target_met, a.working_days),
        a.not_contacted.len().to_string(),
    ]
}

#[component]
pub fn TeamTable(report: TeamReport) -> impl IntoView {
    let s = use_session();
    let lang = s.lang.get_untracked();
    // Built once for this report (the language is read, not followed).
    let t = move |k: Key| s.t_now(k).to_string();
    let heads = [
        t(Key::Person),
        t(Key::QuotaCalls),
        t(Key::QuotaProposals),
        t(Key::ConnectRate),
        t(Key::AvgTalk),
        t(Key::DaysTargetMet),
        t(Key::NotContacted),
    ];
    let mut rows: Vec<(String, String, [String; 6])> = report
        .people
        .iter()
        .map(|r| {
            (
                r.user.id.clone(),
                r.user.name.clone(),
                cells(&r.calls, r.proposals),
            )
        })
        .collect();
    rows.push((
        "total".into(),
        t(Key::TeamTotal),
        cells(&report.total, report.total_proposals),
    ));
    let csv_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|(_, name, c)| {
            std::iter::once(name.clone())
                .chain(c.iter().cloned())
                .collect()
        })
        .collect();
    let head_refs: Vec<&str> = heads.iter().map(String::as_str).collect();
    let text = csv::table(lang, &head_refs, &csv_rows);
    let (from, to) = (report.total.from, report.total.to);
    let file = format!("kartoteka-komanda-{from}-{to}.csv");
    let span = format!("{} – {}", format::date(lang, from), format::date(lang, to));
    view! {
        <p class="muted" id="team-span">{span.clone()}</p>
        // Scrolls sideways on a phone: focusable and named, so a keyboard
        // can scroll it too.
        <div class="table-scroll" tabindex="0" role="region"
            aria-label=format!("{} {span}", crate::i18n::t(lang, Key::TeamReportTitle))>
            <table class="team-table" id="team-table">
                <thead><tr>{heads.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {rows.into_iter().map(|(id, name, c)| view! {
                        <tr data-user=id>
                            <th scope="row">{name}</th>
                            {c.into_iter().map(|v| view! { <td>{v}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <DownloadButton id="team-csv" label=Key::DownloadCsv name=file mime=csv::MIME
            contents=Callback::new(move |_| text.clone().into_bytes())/>
    }
}
