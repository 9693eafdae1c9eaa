//! A horizontal bar chart drawn as SVG in the app (no chart service): one
//! labelled bar per value, the longest scaled to the width. A screen reader
//! hears the figures too: the picture's name lists every bar and its value.

use crate::i18n::Key;
use crate::ui::session::use_session;
use leptos::prelude::*;

const BAR_H: i32 = 28;

/// One bar: its code (for tests and styling), its name, its length in any
/// unit, and the figure written beside it.
#[derive(Debug, Clone)]
pub struct Bar {
    pub code: &'static str,
    pub label: Key,
    pub size: u64,
    pub figure: String,
    /// The exact value, for tests (`data-value`).
    pub value: String,
}

impl Bar {
    /// A bar of a count, its figure the count.
    pub fn count(code: &'static str, label: Key, n: u32) -> Bar {
        Bar {
            code,
            label,
            size: u64::from(n),
            figure: n.to_string(),
            value: n.to_string(),
        }
    }
}

#[component]
pub fn BarChart(id: &'static str, title: Key, bars: Vec<Bar>) -> impl IntoView {
    let s = use_session();
    let most = bars.iter().map(|b| b.size).max().unwrap_or(0).max(1);
    let height = BAR_H * bars.len() as i32;
    let spoken: Vec<(Key, String)> = bars.iter().map(|b| (b.label, b.figure.clone())).collect();
    let label = move || {
        let figures: Vec<String> = spoken
            .iter()
            .map(|(k, f)| format!("{} {f}", s.t(*k)))
            .collect();
        format!("{}: {}", s.t(title), figures.join(", "))
    };
    view! {
        <h2>{move || s.t(title)}</h2>
        <svg class="bars" id=id role="img" viewBox=format!("0 0 320 {height}")
            aria-label=label>
            {bars.into_iter().enumerate().map(|(i, b)| {
                let y = i as i32 * BAR_H;
                // The longest bar leaves room for its figure inside the view box.
                let w = i32::try_from(b.size * 120 / most).unwrap_or(120);
                let key = b.label;
                view! {
                    <g class="bar" data-code=b.code data-value=b.value>
                        <text x="0" y=y + 18 class="bar-label">{move || s.t(key)}</text>
                        <rect x="130" y=y + 6 width=w.max(1) height="16" rx="3"></rect>
                        <text x=136 + w y=y + 19 class="bar-value">{b.figure}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}
