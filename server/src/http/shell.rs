//! The one small HTML page every app route answers with. The browser then
//! loads the hashed wasm and the app renders the route itself; until then
//! a signed-out visitor has the page's own sign-in form (`boot_form`).

use super::boot_form;
use super::site::Manifest;

pub fn html(m: &Manifest) -> String {
    format!(
        r##"<!doctype html>
<html lang="lv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="color-scheme" content="light dark">
<meta name="theme-color" content="#1d4e89" media="(prefers-color-scheme: light)">
<meta name="theme-color" content="#11151b" media="(prefers-color-scheme: dark)">
<meta name="kartoteka-build" content="{build}">
<title>Kartotēka</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="manifest" href="/manifest.webmanifest">
<link rel="stylesheet" href="/pkg/{css}">
<link rel="modulepreload" href="/pkg/{js}">
<link rel="preload" href="/pkg/{wasm}" as="fetch" type="application/wasm" crossorigin>
</head>
<body>
<noscript>Kartotēkai nepieciešams JavaScript. Kartoteka needs JavaScript. Картотеке нужен JavaScript.</noscript>
{form}
<script type="module" src="/boot.js"></script>
</body>
</html>
"##,
        build = m.build,
        css = m.css,
        js = m.js,
        wasm = m.wasm,
        form = boot_form::html(),
    )
}

/// Shows the page's sign-in form when it is wanted, loads the wasm module
/// and starts the app, then registers the service worker; a file (not
/// inline) so the Content-Security-Policy can forbid inline scripts. The
/// app's module is imported only after the form is up, so that the form
/// does not wait for it.
pub fn boot_js(m: &Manifest) -> String {
    format!(
        "{form}\
         const {{ default: init, main }} = await import('/pkg/{js}');\n\
         window.__kartotekaBuild = '{build}';\n\
         await init({{ module_or_path: '/pkg/{wasm}' }});\n\
         main();\n\
         {REGISTER}",
        form = boot_form::script(),
        js = m.js,
        wasm = m.wasm,
        build = m.build,
    )
}

/// Offline start and "reload to update". A new worker waits until the page
/// asks: the UI hears `kartoteka-update-ready` and answers, from its button,
/// with `kartoteka-apply-update`; the new worker then takes over and the page
/// reloads once onto the new build. (`__kartotekaUpdateReady` is for a UI that
/// starts listening after the event.)
const REGISTER: &str = r#"if ('serviceWorker' in navigator) {
  const sw = navigator.serviceWorker;
  let waiting = null;
  const ready = (worker) => {
    waiting = worker;
    window.__kartotekaUpdateReady = true;
    window.dispatchEvent(new CustomEvent('kartoteka-update-ready'));
  };
  let reloading = false;
  const reload = () => {
    if (reloading) return;
    reloading = true;
    window.location.reload();
  };
  // Ask the worker that waits now (a later deploy may have replaced the one
  // first announced), and reload once it is active even if this page never
  // hears `controllerchange`.
  window.addEventListener('kartoteka-apply-update', async () => {
    const registration = await sw.getRegistration().catch(() => null);
    const worker = (registration && registration.waiting) || waiting;
    if (!worker) return;
    worker.addEventListener('statechange', () => {
      if (worker.state === 'activated') reload();
    });
    worker.postMessage({ type: 'skip-waiting' });
  });
  // The worker could not keep the app for offline start ("quota" or another
  // reason), or a worker now serves the page (null): the UI reads the last.
  const offline = (reason) => {
    window.__kartotekaOffline = reason;
    window.dispatchEvent(new CustomEvent('kartoteka-offline'));
  };
  sw.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'kartoteka-offline') offline(String(event.data.reason));
  });
  // A worker cut off half-way (the network dropped while it stored the app)
  // kept nothing; try again when the network returns instead of leaving
  // the device unable to start offline until someone reloads. Not after a
  // refused quota: more room does not come with the network.
  window.addEventListener('online', () => {
    if (window.__kartotekaOffline === 'other' && !sw.controller) {
      sw.register('/sw.js', { scope: '/' }).catch(() => {});
    }
  });
  // The first worker claiming a page is no update: reload only a page that
  // had a controller, and only once.
  let controlled = !!sw.controller;
  sw.addEventListener('controllerchange', () => {
    offline(null);
    if (!controlled) { controlled = true; return; }
    reload();
  });
  sw.register('/sw.js', { scope: '/' }).then((registration) => {
    if (registration.waiting && sw.controller) ready(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      if (!worker) return;
      worker.addEventListener('statechange', () => {
        if (worker.state === 'installed' && sw.controller) ready(worker);
      });
    });
    // A page left open for days still hears of a deploy.
    setInterval(() => registration.update().catch(() => {}), 30 * 60 * 1000);
  }).catch((error) => console.warn('service worker not registered', error));
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_names_the_hashed_assets() {
        let m = Manifest {
            js: "k-1.js".into(),
            wasm: "k-1_bg.wasm".into(),
            css: "s-2.css".into(),
            build: "b3".into(),
            split: Vec::new(),
        };
        let h = html(&m);
        assert!(h.contains("/pkg/s-2.css") && h.contains("/pkg/k-1.js") && h.contains("b3"));
        let boot = boot_js(&m);
        assert!(boot.contains("/pkg/k-1_bg.wasm"));
        assert!(boot.contains("window.__kartotekaBuild = 'b3';"));
        assert!(boot.find("__kartotekaBuild").unwrap() < boot.find("main();").unwrap());
    }

    #[test]
    fn boot_registers_the_worker_after_the_app_starts() {
        let m = Manifest {
            js: "k-1.js".into(),
            wasm: "k-1_bg.wasm".into(),
            css: "s-2.css".into(),
            build: "b3".into(),
            split: Vec::new(),
        };
        let boot = boot_js(&m);
        let register = boot.find("register('/sw.js', { scope: '/' })").unwrap();
        assert!(boot.find("main();").unwrap() < register);
        for needle in [
            "'kartoteka-update-ready'",
            "'kartoteka-apply-update'",
            "{ type: 'skip-waiting' }",
            "'controllerchange'",
            "worker.state === 'activated'",
            "registration.update()",
            "30 * 60 * 1000",
            "addEventListener('online'",
        ] {
            assert!(boot.contains(needle), "{needle}");
        }
    }
}
