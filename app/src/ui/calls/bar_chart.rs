//! A horizontal bar chart drawn as SVG in the app (no chart service): one
//! labelled bar per value, the longest scaled to the width. A screen reader
//! hears the figures too: the picture's name lists every bar and its value.

use crate::i18n::Key;
use crate::ui::session::use_session;
use leptos::prelude::*;

const BAR_H: i32 = 28;

#[component]
pub fn BarChart(
    id: &'static str,
    title: Key,
    /// Code (for tests and styling), label and value of each bar.
    bars: Vec<(&'static str, Key, u32)>,
) -> impl IntoView {
    let s = use_session();
    let most = bars.iter().map(|(_, _, n)| *n).max().unwrap_or(0).max(1);
    let height = BAR_H * bars.len() as i32;
    let spoken: Vec<(Key, u32)> = bars.iter().map(|(_, k, n)| (*k, *n)).collect();
    let label = move || {
        let figures: Vec<String> = spoken
            .iter()
            .map(|(k, n)| format!("{} {n}", s.t(*k)))
            .collect();
        format!("{}: {}", s.t(title), figures.join(", "))
    };
    view! {
        <h2>{move || s.t(title)}</h2>
        <svg class="bars" id=id role="img" viewBox=format!("0 0 320 {height}")
            aria-label=label>
            {bars.into_iter().enumerate().map(|(i, (code, label, n))| {
                let y = i as i32 * BAR_H;
                // The longest bar leaves room for its number inside the view box.
                let w = (n as i32 * 140) / most as i32;
                view! {
                    <g class="bar" data-code=code data-value=n>
                        <text x="0" y=y + 18 class="bar-label">{move || s.t(label)}</text>
                        <rect x="130" y=y + 6 width=w.max(1) height="16" rx="3"></rect>
                        <text x=136 + w y=y + 19 class="bar-value">{n}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}
