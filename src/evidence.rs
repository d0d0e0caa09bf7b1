//! Evidence records and bundles anyone can check with standard tools.
//!
//! A bundle is a set of files (a ZIP on disk): `manifest.json`, the
//! artifacts of each record (`<id>/screenshot.png`, `<id>/page.mhtml`, …)
//! and `SHA256SUMS`, which `sha256sum -c SHA256SUMS` checks. On top of the
//! file hashes, every record carries the SHA-256 of its own contents and
//! of the record before it (`prev`), so an edited record, and a record taken
//! out of the locker, are detectable: the manifest's `chain` lists every
//! link of the locker's chain, deletions included (a deletion is a link of
//! its own, never silent).
//!
//! This module knows nothing of ZIP or the browser: it checks files handed
//! to it one by one ([`Check`]); `bundle` reads them out of a ZIP, the same
//! way for the CLI and the extension.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The `prev` of the first link of a chain.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
/// `manifest.json`'s `format`.
pub const FORMAT: &str = "brand-radar-evidence";
/// The bundle version this build reads and writes.
pub const VERSION: u32 = 1;

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A file saved with a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Artifact {
    /// Path inside the bundle, e.g. `r1/screenshot.png`.
    pub name: String,
    /// What it is: `screenshot`, `mhtml`, `html`, `fragment`, …
    pub kind: String,
    /// Lower-case hex SHA-256 of the file.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
}

/// One captured piece of evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Unique id in the locker.
    pub id: String,
    /// Capture time, UTC ISO 8601.
    pub captured_at: String,
    /// The user's time zone (IANA name).
    pub time_zone: String,
    /// The page's address, and where it ended up.
    pub url: String,
    /// Final address after redirects.
    pub final_url: String,
    /// Page title.
    pub title: String,
    /// Everything else the capture knew (site, unit text, author, verdict,
    /// versions, note, tags), hashed with the record.
    #[serde(default)]
    pub details: serde_json::Map<String, serde_json::Value>,
    /// Files saved with the record.
    pub artifacts: Vec<Artifact>,
    /// Hash of the link before this one in the locker's chain.
    pub prev: String,
    /// SHA-256 of the record without this field (see [`Record::digest`]).
    pub hash: String,
}

impl Record {
    /// The SHA-256 of the record's canonical JSON without `hash`: keys
    /// sorted, no white space.
    pub fn digest(&self) -> String {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        if let Some(map) = v.as_object_mut() {
            map.remove("hash");
        }
        sha256_hex(v.to_string().as_bytes())
    }
}

/// One link of the locker's chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The record's id (for a deletion: the deleted record's id).
    pub id: String,
    /// `record` or `deletion`.
    pub kind: String,
    /// The link's hash: the record's `hash`, or for a deletion the SHA-256
    /// of `deletion:<id>:<at>:<prev>`.
    pub hash: String,
    /// The link before it.
    pub prev: String,
    /// For a deletion: when (UTC ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

impl Link {
    /// The hash a deletion link must have.
    pub fn deletion_hash(id: &str, at: &str, prev: &str) -> String {
        sha256_hex(format!("deletion:{id}:{at}:{prev}").as_bytes())
    }
}

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`VERSION`].
    pub version: u32,
    /// When the bundle was made, UTC ISO 8601.
    pub created: String,
    /// The records in this bundle.
    pub records: Vec<Record>,
    /// The whole chain of the locker at export time.
    pub chain: Vec<Link>,
    /// Notes and tags the user added after capture, by record id. Not part
    /// of any hash: what was captured is sealed, later remarks are not.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, serde_json::Value>,
}

/// Sets `prev` and `hash` of `records`, in order, starting from `prev`;
/// returns the chain links.
pub fn seal(records: &mut [Record], mut prev: String) -> Vec<Link> {
    let mut links = Vec::new();
    for r in records.iter_mut() {
        r.prev = prev.clone();
        r.hash = r.digest();
        links.push(Link {
            id: r.id.clone(),
            kind: "record".into(),
            hash: r.hash.clone(),
            prev: prev.clone(),
            at: None,
        });
        prev = r.hash.clone();
    }
    links
}

/// `SHA256SUMS` for `files` (every file but `SHA256SUMS` itself), in the
/// format `sha256sum -c` reads.
pub fn sha256sums(files: &BTreeMap<String, Vec<u8>>) -> String {
    files
        .iter()
        .filter(|(n, _)| n.as_str() != "SHA256SUMS")
        .map(|(n, b)| format!("{}  {n}\n", sha256_hex(b)))
        .collect()
}

/// The verdict on one record.
#[derive(Debug, Clone, Serialize)]
pub struct ItemVerdict {
    /// Record id.
    pub id: String,
    /// No problem found.
    pub ok: bool,
    /// What is wrong, one line each.
    pub problems: Vec<String>,
}

/// The verdict on a bundle.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Everything checks out.
    pub ok: bool,
    /// Problems not tied to one record (files, manifest, chain).
    pub problems: Vec<String>,
    /// One verdict per record.
    pub items: Vec<ItemVerdict>,
}

/// Checks every file hash, every record's own hash, every artifact and the
/// chain of a bundle held in memory.
pub fn verify(files: &BTreeMap<String, Vec<u8>>) -> Report {
    let mut check = Check::default();
    for (name, bytes) in files {
        check.add_bytes(name, bytes);
    }
    check.finish()
}

/// The files whose bytes a check keeps: the rest only pass through the hasher.
const KEPT: [&str; 4] = [
    "SHA256SUMS",
    "manifest.json",
    crate::timestamp::REQUEST_FILE,
    crate::timestamp::REPLY_FILE,
];

/// A bundle checked one file at a time, so a large one never has to be in
/// memory whole: each file is hashed as it streams past, and only
/// `manifest.json` and `SHA256SUMS` are kept. [`verify`] and
/// `bundle::check_zip` both go through it.
#[derive(Debug, Default)]
pub struct Check {
    /// Name to (SHA-256, size) of every file seen.
    seen: BTreeMap<String, (String, u64)>,
    /// The bytes of the files in [`KEPT`].
    kept: BTreeMap<String, Vec<u8>>,
}

impl Check {
    /// Adds a file read from `content`.
    ///
    /// # Errors
    /// Reading `content` failed (a corrupt entry in a ZIP, say).
    pub fn add(&mut self, name: &str, mut content: impl std::io::Read) -> std::io::Result<()> {
        let mut hasher = Sha256::new();
        let mut keep = KEPT.contains(&name).then(Vec::new);
        let mut size = 0u64;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match content.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            hasher.update(&buf[..n]);
            if let Some(k) = keep.as_mut() {
                k.extend_from_slice(&buf[..n]);
            }
            size += n as u64;
        }
        let hash = hex(&hasher.finalize());
        self.seen.insert(name.to_string(), (hash, size));
        if let Some(k) = keep {
            self.kept.insert(name.to_string(), k);
        }
        Ok(())
    }

    /// Adds a file held in memory.
    pub fn add_bytes(&mut self, name: &str, bytes: &[u8]) {
        // Reading a slice cannot fail.
        let _ = self.add(name, bytes);
    }

    /// `manifest.json` as read, if the bundle has one.
    pub fn manifest(&self) -> Option<&[u8]> {
        self.kept("manifest.json")
    }

    /// The bytes of a file the check keeps (`manifest.json`, `SHA256SUMS`,
    /// the timestamp request and reply), if the bundle has it.
    pub fn kept(&self, name: &str) -> Option<&[u8]> {
        self.kept.get(name).map(Vec::as_slice)
    }

    /// The verdict: every file hash, every record's own hash, every
    /// artifact and the chain.
    pub fn finish(self) -> Report {
        let Check { seen, kept } = self;
        let mut problems = Vec::new();
        match kept
            .get("SHA256SUMS")
            .map(|b| String::from_utf8_lossy(b).into_owned())
        {
            None => problems.push("SHA256SUMS is missing".to_string()),
            Some(sums) => {
                let mut listed = std::collections::BTreeSet::new();
                for line in sums.lines().filter(|l| !l.trim().is_empty()) {
                    let Some((hash, name)) =
                        line.split_once("  ").or_else(|| line.split_once(" *"))
                    else {
                        problems.push(format!("SHA256SUMS: unreadable line {line:?}"));
                        continue;
                    };
                    listed.insert(name.to_string());
                    match seen.get(name) {
                        None => problems.push(format!("{name}: listed in SHA256SUMS but missing")),
                        Some((h, _)) if *h != hash.to_ascii_lowercase() => problems.push(format!(
                            "{name}: SHA-256 does not match SHA256SUMS (changed)"
                        )),
                        Some(_) => {}
                    }
                }
                for name in seen
                    .keys()
                    // The timestamp reply comes after export; its signature vouches for it.
                    .filter(|n| {
                        !matches!(n.as_str(), "SHA256SUMS" | crate::timestamp::REPLY_FILE)
                            && !listed.contains(*n)
                    })
                {
                    problems.push(format!("{name}: not listed in SHA256SUMS"));
                }
            }
        }
        let manifest: Option<Manifest> = match kept
            .get("manifest.json")
            .map(|b| serde_json::from_slice::<Manifest>(b))
        {
            None => {
                problems.push("manifest.json is missing".into());
                None
            }
            Some(Err(e)) => {
                problems.push(format!("manifest.json: {e}"));
                None
            }
            Some(Ok(m)) if m.format != FORMAT || m.version != VERSION => {
                problems.push(format!(
                    "manifest.json: format {} version {} is not {FORMAT} version {VERSION}",
                    m.format, m.version
                ));
                None
            }
            Some(Ok(m)) => Some(m),
        };
        let mut items = Vec::new();
        if let Some(m) = &manifest {
            // The chain: each link follows the one before; deletions are sealed.
            let mut prev = GENESIS.to_string();
            for link in &m.chain {
                if link.prev != prev {
                    problems.push(format!(
                        "chain broken before {} {}: a link was removed, edited or reordered",
                        link.kind, link.id
                    ));
                }
                if link.kind == "deletion"
                    && Link::deletion_hash(&link.id, link.at.as_deref().unwrap_or(""), &link.prev)
                        != link.hash
                {
                    problems.push(format!(
                        "deletion of {}: its hash does not match (edited)",
                        link.id
                    ));
                }
                prev = link.hash.clone();
            }
            for r in &m.records {
                let mut p = Vec::new();
                if r.digest() != r.hash {
                    p.push("its contents do not match its hash (edited)".to_string());
                }
                if !m
                    .chain
                    .iter()
                    .any(|l| l.kind == "record" && l.hash == r.hash && l.prev == r.prev)
                {
                    p.push("not in the chain".to_string());
                }
                for a in &r.artifacts {
                    match seen.get(&a.name) {
                        None => p.push(format!("{}: missing", a.name)),
                        Some((h, size)) if *h != a.sha256 || *size != a.bytes => p.push(format!(
                            "{}: SHA-256 does not match the record (changed)",
                            a.name
                        )),
                        Some(_) => {}
                    }
                }
                items.push(ItemVerdict {
                    id: r.id.clone(),
                    ok: p.is_empty(),
                    problems: p,
                });
            }
        }
        let ok = problems.is_empty() && manifest.is_some() && items.iter().all(|i| i.ok);
        Report {
            ok,
            problems,
            items,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn digest_ignores_key_order_and_the_hash_field() {
        let r = Record {
            id: "r1".into(),
            captured_at: "2026-11-25T02:10:00Z".into(),
            time_zone: "Asia/Taipei".into(),
            url: "https://example.test/a".into(),
            final_url: "https://example.test/a".into(),
            title: "t".into(),
            details: serde_json::Map::new(),
            artifacts: vec![],
            prev: GENESIS.into(),
            hash: String::new(),
        };
        let mut sealed = r.clone();
        sealed.hash = "anything".into();
        assert_eq!(r.digest(), sealed.digest());
        let mut edited = r.clone();
        edited.title = "T".into();
        assert_ne!(r.digest(), edited.digest());
    }
}
