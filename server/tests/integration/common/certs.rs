//! Certificates as an office makes them with the `openssl` command: its own
//! CA, and a server certificate signed by it.

use std::path::Path;
use std::process::Command;

pub struct Pem {
    /// The CA that signed `cert`: what a client is told to trust.
    pub ca: String,
    pub cert: String,
    pub key: String,
}

impl Pem {
    /// Writes `ca.pem`, `cert.pem` and `key.pem` into `dir`.
    pub fn write(&self, dir: &Path) {
        for (name, text) in [
            ("ca.pem", &self.ca),
            ("cert.pem", &self.cert),
            ("key.pem", &self.key),
        ] {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
}

fn openssl(args: &[&str], dir: &Path) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the openssl command (scripts/setup --test installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A certificate for `names` (subject alternative names such as
/// `DNS:kartoteka.test` or `IP:127.0.0.1`) signed by a new CA.
pub fn office_certificate(names: &[&str]) -> Pem {
    let dir = tempfile::tempdir().unwrap();
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
    ];
    let ca = [
        &["req", "-x509"][..],
        &ec,
        &["-days", "2", "-subj", "/CN=Biroja CA"],
    ];
    openssl(
        &[ca.concat(), vec!["-keyout", "ca.key", "-out", "ca.pem"]].concat(),
        dir.path(),
    );
    openssl(
        &[
            &["req"][..],
            &ec,
            &[
                "-subj",
                "/CN=Kartoteka",
                "-keyout",
                "key.pem",
                "-out",
                "req.csr",
            ],
        ]
        .concat(),
        dir.path(),
    );
    std::fs::write(
        dir.path().join("ext.cnf"),
        format!(
            "subjectAltName={}\nbasicConstraints=CA:FALSE\n",
            names.join(",")
        ),
    )
    .unwrap();
    openssl(
        &[
            "x509",
            "-req",
            "-in",
            "req.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "ext.cnf",
            "-out",
            "cert.pem",
        ],
        dir.path(),
    );
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    Pem {
        ca: read("ca.pem"),
        cert: read("cert.pem"),
        key: read("key.pem"),
    }
}
