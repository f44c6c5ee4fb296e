//! The master key: 32 random bytes in a file the database never holds.
//!
//! The file is what an admin hands the bot as a secret — a systemd credential, a Docker secret,
//! or on the embedded default a file created beside the SQLite database (mode 0600) on first
//! start. It holds the key as base64 (44 characters) or hex (64), with optional whitespace, so
//! `openssl rand -base64 32 > mindlines.key` makes one. The key only wraps the members' data
//! keys; it never seals text itself, so rotating it re-wraps a few hundred bytes per member
//! and leaves the text alone.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use rand::RngCore as _;
use sha2::{Digest as _, Sha256};
use zeroize::Zeroizing;

/// Why a master key file could not be used. Never holds the key or the file's content.
#[derive(Debug, thiserror::Error)]
pub enum MasterKeyError {
    #[error("master key file {path}: {why}")]
    Unreadable { path: PathBuf, why: String },
    #[error(
        "master key file {path}: expected 32 bytes written as base64 (44 characters) or hex (64 characters), found {found} characters"
    )]
    Malformed { path: PathBuf, found: usize },
    #[error("master key file {path} already exists; nothing was written")]
    Exists { path: PathBuf },
}

/// The key that wraps every member's data key. Its bytes are wiped when it is dropped.
#[derive(Clone)]
pub struct MasterKey {
    bytes: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The id is a public fingerprint; the bytes never leave.
        write!(f, "MasterKey({})", self.id())
    }
}

impl MasterKey {
    /// A fresh random key (the operating system's generator, through `rand`'s thread RNG).
    pub fn generate() -> MasterKey {
        let mut bytes = Zeroizing::new([0u8; 32]);
        rand::rng().fill_bytes(bytes.as_mut());
        MasterKey { bytes }
    }

    /// Reads the key from `path`.
    pub fn load(path: &Path) -> Result<MasterKey, MasterKeyError> {
        let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|e| {
            MasterKeyError::Unreadable {
                path: path.to_owned(),
                why: e.to_string(),
            }
        })?);
        let compact: Zeroizing<String> =
            Zeroizing::new(text.chars().filter(|c| !c.is_whitespace()).collect());
        let decoded = Zeroizing::new(match compact.len() {
            64 => decode_hex(&compact),
            _ => STANDARD.decode(compact.as_bytes()).ok(),
        });
        let bytes: [u8; 32] = decoded
            .as_deref()
            .and_then(|d| d.try_into().ok())
            .ok_or_else(|| MasterKeyError::Malformed {
                path: path.to_owned(),
                found: compact.len(),
            })?;
        Ok(MasterKey {
            bytes: Zeroizing::new(bytes),
        })
    }

    /// Writes the key to `path` as base64, readable by its owner only (0600 on Unix). Refuses
    /// to replace an existing file, so a key can never be overwritten by mistake.
    pub fn write_new(&self, path: &Path) -> Result<(), MasterKeyError> {
        let unreadable = |e: std::io::Error| MasterKeyError::Unreadable {
            path: path.to_owned(),
            why: e.to_string(),
        };
        let mut file = crate::store::create_private_file(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                MasterKeyError::Exists {
                    path: path.to_owned(),
                }
            } else {
                unreadable(e)
            }
        })?;
        let encoded = Zeroizing::new(STANDARD.encode(self.bytes.as_ref()));
        file.write_all(encoded.as_bytes())
            .and_then(|()| file.write_all(b"\n"))
            .and_then(|()| file.sync_all())
            .map_err(unreadable)
    }

    /// A short public fingerprint of the key (16 hex digits of a SHA-256), stored beside each
    /// wrapped data key so a wrong key file is named as such rather than failing as corrupt
    /// data.
    pub fn id(&self) -> String {
        let digest = Sha256::new()
            .chain_update(b"mindlines master key id\0")
            .chain_update(self.bytes.as_ref())
            .finalize();
        digest[..8].iter().map(|b| format!("{b:02x}")).collect()
    }

    pub(super) fn bytes(&self) -> &[u8; 32] {
        &self.bytes
    }
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Where the embedded default keeps the master key when `security.master_key_file` is not
/// set: beside the database file, `mindlines.db` → `mindlines.db.key`.
pub fn default_key_path(database_file: &Path) -> PathBuf {
    let mut name = database_file.as_os_str().to_owned();
    name.push(".key");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_key_loads_back_with_the_same_id_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k");
        let key = MasterKey::generate();
        key.write_new(&path).unwrap();
        assert_eq!(MasterKey::load(&path).unwrap().id(), key.id());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(matches!(
            MasterKey::generate().write_new(&path),
            Err(MasterKeyError::Exists { .. })
        ));
    }

    #[test]
    fn hex_keys_load_and_a_wrong_length_is_named_without_the_content() {
        let dir = tempfile::tempdir().unwrap();
        let hex = dir.path().join("hex");
        std::fs::write(&hex, format!("{}\n", "ab".repeat(32))).unwrap();
        assert!(MasterKey::load(&hex).is_ok());
        let short = dir.path().join("short");
        std::fs::write(&short, "c2VjcmV0").unwrap();
        let err = MasterKey::load(&short).unwrap_err().to_string();
        assert!(err.contains("found 8 characters"), "{err}");
        assert!(!err.contains("c2VjcmV0"), "{err}");
    }

    #[test]
    fn different_keys_have_different_ids() {
        assert_ne!(MasterKey::generate().id(), MasterKey::generate().id());
    }
}
