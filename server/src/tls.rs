//! TLS: the server's certificate for `serve --tls-cert/--tls-key`, and the
//! trust a `wss://` database connection places in a private CA.

use anyhow::{Context, Result, bail};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use std::path::Path;

/// Chooses the process's cryptography once, before anything builds a TLS
/// configuration: more than one provider is linked in (the mail and the
/// database libraries each bring theirs), and rustls then picks none.
pub fn install_provider() {
    // Already installed (a test that serves twice) is fine.
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
}

/// Certificates in a PEM file, refusing a file that holds none.
pub fn certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>> {
    let certs = CertificateDer::pem_file_iter(path)
        .with_context(|| format!("cannot read the certificate file {}", path.display()))?
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| format!("{} is not a PEM certificate file", path.display()))?;
    if certs.is_empty() {
        bail!("{} holds no PEM certificate", path.display());
    }
    Ok(certs)
}

/// A client that trusts the public roots and the CA in `ca`.
pub fn client_config(ca: &Path) -> Result<rustls::ClientConfig> {
    install_provider();
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    for cert in certificates(ca)? {
        roots
            .add(cert)
            .with_context(|| format!("{} is not a usable CA certificate", ca.display()))?;
    }
    Ok(rustls::ClientConfig::builder()
        .with_root_certificates(roots)
        .with_no_client_auth())
}

/// The server's certificate chain and key, checked at start so a wrong
/// file stops the server with a clear message rather than failing every
/// handshake.
pub async fn server_config(
    cert: &Path,
    key: &Path,
) -> Result<axum_server::tls_rustls::RustlsConfig> {
    install_provider();
    certificates(cert)?;
    axum_server::tls_rustls::RustlsConfig::from_pem_file(cert, key)
        .await
        .with_context(|| {
            format!(
                "cannot use {} with {} for HTTPS (a PEM certificate chain and its PEM private key)",
                cert.display(),
                key.display()
            )
        })
}
