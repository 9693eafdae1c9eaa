//! Which days a report covers: today, this week, this month, or two dates
//! typed by the user.

use crate::domain::calling::analysis::Period;
use crate::i18n::Key;
use crate::ui::session::use_session;
use crate::ui::widgets::local_time::parse_date;
use chrono::NaiveDate;
use leptos::prelude::*;

const PERIODS: [(Period, Key, &str); 3] = [
    (Period::Day, Key::PeriodDay, "day"),
    (Period::Week, Key::PeriodWeek, "week"),
    (Period::Month, Key::PeriodMonth, "month"),
];

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The picker's state: a preset (`None`: the typed dates) and the dates.
#[derive(Clone, Copy)]
pub struct RangePick {
    preset: RwSignal<Option<Period>>,
    from: RwSignal<String>,
    to: RwSignal<String>,
}

impl Default for RangePick {
    /// This week, the dates filled in for a switch to "custom".
    fn default() -> Self {
        let (from, to) = Period::Week.range(today());
        RangePick {
            preset: RwSignal::new(Some(Period::Week)),
            from: RwSignal::new(from.to_string()),
            to: RwSignal::new(to.to_string()),
        }
    }
}

impl RangePick {
    /// The days asked for (tracked), or the catalogue key of what is wrong.
    pub fn range(&self) -> Result<(NaiveDate, NaiveDate), Key> {
        match self.preset.get() {
            Some(p) => Ok(p.range(today())),
            None => {
                let (Some(from), Some(to)) =
                    (parse_date(&self.from.get()), parse_date(&self.to.get()))
                else {
                    return Err(Key::ErrRequired);
                };
                if from > to {
                    return Err(Key::RangeReversed);
                }
                Ok((from, to))
            }
        }
    }

    fn pick(&self, p: Option<Period>) {
        if let Some(p) = p {
            let (a, b) = p.range(today());
            self.from.set(a.to_string());
            self.to.set(b.to_string());
        }
        self.preset.set(p);
    }
}

#[component]
pub fn RangePicker(pick: RangePick) -> impl IntoView {
    let s = use_session();
    view! {
        <div class="chips" id="analysis-period" role="group">
            {PERIODS.iter().map(|(p, key, code)| {
                let (p, key) = (*p, *key);
                view! {
                    <button type="button" class="chip" data-period=*code
                        aria-pressed=move || (pick.preset.get() == Some(p)).to_string()
                        on:click=move |_| pick.pick(Some(p))>
                        {move || s.t(key)}
                    </button>
                }
            }).collect_view()}
            <button type="button" class="chip" data-period="custom"
                aria-pressed=move || pick.preset.get().is_none().to_string()
                on:click=move |_| pick.pick(None)>
                {move || s.t(Key::PeriodCustom)}
            </button>
        </div>
        <Show when=move || pick.preset.get().is_none()>
            <div class="range-fields">
                <div class="field">
                    <label for="range-from">{move || s.t(Key::PeriodFrom)}</label>
                    <input id="range-from" type="date" prop:value=pick.from
                        on:change=move |ev| pick.from.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="range-to">{move || s.t(Key::PeriodTo)}</label>
                    <input id="range-to" type="date" prop:value=pick.to
                        on:change=move |ev| pick.to.set(event_target_value(&ev))/>
                </div>
            </div>
        </Show>
    }
}
