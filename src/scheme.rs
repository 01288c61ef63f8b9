//! Scheme descriptors: each provider is data (headers, signed content, encodings, where the
//! timestamp and the id live), not a code path. The verifier, the signer, the worker, the npm
//! package and the playground all read these.

/// A provider whose webhooks hookguard verifies: one variant per descriptor, generated from
/// the catalogue's one list in `src/providers/mod.rs`.
pub use crate::providers::Provider;

impl Provider {
    /// The identifier used in options (`provider: "insigner"`).
    pub const fn id(self) -> &'static str {
        self.scheme().id
    }

    /// Looks a provider up by its identifier (`custom` included).
    pub fn parse(id: &str) -> Option<Provider> {
        Provider::ALL
            .into_iter()
            .chain([Provider::Custom])
            .find(|p| p.id() == id)
    }
}

/// Everything the verifier and the signer need to know about one provider.
#[derive(Debug)]
pub struct Scheme {
    /// Identifier used in options.
    pub id: &'static str,
    /// Name for people.
    pub display_name: &'static str,
    /// Where the descriptor's facts were checked (an SDK file or a documentation page), as the
    /// README's provider table cites it.
    pub source: &'static str,
    /// How a delivery proves where it came from.
    pub auth: Auth,
    /// Where the timestamp lives, if there is one.
    pub timestamp: Option<TimestampSpec>,
    /// Where the delivery id lives, if there is one.
    pub id_source: Option<Field>,
    /// Where the event type lives.
    pub event_source: Option<Field>,
    /// Top-level string fields the JSON envelope must have.
    pub required_fields: &'static [&'static str],
    /// Unsigned headers that must agree with a signed body field when present.
    pub cross_checks: &'static [CrossCheck],
    /// Whether the provider retries failed deliveries (decides the worker's default mode).
    pub retries: bool,
    /// How long after the first attempt the provider's last retry can come, in seconds:
    /// `Some(0)` for a provider that never retries, `None` where the sender decides.
    pub retry_window_seconds: Option<u64>,
    /// A signed envelope field saying when the event was created, if the provider has one:
    /// what `maxEventAgeSeconds` bounds.
    pub event_time: Option<EventTime>,
    /// Whether the body must be a JSON object. `false` where the provider also sends other
    /// bodies (GitHub's form-encoded hooks) and hookguard reads no body field.
    pub body_is_json: bool,
    /// Whether an `application/x-www-form-urlencoded` body is accepted besides a JSON object
    /// (Slack's slash commands and interactivity, signed like its JSON events). A body whose
    /// first byte past whitespace is `{` is read as JSON; any other is a form, which must
    /// decode strictly (`invalid_payload` otherwise, see `src/form.rs`) and from which no field
    /// is read: no event, no id, and replay protection keys on the body's SHA-256.
    pub form_bodies: bool,
    /// `(name, alias)`: when header `name` is absent, `alias` is read in its place (Svix's
    /// `svix-id` and the white-labelled `webhook-id`, each header on its own, as the Svix SDKs
    /// do).
    pub header_aliases: &'static [(&'static str, &'static str)],
    /// Headers every genuine delivery carries besides the authentication ones.
    pub static_headers: &'static [(&'static str, &'static str)],
    /// The known events with a realistic sample `data` object each.
    pub events: &'static [EventSample],
    /// How `sign()` builds a sample body for an event: JSON with placeholders `{event}` and
    /// `{id}` (JSON strings), `{data}` (the event's sample data), `{timestamp}` (unix seconds),
    /// `{timestamp_ms}` and `{created_at}` (RFC 3339 string). Empty (the BASE): the body is
    /// the event and id fields the descriptor reads from the body, then the sample's own
    /// members (the sample is the rest of the body). Data, so that a provider's envelope lives
    /// in its descriptor and nowhere else.
    pub envelope: &'static str,
    /// What a derived sample delivery id starts with (`evt_`, `msg_`).
    pub id_prefix: &'static str,
    /// The requests the endpoint must answer itself (`src/handshake.rs`); none in the BASE.
    pub handshakes: &'static [crate::handshake::Handshake],
    /// What the endpoint must answer every delivery it accepts with, where a bare 2xx is not
    /// enough (Dropbox Sign's `Hello API Event Received`, Adobe Acrobat Sign's client-id
    /// echo): without it the provider counts the delivery as failed and retries it.
    pub acknowledgement: Option<crate::handshake::Acknowledgement>,
    /// Whether replay protection keys on the signed content itself (the SHA-256 of the
    /// timestamp as sent followed by the body), for providers with a signed timestamp and no
    /// delivery id (Discord, SendGrid): a captured delivery resent within the tolerance is the
    /// same bytes, so it is a replay, while the provider's own re-signed retry is not. Replay
    /// keys are then `{provider}:signed:<hex>`; `dedupeByBodyHash` still takes precedence.
    pub dedupe_signed: bool,
}

/// How a delivery authenticates.
#[derive(Debug)]
pub enum Auth {
    /// A MAC over content built from the delivery.
    Signature(SignatureSpec),
    /// A static secret in a header: one the customer names (Inspakt) or the provider's own
    /// (GitLab's `X-Gitlab-Token`).
    Token(TokenSpec),
    /// HTTP Basic credentials (RFC 7617) in `Authorization`: the configured secret is
    /// `user:password`; the request's `Authorization: Basic <base64>` is decoded and compared
    /// with it in constant time (SHA-256 digests, as for tokens, so no length leaks). No
    /// built-in provider uses it yet; custom descriptors can.
    Basic,
    /// A MAC over a few fields of the body, carried in another field of the body (Dropbox
    /// Sign's `event.event_hash`, SignWell's `event.hash`, Mailgun's `signature.signature`):
    /// the rest of the body is **not** authenticated, so results say `body_signed: false`.
    BodyField(BodyFieldSpec),
}

/// A MAC over body fields, in a body field ([`Auth::BodyField`]). Paths are dotted names of
/// nested JSON object members (`event.event_time`); a signed field is a JSON string (its text)
/// or a non-negative integer (its digits). The key is the secret's UTF-8 bytes. The scheme's
/// `event_source` and `id_source` are [`Field::Body`] paths in the same dotted form.
#[derive(Debug)]
pub struct BodyFieldSpec {
    /// Where the signature is (a string: hex or base64 per `encoding`).
    pub signature: &'static str,
    /// The signed content, in order.
    pub signed_content: &'static [FieldPart],
    /// The MAC.
    pub algorithm: Algorithm,
    /// How the signature is written.
    pub encoding: Encoding,
    /// The `multipart/form-data` field holding the JSON, when the provider may send a form
    /// (Dropbox Sign's `json`); a body whose first byte past whitespace is `{` is JSON.
    pub multipart_field: Option<&'static str>,
}

/// One piece of a [`BodyFieldSpec`]'s signed content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldPart {
    /// A body field's value (dotted path).
    Field(&'static str),
    /// Fixed bytes.
    Literal(&'static str),
}

/// The header HTTP Basic credentials travel in.
pub const BASIC_AUTH_HEADER: &str = "authorization";

/// A MAC signature scheme.
#[derive(Debug)]
pub struct SignatureSpec {
    /// The header carrying the signature(s). With [`Extract::Numbered`], the headers' common
    /// stem, to which the number is appended (`x-docusign-signature-` for
    /// `X-DocuSign-Signature-1` …).
    pub header: &'static str,
    /// The MAC.
    pub algorithm: Algorithm,
    /// How the signature bytes are written.
    pub encoding: Encoding,
    /// What precedes each signature (`sha256=`, `v1,`); empty for none.
    pub prefix: &'static str,
    /// How the signature(s) sit in the header.
    pub extract: Extract,
    /// The signed content, in order.
    pub signed_content: &'static [Part],
    /// How the configured secret string becomes the HMAC key.
    pub key: KeyDerivation,
    /// A legacy signature read only when `header` is absent (GitHub's `X-Hub-Signature`
    /// HMAC-SHA1 next to `X-Hub-Signature-256`). Same secrets; its own algorithm and header.
    pub fallback: Option<&'static SignatureSpec>,
    /// `Some(name)`: the signature is the request URL's query parameter `name` (PandaDoc's
    /// `?signature=`), not a header (`header` is then empty). The URL is the call option `url`.
    pub query: Option<&'static str>,
    /// Twilio's validator: the signature over the URL may have been computed with the default
    /// port added (`:443`, `:80`) or with the URL's port removed, so both forms of the URL are
    /// tried ("since sig generation on back end is inconsistent").
    pub url_variants: bool,
    /// Public-key signatures in the same header beside this spec's MACs, with their own prefix,
    /// algorithm and key format (Standard Webhooks: `v1a,` Ed25519 tokens mixed with `v1,`
    /// HMAC ones). Checked with the options' `publicKey`s; its header, extract and signed
    /// content are this spec's.
    pub public: Option<&'static SignatureSpec>,
}

/// The signature algorithms: HMACs with a shared secret, and public-key signatures (Ed25519,
/// ECDSA P-256; `src/asymmetric.rs`) checked with the provider's public key. The extractors,
/// templates and timestamp rules around them are the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    /// HMAC-SHA256.
    HmacSha256,
    /// HMAC-SHA1 (legacy schemes: GitHub `X-Hub-Signature`, Intercom, Vercel).
    HmacSha1,
    /// HMAC-SHA512.
    HmacSha512,
    /// Ed25519 (RFC 8032), strict: Standard Webhooks `v1a`, Discord. 64-byte signatures.
    Ed25519,
    /// ECDSA over P-256 with SHA-256, DER signatures (SendGrid).
    EcdsaP256Sha256,
}

impl Algorithm {
    /// The MAC's length in bytes; for public-key signatures, the decoded signature's (Ed25519's
    /// 64 bytes; ECDSA's `r ‖ s`, which travels as DER of 8 to 72 bytes).
    pub const fn output_len(self) -> usize {
        match self {
            Algorithm::HmacSha256 => 32,
            Algorithm::HmacSha1 => 20,
            Algorithm::HmacSha512 | Algorithm::Ed25519 | Algorithm::EcdsaP256Sha256 => 64,
        }
    }

    /// Whether it is checked with a public key (`publicKey`), not a shared secret.
    pub const fn is_public_key(self) -> bool {
        matches!(self, Algorithm::Ed25519 | Algorithm::EcdsaP256Sha256)
    }

    /// [`Algorithm::is_public_key`] where this build can check it: always `false` without the
    /// `asymmetric` feature, whose verifier refuses such schemes when it is built, so that the
    /// public-key paths are no code at all in `hookguard/verify`.
    pub(crate) const fn checks_public_key(self) -> bool {
        cfg!(feature = "asymmetric") && self.is_public_key()
    }

    /// The name for people (`HMAC-SHA256`).
    pub const fn name(self) -> &'static str {
        match self {
            Algorithm::HmacSha256 => "HMAC-SHA256",
            Algorithm::HmacSha1 => "HMAC-SHA1",
            Algorithm::HmacSha512 => "HMAC-SHA512",
            Algorithm::Ed25519 => "Ed25519",
            Algorithm::EcdsaP256Sha256 => "ECDSA P-256 / SHA-256",
        }
    }
}

/// How the signature(s) sit in the signature header. Every signature found is compared with
/// every configured key, in constant time; at most 16 are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extract {
    /// The whole value, after the prefix, is one signature (inSigner, GitHub, Shopify).
    Single,
    /// Tokens separated by `separator`, each `prefix` + signature; tokens with another prefix
    /// (another version) are skipped (Standard Webhooks: `v1,<b64> v1,<b64>`).
    List {
        /// Between tokens.
        separator: u8,
    },
    /// `key=value` pairs separated by `separator` (`,` Stripe, `;` Paddle; spaces around a
    /// pair are trimmed, so `, ` works too), split on the first `=`. Every pair named one of
    /// `keys` is a signature (several during rotation: Stripe repeats `v1`, BoldSign adds `s1`
    /// signed with the old secret); unknown keys (`v0`, `h2`) are ignored. The timestamp may be
    /// another pair ([`TimestampSource::Pair`]). The signer writes the first key.
    Pairs {
        /// Between pairs.
        separator: u8,
        /// The signature pairs' keys (`v1`; `s0`, `s1`).
        keys: &'static [&'static str],
        /// Whether the sender writes a space after each separator (BoldSign's `t=…, s0=…`):
        /// what the signer writes; the parser trims either way.
        space: bool,
    },
    /// One signature per header, in the headers `{header}1` … `{header}{max}` (DocuSign sends
    /// `X-DocuSign-Signature-1` … `-N`, one per active HMAC key). Every one of them is read
    /// (a gap in the numbering is tolerated); at least one must be present (`missing_header`
    /// names `{header}1` otherwise). Each value, after the prefix, is one signature.
    Numbered {
        /// The highest number read.
        max: u8,
    },
}

/// A static token scheme.
#[derive(Debug)]
pub struct TokenSpec {
    /// The header used when the options name none.
    pub default_header: &'static str,
    /// Whether the `header` option may name another header: `true` where the customer picks
    /// the name (Inspakt), `false` where the provider fixes it (GitLab, Documenso), so that a
    /// mistyped override cannot silently read the wrong header.
    pub configurable: bool,
}

/// Where the timestamp lives and how it is judged.
#[derive(Debug)]
pub struct TimestampSpec {
    /// Where it is read.
    pub source: TimestampSource,
    /// How it is written.
    pub unit: TimeUnit,
    /// Whether the timestamp is part of the signed content (if not, it proves only freshness).
    pub signed: bool,
    /// Tolerance in seconds when the options give none (the provider's documented default).
    pub default_tolerance: u64,
    /// Which side of `now` the tolerance bounds.
    pub window: Window,
}

impl TimestampSpec {
    /// The timestamp's own header, when it has one.
    pub const fn header(&self) -> Option<&'static str> {
        match self.source {
            TimestampSource::Header(h) => Some(h),
            TimestampSource::Pair(_) | TimestampSource::BodyField(_) => None,
        }
    }
}

/// Where a timestamp is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampSource {
    /// Its own header.
    Header(&'static str),
    /// A `key=value` pair of the signature header ([`Extract::Pairs`]; Stripe's `t`).
    Pair(&'static str),
    /// A top-level JSON integer of the body (Linear's `webhookTimestamp`, in milliseconds):
    /// covered by a body MAC, read after it passed. Missing, or not a non-negative integer, is
    /// `invalid_payload` (the field is the body's, not a header's).
    BodyField(&'static str),
}

/// How a timestamp is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    /// Unix seconds, ASCII digits.
    Seconds,
    /// Unix milliseconds, ASCII digits (judged in whole seconds, rounded down).
    Milliseconds,
    /// A strict RFC 3339 date-time (Twitch's `2023-07-19T14:56:51.634234626Z`), read as
    /// [`TimeFormat::Rfc3339`] is: judged in whole seconds, the fraction rounded down. The
    /// signed content uses the header's bytes as sent.
    Rfc3339,
}

/// Which side of `now` the tolerance bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Window {
    /// Too old and too new are both rejected (Standard Webhooks, Slack).
    Symmetric,
    /// Only too old is rejected, as the provider's SDK does (Stripe: `timestampAge >
    /// tolerance`). A later timestamp is accepted.
    PastOnly,
}

/// Where a value lives in a delivery.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// A top-level string field of the JSON body.
    Body(&'static str),
    /// A header.
    Header(&'static str),
}

/// A signed top-level body field holding the event's creation time.
#[derive(Debug)]
pub struct EventTime {
    /// The field's name.
    pub field: &'static str,
    /// How it is written.
    pub format: TimeFormat,
}

/// How an event time is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeFormat {
    /// RFC 3339 as JavaScript's `toISOString()` writes it, read strictly: upper-case `T` and
    /// `Z`, `YYYY-MM-DDTHH:MM:SS[.1-9 digits]` then `Z` or `±HH:MM`, a real calendar date,
    /// no leap second (see the README's provider notes).
    Rfc3339,
}

/// An unsigned header that must equal a signed body field when present.
#[derive(Debug)]
pub struct CrossCheck {
    /// The header.
    pub header: &'static str,
    /// The top-level body field it must equal.
    pub field: &'static str,
}

/// One piece of the signed content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The raw body bytes.
    Body,
    /// The timestamp header's value as sent.
    Timestamp,
    /// The id header's value as sent.
    Id,
    /// Fixed bytes.
    Literal(&'static str),
    /// The request URL, exactly as given in the call option `url` (Square's notification URL).
    Url,
    /// The request URL with HubSpot's list of percent-escapes decoded (`%3A` `%2F` `%3F` `%40`
    /// `%21` `%24` `%27` `%28` `%29` `%2A` `%2C` `%3B`; hex digits of either case).
    UrlDecoded,
    /// The request method (the call option `method`, `POST` by default).
    Method,
    /// Twilio's form parameters: every name sorted (byte order), each name's distinct values
    /// sorted, as `name` + `value` with no separator; empty for a JSON body, which the URL's
    /// `bodySHA256` query parameter covers instead (its hex SHA-256 must match).
    FormParams,
}

/// How signature bytes are written in the header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Hexadecimal, decoded case-insensitively, written in lower case.
    Hex,
    /// Standard base64 with padding.
    Base64,
}

/// How the configured secret string becomes the HMAC key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyDerivation {
    /// The secret string's UTF-8 bytes, as they are (inSigner: the 64 hex characters, not
    /// the 32 bytes they encode).
    Utf8,
    /// Strip an optional `whsec_` prefix and base64-decode the rest (Standard Webhooks).
    WhsecBase64,
    /// A public key (the option `publicKey`): an Ed25519 key in hex, 64 digits (Discord's
    /// "Public Key").
    Ed25519Hex,
    /// A public key: `whpk_` (optional) + base64 of the 32-byte Ed25519 key (Standard Webhooks
    /// `v1a`; its private half is `whsk_` + base64 of the seed).
    WhpkBase64,
    /// A public key: base64 of a P-256 SubjectPublicKeyInfo in DER, PEM armour allowed
    /// (SendGrid's "verification key").
    SpkiBase64,
}

impl KeyDerivation {
    /// Whether the key is a public key, given as `publicKey`.
    pub const fn is_public(self) -> bool {
        matches!(
            self,
            KeyDerivation::Ed25519Hex | KeyDerivation::WhpkBase64 | KeyDerivation::SpkiBase64
        )
    }
}

/// Text for people (an event's description, a descriptor's source) as the build keeps it,
/// like [`sample`]: only with the `samples` feature; the npm module and the worker read it from
/// the catalogue file written at build time, and never show it themselves.
pub const fn prose(text: &'static str) -> &'static str {
    if cfg!(feature = "samples") { text } else { "" }
}

/// A sample envelope template as the build keeps it: only where `sign()` may build a body
/// (native builds with `samples`, and the npm module with `tools`); the verifier alone
/// (`hookguard/verify`) and the worker (which signs only bodies it was given) carry none.
pub const fn envelope(template: &'static str) -> &'static str {
    if cfg!(any(feature = "samples", feature = "tools")) {
        template
    } else {
        ""
    }
}

/// A sample as the build keeps it: itself with the `samples` feature (the default: native
/// builds, `sign()` without a body, the tests), `""` without it (the npm module and the worker,
/// which read the samples from a file written at build time instead), so the wasm carries no
/// sample bytes. Evaluated at compile time.
pub const fn sample(data: &'static str) -> &'static str {
    if cfg!(feature = "samples") { data } else { "" }
}

/// A descriptor's known events as the build keeps them: where `sign()` may use them (native
/// builds with `samples`, the npm module with `tools`); the verifier alone (`hookguard/verify`)
/// and the worker read no event name of the descriptor (an allow-list is the options'), so
/// they carry none and their catalogue lists no events.
pub const fn events(list: &'static [EventSample]) -> &'static [EventSample] {
    if cfg!(any(feature = "samples", feature = "tools")) {
        list
    } else {
        &[]
    }
}

/// A known event and a realistic sample of its `data`.
#[derive(Debug)]
pub struct EventSample {
    /// The event type.
    pub name: &'static str,
    /// What the provider says it means.
    pub description: &'static str,
    /// A sample `data` object, as JSON.
    pub sample_data: &'static str,
}

/// inSigner's retry window: its last retry comes about 214,560 s after the first attempt
/// (1 m + 5 m + 30 m + 2 h + 5 h + 10 h + 18 h + 24 h, from the shared PROVIDERS.md, citing
/// docs.insigner.co/webhooks/retries).
pub const INSIGNER_RETRY_WINDOW_SECONDS: u64 =
    60 + 300 + 1800 + 7200 + 18_000 + 36_000 + 64_800 + 86_400;

/// The margin added to a provider's retry window in the `maxEventAgeSeconds` floor
/// ([`Scheme::min_event_age_seconds`]): one day. The retry window is counted from the first
/// attempt and its intervals are only "about", while the signed event time is earlier than
/// the first attempt (queueing, the provider's own delays), so a bound of exactly the nominal
/// window could refuse the provider's own last retry.
pub const EVENT_AGE_MARGIN_SECONDS: u64 = 86_400;

/// inSigner (docs.insigner.co/webhooks/security).
pub static INSIGNER: Scheme = Scheme {
    id: "insigner",
    display_name: "inSigner",
    source: crate::scheme::prose("docs.insigner.co/webhooks/security"),
    auth: Auth::Signature(SignatureSpec {
        header: "x-insigner-signature",
        algorithm: Algorithm::HmacSha256,
        encoding: Encoding::Hex,
        prefix: "sha256=",
        extract: Extract::Single,
        signed_content: &[Part::Body],
        key: KeyDerivation::Utf8,
        fallback: None,
        query: None,
        url_variants: false,
        public: None,
    }),
    timestamp: Some(TimestampSpec {
        source: TimestampSource::Header("x-insigner-timestamp"),
        unit: TimeUnit::Seconds,
        signed: false,
        default_tolerance: 300,
        window: Window::Symmetric,
    }),
    id_source: Some(Field::Body("id")),
    event_source: Some(Field::Body("event")),
    required_fields: &["id", "event"],
    cross_checks: &[
        CrossCheck {
            header: "x-insigner-event",
            field: "event",
        },
        CrossCheck {
            header: "x-insigner-delivery-id",
            field: "id",
        },
    ],
    retries: true,
    // PROVIDERS.md (docs.insigner.co/webhooks/retries): up to 8 retries, about 1 m, 5 m, 30 m,
    // 2 h, 5 h, 10 h, 18 h and 24 h after each failure: 60 + 300 + 1800 + 7200 + 18000 +
    // 36000 + 64800 + 86400 = 214,560 s (~2.5 days) after the first attempt.
    retry_window_seconds: Some(INSIGNER_RETRY_WINDOW_SECONDS),
    // PROVIDERS.md: `created_at` is the event's creation time, e.g. 2026-05-28T14:30:00.000Z.
    event_time: Some(EventTime {
        field: "created_at",
        format: TimeFormat::Rfc3339,
    }),
    body_is_json: true,
    form_bodies: false,
    header_aliases: &[],
    static_headers: &[
        ("content-type", "application/json"),
        ("user-agent", "inSigner-Webhooks/1.0"),
    ],
    envelope: crate::scheme::envelope(
        r#"{"id":{id},"event":{event},"api_version":"2026-05-28","created_at":{created_at},"data":{data}}"#,
    ),
    id_prefix: "dlv_",
    handshakes: &[],
    acknowledgement: None,
    dedupe_signed: false,
    events: crate::scheme::events(&[
        EventSample {
            name: "document.completed",
            description: crate::scheme::prose("Every signer has signed; the document is complete."),
            sample_data: crate::scheme::sample(
                r#"{"id":"cm5x9abc123","name":"Sales Agreement Q3","status":"completed","signingType":"sequential","completedAt":"2026-05-29T14:30:00.000Z","signers":[{"id":"sr_abc123","email":"jane.smith@acme.com","name":"Jane Smith","status":"completed","order":0}]}"#,
            ),
        },
        EventSample {
            name: "document.declined",
            description: crate::scheme::prose("A signer declined the document."),
            sample_data: crate::scheme::sample(
                r#"{"id":"cm5x9def456","name":"NDA — Acme Corp","status":"declined","reason":"Terms in section 4 are not acceptable."}"#,
            ),
        },
        EventSample {
            name: "signer.completed",
            description: crate::scheme::prose("One signer has signed."),
            sample_data: crate::scheme::sample(
                r#"{"documentId":"cm5x9abc123","signer":{"id":"sr_abc123","email":"maria.garcia@acme.com","name":"María García","status":"completed","order":0}}"#,
            ),
        },
        EventSample {
            name: "bulk_send.completed",
            description: crate::scheme::prose("A bulk send finished sending every document."),
            sample_data: crate::scheme::sample(
                r#"{"id":"bs_4k2m9x","name":"Onboarding packets November","status":"completed","total":25,"sent":25,"failed":0}"#,
            ),
        },
        EventSample {
            name: "bulk_send.failed",
            description: crate::scheme::prose("A bulk send stopped with failures."),
            sample_data: crate::scheme::sample(
                r#"{"id":"bs_7q1w3e","name":"Renewals batch 12","status":"failed","total":40,"sent":31,"failed":9}"#,
            ),
        },
    ]),
};

/// Inspakt (docs.inspakt.com): the customer picks a header name and a value in the panel.
pub static INSPAKT: Scheme = Scheme {
    id: "inspakt",
    display_name: "Inspakt",
    source: crate::scheme::prose("docs.inspakt.com/webhooks"),
    auth: Auth::Token(TokenSpec {
        default_header: "authorization",
        configurable: true,
    }),
    timestamp: None,
    id_source: None,
    event_source: Some(Field::Body("event")),
    required_fields: &["webhookId", "teamId", "event"],
    cross_checks: &[],
    retries: false,
    // PROVIDERS.md: no retries, best-effort delivery.
    retry_window_seconds: Some(0),
    event_time: None,
    body_is_json: true,
    form_bodies: false,
    header_aliases: &[],
    static_headers: &[("content-type", "application/json")],
    envelope: crate::scheme::envelope(
        r#"{"webhookId":"whk_demo","teamId":"team_demo","event":{event},"data":{data}}"#,
    ),
    id_prefix: "dlv_",
    handshakes: &[],
    acknowledgement: None,
    dedupe_signed: false,
    events: crate::scheme::events(&[
        EventSample {
            name: "envelope.created",
            description: crate::scheme::prose("A new envelope was created."),
            sample_data: crate::scheme::sample(
                r#"{"templateId":"tpl_05xy","envelope":{"id":"env_01hx","name":"Service Agreement — Acme Corp","context":{"contractId":"CNT-001"}}}"#,
            ),
        },
        EventSample {
            name: "envelope.sent",
            description: crate::scheme::prose("An envelope was dispatched to its recipients."),
            sample_data: crate::scheme::sample(
                r#"{"envelopeId":"env_01hx","name":"Service Agreement — Acme Corp"}"#,
            ),
        },
        EventSample {
            name: "envelope.finalized",
            description: crate::scheme::prose(
                "Every required recipient has completed; the envelope is fully signed.",
            ),
            sample_data: crate::scheme::sample(
                r#"{"envelopeId":"env_01hx","context":{"contractId":"CNT-001"}}"#,
            ),
        },
        EventSample {
            name: "envelope.voided",
            description: crate::scheme::prose("An envelope was voided from the API or the panel."),
            sample_data: crate::scheme::sample(
                r#"{"envelopeId":"env_01hx","context":{"contractId":"CNT-001"}}"#,
            ),
        },
        EventSample {
            name: "envelope.deleted",
            description: crate::scheme::prose("An envelope was permanently deleted."),
            sample_data: crate::scheme::sample(
                r#"{"envelopeId":"env_01hx","context":{"contractId":"CNT-001"}}"#,
            ),
        },
        EventSample {
            name: "document.finalized",
            description: crate::scheme::prose(
                "A document within an envelope reached a terminal status.",
            ),
            sample_data: crate::scheme::sample(
                r#"{"envelopeId":"env_01hx","document":{"id":"doc_7","name":"Service Agreement.pdf","status":"completed","context":{}}}"#,
            ),
        },
        EventSample {
            name: "recipient.activated",
            description: crate::scheme::prose("A recipient's signing turn began."),
            sample_data: crate::scheme::sample(
                r#"{"envelopeId":"env_01hx","recipient":{"id":"rcp_3","order":1,"identifier":"counterparty","agents":[{"id":"agt_9","name":"Jane Smith","email":"jane@example.com","phone":"+905001234567","link":"https://next.inspakt.com/sign/abc","context":{}}]}}"#,
            ),
        },
        EventSample {
            name: "recipient.completed-document",
            description: crate::scheme::prose("A recipient signed a document."),
            sample_data: crate::scheme::sample(
                r#"{"envelopeId":"env_01hx","document":{"id":"doc_7","name":"Service Agreement.pdf","context":{}},"recipient":{"id":"rcp_3","order":0,"identifier":"counterparty","agent":{"id":"agt_9","name":"Jane Smith","email":"jane@example.com","phone":"+905001234567","context":{}}}}"#,
            ),
        },
        EventSample {
            name: "recipient.declined-document",
            description: crate::scheme::prose("A recipient declined a document."),
            sample_data: crate::scheme::sample(
                r#"{"envelopeId":"env_01hx","document":{"id":"doc_7","name":"Service Agreement.pdf","context":{}},"recipient":{"id":"rcp_3","order":0,"identifier":"counterparty","agent":{"id":"agt_9","name":"Jane Smith","email":"jane@example.com","phone":"+905001234567","context":{}}},"reason":"misleading_information","explanation":"The terms differ from what was agreed."}"#,
            ),
        },
    ]),
};

/// Standard Webhooks' signature: `webhook-signature: v1,<base64> …` over
/// `{id}.{timestamp}.{body}`, keyed with the base64 part of a `whsec_` secret. Svix and the
/// providers that deliver through it use the same with their own header names.
pub const STANDARD_WEBHOOKS_SIGNATURE: SignatureSpec = SignatureSpec {
    header: "webhook-signature",
    algorithm: Algorithm::HmacSha256,
    encoding: Encoding::Base64,
    prefix: "v1,",
    extract: Extract::List { separator: b' ' },
    signed_content: &[
        Part::Id,
        Part::Literal("."),
        Part::Timestamp,
        Part::Literal("."),
        Part::Body,
    ],
    key: KeyDerivation::WhsecBase64,
    fallback: None,
    query: None,
    url_variants: false,
    public: None,
};

/// Standard Webhooks `v1a`: `v1a,<base64 of the Ed25519 signature>` tokens in the same header,
/// over the same content, checked with `whpk_` public keys (standard-webhooks/standard-webhooks
/// `libraries/go/webhook_asymmetric.go`, in the repository's history).
pub const STANDARD_WEBHOOKS_V1A: SignatureSpec = SignatureSpec {
    algorithm: Algorithm::Ed25519,
    prefix: "v1a,",
    key: KeyDerivation::WhpkBase64,
    ..STANDARD_WEBHOOKS_SIGNATURE
};

/// Standard Webhooks' timestamp: unix seconds in `webhook-timestamp`, signed, 300 s either side.
pub const STANDARD_WEBHOOKS_TIMESTAMP: TimestampSpec = TimestampSpec {
    source: TimestampSource::Header("webhook-timestamp"),
    unit: TimeUnit::Seconds,
    signed: true,
    default_tolerance: 300,
    window: Window::Symmetric,
};

/// Standard Webhooks v1 (standardwebhooks.com).
pub static STANDARD_WEBHOOKS: Scheme = Scheme {
    id: "standard-webhooks",
    display_name: "Standard Webhooks",
    source: crate::scheme::prose("standard-webhooks/standard-webhooks spec/standard-webhooks.md"),
    auth: Auth::Signature(SignatureSpec {
        public: Some(&STANDARD_WEBHOOKS_V1A),
        ..STANDARD_WEBHOOKS_SIGNATURE
    }),
    timestamp: Some(STANDARD_WEBHOOKS_TIMESTAMP),
    id_source: Some(Field::Header("webhook-id")),
    event_source: Some(Field::Body("type")),
    required_fields: &[],
    cross_checks: &[],
    retries: true,
    // The sender chooses its retry schedule and its envelope.
    retry_window_seconds: None,
    event_time: None,
    body_is_json: true,
    form_bodies: false,
    header_aliases: &[],
    static_headers: &[("content-type", "application/json")],
    envelope: crate::scheme::envelope(r#"{"type":{event},"timestamp":{created_at},"data":{data}}"#),
    id_prefix: "msg_",
    handshakes: &[],
    acknowledgement: None,
    dedupe_signed: false,
    // The spec's own example (spec/standard-webhooks.md, "Payload structure").
    events: crate::scheme::events(&[EventSample {
        name: "contact.created",
        description: crate::scheme::prose("The spec's example event (the sender defines its own)."),
        sample_data: crate::scheme::sample(
            r#"{"id":"1f81eb52-5198-4599-803e-771906343485","type":"contact","fullName":"John Smith"}"#,
        ),
    }]),
};

impl SignatureSpec {
    /// The name of the `n`th numbered signature header (1-based; [`Extract::Numbered`]).
    pub fn numbered_header(&self, n: u8) -> String {
        format!("{}{n}", self.header)
    }

    /// Every signature header name this spec reads (the numbered ones in order); none when the
    /// signature is a query parameter.
    pub fn header_names(&self) -> Vec<String> {
        if self.query.is_some() {
            return Vec::new();
        }
        match self.extract {
            Extract::Numbered { max } => (1..=max).map(|n| self.numbered_header(n)).collect(),
            _ => vec![self.header.to_owned()],
        }
    }

    /// The most common scheme: one header holding the hex HMAC-SHA256 of the raw body, keyed with
    /// the secret's UTF-8 bytes. Descriptors start from it and state only what differs
    /// (`SignatureSpec { header: "…", encoding: Encoding::Base64, ..SignatureSpec::BODY_HMAC }`);
    /// `header` must always be given (a test checks).
    pub const BODY_HMAC: SignatureSpec = SignatureSpec {
        header: "",
        algorithm: Algorithm::HmacSha256,
        encoding: Encoding::Hex,
        prefix: "",
        extract: Extract::Single,
        signed_content: &[Part::Body],
        key: KeyDerivation::Utf8,
        fallback: None,
        query: None,
        url_variants: false,
        public: None,
    };

    /// Whether verifying needs the request URL (the call option `url`).
    pub fn needs_url(&self) -> bool {
        self.query.is_some()
            || self
                .signed_content
                .iter()
                .any(|p| matches!(p, Part::Url | Part::UrlDecoded | Part::FormParams))
    }
}

impl Scheme {
    /// What a descriptor means by saying nothing: a JSON body signed with [`SignatureSpec::BODY_HMAC`],
    /// no timestamp, no replay id, no known events, and **no retries** (the worker then
    /// defaults to queue mode, which never loses an event): a provider that retries says so.
    /// `id`, `display_name` and the signature header must always be given (a test checks).
    pub const BASE: Scheme = Scheme {
        id: "",
        display_name: "",
        source: crate::scheme::prose(""),
        auth: Auth::Signature(SignatureSpec::BODY_HMAC),
        timestamp: None,
        id_source: None,
        event_source: None,
        required_fields: &[],
        cross_checks: &[],
        retries: false,
        retry_window_seconds: None,
        event_time: None,
        body_is_json: true,
        form_bodies: false,
        header_aliases: &[],
        static_headers: &[("content-type", "application/json")],
        events: &[],
        envelope: crate::scheme::envelope(""),
        id_prefix: "dlv_",
        handshakes: &[],
        acknowledgement: None,
        dedupe_signed: false,
    };

    /// The signature spec, if this scheme signs.
    pub fn signature(&self) -> Option<&SignatureSpec> {
        match &self.auth {
            Auth::Signature(s) => Some(s),
            Auth::Token(_) | Auth::Basic | Auth::BodyField(_) => None,
        }
    }

    /// Whether the MAC covers the body: `false` only for [`Auth::BodyField`] schemes (Dropbox
    /// Sign, SignWell, Mailgun), whose MAC covers a few body fields and nothing else.
    pub fn body_signed(&self) -> bool {
        !matches!(self.auth, Auth::BodyField(_))
    }

    /// The header that carries the event type, if the event lives in a header.
    pub fn event_header(&self) -> Option<&'static str> {
        match self.event_source {
            Some(Field::Header(h)) => Some(h),
            _ => None,
        }
    }

    /// The header that carries the delivery id, if the id lives in a header.
    pub fn id_header(&self) -> Option<&'static str> {
        match self.id_source {
            Some(Field::Header(h)) => Some(h),
            _ => None,
        }
    }

    /// The smallest `maxEventAgeSeconds` accepted with this tolerance: the longer of the
    /// provider's retry window plus [`EVENT_AGE_MARGIN_SECONDS`] and the tolerance (a smaller
    /// bound could reject the provider's own late retries; inSigner: 214,560 + 86,400 =
    /// 300,960 s). `None` when the provider has no signed event time.
    pub fn min_event_age_seconds(&self, tolerance_seconds: u64) -> Option<u64> {
        self.event_time.as_ref()?;
        Some(
            self.retry_window_seconds
                .unwrap_or(0)
                .saturating_add(EVENT_AGE_MARGIN_SECONDS)
                .max(tolerance_seconds),
        )
    }

    /// The sample for a known event.
    pub fn event(&self, name: &str) -> Option<&'static EventSample> {
        self.events.iter().find(|e| e.name == name)
    }
}

/// The names the descriptor JSON uses (the npm `providers` list, the README table, `custom`).
impl Part {
    /// The signed content as a template: `{body}`, `{timestamp}`, `{id}` and literal text, a
    /// literal `{` or `}` doubled (`v0:{timestamp}:{body}`).
    pub fn template(parts: &[Part]) -> String {
        let mut out = String::new();
        for p in parts {
            match p {
                Part::Body => out.push_str("{body}"),
                Part::Timestamp => out.push_str("{timestamp}"),
                Part::Id => out.push_str("{id}"),
                Part::Url => out.push_str("{url}"),
                Part::UrlDecoded => out.push_str("{url_decoded}"),
                Part::Method => out.push_str("{method}"),
                Part::FormParams => out.push_str("{form_params}"),
                Part::Literal(l) => out.push_str(&l.replace('{', "{{").replace('}', "}}")),
            }
        }
        out
    }
}

impl KeyDerivation {
    /// `utf8`, `whsec-base64`, or a public key's format (`ed25519-hex`, `whpk-base64`,
    /// `spki-base64`).
    pub const fn name(self) -> &'static str {
        match self {
            KeyDerivation::Utf8 => "utf8",
            KeyDerivation::WhsecBase64 => "whsec-base64",
            KeyDerivation::Ed25519Hex => "ed25519-hex",
            KeyDerivation::WhpkBase64 => "whpk-base64",
            KeyDerivation::SpkiBase64 => "spki-base64",
        }
    }
}

impl Encoding {
    /// `hex` or `base64`.
    pub const fn name(self) -> &'static str {
        match self {
            Encoding::Hex => "hex",
            Encoding::Base64 => "base64",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_read_as_written() {
        assert_eq!(
            Part::template(&[
                Part::Literal("v0:"),
                Part::Timestamp,
                Part::Literal(":{x}"),
                Part::Body
            ]),
            "v0:{timestamp}:{{x}}{body}"
        );
        assert_eq!(
            Part::template(
                crate::providers::stripe::STRIPE
                    .signature()
                    .unwrap()
                    .signed_content
            ),
            "{timestamp}.{body}"
        );
    }

    #[test]
    fn providers_parse_by_id() {
        for p in Provider::ALL {
            assert_eq!(Provider::parse(p.id()), Some(p));
        }
        assert_eq!(Provider::parse("InSigner"), None);
        // `custom` parses but is no catalogue entry (listings, the README table).
        assert_eq!(Provider::parse("custom"), Some(Provider::Custom));
        assert!(!Provider::ALL.contains(&Provider::Custom));
    }

    #[test]
    fn every_descriptor_names_itself_and_its_signature_header() {
        // The BASE defaults leave these empty; a descriptor that forgot one would verify
        // against no header at all.
        for p in Provider::ALL {
            let s = p.scheme();
            assert!(!s.id.is_empty() && !s.display_name.is_empty(), "{p:?}");
            assert!(
                !s.source.is_empty(),
                "{}: cite where its facts were checked",
                s.id
            );
            if let Some(sig) = s.signature() {
                assert!(sig.header.is_empty() == sig.query.is_some(), "{}", s.id);
                assert!(
                    sig.fallback.is_none_or(|f| !f.header.is_empty()),
                    "{}",
                    s.id
                );
            }
        }
    }

    #[test]
    fn header_names_are_lower_case() {
        for p in Provider::ALL {
            let s = p.scheme();
            let mut names: Vec<&str> = s.cross_checks.iter().map(|c| c.header).collect();
            names.extend(s.timestamp.as_ref().and_then(|t| t.header()));
            names.extend(s.header_aliases.iter().flat_map(|(a, b)| [*a, *b]));
            names.extend(s.signature().and_then(|sig| sig.fallback).map(|f| f.header));
            names.extend(s.signature().map(|sig| sig.header));
            names.extend(s.id_header());
            names.extend(s.static_headers.iter().map(|(h, _)| *h));
            for n in names {
                assert_eq!(n, n.to_ascii_lowercase(), "{n}");
            }
        }
    }

    #[test]
    fn every_sample_is_a_json_object() {
        for p in Provider::ALL {
            for e in p.scheme().events {
                let v: serde_json::Value =
                    serde_json::from_str(e.sample_data).unwrap_or(serde_json::Value::Null);
                assert!(v.is_object(), "{} {}", p.id(), e.name);
            }
        }
        assert_eq!(INSIGNER.events.len(), 5);
        assert_eq!(INSIGNER_RETRY_WINDOW_SECONDS, 214_560);
        assert_eq!(INSIGNER.min_event_age_seconds(300), Some(300_960));
        assert_eq!(INSIGNER.min_event_age_seconds(300_960), Some(300_960));
        assert_eq!(INSIGNER.min_event_age_seconds(300_961), Some(300_961));
        assert_eq!(INSIGNER.min_event_age_seconds(2_592_000), Some(2_592_000));
        assert_eq!(INSPAKT.min_event_age_seconds(0), None);
        assert_eq!(STANDARD_WEBHOOKS.min_event_age_seconds(300), None);
        assert_eq!(INSPAKT.events.len(), 9);
    }
}
