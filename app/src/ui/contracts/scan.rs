//! The contract's signed scan on its page: what is attached (its name,
//! size, who attached it and when), opening it, attaching or replacing
//! one. Online only: the bytes stay on the server.

use crate::api::ApiError;
use crate::api::contract_scans::{get_scan, save_scan, scan_attached};
use crate::domain::contract_scan::{MAX_SCAN_BYTES, ScanInfo, ScanUpload, encode};
use crate::domain::validation::Problem;
use crate::i18n::{Key, fill, format, problem_text};
use crate::ui::errors::api_error_text;
use crate::ui::replica::use_replica;
use crate::ui::session::use_session;
use crate::ui::widgets::files;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn ScanPanel(contract_id: String) -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let id = StoredValue::new(contract_id);
    let attached = RwSignal::new(None::<ScanInfo>);
    // Not on the server yet: made offline and still waiting to be sent.
    let unsent = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let say = move |e: &ApiError| {
        let lang = s.lang.get_untracked();
        let text = match e {
            ApiError::Invalid(is) => is.at("file").map(|p| problem_text(lang, p)),
            _ => None,
        };
        error.set(Some(text.unwrap_or_else(|| api_error_text(lang, e))));
    };
    // Asked when the page opens, again once online and after each sync.
    Effect::new(move |_| {
        r.revision.track();
        if !r.online.get() {
            return;
        }
        leptos::task::spawn_local(async move {
            match scan_attached(id.get_value()).await {
                Ok(a) => {
                    unsent.set(false);
                    attached.set(a);
                }
                Err(ApiError::NotFound) => unsent.set(true),
                Err(e) => say(&e),
            }
        });
    });
    let pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        // The same file may be picked again after a failure.
        input.set_value("");
        error.set(None);
        if file.size() > MAX_SCAN_BYTES as f64 {
            let max_mb = MAX_SCAN_BYTES / (1024 * 1024);
            error.set(Some(problem_text(
                s.lang.get_untracked(),
                Problem::FileTooLarge { max_mb },
            )));
            return;
        }
        busy.set(true);
        let contract_id = id.get_value();
        leptos::task::spawn_local(async move {
            let sent = match files::read(&file).await {
                Ok(bytes) => {
                    save_scan(ScanUpload {
                        contract_id,
                        file_name: file.name(),
                        data: encode(&bytes),
                    })
                    .await
                }
                Err(e) => Err(ApiError::Internal(e)),
            };
            match sent {
                Ok(info) => attached.set(Some(info)),
                Err(e) => say(&e),
            }
            busy.set(false);
        });
    };
    let open = move |_| {
        error.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            match get_scan(id.get_value()).await {
                Ok(f) => {
                    let saved = f
                        .bytes()
                        .ok_or_else(|| "unreadable".to_string())
                        .and_then(|b| files::save(&f.info.file_name, f.info.media.mime(), &b));
                    if saved.is_err() {
                        say(&ApiError::Internal("download".into()));
                    }
                }
                Err(e) => say(&e),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="panel" id="contract-scan">
            <h2>{move || s.t(Key::ScanTitle)}</h2>
            <p class="form-error" role="alert" id="scan-error">{move || error.get()}</p>
            {move || {
                if !r.online.get() {
                    return view! { <p class="muted" id="scan-offline">{move || s.t(Key::ScanOnline)}</p> }.into_any();
                }
                if unsent.get() {
                    return view! { <p class="muted" id="scan-unsent">{move || s.t(Key::ScanAfterSync)}</p> }.into_any();
                }
                let has = attached.with(Option::is_some);
                view! {
                    {move || match attached.get() {
                        Some(a) => view! {
                            <div class="scan-attached" id="scan-attached" data-media=a.media.code()>
                                <span class="scan-name" id="scan-name">{a.file_name.clone()}</span>
                                <span class="muted">{move || fill(s.t(Key::ScanBy), &[
                                    ("size", &format::file_size(s.lang.get(), a.size)),
                                    ("by", &a.by),
                                    ("at", &format::datetime(s.lang.get(), a.at)),
                                ])}</span>
                                <button type="button" class="secondary" id="scan-open"
                                    disabled=move || busy.get() on:click=open>
                                    {move || s.t(Key::ScanOpen)}
                                </button>
                            </div>
                        }.into_any(),
                        None => view! { <p class="muted" id="scan-none">{move || s.t(Key::ScanNone)}</p> }.into_any(),
                    }}
                    <label class="button file-button" class:busy=move || busy.get()>
                        <input type="file" id="scan-file" accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                            disabled=move || busy.get() on:change=pick/>
                        <span>{move || if busy.get() { s.t(Key::ScanUploading) }
                            else if has { s.t(Key::ScanReplace) } else { s.t(Key::ScanAttach) }}</span>
                    </label>
                }.into_any()
            }}
        </section>
    }
}
