//! "Export CSV" and "Export XLSX" on the client list, for people with the
//! export permission: the server builds the file from the list's filters
//! (every page) — CSV in the separator of the user's language, or a
//! workbook — and audits it; the browser then saves it as a file of its
//! own name.

use crate::api::clients::{export_clients, export_clients_xlsx};
use crate::domain::client::ClientQuery;
use crate::domain::csv;
use crate::i18n::{Key, count};
use crate::ui::errors::api_error_text;
use crate::ui::session::use_session;
use crate::ui::widgets::files;
use leptos::prelude::*;

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[component]
pub fn ExportClients(query: Callback<(), ClientQuery>) -> impl IntoView {
    let s = use_session();
    let allowed = move || s.me.with(|m| m.as_ref().is_some_and(|m| m.may_export));
    let done = RwSignal::new(None::<usize>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // The file's name, type and bytes, and how many cards it holds.
    let export = move |xlsx: bool| {
        let q = query.run(());
        let lang = s.lang.get_untracked();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let today = chrono::Local::now().date_naive();
            let made = if xlsx {
                export_clients_xlsx(q).await.map(|x| {
                    let bytes = crate::domain::contract_scan::decode(&x.data).unwrap_or_default();
                    (
                        format!("kartoteka-klienti-{today}.xlsx"),
                        XLSX_MIME,
                        bytes,
                        x.rows,
                    )
                })
            } else {
                export_clients(q, lang).await.map(|x| {
                    (
                        format!("kartoteka-klienti-{today}.csv"),
                        csv::MIME,
                        x.csv.into_bytes(),
                        x.rows,
                    )
                })
            };
            match made {
                Ok((name, mime, bytes, rows)) => match files::save(&name, mime, &bytes) {
                    Ok(()) => {
                        error.set(None);
                        done.set(Some(rows));
                    }
                    Err(_) => error.set(Some(s.t_now(Key::DownloadFailed).to_string())),
                },
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
            }
            busy.set(false);
        });
    };
    view! {
        <Show when=allowed>
            <div class="export">
                <button type="button" class="secondary" id="export-clients" on:click=move |_| export(false)
                    aria-busy=move || busy.get().to_string()>
                    {move || s.t(Key::ExportCsv)}
                </button>
                <button type="button" class="secondary" id="export-xlsx" on:click=move |_| export(true)
                    aria-busy=move || busy.get().to_string()>
                    {move || s.t(Key::ExportXlsx)}
                </button>
                {move || done.get().map(|n| view! {
                    <p id="export-done" class="muted" role="status">
                        {move || count(s.lang.get(), Key::ExportDone, n as u64)}
                    </p>
                })}
                <p class="form-error" role="alert">{move || error.get()}</p>
            </div>
        </Show>
    }
}
