//! The verifier: options, keyed state, and the checks in the order they run.

use crate::codec::{base64_decode, ct_eq, hex_decode_32, hex_decode_to, hex_encode};
use crate::custom::CustomScheme;
use crate::envelope::extract_fields_and_uint;
use crate::error::{Error, ErrorCode};
use crate::headers::{HeaderSource, Lookup, trim_ows};
use crate::scheme::{
    Algorithm, Auth, BASIC_AUTH_HEADER, BodyFieldSpec, Encoding, EventTime, Extract, Field,
    FieldPart, KeyDerivation, Part, Provider, Scheme, SignatureSpec, TimeFormat, TimeUnit,
    TimestampSource, Window,
};
use crate::time::parse_rfc3339;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use std::fmt;

type HmacSha256 = Hmac<Sha256>;
type HmacSha1 = Hmac<sha1::Sha1>;
type HmacSha512 = Hmac<sha2::Sha512>;

/// A MAC, as computed or as read from a header: up to 64 bytes (HMAC-SHA512).
#[derive(Clone, Copy)]
pub(crate) struct Tag {
    bytes: [u8; 64],
    len: usize,
}

impl Tag {
    fn from_slice(s: &[u8]) -> Option<Tag> {
        let mut bytes = [0u8; 64];
        bytes.get_mut(..s.len())?.copy_from_slice(s);
        Some(Tag {
            bytes,
            len: s.len(),
        })
    }

    pub(crate) fn as_slice(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }

    /// A decoded public-key signature (Ed25519's 64 bytes, P-256's `r ‖ s`).
    fn public(bytes: [u8; 64]) -> Tag {
        Tag { bytes, len: 64 }
    }

    /// Decodes one signature of `len` bytes.
    fn decode(encoding: Encoding, encoded: &[u8], len: usize) -> Option<Tag> {
        match encoding {
            Encoding::Hex if len == 32 => hex_decode_32(encoded).and_then(|b| Tag::from_slice(&b)),
            Encoding::Hex => {
                let mut bytes = [0u8; 64];
                hex_decode_to(encoded, bytes.get_mut(..len)?)?;
                Some(Tag { bytes, len })
            }
            Encoding::Base64 => base64_decode(encoded)
                .filter(|d| d.len() == len)
                .and_then(|d| Tag::from_slice(&d)),
        }
    }
}

/// An HMAC key with its inner and outer pads already absorbed, and the pad blocks themselves
/// for a [`HostDigest`].
#[derive(Clone)]
pub(crate) struct MacKey {
    state: MacState,
    /// The inner pad block, then the outer (RFC 2104: the key, hashed first when longer than
    /// the hash's block, zero-filled to the block, XORed with 0x36 and with 0x5c).
    pads: Box<[u8]>,
}

#[derive(Clone)]
enum MacState {
    Sha256(HmacSha256),
    Sha1(HmacSha1),
    Sha512(Box<HmacSha512>),
}

/// The inner hash of an HMAC computed by the host instead of the wasm code: the npm package's
/// Node entry registers node:crypto's, which uses the CPU's SHA instructions (about 4x the wasm
/// SHA-256 on such machines). Called as `(algorithm, inner_pad, prefix, body, suffix, out)`, it
/// writes the digest (the HMAC algorithm's hash) of `inner_pad ‖ prefix ‖ body ‖ suffix` into
/// `out` and returns its length, or anything else (0) to have the wasm code compute the whole
/// MAC. The core finishes the MAC with the outer pad itself; the comparison (constant time) and
/// every other check stay here. See [`set_host_digest`].
pub(crate) type HostDigest = fn(Algorithm, &[u8], &[u8], &[u8], &[u8], &mut [u8; 64]) -> usize;

thread_local! {
    /// The registered host digest and the smallest body it is used for (below that the call
    /// into the host costs more than hashing here).
    static HOST_DIGEST: std::cell::Cell<Option<(HostDigest, usize)>> = const { std::cell::Cell::new(None) };
}

/// Registers (or with `None` removes) the host's digest for bodies of at least `min_body` bytes.
#[cfg_attr(not(feature = "js"), allow(dead_code))]
pub(crate) fn set_host_digest(host: Option<(HostDigest, usize)>) {
    HOST_DIGEST.with(|h| h.set(host));
}

/// The inner and outer pad blocks of `key` for a hash with `block`-byte blocks.
fn pad_blocks<D: Digest>(key: &[u8], block: usize) -> Box<[u8]> {
    let hashed;
    let key = if key.len() > block {
        hashed = D::digest(key);
        hashed.as_slice()
    } else {
        key
    };
    let mut pads = vec![0x36u8; block.saturating_mul(2)];
    let (inner, outer) = pads.split_at_mut(block);
    outer.fill(0x5c);
    for (i, k) in key.iter().enumerate() {
        if let (Some(a), Some(b)) = (inner.get_mut(i), outer.get_mut(i)) {
            *a ^= k;
            *b ^= k;
        }
    }
    pads.into_boxed_slice()
}

impl MacKey {
    pub(crate) fn new(algorithm: Algorithm, key: &[u8]) -> Option<MacKey> {
        let (state, pads) = match algorithm {
            Algorithm::HmacSha256 => (
                MacState::Sha256(HmacSha256::new_from_slice(key).ok()?),
                pad_blocks::<Sha256>(key, 64),
            ),
            Algorithm::HmacSha1 => (
                MacState::Sha1(HmacSha1::new_from_slice(key).ok()?),
                pad_blocks::<sha1::Sha1>(key, 64),
            ),
            Algorithm::HmacSha512 => (
                MacState::Sha512(Box::new(HmacSha512::new_from_slice(key).ok()?)),
                pad_blocks::<sha2::Sha512>(key, 128),
            ),
            Algorithm::Ed25519 | Algorithm::EcdsaP256Sha256 => return None,
        };
        Some(MacKey { state, pads })
    }

    fn algorithm(&self) -> Algorithm {
        match self.state {
            MacState::Sha256(_) => Algorithm::HmacSha256,
            MacState::Sha1(_) => Algorithm::HmacSha1,
            MacState::Sha512(_) => Algorithm::HmacSha512,
        }
    }

    /// The MAC over `parts`, with the timestamp and id as sent.
    pub(crate) fn tag(&self, parts: &[Part], inputs: &Inputs<'_>) -> Tag {
        if let Some(tag) = self.host_tag(parts, inputs) {
            return tag;
        }
        fn run<M: Mac + Clone>(key: &M, parts: &[Part], i: &Inputs<'_>) -> Tag {
            let mut mac = key.clone();
            // One update call per MAC type (each inlines the hash's buffering): the part's
            // bytes are picked outside the generic code.
            for part in parts {
                mac.update(i.piece(part));
            }
            Tag::from_slice(&mac.finalize().into_bytes()).unwrap_or(Tag {
                bytes: [0; 64],
                len: 0,
            })
        }
        match &self.state {
            MacState::Sha256(k) => run(k, parts, inputs),
            MacState::Sha1(k) => run(k, parts, inputs),
            MacState::Sha512(k) => run(k.as_ref(), parts, inputs),
        }
    }

    /// The MAC from the registered [`HostDigest`]'s inner hash, when there is one, the body is
    /// large enough and signed exactly once; `None` to compute it here.
    fn host_tag(&self, parts: &[Part], inputs: &Inputs<'_>) -> Option<Tag> {
        let (host, min_body) = HOST_DIGEST.with(std::cell::Cell::get)?;
        if inputs.body.len() < min_body {
            return None;
        }
        let at = parts.iter().position(|p| *p == Part::Body)?;
        let (before, after) = (parts.get(..at)?, parts.get(at.saturating_add(1)..)?);
        if after.contains(&Part::Body) {
            return None;
        }
        let join = |ps: &[Part]| -> Vec<u8> {
            ps.iter()
                .flat_map(|p| inputs.piece(p).iter().copied())
                .collect()
        };
        let algorithm = self.algorithm();
        let (inner_pad, outer_pad) = self.pads.split_at(self.pads.len() / 2);
        let mut inner = [0u8; 64];
        let n = host(
            algorithm,
            inner_pad,
            &join(before),
            inputs.body,
            &join(after),
            &mut inner,
        );
        if n != algorithm.output_len() {
            return None;
        }
        let inner = inner.get(..n)?;
        fn outer<D: Digest>(outer_pad: &[u8], inner: &[u8]) -> Option<Tag> {
            let mut d = D::new();
            d.update(outer_pad);
            d.update(inner);
            Tag::from_slice(&d.finalize())
        }
        match algorithm {
            Algorithm::HmacSha256 => outer::<Sha256>(outer_pad, inner),
            Algorithm::HmacSha1 => outer::<sha1::Sha1>(outer_pad, inner),
            Algorithm::HmacSha512 => outer::<sha2::Sha512>(outer_pad, inner),
            Algorithm::Ed25519 | Algorithm::EcdsaP256Sha256 => None,
        }
    }

    /// The MAC over `bytes` alone.
    pub(crate) fn tag_bytes(&self, bytes: &[u8]) -> Tag {
        self.tag(
            &[Part::Body],
            &Inputs {
                body: bytes,
                ..Inputs::default()
            },
        )
    }
}

/// What a signed content's parts are made of: the timestamp and id as sent, the body, and, for
/// URL-signing providers, the URL (decoded where the scheme says), the method and Twilio's
/// form parameters.
#[derive(Clone, Copy, Default)]
pub(crate) struct Inputs<'a> {
    pub(crate) ts: &'a [u8],
    pub(crate) id: &'a [u8],
    pub(crate) body: &'a [u8],
    pub(crate) url: &'a [u8],
    pub(crate) method: &'a [u8],
    pub(crate) params: &'a [u8],
}

impl Inputs<'_> {
    /// The bytes one part of the signed content stands for.
    pub(crate) fn piece<'p>(&'p self, part: &'p Part) -> &'p [u8] {
        match part {
            Part::Body => self.body,
            Part::Literal(s) => s.as_bytes(),
            Part::Timestamp => self.ts,
            Part::Id => self.id,
            Part::Url | Part::UrlDecoded => self.url,
            Part::Method => self.method,
            Part::FormParams => self.params,
        }
    }
}

/// The request a delivery arrived on, for the providers that sign it (Twilio, Square, HubSpot,
/// PandaDoc's `?signature=`): the call options `url` and `method`. Other providers ignore it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RequestInfo<'a> {
    /// The full URL the provider called, exactly as it called it (scheme, host, port, path,
    /// query).
    pub url: Option<&'a str>,
    /// The HTTP method; `POST` when `None`.
    pub method: Option<&'a str>,
}

/// The request's parts a URL-signing scheme's MAC covers, prepared once per delivery.
struct RequestParts {
    /// The URL as signed (HubSpot: decoded), then Twilio's other port form when it has one.
    urls: Vec<String>,
    method: String,
    /// Twilio's sorted form parameters (empty for a JSON body).
    params: Vec<u8>,
}

/// The default body size limit: 1 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;

/// The most secrets one verifier accepts (rotation needs two; a few more is a misconfiguration).
pub const MAX_SECRETS: usize = 8;

/// The most header values one verifier reads, and the most slots the npm binding hands over
/// (`src/js.rs`): DocuSign's numbered signature headers need 24 (its `X-DocuSign-Signature-1`
/// … `-24`); the next provider reads at most six. The binding's present-slot mask is a `u32`.
pub const MAX_HEADER_SLOTS: usize = 24;

/// The most public-key signatures checked per key (Standard Webhooks' `v1a` tokens beyond it
/// are ignored): a sender rotating keys sends two; each check costs a pass over the body.
pub const MAX_PUBLIC_CANDIDATES: usize = 4;

/// The widest tolerance accepted: 30 days. inSigner's retries span ~2.5 days.
pub const MAX_TOLERANCE_SECONDS: u64 = 30 * 24 * 60 * 60;

/// The widest `maxEventAgeSeconds` accepted: ten years (the worker's replay memory may be that
/// long). It catches milliseconds given for seconds: a week in milliseconds is over it.
pub const MAX_EVENT_AGE_SECONDS: u64 = 10 * 365 * 24 * 60 * 60;

/// Verifier options. `Debug` never prints the secrets.
#[derive(Clone, PartialEq, Eq)]
pub struct Options {
    /// Whose webhooks these are.
    pub provider: Provider,
    /// Secrets (inSigner) or tokens (Inspakt); any may match. Order is reported as `key_index`.
    pub secrets: Vec<String>,
    /// Public keys, for the providers that sign with a private key (Discord, SendGrid, and
    /// Standard Webhooks `v1a`, where they may sit beside `secrets`); any may match.
    /// `key_index` counts the secrets first: public key `i` is `secrets.len() + i`.
    pub public_keys: Vec<String>,
    /// Allowed clock difference in seconds; the provider's default when `None`.
    pub tolerance_seconds: Option<u64>,
    /// Token providers whose header the customer names (Inspakt, default `Authorization`);
    /// refused for providers that fix the header (GitLab, Documenso) and for signing providers.
    pub header: Option<String>,
    /// When set, only these events are accepted (`event_not_allowed` otherwise).
    pub events: Option<Vec<String>>,
    /// Body size limit in bytes; [`DEFAULT_MAX_BODY_BYTES`] when `None`.
    pub max_body_bytes: Option<usize>,
    /// Inspakt only: key replay protection on the body's SHA-256 (identical bodies can be
    /// legitimate for Inspakt, so this is opt-in).
    pub dedupe_by_body_hash: bool,
    /// Providers with a signed event time only (inSigner's `created_at`): reject a delivery
    /// whose signed event time is more than this many seconds before `now`, with
    /// `timestamp_too_old`. Unlike the unsigned timestamp header, a replayer cannot refresh
    /// it. At least [`Scheme::min_event_age_seconds`] (inSigner: its 214,560 s retry window
    /// plus a day's margin, 300,960 s, or the tolerance if longer), at most
    /// [`MAX_EVENT_AGE_SECONDS`]. A signed event time more than the tolerance after `now` is
    /// `timestamp_in_future`. `None`: not checked.
    pub max_event_age_seconds: Option<u64>,
    /// `custom` only (and required there): the scheme descriptor (docs/CUSTOM.md).
    pub scheme: Option<CustomScheme>,
    /// Providers whose endpoint check is a GET carrying a token the customer chose (Meta's
    /// `hub.verify_token`): that token. Refused for every other provider.
    pub verify_token: Option<String>,
}

impl Options {
    /// Options for `provider` with one secret and every other setting at its default.
    pub fn new(provider: Provider, secret: impl Into<String>) -> Options {
        Options {
            provider,
            secrets: vec![secret.into()],
            public_keys: Vec::new(),
            tolerance_seconds: None,
            header: None,
            events: None,
            max_body_bytes: None,
            dedupe_by_body_hash: false,
            max_event_age_seconds: None,
            scheme: None,
            verify_token: None,
        }
    }

    /// Options for `provider` with one public key (Discord, SendGrid, Standard Webhooks `v1a`)
    /// and every other setting at its default.
    pub fn with_public_key(provider: Provider, public_key: impl Into<String>) -> Options {
        Options {
            secrets: Vec::new(),
            public_keys: vec![public_key.into()],
            ..Options::new(provider, "")
        }
    }

    /// Options for a custom scheme with one secret and every other setting at its default.
    pub fn custom(scheme: CustomScheme, secret: impl Into<String>) -> Options {
        Options {
            scheme: Some(scheme),
            ..Options::new(Provider::Custom, secret)
        }
    }

    /// Parses the JSON form used by the JavaScript API and the worker's configuration:
    /// `{"provider":"insigner","secret":"…" | ["…","…"],"toleranceSeconds":300,"header":"…",
    /// "events":["…"],"maxBodyBytes":1048576,"dedupeByBodyHash":false,
    /// "maxEventAgeSeconds":604800,"scheme":{…},"verifyToken":"…","publicKey":"…" | […]}`
    /// (`secret` and/or `publicKey`, as the provider signs; `scheme`: `custom` only,
    /// an object or its JSON text; see docs/CUSTOM.md; `verifyToken`: Meta's GET check).
    ///
    /// Unknown keys are rejected so that a typo does not silently fall back to a default.
    pub fn from_json(json: &str) -> Result<Options, Error> {
        use crate::json::{Field, object_fields, object_keys};
        const KEYS: [&str; 11] = [
            "provider",
            "secret",
            "toleranceSeconds",
            "header",
            "events",
            "maxBodyBytes",
            "dedupeByBodyHash",
            "maxEventAgeSeconds",
            "scheme",
            "verifyToken",
            "publicKey",
        ];
        let not_object = |e: crate::json::JsonError| {
            if e.what == crate::json::LONE_SURROGATE {
                // Valid JSON, but no option can hold it (never quoted: it may be a secret).
                return Error::config(format!(
                    "options: a string value holds a lone UTF-16 surrogate escape (at byte {})",
                    e.offset
                ));
            }
            Error::config(format!("options are not a JSON object: {}", e.describe()))
        };
        let keys = object_keys(json).map_err(not_object)?;
        for (i, key) in keys.iter().enumerate() {
            if !KEYS.contains(&key.as_str()) {
                return Err(Error::config(format!(
                    "options: {}; expected one of {}",
                    describe_unknown_key(key, i + 1, keys.len(), &KEYS),
                    KEYS.join(", ")
                )));
            }
        }
        let [
            provider,
            secret,
            tolerance,
            header,
            events,
            max_body,
            dedupe,
            max_event_age,
            scheme,
            verify_token,
            public_key,
        ] = <[Option<Field>; 11]>::try_from(object_fields(json, &KEYS).map_err(not_object)?)
            .map_err(|_| Error::config("options"))?;
        // Messages name the option and the type wanted, never the value (it may be a secret).
        let wrong =
            |name: &str, want: &str| Error::config(format!("options: {name} must be {want}"));
        let provider = match provider {
            Some(Field::Str(p)) => Provider::parse(&p).ok_or_else(|| {
                Error::config(format!(
                    "unknown provider (expected one of: {}, custom)",
                    Provider::ALL.map(Provider::id).join(", ")
                ))
            })?,
            None | Some(Field::Null) => {
                return Err(Error::config("options: missing field `provider`"));
            }
            Some(_) => return Err(wrong("provider", "a string")),
        };
        let string_or_list = "a string or an array of strings";
        let public_keys = match public_key {
            Some(Field::Str(s)) => vec![s],
            Some(Field::Strings(v)) => v,
            None | Some(Field::Null) => Vec::new(),
            Some(_) => return Err(wrong("publicKey", string_or_list)),
        };
        let secrets = match secret {
            Some(Field::Str(s)) => vec![s],
            Some(Field::Strings(v)) => v,
            // A provider signing with a private key is verified with `publicKey` alone.
            None | Some(Field::Null) if !public_keys.is_empty() => Vec::new(),
            None | Some(Field::Null) => {
                return Err(Error::config("options: missing field `secret`"));
            }
            Some(_) => return Err(wrong("secret", string_or_list)),
        };
        let uint = |f: Option<Field>, name: &str| match f {
            None | Some(Field::Null) => Ok(None),
            Some(Field::Uint(n)) => Ok(Some(n)),
            Some(_) => Err(wrong(name, "a non-negative integer")),
        };
        let tolerance_seconds = uint(tolerance, "toleranceSeconds")?;
        let max_event_age_seconds = uint(max_event_age, "maxEventAgeSeconds")?;
        let max_body_bytes = match uint(max_body, "maxBodyBytes")? {
            None => None,
            Some(n) => {
                Some(usize::try_from(n).map_err(|_| Error::config("maxBodyBytes is too large"))?)
            }
        };
        let header = match header {
            None | Some(Field::Null) => None,
            Some(Field::Str(h)) => Some(h),
            Some(_) => return Err(wrong("header", "a string")),
        };
        let events = match events {
            None | Some(Field::Null) => None,
            Some(Field::Strings(v)) => Some(v),
            Some(_) => return Err(wrong("events", "an array of strings")),
        };
        let scheme = match (scheme, provider) {
            (None | Some(Field::Null), Provider::Custom) => {
                return Err(Error::config(
                    "options: provider \"custom\" needs scheme, the descriptor (see docs/CUSTOM.md)",
                ));
            }
            (None | Some(Field::Null), _) => None,
            (Some(_), p) if p != Provider::Custom => {
                return Err(Error::config(
                    "options: scheme is for provider \"custom\" only",
                ));
            }
            // The descriptor's own JSON text (a string), or the object itself.
            (Some(Field::Str(text)), _) => {
                Some(CustomScheme::from_json(&text).map_err(at_options)?)
            }
            (Some(Field::Other), _) => {
                let members = crate::json::object_members(json).map_err(not_object)?;
                let raw = members
                    .iter()
                    .find(|(k, _)| k == "scheme")
                    .map_or("", |(_, v)| *v);
                Some(CustomScheme::from_json(raw).map_err(at_options)?)
            }
            (Some(_), _) => return Err(wrong("scheme", "a descriptor object")),
        };
        let verify_token = match verify_token {
            None | Some(Field::Null) => None,
            Some(Field::Str(t)) => Some(t),
            Some(_) => return Err(wrong("verifyToken", "a string")),
        };
        let dedupe_by_body_hash = match dedupe {
            None | Some(Field::Null) => false,
            Some(Field::Bool(b)) => b,
            Some(_) => return Err(wrong("dedupeByBodyHash", "a boolean")),
        };
        Ok(Options {
            provider,
            secrets,
            public_keys,
            tolerance_seconds,
            header,
            events,
            max_body_bytes,
            dedupe_by_body_hash,
            max_event_age_seconds,
            scheme,
            verify_token,
        })
    }
}

/// The options' public keys, parsed for the scheme's public-key signatures (its own, or those
/// beside its MACs), after the checks of which kinds of key the scheme takes.
fn public_keys(options: &Options, scheme: &Scheme) -> Result<Vec<Key>, Error> {
    let signature = scheme.signature();
    let public_spec = signature.and_then(|s| {
        if s.algorithm.is_public_key() {
            Some(s)
        } else {
            s.public
        }
    });
    let takes_secret = !signature.is_some_and(|s| s.algorithm.is_public_key());
    if !options.public_keys.is_empty() && public_spec.is_none() {
        return Err(Error::config(format!(
            "publicKey is for providers that sign with a private key (standard-webhooks v1a, \
             discord, sendgrid); {} is verified with secret",
            scheme.display_name
        )));
    }
    if !takes_secret && !options.secrets.is_empty() {
        return Err(Error::config(format!(
            "{} signs with a private key: configure its publicKey, not a secret",
            scheme.display_name
        )));
    }
    if options.secrets.is_empty() && options.public_keys.is_empty() {
        return Err(Error::config(match public_spec {
            Some(_) if takes_secret => "no secret or publicKey configured",
            Some(_) => "no publicKey configured",
            None => "no secret configured",
        }));
    }
    if options.public_keys.len() > MAX_SECRETS {
        return Err(Error::config(format!(
            "at most {MAX_SECRETS} public keys may be configured"
        )));
    }
    let mut public_keys = Vec::with_capacity(options.public_keys.len());
    if let Some(spec) = public_spec {
        for (i, k) in options.public_keys.iter().enumerate() {
            // PEM armour ends in a line break; anything else around a key is a slip.
            if k.trim() != k && !k.starts_with("-----BEGIN") {
                return Err(Error::config(format!(
                    "publicKey {i} has leading or trailing whitespace (a copy-paste slip?)"
                )));
            }
            let key = crate::asymmetric::parse_public_key(spec.key, k)
                .map_err(|why| Error::config(format!("publicKey {i} {why}")))?;
            public_keys.push(Key::Public(key));
        }
    }
    Ok(public_keys)
}

/// A descriptor's message inside the options: `options: scheme.timestamp.unit must be …`.
fn at_options(e: Error) -> Error {
    Error::config(format!("options: {}", e.message()))
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Options")
            .field("provider", &self.provider)
            .field(
                "secrets",
                &format_args!("[REDACTED; {}]", self.secrets.len()),
            )
            .field("public_keys", &self.public_keys.len())
            .field("tolerance_seconds", &self.tolerance_seconds)
            .field("header", &self.header)
            .field("events", &self.events)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("dedupe_by_body_hash", &self.dedupe_by_body_hash)
            .field("max_event_age_seconds", &self.max_event_age_seconds)
            .field("scheme", &self.scheme)
            .field(
                "verify_token",
                &self.verify_token.as_ref().map(|_| "[REDACTED]"),
            )
            .finish()
    }
}

/// A delivery that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// Whose delivery it is.
    pub provider: Provider,
    /// The event type, from the signed body (inSigner, Inspakt) or its `type` field.
    pub event: Option<String>,
    /// The delivery id (inSigner: the signed body `id`); `None` where the provider has none.
    pub id: Option<String>,
    /// The delivery's timestamp, unix seconds (from its header, its signature header's pair, or
    /// a body field such as Linear's `webhookTimestamp`); `None` where the provider sends none.
    pub timestamp: Option<i64>,
    /// Which configured secret matched (0-based).
    pub key_index: usize,
    /// What replay protection keys on; `None` when the delivery carries nothing to key on.
    pub dedupe_key: Option<String>,
    /// Whether the MAC covered the body: `false` for providers that sign only a few body
    /// fields (Dropbox Sign, SignWell, Mailgun), whose other fields the origin must not trust
    /// (re-fetch the object from the provider's API instead).
    pub body_signed: bool,
}

/// The keyed state for one secret, prepared once.
#[derive(Clone)]
enum Key {
    /// HMAC with the inner and outer pads already absorbed.
    Mac(MacKey),
    /// SHA-256 of the expected token: comparing digests hides the token's length.
    TokenDigest([u8; 32]),
    /// A public key (`publicKey`), for the spec's public-key signatures.
    Public(crate::asymmetric::PublicKey),
}

/// Verifies deliveries for one provider and one set of secrets. Build it once, use it for
/// every request: the HMAC keys are prepared at construction.
#[derive(Clone)]
pub struct Verifier {
    provider: Provider,
    /// The descriptor: the provider's, the options' custom one, or (tests) one given to
    /// [`Verifier::with_scheme`].
    scheme: &'static Scheme,
    keys: Vec<Key>,
    /// The same secrets for the signature's legacy fallback (its own algorithm); empty without.
    fallback_keys: Vec<Key>,
    token_header: String,
    tolerance: u64,
    events: Option<Vec<String>>,
    max_body_bytes: usize,
    dedupe_by_body_hash: bool,
    /// `maxEventAgeSeconds`, with the field holding the signed event time.
    max_event_age: Option<(u64, &'static EventTime)>,
    /// The top-level body fields read: required ones, then cross-checked ones, then id/event,
    /// then the event time when its age is bounded.
    fields: Vec<&'static str>,
    /// Whether verifying needs the call option `url` (URL-signing providers).
    needs_url: bool,
    /// SHA-256 of `verifyToken` (Meta's GET endpoint check), compared in constant time.
    verify_token: Option<[u8; 32]>,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("provider", &self.provider)
            .field("keys", &format_args!("[REDACTED; {}]", self.keys.len()))
            .field("tolerance", &self.tolerance)
            .field("max_body_bytes", &self.max_body_bytes)
            .field(
                "max_event_age_seconds",
                &self.max_event_age.map(|(max, _)| max),
            )
            .finish_non_exhaustive()
    }
}

/// One check in an [`Report`], as the playground shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// `body`, `signature`, `token`, `timestamp`, `envelope`, `consistency`, `event`.
    pub check: &'static str,
    /// `pass`, `fail` or `skip` (not applicable, or not reachable after an earlier failure).
    pub status: &'static str,
    /// The error code when it failed.
    pub code: Option<&'static str>,
    /// Plain words: what was compared and what was found.
    pub detail: String,
    /// Signature checks with `reveal_expected`: the header value each secret would produce.
    pub expected: Vec<String>,
    /// Signature or token checks that passed: which secret matched (0-based).
    pub key_index: Option<usize>,
    /// Signature checks: the signature header as received (trimmed; lossy UTF-8).
    pub received: Option<String>,
}

/// Every check's outcome for one delivery, for debugging; the overall result is the same as
/// [`Verifier::verify`]'s.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The checks in the order `verify` runs them.
    pub steps: Vec<Step>,
    /// The first failure's code, which is what `verify` returns; `None` when valid.
    pub code: Option<&'static str>,
}

impl Report {
    /// The report as JSON: `{"steps":[{"check","status","code","detail","expected"?}],"code"}`.
    pub fn to_json(&self) -> String {
        use crate::json::{ObjectWriter, array, quote};
        let steps = array(self.steps.iter().map(|s| {
            let mut w = ObjectWriter::new();
            w.str("check", s.check)
                .str("status", s.status)
                .opt_str("code", s.code)
                .str("detail", &s.detail);
            if !s.expected.is_empty() {
                w.raw("expected", &array(s.expected.iter().map(|e| quote(e))));
            }
            if let Some(i) = s.key_index {
                w.num("keyIndex", i);
            }
            if let Some(r) = &s.received {
                w.str("received", r);
            }
            w.finish()
        }));
        ObjectWriter::new()
            .raw("steps", &steps)
            .opt_str("code", self.code)
            .finish()
    }
}

/// What the envelope gave: the body fields read (one slot each), the timestamp (unix seconds)
/// where it lives in the body, and whether the body was a form.
type Envelope = (Vec<Option<String>>, Option<i64>, bool);

/// A signature header read: its MACs (or the spec's own public-key signatures), the
/// public-key signatures beside them, and the timestamp where it is a pair of the header.
type ReadSignatures<'h> = (Vec<Tag>, Vec<Tag>, Option<&'h [u8]>);

/// Parsed authentication headers, before the MAC.
struct SignedHeaders<'h> {
    /// The signature spec in use: the scheme's, or its fallback when only that header came.
    spec: &'static SignatureSpec,
    fallback: bool,
    signatures: Vec<Tag>,
    /// The public-key signatures beside the MACs (Standard Webhooks' `v1a,` tokens), decoded;
    /// empty where the spec has none or no public key is configured.
    public_signatures: Vec<Tag>,
    timestamp_raw: Option<&'h [u8]>,
    id_raw: Option<&'h [u8]>,
}

impl Verifier {
    /// Checks the options and prepares the keys.
    pub fn new(options: &Options) -> Result<Verifier, Error> {
        let scheme = match (options.provider, options.scheme) {
            (Provider::Custom, Some(custom)) => custom.scheme(),
            (Provider::Custom, None) => {
                return Err(Error::config(
                    "provider \"custom\" needs scheme, the descriptor (see docs/CUSTOM.md)",
                ));
            }
            (_, Some(_)) => {
                return Err(Error::config("scheme is for provider \"custom\" only"));
            }
            (p, None) => p.scheme(),
        };
        Verifier::with_scheme(options, scheme)
    }

    /// [`Verifier::new`] with a descriptor of the caller's (results still name
    /// `options.provider`).
    pub(crate) fn with_scheme(
        options: &Options,
        scheme: &'static Scheme,
    ) -> Result<Verifier, Error> {
        // Which kinds of key the scheme takes: a secret for its MACs (or tokens), a public key
        // for its public-key signatures (the spec's own, or those beside its MACs).
        let signature = scheme.signature();
        if !cfg!(feature = "asymmetric")
            && (!options.public_keys.is_empty()
                || signature.is_some_and(|s| s.algorithm.is_public_key()))
        {
            return Err(Error::config(crate::asymmetric::OFF));
        }
        if options.secrets.len() > MAX_SECRETS {
            return Err(Error::config(format!(
                "at most {MAX_SECRETS} secrets may be configured"
            )));
        }
        // Without the asymmetric verifiers (`hookguard/verify`) none of this is code.
        let mut public_keys = if cfg!(feature = "asymmetric") {
            public_keys(options, scheme)?
        } else if options.secrets.is_empty() {
            return Err(Error::config("no secret configured"));
        } else {
            Vec::new()
        };
        for (i, s) in options.secrets.iter().enumerate() {
            if s.is_empty() {
                return Err(Error::config(format!("secret {i} is empty")));
            }
            if s.trim() != s {
                return Err(Error::config(format!(
                    "secret {i} has leading or trailing whitespace (a copy-paste slip?)"
                )));
            }
        }
        let mac_keys = |spec: &SignatureSpec| {
            options
                .secrets
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let key = derive_key(spec.key, s).ok_or_else(|| {
                        Error::config(format!("secret {i} is not a whsec_ base64 key"))
                    })?;
                    MacKey::new(spec.algorithm, &key)
                        .map(Key::Mac)
                        .ok_or_else(|| Error::config(format!("secret {i} is not a usable key")))
                })
                .collect::<Result<Vec<_>, _>>()
        };
        let fallback_keys = match scheme.signature().and_then(|s| s.fallback) {
            Some(f) => mac_keys(f)?,
            None => Vec::new(),
        };
        let mut keys = match &scheme.auth {
            Auth::Signature(spec) if spec.algorithm.is_public_key() => Vec::new(),
            Auth::Signature(spec) => mac_keys(spec)?,
            Auth::BodyField(b) => options
                .secrets
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    MacKey::new(b.algorithm, s.as_bytes())
                        .map(Key::Mac)
                        .ok_or_else(|| Error::config(format!("secret {i} is not a usable key")))
                })
                .collect::<Result<Vec<_>, _>>()?,
            Auth::Token(_) => options
                .secrets
                .iter()
                .map(|s| Key::TokenDigest(Sha256::digest(s.as_bytes()).into()))
                .collect(),
            Auth::Basic => {
                // RFC 7617: user-pass = user-id ":" password (the user-id holds no colon).
                if let Some(i) = options.secrets.iter().position(|s| !s.contains(':')) {
                    return Err(Error::config(format!(
                        "secret {i} is not HTTP Basic credentials (user:password)"
                    )));
                }
                options
                    .secrets
                    .iter()
                    .map(|s| Key::TokenDigest(Sha256::digest(s.as_bytes()).into()))
                    .collect()
            }
        };
        // Public keys after the secrets: `key_index` counts them on from the secrets.
        keys.append(&mut public_keys);
        let token_header = match (&scheme.auth, &options.header) {
            (Auth::Token(t), None) => t.default_header.to_owned(),
            (Auth::Token(t), Some(_)) if !t.configurable => {
                return Err(Error::config(format!(
                    "{} always sends its token in {}; the header option is for providers whose header you choose",
                    scheme.display_name, t.default_header
                )));
            }
            (Auth::Token(_), Some(h)) => {
                if !is_token_header_name(h) {
                    return Err(Error::config("header is not a valid HTTP header name"));
                }
                h.to_ascii_lowercase()
            }
            (Auth::Signature(_) | Auth::BodyField(_), Some(_)) => {
                return Err(Error::config(format!(
                    "the header option is for token providers; {} signs its deliveries",
                    scheme.display_name
                )));
            }
            (Auth::Basic, Some(_)) => {
                return Err(Error::config(format!(
                    "the header option is for token providers; {} sends HTTP Basic credentials \
                     in Authorization",
                    scheme.display_name
                )));
            }
            (Auth::Signature(_) | Auth::Basic | Auth::BodyField(_), None) => String::new(),
        };
        let tolerance = match (&scheme.timestamp, options.tolerance_seconds) {
            (Some(ts), None) => ts.default_tolerance,
            (Some(_), Some(t)) if t > MAX_TOLERANCE_SECONDS => {
                return Err(Error::config(format!(
                    "toleranceSeconds is over the maximum of {MAX_TOLERANCE_SECONDS}"
                )));
            }
            (Some(_), Some(t)) => t,
            (None, Some(_)) => {
                return Err(Error::config(format!(
                    "{} deliveries carry no timestamp, so toleranceSeconds does not apply",
                    scheme.display_name
                )));
            }
            (None, None) => 0,
        };
        if options.dedupe_by_body_hash && scheme.id_source.is_some() {
            return Err(Error::config(format!(
                "dedupeByBodyHash is for providers without a delivery id; {} deliveries have one",
                scheme.display_name
            )));
        }
        if options.events.as_ref().is_some_and(Vec::is_empty) {
            return Err(Error::config(
                "events is an empty allow-list, which would reject everything",
            ));
        }
        let max_event_age = match (options.max_event_age_seconds, &scheme.event_time) {
            (None, _) => None,
            (Some(_), None) => {
                return Err(Error::config(format!(
                    "maxEventAgeSeconds needs a signed event time; {} deliveries carry none",
                    scheme.display_name
                )));
            }
            (Some(max), Some(_)) if max > MAX_EVENT_AGE_SECONDS => {
                return Err(Error::config(format!(
                    "maxEventAgeSeconds is over the maximum of {MAX_EVENT_AGE_SECONDS}"
                )));
            }
            (Some(max), Some(et)) => {
                let min = scheme.min_event_age_seconds(tolerance).unwrap_or(0);
                if max < min {
                    return Err(Error::config(format!(
                        "maxEventAgeSeconds {max} is below {min} s, the longer of {}'s retry window \
                         ({} s) plus a margin of {} s and toleranceSeconds ({tolerance} s): a \
                         smaller bound could reject the provider's own late retries",
                        scheme.display_name,
                        scheme.retry_window_seconds.unwrap_or(0),
                        crate::scheme::EVENT_AGE_MARGIN_SECONDS
                    )));
                }
                Some((max, et))
            }
        };
        let verify_token = match &options.verify_token {
            None => None,
            Some(_)
                if !scheme
                    .handshakes
                    .iter()
                    .any(|h| matches!(h.answer, crate::handshake::Answer::EchoQuery { .. })) =>
            {
                return Err(Error::config(
                    "verifyToken is for providers whose endpoint check is a GET with a verify \
                     token (meta); this one has none",
                ));
            }
            Some(t) if t.is_empty() => return Err(Error::config("verifyToken is empty")),
            Some(t) if t.trim() != t => {
                return Err(Error::config(
                    "verifyToken has leading or trailing whitespace (a copy-paste slip?)",
                ));
            }
            Some(t) => Some(Sha256::digest(t.as_bytes()).into()),
        };
        let mut fields: Vec<&'static str> = scheme.required_fields.to_vec();
        let extra = scheme.cross_checks.iter().map(|c| c.field).chain(
            [scheme.id_source, scheme.event_source]
                .into_iter()
                .filter_map(|f| match f {
                    Some(Field::Body(name)) => Some(name),
                    _ => None,
                }),
        );
        let extra = extra.chain(max_event_age.map(|(_, et)| et.field));
        for f in extra {
            if !fields.contains(&f) {
                fields.push(f);
            }
        }
        let verifier = Verifier {
            provider: options.provider,
            scheme,
            keys,
            fallback_keys,
            token_header,
            tolerance,
            events: options.events.clone(),
            max_body_bytes: options.max_body_bytes.unwrap_or(DEFAULT_MAX_BODY_BYTES),
            dedupe_by_body_hash: options.dedupe_by_body_hash,
            max_event_age,
            fields,
            needs_url: scheme.signature().is_some_and(SignatureSpec::needs_url),
            verify_token,
        };
        // The npm binding hands over at most this many header values (a handshake trigger's
        // header counted as one more, even where the scheme reads it anyway).
        let triggers = scheme
            .handshakes
            .iter()
            .filter(|h| matches!(h.trigger, crate::handshake::Trigger::Header { .. }))
            .count();
        if verifier.header_names().len().saturating_add(triggers) > MAX_HEADER_SLOTS {
            return Err(Error::config(format!(
                "the descriptor reads more than {MAX_HEADER_SLOTS} headers"
            )));
        }
        Ok(verifier)
    }

    /// The provider this verifier checks.
    pub fn provider(&self) -> Provider {
        self.provider
    }

    /// The tolerance in effect, in seconds (0 for providers without timestamps).
    pub fn tolerance_seconds(&self) -> u64 {
        self.tolerance
    }

    /// The body size limit in effect.
    pub fn max_body_bytes(&self) -> usize {
        self.max_body_bytes
    }

    /// `maxEventAgeSeconds` in effect: `Some` when the signed event time is checked.
    pub fn max_event_age_seconds(&self) -> Option<u64> {
        self.max_event_age.map(|(max, _)| max)
    }

    /// Whether this verifier's provider has a signed event time, so that
    /// `maxEventAgeSeconds` can bound a delivery's age (inSigner: yes).
    pub fn bounds_event_age(&self) -> bool {
        self.scheme().event_time.is_some()
    }

    /// The header holding a static credential, lower case: the token header (token providers)
    /// or `authorization` (HTTP Basic credentials). The worker never forwards it.
    pub fn token_header(&self) -> Option<&str> {
        match self.scheme().auth {
            Auth::Token(_) => Some(&self.token_header),
            Auth::Basic => Some(BASIC_AUTH_HEADER),
            Auth::Signature(_) | Auth::BodyField(_) => None,
        }
    }

    /// Every header name (lower case) this verifier reads, so that a binding can hand over only
    /// those.
    pub fn header_names(&self) -> Vec<String> {
        let s = self.scheme();
        let mut names: Vec<String> = Vec::new();
        match &s.auth {
            Auth::Signature(spec) => {
                names.extend(spec.header_names());
                names.extend(spec.fallback.map(|f| f.header.to_owned()));
            }
            Auth::Token(_) => names.push(self.token_header.clone()),
            Auth::Basic => names.push(BASIC_AUTH_HEADER.to_owned()),
            // The multipart boundary (Dropbox Sign's form bodies).
            Auth::BodyField(b) => {
                names.extend(b.multipart_field.map(|_| "content-type".to_owned()))
            }
        }
        names.extend(
            s.timestamp
                .as_ref()
                .and_then(|t| t.header())
                .map(str::to_owned),
        );
        names.extend(s.id_header().map(str::to_owned));
        names.extend(s.event_header().map(str::to_owned));
        names.extend(s.cross_checks.iter().map(|c| c.header.to_owned()));
        for (name, alias) in s.header_aliases {
            if names.iter().any(|n| n == name) {
                names.push((*alias).to_owned());
            }
        }
        names
    }

    /// The descriptor this verifier checks against: the provider's, or the custom one.
    pub fn scheme(&self) -> &'static Scheme {
        self.scheme
    }

    /// Whether verifying needs the request URL (the call option `url`: Twilio, Square,
    /// HubSpot, PandaDoc).
    pub fn needs_url(&self) -> bool {
        self.needs_url
    }

    /// Verifies one delivery: `body` is the exact raw bytes received, `now` the current unix
    /// time in seconds (the core never reads a clock).
    pub fn verify<H: HeaderSource + ?Sized>(
        &self,
        headers: &H,
        body: &[u8],
        now: i64,
    ) -> Result<Verified, Error> {
        self.verify_request(headers, body, now, &RequestInfo::default())
    }

    /// [`Verifier::verify`] with the request the delivery arrived on, which URL-signing
    /// providers need (the call options `url` and `method`; `invalid_config` naming `url`
    /// when one of them gets none). Other providers ignore it.
    pub fn verify_request<H: HeaderSource + ?Sized>(
        &self,
        headers: &H,
        body: &[u8],
        now: i64,
        request: &RequestInfo<'_>,
    ) -> Result<Verified, Error> {
        let verified = self.authenticate(headers, body, now, request)?;
        self.check_event(verified.event.as_deref())?;
        Ok(verified)
    }

    /// The HMAC key prepared for secret `i` (handshake answers keyed with it: Zoom's).
    pub(crate) fn mac_key(&self, i: usize) -> Option<&MacKey> {
        match self.keys.get(i)? {
            Key::Mac(k) => Some(k),
            Key::TokenDigest(_) | Key::Public(_) => None,
        }
    }

    /// SHA-256 of the configured `verifyToken`.
    pub(crate) fn verify_token_digest(&self) -> Option<&[u8; 32]> {
        self.verify_token.as_ref()
    }

    /// Every check of [`Verifier::verify_request`] but the `events` allow-list: what a
    /// handshake passes before it is answered (URL-signing providers' with the request's URL
    /// and method).
    pub(crate) fn authenticate<H: HeaderSource + ?Sized>(
        &self,
        headers: &H,
        body: &[u8],
        now: i64,
        request: &RequestInfo<'_>,
    ) -> Result<Verified, Error> {
        self.check_size(body)?;
        let scheme = self.scheme();
        let mut signed_ts: Option<&[u8]> = None;
        let (key_index, mut timestamp, header_id) = match &scheme.auth {
            Auth::BodyField(spec) => return self.verify_body_field(spec, headers, body),
            Auth::Signature(spec) => {
                let parts = self.request_parts(spec, request, body)?;
                let parsed = self.read_signed_headers(spec, headers, request)?;
                let timestamp = self.parse_timestamp(parsed.timestamp_raw)?;
                let key_index = self.check_signature(&parsed, body, parts.as_ref())?;
                if let Some(ts) = timestamp {
                    self.check_freshness(ts, now)?;
                }
                signed_ts = parsed.timestamp_raw;
                (key_index, timestamp, parsed.id_raw)
            }
            Auth::Token(_) | Auth::Basic => {
                let key_index = match scheme.auth {
                    Auth::Basic => self.check_basic(headers)?,
                    _ => self.check_token(headers)?,
                };
                // A token provider's replay id header (GitLab's Idempotency-Key).
                let id = match scheme.id_header() {
                    Some(h) => Some(self.required(headers, h)?),
                    None => None,
                };
                (key_index, None, id)
            }
        };
        let (mut values, body_timestamp, form) = self.read_envelope(body)?;
        if let Some(ts) = body_timestamp {
            // A timestamp in the body (Linear's webhookTimestamp): the MAC already covered it.
            self.check_freshness(ts, now)?;
            timestamp = Some(ts);
        }
        self.check_event_age(&values, now)?;
        self.check_consistency(headers, &values)?;
        let event_header = self.event_header_value(headers)?;
        let event = self.field_value(scheme.event_source, &mut values, event_header)?;
        let id = self.field_value(scheme.id_source, &mut values, header_id)?;
        let dedupe_key = match (self.dedupe_key(id.as_deref(), body, form), signed_ts) {
            // (Only public-key schemes set it: no code without their verifiers.)
            (None, Some(ts)) if cfg!(feature = "asymmetric") && scheme.dedupe_signed => {
                let mut h = Sha256::new();
                h.update(ts);
                h.update(body);
                Some(format!(
                    "{}:signed:{}",
                    self.provider.id(),
                    hex_encode(&h.finalize())
                ))
            }
            (key, _) => key,
        };
        Ok(Verified {
            provider: self.provider,
            event,
            id,
            timestamp,
            key_index,
            dedupe_key,
            body_signed: true,
        })
    }

    /// Runs every check and reports each one, for the playground. With `reveal_expected`, the
    /// signature step lists the header value each secret would produce for this body: that lets
    /// whoever reads the report forge this exact body, so never send a report to a sender.
    pub fn explain<H: HeaderSource + ?Sized>(
        &self,
        headers: &H,
        body: &[u8],
        now: i64,
        reveal_expected: bool,
    ) -> Report {
        self.explain_request(headers, body, now, reveal_expected, &RequestInfo::default())
    }

    /// [`Verifier::explain`] with the request the delivery arrived on (see
    /// [`Verifier::verify_request`]).
    pub fn explain_request<H: HeaderSource + ?Sized>(
        &self,
        headers: &H,
        body: &[u8],
        now: i64,
        reveal_expected: bool,
        request: &RequestInfo<'_>,
    ) -> Report {
        let scheme = self.scheme();
        let mut steps = Vec::new();
        let pass = |check, detail: String| Step {
            check,
            status: "pass",
            code: None,
            detail,
            expected: Vec::new(),
            key_index: None,
            received: None,
        };
        let fail = |check, e: Error| Step {
            check,
            status: "fail",
            code: Some(e.code().as_str()),
            detail: e.message().to_owned(),
            expected: Vec::new(),
            key_index: None,
            received: None,
        };
        let skip = |check, detail: &str| Step {
            check,
            status: "skip",
            code: None,
            detail: detail.to_owned(),
            expected: Vec::new(),
            key_index: None,
            received: None,
        };

        steps.push(match self.check_size(body) {
            Ok(()) => pass(
                "body",
                format!(
                    "{} bytes, within the {}-byte limit",
                    body.len(),
                    self.max_body_bytes
                ),
            ),
            Err(e) => fail("body", e),
        });

        let header_id;
        match &scheme.auth {
            Auth::BodyField(_) => {
                return self.explain_body_field(headers, body, now, steps);
            }
            Auth::Signature(spec) => {
                // The signature step needs only what the signed content includes: a missing
                // unsigned timestamp is the timestamp step's failure, not the signature's.
                let parts = self.request_parts(spec, request, body);
                let parsed = parts
                    .as_ref()
                    .map_err(Clone::clone)
                    .and_then(|_| self.read_signature_inputs(spec, headers, request));
                let parts = parts.ok().flatten();
                let mut step = match &parsed {
                    Err(e) => fail("signature", e.clone()),
                    Ok(p) => match self.check_signature(p, body, parts.as_ref()) {
                        Ok(i) => Step {
                            key_index: Some(i),
                            ..pass(
                                "signature",
                                format!(
                                    "{} matches secret #{i} (0-based)",
                                    p.spec.algorithm.name()
                                ),
                            )
                        },
                        Err(e) => fail("signature", e),
                    },
                };
                let used = parsed.as_ref().map_or(spec, |p| p.spec);
                step.received = self.received_signatures(used, headers, request);
                if reveal_expected {
                    step.expected =
                        self.expected_headers(parsed.as_ref().ok(), body, parts.as_ref());
                }
                steps.push(step);
                steps.push(match scheme.timestamp {
                    None => skip("timestamp", "this provider sends no timestamp"),
                    Some(_) => match self.read_timestamp_only(spec, headers, body) {
                        Err(e) => fail("timestamp", e),
                        Ok(ts) => self.freshness_step(ts, now),
                    },
                });
                header_id = parsed.ok().and_then(|p| p.id_raw);
            }
            Auth::Token(_) => {
                steps.push(match self.check_token(headers) {
                    Ok(i) => Step {
                        key_index: Some(i),
                        ..pass("token", format!("matches token #{i} (0-based)"))
                    },
                    Err(e) => fail("token", e),
                });
                steps.push(skip("timestamp", "this provider sends no timestamp"));
                header_id = scheme
                    .id_header()
                    .and_then(|h| self.required(headers, h).ok());
            }
            Auth::Basic => {
                steps.push(match self.check_basic(headers) {
                    Ok(i) => Step {
                        key_index: Some(i),
                        ..pass(
                            "token",
                            format!("the Basic credentials match credentials #{i} (0-based)"),
                        )
                    },
                    Err(e) => fail("token", e),
                });
                steps.push(skip("timestamp", "this provider sends no timestamp"));
                header_id = scheme
                    .id_header()
                    .and_then(|h| self.required(headers, h).ok());
            }
        }

        match self.read_envelope(body) {
            Err(e) => {
                steps.push(fail("envelope", e));
                if self.max_event_age.is_some() {
                    steps.push(skip("event_age", "needs a readable envelope"));
                }
                steps.push(skip("consistency", "needs a readable envelope"));
                steps.push(skip("event", "needs a readable envelope"));
            }
            Ok((values, _, form)) => {
                // Copies: the consistency step below still reads the fields.
                let event = self
                    .event_header_value(headers)
                    .and_then(|h| self.field_value(scheme.event_source, &mut values.clone(), h));
                // A replay id in a header the MAC does not cover (GitHub's X-GitHub-Delivery)
                // is still required, as verify requires it.
                let id = match scheme.id_header().map(|h| self.required(headers, h)) {
                    Some(Err(e)) => Err(e),
                    _ => self.field_value(scheme.id_source, &mut values.clone(), header_id),
                };
                steps.push(match (&event, &id) {
                    (Ok(_), Ok(_)) if form => pass(
                        "envelope",
                        "a form-encoded body (decoded strictly; no event or id is read from a \
                         form, and replay protection keys on the body's SHA-256)"
                            .into(),
                    ),
                    (Ok(ev), Ok(id)) => pass(
                        "envelope",
                        format!(
                            "JSON envelope with event {} and id {}",
                            ev.as_deref()
                                .map_or("(none)".into(), |e| format!("\"{e}\"")),
                            id.as_deref()
                                .map_or("(none)".into(), |i| format!("\"{i}\""))
                        ),
                    ),
                    (Err(e), _) | (_, Err(e)) => fail("envelope", e.clone()),
                });
                if let Some((max, et)) = self.max_event_age {
                    steps.push(match self.check_event_age(&values, now) {
                        Ok(()) => pass(
                            "event_age",
                            format!(
                                "the signed {} is within maxEventAgeSeconds ({max} s) before \
                                 now and toleranceSeconds ({} s) after it",
                                et.field, self.tolerance
                            ),
                        ),
                        Err(e) => fail("event_age", e),
                    });
                }
                steps.push(if scheme.cross_checks.is_empty() {
                    skip(
                        "consistency",
                        "this provider sends no unsigned copies of body fields",
                    )
                } else {
                    match self.check_consistency(headers, &values) {
                        Ok(()) => pass(
                            "consistency",
                            "the unsigned event and delivery-id headers agree with the signed body"
                                .into(),
                        ),
                        Err(e) => fail("consistency", e),
                    }
                });
                let ev = event.ok().flatten();
                steps.push(match self.check_event(ev.as_deref()) {
                    Err(e) => fail("event", e),
                    Ok(()) if ev.is_none() && self.events.is_none() => pass(
                        "event",
                        if form {
                            "a form body names no event".into()
                        } else {
                            "the delivery names no event".into()
                        },
                    ),
                    Ok(()) => {
                        let name = ev.unwrap_or_default();
                        let known = scheme.event(&name).is_some();
                        pass(
                            "event",
                            match (&self.events, known) {
                                (Some(_), _) => format!("\"{name}\" is in the allow-list"),
                                (None, true) => format!("\"{name}\" is a known event"),
                                (None, false) => format!(
                                    "\"{name}\" is not a known event; accepted, since providers add events"
                                ),
                            },
                        )
                    }
                });
            }
        }
        let code = self
            .verify_request(headers, body, now, request)
            .err()
            .map(|e| e.code().as_str());
        Report { steps, code }
    }

    fn freshness_step(&self, ts: i64, now: i64) -> Step {
        match self.check_freshness(ts, now) {
            Ok(()) => Step {
                check: "timestamp",
                status: "pass",
                code: None,
                detail: format!(
                    "{} within the {} s tolerance",
                    describe_age(ts, now),
                    self.tolerance
                ),
                expected: Vec::new(),
                key_index: None,
                received: None,
            },
            Err(e) => Step {
                check: "timestamp",
                status: "fail",
                code: Some(e.code().as_str()),
                detail: e.message().to_owned(),
                expected: Vec::new(),
                key_index: None,
                received: None,
            },
        }
    }

    fn read_timestamp_only<H: HeaderSource + ?Sized>(
        &self,
        spec: &'static SignatureSpec,
        headers: &H,
        body: &[u8],
    ) -> Result<i64, Error> {
        let ts = self
            .scheme()
            .timestamp
            .as_ref()
            .ok_or_else(|| Error::config("no timestamp"))?;
        let raw = match ts.source {
            TimestampSource::Header(h) => self.required(headers, h)?,
            TimestampSource::Pair(_) => {
                let spec = self.signature_in_use(spec, headers)?.0;
                self.read_signatures(spec, headers, &RequestInfo::default())?
                    .2
                    .unwrap_or_default()
            }
            TimestampSource::BodyField(_) => {
                return self
                    .read_envelope(body)?
                    .1
                    .ok_or_else(|| Error::config("no timestamp"));
            }
        };
        self.parse_timestamp(Some(raw))?
            .ok_or_else(|| Error::config("no timestamp"))
    }

    /// Unix seconds from the timestamp as sent, in the scheme's unit.
    fn parse_timestamp(&self, raw: Option<&[u8]>) -> Result<Option<i64>, Error> {
        let (Some(raw), Some(spec)) = (raw, self.scheme().timestamp.as_ref()) else {
            return Ok(None);
        };
        Ok(Some(match spec.unit {
            TimeUnit::Seconds => parse_timestamp(raw)?,
            TimeUnit::Milliseconds => parse_timestamp(raw)?.div_euclid(1000),
            TimeUnit::Rfc3339 => std::str::from_utf8(raw)
                .map_err(|_| "is not an RFC 3339 date-time")
                .and_then(parse_rfc3339)
                .map_err(|why| {
                    Error::new(
                        ErrorCode::MalformedHeader,
                        format!("the timestamp header {why}"),
                    )
                })?,
        }))
    }

    fn check_freshness(&self, ts: i64, now: i64) -> Result<(), Error> {
        let window = self
            .scheme()
            .timestamp
            .as_ref()
            .map_or(Window::Symmetric, |t| t.window);
        check_freshness(ts, now, self.tolerance, window)
    }

    /// A header, or its alias when it is absent (Svix's `webhook-*` names).
    fn header<'h, H: HeaderSource + ?Sized>(&self, headers: &'h H, name: &str) -> Lookup<'h> {
        match headers.lookup(name) {
            Lookup::Absent => match self
                .scheme()
                .header_aliases
                .iter()
                .find(|(n, _)| *n == name)
            {
                Some((_, alias)) => headers.lookup(alias),
                None => Lookup::Absent,
            },
            found => found,
        }
    }

    /// [`required`], through the scheme's aliases; a missing header is named by its own name.
    fn required<'h, H: HeaderSource + ?Sized>(
        &self,
        headers: &'h H,
        name: &str,
    ) -> Result<&'h [u8], Error> {
        match self.header(headers, name) {
            Lookup::Absent => required(headers, name),
            Lookup::One(v) => field_value(name, v),
            Lookup::Repeated => Err(malformed(name, "appears more than once")),
        }
    }

    /// The signature spec whose header came: the scheme's own, else its fallback's (GitHub's
    /// legacy SHA-1 header), else `missing_header` for the scheme's own.
    fn signature_in_use<H: HeaderSource + ?Sized>(
        &self,
        spec: &'static SignatureSpec,
        headers: &H,
    ) -> Result<(&'static SignatureSpec, bool), Error> {
        // Most schemes have no fallback: no extra header lookup on the hot path.
        let Some(fallback) = spec.fallback else {
            return Ok((spec, false));
        };
        match (self.header(headers, spec.header), Some(fallback)) {
            (Lookup::Absent, Some(f)) if self.header(headers, f.header) != Lookup::Absent => {
                Ok((f, true))
            }
            _ => Ok((spec, false)),
        }
    }

    /// The event header's value, where the event lives in a header (GitHub); absent is `None`.
    fn event_header_value<'h, H: HeaderSource + ?Sized>(
        &self,
        headers: &'h H,
    ) -> Result<Option<&'h [u8]>, Error> {
        match self.scheme().event_header() {
            None => Ok(None),
            Some(h) => match self.header(headers, h) {
                Lookup::Absent => Ok(None),
                Lookup::One(v) => field_value(h, v).map(Some),
                Lookup::Repeated => Err(malformed(h, "appears more than once")),
            },
        }
    }

    pub(crate) fn check_size(&self, body: &[u8]) -> Result<(), Error> {
        if body.len() > self.max_body_bytes {
            return Err(Error::new(
                ErrorCode::BodyTooLarge,
                format!(
                    "the body is {} bytes; the limit is {}",
                    body.len(),
                    self.max_body_bytes
                ),
            ));
        }
        Ok(())
    }

    fn read_signed_headers<'h, H: HeaderSource + ?Sized>(
        &self,
        spec: &'static SignatureSpec,
        headers: &'h H,
        request: &RequestInfo<'_>,
    ) -> Result<SignedHeaders<'h>, Error> {
        let (spec, fallback) = self.signature_in_use(spec, headers)?;
        let scheme = self.scheme();
        let (signatures, public_signatures, pair_ts) =
            self.read_signatures(spec, headers, request)?;
        let timestamp_raw = match scheme.timestamp.as_ref().map(|t| t.source) {
            Some(TimestampSource::Header(h)) => Some(self.required(headers, h)?),
            Some(TimestampSource::Pair(_)) => pair_ts,
            Some(TimestampSource::BodyField(_)) | None => None,
        };
        let id_raw = match scheme.id_header() {
            Some(h) => Some(self.required(headers, h)?),
            None => None,
        };
        Ok(SignedHeaders {
            spec,
            fallback,
            signatures,
            public_signatures,
            timestamp_raw,
            id_raw,
        })
    }

    /// For explain: the signature header plus the timestamp and id only where the signed
    /// content needs them; otherwise whatever is present.
    fn read_signature_inputs<'h, H: HeaderSource + ?Sized>(
        &self,
        spec: &'static SignatureSpec,
        headers: &'h H,
        request: &RequestInfo<'_>,
    ) -> Result<SignedHeaders<'h>, Error> {
        let (spec, fallback) = self.signature_in_use(spec, headers)?;
        let scheme = self.scheme();
        let (signatures, public_signatures, pair_ts) =
            self.read_signatures(spec, headers, request)?;
        let read = |name: Option<&str>, part: Part| -> Result<Option<&'h [u8]>, Error> {
            match name {
                None => Ok(None),
                Some(n) if spec.signed_content.contains(&part) => {
                    self.required(headers, n).map(Some)
                }
                Some(n) => Ok(match self.header(headers, n) {
                    Lookup::One(v) => Some(trim_ows(v)),
                    _ => None,
                }),
            }
        };
        let timestamp_raw = match scheme.timestamp.as_ref().map(|t| t.source) {
            Some(TimestampSource::Pair(_)) => pair_ts,
            Some(TimestampSource::BodyField(_)) => None,
            _ => read(
                scheme.timestamp.as_ref().and_then(|t| t.header()),
                Part::Timestamp,
            )?,
        };
        Ok(SignedHeaders {
            spec,
            fallback,
            signatures,
            public_signatures,
            timestamp_raw,
            id_raw: read(scheme.id_header(), Part::Id)?,
        })
    }

    /// The signatures of `spec`'s header(s), the public-key signatures beside them (Standard
    /// Webhooks' `v1a,` tokens) and, where the timestamp is a pair of that header (Stripe's
    /// `t`), the timestamp as sent.
    fn read_signatures<'h, H: HeaderSource + ?Sized>(
        &self,
        spec: &'static SignatureSpec,
        headers: &'h H,
        request: &RequestInfo<'_>,
    ) -> Result<ReadSignatures<'h>, Error> {
        if let Extract::Numbered { max } = spec.extract {
            return numbered_signatures(spec, max, headers).map(|s| (s, Vec::new(), None));
        }
        if let Some(name) = spec.query {
            return query_signature(spec, name, request).map(|s| (s, Vec::new(), None));
        }
        let raw = self.required(headers, spec.header)?;
        if let (Some(public), Extract::List { separator }, true) =
            (spec.public, spec.extract, cfg!(feature = "asymmetric"))
        {
            let has = |public: bool| {
                self.keys
                    .iter()
                    .any(|k| matches!(k, Key::Public(_)) == public)
            };
            let (macs, publics) = parse_mixed(spec, public, separator, has(false), has(true), raw)?;
            return Ok((macs, publics, None));
        }
        match &self.scheme().timestamp {
            Some(t) => parse_signatures(spec, t, raw).map(|(s, ts)| (s, Vec::new(), Some(ts))),
            None => Ok((parse_signatures_only(spec, raw)?, Vec::new(), None)),
        }
    }

    /// The signature header(s) as received, for explain (numbered ones joined with `, `).
    fn received_signatures<H: HeaderSource + ?Sized>(
        &self,
        spec: &SignatureSpec,
        headers: &H,
        request: &RequestInfo<'_>,
    ) -> Option<String> {
        let lossy = |v: &[u8]| String::from_utf8_lossy(trim_ows(v)).into_owned();
        if let Some(name) = spec.query {
            return match request.url.map(|u| crate::url::query_param(u, name)) {
                Some(crate::url::Param::One(v)) => Some(v.to_owned()),
                _ => None,
            };
        }
        match spec.extract {
            Extract::Numbered { max } => {
                let found: Vec<String> = (1..=max)
                    .filter_map(|n| match headers.lookup(&spec.numbered_header(n)) {
                        Lookup::One(v) => Some(lossy(v)),
                        _ => None,
                    })
                    .collect();
                (!found.is_empty()).then(|| found.join(", "))
            }
            _ => match self.header(headers, spec.header) {
                Lookup::One(v) => Some(lossy(v)),
                _ => None,
            },
        }
    }

    /// The MAC of `key` over `spec`'s signed content; `url_index` picks the URL form
    /// (Twilio's: 0 as given, 1 the other port form).
    fn mac_for(
        &self,
        key: &MacKey,
        spec: &SignatureSpec,
        h: Option<&SignedHeaders<'_>>,
        body: &[u8],
        request: Option<&RequestParts>,
        url_index: usize,
    ) -> Tag {
        key.tag(
            spec.signed_content,
            &inputs_for(h, body, request, url_index),
        )
    }

    /// Whether public key `key` signed one of `candidates` over `spec`'s signed content (the
    /// content built once, the same bytes a MAC would cover); every candidate is checked.
    fn public_match(
        key: &crate::asymmetric::PublicKey,
        spec: &SignatureSpec,
        message: &mut Option<Vec<u8>>,
        candidates: &[Tag],
        inputs: &Inputs<'_>,
    ) -> bool {
        if candidates.is_empty() {
            return false;
        }
        let message = message.get_or_insert_with(|| {
            let mut m = Vec::with_capacity(inputs.body.len().saturating_add(64));
            for part in spec.signed_content {
                m.extend_from_slice(inputs.piece(part));
            }
            m
        });
        // A public-key check reveals nothing secret, so it stops at the first match; and an
        // unauthenticated sender cannot make it hash the body more than MAX_PUBLIC_CANDIDATES
        // times per key (each Ed25519 check hashes R, the key and the whole message anew).
        candidates
            .iter()
            .take(MAX_PUBLIC_CANDIDATES)
            .any(|c| key.verifies(message, &c.bytes))
    }

    fn check_signature(
        &self,
        parsed: &SignedHeaders<'_>,
        body: &[u8],
        request: Option<&RequestParts>,
    ) -> Result<usize, Error> {
        // Every key is tried and every candidate compared, so the time taken does not depend
        // on where a match is found.
        let spec = parsed.spec;
        let keys = if parsed.fallback {
            &self.fallback_keys
        } else {
            &self.keys
        };
        let url_forms = request.map_or(1, |r| r.urls.len().max(1));
        let mut matched: Option<usize> = None;
        let mut message = None;
        // The public-key signatures: the spec's own (Discord, SendGrid), or those beside its
        // MACs (Standard Webhooks' `v1a`).
        let (public_spec, public_candidates) = match spec.public {
            Some(p) if !spec.algorithm.checks_public_key() => (p, &parsed.public_signatures),
            _ => (spec, &parsed.signatures),
        };
        for (i, key) in keys.iter().enumerate() {
            let key = match key {
                Key::Mac(key) => key,
                // The first public key that matches ends the search (public keys follow the
                // secrets, whose MACs were all compared already).
                Key::Public(_) if matched.is_some() => break,
                Key::Public(pk) => {
                    let inputs = inputs_for(Some(parsed), body, request, 0);
                    if Self::public_match(pk, public_spec, &mut message, public_candidates, &inputs)
                    {
                        matched = Some(i);
                    }
                    continue;
                }
                Key::TokenDigest(_) => continue,
            };
            for u in 0..url_forms {
                let tag = self.mac_for(key, spec, Some(parsed), body, request, u);
                for candidate in &parsed.signatures {
                    if ct_eq(candidate.as_slice(), tag.as_slice()) && matched.is_none() {
                        matched = Some(i);
                    }
                }
            }
        }
        matched.ok_or_else(|| {
            Error::new(
                ErrorCode::SignatureMismatch,
                match self.keys.len() {
                    1 => "the signature does not match the configured key over these exact body bytes".to_owned(),
                    n => format!("the signature matches none of the {n} configured keys over these exact body bytes"),
                },
            )
        })
    }

    fn expected_headers(
        &self,
        parsed: Option<&SignedHeaders<'_>>,
        body: &[u8],
        request: Option<&RequestParts>,
    ) -> Vec<String> {
        let (spec, keys) = match (parsed, self.scheme().signature()) {
            (Some(p), _) if p.fallback => (p.spec, &self.fallback_keys),
            (Some(p), _) => (p.spec, &self.keys),
            (None, Some(s)) => (s, &self.keys),
            (None, None) => return Vec::new(),
        };
        keys.iter()
            .filter_map(|k| match k {
                Key::Mac(key) => Some(format!(
                    "{}{}",
                    spec.prefix,
                    encode(
                        spec.encoding,
                        self.mac_for(key, spec, parsed, body, request, 0).as_slice()
                    )
                )),
                // A public key cannot say what a valid signature would be.
                Key::TokenDigest(_) | Key::Public(_) => None,
            })
            .collect()
    }

    /// The index of the configured token or credentials whose digest is `digest`; every one
    /// is compared, whichever matches.
    fn match_digest(&self, digest: &[u8; 32]) -> Option<usize> {
        let mut matched = None;
        for (i, key) in self.keys.iter().enumerate() {
            if let Key::TokenDigest(expected) = key
                && ct_eq(digest, expected)
                && matched.is_none()
            {
                matched = Some(i);
            }
        }
        matched
    }

    /// `Authorization: Basic <base64 of user:password>` (RFC 7617; the scheme name is
    /// case-insensitive). The decoded credentials are compared as SHA-256 digests, so neither
    /// their length nor where they differ shows in the time taken.
    fn check_basic<H: HeaderSource + ?Sized>(&self, headers: &H) -> Result<usize, Error> {
        let name = BASIC_AUTH_HEADER;
        let received = required(headers, name)?;
        let space = received.iter().position(|c| *c == b' ');
        let (scheme, credentials) = match space {
            Some(i) => (
                received.get(..i).unwrap_or_default(),
                received.get(i..).map(trim_ows).unwrap_or_default(),
            ),
            None => (received, &b""[..]),
        };
        if !scheme.eq_ignore_ascii_case(b"basic") {
            return Err(malformed(name, "does not carry Basic credentials"));
        }
        let decoded = base64_decode(credentials)
            .ok_or_else(|| malformed(name, "is not base64 after Basic"))?;
        if !decoded.contains(&b':') {
            return Err(malformed(
                name,
                "holds Basic credentials without the user:password colon",
            ));
        }
        let digest: [u8; 32] = Sha256::digest(&decoded).into();
        self.match_digest(&digest).ok_or_else(|| {
            Error::new(
                ErrorCode::TokenMismatch,
                "the Authorization header's Basic credentials do not match the configured ones",
            )
        })
    }

    pub(crate) fn check_token<H: HeaderSource + ?Sized>(
        &self,
        headers: &H,
    ) -> Result<usize, Error> {
        let received = required(headers, &self.token_header)?;
        let digest: [u8; 32] = Sha256::digest(received).into();
        self.match_digest(&digest).ok_or_else(|| {
            Error::new(
                ErrorCode::TokenMismatch,
                format!(
                    "the {} header does not match the configured token",
                    self.token_header
                ),
            )
        })
    }

    /// The body fields read, the timestamp (unix seconds) where it lives in the body, and
    /// whether the body was a form (from which none is read).
    fn read_envelope(&self, body: &[u8]) -> Result<Envelope, Error> {
        let scheme = self.scheme();
        if scheme.form_bodies && !crate::form::looks_like_json(body) {
            crate::form::decode(body).map_err(Error::payload)?;
            return Ok((vec![None; self.fields.len()], None, true));
        }
        let ts_spec = scheme.timestamp.as_ref().and_then(|t| match t.source {
            TimestampSource::BodyField(f) => Some((f, t.unit)),
            _ => None,
        });
        if !scheme.body_is_json && self.fields.is_empty() && ts_spec.is_none() {
            return Ok((Vec::new(), None, false));
        }
        let (values, number) = extract_fields_and_uint(body, &self.fields, ts_spec.map(|t| t.0))
            .map_err(Error::payload)?;
        for (name, v) in self.fields.iter().zip(&values) {
            if scheme.required_fields.contains(name) && v.is_none() {
                return Err(Error::payload(format!(
                    "the {} envelope has no \"{name}\" string",
                    scheme.display_name
                )));
            }
        }
        let timestamp = match ts_spec {
            None => None,
            Some((field, unit)) => {
                let n = number.ok_or_else(|| {
                    Error::payload(format!(
                        "the {} envelope has no \"{field}\" integer timestamp",
                        scheme.display_name
                    ))
                })?;
                let seconds = match unit {
                    TimeUnit::Milliseconds => Some(n / 1000),
                    TimeUnit::Seconds => Some(n),
                    // A body timestamp is a JSON number: never RFC 3339 text.
                    TimeUnit::Rfc3339 => None,
                };
                Some(seconds.and_then(|s| i64::try_from(s).ok()).ok_or_else(|| {
                    Error::payload(format!(
                        "the {} envelope's \"{field}\" is out of range",
                        scheme.display_name
                    ))
                })?)
            }
        };
        Ok((values, timestamp, false))
    }

    /// With `maxEventAgeSeconds`: the signed event time must be there, a strict RFC 3339
    /// string, no more than the bound before `now`, and no more than the tolerance after it
    /// (clock skew, as for the timestamp header). A later one is `timestamp_in_future`: the
    /// worker's replay memory must cover the whole time an event can pass this check, which an
    /// unbounded future time would stretch past the memory.
    fn check_event_age(&self, values: &[Option<String>], now: i64) -> Result<(), Error> {
        let Some((max, et)) = self.max_event_age else {
            return Ok(());
        };
        let field = et.field;
        let Some(text) = self.body_field(values, field) else {
            return Err(Error::payload(format!(
                "the {} envelope has no \"{field}\" string, which maxEventAgeSeconds needs",
                self.scheme().display_name
            )));
        };
        let created = match et.format {
            TimeFormat::Rfc3339 => parse_rfc3339(text),
        }
        .map_err(|why| Error::payload(format!("the signed \"{field}\" {why}")))?;
        let age = i128::from(now).saturating_sub(i128::from(created));
        if age > i128::from(max) {
            return Err(Error::new(
                ErrorCode::TimestampTooOld,
                format!(
                    "the signed \"{field}\" is more than maxEventAgeSeconds ({max} s) before now"
                ),
            ));
        }
        if age < i128::from(self.tolerance).saturating_neg() {
            return Err(Error::new(
                ErrorCode::TimestampInFuture,
                format!(
                    "the signed \"{field}\" is more than toleranceSeconds ({} s) after now",
                    self.tolerance
                ),
            ));
        }
        Ok(())
    }

    fn body_field<'v>(&self, values: &'v [Option<String>], name: &str) -> Option<&'v str> {
        self.fields
            .iter()
            .position(|f| *f == name)
            .and_then(|i| values.get(i))
            .and_then(|v| v.as_deref())
    }

    /// The value of an id or event source, moved out of `values` (each is read once).
    fn field_value(
        &self,
        source: Option<Field>,
        values: &mut [Option<String>],
        header_value: Option<&[u8]>,
    ) -> Result<Option<String>, Error> {
        match source {
            None => Ok(None),
            Some(Field::Body(name)) => Ok(self
                .fields
                .iter()
                .position(|f| *f == name)
                .and_then(|i| values.get_mut(i))
                .and_then(Option::take)),
            Some(Field::Header(h)) => match header_value {
                None => Ok(None),
                Some(v) => String::from_utf8(v.to_vec())
                    .map(Some)
                    .map_err(|_| malformed(h, "is not UTF-8")),
            },
        }
    }

    fn check_consistency<H: HeaderSource + ?Sized>(
        &self,
        headers: &H,
        values: &[Option<String>],
    ) -> Result<(), Error> {
        for check in self.scheme().cross_checks {
            let header = match headers.lookup(check.header) {
                Lookup::Absent => continue,
                Lookup::Repeated => return Err(malformed(check.header, "appears more than once")),
                Lookup::One(v) => field_value(check.header, v)?,
            };
            let body = self.body_field(values, check.field).unwrap_or_default();
            if header != body.as_bytes() {
                return Err(Error::new(
                    ErrorCode::HeaderBodyMismatch,
                    format!(
                        "the unsigned {} header disagrees with the signed body's \"{}\"",
                        check.header, check.field
                    ),
                ));
            }
        }
        Ok(())
    }

    fn check_event(&self, event: Option<&str>) -> Result<(), Error> {
        if let Some(allowed) = &self.events {
            let ok = event.is_some_and(|e| allowed.iter().any(|a| a == e));
            if !ok {
                return Err(Error::new(
                    ErrorCode::EventNotAllowed,
                    // The event's name comes from the body: never quoted (DESIGN.md).
                    match event {
                        Some(_) => "the delivery's event is not in this route's allow-list",
                        None => "the delivery names no event and an allow-list is set",
                    },
                ));
            }
        }
        Ok(())
    }

    /// `provider:id`; without an id, the body's SHA-256 when opted in or when the body is a
    /// form (Slack's slash commands and interactivity carry a `trigger_id` unique to each user
    /// action, so identical signed bytes are a replay).
    fn dedupe_key(&self, id: Option<&str>, body: &[u8], form: bool) -> Option<String> {
        let provider = self.provider.id();
        match id {
            Some(id) => Some(format!("{provider}:{id}")),
            None if self.dedupe_by_body_hash || form => Some(format!(
                "{provider}:sha256:{}",
                hex_encode(&Sha256::digest(body))
            )),
            None => None,
        }
    }
}

impl Verifier {
    /// The request's parts the signed content needs, once per delivery: `None` for schemes
    /// that sign no part of the request (every provider but the URL-signing ones, which pay
    /// nothing for it). A missing or unusable `url` or `method` is `invalid_config` naming the
    /// call option; Twilio's form parameters, or its `bodySHA256` check for a JSON body.
    fn request_parts(
        &self,
        spec: &SignatureSpec,
        request: &RequestInfo<'_>,
        body: &[u8],
    ) -> Result<Option<RequestParts>, Error> {
        if !self.needs_url {
            return Ok(None);
        }
        let name = self.scheme().display_name;
        let url = request.url.ok_or_else(|| {
            Error::config(format!(
                "{name} signs the request URL: pass the call option url (the full URL {name} \
                 called, exactly as configured at {name})"
            ))
        })?;
        if let Some(why) = crate::url::url_problem(url) {
            return Err(Error::config(format!("the call option url {why}")));
        }
        let method = request.method.unwrap_or("POST");
        if let Some(why) = crate::url::method_problem(method) {
            return Err(Error::config(format!("the call option method {why}")));
        }
        let parts = spec.signed_content;
        let mut urls = vec![if parts.contains(&Part::UrlDecoded) {
            crate::url::hubspot_decoded(url)
        } else {
            url.to_owned()
        }];
        if spec.url_variants {
            urls.extend(crate::url::twilio_other_port_form(url));
        }
        let params = if parts.contains(&Part::FormParams) {
            twilio_params(url, body)?
        } else {
            Vec::new()
        };
        Ok(Some(RequestParts {
            urls,
            method: method.to_owned(),
            params,
        }))
    }

    /// A body-field scheme (Dropbox Sign, SignWell, Mailgun): the JSON (or Dropbox Sign's
    /// multipart `json` field), its signed fields and signature, the MAC, then the event.
    fn verify_body_field<H: HeaderSource + ?Sized>(
        &self,
        spec: &BodyFieldSpec,
        headers: &H,
        body: &[u8],
    ) -> Result<Verified, Error> {
        let scheme = self.scheme();
        let doc = self.body_field_document(spec, headers, body)?;
        let mut paths: Vec<&str> = vec![spec.signature];
        for part in spec.signed_content {
            if let FieldPart::Field(f) = part {
                paths.push(f);
            }
        }
        let body_path = |f: Option<Field>| match f {
            Some(Field::Body(p)) => Some(p),
            _ => None,
        };
        let (event_path, id_path) = (body_path(scheme.event_source), body_path(scheme.id_source));
        paths.extend(event_path);
        paths.extend(id_path);
        let values = crate::envelope::nested_fields(doc, &paths).map_err(Error::payload)?;
        let get = |path: &str| {
            paths
                .iter()
                .position(|p| *p == path)
                .and_then(|i| values.get(i))
                .and_then(|v| v.as_ref())
        };
        let missing = |path: &str| {
            Error::payload(format!(
                "the {} body has no \"{path}\" string or integer",
                scheme.display_name
            ))
        };
        let sig_text = match get(spec.signature) {
            Some(crate::envelope::Leaf::Str(s)) => s.as_bytes(),
            _ => return Err(missing(spec.signature)),
        };
        let signature = Tag::decode(spec.encoding, sig_text, spec.algorithm.output_len())
            .ok_or_else(|| {
                Error::payload(format!(
                    "the {} body's \"{}\" is not a {} MAC of the right length",
                    scheme.display_name,
                    spec.signature,
                    spec.encoding.name()
                ))
            })?;
        let mut content = Vec::new();
        for part in spec.signed_content {
            match part {
                FieldPart::Literal(l) => content.extend_from_slice(l.as_bytes()),
                FieldPart::Field(f) => {
                    content.extend_from_slice(get(f).ok_or_else(|| missing(f))?.text().as_bytes());
                }
            }
        }
        let mut matched = None;
        for (i, key) in self.keys.iter().enumerate() {
            let Key::Mac(key) = key else { continue };
            let tag = key.tag_bytes(&content);
            if ct_eq(tag.as_slice(), signature.as_slice()) && matched.is_none() {
                matched = Some(i);
            }
        }
        let key_index = matched.ok_or_else(|| {
            Error::new(
                ErrorCode::SignatureMismatch,
                format!(
                    "the body's \"{}\" does not match the configured secret over the signed fields",
                    spec.signature
                ),
            )
        })?;
        let string_at = |path: Option<&str>| -> Result<Option<String>, Error> {
            match path.map(|p| (p, get(p))) {
                None | Some((_, None)) => Ok(None),
                Some((_, Some(crate::envelope::Leaf::Str(s)))) => Ok(Some(s.clone())),
                Some((p, Some(_))) => Err(Error::payload(format!(
                    "the {} body's \"{p}\" is not a string",
                    scheme.display_name
                ))),
            }
        };
        let event = string_at(event_path)?;
        let id = string_at(id_path)?;
        let dedupe_key = self.dedupe_key(id.as_deref(), body, false);
        Ok(Verified {
            provider: self.provider,
            event,
            id,
            timestamp: None,
            key_index,
            dedupe_key,
            body_signed: false,
        })
    }

    /// The JSON text of a body-field scheme's body: the body itself when its first byte past
    /// whitespace is `{`, else (Dropbox Sign) the multipart field named by the descriptor, the
    /// boundary from `Content-Type`.
    fn body_field_document<'b, H: HeaderSource + ?Sized>(
        &self,
        spec: &BodyFieldSpec,
        headers: &H,
        body: &'b [u8],
    ) -> Result<&'b str, Error> {
        let name = self.scheme().display_name;
        let json = if crate::form::looks_like_json(body) {
            body
        } else if let Some(field) = spec.multipart_field {
            let ct = match headers.lookup("content-type") {
                Lookup::One(v) => trim_ows(v),
                _ => &b""[..],
            };
            let boundary = crate::multipart::boundary(ct).ok_or_else(|| {
                Error::payload(format!(
                    "the {name} body is neither JSON nor multipart/form-data with a boundary"
                ))
            })?;
            crate::multipart::field(body, boundary, field.as_bytes())
                .map_err(Error::payload)?
                .ok_or_else(|| {
                    Error::payload(format!("the {name} form has no \"{field}\" field"))
                })?
        } else {
            return Err(Error::payload(format!(
                "the {name} body is not a JSON object"
            )));
        };
        std::str::from_utf8(json).map_err(|e| {
            Error::payload(format!(
                "the {name} JSON is not UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            ))
        })
    }

    /// Explain for a body-field scheme: the same checks as verify, each reported.
    fn explain_body_field<H: HeaderSource + ?Sized>(
        &self,
        headers: &H,
        body: &[u8],
        now: i64,
        mut steps: Vec<Step>,
    ) -> Report {
        let result = self.verify(headers, body, now);
        let code = result.as_ref().err().map(|e| e.code());
        let step = |check: &'static str, failing: &[ErrorCode], pass: &str| {
            let (status, code, detail) = match &result {
                Err(e) if failing.contains(&e.code()) => {
                    ("fail", Some(e.code().as_str()), e.message().to_owned())
                }
                Err(_) => ("skip", None, "not reached".to_owned()),
                Ok(_) => ("pass", None, pass.to_owned()),
            };
            Step {
                check,
                status,
                code,
                detail,
                expected: Vec::new(),
                key_index: None,
                received: None,
            }
        };
        if code != Some(ErrorCode::BodyTooLarge) {
            steps.push(step(
                "envelope",
                &[ErrorCode::InvalidPayload],
                "the body's signed fields and signature were read",
            ));
            let mut sig = step(
                "signature",
                &[ErrorCode::SignatureMismatch],
                "the MAC over the signed body fields matches; the rest of the body is NOT \
                 authenticated",
            );
            sig.key_index = result.as_ref().ok().map(|v| v.key_index);
            steps.push(sig);
            steps.push(Step {
                check: "timestamp",
                status: "skip",
                code: None,
                detail: "the timestamp is a signed body field; no tolerance is applied".into(),
                expected: Vec::new(),
                key_index: None,
                received: None,
            });
            steps.push(step(
                "event",
                &[ErrorCode::EventNotAllowed],
                "the event is accepted",
            ));
        }
        Report {
            steps,
            code: code.map(ErrorCode::as_str),
        }
    }
}

/// Twilio's signed form parameters: for a URL with a `bodySHA256` query parameter (a JSON
/// body), none, once the body's hex SHA-256 equals it (`signature_mismatch` otherwise); else
/// the body must be a form (repeated names allowed: every value is signed), decoded strictly.
fn twilio_params(url: &str, body: &[u8]) -> Result<Vec<u8>, Error> {
    match crate::url::query_param(url, "bodySHA256") {
        crate::url::Param::One(hash) => {
            let digest: [u8; 32] = Sha256::digest(body).into();
            let given = hex_decode_32(hash.as_bytes()).unwrap_or([0; 32]);
            if !ct_eq(&given, &digest) {
                return Err(Error::new(
                    ErrorCode::SignatureMismatch,
                    "the body's SHA-256 does not match the URL's bodySHA256 parameter",
                ));
            }
            Ok(Vec::new())
        }
        crate::url::Param::Repeated => Err(Error::payload(
            "the URL has more than one bodySHA256 parameter",
        )),
        crate::url::Param::Absent if crate::form::looks_like_json(body) => Err(Error::payload(
            "a JSON body is signed through the URL's bodySHA256 parameter, which this URL lacks",
        )),
        crate::url::Param::Absent => crate::form::decode_pairs(body)
            .map(crate::form::twilio_params)
            .map_err(Error::payload),
    }
}

/// The signature in the URL's query parameter `name` (PandaDoc's `?signature=`): absent is
/// `missing_header`, repeated or undecodable `malformed_header`, each naming the parameter.
fn query_signature(
    spec: &SignatureSpec,
    name: &str,
    request: &RequestInfo<'_>,
) -> Result<Vec<Tag>, Error> {
    let url = request.url.unwrap_or_default();
    let what = format!("the url's {name} query parameter");
    match crate::url::query_param(url, name) {
        crate::url::Param::Absent => Err(Error::new(
            ErrorCode::MissingHeader,
            format!("{what} is missing"),
        )),
        crate::url::Param::Repeated => Err(Error::new(
            ErrorCode::MalformedHeader,
            format!("{what} appears more than once"),
        )),
        crate::url::Param::One(v) => {
            let encoded = v
                .as_bytes()
                .strip_prefix(spec.prefix.as_bytes())
                .unwrap_or(v.as_bytes());
            Tag::decode(spec.encoding, encoded, spec.algorithm.output_len())
                .map(|t| vec![t])
                .ok_or_else(|| {
                    Error::new(
                        ErrorCode::MalformedHeader,
                        format!("{what} {}", undecodable(spec)),
                    )
                })
        }
    }
}

/// A header's single value, trimmed. Absent -> `missing_header`; repeated -> `malformed_header`.
fn required<'h, H: HeaderSource + ?Sized>(headers: &'h H, name: &str) -> Result<&'h [u8], Error> {
    match headers.lookup(name) {
        Lookup::One(v) => field_value(name, v),
        Lookup::Absent => Err(Error::new(
            ErrorCode::MissingHeader,
            format!("the {name} header is missing"),
        )),
        Lookup::Repeated => Err(malformed(name, "appears more than once")),
    }
}

/// A header value, trimmed of surrounding spaces and tabs. Control characters other than tab
/// are not allowed in HTTP field values (RFC 9110), so a value holding one is malformed.
fn field_value<'h>(name: &str, v: &'h [u8]) -> Result<&'h [u8], Error> {
    // A non-short-circuiting fold, so the compiler vectorises it (a signature header is ~70
    // bytes checked on every call).
    let bad = v.iter().fold(false, |acc, &c| {
        acc | ((c < 0x20) & (c != b'\t')) | (c == 0x7f)
    });
    if bad {
        return Err(malformed(name, "contains a control character"));
    }
    Ok(trim_ows(v))
}

fn malformed(name: &str, why: &str) -> Error {
    Error::new(
        ErrorCode::MalformedHeader,
        format!("the {name} header {why}"),
    )
}

/// Why a signature did not decode, in words that name the expected form.
/// What a delivery's signed content is made of, from its parsed headers and request.
fn inputs_for<'a>(
    h: Option<&SignedHeaders<'a>>,
    body: &'a [u8],
    request: Option<&'a RequestParts>,
    url_index: usize,
) -> Inputs<'a> {
    Inputs {
        ts: h.and_then(|h| h.timestamp_raw).unwrap_or_default(),
        id: h.and_then(|h| h.id_raw).unwrap_or_default(),
        body,
        url: request
            .and_then(|r| r.urls.get(url_index))
            .map_or(&b""[..], |u| u.as_bytes()),
        method: request.map_or(&b""[..], |r| r.method.as_bytes()),
        params: request.map_or(&b""[..], |r| r.params.as_slice()),
    }
}

/// One signature of `spec` as written after its prefix, decoded: a MAC of the algorithm's
/// length, or a public-key signature (Ed25519's 64 bytes; P-256's strict DER, as `r ‖ s`).
fn decode_signature(spec: &SignatureSpec, encoded: &[u8]) -> Result<Tag, Error> {
    let tag = if spec.algorithm.checks_public_key() {
        let raw = match spec.encoding {
            Encoding::Hex => Tag::decode(Encoding::Hex, encoded, 64).map(|t| t.as_slice().to_vec()),
            Encoding::Base64 => base64_decode(encoded),
        };
        raw.and_then(|r| crate::asymmetric::decode_signature(spec.algorithm, &r))
            .map(Tag::public)
    } else {
        Tag::decode(spec.encoding, encoded, spec.algorithm.output_len())
    };
    tag.ok_or_else(|| malformed(spec.header, undecodable(spec)))
}

/// A header holding MAC tokens with `spec`'s prefix and public-key tokens with `public`'s
/// (Standard Webhooks: `v1,<b64> v1a,<b64>`), up to 16 in all. A kind no configured key can
/// check is skipped like another version; at least one token of a checkable kind must be
/// there (`malformed_header` otherwise), and every one read must decode.
fn parse_mixed(
    spec: &SignatureSpec,
    public: &SignatureSpec,
    separator: u8,
    macs: bool,
    publics: bool,
    raw: &[u8],
) -> Result<(Vec<Tag>, Vec<Tag>), Error> {
    let (mut mac_sigs, mut public_sigs) = (Vec::new(), Vec::new());
    for part in raw
        .split(|c| *c == separator)
        .filter(|p| !p.is_empty())
        .take(16)
    {
        if let Some(encoded) = part.strip_prefix(spec.prefix.as_bytes()) {
            if macs {
                mac_sigs.push(decode_signature(spec, encoded)?);
            }
        } else if let Some(encoded) = part.strip_prefix(public.prefix.as_bytes())
            && publics
        {
            public_sigs.push(decode_signature(public, encoded)?);
        }
    }
    if mac_sigs.is_empty() && public_sigs.is_empty() {
        let wanted = match (macs, publics) {
            (true, true) => format!("{} or {}", spec.prefix, public.prefix),
            (false, _) => public.prefix.to_owned(),
            (true, false) => spec.prefix.to_owned(),
        };
        return Err(malformed(
            spec.header,
            &format!("has no signature with the version prefix {wanted} (the configured keys')"),
        ));
    }
    Ok((mac_sigs, public_sigs))
}

fn undecodable(spec: &SignatureSpec) -> &'static str {
    match (spec.encoding, spec.algorithm) {
        // (Only where this build checks public-key signatures.)
        (Encoding::Hex, a) if a.checks_public_key() => {
            "is not a hexadecimal Ed25519 signature (128 digits) after the prefix"
        }
        (_, Algorithm::Ed25519) if spec.algorithm.checks_public_key() => {
            "is not a base64 Ed25519 signature (64 bytes) after the prefix"
        }
        (_, a) if a.checks_public_key() => {
            "is not a base64 DER ECDSA signature (strict DER, r and s in [1, n))"
        }
        (Encoding::Hex, Algorithm::HmacSha256) => "is not 64 hexadecimal digits after the prefix",
        (Encoding::Base64, Algorithm::HmacSha256) => "is not a base64 SHA-256 MAC after the prefix",
        (Encoding::Hex, _) => "is not a hexadecimal MAC of the right length",
        (Encoding::Base64, _) => "is not a base64 MAC of the right length",
    }
}

/// The signatures in `{header}1` … `{header}{max}` ([`Extract::Numbered`]): every present one,
/// each its own header; none present is `missing_header` for the first.
fn numbered_signatures<H: HeaderSource + ?Sized>(
    spec: &SignatureSpec,
    max: u8,
    headers: &H,
) -> Result<Vec<Tag>, Error> {
    use std::fmt::Write;
    let mut out = Vec::new();
    let mut name = String::with_capacity(spec.header.len().saturating_add(3));
    for n in 1..=max {
        name.clear();
        name.push_str(spec.header);
        let _ = write!(name, "{n}");
        let value = match headers.lookup(&name) {
            Lookup::Absent => continue,
            Lookup::Repeated => return Err(malformed(&name, "appears more than once")),
            Lookup::One(v) => field_value(&name, v)?,
        };
        let encoded = value
            .strip_prefix(spec.prefix.as_bytes())
            .ok_or_else(|| malformed(&name, "does not start with the expected prefix"))?;
        out.push(decode_signature(spec, encoded).map_err(|_| malformed(&name, undecodable(spec)))?);
    }
    if out.is_empty() {
        return Err(Error::new(
            ErrorCode::MissingHeader,
            format!("the {} header is missing", spec.numbered_header(1)),
        ));
    }
    Ok(out)
}

/// The signatures in a header, for a scheme without a timestamp pair.
fn parse_signatures_only(spec: &SignatureSpec, raw: &[u8]) -> Result<Vec<Tag>, Error> {
    parse_signature_header(spec, None, raw).map(|(s, _)| s)
}

/// The signatures in a header and, where the timestamp is one of its pairs (Stripe's `t`),
/// the timestamp as sent (empty when the timestamp has its own header).
fn parse_signatures<'r>(
    spec: &SignatureSpec,
    ts: &crate::scheme::TimestampSpec,
    raw: &'r [u8],
) -> Result<(Vec<Tag>, &'r [u8]), Error> {
    let key = match ts.source {
        TimestampSource::Pair(k) => Some(k),
        TimestampSource::Header(_) | TimestampSource::BodyField(_) => None,
    };
    parse_signature_header(spec, key, raw).map(|(s, t)| (s, t.unwrap_or_default()))
}

/// One for inSigner; up to 16 space-separated ones for Standard Webhooks (senders rotating
/// keys), where entries with another version prefix are skipped; up to 16 `v1=` pairs for
/// Stripe, other keys ignored. `ts_key`: the pair holding the timestamp, which must be there.
fn parse_signature_header<'r>(
    spec: &SignatureSpec,
    ts_key: Option<&str>,
    raw: &'r [u8],
) -> Result<(Vec<Tag>, Option<&'r [u8]>), Error> {
    const MAX_SIGNATURES: usize = 16;
    let decode = |encoded: &[u8]| decode_signature(spec, encoded);
    let mut out = Vec::with_capacity(1);
    if let Extract::Pairs {
        separator, keys, ..
    } = spec.extract
    {
        let mut ts = None;
        for pair in raw.split(|c| *c == separator).map(trim_ows) {
            let Some(eq) = pair.iter().position(|c| *c == b'=') else {
                continue;
            };
            let (k, v) = (pair.get(..eq).unwrap_or_default(), pair.get(eq + 1..));
            let v = v.unwrap_or_default();
            if keys.iter().any(|key| k == key.as_bytes()) {
                if out.len() < MAX_SIGNATURES {
                    let encoded = v.strip_prefix(spec.prefix.as_bytes()).unwrap_or(v);
                    out.push(decode(encoded)?);
                }
            } else if ts_key.is_some_and(|t| k == t.as_bytes()) {
                if ts.is_some() {
                    return Err(malformed(spec.header, "has more than one timestamp entry"));
                }
                ts = Some(v);
            }
        }
        if let Some(t) = ts_key
            && ts.is_none()
        {
            return Err(malformed(
                spec.header,
                &format!("has no {t}= timestamp entry"),
            ));
        }
        if out.is_empty() {
            let wanted: Vec<String> = keys.iter().map(|k| format!("{k}=")).collect();
            return Err(malformed(
                spec.header,
                &format!("has no {} signature entry", wanted.join(" or ")),
            ));
        }
        return Ok((out, ts));
    }
    let mut other_versions = false;
    let sep = match spec.extract {
        Extract::List { separator } => Some(separator),
        _ => None,
    };
    let parts = raw
        .split(|c| Some(*c) == sep)
        .filter(|p| !p.is_empty())
        .take(MAX_SIGNATURES);
    for part in parts {
        let Some(encoded) = part.strip_prefix(spec.prefix.as_bytes()) else {
            other_versions = true;
            continue;
        };
        out.push(decode(encoded)?);
    }
    if out.is_empty() {
        return Err(malformed(
            spec.header,
            if other_versions {
                match sep {
                    None => "does not start with the expected prefix",
                    Some(_) => "has no signature with the expected version prefix",
                }
            } else {
                "is empty"
            },
        ));
    }
    Ok((out, None))
}

/// Unix seconds: ASCII digits only (no sign, no fraction, no exponent), at most 19 digits.
fn parse_timestamp(raw: &[u8]) -> Result<i64, Error> {
    let bad = || {
        Error::new(
            ErrorCode::MalformedHeader,
            "the timestamp header is not an integer number of unix seconds",
        )
    };
    if raw.is_empty() || raw.len() > 19 || !raw.iter().all(u8::is_ascii_digit) {
        return Err(bad());
    }
    std::str::from_utf8(raw)
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .ok_or_else(bad)
}

/// How a configuration message names an unknown key. Keys come from configuration that may
/// hold secrets (a secret pasted as a key: `{"whsec_…": 1}`), and these messages are logged, so
/// a key is quoted only when it is a likely typo of a known field, which reveals next to
/// nothing that is not already public: made of ASCII letters, digits, `_` and `-` only, and
/// either case-insensitively a prefix of a known field (`tolerance`), or at most two edits
/// from one, ignoring case (`toleranceSecond`, `dedupeTTLSeconds`). Then:
/// "unknown field `dedupeTTLSeconds` (did you mean `dedupeTtlSeconds`?)". Anything else is
/// only located: "an unknown field (key 3 of 5, not quoted: it may be a secret)". `position`
/// is 1-based, `count` the number of keys in the object.
pub(crate) fn describe_unknown_key(
    key: &str,
    position: usize,
    count: usize,
    known: &[&str],
) -> String {
    match likely_typo_of(key, known) {
        Some(field) => format!("unknown field `{key}` (did you mean `{field}`?)"),
        None => {
            format!("an unknown field (key {position} of {count}, not quoted: it may be a secret)")
        }
    }
}

/// The known field `key` is most likely a typo of (see [`describe_unknown_key`]).
fn likely_typo_of<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    const MAX_EDITS: usize = 2;
    let plain = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if key.is_empty() || !key.chars().all(plain) {
        return None;
    }
    let lower = key.to_ascii_lowercase();
    let mut best: Option<(usize, &'k str)> = None;
    for &field in known {
        let field_lower = field.to_ascii_lowercase();
        let d = if field_lower.starts_with(&lower) {
            0
        } else {
            edit_distance(lower.as_bytes(), field_lower.as_bytes(), MAX_EDITS)
        };
        if d <= MAX_EDITS && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, field));
        }
    }
    best.map(|(_, field)| field)
}

/// Levenshtein distance between two byte strings, or `limit + 1` when it is over `limit`
/// (without computing it: strings whose lengths differ by more are rejected at once).
fn edit_distance(a: &[u8], b: &[u8], limit: usize) -> usize {
    if a.len().abs_diff(b.len()) > limit {
        return limit.saturating_add(1);
    }
    // One row of the dynamic-programming table at a time.
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut row: Vec<usize> = Vec::with_capacity(b.len().saturating_add(1));
    for (i, &ca) in a.iter().enumerate() {
        row.clear();
        row.push(i.saturating_add(1));
        for (j, &cb) in b.iter().enumerate() {
            let left = row.last().copied().unwrap_or(usize::MAX);
            let up = prev.get(j.saturating_add(1)).copied().unwrap_or(usize::MAX);
            let diag = prev.get(j).copied().unwrap_or(usize::MAX);
            let cost = usize::from(ca != cb);
            row.push(
                left.saturating_add(1)
                    .min(up.saturating_add(1))
                    .min(diag.saturating_add(cost)),
            );
        }
        std::mem::swap(&mut prev, &mut row);
    }
    prev.last()
        .copied()
        .unwrap_or(usize::MAX)
        .min(limit.saturating_add(1))
}

/// `|now - ts| <= tolerance` (past-only: `now - ts <= tolerance`), in checked arithmetic
/// (i128 cannot overflow for i64 inputs).
fn check_freshness(ts: i64, now: i64, tolerance: u64, window: Window) -> Result<(), Error> {
    let age = i128::from(now).saturating_sub(i128::from(ts));
    let tol = i128::from(tolerance);
    if age > tol {
        return Err(Error::new(
            ErrorCode::TimestampTooOld,
            format!("the timestamp is {age} s old; the tolerance is {tolerance} s"),
        ));
    }
    if window == Window::Symmetric && age < tol.saturating_neg() {
        return Err(Error::new(
            ErrorCode::TimestampInFuture,
            format!(
                "the timestamp is {} s in the future; the tolerance is {tolerance} s",
                age.saturating_neg()
            ),
        ));
    }
    Ok(())
}

fn describe_age(ts: i64, now: i64) -> String {
    let age = i128::from(now).saturating_sub(i128::from(ts));
    if age >= 0 {
        format!("{age} s old,")
    } else {
        format!("{} s in the future,", age.saturating_neg())
    }
}

pub(crate) fn derive_key(kd: KeyDerivation, secret: &str) -> Option<Vec<u8>> {
    match kd {
        KeyDerivation::Utf8 => Some(secret.as_bytes().to_vec()),
        KeyDerivation::WhsecBase64 => {
            // Missing `=` padding is tolerated, as the Standard Webhooks libraries pad before
            // decoding (libraries/python/standardwebhooks/webhooks.py).
            let b64 = secret.strip_prefix("whsec_").unwrap_or(secret);
            let mut padded = b64.as_bytes().to_vec();
            while !padded.len().is_multiple_of(4) {
                padded.push(b'=');
            }
            base64_decode(&padded).filter(|k| !k.is_empty())
        }
        // Public keys are read by `asymmetric::parse_public_key`, never as a MAC key.
        KeyDerivation::Ed25519Hex | KeyDerivation::WhpkBase64 | KeyDerivation::SpkiBase64 => None,
    }
}

pub(crate) fn encode(encoding: Encoding, bytes: &[u8]) -> String {
    match encoding {
        Encoding::Hex => hex_encode(bytes),
        Encoding::Base64 => crate::codec::base64_encode(bytes),
    }
}

fn is_token_header_name(h: &str) -> bool {
    !h.is_empty()
        && h.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Options that build a verifier for `p`: a `whsec_` secret, or for the providers that
    /// sign with a private key a public key of theirs.
    fn test_options(p: Provider) -> Options {
        match p {
            Provider::Discord => Options::with_public_key(
                p,
                "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8",
            ),
            Provider::Sendgrid => Options::with_public_key(
                p,
                "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==",
            ),
            _ => Options::new(p, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
        }
    }

    thread_local! {
        static HOST_CALLS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// A host digest computed apart from [`MacKey`]: the parts joined first, then a fresh hash
    /// of the whole, counted.
    fn joined_host_digest(
        algorithm: Algorithm,
        inner_pad: &[u8],
        prefix: &[u8],
        body: &[u8],
        suffix: &[u8],
        out: &mut [u8; 64],
    ) -> usize {
        HOST_CALLS.with(|c| c.set(c.get() + 1));
        let whole = [inner_pad, prefix, body, suffix].concat();
        let digest: Vec<u8> = match algorithm {
            Algorithm::HmacSha256 => Sha256::digest(&whole).to_vec(),
            Algorithm::HmacSha1 => sha1::Sha1::digest(&whole).to_vec(),
            Algorithm::HmacSha512 => sha2::Sha512::digest(&whole).to_vec(),
            _ => return 0,
        };
        out[..digest.len()].copy_from_slice(&digest);
        digest.len()
    }

    #[test]
    fn a_host_digest_finishes_into_the_hmac_for_every_key_length() {
        // Keys shorter than, as long as and longer than each hash's block (hashed first).
        let body: Vec<u8> = (0..3000u32).map(|i| (i * 31 % 251) as u8).collect();
        for algorithm in [
            Algorithm::HmacSha256,
            Algorithm::HmacSha1,
            Algorithm::HmacSha512,
        ] {
            for len in [0, 1, 20, 63, 64, 65, 127, 128, 129, 200, 1000] {
                let key: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
                let k = MacKey::new(algorithm, &key).unwrap();
                let wasm = k.tag_bytes(&body);
                set_host_digest(Some((joined_host_digest, 1024)));
                HOST_CALLS.with(|c| c.set(0));
                let host = k.tag_bytes(&body);
                let calls = HOST_CALLS.with(std::cell::Cell::get);
                set_host_digest(None);
                assert_eq!(calls, 1, "{algorithm:?} key {len}");
                assert_eq!(host.as_slice(), wasm.as_slice(), "{algorithm:?} key {len}");
                assert_eq!(wasm.as_slice().len(), algorithm.output_len());
            }
        }
    }

    /// A host that answers a wrong digest of the right length.
    fn wrong_host_digest(
        a: Algorithm,
        _: &[u8],
        _: &[u8],
        _: &[u8],
        _: &[u8],
        out: &mut [u8; 64],
    ) -> usize {
        out.fill(0x5a);
        a.output_len()
    }

    /// A host that declines (a failed JavaScript call): the wasm code computes the whole MAC.
    fn declining_host_digest(
        _: Algorithm,
        _: &[u8],
        _: &[u8],
        _: &[u8],
        _: &[u8],
        _: &mut [u8; 64],
    ) -> usize {
        HOST_CALLS.with(|c| c.set(c.get() + 1));
        0
    }

    #[test]
    fn a_host_digest_gives_every_hmac_provider_the_same_outcome() {
        let now = 1_767_000_000;
        let mut hosted = 0;
        for p in Provider::ALL {
            // The URL-signing providers need a URL; the public-key ones sign with no secret.
            let sample_with = |url| {
                crate::sign(
                    p,
                    &crate::SignRequest {
                        secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        timestamp: now,
                        url,
                        ..Default::default()
                    },
                )
            };
            let (url, sample) = match sample_with(None) {
                Ok(s) => (None, s),
                Err(_) => match sample_with(Some("https://example.com/hooks?a=1")) {
                    Ok(s) => (Some("https://example.com/hooks?a=1"), s),
                    Err(_) => continue,
                },
            };
            // The sample padded past the host's threshold (JSON bodies; others as they are).
            let mut body = sample.body.clone();
            if body.first() == Some(&b'{') {
                let pad = format!("{{\"pad\":\"{}\",", "x".repeat(5000));
                body.splice(0..1, pad.into_bytes());
            }
            let signed = crate::sign(
                p,
                &crate::SignRequest {
                    secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                    body: Some(&body),
                    timestamp: now,
                    url,
                    ..Default::default()
                },
            )
            .unwrap();
            let v = Verifier::new(&test_options(p)).unwrap();
            let request = RequestInfo {
                url: signed.url.as_deref(),
                method: None,
            };
            let mut tampered = signed.body.clone();
            if let Some(b) = tampered.last_mut() {
                *b ^= 1;
            }
            let outcome = |body: &[u8]| {
                v.verify_request(&signed.headers, body, now, &request)
                    .map(|r| (r.key_index, r.id, r.event))
                    .map_err(|e| e.code())
            };
            let wasm = (outcome(&signed.body), outcome(&tampered));
            set_host_digest(Some((joined_host_digest, 1024)));
            HOST_CALLS.with(|c| c.set(0));
            let host = (outcome(&signed.body), outcome(&tampered));
            let calls = HOST_CALLS.with(std::cell::Cell::get);
            set_host_digest(Some((wrong_host_digest, 1024)));
            let wrong = outcome(&signed.body);
            set_host_digest(Some((declining_host_digest, 1024)));
            let declined = outcome(&signed.body);
            set_host_digest(None);
            assert_eq!(host, wasm, "{p:?}");
            assert_eq!(declined, wasm.0, "{p:?}");
            if calls > 0 {
                hosted += 1;
                assert!(wasm.0.is_ok(), "{p:?}: {:?}", wasm.0);
                // The host's answer is what is compared: a wrong one is refused.
                assert_eq!(wrong, Err(ErrorCode::SignatureMismatch), "{p:?}");
            }
        }
        assert!(
            hosted >= 25,
            "the host computed the MAC for only {hosted} providers"
        );
    }

    #[test]
    fn explain_describes_a_slack_form_body() {
        let body = b"token=x&command=%2Fweather&trigger_id=1.2";
        let signed = crate::sign(
            Provider::Slack,
            &crate::SignRequest {
                secret: "s",
                body: Some(body),
                timestamp: 1000,
                ..Default::default()
            },
        )
        .unwrap();
        let v = Verifier::new(&Options::new(Provider::Slack, "s")).unwrap();
        let report = v.explain(&signed.headers, body, 1000, false);
        assert_eq!(report.code, None);
        let step = |c| report.steps.iter().find(|s| s.check == c).unwrap();
        assert!(step("envelope").detail.starts_with("a form-encoded body"));
        assert_eq!(step("event").detail, "a form body names no event");
        // A broken form: the MAC passes, the envelope step fails with invalid_payload.
        let bad = b"a=%zz";
        let signed = crate::sign(
            Provider::Slack,
            &crate::SignRequest {
                secret: "s",
                body: Some(bad),
                timestamp: 1000,
                ..Default::default()
            },
        )
        .unwrap();
        let report = v.explain(&signed.headers, bad, 1000, false);
        assert_eq!(step_status(&report, "signature"), "pass");
        assert_eq!(report.code, Some("invalid_payload"));
    }

    fn step_status(report: &Report, check: &str) -> &'static str {
        report
            .steps
            .iter()
            .find(|s| s.check == check)
            .map_or("missing", |s| s.status)
    }

    #[test]
    fn every_provider_reads_at_most_the_npm_slots_and_names_its_values_in_the_first_seven() {
        // The npm binding hands headers over in at most MAX_HEADER_SLOTS slots (src/js.rs);
        // its result names the slot holding the event, id and timestamp in 3 bits, so those
        // headers come within the first seven (DocuSign's numbered ones are signatures only).
        for p in Provider::ALL {
            let v = Verifier::new(&test_options(p)).unwrap();
            let names = v.header_names();
            assert!(names.len() <= MAX_HEADER_SLOTS, "{}", p.id());
            let s = p.scheme();
            for h in [
                s.id_header(),
                s.event_header(),
                s.timestamp.as_ref().and_then(|t| t.header()),
            ]
            .into_iter()
            .flatten()
            {
                let at = names.iter().position(|n| n == h);
                assert!(at.is_some_and(|i| i < 7), "{} {h}", p.id());
            }
        }
        let docusign = Verifier::new(&Options::new(Provider::Docusign, "k")).unwrap();
        let names = docusign.header_names();
        assert_eq!(names.len(), 24);
        assert_eq!(
            names.first().map(String::as_str),
            Some("x-docusign-signature-1")
        );
        assert_eq!(
            names.last().map(String::as_str),
            Some("x-docusign-signature-24")
        );
    }

    #[test]
    fn freshness_bounds_are_inclusive_and_overflow_free() {
        assert!(check_freshness(1000, 1300, 300, Window::Symmetric).is_ok());
        assert_eq!(
            check_freshness(1000, 1301, 300, Window::Symmetric).map_err(|e| e.code()),
            Err(ErrorCode::TimestampTooOld)
        );
        assert!(check_freshness(1300, 1000, 300, Window::Symmetric).is_ok());
        assert_eq!(
            check_freshness(1301, 1000, 300, Window::Symmetric).map_err(|e| e.code()),
            Err(ErrorCode::TimestampInFuture)
        );
        assert_eq!(
            check_freshness(i64::MIN, i64::MAX, MAX_TOLERANCE_SECONDS, Window::Symmetric)
                .map_err(|e| e.code()),
            Err(ErrorCode::TimestampTooOld)
        );
        // |i64::MAX - i64::MIN| = 2^64 - 1 = u64::MAX: exactly at the bound, and no overflow.
        assert!(check_freshness(i64::MIN, i64::MAX, u64::MAX, Window::Symmetric).is_ok());
        assert_eq!(
            check_freshness(i64::MAX, i64::MIN, 0, Window::Symmetric).map_err(|e| e.code()),
            Err(ErrorCode::TimestampInFuture)
        );
    }

    #[test]
    fn timestamps_are_plain_digits() {
        assert_eq!(parse_timestamp(b"1780065000").ok(), Some(1_780_065_000));
        for bad in [
            &b""[..],
            b"-1",
            b"+1",
            b"1.5",
            b"1e9",
            b"9999999999999999999",
            b"12345678901234567890",
            b"0x10",
            b"\xff",
        ] {
            assert_eq!(
                parse_timestamp(bad).map_err(|e| e.code()),
                Err(ErrorCode::MalformedHeader),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn debug_output_redacts_secrets() {
        let o = Options::new(Provider::Insigner, "topsecretvalue");
        assert!(!format!("{o:?}").contains("topsecretvalue"));
        let v = Verifier::new(&o)
            .map(|v| format!("{v:?}"))
            .unwrap_or_default();
        assert!(v.contains("REDACTED") && !v.contains("topsecretvalue"));
    }

    #[test]
    fn options_json_rejects_typos_and_hides_values() {
        let e = Options::from_json(r#"{"provider":"insigner","secret":"s","toleranceSecond":5}"#)
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidConfig);
        assert!(
            e.message().starts_with(
                "options: unknown field `toleranceSecond` (did you mean `toleranceSeconds`?); \
                 expected one of provider, secret,"
            ),
            "{}",
            e.message()
        );
        let e = Options::from_json(r#"{"provider":"insigner","secret":12345678}"#).unwrap_err();
        assert!(!e.message().contains("12345678"), "{}", e.message());
        let e = Options::from_json(r#"{"provider":"nope","secret":"s"}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidConfig);
        // Lone surrogates: an unknown key (located, not quoted), or a value no option can hold.
        let e =
            Options::from_json(r#"{"provider":"insigner","secret":"s","\ud800x":1}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidConfig);
        assert!(
            e.message()
                .starts_with("options: an unknown field (key 3 of 3, not quoted"),
            "{}",
            e.message()
        );
        let e =
            Options::from_json(r#"{"provider":"insigner","secret":"sec\udc00ret"}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidConfig);
        assert!(
            e.message().contains("lone UTF-16 surrogate"),
            "{}",
            e.message()
        );
        assert!(!e.message().contains("sec"), "{}", e.message());
    }

    #[test]
    fn unknown_option_keys_are_quoted_only_when_a_likely_typo() {
        let msg = |key: &str| {
            let json = format!(
                r#"{{"provider":"insigner","secret":"s",{}:1}}"#,
                crate::json::quote(key)
            );
            let e = Options::from_json(&json).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidConfig);
            e.message().to_owned()
        };
        // A secret pasted as a key is located, never quoted (not even in part).
        let secret = "whsec_TOPSECRETdGhpcyBpcyBhIHNlY3JldA==";
        let m = msg(secret);
        assert_eq!(
            m,
            "options: an unknown field (key 3 of 3, not quoted: it may be a secret); expected one \
             of provider, secret, toleranceSeconds, header, events, maxBodyBytes, \
             dedupeByBodyHash, maxEventAgeSeconds, scheme, verifyToken, publicKey"
        );
        assert!(!m.contains("whsec") && !m.contains("TOPSECRET"), "{m}");
        for key in [
            "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07",
            "tok_4b1d9f0e6a2c8e7d5f3a1b9c",
            "secretKey",
            "secret\n",
            "toleranceSecond\u{1b}[2J",
            "",
        ] {
            let m = msg(key);
            assert!(
                m.starts_with("options: an unknown field (key 3 of 3"),
                "{m}"
            );
        }
        // Typos: quoted, with the field they are most likely a typo of.
        for (key, field) in [
            ("toleranceSecond", "toleranceSeconds"),
            ("dedupeByBodyhash", "dedupeByBodyHash"),
            ("MAXEVENTAGESECONDS", "maxEventAgeSeconds"),
            ("maxEventAgeSecond", "maxEventAgeSeconds"),
            ("tolerance", "toleranceSeconds"),
            ("secrets", "secret"),
            ("event", "events"),
            ("max_body_bytes", "maxBodyBytes"),
        ] {
            let m = msg(key);
            let want = format!("options: unknown field `{key}` (did you mean `{field}`?); ");
            assert!(m.starts_with(&want), "{key}: {m}");
        }
        // The helper the worker uses for its route fields.
        assert_eq!(
            describe_unknown_key("dedupeTTLSeconds", 2, 4, &["path", "dedupeTtlSeconds"]),
            "unknown field `dedupeTTLSeconds` (did you mean `dedupeTtlSeconds`?)"
        );
        assert_eq!(
            describe_unknown_key("whsec_abc", 2, 4, &["path", "dedupeTtlSeconds"]),
            "an unknown field (key 2 of 4, not quoted: it may be a secret)"
        );
        assert_eq!(edit_distance(b"kitten", b"sitting", 5), 3);
        assert_eq!(edit_distance(b"kitten", b"sitting", 2), 3);
        assert_eq!(edit_distance(b"", b"abc", 3), 3);
        assert_eq!(edit_distance(b"abc", b"abc", 0), 0);
    }

    #[test]
    fn max_event_age_is_checked_at_construction_and_exposed() {
        let with = |provider, tolerance, max| {
            let mut o = Options::new(provider, "67078a3e05dfaa39cb16dc9c8a46d4fe");
            if provider == Provider::StandardWebhooks {
                o.secrets = vec!["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into()];
            }
            o.tolerance_seconds = tolerance;
            o.max_event_age_seconds = max;
            Verifier::new(&o)
        };
        let v = with(Provider::Insigner, None, Some(345_600)).unwrap();
        assert_eq!(v.max_event_age_seconds(), Some(345_600));
        assert!(v.bounds_event_age());
        let v = with(Provider::Insigner, None, None).unwrap();
        assert_eq!(v.max_event_age_seconds(), None);
        assert!(v.bounds_event_age());
        for (provider, tolerance, max, says) in [
            (
                Provider::Inspakt,
                None,
                Some(259_200),
                "Inspakt deliveries carry none",
            ),
            (
                Provider::StandardWebhooks,
                None,
                Some(259_200),
                "carry none",
            ),
            (
                Provider::Insigner,
                None,
                Some(300_959),
                "maxEventAgeSeconds 300959 is below 300960 s, the longer of inSigner's retry \
                 window (214560 s) plus a margin of 86400 s and toleranceSeconds (300 s)",
            ),
            // The nominal retry window itself is no longer enough (no margin).
            (Provider::Insigner, None, Some(214_560), "is below 300960 s"),
            (
                Provider::Insigner,
                Some(2_592_000),
                Some(2_591_999),
                "is below 2592000 s, the longer of inSigner's retry window (214560 s) plus a \
                 margin of 86400 s and toleranceSeconds (2592000 s)",
            ),
            (
                Provider::Insigner,
                None,
                Some(MAX_EVENT_AGE_SECONDS + 1),
                "maximum",
            ),
        ] {
            let e = with(provider, tolerance, max).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidConfig);
            assert!(
                e.message().contains("maxEventAgeSeconds"),
                "{}",
                e.message()
            );
            assert!(e.message().contains(says), "{}", e.message());
        }
        assert!(with(Provider::Insigner, None, Some(MAX_EVENT_AGE_SECONDS)).is_ok());
        assert!(with(Provider::Insigner, None, Some(300_960)).is_ok());
        assert!(with(Provider::Insigner, Some(2_592_000), Some(2_592_000)).is_ok());
        let o = Options::from_json(
            r#"{"provider":"insigner","secret":"s","maxEventAgeSeconds":300000}"#,
        )
        .unwrap();
        assert_eq!(o.max_event_age_seconds, Some(300_000));
    }
}

/// The descriptor features the catalogue's later providers need, each with its error codes.
#[cfg(test)]
mod feature_tests {
    use super::*;

    /// Standard Webhooks v1a: at most MAX_PUBLIC_CANDIDATES tokens are checked per public key
    /// (an unauthenticated sender cannot buy more body hashes than that), and a MAC match
    /// needs no public-key check at all.
    #[cfg(feature = "asymmetric")]
    #[test]
    fn v1a_tokens_past_the_cap_are_not_checked() {
        let private = "whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=";
        let public = "whpk_ZlN4eg7dSSqi0moX9hQUk3orrOouK3QVQSlJa248c/g=";
        let body = br#"{"type":"t"}"#;
        let signed = crate::sign(
            Provider::StandardWebhooks,
            &crate::SignRequest {
                secret: private,
                body: Some(body),
                timestamp: 1_700_000_000,
                id: Some("msg_1"),
                ..Default::default()
            },
        )
        .unwrap();
        let genuine = signed
            .headers
            .iter()
            .find(|(k, _)| k == "webhook-signature")
            .map(|(_, v)| v.clone())
            .unwrap();
        // A well-formed but wrong v1a token (a real signature over other bytes).
        let other = crate::sign(
            Provider::StandardWebhooks,
            &crate::SignRequest {
                secret: private,
                body: Some(b"{}"),
                timestamp: 1_700_000_000,
                id: Some("msg_2"),
                ..Default::default()
            },
        )
        .unwrap();
        let decoy = other
            .headers
            .iter()
            .find(|(k, _)| k == "webhook-signature")
            .map(|(_, v)| v.clone())
            .unwrap();
        let v = Verifier::new(&Options::with_public_key(
            Provider::StandardWebhooks,
            public,
        ))
        .unwrap();
        let with = |n_decoys: usize| {
            let mut tokens = vec![decoy.clone(); n_decoys];
            tokens.push(genuine.clone());
            let mut h = signed.headers.clone();
            for (k, val) in &mut h {
                if k == "webhook-signature" {
                    *val = tokens.join(" ");
                }
            }
            v.verify(&h, body, 1_700_000_000)
        };
        assert!(
            with(MAX_PUBLIC_CANDIDATES - 1).is_ok(),
            "the last token within the cap counts"
        );
        assert_eq!(
            with(MAX_PUBLIC_CANDIDATES).unwrap_err().code(),
            ErrorCode::SignatureMismatch,
            "a token past the cap is not checked"
        );
    }
    use crate::codec::base64_encode;
    use crate::scheme::{Auth, Scheme};
    use crate::sign::{SignRequest, sign};

    const NOW: i64 = 1_780_065_000;

    fn code<T: fmt::Debug>(r: Result<T, Error>) -> Option<ErrorCode> {
        r.err().map(|e| e.code())
    }

    fn hmac_hex(key: &str, msg: &[u8]) -> String {
        let mut m = HmacSha256::new_from_slice(key.as_bytes()).unwrap();
        m.update(msg);
        hex_encode(&m.finalize().into_bytes())
    }

    fn hmac_b64(key: &str, msg: &[u8]) -> String {
        let mut m = HmacSha256::new_from_slice(key.as_bytes()).unwrap();
        m.update(msg);
        base64_encode(&m.finalize().into_bytes())
    }

    fn verifier(p: Provider, secrets: &[&str]) -> Verifier {
        let mut o = Options::new(p, secrets[0]);
        o.secrets = secrets.iter().map(|s| (*s).to_owned()).collect();
        Verifier::new(&o).unwrap()
    }

    #[test]
    fn pairs_accept_any_of_several_signature_keys() {
        // BoldSign: s0 signed with the new secret, s1 with the old one kept while rolling.
        let body = br#"{"event":{"id":"e1","eventType":"Sent"},"data":{}}"#;
        let content = [format!("{NOW}.").as_bytes(), body].concat();
        let (new, old) = ("whsec_new_boldsign", "whsec_old_boldsign");
        let v = verifier(Provider::Boldsign, &[old]);
        let header = format!(
            "t={NOW}, s0={}, s1={}",
            hmac_hex(new, &content),
            hmac_hex(old, &content)
        );
        let h = [("x-boldsign-signature", header.as_str())];
        let r = v.verify(&h, body, NOW).unwrap();
        assert_eq!((r.key_index, r.timestamp), (0, Some(NOW)));
        // Neither key: malformed, and the message names both.
        let only_v1 = format!("t={NOW}, v1={}", hmac_hex(old, &content));
        let e = v
            .verify(&[("x-boldsign-signature", only_v1.as_str())], body, NOW)
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::MalformedHeader);
        assert!(e.message().contains("s0= or s1="), "{}", e.message());
        // Stripe still reads only v1.
        let stripe = verifier(Provider::Stripe, &["whsec_x"]);
        let sig = hmac_hex("whsec_x", &content);
        let as_s0 = format!("t={NOW},s0={sig}");
        assert_eq!(
            code(stripe.verify(&[("stripe-signature", as_s0.as_str())], body, NOW)),
            Some(ErrorCode::MalformedHeader)
        );
    }

    #[test]
    fn numbered_headers_are_each_compared_with_every_key() {
        let body = br#"{"event":"envelope-sent","data":{"envelopeId":"e"}}"#;
        let (a, b) = (
            "LcYvS0mrqkmw1dh/a2ArRlcdA2UYeFZzh5U3ajSV3qQ=",
            "second+key/AAAA=",
        );
        let v = verifier(Provider::Docusign, &[a, b]);
        // The key as UTF-8 text, never base64-decoded.
        let sig_b = hmac_b64(b, body);
        let wrong = hmac_b64("another", body);
        let h = [
            ("X-DocuSign-Signature-1", wrong.as_str()),
            ("X-DocuSign-Signature-2", sig_b.as_str()),
        ];
        let r = v.verify(&h, body, NOW).unwrap();
        assert_eq!(
            (r.key_index, r.event.as_deref()),
            (1, Some("envelope-sent"))
        );
        assert_eq!((r.id, r.timestamp, r.dedupe_key), (None, None, None));
        // A gap in the numbering, and the last number read.
        for name in ["x-docusign-signature-3", "x-docusign-signature-24"] {
            let r = v.verify(&[(name, sig_b.as_str())], body, NOW).unwrap();
            assert_eq!(r.key_index, 1, "{name}");
        }
        // Past the last number: not read.
        let e = v
            .verify(&[("x-docusign-signature-25", sig_b.as_str())], body, NOW)
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::MissingHeader);
        assert_eq!(e.message(), "the x-docusign-signature-1 header is missing");
        // None matches.
        assert_eq!(
            code(v.verify(&[("x-docusign-signature-1", wrong.as_str())], body, NOW)),
            Some(ErrorCode::SignatureMismatch)
        );
        // A malformed one is named, even when another would match.
        let e = v
            .verify(
                &[
                    ("x-docusign-signature-1", sig_b.as_str()),
                    ("x-docusign-signature-2", "not base64!"),
                ],
                body,
                NOW,
            )
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::MalformedHeader);
        assert!(
            e.message().contains("x-docusign-signature-2"),
            "{}",
            e.message()
        );
        // Hex is not DocuSign's encoding; a repeated header is ambiguous.
        let hex = hmac_hex(b, body);
        assert_eq!(
            code(v.verify(&[("x-docusign-signature-1", hex.as_str())], body, NOW)),
            Some(ErrorCode::MalformedHeader)
        );
        assert_eq!(
            code(v.verify(
                &[
                    ("x-docusign-signature-1", sig_b.as_str()),
                    ("X-DocuSign-Signature-1", sig_b.as_str())
                ],
                body,
                NOW
            )),
            Some(ErrorCode::MalformedHeader)
        );
        // The base64-decoded key (the look-alike) does not verify.
        let decoded_key = crate::codec::base64_decode(a.as_bytes()).unwrap();
        let mut m = HmacSha256::new_from_slice(&decoded_key).unwrap();
        m.update(body);
        let look_alike = base64_encode(&m.finalize().into_bytes());
        assert_eq!(
            code(v.verify(
                &[("x-docusign-signature-1", look_alike.as_str())],
                body,
                NOW
            )),
            Some(ErrorCode::SignatureMismatch)
        );
        // explain shows every numbered header received.
        let report = v.explain(&h, body, NOW, false);
        let sig = report
            .steps
            .iter()
            .find(|s| s.check == "signature")
            .unwrap();
        assert_eq!(sig.status, "pass");
        assert_eq!(sig.received, Some(format!("{wrong}, {sig_b}")));
    }

    #[test]
    fn rfc3339_timestamp_headers_are_signed_as_sent_and_judged_in_seconds() {
        let (secret, id) = ("s3cret-twitch", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W");
        let body = br#"{"subscription":{"type":"channel.follow"},"event":{}}"#;
        let v = verifier(Provider::Twitch, &[secret]);
        let headers = |ts: &str| {
            let content = [id.as_bytes(), ts.as_bytes(), body].concat();
            vec![
                ("twitch-eventsub-message-id".to_owned(), id.to_owned()),
                (
                    "twitch-eventsub-message-timestamp".to_owned(),
                    ts.to_owned(),
                ),
                (
                    "twitch-eventsub-message-signature".to_owned(),
                    format!("sha256={}", hmac_hex(secret, &content)),
                ),
                (
                    "twitch-eventsub-subscription-type".to_owned(),
                    "channel.follow".to_owned(),
                ),
            ]
        };
        let ts = "2026-05-29T14:30:00.634234626Z";
        let r = v.verify(&headers(ts), body, NOW).unwrap();
        assert_eq!(r.timestamp, Some(NOW));
        assert_eq!(r.id.as_deref(), Some(id));
        assert_eq!(r.event.as_deref(), Some("channel.follow"));
        // Past-only, 600 s: the fraction is dropped, so 600.6 s old is 600 s old.
        assert!(v.verify(&headers(ts), body, NOW + 600).is_ok());
        assert_eq!(
            code(v.verify(&headers(ts), body, NOW + 601)),
            Some(ErrorCode::TimestampTooOld)
        );
        assert!(v.verify(&headers(ts), body, NOW - 86_400).is_ok());
        // The same instant written otherwise is other signed bytes, and a malformed one is
        // refused before the MAC.
        let mut h = headers(ts);
        h[1].1 = "2026-05-29T14:30:00.634234626+00:00".into();
        assert_eq!(
            code(v.verify(&h, body, NOW)),
            Some(ErrorCode::SignatureMismatch)
        );
        for bad in [
            "1780065000",
            "2026-05-29 14:30:00Z",
            "2026-02-30T14:30:00Z",
            "",
        ] {
            assert_eq!(
                code(v.verify(&headers(bad), body, NOW)),
                Some(ErrorCode::MalformedHeader),
                "{bad:?}"
            );
        }
        let mut h = headers(ts);
        h.remove(1);
        assert_eq!(
            code(v.verify(&h, body, NOW)),
            Some(ErrorCode::MissingHeader)
        );
    }

    #[test]
    fn a_body_timestamp_is_read_after_the_mac_in_milliseconds() {
        let secret = "lin_wh_secret";
        let v = verifier(Provider::Linear, &[secret]);
        let run = |body: &[u8], now: i64| {
            let sig = hmac_hex(secret, body);
            let h = [
                ("linear-signature", sig.as_str()),
                ("linear-delivery", "234d1a4e-b617-4388-90fe-adc3633d6b72"),
                ("linear-event", "Issue"),
            ];
            v.verify(&h, body, now)
        };
        let body = format!(r#"{{"type":"Issue","webhookTimestamp":{}999}}"#, NOW);
        let r = run(body.as_bytes(), NOW).unwrap();
        assert_eq!(r.timestamp, Some(NOW));
        assert_eq!(r.event.as_deref(), Some("Issue"));
        assert_eq!(
            r.dedupe_key.as_deref(),
            Some("linear:234d1a4e-b617-4388-90fe-adc3633d6b72")
        );
        // 60 s either side, inclusive, in whole seconds.
        assert!(run(body.as_bytes(), NOW + 60).is_ok());
        assert!(run(body.as_bytes(), NOW - 60).is_ok());
        assert_eq!(
            code(run(body.as_bytes(), NOW + 61)),
            Some(ErrorCode::TimestampTooOld)
        );
        assert_eq!(
            code(run(body.as_bytes(), NOW - 61)),
            Some(ErrorCode::TimestampInFuture)
        );
        for bad in [
            r#"{"type":"Issue"}"#.to_owned(),
            format!(r#"{{"webhookTimestamp":"{NOW}000"}}"#),
            format!(r#"{{"webhookTimestamp":{NOW}000.5}}"#),
            r#"{"webhookTimestamp":-1}"#.to_owned(),
            format!(r#"{{"webhookTimestamp":{NOW}000,"webhookTimestamp":{NOW}000}}"#),
            "not json".to_owned(),
        ] {
            assert_eq!(
                code(run(bad.as_bytes(), NOW)),
                Some(ErrorCode::InvalidPayload),
                "{bad}"
            );
        }
        // The MAC comes first: a wrong signature over a body without the field is a mismatch.
        let h = [
            ("linear-signature", "00".repeat(32)),
            ("linear-delivery", "d".to_owned()),
        ];
        assert_eq!(
            code(v.verify(&h, br#"{"type":"Issue"}"#, NOW)),
            Some(ErrorCode::SignatureMismatch)
        );
        // toleranceSeconds applies to it.
        let mut o = Options::new(Provider::Linear, secret);
        o.tolerance_seconds = Some(300);
        let wide = Verifier::new(&o).unwrap();
        let sig = hmac_hex(secret, body.as_bytes());
        let h = [("linear-signature", sig.as_str()), ("linear-delivery", "d")];
        assert!(wide.verify(&h, body.as_bytes(), NOW + 300).is_ok());
        // explain: the timestamp step reads the body.
        let report = v.explain(&h, body.as_bytes(), NOW + 61, false);
        let ts = report
            .steps
            .iter()
            .find(|s| s.check == "timestamp")
            .unwrap();
        assert_eq!(ts.code, Some("timestamp_too_old"));
        assert_eq!(report.code, Some("timestamp_too_old"));
    }

    /// A descriptor with HTTP Basic credentials (no built-in provider uses them yet).
    static BASIC: Scheme = Scheme {
        id: "basic-test",
        display_name: "Basic test",
        source: "RFC 7617",
        auth: Auth::Basic,
        ..Scheme::BASE
    };

    fn basic(secrets: &[&str]) -> Result<Verifier, Error> {
        let mut o = Options::new(Provider::Inspakt, secrets[0]);
        o.secrets = secrets.iter().map(|s| (*s).to_owned()).collect();
        Verifier::with_scheme(&o, &BASIC)
    }

    #[test]
    fn basic_credentials_are_compared_as_digests() {
        let body = br#"{"RecordType":"Delivery"}"#;
        let v = basic(&["old:pass", "postmark:s3cr3t:with:colons"]).unwrap();
        assert_eq!(v.header_names(), vec!["authorization".to_owned()]);
        // The credential's header, which the worker never forwards.
        assert_eq!(v.token_header(), Some("authorization"));
        let auth = |creds: &str| format!("Basic {}", base64_encode(creds.as_bytes()));
        let good = auth("postmark:s3cr3t:with:colons");
        let r = v
            .verify(&[("Authorization", good.as_str())], body, NOW)
            .unwrap();
        assert_eq!((r.key_index, r.timestamp, r.id), (1, None, None));
        // The scheme name is case-insensitive; spaces around the credentials are trimmed.
        let lower = good.replacen("Basic", "bAsIc", 1).replacen(' ', "   ", 1);
        assert!(
            v.verify(&[("authorization", lower.as_str())], body, NOW)
                .is_ok()
        );
        for (value, want) in [
            (auth("postmark:wrong"), ErrorCode::TokenMismatch),
            (auth("postmark:s3cr3t:with:colon"), ErrorCode::TokenMismatch),
            (
                auth("Postmark:s3cr3t:with:colons"),
                ErrorCode::TokenMismatch,
            ),
            (
                format!("Bearer {}", base64_encode(b"postmark:s3cr3t")),
                ErrorCode::MalformedHeader,
            ),
            ("Basic".to_owned(), ErrorCode::MalformedHeader),
            ("Basic not*base64".to_owned(), ErrorCode::MalformedHeader),
            ("Basic cG9zdG1hcms".to_owned(), ErrorCode::MalformedHeader),
            (auth("no-colon-here"), ErrorCode::MalformedHeader),
            (
                "postmark:s3cr3t:with:colons".to_owned(),
                ErrorCode::MalformedHeader,
            ),
        ] {
            let e = v
                .verify(&[("authorization", value.as_str())], body, NOW)
                .unwrap_err();
            assert_eq!(e.code(), want, "{value}");
            assert!(!e.message().contains("s3cr3t"), "{}", e.message());
        }
        assert_eq!(
            code(v.verify(&[("x-other", "1")], body, NOW)),
            Some(ErrorCode::MissingHeader)
        );
        assert_eq!(
            code(v.verify(
                &[
                    ("authorization", good.as_str()),
                    ("Authorization", good.as_str())
                ],
                body,
                NOW
            )),
            Some(ErrorCode::MalformedHeader)
        );
        // The body is still the provider's JSON envelope.
        assert_eq!(
            code(v.verify(&[("authorization", good.as_str())], b"nope", NOW)),
            Some(ErrorCode::InvalidPayload)
        );
        // explain reports it as the token step.
        let report = v.explain(&[("authorization", good.as_str())], body, NOW, false);
        let step = report.steps.iter().find(|s| s.check == "token").unwrap();
        assert_eq!((step.status, step.key_index), ("pass", Some(1)));
        assert_eq!(report.code, None);
    }

    /// More numbered headers than the npm binding has slots for.
    static TOO_MANY_HEADERS: Scheme = Scheme {
        id: "too-many",
        display_name: "Too many",
        source: "test",
        auth: Auth::Signature(SignatureSpec {
            header: "x-sig-",
            extract: Extract::Numbered { max: 25 },
            ..SignatureSpec::BODY_HMAC
        }),
        ..Scheme::BASE
    };

    #[test]
    fn a_descriptor_reading_more_headers_than_the_slots_is_refused() {
        let e = Verifier::with_scheme(&Options::new(Provider::Inspakt, "k"), &TOO_MANY_HEADERS)
            .map(|_| ())
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidConfig);
        assert!(
            e.message().contains("more than 24 headers"),
            "{}",
            e.message()
        );
    }

    #[test]
    fn basic_credentials_need_a_colon_and_take_no_header_option() {
        let e = basic(&["user:pass", "no-colon"]).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidConfig);
        assert!(e.message().contains("secret 1"), "{}", e.message());
        assert!(!e.message().contains("no-colon"), "{}", e.message());
        let mut o = Options::new(Provider::Inspakt, "user:pass");
        o.header = Some("x-auth".into());
        assert_eq!(
            Verifier::with_scheme(&o, &BASIC)
                .map(|_| ())
                .map_err(|e| e.code()),
            Err(ErrorCode::InvalidConfig)
        );
        let mut o = Options::new(Provider::Inspakt, "user:pass");
        o.tolerance_seconds = Some(60);
        assert_eq!(
            Verifier::with_scheme(&o, &BASIC)
                .map(|_| ())
                .map_err(|e| e.code()),
            Err(ErrorCode::InvalidConfig)
        );
    }

    #[test]
    fn the_signer_makes_genuine_deliveries_for_every_new_feature() {
        for p in [
            Provider::Docusign,
            Provider::Boldsign,
            Provider::Twitch,
            Provider::Linear,
        ] {
            let secret = "s3cret-for-every-provider";
            let v = verifier(p, &[secret]);
            for e in p.scheme().events {
                let req = SignRequest {
                    secret,
                    timestamp: NOW,
                    event: Some(e.name),
                    ..Default::default()
                };
                let signed = sign(p, &req).unwrap();
                let r = v.verify(&signed.headers, &signed.body, NOW + 1).unwrap();
                assert_eq!(r.event.as_deref(), Some(e.name), "{}", p.id());
                let has_ts = p.scheme().timestamp.is_some();
                assert_eq!(r.timestamp, has_ts.then_some(NOW), "{}", p.id());
                assert_eq!(r.id.is_some(), p.scheme().id_source.is_some(), "{}", p.id());
                // The sample data is the generated body's.
                let body: serde_json::Value = serde_json::from_slice(&signed.body).unwrap();
                let sample: serde_json::Value = serde_json::from_str(e.sample_data).unwrap();
                let data = match p {
                    Provider::Twitch => &body["event"],
                    _ => &body["data"],
                };
                assert_eq!(data, &sample, "{}", p.id());
            }
            // No event given: the first known one, in its header too.
            let signed = sign(
                p,
                &SignRequest {
                    secret,
                    timestamp: NOW,
                    ..Default::default()
                },
            );
            let signed = signed.unwrap();
            let r = v.verify(&signed.headers, &signed.body, NOW).unwrap();
            assert_eq!(
                r.event.as_deref(),
                p.scheme().events.first().map(|e| e.name)
            );
        }
        let header = |p, name: &str| {
            let s = sign(
                p,
                &SignRequest {
                    secret: "k",
                    timestamp: NOW,
                    ..Default::default()
                },
            )
            .unwrap();
            s.headers
                .into_iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v)
        };
        let bold = header(Provider::Boldsign, "x-boldsign-signature").unwrap();
        assert!(bold.starts_with(&format!("t={NOW}, s0=")), "{bold}");
        assert_eq!(
            header(Provider::Twitch, "twitch-eventsub-message-timestamp").as_deref(),
            Some("2026-05-29T14:30:00.000000000Z")
        );
        assert!(header(Provider::Docusign, "x-docusign-signature-1").is_some());
        assert!(header(Provider::Docusign, "x-docusign-signature-").is_none());
        let linear = sign(
            Provider::Linear,
            &SignRequest {
                secret: "k",
                timestamp: NOW,
                ..Default::default()
            },
        )
        .unwrap();
        let body: serde_json::Value = serde_json::from_slice(&linear.body).unwrap();
        assert_eq!(body["webhookTimestamp"], serde_json::json!(NOW * 1000));
        // A given body is signed as it is, its own webhookTimestamp included.
        let own = format!(r#"{{"type":"Comment","webhookTimestamp":{}000}}"#, NOW - 30);
        let signed = sign(
            Provider::Linear,
            &SignRequest {
                secret: "k",
                body: Some(own.as_bytes()),
                timestamp: NOW,
                event: Some("Comment"),
                ..Default::default()
            },
        )
        .unwrap();
        let r = verifier(Provider::Linear, &["k"])
            .verify(&signed.headers, &signed.body, NOW)
            .unwrap();
        assert_eq!(r.timestamp, Some(NOW - 30));
        // Basic credentials, for a descriptor that uses them.
        let v = basic(&["user:pass"]).unwrap();
        let value = format!("Basic {}", base64_encode(b"user:pass"));
        assert!(
            v.verify(&[("authorization", value.as_str())], b"{}", NOW)
                .is_ok()
        );
    }
}
