//! The sign-in form the page carries itself. On a phone over a weak mobile
//! connection the app's wasm takes several seconds to arrive; this form is
//! there with the page's HTML and stylesheet, so a signed-out visitor types
//! while the app downloads. It does not sign in by itself: a press on its
//! button waits, and the app, once started, takes over what was typed (and
//! the press) and signs in (`app::ui::boot_form`). Shown only when no user
//! is remembered on the device: a remembered one opens their screens.

use app::domain::user::Language;
use app::i18n::{Key, t};
use app::ui::boot_form::{FORM_ID, LANG, SUBMITTED};
use app::ui::replica::browser::ME_KEY;

/// The form's texts by key, as the page script looks them up.
const TEXTS: [(&str, Key); 6] = [
    ("appName", Key::AppName),
    ("language", Key::Language),
    ("email", Key::Email),
    ("password", Key::Password),
    ("signIn", Key::SignIn),
    ("signingIn", Key::SigningIn),
];

/// The form, hidden until the page script decides it is wanted. The same
/// ids, classes, fields and language chips as the app's own sign-in page,
/// laid out alike so that nothing moves under a finger when the app takes
/// over; in Latvian until the script picks the visitor's language. `post`,
/// so that even a press the script did not catch never puts the password
/// in an address (the script shows the form only once it catches them).
pub fn html() -> String {
    let lv = |key| t(Language::Lv, key);
    let chips: String = Language::ALL
        .into_iter()
        .map(|l| {
            format!(
                r#"<button type="button" class="chip" data-lang="{code}" aria-pressed="{pressed}">{label}</button>"#,
                code = l.code(),
                pressed = l == Language::Lv,
                label = l.code().to_uppercase(),
            )
        })
        .collect();
    format!(
        r#"<main class="signin-page" id="{FORM_ID}" hidden>
<h1 class="brand-large" data-text="appName">{app}</h1>
<div class="langs" role="group" aria-label="{language}">{chips}</div>
<form class="signin" method="post" novalidate>
<div class="field"><label for="email"><span data-text="email">{email}</span> *</label><input id="email" name="email" type="email" autocomplete="username" inputmode="email"></div>
<div class="field"><label for="password"><span data-text="password">{password}</span> *</label><input id="password" name="password" type="password" autocomplete="current-password"></div>
<button type="submit" class="primary" data-text="signIn">{sign_in}</button>
</form>
</main>"#,
        app = lv(Key::AppName),
        language = lv(Key::Language),
        email = lv(Key::Email),
        password = lv(Key::Password),
        sign_in = lv(Key::SignIn),
    )
}

/// The page script's part: show the form to a visitor nobody is
/// remembered for, in their browser's language (the app's own rule: the
/// first of `navigator.languages` it speaks, else Latvian) or the one they
/// pick, and hold a press of its button for the app.
pub fn script() -> String {
    let texts: serde_json::Map<String, serde_json::Value> = Language::ALL
        .into_iter()
        .map(|lang| {
            let words = TEXTS
                .iter()
                .map(|(name, key)| (name.to_string(), t(lang, *key).into()))
                .collect();
            (lang.code().to_string(), serde_json::Value::Object(words))
        })
        .collect();
    format!(
        r#"const bootForm = document.getElementById('{FORM_ID}');
let remembered = null;
try {{ remembered = localStorage.getItem('{ME_KEY}'); }} catch (_) {{}}
if (bootForm && !remembered) {{
  const texts = {texts};
  const code = Array.from(navigator.languages || [])
    .map((l) => l.slice(0, 2).toLowerCase())
    .find((l) => texts[l]) || 'lv';
  let words = texts[code];
  const speak = (lang) => {{
    words = texts[lang];
    bootForm.dataset.{LANG} = lang;
    document.documentElement.lang = lang;
    for (const el of bootForm.querySelectorAll('[data-text]')) el.textContent = words[el.dataset.text];
    bootForm.querySelector('.langs').setAttribute('aria-label', words.language);
    for (const chip of bootForm.querySelectorAll('.chip')) chip.setAttribute('aria-pressed', String(chip.dataset.lang === lang));
  }};
  speak(code);
  for (const chip of bootForm.querySelectorAll('.chip')) chip.addEventListener('click', () => speak(chip.dataset.lang));
  const button = bootForm.querySelector('button[type=submit]');
  bootForm.querySelector('form').addEventListener('submit', (event) => {{
    event.preventDefault();
    bootForm.dataset.{SUBMITTED} = 'true';
    button.disabled = true;
    button.textContent = words.signingIn;
  }});
  bootForm.hidden = false;
}}
"#,
        texts = serde_json::Value::Object(texts),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_has_the_app_forms_fields_and_starts_hidden() {
        let h = html();
        assert!(h.contains(&format!(r#"id="{FORM_ID}" hidden"#)));
        for needle in [
            r#"id="email" name="email" type="email" autocomplete="username""#,
            r#"id="password" name="password" type="password" autocomplete="current-password""#,
            r#"<button type="submit" class="primary""#,
            "E-pasts",
            "Pieteikties",
            r#"<div class="langs" role="group" aria-label="Valoda">"#,
            r#"data-lang="lv" aria-pressed="true">LV</button>"#,
            r#"data-lang="ru" aria-pressed="false">RU</button>"#,
        ] {
            assert!(h.contains(needle), "{needle}");
        }
    }

    #[test]
    fn the_script_carries_every_language_and_skips_a_remembered_user() {
        let s = script();
        for needle in [
            r#""lv":{"#,
            r#""en":{"#,
            r#""ru":{"#,
            "Sign in",
            "Войти",
            "Piesakās…",
            &format!("localStorage.getItem('{ME_KEY}')"),
            "if (bootForm && !remembered)",
            &format!("bootForm.dataset.{SUBMITTED} = 'true'"),
            &format!("bootForm.dataset.{LANG} = lang"),
            "event.preventDefault()",
        ] {
            assert!(s.contains(needle), "{needle}");
        }
    }
}
