//! # Encryption at rest
//!
//! Every column that holds what a member wrote — evidence answers and their revisions,
//! supervisor comments, check-in notes, case summaries, inbox text while it waits — is stored
//! sealed with XChaCha20-Poly1305 (RustCrypto's `chacha20poly1305`) under that member's own
//! **data key**. A database file read on its own shows no reflection text.
//!
//! - **Per-member data keys**, 32 random bytes each, are kept in `member_keys` only *wrapped*
//!   (sealed) by the [`MasterKey`], which lives in a file and never in the database. Erasing a
//!   member deletes their wrapped key, so any copy of their text left in the WAL or in freed
//!   pages can no longer be opened. A backup holds no data keys at all (`mindlines backup`
//!   deletes them from the copy; a restore takes them from the live database or the one key
//!   file of `mindlines keys export`), so the same goes for every backup taken before the
//!   erasure, and a restore re-applies the erasure ledger too (see `app::backup`).
//! - **Associated data binds each ciphertext to its place**: `table.column`, the row's key and
//!   the member ([`Aad`]). A sealed value copied to another row, column or member fails to
//!   open, and is reported as corrupt, never returned.
//! - **Whose key.** The member the text is about: an entry's answers and revisions and the
//!   comments on it are the entry owner's; a check-in note its author's; a case summary the
//!   case lead's; inbox text its author's.
//! - **Rotation** re-wraps every data key under a new master key in one transaction
//!   (`mindlines keys rotate`); no text is re-encrypted.
//! - **Caching.** Unwrapped data keys are kept in memory for the life of the process (a
//!   member's key never changes, and is only ever deleted along with all their text), so a
//!   read costs one AEAD open per value and no extra query.
//!
//! A sealed value is the text `ml1:` followed by what [`cipher`] writes: base64 of a random
//! 24-byte nonce and the ciphertext with its tag. Nonces are random: 192 bits make collisions
//! negligible without a counter to keep.

mod cipher;
mod master;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use chacha20poly1305::XChaCha20Poly1305;
use chacha20poly1305::aead::KeyInit;
use rand::RngCore as _;
use zeroize::Zeroizing;

pub use master::{MasterKey, MasterKeyError, default_key_path};

/// A member's data key as the database stores it: wrapped by the master key whose fingerprint
/// it names. Useless without that master key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedKey {
    pub member: crate::domain::member::DiscordId,
    pub wrapped: String,
    pub master_key_id: String,
}

use super::{StoreError, StoreResult};

/// The prefix of every sealed value, naming the format's version.
const SEALED_PREFIX: &str = "ml1:";

/// Where a sealed value lives: bound into its ciphertext as associated data.
#[derive(Debug, Clone, Copy)]
pub struct Aad<'a> {
    /// `table.column`, e.g. `evidence.answers`.
    pub place: &'static str,
    /// The row's key (its id, or the inbox's event key).
    pub row: &'a str,
    /// The member whose key seals it.
    pub member: i64,
}

impl Aad<'_> {
    fn bytes(&self) -> Vec<u8> {
        format!(
            "mindlines/v1\0{}\0{}\0{}",
            self.place, self.row, self.member
        )
        .into_bytes()
    }
}

/// One member's data key, unwrapped. Cheap to clone; the cipher holds the key.
#[derive(Clone)]
pub struct DataKey {
    cipher: Option<Arc<XChaCha20Poly1305>>,
    member: i64,
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the key itself.
        write!(f, "DataKey(member {})", self.member)
    }
}

impl DataKey {
    /// Seals `text` for the place `aad` names.
    pub fn seal(&self, aad: Aad<'_>, text: &str) -> String {
        debug_assert_eq!(aad.member, self.member, "sealed under another member's key");
        match &self.cipher {
            Some(key) => format!(
                "{SEALED_PREFIX}{}",
                cipher::seal(key, &aad.bytes(), text.as_bytes())
            ),
            None => text.to_owned(),
        }
    }

    /// Opens a value sealed for the place `aad` names. A value sealed elsewhere, tampered
    /// with, or not sealed at all is `Corrupt`, naming the place and never the content.
    pub fn open(&self, aad: Aad<'_>, sealed: &str) -> StoreResult<String> {
        let Some(key) = &self.cipher else {
            return Ok(sealed.to_owned());
        };
        let corrupt = |why: &str| StoreError::Corrupt {
            place: aad.place,
            why: format!("sealed value {why}"),
        };
        let body = sealed
            .strip_prefix(SEALED_PREFIX)
            .ok_or_else(|| corrupt("is not sealed"))?;
        let plain = cipher::open(key, &aad.bytes(), body).map_err(corrupt)?;
        String::from_utf8(plain.to_vec()).map_err(|_| corrupt("is not UTF-8"))
    }
}

/// The data keys a batch of rows needs, by member. Built by the store's `read_keys` before
/// rows are converted, so conversion stays synchronous.
#[derive(Clone, Default)]
pub struct KeySet {
    keys: HashMap<i64, DataKey>,
}

impl KeySet {
    pub(crate) fn insert(&mut self, key: DataKey) {
        self.keys.insert(key.member, key);
    }

    pub(crate) fn contains(&self, member: i64) -> bool {
        self.keys.contains_key(&member)
    }

    pub(crate) fn take(&mut self, member: i64) -> Option<DataKey> {
        self.keys.remove(&member)
    }

    /// The member's key, or `Corrupt` at `place` when the store holds none (text whose key
    /// was destroyed by an erasure cannot be read, by design).
    pub fn of(&self, member: i64, place: &'static str) -> StoreResult<&DataKey> {
        self.keys.get(&member).ok_or_else(|| StoreError::Corrupt {
            place,
            why: "no data key for this member".into(),
        })
    }

    /// Opens a value of `member`'s at `place` / `row`.
    pub fn open(
        &self,
        place: &'static str,
        row: &str,
        member: i64,
        sealed: &str,
    ) -> StoreResult<String> {
        self.of(member, place)?
            .open(Aad { place, row, member }, sealed)
    }

    /// Opens an optional value of `member`'s at `place` / `row`.
    pub fn open_opt(
        &self,
        place: &'static str,
        row: &str,
        member: i64,
        sealed: Option<&str>,
    ) -> StoreResult<Option<String>> {
        sealed.map(|s| self.open(place, row, member, s)).transpose()
    }
}

/// Whether text is sealed. `Off` exists only so the encryption benchmark can measure the same
/// store without it; nothing in configuration reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sealing {
    On,
    Off,
}

/// The master key and the cache of unwrapped data keys one store holds.
pub struct Keyring {
    master: RwLock<MasterKey>,
    cache: Mutex<HashMap<i64, DataKey>>,
    sealing: Sealing,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring")
            .field("master", &self.master_id())
            .field("sealing", &self.sealing)
            .finish_non_exhaustive()
    }
}

impl Keyring {
    pub(crate) fn new(master: MasterKey, sealing: Sealing) -> Keyring {
        Keyring {
            master: RwLock::new(master),
            cache: Mutex::new(HashMap::new()),
            sealing,
        }
    }

    /// The id of the master key in use.
    pub fn master_id(&self) -> String {
        self.master
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .id()
    }

    pub(crate) fn cached(&self, member: i64) -> Option<DataKey> {
        self.cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&member)
            .cloned()
    }

    /// Drops a member's unwrapped key from the cache, once an erasure has deleted it.
    pub(crate) fn forget(&self, member: i64) {
        self.cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&member);
    }

    fn remember(&self, key: DataKey) -> DataKey {
        self.cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key.member, key.clone());
        key
    }

    /// The cached keys of `members`, and the members still to load.
    pub(crate) fn split_cached(
        &self,
        members: impl IntoIterator<Item = i64>,
    ) -> (KeySet, Vec<i64>) {
        let cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        let mut set = KeySet::default();
        let mut missing = Vec::new();
        for member in members {
            match cache.get(&member) {
                Some(key) => {
                    set.keys.insert(member, key.clone());
                }
                None if !missing.contains(&member) => missing.push(member),
                None => {}
            }
        }
        (set, missing)
    }

    /// Adds an unwrapped key to a set (and the cache).
    pub(crate) fn add_to(&self, set: &mut KeySet, key: DataKey) {
        let key = self.remember(key);
        set.keys.insert(key.member, key);
    }

    /// A new random data key for `member`, and its wrapped form to store.
    pub(crate) fn new_data_key(&self, member: i64) -> (Zeroizing<[u8; 32]>, String) {
        let mut bytes = Zeroizing::new([0u8; 32]);
        rand::rng().fill_bytes(bytes.as_mut());
        let wrapped = self.wrap(member, &bytes);
        (bytes, wrapped)
    }

    /// Seals a data key under the master key, bound to its member.
    pub(crate) fn wrap(&self, member: i64, key: &[u8; 32]) -> String {
        let master = self.master.read().unwrap_or_else(PoisonError::into_inner);
        wrap_with(&master, member, key)
    }

    /// Opens a wrapped data key of `member`'s, wrapped under the master key `master_id`.
    pub(crate) fn unwrap(
        &self,
        member: i64,
        master_id: &str,
        wrapped: &str,
    ) -> StoreResult<DataKey> {
        let bytes = self.open_wrapped(member, master_id, wrapped)?;
        Ok(self.data_key(member, &bytes))
    }

    /// The bytes of a wrapped key, which must be wrapped under the master key in use.
    fn open_wrapped(
        &self,
        member: i64,
        master_id: &str,
        wrapped: &str,
    ) -> StoreResult<Zeroizing<[u8; 32]>> {
        let master = self.master.read().unwrap_or_else(PoisonError::into_inner);
        if master.id() != master_id {
            return Err(StoreError::WrongMasterKey {
                expected: master_id.to_owned(),
                given: master.id(),
            });
        }
        unwrap_with(&master, member, wrapped)
    }

    /// A usable key from its bytes.
    pub(crate) fn data_key(&self, member: i64, bytes: &[u8; 32]) -> DataKey {
        let cipher = match self.sealing {
            Sealing::On => Some(Arc::new(XChaCha20Poly1305::new(bytes.into()))),
            Sealing::Off => None,
        };
        DataKey { cipher, member }
    }

    /// A wrapped key of `member`'s, opened under the current master key and wrapped under
    /// `new`.
    pub(crate) fn rewrap(
        &self,
        member: i64,
        master_id: &str,
        wrapped: &str,
        new: &MasterKey,
    ) -> StoreResult<String> {
        let bytes = self.open_wrapped(member, master_id, wrapped)?;
        Ok(wrap_with(new, member, &bytes))
    }

    /// Switches to a new master key once the store has re-wrapped every data key under it.
    pub(crate) fn replace_master(&self, new: MasterKey) {
        *self.master.write().unwrap_or_else(PoisonError::into_inner) = new;
    }
}

/// The associated data of a wrapped key: it opens only as this member's.
fn wrap_aad(member: i64) -> Vec<u8> {
    format!("mindlines/member-key/v1\0{member}").into_bytes()
}

/// Seals `key` under `master` for `member`.
pub(crate) fn wrap_with(master: &MasterKey, member: i64, key: &[u8; 32]) -> String {
    let cipher = XChaCha20Poly1305::new(master.bytes().into());
    cipher::seal(&cipher, &wrap_aad(member), key)
}

/// Opens a key wrapped by [`wrap_with`].
pub(crate) fn unwrap_with(
    master: &MasterKey,
    member: i64,
    wrapped: &str,
) -> StoreResult<Zeroizing<[u8; 32]>> {
    let corrupt = |why: &str| StoreError::Corrupt {
        place: "member_keys.wrapped",
        why: why.to_owned(),
    };
    let cipher = XChaCha20Poly1305::new(master.bytes().into());
    let plain = cipher::open(&cipher, &wrap_aad(member), wrapped).map_err(corrupt)?;
    let key: [u8; 32] = plain
        .as_slice()
        .try_into()
        .map_err(|_| corrupt("not a 32-byte key"))?;
    Ok(Zeroizing::new(key))
}

#[cfg(test)]
mod tests;
