//! The client list: search as you type, filters, order, more on demand.

use super::labels;
use crate::api::users::{OwnerOption, list_owners};
use crate::domain::client::{ClientQuery, ClientSort, ClientSummary, Segment};
use crate::domain::list_filters::ListFilters;
use crate::domain::receivables::standing::MoneyFilter;
use crate::i18n::Key;
use crate::ui::errors::api_error_text;
use crate::ui::replica::use_replica;
use crate::ui::session::use_session;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

#[component]
pub fn ClientListPage() -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    // The search and filters live in the address too, so Back from a card
    // (or a shared link) brings the list back as it was.
    let default_sort = ClientSort::Name.code();
    let start = use_query_map().with_untracked(|m| ListFilters::from_query(|k| m.get(k)));
    let text = RwSignal::new(start.text);
    let segment = RwSignal::new(start.segment);
    let owner = RwSignal::new(start.owner);
    let money = RwSignal::new(start.money);
    let sort = RwSignal::new(if start.sort.is_empty() {
        default_sort.to_string()
    } else {
        start.sort
    });
    let archived = RwSignal::new(start.archived);
    let navigate = use_navigate();
    let (path, search) = {
        let l = use_location();
        (l.pathname, l.search)
    };
    Effect::new(move |_| {
        let f = ListFilters {
            text: text.get(),
            segment: segment.get(),
            owner: owner.get(),
            money: money.get(),
            sort: sort.get(),
            archived: archived.get(),
        };
        let want = f.to_query(default_sort);
        // Written in a task of its own, after the keystroke's results are
        // drawn: the router's navigation was a sixth of a keystroke's time
        // on a slow phone. By then the user may have left for a card.
        let navigate = navigate.clone();
        set_timeout(
            move || {
                if path.get_untracked() != "/clients" {
                    return;
                }
                let now = search.get_untracked();
                let now = if now.is_empty() || now == "?" {
                    String::new()
                } else if now.starts_with('?') {
                    now
                } else {
                    format!("?{now}")
                };
                if want != now {
                    navigate(
                        &format!("/clients{want}"),
                        NavigateOptions {
                            replace: true,
                            scroll: false,
                            ..Default::default()
                        },
                    );
                }
            },
            std::time::Duration::ZERO,
        );
    });
    let items = RwSignal::new(Vec::<ClientSummary>::new());
    let page = RwSignal::new(0u32);
    let has_more = RwSignal::new(false);
    let loading = RwSignal::new(false);
    // The words whose results the list holds: set with them, so a test or
    // the benchmark can wait for exactly those (the busy flag also changes
    // before the list does).
    let shown = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let owners = RwSignal::new(Vec::<OwnerOption>::new());
    // Answers can overtake each other; only the newest request may write.
    let generation = StoredValue::new(0u64);
    let works = move || {
        s.me.with(|m| m.as_ref().is_some_and(|m| m.role.works_clients()))
    };
    let bulk_href = move || {
        let q = js_sys::encode_uri_component(&text.get());
        format!("/proposals/bulk?q={q}&segment={}", segment.get())
    };
    let sees_all = move || {
        s.me.with(|m| m.as_ref().is_some_and(|m| m.role.leads_people()))
    };

    leptos::task::spawn_local(async move {
        if let Ok(list) = list_owners().await {
            owners.set(list);
        }
    });

    let query = move |p: u32| ClientQuery {
        text: text.get_untracked(),
        segment: Segment::parse(&segment.get_untracked()),
        owner_id: Some(owner.get_untracked()).filter(|o| !o.is_empty()),
        include_archived: archived.get_untracked(),
        sort: ClientSort::parse(&sort.get_untracked()).unwrap_or_default(),
        page: p,
    };
    let load = move |p: u32| {
        if !r.ready.get_untracked() {
            return;
        }
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let q = query(p);
        let words = q.text.clone();
        loading.set(true);
        leptos::task::spawn_local(async move {
            let filter = MoneyFilter::parse(&money.get_untracked());
            let result = r.list_clients_by_money(q, filter).await;
            // The newest search only, and only while the list is on screen
            // (the user may have left it while the search ran).
            if generation.try_get_value() != Some(mine) {
                return;
            }
            match result {
                Ok(res) => {
                    error.set(None);
                    has_more.set(res.has_more);
                    page.set(res.page);
                    if p == 0 {
                        items.set(res.items);
                    } else {
                        items.update(|v| v.extend(res.items));
                    }
                    shown.set(Some(words));
                }
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &e))),
            }
            loading.set(false);
        });
    };

    // Reload from the first page when any criterion or the local data
    // changes. The search runs on the device, so each keystroke answers at
    // once; no pause is needed to spare the server.
    Effect::new(move |_| {
        r.revision.track();
        r.ready.track();
        text.track();
        segment.track();
        owner.track();
        money.track();
        sort.track();
        archived.track();
        load(0);
    });

    view! {
        <div class="list-head">
            <h1>{move || s.t(Key::NavClients)}</h1>
            <Show when=works>
                // The list's words and segment carry over to the bulk send.
                <A href=bulk_href attr:class="button secondary" attr:id="bulk-proposal">
                    {move || s.t(Key::BulkLink)}
                </A>
                <A href="/key-clients" attr:class="button secondary" attr:id="key-clients-link">
                    {move || s.t(Key::KeyClientsTitle)}
                </A>
            </Show>
            <A href="/prices" attr:class="button secondary" attr:id="prices-link">
                {move || s.t(Key::PricesTitle)}
            </A>
            <A href="/clients/new" attr:class="button primary desktop-only">{move || s.t(Key::NewClient)}</A>
        </div>
        <super::export::ExportClients query=Callback::new(move |_| query(0))/>
        <div class="filters" role="search">
            <input
                id="client-search"
                type="search"
                inputmode="search"
                autocomplete="off"
                maxlength=crate::domain::search::MAX_QUERY_CHARS.to_string()
                aria-label=move || s.t(Key::SearchLabel)
                placeholder=move || s.t(Key::SearchPlaceholder)
                bind:value=text
            />
            <select id="filter-segment" aria-label=move || s.t(Key::Segment) bind:value=segment>
                <option value="">{move || s.t(Key::AllSegments)}</option>
                {Segment::ALL
                    .iter()
                    .map(|seg| view! { <option value=seg.code()>{move || s.t(labels::segment(*seg))}</option> })
                    .collect_view()}
            </select>
            <Show when=sees_all>
                <select id="filter-owner" aria-label=move || s.t(Key::Owner) bind:value=owner>
                    <option value="">{move || s.t(Key::AllOwners)}</option>
                    <For each=move || owners.get() key=|o| o.id.clone() let:o>
                        <option value=o.id.clone()>{o.name.clone()}</option>
                    </For>
                </select>
            </Show>
            // Money reaches only those who work clients.
            <Show when=works>
                <select id="filter-money" aria-label=move || s.t(Key::MoneyTitle) bind:value=money>
                    <option value="">{move || s.t(Key::MoneyAny)}</option>
                    <option value="overdue">{move || s.t(Key::MoneyFilterOverdue)}</option>
                    <option value="over_limit">{move || s.t(Key::MoneyFilterOverLimit)}</option>
                </select>
            </Show>
            <select id="sort" aria-label=move || s.t(Key::SortBy) bind:value=sort>
                {ClientSort::ALL
                    .into_iter()
                    .map(|o| view! { <option value=o.code()>{move || s.t(labels::sort(o))}</option> })
                    .collect_view()}
            </select>
            <label class="check">
                <input type="checkbox" id="include-archived" bind:checked=archived/>
                {move || s.t(Key::ShowArchived)}
            </label>
        </div>
        <p class="form-error" role="alert">{move || error.get()}</p>
        // The rows as one string of markup (see `row_markup`), read again
        // when the results or the language change; set only if it differs.
        <ul class="client-list" id="client-list" aria-busy=move || loading.get().to_string()
            data-query=move || shown.get()
            inner_html=move || {
                let lang = s.lang.get();
                let html = items.with(|v| super::row_markup::rows(v, lang));
                super::row_focus::keep("client-list");
                html
            }>
        </ul>
        <Show when=move || !loading.get() && items.with(Vec::is_empty)>
            <p class="empty">{move || s.t(Key::NoClientsFound)}</p>
        </Show>
        <Show when=move || has_more.get()>
            <button type="button" class="more" disabled=move || loading.get()
                on:click=move |_| load(page.get_untracked() + 1)>
                {move || s.t(Key::LoadMore)}
            </button>
        </Show>
    }
}
