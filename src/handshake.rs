//! Handshakes: the requests a provider sends to check that an endpoint is the one it was
//! given (Slack's `url_verification`, Zoom's `endpoint.url_validation`, Twitch's challenge,
//! Meta's `hub.challenge` GET, BoldSign's `Verification`, Adobe Acrobat Sign's verification
//! of intent). The endpoint must answer them itself, with an exact response; the worker does
//! so and never forwards them (docs/WORKER.md, "Handshakes").
//!
//! Each provider's handshake is data in its descriptor ([`crate::Scheme::handshakes`]): what
//! marks the request ([`Trigger`]) and what the answer is ([`Answer`]). A later provider adds a
//! descriptor entry, not a code path: Discord's PING (`{"type":1}` answered `{"type":1}`) is a
//! [`Trigger::BodyField`] with an [`Answer::Fixed`].
//!
//! Acknowledgements are the other half: what the endpoint must answer every delivery it
//! **accepts** with, where a bare 2xx is not enough ([`crate::Scheme::acknowledgement`]):
//! Dropbox Sign wants a 200 whose body is `Hello API Event Received`, Adobe Acrobat Sign the
//! `X-AdobeSign-ClientId` request header echoed; without it they retry a delivered event for
//! days. Those deliveries are verified and forwarded like any other; the verified result
//! carries the response ([`Verifier::acknowledgement`]) and the worker answers with it.
//!
//! URL-signing providers (Twilio, Square, HubSpot, PandaDoc) authenticate a POST handshake
//! with the request's `url` and `method`, as [`Verifier::verify_request`] does; none of them
//! has a handshake today.
//!
//! Rules: a POST handshake is authenticated exactly like a delivery (signature, timestamp; the
//! same error codes), except that a route's `events` allow-list does not apply (a handshake is
//! not an event the origin receives). A GET handshake carries no signature: Meta's is checked
//! against the configured `verifyToken` (SHA-256 digests compared in constant time, like
//! tokens), Adobe's client id against the configured secret, the same way. Nothing is echoed
//! before the request passed those checks.

use crate::codec::{ct_eq, hex_encode};
use crate::error::{Error, ErrorCode};
use crate::headers::{HeaderSource, Lookup, trim_ows};
use crate::verify::{RequestInfo, Verifier};
use sha2::{Digest, Sha256};

/// One handshake a provider sends: what marks it, and what the endpoint must answer.
#[derive(Debug)]
pub struct Handshake {
    /// What marks the request as this handshake.
    pub trigger: Trigger,
    /// The response the provider expects.
    pub answer: Answer,
}

/// What marks a request as a handshake. Header and body triggers are POSTs, authenticated
/// like deliveries before they are answered; a query trigger is a GET.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// A POST whose header `name` (lower case) is `value`, byte for byte after trimming
    /// (Twitch's `Twitch-Eventsub-Message-Type: webhook_callback_verification`).
    Header {
        /// The header.
        name: &'static str,
        /// Its value.
        value: &'static str,
    },
    /// A POST whose JSON body holds the string `value` at `path` (top-level key, then keys of
    /// nested objects): Slack's `type` `url_verification`, Zoom's `event`
    /// `endpoint.url_validation`.
    BodyField {
        /// The keys, outermost first.
        path: &'static [&'static str],
        /// The string it holds.
        value: &'static str,
    },
    /// A POST whose JSON body has the non-negative integer `value` at top-level `key`, and no
    /// member `unless` (Discord's interaction PING: `"type": 1`, where a Webhook Events event
    /// also has `"type": 1` but with an `event` member; its PING is `"type": 0`).
    BodyNumber {
        /// The top-level key.
        key: &'static str,
        /// The integer it holds.
        value: u64,
        /// A top-level member whose presence means this is not the handshake; empty for none.
        unless: &'static str,
    },
    /// A GET whose URL query has `name=value` (Meta's `hub.mode=subscribe`), the query decoded
    /// as a form (`src/form.rs`, strictly).
    Query {
        /// The query parameter.
        name: &'static str,
        /// Its value.
        value: &'static str,
    },
    /// A GET carrying the token header of a token scheme (Adobe Acrobat Sign's verification
    /// of intent: `X-AdobeSign-ClientId`), authenticated by that token before it is answered.
    GetWithToken,
}

/// The response a handshake expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// 200 `text/plain`, the body's string at `path` exactly (Slack's and Twitch's
    /// `challenge`). Missing, or not a string: `invalid_payload`.
    EchoBodyField {
        /// The keys, outermost first.
        path: &'static [&'static str],
    },
    /// 200 `application/json` `{"<plain>": <the string at path>, "<mac>": <the hex HMAC of it,
    /// with the signature's algorithm and the secret that verified the request>}` (Zoom's
    /// `plainToken` and `encryptedToken`: HMAC-SHA256 with the Secret Token).
    MacBodyField {
        /// The keys, outermost first.
        path: &'static [&'static str],
        /// The member echoing the string.
        plain: &'static str,
        /// The member holding its MAC.
        mac: &'static str,
    },
    /// 200 `text/plain`, the query parameter `challenge`, once the query parameter `token`
    /// equals the configured `verifyToken` (Meta's `hub.challenge` and `hub.verify_token`):
    /// `token_mismatch` otherwise, `invalid_config` without a `verifyToken`.
    EchoQuery {
        /// The parameter to echo.
        challenge: &'static str,
        /// The parameter holding the verify token.
        token: &'static str,
    },
    /// 200 with the verified token header echoed, in the same response header and as the
    /// JSON body `{"<json_key>": "<value>"}` (Adobe Acrobat Sign accepts either; both are
    /// sent).
    EchoToken {
        /// The member of the JSON body.
        json_key: &'static str,
    },
    /// A fixed response (BoldSign's `Verification`: 200 and nothing else is asked).
    Fixed {
        /// The status.
        status: u16,
        /// The content type; empty for none (with an empty body).
        content_type: &'static str,
        /// The body.
        body: &'static str,
    },
}

/// What the endpoint answers every delivery it accepts with (see the module doc).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Acknowledgement {
    /// 200 `text/plain` with this body (Dropbox Sign's `Hello API Event Received`).
    Text(&'static str),
    /// 200 with the verified token header echoed, as [`Answer::EchoToken`] (Adobe Acrobat
    /// Sign's `X-AdobeSign-ClientId`).
    EchoToken {
        /// The member of the JSON body.
        json_key: &'static str,
    },
}

/// What the endpoint answers a handshake with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandshakeResponse {
    /// The HTTP status.
    pub status: u16,
    /// The response headers, lower-case names.
    pub headers: Vec<(&'static str, String)>,
    /// The body (UTF-8 text).
    pub body: String,
}

impl HandshakeResponse {
    /// `{"status":200,"headers":{"content-type":"text/plain"},"body":"…"}`.
    pub fn to_json(&self) -> String {
        use crate::json::ObjectWriter;
        let mut headers = ObjectWriter::new();
        for (k, v) in &self.headers {
            headers.str(k, v);
        }
        ObjectWriter::new()
            .num("status", self.status)
            .raw("headers", &headers.finish())
            .str("body", &self.body)
            .finish()
    }

    fn text(status: u16, content_type: &'static str, body: String) -> HandshakeResponse {
        HandshakeResponse {
            status,
            headers: if content_type.is_empty() {
                Vec::new()
            } else {
                vec![("content-type", content_type.to_owned())]
            },
            body,
        }
    }
}

/// The string at `path` in a JSON object body: `None` when the body is no JSON object, a key
/// is missing or the value is not a string (or holds a lone surrogate). Every level read is
/// validated; nesting is walked one object at a time, never recursively.
pub(crate) fn body_string(body: &[u8], path: &[&str]) -> Option<String> {
    let mut doc = std::str::from_utf8(body).ok()?;
    let (last, outer) = path.split_last()?;
    for key in outer {
        let members = crate::json::object_members(doc).ok()?;
        doc = members.into_iter().find(|(k, _)| k == key)?.1;
    }
    match crate::json::object_fields(doc, &[last]).ok()?.pop()?? {
        crate::json::Field::Str(s) => Some(s),
        _ => None,
    }
}

/// The non-negative integer at top-level `key` of a JSON object body, when the body has no
/// member `unless` (empty: no such condition); `None` otherwise or when the body is no JSON
/// object.
pub(crate) fn body_number(body: &[u8], key: &str, unless: &str) -> Option<u64> {
    let doc = std::str::from_utf8(body).ok()?;
    let mut fields = crate::json::object_fields(doc, &[key, unless]).ok()?;
    let unless_found = fields.pop()?.is_some();
    let absent = unless.is_empty() || !unless_found;
    match fields.pop()?? {
        crate::json::Field::Uint(n) if absent => Some(n),
        _ => None,
    }
}

/// The query of `url` (after `?`, before `#`), decoded strictly as a form; no query is an
/// empty list. A query that does not decode is `invalid_payload` (never quoted).
pub(crate) fn query_pairs(url: &str) -> Result<Vec<(String, String)>, Error> {
    let Some(q) = url.split_once('?').map(|(_, q)| q) else {
        return Ok(Vec::new());
    };
    let q = q.split_once('#').map_or(q, |(q, _)| q);
    crate::form::decode(q.as_bytes())
        .map_err(|_| Error::payload("the URL's query is not strictly form-encoded"))
}

impl Verifier {
    /// Answers a handshake: `Ok(None)` when the request is none of this provider's handshakes
    /// (verify it as a delivery), `Ok(Some(response))` with the exact response the provider
    /// expects, or the error a delivery would get (a handshake is authenticated like one).
    /// `method` is the request's (`POST`, `GET`), `url` its full URL (needed for a GET
    /// handshake's query; `None` reads as no query).
    pub fn handshake<H: HeaderSource + ?Sized>(
        &self,
        headers: &H,
        body: &[u8],
        now: i64,
        method: &str,
        url: Option<&str>,
    ) -> Result<Option<HandshakeResponse>, Error> {
        let handshakes = self.scheme().handshakes;
        if handshakes.is_empty() {
            return Ok(None);
        }
        let mut query: Option<Vec<(String, String)>> = None;
        for hs in handshakes {
            let matched = match hs.trigger {
                Trigger::Header { name, value } => {
                    method == "POST"
                        && matches!(headers.lookup(name), Lookup::One(v) if trim_ows(v) == value.as_bytes())
                }
                Trigger::BodyField { path, value } => {
                    if method == "POST" {
                        // Bounded before the body is read: as verify would refuse it.
                        self.check_size(body)?;
                    }
                    method == "POST" && body_string(body, path).is_some_and(|s| s == value)
                }
                // Discord's, whose verifier needs the asymmetric build: no code without it.
                Trigger::BodyNumber { key, value, unless } if cfg!(feature = "asymmetric") => {
                    if method == "POST" {
                        self.check_size(body)?;
                    }
                    method == "POST" && body_number(body, key, unless) == Some(value)
                }
                Trigger::BodyNumber { .. } => false,
                Trigger::GetWithToken => {
                    method == "GET"
                        && !matches!(
                            headers.lookup(self.token_header().unwrap_or_default()),
                            Lookup::Absent
                        )
                }
                Trigger::Query { name, value } => {
                    if method != "GET" {
                        false
                    } else {
                        let q = match &query {
                            Some(q) => q,
                            None => query.insert(query_pairs(url.unwrap_or_default())?),
                        };
                        q.iter().any(|(k, v)| k == name && v == value)
                    }
                }
            };
            if !matched {
                continue;
            }
            let key_index = match hs.trigger {
                // A POST handshake is a delivery in every check but the allow-list.
                // A URL-signing provider's MAC covers the request's URL and method.
                Trigger::Header { .. } | Trigger::BodyField { .. } | Trigger::BodyNumber { .. } => {
                    let request = RequestInfo {
                        url,
                        method: Some(method),
                    };
                    Some(self.authenticate(headers, body, now, &request)?.key_index)
                }
                Trigger::GetWithToken => Some(self.check_token(headers)?),
                Trigger::Query { .. } => None,
            };
            if let Answer::EchoToken { json_key } = hs.answer {
                return Ok(self.echo_token(headers, json_key));
            }
            return self
                .answer(
                    hs.answer,
                    body,
                    key_index,
                    query.as_deref().unwrap_or_default(),
                )
                .map(Some);
        }
        Ok(None)
    }

    /// Whether this provider sends a handshake as a GET (Meta): the worker then answers GETs
    /// on its route instead of refusing them.
    pub fn has_get_handshake(&self) -> bool {
        self.scheme()
            .handshakes
            .iter()
            .any(|h| matches!(h.trigger, Trigger::Query { .. } | Trigger::GetWithToken))
    }

    /// What the endpoint answers this verified delivery with when it accepts it, where the
    /// provider asks for more than a bare 2xx ([`crate::Scheme::acknowledgement`]); `None`
    /// for the others. Call it only after [`Verifier::verify`] succeeded on these headers.
    pub fn acknowledgement<H: HeaderSource + ?Sized>(
        &self,
        headers: &H,
    ) -> Option<HandshakeResponse> {
        match self.scheme().acknowledgement? {
            Acknowledgement::Text(body) => {
                Some(HandshakeResponse::text(200, "text/plain", body.to_owned()))
            }
            Acknowledgement::EchoToken { json_key } => self.echo_token(headers, json_key),
        }
    }

    /// Whether accepted deliveries need [`Verifier::acknowledgement`]'s answer.
    pub fn has_acknowledgement(&self) -> bool {
        self.scheme().acknowledgement.is_some()
    }

    /// 200 with the token header echoed in the same response header and as JSON (Adobe
    /// Acrobat Sign's client id); `None` for a scheme without a token header, or without
    /// that header in `headers` (never after the token check passed).
    fn echo_token<H: HeaderSource + ?Sized>(
        &self,
        headers: &H,
        json_key: &str,
    ) -> Option<HandshakeResponse> {
        let crate::scheme::Auth::Token(spec) = &self.scheme().auth else {
            return None;
        };
        let Lookup::One(raw) = headers.lookup(spec.default_header) else {
            return None;
        };
        // What the token check compared: equal to a configured secret, so UTF-8.
        let value = String::from_utf8_lossy(trim_ows(raw)).into_owned();
        let body = crate::json::ObjectWriter::new()
            .str(json_key, &value)
            .finish();
        Some(HandshakeResponse {
            status: 200,
            headers: vec![
                ("content-type", "application/json".to_owned()),
                (spec.default_header, value),
            ],
            body,
        })
    }

    /// The headers [`Verifier::handshake`] reads: [`Verifier::header_names`] plus the
    /// handshake triggers' own (Twitch's message type).
    pub fn handshake_header_names(&self) -> Vec<String> {
        let mut names = self.header_names();
        for hs in self.scheme().handshakes {
            if let Trigger::Header { name, .. } = hs.trigger
                && !names.iter().any(|n| n == name)
            {
                names.push(name.to_owned());
            }
        }
        names
    }

    fn answer(
        &self,
        answer: Answer,
        body: &[u8],
        key_index: Option<usize>,
        query: &[(String, String)],
    ) -> Result<HandshakeResponse, Error> {
        // Messages are put together without format!: the npm .wasm counts every byte.
        let says = |parts: &[&str]| parts.concat();
        let field = |path: &'static [&'static str]| {
            body_string(body, path).ok_or_else(|| {
                let last = path.last().copied().unwrap_or_default();
                Error::payload(says(&["the handshake's body has no \"", last, "\" string"]))
            })
        };
        match answer {
            Answer::EchoBodyField { path } => {
                Ok(HandshakeResponse::text(200, "text/plain", field(path)?))
            }
            Answer::MacBodyField { path, plain, mac } => {
                let value = field(path)?;
                let key = key_index
                    .and_then(|i| self.mac_key(i))
                    .ok_or_else(|| Error::config("this handshake needs an HMAC secret"))?;
                let tag = key.tag_bytes(value.as_bytes());
                let json = crate::json::ObjectWriter::new()
                    .str(plain, &value)
                    .str(mac, &hex_encode(tag.as_slice()))
                    .finish();
                Ok(HandshakeResponse::text(200, "application/json", json))
            }
            Answer::EchoQuery { challenge, token } => {
                let Some(expected) = self.verify_token_digest() else {
                    return Err(Error::config(
                        "this endpoint check needs verifyToken, the Verify Token set in the \
                         provider's dashboard",
                    ));
                };
                let param = |name: &str| {
                    query
                        .iter()
                        .find(|(k, _)| k == name)
                        .map(|(_, v)| v.as_str())
                };
                let given: [u8; 32] = Sha256::digest(param(token).unwrap_or_default()).into();
                if !ct_eq(&given, expected) {
                    return Err(Error::new(
                        ErrorCode::TokenMismatch,
                        says(&[
                            "the ",
                            token,
                            " query parameter does not match the configured verifyToken",
                        ]),
                    ));
                }
                match param(challenge) {
                    Some(c) if !c.is_empty() => {
                        Ok(HandshakeResponse::text(200, "text/plain", c.to_owned()))
                    }
                    _ => Err(Error::payload(says(&[
                        "the endpoint check has no ",
                        challenge,
                        " query parameter",
                    ]))),
                }
            }
            // Answered in `handshake`, which has the headers.
            Answer::EchoToken { .. } => Err(Error::config("this handshake echoes a header")),
            Answer::Fixed {
                status,
                content_type,
                body,
            } => Ok(HandshakeResponse::text(
                status,
                content_type,
                body.to_owned(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, Provider};

    #[test]
    fn body_strings_are_read_along_their_path() {
        let b = br#"{"event":"x","payload":{"plainToken":"abc","n":1},"s":"t"}"#;
        assert_eq!(body_string(b, &["event"]).as_deref(), Some("x"));
        assert_eq!(
            body_string(b, &["payload", "plainToken"]).as_deref(),
            Some("abc")
        );
        assert_eq!(body_string(b, &["payload", "n"]), None);
        assert_eq!(body_string(b, &["payload", "missing"]), None);
        assert_eq!(body_string(b, &["s", "deeper"]), None);
        assert_eq!(body_string(b, &[]), None);
        assert_eq!(body_string(b"not json", &["event"]), None);
        assert_eq!(body_string(b"\xff", &["event"]), None);
        // Duplicated keys are refused, as the envelope reader refuses them.
        assert_eq!(body_string(br#"{"a":"1","a":"2"}"#, &["a"]), None);
        assert_eq!(
            body_string(br#"{"p":{"a":"1","a":"2"}}"#, &["p", "a"]),
            None
        );
    }

    #[test]
    fn queries_decode_strictly() {
        assert_eq!(query_pairs("https://x/y").unwrap(), vec![]);
        assert_eq!(
            query_pairs("https://x/y?hub.mode=subscribe&hub.challenge=1%2B2+3#frag").unwrap(),
            vec![
                ("hub.mode".to_owned(), "subscribe".to_owned()),
                ("hub.challenge".to_owned(), "1+2 3".to_owned())
            ]
        );
        let e = query_pairs("https://x/?a=%zz").unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidPayload);
        let e = query_pairs("https://x/?a=1&a=2").unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidPayload);
    }

    const TS: i64 = 1_780_065_000;

    fn signed(p: Provider, secret: &str, body: &[u8]) -> Vec<(String, String)> {
        crate::sign(
            p,
            &crate::SignRequest {
                secret,
                body: Some(body),
                timestamp: TS,
                ..Default::default()
            },
        )
        .unwrap()
        .headers
    }

    fn verifier(p: Provider, secrets: &[&str]) -> Verifier {
        let mut o = Options::new(p, secrets[0]);
        o.secrets = secrets.iter().map(|s| (*s).to_owned()).collect();
        Verifier::new(&o).unwrap()
    }

    fn code<T: std::fmt::Debug>(r: Result<T, Error>) -> ErrorCode {
        r.unwrap_err().code()
    }

    fn hmac_hex(key: &str, msg: &[u8]) -> String {
        use hmac::{KeyInit, Mac};
        let mut m = hmac::Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap();
        m.update(msg);
        hex_encode(&m.finalize().into_bytes())
    }

    fn plain(body: &str) -> HandshakeResponse {
        HandshakeResponse {
            status: 200,
            headers: vec![("content-type", "text/plain".to_owned())],
            body: body.to_owned(),
        }
    }

    #[test]
    fn slack_url_verification_is_verified_then_echoed_as_text() {
        let secret = "8f742231b10e8888abcd99yyyzzz85a5";
        let v = verifier(Provider::Slack, &[secret]);
        let body = br#"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#;
        let h = signed(Provider::Slack, secret, body);
        let r = v.handshake(&h, body, TS, "POST", None).unwrap();
        assert_eq!(
            r,
            Some(plain(
                "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
            ))
        );
        assert_eq!(
            r.unwrap().to_json(),
            r#"{"status":200,"headers":{"content-type":"text/plain"},"body":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}"#
        );
        // Signed like a delivery: the same codes for the same faults.
        let wrong = signed(Provider::Slack, "another-secret", body);
        assert_eq!(
            code(v.handshake(&wrong, body, TS, "POST", None)),
            ErrorCode::SignatureMismatch
        );
        assert_eq!(
            code(v.handshake(&[("x", "y")], body, TS, "POST", None)),
            ErrorCode::MissingHeader
        );
        assert_eq!(
            code(v.handshake(&h, body, TS + 301, "POST", None)),
            ErrorCode::TimestampTooOld
        );
        // An allow-list is for events: the handshake is still answered.
        let mut o = Options::new(Provider::Slack, secret);
        o.events = Some(vec!["event_callback".to_owned()]);
        let listed = Verifier::new(&o).unwrap();
        assert!(
            listed
                .handshake(&h, body, TS, "POST", None)
                .unwrap()
                .is_some()
        );
        assert_eq!(
            code(listed.verify(&h, body, TS)),
            ErrorCode::EventNotAllowed
        );
        // No challenge: invalid_payload, after the signature passed.
        let bare = br#"{"type":"url_verification"}"#;
        let hb = signed(Provider::Slack, secret, bare);
        assert_eq!(
            code(v.handshake(&hb, bare, TS, "POST", None)),
            ErrorCode::InvalidPayload
        );
        // Other events, forms and other methods are no handshake.
        let ev = br#"{"type":"event_callback","event_id":"Ev1"}"#;
        let he = signed(Provider::Slack, secret, ev);
        assert_eq!(v.handshake(&he, ev, TS, "POST", None), Ok(None));
        assert_eq!(v.handshake(&h, b"command=%2Fx", TS, "POST", None), Ok(None));
        assert_eq!(v.handshake(&h, body, TS, "PUT", None), Ok(None));
    }

    #[test]
    fn zoom_url_validation_answers_the_hmac_of_the_plain_token() {
        let secret = "wF4bL9x0QkqS1aZt3mPq7w";
        let body = br#"{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1780065000123,"event":"endpoint.url_validation"}"#;
        let h = signed(Provider::Zoom, secret, body);
        // Keyed with the secret that verified the request (the second here).
        let v = verifier(Provider::Zoom, &["oldSecretToken5sX2d9Qm", secret]);
        let r = v.handshake(&h, body, TS, "POST", None).unwrap().unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(
            r.headers,
            vec![("content-type", "application/json".to_owned())]
        );
        let mac = hmac_hex(secret, b"qgg8vlvZRS6UYooatFL8Aw");
        assert_eq!(
            r.body,
            format!(r#"{{"plainToken":"qgg8vlvZRS6UYooatFL8Aw","encryptedToken":"{mac}"}}"#)
        );
        // SCHEMES section 6's self-derived value for this plain token.
        assert_eq!(
            hmac_hex("hookguard_test_secret", b"qgg8vlvZRS6UYooatFL8Aw"),
            "97225c3f04f036a3db23fb86676e5f4529c22d1b3e437a55ecc10dd364340c56"
        );
        let unsigned = [("x-zm-request-timestamp", TS.to_string())];
        assert_eq!(
            code(v.handshake(&unsigned, body, TS, "POST", None)),
            ErrorCode::MissingHeader
        );
        let no_token = br#"{"payload":{},"event":"endpoint.url_validation"}"#;
        let hn = signed(Provider::Zoom, secret, no_token);
        assert_eq!(
            code(v.handshake(&hn, no_token, TS, "POST", None)),
            ErrorCode::InvalidPayload
        );
    }

    #[test]
    fn twitch_challenges_are_triggered_by_the_message_type_header() {
        let secret = "s3cre7-twitch-subscription";
        let body = br#"{"challenge":"pogchamp-kappa-360noscope-vohiyo","subscription":{"id":"f1c2a387-161a-49f9-a165-0f21d7a4e1c4","status":"webhook_callback_verification_pending","type":"channel.follow","version":"1"}}"#;
        let mut h = signed(Provider::Twitch, secret, body);
        let v = verifier(Provider::Twitch, &[secret]);
        assert!(
            v.handshake_header_names()
                .contains(&"twitch-eventsub-message-type".to_owned())
        );
        // sign() writes `notification`: not a handshake.
        assert_eq!(v.handshake(&h, body, TS, "POST", None), Ok(None));
        for (k, val) in &mut h {
            if k == "twitch-eventsub-message-type" {
                *val = "webhook_callback_verification".to_owned();
            }
        }
        assert_eq!(
            v.handshake(&h, body, TS, "POST", None),
            Ok(Some(plain("pogchamp-kappa-360noscope-vohiyo")))
        );
        let wrong = verifier(Provider::Twitch, &["another-subscription-secret"]);
        assert_eq!(
            code(wrong.handshake(&h, body, TS, "POST", None)),
            ErrorCode::SignatureMismatch
        );
        assert_eq!(
            code(v.handshake(&h, body, TS + 601, "POST", None)),
            ErrorCode::TimestampTooOld
        );
    }

    #[test]
    fn meta_answers_the_get_with_the_challenge_once_the_verify_token_matches() {
        let mut o = Options::new(Provider::Meta, "app-secret-0123456789");
        o.verify_token = Some("my-verify-token".to_owned());
        let v = Verifier::new(&o).unwrap();
        assert!(v.has_get_handshake());
        let url = "https://edge.example/webhooks/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=my-verify-token";
        let none: [(&str, &str); 0] = [];
        assert_eq!(
            v.handshake(&none, b"", TS, "GET", Some(url)),
            Ok(Some(plain("1158201444")))
        );
        let bad = url.replace("my-verify-token", "my-verify-tokem");
        assert_eq!(
            code(v.handshake(&none, b"", TS, "GET", Some(&bad))),
            ErrorCode::TokenMismatch
        );
        let missing = url.replace("&hub.verify_token=my-verify-token", "");
        assert_eq!(
            code(v.handshake(&none, b"", TS, "GET", Some(&missing))),
            ErrorCode::TokenMismatch
        );
        let no_challenge = url.replace("hub.challenge=1158201444&", "");
        assert_eq!(
            code(v.handshake(&none, b"", TS, "GET", Some(&no_challenge))),
            ErrorCode::InvalidPayload
        );
        // Not subscribe, no query, a POST: no handshake.
        let other = url.replace("subscribe", "unsubscribe");
        assert_eq!(v.handshake(&none, b"", TS, "GET", Some(&other)), Ok(None));
        assert_eq!(
            v.handshake(&none, b"", TS, "GET", Some("https://e/x")),
            Ok(None)
        );
        assert_eq!(v.handshake(&none, b"", TS, "GET", None), Ok(None));
        assert_eq!(v.handshake(&none, b"{}", TS, "POST", Some(url)), Ok(None));
        // Without a verifyToken the check cannot be answered.
        let plain_meta = Verifier::new(&Options::new(Provider::Meta, "app-secret")).unwrap();
        assert_eq!(
            code(plain_meta.handshake(&none, b"", TS, "GET", Some(url))),
            ErrorCode::InvalidConfig
        );
    }

    #[test]
    fn verify_token_is_checked_at_construction_and_never_printed() {
        let mut o = Options::new(Provider::Stripe, "whsec_x");
        o.verify_token = Some("t".to_owned());
        assert_eq!(code(Verifier::new(&o)), ErrorCode::InvalidConfig);
        let mut o = Options::new(Provider::Meta, "app-secret");
        o.verify_token = Some(String::new());
        assert_eq!(code(Verifier::new(&o)), ErrorCode::InvalidConfig);
        o.verify_token = Some(" tok".to_owned());
        assert_eq!(code(Verifier::new(&o)), ErrorCode::InvalidConfig);
        o.verify_token = Some("sekrit-verify-token".to_owned());
        assert!(!format!("{o:?}").contains("sekrit"));
        let parsed = Options::from_json(
            r#"{"provider":"meta","secret":"s","verifyToken":"sekrit-verify-token"}"#,
        )
        .unwrap();
        assert_eq!(parsed.verify_token.as_deref(), Some("sekrit-verify-token"));
        let e =
            Options::from_json(r#"{"provider":"meta","secret":"s","verifyToken":5}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidConfig);
        assert!(!e.message().contains('5'));
    }

    #[test]
    fn boldsign_verification_is_answered_200_after_its_signature() {
        let secret = "boldsign-webhook-secret";
        let body = br#"{"event":{"id":"7c872a5b-0000-0000-0000-92530a83a8b9","created":1780065000,"eventType":"Verification","clientId":"17c97f7a-0000-0000-0000-fef97b6544a7","environment":"Test"}}"#;
        let h = signed(Provider::Boldsign, secret, body);
        let v = verifier(Provider::Boldsign, &[secret]);
        assert_eq!(
            v.handshake(&h, body, TS, "POST", None),
            Ok(Some(HandshakeResponse {
                status: 200,
                headers: Vec::new(),
                body: String::new()
            }))
        );
        let wrong = verifier(Provider::Boldsign, &["other-secret"]);
        assert_eq!(
            code(wrong.handshake(&h, body, TS, "POST", None)),
            ErrorCode::SignatureMismatch
        );
        let sent = br#"{"event":{"id":"e1","eventType":"Sent"},"data":{}}"#;
        let hs = signed(Provider::Boldsign, secret, sent);
        assert_eq!(v.handshake(&hs, sent, TS, "POST", None), Ok(None));
    }

    #[test]
    fn github_and_intercom_pings_are_delivered_not_answered() {
        for p in [Provider::Github, Provider::Intercom] {
            assert!(p.scheme().handshakes.is_empty(), "{p:?}");
        }
        let secret = "gh-secret";
        let body = br#"{"zen":"Design for failure.","hook_id":1}"#;
        let mut h = signed(Provider::Github, secret, body);
        h.push(("x-github-event".to_owned(), "ping".to_owned()));
        let v = verifier(Provider::Github, &[secret]);
        assert_eq!(v.handshake(&h, body, TS, "POST", None), Ok(None));
    }

    #[test]
    fn an_oversize_body_is_refused_before_it_is_read() {
        let mut o = Options::new(Provider::Slack, "s3cret");
        o.max_body_bytes = Some(16);
        let v = Verifier::new(&o).unwrap();
        let body = br#"{"type":"url_verification","challenge":"x"}"#;
        assert_eq!(
            code(v.handshake(&[("a", "b")], body, TS, "POST", None)),
            ErrorCode::BodyTooLarge
        );
    }

    #[test]
    fn providers_without_handshakes_answer_none() {
        let v = Verifier::new(&Options::new(Provider::Stripe, "whsec_x")).unwrap();
        assert_eq!(v.handshake(&[("a", "b")], b"{}", 0, "POST", None), Ok(None));
        assert!(!v.has_get_handshake());
        assert_eq!(v.handshake_header_names(), v.header_names());
    }
}
