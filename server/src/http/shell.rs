//! The one small HTML page every app route answers with. The browser then
//! loads the hashed wasm and the app renders the route itself.

use super::site::Manifest;

pub fn html(m: &Manifest) -> String {
    format!(
        r##"<!doctype html>
<html lang="lv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="theme-color" content="#1d4e89">
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
<script type="module" src="/boot.js"></script>
</body>
</html>
"##,
        build = m.build,
        css = m.css,
        js = m.js,
        wasm = m.wasm,
    )
}

/// Loads the wasm module and starts the app; a file (not inline) so the
/// Content-Security-Policy can forbid inline scripts.
pub fn boot_js(m: &Manifest) -> String {
    format!(
        "import init, {{ main }} from '/pkg/{js}';\n\
         await init({{ module_or_path: '/pkg/{wasm}' }});\n\
         main();\n",
        js = m.js,
        wasm = m.wasm
    )
}

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
        };
        let h = html(&m);
        assert!(h.contains("/pkg/s-2.css") && h.contains("/pkg/k-1.js") && h.contains("b3"));
        assert!(boot_js(&m).contains("/pkg/k-1_bg.wasm"));
    }
}
