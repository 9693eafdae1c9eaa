//! "Export CSV" on the client list, for people with the export permission:
//! the server builds the file from the list's filters (every page) and
//! audits it; the link then saves it.

use crate::api::clients::export_clients;
use crate::domain::client::ClientQuery;
use crate::i18n::{Key, fill};
use crate::ui::errors::api_error_text;
use crate::ui::session::use_session;
use leptos::prelude::*;

#[component]
pub fn ExportClients(query: Callback<(), ClientQuery>) -> impl IntoView {
    let s = use_session();
    let allowed = move || s.me.with(|m| m.as_ref().is_some_and(|m| m.may_export));
    let file = RwSignal::new(None::<(usize, String)>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let export = move |_| {
        let q = query.run(());
        busy.set(true);
        leptos::task::spawn_local(async move {
            match export_clients(q).await {
                Ok(x) => {
                    error.set(None);
                    let href = format!(
                        "data:text/csv;charset=utf-8,{}",
                        js_sys::encode_uri_component(&x.csv)
                    );
                    file.set(Some((x.rows, href)));
                }
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
            }
            busy.set(false);
        });
    };
    let today = chrono::Local::now().date_naive();
    view! {
        <Show when=allowed>
            <div class="export">
                <button type="button" class="secondary" id="export-clients" on:click=export
                    aria-busy=move || busy.get().to_string()>
                    {move || s.t(Key::ExportCsv)}
                </button>
                {move || file.get().map(|(n, href)| view! {
                    <a id="export-download" class="button" href=href
                        download=format!("kartoteka-klienti-{today}.csv")>
                        {move || fill(s.t(Key::ExportDone), &[("n", &n.to_string())])}
                    </a>
                })}
                <p class="form-error" role="alert">{move || error.get()}</p>
            </div>
        </Show>
    }
}
