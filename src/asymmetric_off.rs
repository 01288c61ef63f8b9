//! Builds without the `asymmetric` feature (`hookguard/verify`, the HMAC verifier alone): the
//! same interface as `asymmetric.rs`, where every public or private key is refused, so the
//! verifier's code has no feature switches of its own.

use crate::scheme::{Algorithm, KeyDerivation};

/// No public key can be built without the feature.
#[derive(Clone)]
pub(crate) enum PublicKey {}

/// Why a public key, or a provider signing with a private key, is refused.
pub(crate) const OFF: &str =
    "publicKey needs a build with the asymmetric verifiers (\"hookguard\", not hookguard/verify)";

pub(crate) fn parse_public_key(_: KeyDerivation, _: &str) -> Result<PublicKey, &'static str> {
    Err(OFF)
}

pub(crate) fn decode_signature(_: Algorithm, _: &[u8]) -> Option<[u8; 64]> {
    None
}

impl PublicKey {
    pub(crate) fn verifies(&self, _: &[u8], _: &[u8; 64]) -> bool {
        match *self {}
    }
}

pub(crate) fn sign_with(_: Algorithm, _: &str, _: &[u8]) -> Result<Vec<u8>, &'static str> {
    Err(OFF)
}
