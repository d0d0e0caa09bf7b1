//! Trusted timestamps (RFC 3161): a local timestamp authority stood up with
//! `openssl ts` (a throwaway CA made here) stamps a bundle's `timestamp.tsq`;
//! `brand-radar verify --tsa-cert` accepts the reply, and refuses a changed
//! manifest, a reply to another request and an authority the given
//! certificate did not issue.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use brand_radar::evidence::sha256sums;
use brand_radar::timestamp::{request, REPLY_FILE, REQUEST_FILE};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl runs");
    assert!(
        out.status.success(),
        "openssl {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A CA, and a timestamp authority it issued (`key`: `rsa` or `ec`), with
/// the `openssl ts` configuration to run it, in a fresh folder.
fn authority(name: &str, key: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("brand-radar-tsa-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    openssl(
        &dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-subj",
            "/CN=Brand Radar Test Root",
            "-days",
            "2",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign",
        ],
    );
    let newkey: &[&str] = if key == "ec" {
        &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
    } else {
        &["-newkey", "rsa:2048"]
    };
    let mut args = vec!["req", "-new"];
    args.extend(newkey);
    args.extend([
        "-nodes",
        "-keyout",
        "tsa.key",
        "-out",
        "tsa.csr",
        "-subj",
        "/CN=Test TSA",
    ]);
    openssl(&dir, &args);
    std::fs::write(
        dir.join("ext.cnf"),
        "extendedKeyUsage=critical,timeStamping\n",
    )
    .unwrap();
    openssl(
        &dir,
        &[
            "x509",
            "-req",
            "-in",
            "tsa.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "tsa.pem",
            "-days",
            "2",
            "-extfile",
            "ext.cnf",
        ],
    );
    std::fs::write(dir.join("serial"), "01\n").unwrap();
    std::fs::write(
        dir.join("ts.cnf"),
        "[ tsa ]\ndefault_tsa = local\n[ local ]\nserial = ./serial\nsigner_cert = ./tsa.pem\n\
         certs = ./tsa.pem\nsigner_key = ./tsa.key\nsigner_digest = sha256\n\
         default_policy = 1.2.3.4.1\ndigests = sha256\naccuracy = secs:1\nordering = no\n\
         tsa_name = yes\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n",
    )
    .unwrap();
    dir
}

/// The authority in `dir` answers `tsq`.
fn stamp(dir: &Path, tsq: &[u8]) -> Vec<u8> {
    std::fs::write(dir.join("q.tsq"), tsq).unwrap();
    openssl(
        dir,
        &[
            "ts",
            "-reply",
            "-queryfile",
            "q.tsq",
            "-config",
            "ts.cnf",
            "-out",
            "r.tsr",
        ],
    );
    std::fs::read(dir.join("r.tsr")).unwrap()
}

/// A bundle with its `timestamp.tsq`, as the extension exports it.
fn bundle_with_request(nonce: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut files = common::bundle();
    let digest: [u8; 32] = Sha256::digest(&files["manifest.json"]).into();
    files.insert(REQUEST_FILE.into(), request(&digest, nonce));
    resum(&mut files);
    files
}

fn resum(files: &mut BTreeMap<String, Vec<u8>>) {
    files.remove("SHA256SUMS");
    let sums = sha256sums(files);
    files.insert("SHA256SUMS".into(), sums.into_bytes());
}

fn verify(dir: &Path, files: &BTreeMap<String, Vec<u8>>, cert: Option<&Path>) -> (i32, String) {
    let path = dir.join("bundle.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for (name, bytes) in files {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_brand-radar"));
    cmd.arg("verify").arg(&path);
    if let Some(cert) = cert {
        cmd.arg("--tsa-cert").arg(cert);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn have_openssl() -> bool {
    let ok = Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipped: openssl is absent (scripts/setup.sh installs it)");
    }
    ok
}

#[test]
fn a_stamped_bundle_verifies_and_each_tamper_fails() {
    if !have_openssl() {
        return;
    }
    for key in ["rsa", "ec"] {
        let tsa = authority(key, key);
        let mut files = bundle_with_request(&[7, 1, 2, 3, 4, 5, 6, 7]);
        let reply = stamp(&tsa, &files[REQUEST_FILE]);
        files.insert(REPLY_FILE.into(), reply.clone());
        let ca = tsa.join("ca.pem");

        // Intact: verified, with the stamped time and the authority.
        let (code, out) = verify(&tsa, &files, Some(&ca));
        assert_eq!(code, 0, "{key}: {out}");
        assert!(out.contains("OK    timestamp: stamped 20"), "{key}: {out}");
        assert!(out.contains("CN=Test TSA"), "{key}: {out}");
        // The authority's own certificate is trusted as well as its CA.
        assert_eq!(
            verify(&tsa, &files, Some(&tsa.join("tsa.pem"))).0,
            0,
            "{key}"
        );
        // Without a certificate the reply is noted, not judged.
        let (code, out) = verify(&tsa, &files, None);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("NOTE  timestamp.tsr present"), "{out}");

        // The manifest changed after stamping (and SHA256SUMS with it): the stamp says so.
        let mut changed = files.clone();
        let mut m: serde_json::Value = serde_json::from_slice(&changed["manifest.json"]).unwrap();
        m["created"] = "2026-11-26T00:00:00Z".into();
        changed.insert(
            "manifest.json".into(),
            serde_json::to_vec_pretty(&m).unwrap(),
        );
        resum(&mut changed);
        let (code, out) = verify(&tsa, &changed, Some(&ca));
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains("FAIL  timestamp: timestamp.tsq is not over this manifest.json"),
            "{out}"
        );

        // A reply to another request (same manifest, another nonce).
        let other = bundle_with_request(&[9, 9, 9, 9, 9, 9, 9, 9]);
        let mut swapped = files.clone();
        swapped.insert(REPLY_FILE.into(), stamp(&tsa, &other[REQUEST_FILE]));
        let (code, out) = verify(&tsa, &swapped, Some(&ca));
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("answers another request"), "{out}");

        // An authority the given certificate did not issue.
        let stranger = authority(&format!("{key}-stranger"), key);
        let (code, out) = verify(&tsa, &files, Some(&stranger.join("ca.pem")));
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("did not issue (untrusted)"), "{out}");

        // One flipped byte in the signed token.
        let mut flipped = files.clone();
        let r = flipped.get_mut(REPLY_FILE).unwrap();
        let at = r.len() - 40;
        r[at] ^= 1;
        let (code, out) = verify(&tsa, &flipped, Some(&ca));
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("FAIL  timestamp:"), "{out}");

        // The reply is not listed in SHA256SUMS, and need not be: the bundle itself is intact.
        assert!(!String::from_utf8_lossy(&files["SHA256SUMS"]).contains(REPLY_FILE));
        let _ = std::fs::remove_dir_all(&stranger);
        let _ = std::fs::remove_dir_all(&tsa);
    }
}

#[test]
fn asking_for_a_check_without_a_reply_fails() {
    if !have_openssl() {
        return;
    }
    let tsa = authority("none", "rsa");
    let files = bundle_with_request(&[1; 8]);
    let (code, out) = verify(&tsa, &files, Some(&tsa.join("ca.pem")));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("the bundle has no timestamp.tsr"), "{out}");
    let _ = std::fs::remove_dir_all(&tsa);
}

#[test]
fn the_request_is_what_openssl_reads() {
    if !have_openssl() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("brand-radar-tsq-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let digest: [u8; 32] = Sha256::digest(b"manifest").into();
    std::fs::write(dir.join("q.tsq"), request(&digest, &[0xff, 2, 3])).unwrap();
    let out = Command::new("openssl")
        .args(["ts", "-query", "-in", "q.tsq", "-text"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_lowercase();
    assert!(out.status.success(), "{text}");
    assert!(text.contains("sha256"), "{text}");
    assert!(text.contains("certificate required: yes"), "{text}");
    // The nonce is made positive: 0xff becomes 0x7f.
    assert!(text.contains("0x7f0203"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}
