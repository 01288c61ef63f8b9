//! Public-key signatures: Ed25519 (Standard Webhooks `v1a`, Discord) and ECDSA P-256 with
//! SHA-256 (SendGrid's signed Event Webhook), with the receiver holding only the public key, so
//! that nothing it keeps can forge a delivery.
//!
//! Verification is strict, by the RustCrypto and dalek crates:
//! - Ed25519 with `verify_strict` (ed25519-dalek): a non-canonical `S` (not below the group
//!   order), a non-canonical or small-order `R`, and a small-order public key are all
//!   rejected; small-order (weak) public keys are refused when the verifier is built.
//! - ECDSA P-256 (p256): the signature is strict DER (`SEQUENCE { INTEGER r, INTEGER s }`,
//!   minimal lengths, no trailing bytes), both scalars in `[1, n)`; a high `S` is accepted, as
//!   node:crypto (which SendGrid's own SDK uses) and Wycheproof accept it. The key is a
//!   SubjectPublicKeyInfo for `id-ecPublicKey` on `prime256v1`, in DER, base64 (PEM armour
//!   allowed), with the point checked on the curve.
//!
//! Keys are read once, when the verifier is built: an unusable one is `invalid_config` naming
//! its index, never quoting it. Signatures that do not decode are `malformed_header`, ones that
//! decode but do not verify `signature_mismatch`.
//!
//! Signing (tests, the playground, the worker's `v1a` re-signing) takes the private half:
//! `whsk_` + base64 of the 32-byte Ed25519 seed (the Standard Webhooks format), the seed in hex
//! (Discord), the P-256 scalar in hex (SendGrid). [`generate_key_pair`] makes a fresh pair with
//! the platform's randomness (getrandom: the JavaScript runtime's `crypto.getRandomValues` in
//! WebAssembly).

use crate::codec::{base64_decode, base64_encode, hex_decode, hex_encode};
use crate::error::ErrorCode;
use crate::scheme::{Algorithm, KeyDerivation};
use ed25519_dalek::Signer as _;
use p256::ecdsa::signature::Verifier as _;

/// What a build without this module says (src/asymmetric_off.rs); unused here.
#[allow(dead_code)]
pub(crate) const OFF: &str = "";

/// A configured public key, parsed and checked.
#[derive(Clone)]
pub(crate) enum PublicKey {
    /// An Ed25519 key that is not of small order.
    Ed25519(ed25519_dalek::VerifyingKey),
    /// A P-256 point on the curve.
    P256(p256::ecdsa::VerifyingKey),
}

/// The DER prefix of a P-256 SubjectPublicKeyInfo with an uncompressed point (65 bytes follow).
const SPKI_P256_UNCOMPRESSED: [u8; 26] = [
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
    0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
];
/// The same with a compressed point (33 bytes follow).
const SPKI_P256_COMPRESSED: [u8; 26] = [
    0x30, 0x39, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
    0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x22, 0x00,
];

/// Base64 with `=` padding optional (as the `whsec_` keys are read).
fn base64_lenient(text: &str) -> Option<Vec<u8>> {
    let mut padded = text.as_bytes().to_vec();
    while !padded.len().is_multiple_of(4) {
        padded.push(b'=');
    }
    base64_decode(&padded)
}

/// The base64 inside PEM armour (`-----BEGIN PUBLIC KEY-----` … `-----END PUBLIC KEY-----`,
/// line breaks anywhere), or the text itself.
fn unarmour(text: &str) -> String {
    let inner = text
        .trim()
        .strip_prefix("-----BEGIN PUBLIC KEY-----")
        .and_then(|t| t.trim_end().strip_suffix("-----END PUBLIC KEY-----"))
        .unwrap_or(text);
    inner.chars().filter(|c| !c.is_ascii_whitespace()).collect()
}

/// Reads a public key as the descriptor's key format says. `Err` says what is wrong, for a
/// message that names the key's index and never its value.
pub(crate) fn parse_public_key(kd: KeyDerivation, text: &str) -> Result<PublicKey, &'static str> {
    match kd {
        KeyDerivation::Ed25519Hex | KeyDerivation::WhpkBase64 => {
            let bytes = if kd == KeyDerivation::Ed25519Hex {
                hex_decode(text.as_bytes()).ok_or("is not hexadecimal")?
            } else {
                if text.starts_with("whsk_") {
                    return Err("is a whsk_ secret key; give its whpk_ public key");
                }
                let b64 = text.strip_prefix("whpk_").unwrap_or(text);
                base64_lenient(b64).ok_or("is not a whpk_ base64 key")?
            };
            let bytes: [u8; 32] = bytes
                .try_into()
                .map_err(|_| "is not a 32-byte Ed25519 public key")?;
            let key = ed25519_dalek::VerifyingKey::from_bytes(&bytes)
                .map_err(|_| "is not a point on Ed25519")?;
            // Only the canonical encoding of the point (y below the field prime).
            if key.to_edwards().compress().to_bytes() != bytes {
                return Err("is not a canonically encoded Ed25519 point");
            }
            if key.is_weak() {
                return Err("is a small-order Ed25519 key, which anyone can forge for");
            }
            Ok(PublicKey::Ed25519(key))
        }
        KeyDerivation::SpkiBase64 => {
            let der = base64_decode(unarmour(text).as_bytes())
                .ok_or("is not base64 (a SubjectPublicKeyInfo, DER)")?;
            let point = der
                .strip_prefix(&SPKI_P256_UNCOMPRESSED[..])
                .filter(|p| p.len() == 65)
                .or_else(|| {
                    der.strip_prefix(&SPKI_P256_COMPRESSED[..])
                        .filter(|p| p.len() == 33)
                })
                .ok_or("is not a P-256 SubjectPublicKeyInfo (DER)")?;
            p256::ecdsa::VerifyingKey::from_sec1_bytes(point)
                .map(PublicKey::P256)
                .map_err(|_| "is not a point on P-256")
        }
        KeyDerivation::Utf8 | KeyDerivation::WhsecBase64 => Err("is not a public key"),
    }
}

/// A received signature, decoded: Ed25519's 64 bytes, or P-256's `r ‖ s` from its DER.
pub(crate) fn decode_signature(algorithm: Algorithm, raw: &[u8]) -> Option<[u8; 64]> {
    match algorithm {
        Algorithm::Ed25519 => raw.try_into().ok(),
        Algorithm::EcdsaP256Sha256 => {
            let sig = p256::ecdsa::Signature::from_der(raw).ok()?;
            sig.to_bytes().as_slice().try_into().ok()
        }
        _ => None,
    }
}

impl PublicKey {
    /// Whether `signature` (as [`decode_signature`] gives it) signs `message`.
    pub(crate) fn verifies(&self, message: &[u8], signature: &[u8; 64]) -> bool {
        match self {
            PublicKey::Ed25519(key) => {
                let sig = ed25519_dalek::Signature::from_bytes(signature);
                key.verify_strict(message, &sig).is_ok()
            }
            PublicKey::P256(key) => p256::ecdsa::Signature::from_slice(signature)
                .is_ok_and(|sig| key.verify(message, &sig).is_ok()),
        }
    }
}

/// A private key for signing, as [`parse_signing_key`] reads it.
pub(crate) enum SigningKey {
    /// Ed25519, from its 32-byte seed.
    Ed25519(Box<ed25519_dalek::SigningKey>),
    /// P-256, from its scalar.
    P256(Box<p256::ecdsa::SigningKey>),
}

/// Reads a private key for `algorithm`: `whsk_` + base64 of the Ed25519 seed (the `whsk_`
/// prefix optional, as for `whsec_`), or the seed in hex (Discord's test keys); the P-256
/// scalar in hex. `Err` says what is wrong, never quoting it.
pub(crate) fn parse_signing_key(
    algorithm: Algorithm,
    text: &str,
) -> Result<SigningKey, &'static str> {
    match algorithm {
        Algorithm::Ed25519 => {
            let seed = match text.strip_prefix("whsk_") {
                Some(b64) => base64_lenient(b64),
                None if text.len() == 64 => hex_decode(text.as_bytes()),
                None => base64_lenient(text),
            }
            .ok_or("is not an Ed25519 private key (whsk_ base64, or the seed in hex)")?;
            let seed: [u8; 32] = seed
                .try_into()
                .map_err(|_| "is not a 32-byte Ed25519 seed")?;
            Ok(SigningKey::Ed25519(Box::new(
                ed25519_dalek::SigningKey::from_bytes(&seed),
            )))
        }
        Algorithm::EcdsaP256Sha256 => {
            let scalar: [u8; 32] = hex_decode(text.as_bytes())
                .and_then(|b| b.try_into().ok())
                .ok_or("is not a P-256 private key (the 32-byte scalar in hex)")?;
            p256::ecdsa::SigningKey::from_bytes(&scalar.into())
                .map(|k| SigningKey::P256(Box::new(k)))
                .map_err(|_| "is not a P-256 scalar in [1, n)")
        }
        _ => Err("is not a private key"),
    }
}

impl SigningKey {
    /// The signature over `message`, as it travels: Ed25519's 64 bytes, P-256's DER (low `S`,
    /// RFC 6979 deterministic nonces).
    pub(crate) fn sign(&self, message: &[u8]) -> Vec<u8> {
        match self {
            SigningKey::Ed25519(k) => k.sign(message).to_bytes().to_vec(),
            SigningKey::P256(k) => {
                let sig: p256::ecdsa::Signature = k.sign(message);
                sig.to_der().as_bytes().to_vec()
            }
        }
    }

    /// The public half in `kd`'s format.
    pub(crate) fn public_key(&self, kd: KeyDerivation) -> String {
        match self {
            SigningKey::Ed25519(k) => {
                let bytes = k.verifying_key().to_bytes();
                match kd {
                    KeyDerivation::Ed25519Hex => hex_encode(&bytes),
                    _ => format!("whpk_{}", base64_encode(&bytes)),
                }
            }
            SigningKey::P256(k) => {
                let point = k.verifying_key().to_sec1_point(false);
                let mut der = SPKI_P256_UNCOMPRESSED.to_vec();
                der.extend_from_slice(point.as_bytes());
                base64_encode(&der)
            }
        }
    }
}

/// Signs `message` with the private key `private` for `algorithm` (as [`parse_signing_key`]
/// reads it): the signature as it travels (Ed25519's 64 bytes, P-256's DER).
pub(crate) fn sign_with(
    algorithm: Algorithm,
    private: &str,
    message: &[u8],
) -> Result<Vec<u8>, &'static str> {
    Ok(parse_signing_key(algorithm, private)?.sign(message))
}

/// A fresh key pair for `algorithm`, `(private, public)` in the formats `kd` and
/// [`parse_signing_key`] read: for [`KeyDerivation::WhpkBase64`] `whsk_…` / `whpk_…`, for
/// Discord's hex the seed and the key in hex, for SendGrid the scalar in hex and the SPKI in
/// base64. `None` when the platform has no randomness.
pub(crate) fn generate_pair(algorithm: Algorithm, kd: KeyDerivation) -> Option<(String, String)> {
    let mut seed = [0u8; 32];
    loop {
        getrandom::fill(&mut seed).ok()?;
        let private = match (algorithm, kd) {
            (Algorithm::Ed25519, KeyDerivation::WhpkBase64) => {
                format!("whsk_{}", base64_encode(&seed))
            }
            // Discord's private half as whsk_ too, never 64 hex digits like its public key, so
            // a swapped pair is refused (a seed given as publicKey is not hex).
            (Algorithm::Ed25519, _) => format!("whsk_{}", base64_encode(&seed)),
            (Algorithm::EcdsaP256Sha256, _) => hex_encode(&seed),
            _ => return None,
        };
        // A P-256 scalar of zero or past the order (probability ~2^-32) is drawn again.
        if let Ok(key) = parse_signing_key(algorithm, &private) {
            seed.fill(0);
            let public = key.public_key(kd);
            return Some((private, public));
        }
    }
}

/// A fresh key pair for a provider that signs with a private key (Standard Webhooks `v1a`,
/// Discord, SendGrid): `(private, public)`, the private half as `sign()` takes it, the public
/// half as the verifier's `publicKey` (for Standard Webhooks `whsk_…` and `whpk_…`).
/// `invalid_config` for a provider verified with a shared secret.
pub fn generate_key_pair(provider: crate::Provider) -> Result<(String, String), crate::Error> {
    let spec = provider
        .scheme()
        .signature()
        .and_then(|s| {
            if s.algorithm.is_public_key() {
                Some(s)
            } else {
                s.public
            }
        })
        .ok_or_else(|| {
            crate::Error::config(format!(
                "{} is verified with a shared secret; key pairs are for standard-webhooks, \
                 discord and sendgrid",
                provider.id()
            ))
        })?;
    generate_pair(spec.algorithm, spec.key)
        .ok_or_else(|| crate::Error::config("this platform offers no randomness"))
}

/// The `whpk_` public key of an Ed25519 seed (the 32 bytes a `whsk_` key holds).
pub fn public_key_of_seed(seed: &[u8; 32]) -> String {
    SigningKey::Ed25519(Box::new(ed25519_dalek::SigningKey::from_bytes(seed)))
        .public_key(KeyDerivation::WhpkBase64)
}

/// Verifies an Ed25519 signature with the checks the verifier makes (for the Wycheproof
/// vectors and other callers holding raw bytes): a small-order or invalid key is
/// `invalid_config`, a signature that is not 64 bytes `malformed_header`, one that does not
/// verify strictly `signature_mismatch`.
pub fn verify_ed25519(
    public_key: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), ErrorCode> {
    let key = parse_public_key(KeyDerivation::Ed25519Hex, &hex_encode(public_key))
        .map_err(|_| ErrorCode::InvalidConfig)?;
    verify_raw(&key, Algorithm::Ed25519, message, signature)
}

/// Verifies an ECDSA P-256 / SHA-256 DER signature with a DER SubjectPublicKeyInfo, with the
/// checks the verifier makes (errors as [`verify_ed25519`]).
pub fn verify_p256_der(
    spki_der: &[u8],
    message: &[u8],
    der_signature: &[u8],
) -> Result<(), ErrorCode> {
    let key = parse_public_key(KeyDerivation::SpkiBase64, &base64_encode(spki_der))
        .map_err(|_| ErrorCode::InvalidConfig)?;
    verify_raw(&key, Algorithm::EcdsaP256Sha256, message, der_signature)
}

fn verify_raw(
    key: &PublicKey,
    algorithm: Algorithm,
    message: &[u8],
    signature: &[u8],
) -> Result<(), ErrorCode> {
    let sig = decode_signature(algorithm, signature).ok_or(ErrorCode::MalformedHeader)?;
    if key.verifies(message, &sig) {
        Ok(())
    } else {
        Err(ErrorCode::SignatureMismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ed25519_round_trips_and_rejects_a_changed_message() {
        let key = parse_signing_key(Algorithm::Ed25519, &"11".repeat(32)).unwrap();
        let public = key.public_key(KeyDerivation::Ed25519Hex);
        let pk = parse_public_key(KeyDerivation::Ed25519Hex, &public).unwrap();
        let sig: [u8; 64] = key.sign(b"hello").try_into().unwrap();
        assert!(pk.verifies(b"hello", &sig));
        assert!(!pk.verifies(b"hellp", &sig));
    }

    #[test]
    fn p256_round_trips_through_der_and_spki() {
        let key = parse_signing_key(Algorithm::EcdsaP256Sha256, &"22".repeat(32)).unwrap();
        let spki = key.public_key(KeyDerivation::SpkiBase64);
        let pk = parse_public_key(KeyDerivation::SpkiBase64, &spki).unwrap();
        let der = key.sign(b"hello");
        let sig = decode_signature(Algorithm::EcdsaP256Sha256, &der).unwrap();
        assert!(pk.verifies(b"hello", &sig));
        assert!(!pk.verifies(b"hellp", &sig));
        let pem = format!("-----BEGIN PUBLIC KEY-----\n{spki}\n-----END PUBLIC KEY-----\n");
        assert!(parse_public_key(KeyDerivation::SpkiBase64, &pem).is_ok());
    }

    #[test]
    fn weak_and_malformed_keys_are_refused() {
        let identity = format!("01{}", "00".repeat(31));
        assert!(parse_public_key(KeyDerivation::Ed25519Hex, &identity).is_err());
        assert!(parse_public_key(KeyDerivation::Ed25519Hex, "abcd").is_err());
        assert!(parse_public_key(KeyDerivation::WhpkBase64, "whsk_AAAA").is_err());
        assert!(parse_public_key(KeyDerivation::SpkiBase64, "not base64!").is_err());
        assert!(parse_signing_key(Algorithm::EcdsaP256Sha256, &"00".repeat(32)).is_err());
    }

    #[test]
    fn generated_pairs_sign_and_verify_and_differ() {
        for (alg, kd) in [
            (Algorithm::Ed25519, KeyDerivation::WhpkBase64),
            (Algorithm::Ed25519, KeyDerivation::Ed25519Hex),
            (Algorithm::EcdsaP256Sha256, KeyDerivation::SpkiBase64),
        ] {
            let (private, public) = generate_pair(alg, kd).unwrap();
            let (other, _) = generate_pair(alg, kd).unwrap();
            assert_ne!(private, other);
            let key = parse_signing_key(alg, &private).unwrap();
            let pk = parse_public_key(kd, &public).unwrap();
            let sig = decode_signature(alg, &key.sign(b"m")).unwrap();
            assert!(pk.verifies(b"m", &sig));
        }
    }
}
