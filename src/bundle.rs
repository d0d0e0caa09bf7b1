//! Reading an evidence bundle's ZIP for verification, with the limits that
//! keep a hostile file from costing more than it is worth. The CLI reads the
//! file from disk, the extension from the `File` the user picked (`wasm`);
//! both come here, so a bundle passes or fails alike in both.

use crate::evidence::Check;
use std::io::{Read, Seek};

/// What a bundle may declare before anything in it is inflated.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Sum of the files' unpacked sizes.
    pub unpacked: u64,
    /// Number of files.
    pub entries: usize,
}

impl Limits {
    /// In a browser tab: a lawyer's bundle fits, a ZIP bomb does not.
    pub const BROWSER: Limits = Limits {
        unpacked: 1 << 30,
        entries: 100_000,
    };
    /// On disk, where time is the only cost: files are hashed as they
    /// stream, never held whole.
    pub const DISK: Limits = Limits {
        unpacked: 1 << 40,
        entries: 1_000_000,
    };
}

/// A file name that could mean another place where a bundle is unpacked
/// (absolute, `..`, a backslash), or an object's own machinery where the
/// names become JavaScript keys (`__proto__`, …).
fn unsafe_name(name: &str) -> bool {
    name.starts_with('/')
        || name.contains('\\')
        || name
            .split('/')
            .any(|part| matches!(part, ".." | "__proto__" | "constructor" | "prototype"))
}

/// The quoted name for a message, as `JSON.stringify` quotes it.
fn quoted(name: &str) -> String {
    serde_json::to_string(name).unwrap_or_else(|_| format!("{name:?}"))
}

/// Reads every file of the ZIP in `reader` through a [`Check`]. The
/// declared sizes, the count and the names are checked first, so a bomb is
/// refused before a byte of it is inflated.
///
/// # Errors
/// Not a ZIP, over `limits`, an unsafe name, or a corrupt entry.
pub fn check_zip<R: Read + Seek>(reader: R, limits: &Limits) -> Result<Check, String> {
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| format!("not a ZIP bundle ({e})"))?;
    if zip.len() > limits.entries {
        return Err(format!("bundle has more than {} files", limits.entries));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| format!("entry {i}: {e}"))?;
        let name = entry.name().map_err(|e| format!("entry {i}: {e}"))?;
        if unsafe_name(&name) {
            return Err(format!("unsafe file name {}", quoted(&name)));
        }
        total = total.saturating_add(entry.size());
        if total > limits.unpacked {
            return Err(format!(
                "bundle unpacks to more than {}",
                size(limits.unpacked)
            ));
        }
    }
    let mut check = Check::default();
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| format!("entry {i}: {e}"))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry
            .name()
            .map_err(|e| format!("entry {i}: {e}"))?
            .to_string();
        // Read no further than the declared size, so a lying header cannot
        // inflate past the limit checked above (what it hid shows up as a
        // hash mismatch).
        let declared = entry.size();
        check
            .add(&name, entry.take(declared))
            .map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(check)
}

/// `1 GB`, `512 MB`: limits are powers of two.
fn size(bytes: u64) -> String {
    if bytes >= 1 << 30 {
        format!("{} GB", bytes >> 30)
    } else {
        format!("{} MB", bytes >> 20)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_could_mean_another_place_are_unsafe() {
        for bad in [
            "/etc/x",
            "a\\b",
            "../x",
            "a/../b",
            "__proto__",
            "r1/constructor",
        ] {
            assert!(unsafe_name(bad), "{bad}");
        }
        for good in ["manifest.json", "r1/page.mhtml", "r1/..x", "proto"] {
            assert!(!unsafe_name(good), "{good}");
        }
    }

    #[test]
    fn not_a_zip_says_so() {
        let err = check_zip(std::io::Cursor::new(b"hello".to_vec()), &Limits::BROWSER).unwrap_err();
        assert!(err.starts_with("not a ZIP bundle"), "{err}");
    }
}
