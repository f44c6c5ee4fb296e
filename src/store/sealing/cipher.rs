//! The one AEAD both layers use: XChaCha20-Poly1305 with a random 24-byte nonce, written as
//! base64 (URL-safe, unpadded) of the nonce followed by the ciphertext and its tag. Text
//! sealed under a data key and data keys wrapped under the master key differ only in the key,
//! the associated data and (for text) a version prefix.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore as _;
use zeroize::Zeroizing;

const NONCE_LEN: usize = 24;

/// `msg` sealed under `cipher`, bound to `aad`, as base64.
pub(super) fn seal(cipher: &XChaCha20Poly1305, aad: &[u8], msg: &[u8]) -> String {
    let mut nonce = [0u8; NONCE_LEN];
    rand::rng().fill_bytes(&mut nonce);
    let sealed = cipher
        .encrypt(&XNonce::from(nonce), Payload { msg, aad })
        // Encryption only fails for inputs beyond 256 GiB.
        .expect("input within the AEAD's size limit");
    let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    URL_SAFE_NO_PAD.encode(out)
}

/// Opens what [`seal`] wrote; the error says why in words that name no content.
pub(super) fn open(
    cipher: &XChaCha20Poly1305,
    aad: &[u8],
    encoded: &str,
) -> Result<Zeroizing<Vec<u8>>, &'static str> {
    let bytes = URL_SAFE_NO_PAD
        .decode(encoded)
        .map_err(|_| "not valid base64")?;
    if bytes.len() < NONCE_LEN {
        return Err("too short");
    }
    let (nonce, sealed) = bytes.split_at(NONCE_LEN);
    let nonce: [u8; NONCE_LEN] = nonce.try_into().expect("split at the nonce's length");
    cipher
        .decrypt(&XNonce::from(nonce), Payload { msg: sealed, aad })
        .map(Zeroizing::new)
        .map_err(|_| "does not open here (moved, altered or another key)")
}
