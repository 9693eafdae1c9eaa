//! The built front end: which hashed files the shell must load. The build
//! script writes `site/asset-manifest.json`; the server reads it at start.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    /// e.g. "1a2b3c4d5e6f/kartoteka.js", relative to /pkg/
    pub js: String,
    pub wasm: String,
    pub css: String,
    /// The build's identity (hash of the three), for cache versioning.
    pub build: String,
    /// The modules cut off the wasm and their loader, fetched when a screen
    /// first needs them (and by the service worker, for offline use).
    #[serde(default)]
    pub split: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub dir: PathBuf,
    pub manifest: Manifest,
}

impl Site {
    pub fn load(dir: &Path) -> Result<Site> {
        let path = dir.join("asset-manifest.json");
        let text = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "no front-end build at {} (run scripts/build-web, or ./scripts/serve which builds it)",
                path.display()
            )
        })?;
        let manifest = serde_json::from_str(&text)
            .with_context(|| format!("{} is not a valid asset manifest", path.display()))?;
        Ok(Site {
            dir: dir.to_path_buf(),
            manifest,
        })
    }

    /// A site with no built front end, for API-only tests.
    pub fn empty() -> Site {
        Site {
            dir: PathBuf::from("/nonexistent"),
            manifest: Manifest {
                js: "missing.js".into(),
                wasm: "missing.wasm".into(),
                css: "missing.css".into(),
                build: "none".into(),
                split: Vec::new(),
            },
        }
    }
}
