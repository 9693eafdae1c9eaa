//! The banner that says a cover is running: to the deputy, whose clients
//! they are working; to the one covered, who is working theirs.

use crate::i18n::{Key, fill, format};
use crate::ui::session::use_session;
use crate::ui::widgets::local_time::last_day;
use leptos::prelude::*;

#[component]
pub fn CoverBanner() -> impl IntoView {
    let s = use_session();
    let lines = move || {
        let lang = s.lang.get();
        s.me.with(|m| {
            let Some(me) = m else { return Vec::new() };
            me.covers
                .iter()
                .map(|c| {
                    let date = format::date(lang, last_day(c.ends));
                    if c.deputy_id == me.id {
                        fill(
                            s.t(Key::CoverBannerDeputy),
                            &[("owner", &c.owner_name), ("date", &date)],
                        )
                    } else {
                        fill(
                            s.t(Key::CoverBannerOwner),
                            &[("deputy", &c.deputy_name), ("date", &date)],
                        )
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Show when=move || !lines().is_empty()>
            <div class="cover-banner" id="cover-banner" role="status">
                {move || lines().into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
            </div>
        </Show>
    }
}
