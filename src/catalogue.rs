//! The catalogue as JSON: every built-in descriptor, what the npm package exports as `providers`.
//! Written at build time by `examples/catalogue.rs` (a native run, samples included) into
//! `pkg/dist/catalogue.mjs`, so neither this writer nor the sample events travel in the wasm.

use crate::Provider;
use crate::json::{ObjectWriter, array, quote};

/// Every built-in descriptor as JSON, the npm package's `providers` (written at build time by
/// `examples/catalogue.rs` into `pkg/dist/catalogue.mjs`, so neither this writer nor the sample
/// events travel in the wasm), for the playground, the README's table and the generated types.
pub fn providers_json() -> String {
    use crate::scheme::{Auth, Extract, Field, Part};
    // Where a value lives, for people: `{"in":"body","name":"type"}`, or null.
    let field = |f: Option<Field>| match f {
        Some(Field::Body(n)) => format!(r#"{{"in":"body","name":{}}}"#, quote(n)),
        Some(Field::Header(n)) => format!(r#"{{"in":"header","name":{}}}"#, quote(n)),
        None => "null".to_owned(),
    };
    array(Provider::ALL.iter().map(|p| {
        let s = p.scheme();
        let auth = match &s.auth {
            Auth::Signature(sig) => {
                // `header` stays the one header a delivery signed with one secret carries
                // (DocuSign's `x-docusign-signature-1`); `headers` lists every one read.
                let names = sig.header_names();
                let first = names.first().map_or(sig.header, String::as_str);
                ObjectWriter::new()
                .str("kind", "signature")
                .str("header", first)
                .raw("headers", &array(names.iter().map(|n| quote(n))))
                .str("algorithm", sig.algorithm.name())
                .str("prefix", sig.prefix)
                .str("encoding", sig.encoding.name())
                // What the playground explains: the signed bytes in order (`{"part":"body"}`
                // or `{"literal":"."}`), how the secret becomes the key, how the header holds
                // the signature(s).
                .raw(
                    "signedContent",
                    &array(sig.signed_content.iter().map(|part| match part {
                        Part::Body => r#"{"part":"body"}"#.to_owned(),
                        Part::Timestamp => r#"{"part":"timestamp"}"#.to_owned(),
                        Part::Id => r#"{"part":"id"}"#.to_owned(),
                        Part::Url => r#"{"part":"url"}"#.to_owned(),
                        Part::UrlDecoded => r#"{"part":"urlDecoded"}"#.to_owned(),
                        Part::Method => r#"{"part":"method"}"#.to_owned(),
                        Part::FormParams => r#"{"part":"formParams"}"#.to_owned(),
                        Part::Literal(l) => format!(r#"{{"literal":{}}}"#, quote(l)),
                    })),
                )
                .str("key", sig.key.name())
                .raw(
                    "extract",
                    &match sig.extract {
                        Extract::Single => r#"{"kind":"single"}"#.to_owned(),
                        Extract::List { separator } => format!(
                            r#"{{"kind":"list","separator":{}}}"#,
                            quote(&char::from(separator).to_string())
                        ),
                        // `key`: the first (what the signer writes); `keys`: every one read.
                        Extract::Pairs {
                            separator,
                            keys,
                            space,
                        } => format!(
                            r#"{{"kind":"pairs","separator":{},"key":{},"keys":{},"space":{space}}}"#,
                            quote(&char::from(separator).to_string()),
                            quote(keys.first().copied().unwrap_or_default()),
                            array(keys.iter().map(|k| quote(k)))
                        ),
                        Extract::Numbered { max } => format!(
                            r#"{{"kind":"numbered","headerStem":{},"max":{max}}}"#,
                            quote(sig.header)
                        ),
                    },
                )
                // Checked with `publicKey` (Discord, SendGrid), not a secret.
                .bool("publicKey", sig.algorithm.is_public_key())
                // Public-key tokens beside the MACs in the same header (Standard Webhooks'
                // `v1a`): checked with `publicKey`, signed with a private key.
                .raw(
                    "public",
                    &sig.public.map_or("null".to_owned(), |p| {
                        ObjectWriter::new()
                            .str("algorithm", p.algorithm.name())
                            .str("prefix", p.prefix)
                            .str("encoding", p.encoding.name())
                            .str("key", p.key.name())
                            .finish()
                    }),
                )
                .opt_str("fallbackHeader", sig.fallback.map(|f| f.header))
                // PandaDoc: the signature is this query parameter of the request URL.
                .opt_str("query", sig.query)
                .bool("needsUrl", sig.needs_url())
                .finish()
            }
            Auth::Token(t) => ObjectWriter::new()
                .str("kind", "token")
                .str("defaultHeader", t.default_header)
                // Whether the customer names the header (the `header` option: Inspakt).
                .bool("headerConfigurable", t.configurable)
                .finish(),
            Auth::Basic => ObjectWriter::new()
                .str("kind", "basic")
                .str("header", crate::scheme::BASIC_AUTH_HEADER)
                .str("defaultHeader", crate::scheme::BASIC_AUTH_HEADER)
                .bool("headerConfigurable", false)
                .finish(),
            // A MAC over a few body fields, carried in the body (Dropbox Sign, SignWell,
            // Mailgun): paths are dotted member names.
            Auth::BodyField(b) => ObjectWriter::new()
                .str("kind", "bodyField")
                .str("signatureField", b.signature)
                .str("algorithm", b.algorithm.name())
                .str("encoding", b.encoding.name())
                .raw(
                    "signedContent",
                    &array(b.signed_content.iter().map(|part| match part {
                        crate::scheme::FieldPart::Field(f) => {
                            format!(r#"{{"field":{}}}"#, quote(f))
                        }
                        crate::scheme::FieldPart::Literal(l) => {
                            format!(r#"{{"literal":{}}}"#, quote(l))
                        }
                    })),
                )
                .str("key", "utf8")
                .opt_str("multipartField", b.multipart_field)
                .finish(),
        };
        let timestamp = s.timestamp.as_ref().map_or_else(
            || "null".to_owned(),
            |t| {
                use crate::scheme::{TimeUnit, TimestampSource, Window};
                // `header` stays a string (the playground labels with it): empty where the
                // timestamp is a body field (`bodyField`), which no header carries.
                let (header, pair, body_field) = match t.source {
                    TimestampSource::Header(h) => (h, None, None),
                    TimestampSource::Pair(k) => {
                        (s.signature().map_or("", |sig| sig.header), Some(k), None)
                    }
                    TimestampSource::BodyField(f) => ("", None, Some(f)),
                };
                ObjectWriter::new()
                    .str("header", header)
                    .opt_str("pair", pair)
                    .opt_str("bodyField", body_field)
                    .str(
                        "unit",
                        match t.unit {
                            TimeUnit::Seconds => "s",
                            TimeUnit::Milliseconds => "ms",
                            TimeUnit::Rfc3339 => "rfc3339",
                        },
                    )
                    .str(
                        "window",
                        match t.window {
                            Window::Symmetric => "symmetric",
                            Window::PastOnly => "past-only",
                        },
                    )
                    .bool("signed", t.signed)
                    .num("defaultTolerance", t.default_tolerance)
                    .finish()
            },
        );
        let event_time = s.event_time.as_ref().map_or_else(
            || "null".to_owned(),
            |t| {
                ObjectWriter::new()
                    .str("field", t.field)
                    .str(
                        "format",
                        match t.format {
                            crate::scheme::TimeFormat::Rfc3339 => "rfc3339",
                        },
                    )
                    .finish()
            },
        );
        let cross_checks = array(s.cross_checks.iter().map(|c| {
            ObjectWriter::new()
                .str("header", c.header)
                .str("field", c.field)
                .finish()
        }));
        let events = array(s.events.iter().map(|e| {
            ObjectWriter::new()
                .str("name", e.name)
                .str("description", e.description)
                .str("sampleData", e.sample_data)
                .finish()
        }));
        let handshakes = array(s.handshakes.iter().map(handshake_json));
        ObjectWriter::new()
            .str("id", s.id)
            .str("displayName", s.display_name)
            .str("source", s.source)
            .raw("auth", &auth)
            .raw("timestamp", &timestamp)
            .opt_str("idHeader", s.id_header())
            .opt_str("eventHeader", s.event_header())
            .raw("idSource", &field(s.id_source))
            .raw("eventSource", &field(s.event_source))
            .raw(
                "requiredFields",
                &array(s.required_fields.iter().map(|f| quote(f))),
            )
            .bool("bodyIsJson", s.body_is_json)
            // false where the MAC covers a few body fields only (Dropbox Sign, SignWell,
            // Mailgun): the rest of the body is not authenticated.
            .bool("bodySigned", s.body_signed())
            .bool("formBodies", s.form_bodies)
            .raw("crossChecks", &cross_checks)
            .bool("retries", s.retries)
            // Replay protection keyed on the signed bytes (no delivery id: Discord, SendGrid).
            .bool("dedupeSigned", s.dedupe_signed)
            .raw(
                "retryWindowSeconds",
                &s.retry_window_seconds
                    .map_or_else(|| "null".to_owned(), |w| w.to_string()),
            )
            .raw("eventTime", &event_time)
            .raw("events", &events)
            .raw("handshakes", &handshakes)
            .raw("acknowledgement", &acknowledgement_json(s.acknowledgement))
            .finish()
    }))
}

/// What an accepted delivery is answered with: `null`, `{"kind":"text","body":"…"}` or
/// `{"kind":"echo-token","jsonKey":"…"}`.
fn acknowledgement_json(a: Option<crate::handshake::Acknowledgement>) -> String {
    use crate::handshake::Acknowledgement;
    match a {
        None => "null".to_owned(),
        Some(Acknowledgement::Text(body)) => ObjectWriter::new()
            .str("kind", "text")
            .str("body", body)
            .finish(),
        Some(Acknowledgement::EchoToken { json_key }) => ObjectWriter::new()
            .str("kind", "echo-token")
            .str("jsonKey", json_key)
            .finish(),
    }
}

/// One handshake as the catalogue describes it: `{"trigger":{"kind":"body-field","path":[…],
/// "value":"…"},"answer":{"kind":"echo-body-field","path":[…]}}` (kinds: `header`,
/// `body-field`, `body-number`, `query`, `get-with-token`; `echo-body-field`, `mac-body-field`, `echo-query`,
/// `echo-token`, `fixed`).
fn handshake_json(h: &crate::handshake::Handshake) -> String {
    use crate::handshake::{Answer, Trigger};
    let path = |p: &[&str]| array(p.iter().map(|k| quote(k)));
    let trigger = match h.trigger {
        Trigger::Header { name, value } => ObjectWriter::new()
            .str("kind", "header")
            .str("name", name)
            .str("value", value)
            .finish(),
        Trigger::BodyField { path: p, value } => ObjectWriter::new()
            .str("kind", "body-field")
            .raw("path", &path(p))
            .str("value", value)
            .finish(),
        Trigger::Query { name, value } => ObjectWriter::new()
            .str("kind", "query")
            .str("name", name)
            .str("value", value)
            .finish(),
        Trigger::BodyNumber { key, value, unless } => ObjectWriter::new()
            .str("kind", "body-number")
            .str("key", key)
            .num("value", value)
            .str("unless", unless)
            .finish(),
        Trigger::GetWithToken => ObjectWriter::new().str("kind", "get-with-token").finish(),
    };
    let answer = match h.answer {
        Answer::EchoBodyField { path: p } => ObjectWriter::new()
            .str("kind", "echo-body-field")
            .raw("path", &path(p))
            .finish(),
        Answer::MacBodyField {
            path: p,
            plain,
            mac,
        } => ObjectWriter::new()
            .str("kind", "mac-body-field")
            .raw("path", &path(p))
            .str("plain", plain)
            .str("mac", mac)
            .finish(),
        Answer::EchoQuery { challenge, token } => ObjectWriter::new()
            .str("kind", "echo-query")
            .str("challenge", challenge)
            .str("token", token)
            .finish(),
        Answer::EchoToken { json_key } => ObjectWriter::new()
            .str("kind", "echo-token")
            .str("jsonKey", json_key)
            .finish(),
        Answer::Fixed {
            status,
            content_type,
            body,
        } => ObjectWriter::new()
            .str("kind", "fixed")
            .num("status", status)
            .str("contentType", content_type)
            .str("body", body)
            .finish(),
    };
    ObjectWriter::new()
        .raw("trigger", &trigger)
        .raw("answer", &answer)
        .finish()
}
