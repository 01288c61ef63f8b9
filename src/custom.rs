//! `provider: "custom"`: a scheme descriptor given as JSON in the options (`scheme`), for a
//! provider hookguard does not know yet. Reference: docs/CUSTOM.md.
//!
//! The verifier, the signer and the worker read every scheme as `&'static` data. A custom
//! descriptor is parsed and checked once, then interned: a process-wide table keeps one leaked
//! [`Scheme`] per distinct descriptor (compared after parsing, so key order, whitespace and the
//! case of header names do not make a new entry). The one-shot `verify()` of the npm package,
//! called per request with the same options, therefore never grows memory. The table holds at
//! most [`MAX_DESCRIPTORS`] entries (each at most [`MAX_DESCRIPTOR_BYTES`] of JSON): a
//! descriptor beyond that is `invalid_config`, saying why, rather than unbounded memory.
//!
//! Every problem is `invalid_config` with a message naming the field's path
//! (`scheme.timestamp.unit must be "s", "ms" or "rfc3339"`), never quoting a value: a secret pasted into
//! the wrong field must not reach a log.

use crate::error::Error;
use crate::json::{Field as J, object_members, value};
use crate::scheme::{
    Algorithm, Auth, Encoding, Extract, Field, KeyDerivation, Part, Scheme, SignatureSpec,
    TimeUnit, TimestampSource, TimestampSpec, TokenSpec, Window,
};
use crate::verify::{MAX_TOLERANCE_SECONDS, describe_unknown_key};
use std::fmt;
use std::sync::Mutex;

/// Why a build without the `custom` feature (the npm package's `hookguard/verify`) refuses a
/// descriptor.
pub const NOT_IN_THIS_BUILD: &str = "provider \"custom\" (scheme descriptors) is not in \
     hookguard/verify, the verifier alone: import it from \"hookguard\"";

/// The longest descriptor accepted, in bytes of JSON.
pub const MAX_DESCRIPTOR_BYTES: usize = 8 * 1024;
/// The most distinct custom descriptors one process keeps.
pub const MAX_DESCRIPTORS: usize = 256;
/// The most pieces a signed-content template may have (tokens and literal runs).
pub const MAX_TEMPLATE_PARTS: usize = 16;
/// The longest name (the descriptor's, a header's, a pair key's, a body field's, a prefix).
pub const MAX_NAME_BYTES: usize = 64;
/// The longest template, in bytes.
pub const MAX_TEMPLATE_BYTES: usize = 1024;
/// The tolerance when the descriptor's timestamp gives none.
pub const DEFAULT_TOLERANCE_SECONDS: u64 = 300;

/// What `Provider::Custom` stands for without a descriptor: never used to verify (the
/// verifier and the signer require the options' `scheme` for `custom`).
pub static CUSTOM: Scheme = Scheme {
    id: "custom",
    display_name: "Custom",
    source: "the options' scheme descriptor (docs/CUSTOM.md)",
    ..Scheme::BASE
};

/// A custom scheme descriptor, parsed, checked and interned (see the module documentation).
/// Two equal descriptors are the same `CustomScheme`.
#[derive(Clone, Copy)]
pub struct CustomScheme(&'static Scheme);

impl PartialEq for CustomScheme {
    fn eq(&self, other: &CustomScheme) -> bool {
        // Interned: equal descriptors share one Scheme.
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for CustomScheme {}

impl fmt::Debug for CustomScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CustomScheme")
            .field(&self.0.display_name)
            .finish()
    }
}

impl CustomScheme {
    /// Parses and checks a descriptor (`{"name":"Acme","header":"x-acme-signature",…}`) and
    /// returns its interned scheme.
    pub fn from_json(json: &str) -> Result<CustomScheme, Error> {
        if !cfg!(feature = "custom") {
            return Err(Error::config(NOT_IN_THIS_BUILD));
        }
        let d = Descriptor::parse(json)?;
        let mut table = TABLE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        intern(&mut table, d, MAX_DESCRIPTORS).map(CustomScheme)
    }

    /// Only checks a descriptor: nothing is interned (for tests and fuzzing).
    pub fn check(json: &str) -> Result<(), Error> {
        Descriptor::parse(json).map(|_| ())
    }

    /// The scheme the verifier and the signer use.
    pub fn scheme(self) -> &'static Scheme {
        self.0
    }
}

type Table = Vec<(Descriptor, &'static Scheme)>;

static TABLE: Mutex<Table> = Mutex::new(Vec::new());

fn intern(table: &mut Table, d: Descriptor, max: usize) -> Result<&'static Scheme, Error> {
    if let Some((_, s)) = table.iter().find(|(known, _)| *known == d) {
        return Ok(s);
    }
    if table.len() >= max {
        return Err(Error::config(format!(
            "scheme: this process already holds {max} distinct custom descriptors, the most it \
             keeps (each is kept for the life of the process); reuse descriptors rather than \
             generating them"
        )));
    }
    let s = d.leak();
    table.push((d, s));
    Ok(s)
}

/// A descriptor as parsed: owned, compared for interning, then leaked once as a [`Scheme`].
#[derive(Clone, Debug, PartialEq, Eq)]
struct Descriptor {
    name: String,
    auth: AuthD,
    timestamp: Option<TimestampD>,
    id: Option<FieldD>,
    event: Option<FieldD>,
    retries: bool,
    body_is_json: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum AuthD {
    Signature {
        header: String,
        algorithm: Algorithm,
        encoding: Encoding,
        prefix: String,
        extract: ExtractD,
        template: Vec<PartD>,
        key: KeyDerivation,
    },
    Token {
        header: String,
    },
    /// HTTP Basic credentials in `Authorization`.
    Basic,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum ExtractD {
    Single,
    List(u8),
    Pairs(u8, Vec<String>),
    /// `header` + `1` … `header` + `max`, one signature each (DocuSign).
    Numbered(u8),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum PartD {
    Body,
    Timestamp,
    Id,
    Literal(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct TimestampD {
    source: TsSourceD,
    unit: TimeUnit,
    signed: bool,
    tolerance: u64,
    window: Window,
}

/// A header, or a top-level body field (ids and events).
#[derive(Clone, Debug, PartialEq, Eq)]
enum FieldD {
    Header(String),
    Body(String),
}

/// Where a timestamp is read: its own header, a pair of the signature header, or a top-level
/// number field of the JSON body (signed with the body).
#[derive(Clone, Debug, PartialEq, Eq)]
enum TsSourceD {
    Header(String),
    Pair(String),
    Field(String),
}

fn leak_str(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

impl Descriptor {
    fn leak(&self) -> &'static Scheme {
        let field = |f: &FieldD| match f {
            FieldD::Header(h) => Field::Header(leak_str(h)),
            FieldD::Body(b) => Field::Body(leak_str(b)),
        };
        let mut required: Vec<&'static str> = Vec::new();
        let mut body_field = |f: &Option<FieldD>| {
            let f = f.as_ref().map(field);
            if let Some(Field::Body(name)) = f
                && !required.contains(&name)
            {
                required.push(name);
            }
            f
        };
        let id_source = body_field(&self.id);
        let event_source = body_field(&self.event);
        let auth = match &self.auth {
            AuthD::Signature {
                header,
                algorithm,
                encoding,
                prefix,
                extract,
                template,
                key,
            } => {
                let parts: Vec<Part> = template
                    .iter()
                    .map(|p| match p {
                        PartD::Body => Part::Body,
                        PartD::Timestamp => Part::Timestamp,
                        PartD::Id => Part::Id,
                        PartD::Literal(s) => Part::Literal(leak_str(s)),
                    })
                    .collect();
                Auth::Signature(SignatureSpec {
                    header: leak_str(header),
                    algorithm: *algorithm,
                    encoding: *encoding,
                    prefix: leak_str(prefix),
                    extract: match extract {
                        ExtractD::Single => Extract::Single,
                        ExtractD::List(separator) => Extract::List {
                            separator: *separator,
                        },
                        ExtractD::Pairs(separator, keys) => Extract::Pairs {
                            separator: *separator,
                            keys: Box::leak(
                                keys.iter()
                                    .map(|k| leak_str(k))
                                    .collect::<Vec<_>>()
                                    .into_boxed_slice(),
                            ),
                            space: false,
                        },
                        ExtractD::Numbered(max) => Extract::Numbered { max: *max },
                    },
                    signed_content: Box::leak(parts.into_boxed_slice()),
                    key: *key,
                    fallback: None,
                    query: None,
                    url_variants: false,
                    public: None,
                })
            }
            // The options' `header` may override the descriptor's.
            AuthD::Token { header } => Auth::Token(TokenSpec {
                default_header: leak_str(header),
                configurable: true,
            }),
            AuthD::Basic => Auth::Basic,
        };
        let timestamp = self.timestamp.as_ref().map(|t| TimestampSpec {
            source: match &t.source {
                TsSourceD::Header(h) => TimestampSource::Header(leak_str(h)),
                TsSourceD::Pair(k) => TimestampSource::Pair(leak_str(k)),
                TsSourceD::Field(f) => TimestampSource::BodyField(leak_str(f)),
            },
            unit: t.unit,
            signed: t.signed,
            default_tolerance: t.tolerance,
            window: t.window,
        });
        let static_headers: &'static [(&'static str, &'static str)] = if self.body_is_json {
            &[("content-type", "application/json")]
        } else {
            &[("content-type", "application/octet-stream")]
        };
        Box::leak(Box::new(Scheme {
            id: "custom",
            display_name: leak_str(&self.name),
            source: CUSTOM.source,
            auth,
            timestamp,
            id_source,
            event_source,
            required_fields: Box::leak(required.into_boxed_slice()),
            retries: self.retries,
            body_is_json: self.body_is_json,
            static_headers,
            ..Scheme::BASE
        }))
    }
}

fn config(message: String) -> Error {
    Error::config(message)
}

const TOP: [&str; 14] = [
    "name",
    "auth",
    "header",
    "algorithm",
    "encoding",
    "prefix",
    "signatures",
    "template",
    "key",
    "timestamp",
    "id",
    "event",
    "retries",
    "bodyIsJson",
];
/// The top-level keys that only a signature scheme has.
const SIGNATURE_ONLY: [&str; 6] = [
    "algorithm",
    "encoding",
    "prefix",
    "signatures",
    "template",
    "key",
];
const TIMESTAMP: [&str; 7] = [
    "header",
    "pair",
    "field",
    "unit",
    "signed",
    "toleranceSeconds",
    "window",
];
const SOURCE: [&str; 2] = ["header", "field"];
const SIGNATURES: [&str; 4] = ["list", "pairs", "keys", "numbered"];
const SIGNATURES_WANTED: &str = "\"single\", {\"list\": separator}, {\"pairs\": separator, \"keys\": [key]} \
     or {\"numbered\": count}";
/// The most numbered signature headers (the npm binding's header slots).
const MAX_NUMBERED: u64 = crate::verify::MAX_HEADER_SLOTS as u64;

/// One JSON object of the descriptor, with the path its messages name.
struct Obj<'a> {
    path: String,
    members: Vec<(String, &'a str)>,
}

impl<'a> Obj<'a> {
    fn parse(path: &str, raw: &'a str, known: &[&str]) -> Result<Obj<'a>, Error> {
        let members = object_members(raw)
            .map_err(|e| config(format!("{path} is not a JSON object: {}", e.describe())))?;
        for (i, (key, _)) in members.iter().enumerate() {
            if !known.contains(&key.as_str()) {
                return Err(config(format!(
                    "{path}: {}; expected one of {}",
                    describe_unknown_key(key, i + 1, members.len(), known),
                    known.join(", ")
                )));
            }
        }
        Ok(Obj {
            path: path.to_owned(),
            members,
        })
    }

    fn at(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    fn has(&self, key: &str) -> bool {
        self.raw(key).is_some()
    }

    /// The raw value; `None` when absent or null.
    fn raw(&self, key: &str) -> Option<&'a str> {
        self.members
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| *v)
            .filter(|v| *v != "null")
    }

    fn wrong(&self, key: &str, want: &str) -> Error {
        config(format!("{} must be {want}", self.at(key)))
    }

    fn field(&self, key: &str) -> Option<J> {
        // The text was validated; only a lone surrogate fails here, and then no kind fits.
        self.raw(key).map(|v| value(v).unwrap_or(J::Other))
    }

    fn str(&self, key: &str) -> Result<Option<String>, Error> {
        match self.field(key) {
            None => Ok(None),
            Some(J::Str(s)) => Ok(Some(s)),
            Some(_) => Err(self.wrong(key, "a string")),
        }
    }

    fn bool(&self, key: &str, default: bool) -> Result<bool, Error> {
        match self.field(key) {
            None => Ok(default),
            Some(J::Bool(b)) => Ok(b),
            Some(_) => Err(self.wrong(key, "a boolean")),
        }
    }

    /// A string that must be one of `choices` (`(spelling, value)`); `default` when absent.
    fn choice<T: Copy>(&self, key: &str, choices: &[(&str, T)], default: T) -> Result<T, Error> {
        let Some(s) = self.str(key)? else {
            return Ok(default);
        };
        choices
            .iter()
            .find(|(name, _)| *name == s)
            .map(|(_, v)| *v)
            .ok_or_else(|| {
                let names: Vec<String> = choices.iter().map(|(n, _)| format!("\"{n}\"")).collect();
                let list = match names.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{} or {last}", rest.join(", "))
                    }
                    _ => names.join(""),
                };
                self.wrong(key, &list)
            })
    }

    fn obj(&self, key: &str, known: &[&str]) -> Result<Option<Obj<'a>>, Error> {
        match self.raw(key) {
            None => Ok(None),
            Some(raw) if raw.starts_with('{') => Obj::parse(&self.at(key), raw, known).map(Some),
            Some(_) => Err(self.wrong(key, "an object")),
        }
    }

    /// A header name, lower-cased.
    fn header(&self, key: &str) -> Result<Option<String>, Error> {
        match self.str(key)? {
            None => Ok(None),
            Some(h) if is_header_name(&h) => Ok(Some(h.to_ascii_lowercase())),
            Some(_) => Err(self.wrong(
                key,
                &format!("an HTTP header name (1 to {MAX_NAME_BYTES} token characters)"),
            )),
        }
    }

    /// A name (pair key, body field): 1 to 64 bytes of `[A-Za-z0-9_.-]`.
    fn name(&self, key: &str) -> Result<Option<String>, Error> {
        match self.str(key)? {
            None => Ok(None),
            Some(n) if is_plain_name(&n) => Ok(Some(n)),
            Some(_) => Err(self.wrong(
                key,
                &format!("1 to {MAX_NAME_BYTES} ASCII letters, digits, _, . or -"),
            )),
        }
    }

    /// Exactly one of `{"header": …}` / `{"field": …}` (id, event).
    fn source(&self, key: &str) -> Result<Option<FieldD>, Error> {
        let Some(o) = self.obj(key, &SOURCE)? else {
            return Ok(None);
        };
        match (o.header("header")?, o.name("field")?) {
            (Some(h), None) => Ok(Some(FieldD::Header(h))),
            (None, Some(f)) => Ok(Some(FieldD::Body(f))),
            _ => Err(config(format!(
                "{} must be {{\"header\": …}} or {{\"field\": …}}",
                o.path
            ))),
        }
    }
}

fn is_header_name(h: &str) -> bool {
    !h.is_empty()
        && h.len() <= MAX_NAME_BYTES
        && h.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c))
}

fn is_plain_name(n: &str) -> bool {
    !n.is_empty()
        && n.len() <= MAX_NAME_BYTES
        && n.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"_.-".contains(&c))
}

/// A separator: one ASCII space or punctuation character outside base64's alphabet.
fn separator(o: &Obj<'_>, key: &str) -> Result<u8, Error> {
    match o.str(key)?.as_deref().map(str::as_bytes) {
        Some(&[c]) if c == b' ' || (c.is_ascii_punctuation() && !b"+/=".contains(&c)) => Ok(c),
        _ => Err(o.wrong(
            key,
            "one space or ASCII punctuation character other than +, / and =",
        )),
    }
}

/// The signed-content template: literal text with `{body}`, `{timestamp}` and `{id}`;
/// `{{` and `}}` are literal braces.
fn template(path: &str, t: &str) -> Result<Vec<PartD>, Error> {
    if t.len() > MAX_TEMPLATE_BYTES {
        return Err(config(format!(
            "{path} is longer than {MAX_TEMPLATE_BYTES} bytes"
        )));
    }
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '}' => {
                return Err(config(format!(
                    "{path} has a lone `}}`: write `}}}}` for a literal brace"
                )));
            }
            '{' => {
                let mut token = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        // A long token is unknown whatever follows: keep only enough to say so.
                        Some(c) if token.len() < 16 => token.push(c),
                        Some(_) => {}
                        None => {
                            return Err(config(format!(
                                "{path} has an unclosed `{{`: the tokens are {{body}}, \
                                 {{timestamp}} and {{id}}; write `{{{{` for a literal brace"
                            )));
                        }
                    }
                }
                let part = match token.as_str() {
                    "body" => PartD::Body,
                    "timestamp" => PartD::Timestamp,
                    "id" => PartD::Id,
                    _ => {
                        return Err(config(format!(
                            "{path} has an unknown token: the tokens are {{body}}, \
                             {{timestamp}} and {{id}}"
                        )));
                    }
                };
                if !literal.is_empty() {
                    parts.push(PartD::Literal(std::mem::take(&mut literal)));
                }
                if parts.contains(&part) {
                    return Err(config(format!("{path} has {{{token}}} more than once")));
                }
                parts.push(part);
            }
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        parts.push(PartD::Literal(literal));
    }
    if !parts.contains(&PartD::Body) {
        return Err(config(format!(
            "{path} must contain {{body}}: a MAC that does not cover the body would let anyone \
             who saw one delivery change its body"
        )));
    }
    if parts.len() > MAX_TEMPLATE_PARTS {
        return Err(config(format!(
            "{path} has more than {MAX_TEMPLATE_PARTS} parts"
        )));
    }
    Ok(parts)
}

impl Descriptor {
    fn parse(json: &str) -> Result<Descriptor, Error> {
        if json.len() > MAX_DESCRIPTOR_BYTES {
            return Err(config(format!(
                "scheme is longer than {MAX_DESCRIPTOR_BYTES} bytes of JSON"
            )));
        }
        let o = Obj::parse("scheme", json, &TOP)?;
        let name = match o.str("name")? {
            Some(n)
                if !n.is_empty()
                    && n.len() <= MAX_NAME_BYTES
                    && !n.chars().any(char::is_control) =>
            {
                n
            }
            Some(_) => {
                return Err(o.wrong(
                    "name",
                    &format!("1 to {MAX_NAME_BYTES} bytes of text without control characters"),
                ));
            }
            None => return Err(config("scheme.name is required".to_owned())),
        };
        #[derive(Clone, Copy, PartialEq)]
        enum Kind {
            Signature,
            Token,
            Basic,
        }
        let kind = o.choice(
            "auth",
            &[
                ("signature", Kind::Signature),
                ("token", Kind::Token),
                ("basic", Kind::Basic),
            ],
            Kind::Signature,
        )?;
        let id = o.source("id")?;
        let event = o.source("event")?;
        let body_is_json = o.bool("bodyIsJson", true)?;
        let retries = o.bool("retries", false)?;
        if !body_is_json {
            for (key, f) in [("id", &id), ("event", &event)] {
                if let Some(FieldD::Body(_)) = f {
                    return Err(config(format!(
                        "scheme.{key}.field needs bodyIsJson: a body that is not JSON has no \
                         fields"
                    )));
                }
            }
        }
        let (auth, timestamp) = match kind {
            Kind::Token | Kind::Basic => {
                let what = if kind == Kind::Token {
                    "a token scheme"
                } else {
                    "a basic scheme"
                };
                if let Some(key) = SIGNATURE_ONLY.iter().find(|k| o.has(k)) {
                    return Err(config(format!(
                        "scheme.{key} is for auth \"signature\"; {what} has none"
                    )));
                }
                if o.has("timestamp") {
                    return Err(config(format!(
                        "scheme.timestamp is for auth \"signature\": {what}'s static secret \
                         proves nothing about when it was sent"
                    )));
                }
                if let Some(FieldD::Header(_)) = id {
                    return Err(config(format!(
                        "scheme.id.header is for auth \"signature\": an unsigned id header \
                         next to {what}'s static secret can be changed by anyone; use \
                         {{\"field\": …}}"
                    )));
                }
                if kind == Kind::Basic {
                    if o.has("header") {
                        return Err(config(
                            "scheme.header is not for auth \"basic\": HTTP Basic credentials \
                             are always in Authorization"
                                .to_owned(),
                        ));
                    }
                    (AuthD::Basic, None)
                } else {
                    let header = o
                        .header("header")?
                        .unwrap_or_else(|| "authorization".to_owned());
                    (AuthD::Token { header }, None)
                }
            }
            Kind::Signature => {
                let header = o
                    .header("header")?
                    .ok_or_else(|| config("scheme.header is required".to_owned()))?;
                let algorithm = o.choice(
                    "algorithm",
                    &[
                        ("hmac-sha256", Algorithm::HmacSha256),
                        ("hmac-sha1", Algorithm::HmacSha1),
                        ("hmac-sha512", Algorithm::HmacSha512),
                    ],
                    Algorithm::HmacSha256,
                )?;
                let encoding = o.choice(
                    "encoding",
                    &[("hex", Encoding::Hex), ("base64", Encoding::Base64)],
                    Encoding::Hex,
                )?;
                let prefix = match o.str("prefix")? {
                    None => String::new(),
                    Some(p)
                        if p.len() <= MAX_NAME_BYTES && p.bytes().all(|c| c.is_ascii_graphic()) =>
                    {
                        p
                    }
                    Some(_) => {
                        return Err(o.wrong(
                            "prefix",
                            &format!("at most {MAX_NAME_BYTES} visible ASCII characters"),
                        ));
                    }
                };
                let extract = match o.raw("signatures") {
                    None => ExtractD::Single,
                    Some(raw) if raw.starts_with('"') => match o.str("signatures")?.as_deref() {
                        Some("single") => ExtractD::Single,
                        _ => {
                            return Err(o.wrong("signatures", SIGNATURES_WANTED));
                        }
                    },
                    Some(_) => signatures(&o)?,
                };
                match &extract {
                    ExtractD::List(sep) | ExtractD::Pairs(sep, _)
                        if prefix.as_bytes().contains(sep) =>
                    {
                        return Err(config(
                            "scheme.prefix contains the signatures' separator".to_owned(),
                        ));
                    }
                    _ => {}
                }
                let template = template(
                    "scheme.template",
                    &o.str("template")?.unwrap_or_else(|| "{body}".to_owned()),
                )?;
                let key = o.choice(
                    "key",
                    &[
                        ("utf8", KeyDerivation::Utf8),
                        ("whsec-base64", KeyDerivation::WhsecBase64),
                    ],
                    KeyDerivation::Utf8,
                )?;
                let timestamp = match o.obj("timestamp", &TIMESTAMP)? {
                    None => None,
                    Some(t) => Some(timestamp(&t, &extract, &template, body_is_json)?),
                };
                if template.contains(&PartD::Timestamp) && timestamp.is_none() {
                    return Err(config(
                        "scheme.template has {timestamp} but scheme.timestamp says where none is"
                            .to_owned(),
                    ));
                }
                if template.contains(&PartD::Id) && !matches!(id, Some(FieldD::Header(_))) {
                    return Err(config(
                        "scheme.template has {id}, which needs scheme.id to be {\"header\": …}"
                            .to_owned(),
                    ));
                }
                (
                    AuthD::Signature {
                        header,
                        algorithm,
                        encoding,
                        prefix,
                        extract,
                        template,
                        key,
                    },
                    timestamp,
                )
            }
        };
        // One header, one role: a header read twice would be two claims in one value.
        let auth_headers: Vec<String> = match &auth {
            AuthD::Signature {
                header,
                extract: ExtractD::Numbered(max),
                ..
            } => (1..=*max).map(|n| format!("{header}{n}")).collect(),
            AuthD::Signature { header, .. } | AuthD::Token { header } => vec![header.clone()],
            AuthD::Basic => vec![crate::scheme::BASIC_AUTH_HEADER.to_owned()],
        };
        let mut seen: Vec<(&str, &str)> = auth_headers
            .iter()
            .map(|h| (h.as_str(), "scheme.header"))
            .collect();
        let ts_header = match timestamp.as_ref().map(|t| &t.source) {
            Some(TsSourceD::Header(h)) => Some(h),
            _ => None,
        };
        fn header_of(f: Option<&FieldD>) -> Option<&String> {
            match f {
                Some(FieldD::Header(h)) => Some(h),
                _ => None,
            }
        }
        let others = [
            (ts_header, "scheme.timestamp.header"),
            (header_of(id.as_ref()), "scheme.id.header"),
            (header_of(event.as_ref()), "scheme.event.header"),
        ];
        for (h, path) in others {
            if let Some(h) = h {
                if let Some((_, first)) = seen.iter().find(|(name, _)| name == h) {
                    return Err(config(format!("{path} is the same header as {first}")));
                }
                seen.push((h, path));
            }
        }
        Ok(Descriptor {
            name,
            auth,
            timestamp,
            id,
            event,
            retries,
            body_is_json,
        })
    }
}

/// `{"list": " "}` or `{"pairs": ",", "keys": ["v1"]}`.
fn signatures(o: &Obj<'_>) -> Result<ExtractD, Error> {
    let s = match o.raw("signatures") {
        Some(raw) if raw.starts_with('{') => Obj::parse("scheme.signatures", raw, &SIGNATURES)?,
        _ => return Err(o.wrong("signatures", SIGNATURES_WANTED)),
    };
    if s.has("numbered") {
        if let Some(other) = ["list", "pairs", "keys"].iter().find(|k| s.has(k)) {
            return Err(config(format!(
                "scheme.signatures.{other} is not for {{\"numbered\": …}}"
            )));
        }
        return match s.field("numbered") {
            Some(J::Uint(n)) if (1..=MAX_NUMBERED).contains(&n) => {
                Ok(ExtractD::Numbered(u8::try_from(n).unwrap_or(1)))
            }
            _ => Err(s.wrong(
                "numbered",
                &format!("a whole number of headers from 1 to {MAX_NUMBERED}"),
            )),
        };
    }
    match (s.has("list"), s.has("pairs")) {
        (true, false) => {
            if s.has("keys") {
                return Err(config(
                    "scheme.signatures.keys is for {\"pairs\": …}".to_owned(),
                ));
            }
            Ok(ExtractD::List(separator(&s, "list")?))
        }
        (false, true) => {
            let sep = separator(&s, "pairs")?;
            let keys = match s.field("keys") {
                Some(J::Strings(k)) => k,
                None => return Err(config("scheme.signatures.keys is required".to_owned())),
                Some(_) => return Err(s.wrong("keys", "an array of strings")),
            };
            if keys.is_empty() || keys.len() > 4 {
                return Err(config(
                    "scheme.signatures.keys must hold 1 to 4 keys (the pairs' names for a \
                     signature, e.g. [\"v1\"] or [\"s0\", \"s1\"])"
                        .to_owned(),
                ));
            }
            for (i, key) in keys.iter().enumerate() {
                if !is_plain_name(key) {
                    return Err(config(format!(
                        "scheme.signatures.keys[{i}] must be 1 to {MAX_NAME_BYTES} ASCII letters, \
                         digits, _, . or -"
                    )));
                }
                if keys.iter().take(i).any(|k| k == key) {
                    return Err(config(format!(
                        "scheme.signatures.keys[{i}] is given twice"
                    )));
                }
            }
            Ok(ExtractD::Pairs(sep, keys))
        }
        _ => Err(config(
            "scheme.signatures must have exactly one of list, pairs and numbered".to_owned(),
        )),
    }
}

fn timestamp(
    t: &Obj<'_>,
    extract: &ExtractD,
    template: &[PartD],
    body_is_json: bool,
) -> Result<TimestampD, Error> {
    let source = match (t.header("header")?, t.name("pair")?, t.name("field")?) {
        (Some(h), None, None) => TsSourceD::Header(h),
        (None, None, Some(f)) => {
            if !body_is_json {
                return Err(config(
                    "scheme.timestamp.field needs bodyIsJson: a body that is not JSON has no \
                     fields"
                        .to_owned(),
                ));
            }
            if template.contains(&PartD::Timestamp) {
                return Err(config(
                    "scheme.timestamp.field is signed as part of {body}: the template cannot \
                     also have {timestamp}"
                        .to_owned(),
                ));
            }
            TsSourceD::Field(f)
        }
        (None, Some(k), None) => match extract {
            ExtractD::Pairs(_, keys) if keys.contains(&k) => {
                return Err(config(
                    "scheme.timestamp.pair is the signatures' key".to_owned(),
                ));
            }
            ExtractD::Pairs(..) => TsSourceD::Pair(k),
            _ => {
                return Err(config(
                    "scheme.timestamp.pair needs scheme.signatures to be {\"pairs\": …}".to_owned(),
                ));
            }
        },
        _ => {
            return Err(config(
                "scheme.timestamp must have exactly one of header, pair and field".to_owned(),
            ));
        }
    };
    let unit = t.choice(
        "unit",
        &[
            ("s", TimeUnit::Seconds),
            ("ms", TimeUnit::Milliseconds),
            ("rfc3339", TimeUnit::Rfc3339),
        ],
        TimeUnit::Seconds,
    )?;
    if unit == TimeUnit::Rfc3339 && matches!(source, TsSourceD::Field(_)) {
        return Err(config(
            "scheme.timestamp.unit \"rfc3339\" is for a header or a pair: a body field \
             timestamp is a number of seconds or milliseconds"
                .to_owned(),
        ));
    }
    // A body field is signed with the body (every template has {body}); a header or pair
    // value is signed when the template has {timestamp}.
    let in_template = match source {
        TsSourceD::Field(_) => true,
        _ => template.contains(&PartD::Timestamp),
    };
    let signed = t.bool("signed", in_template)?;
    if signed != in_template && matches!(source, TsSourceD::Field(_)) {
        // The template always has {body} (template() requires it), so the field is signed.
        return Err(config(
            "scheme.timestamp.signed is false but a body field is signed with {body}".to_owned(),
        ));
    }
    if signed != in_template {
        return Err(config(if signed {
            "scheme.timestamp.signed is true but scheme.template has no {timestamp}".to_owned()
        } else {
            "scheme.timestamp.signed is false but scheme.template has {timestamp}".to_owned()
        }));
    }
    let tolerance = match t.field("toleranceSeconds") {
        None => DEFAULT_TOLERANCE_SECONDS,
        Some(J::Uint(n)) if n <= MAX_TOLERANCE_SECONDS => n,
        Some(_) => {
            return Err(t.wrong(
                "toleranceSeconds",
                &format!("a whole number of seconds from 0 to {MAX_TOLERANCE_SECONDS}"),
            ));
        }
    };
    let window = t.choice(
        "window",
        &[
            ("symmetric", Window::Symmetric),
            ("past-only", Window::PastOnly),
        ],
        Window::Symmetric,
    )?;
    Ok(TimestampD {
        source,
        unit,
        signed,
        tolerance,
        window,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    /// The message of a rejected descriptor, asserting its code.
    fn rejected(json: &str) -> String {
        let e = CustomScheme::check(json).err();
        assert!(e.is_some(), "accepted: {json}");
        let e = e.expect("a rejection");
        assert_eq!(e.code(), ErrorCode::InvalidConfig, "{json}");
        e.message().to_owned()
    }

    const SIG: &str = r#""name":"Acme","header":"x-acme-signature""#;

    #[test]
    fn minimal_descriptors_parse() {
        CustomScheme::check(&format!("{{{SIG}}}")).unwrap();
        CustomScheme::check(r#"{"name":"Tok","auth":"token"}"#).unwrap();
        CustomScheme::check(
            r#"{"name":"Tok","auth":"token","header":"X-Key","event":{"field":"type"}}"#,
        )
        .unwrap();
    }

    #[test]
    fn every_rejection_names_its_field() {
        let sig = |rest: &str| format!("{{{SIG},{rest}}}");
        let cases: Vec<(String, &str)> = vec![
            ("[]".into(), "scheme is not a JSON object"),
            ("{".into(), "scheme is not a JSON object"),
            (
                r#"{"name":"A","header":"h","name":"B"}"#.into(),
                "scheme is not a JSON object",
            ),
            (
                format!("{{{SIG},\"templat\":\"{{body}}\"}}"),
                "unknown field `templat` (did you mean `template`?)",
            ),
            (
                format!("{{{SIG},\"whsec_abc+/=\":1}}"),
                "scheme: an unknown field (key 3 of 3, not quoted",
            ),
            (r#"{"header":"h"}"#.into(), "scheme.name is required"),
            (
                r#"{"name":"","header":"h"}"#.into(),
                "scheme.name must be 1 to 64 bytes",
            ),
            (
                format!(r#"{{"name":"{}","header":"h"}}"#, "a".repeat(65)),
                "scheme.name must be 1 to 64 bytes",
            ),
            (
                r#"{"name":"a\nb","header":"h"}"#.into(),
                "scheme.name must be 1 to 64 bytes",
            ),
            (
                r#"{"name":7,"header":"h"}"#.into(),
                "scheme.name must be a string",
            ),
            (r#"{"name":"A"}"#.into(), "scheme.header is required"),
            (
                r#"{"name":"A","header":"x y"}"#.into(),
                "scheme.header must be an HTTP header name",
            ),
            (
                format!(r#"{{"name":"A","header":"{}"}}"#, "h".repeat(65)),
                "scheme.header must be an HTTP header name",
            ),
            (
                sig(r#""auth":"bearer""#),
                r#"scheme.auth must be "signature", "token" or "basic""#,
            ),
            (
                sig(r#""algorithm":"sha256""#),
                r#"scheme.algorithm must be "hmac-sha256", "hmac-sha1" or "hmac-sha512""#,
            ),
            (
                sig(r#""encoding":"base32""#),
                r#"scheme.encoding must be "hex" or "base64""#,
            ),
            (
                sig(r#""prefix":"a b""#),
                "scheme.prefix must be at most 64 visible ASCII",
            ),
            (
                sig(r#""key":"raw""#),
                r#"scheme.key must be "utf8" or "whsec-base64""#,
            ),
            (
                sig(r#""signatures":"many""#),
                "scheme.signatures must be \"single\"",
            ),
            (
                sig(r#""signatures":3"#),
                "scheme.signatures must be \"single\", {\"list\"",
            ),
            (
                sig(r#""signatures":{}"#),
                "scheme.signatures must have exactly one of list, pairs and numbered",
            ),
            (
                sig(r#""signatures":{"list":" ","pairs":","}"#),
                "scheme.signatures must have exactly one of",
            ),
            (
                sig(r#""signatures":{"lst":" "}"#),
                "scheme.signatures: unknown field `lst` (did you mean `list`?)",
            ),
            (
                sig(r#""signatures":{"list":"ab"}"#),
                "scheme.signatures.list must be one space or ASCII punctuation",
            ),
            (
                sig(r#""signatures":{"list":"+"}"#),
                "scheme.signatures.list must be one space",
            ),
            (
                sig(r#""signatures":{"list":" ","keys":["v1"]}"#),
                "scheme.signatures.keys is for {\"pairs\": …}",
            ),
            (
                sig(r#""signatures":{"pairs":"="}"#),
                "scheme.signatures.pairs must be one space",
            ),
            (
                sig(r#""signatures":{"pairs":","}"#),
                "scheme.signatures.keys is required",
            ),
            (
                sig(r#""signatures":{"pairs":",","keys":"v1"}"#),
                "scheme.signatures.keys must be an array of strings",
            ),
            (
                sig(r#""signatures":{"pairs":",","keys":[]}"#),
                "scheme.signatures.keys must hold 1 to 4 keys",
            ),
            (
                sig(r#""signatures":{"pairs":",","keys":["a","b","c","d","e"]}"#),
                "scheme.signatures.keys must hold 1 to 4 keys",
            ),
            (
                sig(r#""signatures":{"pairs":",","keys":["v1","v1"]}"#),
                "scheme.signatures.keys[1] is given twice",
            ),
            (
                sig(r#""signatures":{"pairs":",","keys":["v 1"]}"#),
                "scheme.signatures.keys[0] must be",
            ),
            (
                sig(r#""prefix":"v1,","signatures":{"list":","}"#),
                "scheme.prefix contains the signatures' separator",
            ),
            (
                sig(r#""template":"{timestamp}.""#),
                "scheme.template must contain {body}",
            ),
            (
                sig(r#""template":"{body}{body}""#),
                "scheme.template has {body} more than once",
            ),
            (
                sig(r#""template":"{bodyy}""#),
                "scheme.template has an unknown token",
            ),
            (
                sig(r#""template":"{body""#),
                "scheme.template has an unclosed `{`",
            ),
            (
                sig(r#""template":"{body}}""#),
                "scheme.template has a lone `}`",
            ),
            (
                sig(&format!(r#""template":"{}{{body}}""#, "a".repeat(1025))),
                "scheme.template is longer than 1024 bytes",
            ),
            (
                sig(r#""template":"a{id}b{timestamp}c{body}d""#),
                "scheme.template has {timestamp} but",
            ),
            (
                sig(r#""template":"{id}.{body}","id":{"field":"id"}"#),
                "scheme.template has {id}, which needs scheme.id",
            ),
            (
                sig(r#""template":"{id}.{body}""#),
                "scheme.template has {id}, which needs scheme.id",
            ),
            (
                sig(r#""timestamp":"x-ts""#),
                "scheme.timestamp must be an object",
            ),
            (
                sig(r#""timestamp":{}"#),
                "scheme.timestamp must have exactly one of header, pair and field",
            ),
            (
                sig(r#""timestamp":{"header":"x-ts","pair":"t"}"#),
                "scheme.timestamp must have exactly one of",
            ),
            (
                sig(r#""timestamp":{"header":"x-ts","units":"s"}"#),
                "scheme.timestamp: unknown field `units` (did you mean `unit`?)",
            ),
            (
                sig(r#""timestamp":{"header":"x-ts","unit":"us"}"#),
                r#"scheme.timestamp.unit must be "s", "ms" or "rfc3339""#,
            ),
            (
                sig(r#""timestamp":{"header":"x-ts","window":"past"}"#),
                r#"scheme.timestamp.window must be "symmetric" or "past-only""#,
            ),
            (
                sig(r#""timestamp":{"header":"x-ts","toleranceSeconds":2592001}"#),
                "scheme.timestamp.toleranceSeconds must be a whole number of seconds from 0 to 2592000",
            ),
            (
                sig(r#""timestamp":{"header":"x-ts","toleranceSeconds":-1}"#),
                "scheme.timestamp.toleranceSeconds must be",
            ),
            (
                sig(r#""timestamp":{"header":"x-ts","toleranceSeconds":"300"}"#),
                "scheme.timestamp.toleranceSeconds must be",
            ),
            (
                sig(r#""timestamp":{"header":"x-ts","signed":true}"#),
                "scheme.timestamp.signed is true but",
            ),
            (
                sig(
                    r#""template":"{timestamp}.{body}","timestamp":{"header":"x-ts","signed":false}"#,
                ),
                "scheme.timestamp.signed is false but",
            ),
            (
                sig(r#""timestamp":{"header":"x-ts","signed":"yes"}"#),
                "scheme.timestamp.signed must be a boolean",
            ),
            (
                sig(r#""timestamp":{"pair":"t"}"#),
                "scheme.timestamp.pair needs scheme.signatures to be",
            ),
            (
                sig(r#""signatures":{"pairs":",","keys":["v1"]},"timestamp":{"pair":"v1"}"#),
                "scheme.timestamp.pair is the signatures' key",
            ),
            (
                sig(r#""timestamp":{"header":"X-Acme-Signature"}"#),
                "scheme.timestamp.header is the same header as scheme.header",
            ),
            (
                sig(r#""id":{"header":"x-id"},"event":{"header":"x-id"}"#),
                "scheme.event.header is the same header as scheme.id.header",
            ),
            (sig(r#""id":"id""#), "scheme.id must be an object"),
            (
                sig(r#""id":{}"#),
                "scheme.id must be {\"header\": …} or {\"field\": …}",
            ),
            (
                sig(r#""id":{"header":"x-id","field":"id"}"#),
                "scheme.id must be {\"header\"",
            ),
            (
                sig(r#""id":{"field":"a b"}"#),
                "scheme.id.field must be 1 to 64 ASCII letters",
            ),
            (
                sig(r#""event":{"name":"type"}"#),
                "scheme.event: an unknown field",
            ),
            (
                sig(r#""event":{"header":""}"#),
                "scheme.event.header must be an HTTP header name",
            ),
            (sig(r#""retries":1"#), "scheme.retries must be a boolean"),
            (
                sig(r#""bodyIsJson":"no""#),
                "scheme.bodyIsJson must be a boolean",
            ),
            (
                sig(r#""bodyIsJson":false,"id":{"field":"id"}"#),
                "scheme.id.field needs bodyIsJson",
            ),
            (
                sig(r#""bodyIsJson":false,"event":{"field":"type"}"#),
                "scheme.event.field needs bodyIsJson",
            ),
            (
                r#"{"name":"T","auth":"token","algorithm":"hmac-sha1"}"#.into(),
                "scheme.algorithm is for auth \"signature\"",
            ),
            (
                r#"{"name":"T","auth":"token","template":"{body}"}"#.into(),
                "scheme.template is for auth \"signature\"",
            ),
            (
                r#"{"name":"T","auth":"token","timestamp":{"header":"x-ts"}}"#.into(),
                "scheme.timestamp is for auth \"signature\"",
            ),
            (
                r#"{"name":"T","auth":"token","id":{"header":"x-id"}}"#.into(),
                "scheme.id.header is for auth \"signature\"",
            ),
            (
                r#"{"name":"T","auth":"token","header":"a:b"}"#.into(),
                "scheme.header must be an HTTP header name",
            ),
            // auth "basic": HTTP Basic credentials, always in Authorization.
            (
                r#"{"name":"B","auth":"basic","header":"x-auth"}"#.into(),
                "scheme.header is not for auth \"basic\": HTTP Basic credentials are always in Authorization",
            ),
            (
                r#"{"name":"B","auth":"basic","algorithm":"hmac-sha1"}"#.into(),
                "scheme.algorithm is for auth \"signature\"; a basic scheme has none",
            ),
            (
                r#"{"name":"B","auth":"basic","timestamp":{"header":"x-ts"}}"#.into(),
                "scheme.timestamp is for auth \"signature\": a basic scheme's static secret",
            ),
            (
                r#"{"name":"B","auth":"basic","id":{"header":"x-id"}}"#.into(),
                "scheme.id.header is for auth \"signature\": an unsigned id header next to a basic scheme's",
            ),
            (
                r#"{"name":"B","auth":"basic","event":{"header":"authorization"}}"#.into(),
                "scheme.event.header is the same header as scheme.header",
            ),
            // Numbered signature headers (DocuSign's -1 … -N).
            (
                sig(r#""signatures":{"numbered":0}"#),
                "scheme.signatures.numbered must be a whole number of headers from 1 to 24",
            ),
            (
                sig(r#""signatures":{"numbered":25}"#),
                "scheme.signatures.numbered must be a whole number of headers from 1 to 24",
            ),
            (
                sig(r#""signatures":{"numbered":"3"}"#),
                "scheme.signatures.numbered must be a whole number of headers from 1 to 24",
            ),
            (
                sig(r#""signatures":{"numbered":3,"list":" "}"#),
                "scheme.signatures.list is not for {\"numbered\": …}",
            ),
            (
                sig(r#""signatures":{"numbered":3,"keys":["v1"]}"#),
                "scheme.signatures.keys is not for {\"numbered\": …}",
            ),
            (
                sig(
                    r#""signatures":{"numbered":3},"timestamp":{"pair":"t"},"template":"{timestamp}.{body}""#,
                ),
                "scheme.timestamp.pair needs scheme.signatures to be {\"pairs\": …}",
            ),
            (
                sig(r#""signatures":{"numbered":3},"id":{"header":"x-acme-signature2"}"#),
                "scheme.id.header is the same header as scheme.header",
            ),
            // Body-field and RFC 3339 timestamps.
            (
                sig(r#""timestamp":{"field":"sentAt","header":"x-ts"}"#),
                "scheme.timestamp must have exactly one of header, pair and field",
            ),
            (
                sig(r#""timestamp":{"field":"a b"}"#),
                "scheme.timestamp.field must be 1 to 64 ASCII letters, digits, _, . or -",
            ),
            (
                sig(r#""bodyIsJson":false,"timestamp":{"field":"sentAt"}"#),
                "scheme.timestamp.field needs bodyIsJson",
            ),
            (
                sig(r#""template":"{timestamp}.{body}","timestamp":{"field":"sentAt"}"#),
                "scheme.timestamp.field is signed as part of {body}: the template cannot also have {timestamp}",
            ),
            (
                sig(r#""timestamp":{"field":"sentAt","signed":false}"#),
                "scheme.timestamp.signed is false but a body field is signed with {body}",
            ),
            (
                sig(r#""timestamp":{"field":"sentAt","unit":"rfc3339"}"#),
                "scheme.timestamp.unit \"rfc3339\" is for a header or a pair",
            ),
            (
                format!(
                    r#"{{{SIG},"prefix":"{}"}}"#,
                    " ".repeat(MAX_DESCRIPTOR_BYTES)
                ),
                "scheme is longer than 8192 bytes of JSON",
            ),
            (
                sig(r#""name":"x""#),
                "scheme is not a JSON object: duplicate key",
            ),
            (
                r#"{"name":"A","header":"\ud83d"}"#.into(),
                "scheme.header must be a string",
            ),
        ];
        for (json, want) in cases {
            let msg = rejected(&json);
            assert!(msg.contains(want), "{json}\n  got: {msg}\n  want: {want}");
        }
    }

    #[test]
    fn braces_escape_and_every_token_combines() {
        let ok = format!("{{{SIG},\"template\":\"a{{{{b}}}}c{{body}}d\"}}");
        CustomScheme::check(&ok).unwrap();
        let all = format!(
            "{{{SIG},\"id\":{{\"header\":\"x-id\"}},\"timestamp\":{{\"header\":\"x-ts\"}},\"template\":\"{}\"}}",
            "{body}a{timestamp}b{id}c"
        );
        CustomScheme::check(&all).unwrap();
        assert_eq!(
            template("t", "a{{b}}c{body}").unwrap(),
            vec![PartD::Literal("a{b}c".into()), PartD::Body]
        );
        // Three tokens used once each make at most seven parts, under MAX_TEMPLATE_PARTS.
        assert!(
            rejected(&format!(
                "{{{SIG},\"template\":\"{{{}}}\"}}",
                "x".repeat(40)
            ))
            .contains("unknown token")
        );
    }

    #[test]
    fn messages_never_quote_values() {
        let secret = "whsec_SECRETSECRET";
        for json in [
            format!(r#"{{"name":"A","header":"{secret} x"}}"#),
            format!(r#"{{"name":"A","header":"h","prefix":"{secret} "}}"#),
            format!(r#"{{"name":"A","header":"h","template":"{{{secret}}}"}}"#),
            format!(r#"{{"name":"A","header":"h","algorithm":"{secret}"}}"#),
            format!(r#"{{"name":"A","header":"h","id":{{"field":"{secret} "}}}}"#),
            format!(r#"{{"name":"A","header":"h","{secret}":1}}"#),
        ] {
            let msg = rejected(&json);
            assert!(!msg.contains("SECRET"), "{msg}");
        }
    }

    #[test]
    fn equal_descriptors_are_interned_once() {
        let a = CustomScheme::from_json(r#"{"name":"Intern","header":"X-Intern-Sig"}"#).unwrap();
        let b =
            CustomScheme::from_json(r#" { "header" : "x-intern-sig", "name":"Intern" } "#).unwrap();
        assert_eq!(a, b);
        assert!(std::ptr::eq(a.scheme(), b.scheme()));
        let c = CustomScheme::from_json(r#"{"name":"Intern","header":"x-intern-sig2"}"#).unwrap();
        assert_ne!(a, c);
    }

    #[test]
    fn the_table_is_bounded() {
        let mut table = Table::new();
        let d = |n: &str| Descriptor::parse(&format!(r#"{{"name":"{n}","header":"h"}}"#)).unwrap();
        intern(&mut table, d("a"), 2).unwrap();
        intern(&mut table, d("b"), 2).unwrap();
        // An equal one is found, not added.
        intern(&mut table, d("a"), 2).unwrap();
        let e = intern(&mut table, d("c"), 2).err().unwrap();
        assert_eq!(e.code(), ErrorCode::InvalidConfig);
        assert!(
            e.message()
                .contains("already holds 2 distinct custom descriptors")
        );
        assert_eq!(table.len(), 2);
    }

    #[test]
    fn a_descriptor_becomes_the_scheme_it_says() {
        let s = CustomScheme::from_json(
            r#"{"name":"Stripe-like","header":"Acme-Signature","signatures":{"pairs":",","keys":["v1"]},
               "template":"{timestamp}.{body}","timestamp":{"pair":"t","window":"past-only"},
               "id":{"field":"id"},"event":{"field":"type"},"retries":true}"#,
        )
        .unwrap()
        .scheme();
        assert_eq!(s.id, "custom");
        assert_eq!(s.display_name, "Stripe-like");
        let sig = s.signature().unwrap();
        assert_eq!(sig.header, "acme-signature");
        assert_eq!(
            sig.extract,
            Extract::Pairs {
                separator: b',',
                keys: &["v1"],
                space: false
            }
        );
        assert_eq!(
            sig.signed_content,
            &[Part::Timestamp, Part::Literal("."), Part::Body]
        );
        let ts = s.timestamp.as_ref().unwrap();
        assert_eq!(ts.source, TimestampSource::Pair("t"));
        assert!(ts.signed);
        assert_eq!(ts.window, Window::PastOnly);
        assert_eq!(ts.default_tolerance, 300);
        assert_eq!(s.required_fields, &["id", "type"]);
        assert!(s.retries);
    }

    #[test]
    fn basic_numbered_rfc3339_and_field_timestamps_become_their_schemes() {
        let s = CustomScheme::from_json(r#"{"name":"Basic","auth":"basic","id":{"field":"id"}}"#)
            .unwrap()
            .scheme();
        assert!(matches!(s.auth, Auth::Basic));
        assert_eq!(s.required_fields, &["id"]);
        let s = CustomScheme::from_json(
            r#"{"name":"Numbered","header":"X-Acme-Signature-","encoding":"base64","signatures":{"numbered":3}}"#,
        )
        .unwrap()
        .scheme();
        let sig = s.signature().unwrap();
        assert_eq!(sig.extract, Extract::Numbered { max: 3 });
        assert_eq!(
            sig.header_names(),
            [
                "x-acme-signature-1",
                "x-acme-signature-2",
                "x-acme-signature-3"
            ]
        );
        let s = CustomScheme::from_json(
            r#"{"name":"Twitchish","header":"x-sig","prefix":"sha256=","template":"{id}{timestamp}{body}",
               "id":{"header":"x-id"},"timestamp":{"header":"x-ts","unit":"rfc3339","window":"past-only","toleranceSeconds":600}}"#,
        )
        .unwrap()
        .scheme();
        let ts = s.timestamp.as_ref().unwrap();
        assert_eq!(ts.unit, TimeUnit::Rfc3339);
        assert_eq!(ts.source, TimestampSource::Header("x-ts"));
        assert!(ts.signed);
        let s = CustomScheme::from_json(
            r#"{"name":"Linearish","header":"x-sig","timestamp":{"field":"sentAt","unit":"ms","toleranceSeconds":60}}"#,
        )
        .unwrap()
        .scheme();
        let ts = s.timestamp.as_ref().unwrap();
        assert_eq!(ts.source, TimestampSource::BodyField("sentAt"));
        assert_eq!(ts.unit, TimeUnit::Milliseconds);
        assert_eq!(ts.default_tolerance, 60);
        assert!(ts.signed);
    }
}

#[cfg(test)]
mod options_tests {
    use crate::error::ErrorCode;
    use crate::{Options, Provider, SignRequest, Verifier, sign};

    const SLACK_LIKE: &str = r#"{"name":"Slackish","header":"x-slackish-signature","prefix":"v0=",
        "template":"v0:{timestamp}:{body}","timestamp":{"header":"x-slackish-request-timestamp"},
        "event":{"field":"type"}}"#;

    fn config_message(json: &str) -> String {
        let e = Options::from_json(json)
            .and_then(|o| Verifier::new(&o))
            .err();
        assert!(e.is_some(), "accepted: {json}");
        let e = e.expect("a rejection");
        assert_eq!(e.code(), ErrorCode::InvalidConfig, "{json}");
        e.message().to_owned()
    }

    #[test]
    fn options_carry_the_descriptor_as_an_object_or_as_text() {
        let object = format!(r#"{{"provider":"custom","secret":"s","scheme":{SLACK_LIKE}}}"#);
        let quoted = crate::json::quote(SLACK_LIKE);
        let text = format!(r#"{{"provider":"custom","secret":"s","scheme":{quoted}}}"#);
        let a = Options::from_json(&object).unwrap();
        let b = Options::from_json(&text).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.provider, Provider::Custom);
        let v = Verifier::new(&a).unwrap();
        assert_eq!(v.scheme().display_name, "Slackish");
        assert_eq!(v.tolerance_seconds(), 300);
        assert_eq!(
            v.header_names(),
            vec!["x-slackish-signature", "x-slackish-request-timestamp"]
        );
    }

    #[test]
    fn sign_and_verify_round_trip() {
        let options = Options::from_json(&format!(
            r#"{{"provider":"custom","secret":"8f742231b10e8888abcd99yyyzzz85a5","scheme":{SLACK_LIKE}}}"#
        ))
        .unwrap();
        let body = br#"{"type":"event_callback","token":"x"}"#;
        let signed = sign(
            Provider::Custom,
            &SignRequest {
                secret: "8f742231b10e8888abcd99yyyzzz85a5",
                body: Some(body),
                timestamp: 1_780_065_000,
                scheme: options.scheme,
                ..Default::default()
            },
        )
        .unwrap();
        let v = Verifier::new(&options).unwrap();
        let ok = v.verify(&signed.headers, body, 1_780_065_001).unwrap();
        assert_eq!(ok.provider, Provider::Custom);
        assert_eq!(ok.event.as_deref(), Some("event_callback"));
        assert_eq!(ok.timestamp, Some(1_780_065_000));
        assert_eq!(ok.dedupe_key, None);
        let err = v
            .verify(&signed.headers, b"{}", 1_780_065_001)
            .err()
            .unwrap();
        assert_eq!(err.code(), ErrorCode::SignatureMismatch);
        let with_scheme = SignRequest {
            secret: "s",
            scheme: options.scheme,
            ..Default::default()
        };
        for (provider, req, why) in [
            (
                Provider::Custom,
                &with_scheme,
                "no body: there is no envelope to build",
            ),
            (Provider::Custom, &SignRequest::default(), "no descriptor"),
            (
                Provider::Insigner,
                &with_scheme,
                "a descriptor for a built-in provider",
            ),
        ] {
            let e = sign(provider, req).expect_err(why);
            assert_eq!(e.code(), ErrorCode::InvalidConfig, "{why}");
        }
    }

    #[test]
    fn options_rejections() {
        for (json, want) in [
            (
                r#"{"provider":"custom","secret":"s"}"#,
                "options: provider \"custom\" needs scheme",
            ),
            (
                r#"{"provider":"custom","secret":"s","scheme":null}"#,
                "needs scheme",
            ),
            (
                r#"{"provider":"insigner","secret":"s","scheme":{"name":"A","header":"h"}}"#,
                "options: scheme is for provider \"custom\" only",
            ),
            (
                r#"{"provider":"custom","secret":"s","scheme":7}"#,
                "options: scheme must be a descriptor object",
            ),
            (
                r#"{"provider":"custom","secret":"s","scheme":[1]}"#,
                "options: scheme is not a JSON object",
            ),
            (
                r#"{"provider":"custom","secret":"s","scheme":"{"}"#,
                "options: scheme is not a JSON object",
            ),
            (
                r#"{"provider":"custom","secret":"s","scheme":{"name":"A","header":"h","timestamp":{"header":"t","unit":"us"}}}"#,
                "options: scheme.timestamp.unit must be \"s\", \"ms\" or \"rfc3339\"",
            ),
            (
                r#"{"provider":"custom","secret":"s","schema":{}}"#,
                "unknown field `schema` (did you mean `scheme`?)",
            ),
            // The options' own checks apply with the descriptor's facts.
            (
                r#"{"provider":"custom","secret":"s","toleranceSeconds":60,"scheme":{"name":"A","header":"h"}}"#,
                "A deliveries carry no timestamp",
            ),
            (
                r#"{"provider":"custom","secret":"s","header":"x-t","scheme":{"name":"A","header":"h"}}"#,
                "the header option is for token providers; A signs",
            ),
            (
                r#"{"provider":"custom","secret":"s","maxEventAgeSeconds":9999999,"scheme":{"name":"A","header":"h"}}"#,
                "maxEventAgeSeconds needs a signed event time",
            ),
            (
                r#"{"provider":"custom","secret":"not base64!","scheme":{"name":"A","header":"h","key":"whsec-base64"}}"#,
                "secret 0 is not a whsec_ base64 key",
            ),
        ] {
            let msg = config_message(json);
            assert!(msg.contains(want), "{json}\n  got: {msg}");
        }
        // Built by hand: the same rules.
        let mut o = Options::new(Provider::Custom, "s");
        assert_eq!(
            Verifier::new(&o).err().map(|e| e.code()),
            Some(ErrorCode::InvalidConfig)
        );
        o.provider = Provider::Insigner;
        o.scheme = Options::from_json(&format!(
            r#"{{"provider":"custom","secret":"s","scheme":{SLACK_LIKE}}}"#
        ))
        .unwrap()
        .scheme;
        assert_eq!(
            Verifier::new(&o).err().map(|e| e.code()),
            Some(ErrorCode::InvalidConfig)
        );
    }

    #[test]
    fn a_token_scheme_takes_the_header_option() {
        let o = Options::from_json(
            r#"{"provider":"custom","secret":"tok","header":"X-Hook-Key","scheme":{"name":"Tok","auth":"token","event":{"field":"event"}}}"#,
        )
        .unwrap();
        let v = Verifier::new(&o).unwrap();
        assert_eq!(v.token_header(), Some("x-hook-key"));
        let ok = v
            .verify(&[("x-hook-key", "tok")][..], br#"{"event":"a.b"}"#, 0)
            .unwrap();
        assert_eq!(ok.event.as_deref(), Some("a.b"));
        // Without the event field the envelope is refused (the descriptor says it is there).
        let e = v
            .verify(&[("x-hook-key", "tok")][..], b"{}", 0)
            .err()
            .unwrap();
        assert_eq!(e.code(), ErrorCode::InvalidPayload);
    }
}
