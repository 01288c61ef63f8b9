//! Builds genuine deliveries: for users' own tests, the playground and the worker's re-signing.

use crate::codec::{base64_encode, hex_encode};
use crate::custom::CustomScheme;
use crate::error::Error;
use crate::scheme::{
    Auth, Extract, Part, Provider, Scheme, SignatureSpec, TimeUnit, TimestampSource,
};
use crate::verify::{Inputs, MacKey, derive_key, encode};
use sha2::{Digest, Sha256};

/// What to sign.
#[derive(Clone, Debug, Default)]
pub struct SignRequest<'a> {
    /// The secret (inSigner, Standard Webhooks) or token (Inspakt).
    pub secret: &'a str,
    /// The exact body to send. When `None`, an envelope is built from `event`, `id` and the
    /// event's sample data.
    pub body: Option<&'a [u8]>,
    /// Unix seconds, for the timestamp header and the envelope's `created_at`.
    pub timestamp: i64,
    /// The delivery id. When `None`: taken from the body, or derived from event and timestamp.
    pub id: Option<&'a str>,
    /// The event type. When `None`: taken from the body, or the provider's first known event.
    pub event: Option<&'a str>,
    /// Token providers whose header the customer names (Inspakt): the header's name (default
    /// `authorization`). Refused for providers with a fixed token header.
    pub header: Option<&'a str>,
    /// `custom` only (and required there): the scheme descriptor.
    pub scheme: Option<CustomScheme>,
    /// The event's sample `data`, when the caller holds it (the npm package reads its samples
    /// from the catalogue file written at build time, not from the wasm). `None`: the
    /// descriptor's own (see [`crate::scheme::sample`]).
    pub sample: Option<&'a str>,
    /// URL-signing providers (Twilio, Square, HubSpot, PandaDoc): the URL the delivery is sent
    /// to, as the verifier will be given it.
    pub url: Option<&'a str>,
    /// URL-signing providers: the method (`POST` when `None`).
    pub method: Option<&'a str>,
}

/// A signed delivery: header names in lower case, and the exact body bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signed {
    /// Headers to send, in a stable order.
    pub headers: Vec<(String, String)>,
    /// The body to send.
    pub body: Vec<u8>,
    /// The URL to send it to, for URL-signing providers: the given one, or with what the
    /// provider adds (PandaDoc's `signature`, Twilio's `bodySHA256` for a JSON body).
    pub url: Option<String>,
}

/// Signs a delivery for `provider`.
pub fn sign(provider: Provider, req: &SignRequest<'_>) -> Result<Signed, Error> {
    let scheme = match (provider, req.scheme) {
        (Provider::Custom, Some(custom)) => custom.scheme(),
        (Provider::Custom, None) => {
            return Err(Error::config(
                "provider \"custom\" needs scheme, the descriptor (see docs/CUSTOM.md)",
            ));
        }
        (_, Some(_)) => return Err(Error::config("scheme is for provider \"custom\" only")),
        (p, None) => p.scheme(),
    };
    if req.secret.is_empty() {
        return Err(Error::config("no secret to sign with"));
    }
    if req.timestamp < 0 {
        return Err(Error::config(
            "timestamp must be unix seconds (non-negative)",
        ));
    }
    let mut body: Vec<u8> = match req.body {
        Some(b) => b.to_vec(),
        None if provider == Provider::Custom => {
            return Err(Error::config(
                "sign needs a body for provider \"custom\": hookguard knows no envelope for it",
            ));
        }
        None if scheme
            .signature()
            .is_some_and(|s| s.signed_content.contains(&Part::FormParams)) =>
        {
            form_envelope(provider, req)?
        }
        None => build_envelope(provider, req)?,
    };
    if let Auth::BodyField(spec) = &scheme.auth {
        let signed = sign_body_fields(spec, req.secret, &body)?;
        body = signed;
    }
    // Headers copy body fields; read them from the body so the two always agree. An explicit
    // event or id that disagrees with the body's would make a delivery that fails its own
    // header/body check: refused, without quoting either value.
    let (body_event, body_id) = body_fields(scheme, &body);
    for (given, found, field) in [(req.event, &body_event, "event"), (req.id, &body_id, "id")] {
        if let (Some(g), Some(f)) = (given, found)
            && g != f
        {
            return Err(Error::config(format!(
                "the {field} option disagrees with the body's {field}; leave it out to use the body's"
            )));
        }
    }
    // An event that lives in a header (Twitch, BoldSign, Linear) is the one the generated
    // envelope was built for.
    let generated_event = match req.body {
        None => scheme.events.first().map(|e| e.name.to_owned()),
        Some(_) => None,
    };
    let event = req
        .event
        .map(str::to_owned)
        .or(body_event)
        .or(generated_event);
    let id = match (req.id, body_id) {
        (Some(id), _) => Some(id.to_owned()),
        (None, Some(id)) => Some(id),
        (None, None) if scheme.id_header().is_some() => Some(derived_id(provider, req, &body)),
        (None, None) => None,
    };
    let timestamp = match scheme.timestamp.as_ref().map(|t| t.unit) {
        Some(TimeUnit::Milliseconds) => i128::from(req.timestamp).saturating_mul(1000).to_string(),
        Some(TimeUnit::Rfc3339) => rfc3339_nanos(req.timestamp),
        _ => req.timestamp.to_string(),
    };

    let mut url = None;
    let mut headers: Vec<(String, String)> = scheme
        .static_headers
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    match &scheme.auth {
        Auth::Token(t) => {
            if req.header.is_some() && !t.configurable {
                return Err(Error::config(format!(
                    "{} always sends its token in {}; the header option does not apply",
                    scheme.display_name, t.default_header
                )));
            }
            let name = req.header.unwrap_or(t.default_header).to_ascii_lowercase();
            headers.push((name, req.secret.to_owned()));
            // A token provider's own id and event headers (GitLab's Idempotency-Key and
            // X-Gitlab-Event); Inspakt has none.
            if let (Some(h), Some(id)) = (scheme.id_header(), &id) {
                headers.push((h.to_owned(), id.clone()));
            }
            if let (Some(h), Some(e)) = (scheme.event_header(), &event) {
                headers.push((h.to_owned(), e.clone()));
            }
        }
        Auth::BodyField(_) => {}
        Auth::Basic => headers.push((
            crate::scheme::BASIC_AUTH_HEADER.to_owned(),
            format!("Basic {}", base64_encode(req.secret.as_bytes())),
        )),
        Auth::Signature(spec) => {
            let id = id.clone().unwrap_or_default();
            let (signed_url, params) = request_parts(scheme, spec, req, &body)?;
            let method = req.method.unwrap_or("POST");
            let url_bytes = if spec.signed_content.contains(&Part::UrlDecoded) {
                crate::url::hubspot_decoded(&signed_url)
            } else {
                signed_url.clone()
            };
            let signature = |spec: &SignatureSpec| -> Result<String, Error> {
                // A `whsk_` private key signs Standard Webhooks' `v1a` tokens.
                let spec = match spec.public {
                    Some(p) if req.secret.starts_with("whsk_") => p,
                    _ => spec,
                };
                let inputs = Inputs {
                    ts: timestamp.as_bytes(),
                    id: id.as_bytes(),
                    body: &body,
                    url: url_bytes.as_bytes(),
                    method: method.as_bytes(),
                    params: &params,
                };
                let bytes = if spec.algorithm.is_public_key() {
                    let mut message = Vec::new();
                    for part in spec.signed_content {
                        message.extend_from_slice(inputs.piece(part));
                    }
                    crate::asymmetric::sign_with(spec.algorithm, req.secret, &message)
                        .map_err(|why| Error::config(format!("the private key {why}")))?
                } else {
                    let key = derive_key(spec.key, req.secret)
                        .ok_or_else(|| Error::config("the secret is not a whsec_ base64 key"))?;
                    let key = MacKey::new(spec.algorithm, &key)
                        .ok_or_else(|| Error::config("the secret is not a usable key"))?;
                    key.tag(spec.signed_content, &inputs).as_slice().to_vec()
                };
                let sig = format!("{}{}", spec.prefix, encode(spec.encoding, &bytes));
                Ok(
                    match (spec.extract, scheme.timestamp.as_ref().map(|t| t.source)) {
                        (
                            Extract::Pairs {
                                separator,
                                keys,
                                space,
                            },
                            Some(TimestampSource::Pair(t)),
                        ) => {
                            let key = keys.first().copied().unwrap_or_default();
                            let space = if space { " " } else { "" };
                            format!("{t}={timestamp}{}{space}{key}={sig}", char::from(separator))
                        }
                        (Extract::Pairs { keys, .. }, _) => {
                            format!("{}={sig}", keys.first().copied().unwrap_or_default())
                        }
                        _ => sig,
                    },
                )
            };
            if let Some(h) = scheme.id_header() {
                headers.push((h.to_owned(), id.clone()));
            }
            if let Some(h) = scheme.timestamp.as_ref().and_then(|t| t.header()) {
                headers.push((h.to_owned(), timestamp.clone()));
            }
            if let (Some(h), Some(e)) = (scheme.event_header(), &event) {
                headers.push((h.to_owned(), e.clone()));
            }
            for check in scheme.cross_checks {
                let value = match check.field {
                    "event" => event.clone(),
                    "id" => Some(id.clone()),
                    _ => None,
                };
                if let Some(v) = value {
                    headers.push((check.header.to_owned(), v));
                }
            }
            if let Some(f) = spec.fallback {
                headers.push((f.header.to_owned(), signature(f)?));
            }
            let name = match spec.extract {
                // One configured secret: DocuSign's first numbered header.
                Extract::Numbered { .. } => spec.numbered_header(1),
                _ => spec.header.to_owned(),
            };
            match spec.query {
                // PandaDoc: the signature is appended to the URL's query.
                Some(q) => {
                    let sep = if signed_url.contains('?') { '&' } else { '?' };
                    url = Some(format!("{signed_url}{sep}{q}={}", signature(spec)?));
                }
                None => {
                    headers.push((name, signature(spec)?));
                    if spec.needs_url() {
                        url = Some(signed_url);
                    }
                }
            }
        }
    }
    Ok(Signed { headers, body, url })
}

/// The URL to sign and send to, and Twilio's signed form parameters: the URL must be given
/// for URL-signing schemes; Twilio's JSON bodies get `bodySHA256` appended when the URL lacks
/// it.
fn request_parts(
    scheme: &Scheme,
    spec: &SignatureSpec,
    req: &SignRequest<'_>,
    body: &[u8],
) -> Result<(String, Vec<u8>), Error> {
    if !spec.needs_url() {
        return Ok((String::new(), Vec::new()));
    }
    let url = req.url.ok_or_else(|| {
        Error::config(format!(
            "{} signs the request URL: pass the option url (the URL the delivery goes to)",
            scheme.display_name
        ))
    })?;
    if let Some(why) = crate::url::url_problem(url) {
        return Err(Error::config(format!("the option url {why}")));
    }
    if let Some(why) = req.method.and_then(crate::url::method_problem) {
        return Err(Error::config(format!("the option method {why}")));
    }
    if !spec.signed_content.contains(&Part::FormParams) {
        return Ok((url.to_owned(), Vec::new()));
    }
    if crate::form::looks_like_json(body) {
        let url = match crate::url::query_param(url, "bodySHA256") {
            crate::url::Param::Absent => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}bodySHA256={}", hex_encode(&Sha256::digest(body)))
            }
            _ => url.to_owned(),
        };
        return Ok((url, Vec::new()));
    }
    let fields = crate::form::decode_pairs(body).map_err(|e| {
        Error::config(format!(
            "the body is neither JSON nor a form Twilio signs: {e}"
        ))
    })?;
    Ok((url.to_owned(), crate::form::twilio_params(fields)))
}

/// A body-field scheme's body with its signature written in: the MAC over the signed fields,
/// keyed with the secret, replaces the signature field's value (which must be a string: the
/// generated envelopes hold `""`).
fn sign_body_fields(
    spec: &crate::scheme::BodyFieldSpec,
    secret: &str,
    body: &[u8],
) -> Result<Vec<u8>, Error> {
    use crate::scheme::FieldPart;
    let text =
        std::str::from_utf8(body).map_err(|_| Error::config("the body is not UTF-8 JSON"))?;
    let mut paths = vec![spec.signature];
    for p in spec.signed_content {
        if let FieldPart::Field(f) = p {
            paths.push(f);
        }
    }
    let values = crate::envelope::nested_fields(text, &paths).map_err(Error::config)?;
    let mut content = Vec::new();
    let mut i = 1;
    for p in spec.signed_content {
        match p {
            FieldPart::Literal(l) => content.extend_from_slice(l.as_bytes()),
            FieldPart::Field(f) => {
                let v = values
                    .get(i)
                    .cloned()
                    .flatten()
                    .ok_or_else(|| Error::config(format!("the body has no \"{f}\" to sign")))?;
                content.extend_from_slice(v.text().as_bytes());
                i += 1;
            }
        }
    }
    let key = MacKey::new(spec.algorithm, secret.as_bytes())
        .ok_or_else(|| Error::config("the secret is not a usable key"))?;
    let sig = encode(spec.encoding, key.tag_bytes(&content).as_slice());
    let span = crate::envelope::nested_span(text, spec.signature)
        .ok_or_else(|| Error::config(format!("the body has no \"{}\" string", spec.signature)))?;
    let (start, end) = span;
    let mut out = Vec::with_capacity(body.len() + sig.len());
    out.extend_from_slice(body.get(..start).unwrap_or_default());
    out.extend_from_slice(crate::json::quote(&sig).as_bytes());
    out.extend_from_slice(body.get(end..).unwrap_or_default());
    Ok(out)
}

/// Twilio's sample body: the event's sample `data` (a JSON object of strings) as a form.
#[inline(never)]
fn form_envelope(provider: Provider, req: &SignRequest<'_>) -> Result<Vec<u8>, Error> {
    let scheme = provider.scheme();
    let event = req
        .event
        .or_else(|| scheme.events.first().map(|e| e.name))
        .ok_or_else(|| Error::config("sign needs a body or an event"))?;
    let data = req
        .sample
        .or_else(|| scheme.event(event).map(|e| e.sample_data))
        .filter(|d| !d.is_empty())
        .unwrap_or("{}");
    let members = crate::json::object_members(data)
        .map_err(|_| Error::config("the sample is not a JSON object"))?;
    let mut out = String::new();
    for (k, raw) in members {
        let crate::json::Field::Str(v) = crate::json::value(raw)
            .map_err(|_| Error::config("the sample is not a JSON object"))?
        else {
            continue;
        };
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(&crate::url::form_encode(&k));
        out.push('=');
        out.push_str(&crate::url::form_encode(&v));
    }
    Ok(out.into_bytes())
}

fn body_fields(scheme: &Scheme, body: &[u8]) -> (Option<String>, Option<String>) {
    let event_field = match scheme.event_source {
        Some(crate::scheme::Field::Body(f)) => Some(f),
        _ => None,
    };
    let id_field = match scheme.id_source {
        Some(crate::scheme::Field::Body(f)) => Some(f),
        _ => None,
    };
    let wanted: Vec<&str> = [event_field, id_field].into_iter().flatten().collect();
    // Body-field providers name nested fields with dotted paths.
    if wanted.iter().any(|w| w.contains('.')) {
        let text = std::str::from_utf8(body).unwrap_or_default();
        let leaf = |f: Option<&str>| {
            let f = f?;
            match crate::envelope::nested_fields(text, &[f]).ok()?.pop()?? {
                crate::envelope::Leaf::Str(s) => Some(s),
                crate::envelope::Leaf::Uint(_) => None,
            }
        };
        return (leaf(event_field), leaf(id_field));
    }
    match crate::envelope::extract_fields(body, &wanted) {
        Ok(mut v) => {
            let id = if id_field.is_some() {
                v.pop().flatten()
            } else {
                None
            };
            let event = if event_field.is_some() {
                v.pop().flatten()
            } else {
                None
            };
            (event, id)
        }
        Err(_) => (None, None),
    }
}

fn derived_id(provider: Provider, req: &SignRequest<'_>, body: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(provider.id().as_bytes());
    h.update(req.timestamp.to_be_bytes());
    h.update(body);
    let digest = hex_encode(&h.finalize());
    format!(
        "{}{}",
        provider.scheme().id_prefix,
        digest.get(..16).unwrap_or_default()
    )
}

/// Fills the descriptor's `envelope` template (see [`crate::Scheme::envelope`]) for one event.
#[inline(never)] // cold (tests, the playground): kept out of sign()'s body
fn build_envelope(provider: Provider, req: &SignRequest<'_>) -> Result<Vec<u8>, Error> {
    let scheme = provider.scheme();
    let event = match req.event {
        Some(e) => e,
        None => scheme
            .events
            .first()
            .map(|e| e.name)
            .ok_or_else(|| Error::config("sign needs a body or an event"))?,
    };
    let data = req
        .sample
        .or_else(|| scheme.event(event).map(|e| e.sample_data))
        .filter(|d| !d.is_empty())
        .unwrap_or("{}");
    let id = match req.id {
        Some(id) => id.to_owned(),
        None => derived_id(provider, req, event.as_bytes()),
    };
    if scheme.envelope.is_empty() {
        return Ok(descriptor_envelope(provider, req, event, data).into_bytes());
    }
    let q = crate::json::quote;
    let mut out = String::with_capacity(scheme.envelope.len() + data.len() + 64);
    let mut rest = scheme.envelope;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find('}').map_or(0, |e| e + 1);
        match &rest[..end] {
            "{event}" => out.push_str(&q(event)),
            "{id}" => out.push_str(&q(&id)),
            "{data}" => out.push_str(data),
            "{timestamp}" => out.push_str(&req.timestamp.to_string()),
            "{timestamp_ms}" => out.push_str(
                &req.timestamp
                    .checked_mul(1000)
                    .ok_or_else(|| Error::config("timestamp is too large"))?
                    .to_string(),
            ),
            "{created_at}" => out.push_str(&q(&iso8601(req.timestamp))),
            // Body-field schemes: filled in once the signed fields are known.
            "{signature}" => out.push_str("\"\""),
            _ => {
                // A literal brace of the JSON itself.
                out.push('{');
                rest = &rest[1..];
                continue;
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    Ok(out.into_bytes())
}

/// The envelope of a provider whose body the descriptor describes: the event and id fields
/// where the descriptor reads them from the body, then the sample's own members (for these
/// providers a sample is the rest of the body, not a `data` object).
fn descriptor_envelope(
    provider: Provider,
    req: &SignRequest<'_>,
    event: &str,
    data: &str,
) -> String {
    let scheme = provider.scheme();
    let q = crate::json::quote;
    let mut members = Vec::new();
    if let Some(crate::scheme::Field::Body(f)) = scheme.event_source {
        members.push(format!("{}:{}", q(f), q(event)));
    }
    if let Some(crate::scheme::Field::Body(f)) = scheme.id_source {
        let id = match req.id {
            Some(id) => id.to_owned(),
            None => derived_id(provider, req, event.as_bytes()),
        };
        members.push(format!("{}:{}", q(f), q(&id)));
    }
    let rest = data
        .trim()
        .strip_prefix('{')
        .and_then(|d| d.strip_suffix('}'))
        .unwrap_or_default()
        .trim();
    if !rest.is_empty() {
        members.push(rest.to_owned());
    }
    format!("{{{}}}", members.join(","))
}

/// `YYYY-MM-DDTHH:MM:SS.000Z` for unix seconds (proleptic Gregorian, UTC).
pub fn iso8601(ts: i64) -> String {
    let days = ts.div_euclid(86_400);
    let secs = ts.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.000Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// `YYYY-MM-DDTHH:MM:SS.000000000Z` for unix seconds: RFC 3339 with nanosecond precision, as
/// Twitch writes its message timestamps.
pub fn rfc3339_nanos(ts: i64) -> String {
    let millis = iso8601(ts);
    match millis.strip_suffix(".000Z") {
        Some(base) => format!("{base}.000000000Z"),
        None => millis,
    }
}

/// Howard Hinnant's days-to-civil algorithm; exact for every i64 day count we can be given
/// (callers pass seconds / 86400, so |days| < 1.1e14 and no intermediate overflows).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn every_sample_envelope_is_json_with_its_event_and_id() {
        for p in Provider::ALL {
            let Some(event) = p.scheme().events.first() else {
                continue;
            };
            let req = SignRequest {
                secret: "whsec_c2FtcGxlIGtleSBmb3IgdGhlIGVudmVsb3BlIHRlc3Q=",
                timestamp: 1_780_065_000,
                event: Some(event.name),
                ..Default::default()
            };
            let body = build_envelope(p, &req).unwrap_or_default();
            let v: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
            // Or an array, for the providers whose body is a list of events (HubSpot, PandaDoc).
            assert!(
                v.is_object() || (!p.scheme().body_is_json && v.is_array()),
                "{}: {}",
                p.id(),
                String::from_utf8_lossy(&body)
            );
            let (e, _) = body_fields(p.scheme(), &body);
            if matches!(p.scheme().event_source, Some(crate::scheme::Field::Body(_))) {
                assert_eq!(e.as_deref(), Some(event.name), "{}", p.id());
            }
        }
    }

    #[test]
    fn iso8601_known_dates() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso8601(1_780_065_000), "2026-05-29T14:30:00.000Z");
        assert_eq!(iso8601(951_782_400), "2000-02-29T00:00:00.000Z");
        assert_eq!(iso8601(4_102_444_799), "2099-12-31T23:59:59.000Z");
        assert_eq!(
            rfc3339_nanos(1_780_065_000),
            "2026-05-29T14:30:00.000000000Z"
        );
        assert_eq!(
            crate::time::parse_rfc3339(&rfc3339_nanos(1_780_065_000)),
            Ok(1_780_065_000)
        );
    }

    #[test]
    fn an_explicit_event_or_id_must_agree_with_the_body() {
        let body = br#"{"id":"dlv_a","event":"document.completed"}"#;
        let req = |event, id| SignRequest {
            secret: "s",
            body: Some(body),
            event,
            id,
            ..Default::default()
        };
        for (event, id) in [(Some("document.declined"), None), (None, Some("dlv_b"))] {
            let err = sign(Provider::Insigner, &req(event, id)).err();
            assert_eq!(err.map(|e| e.code()), Some(ErrorCode::InvalidConfig));
        }
        // Agreeing (or absent) values sign, and the headers carry the body's.
        let signed = sign(
            Provider::Insigner,
            &req(Some("document.completed"), Some("dlv_a")),
        );
        let headers = signed.map(|s| s.headers).unwrap_or_default();
        assert!(headers.contains(&("x-insigner-event".into(), "document.completed".into())));
        assert!(headers.contains(&("x-insigner-delivery-id".into(), "dlv_a".into())));
    }
}

/// The Standard Webhooks headers over `body`: what the worker re-signs forwarded deliveries
/// with, so that it carries no general signer (`sign()` builds envelopes, URLs and every
/// provider's header shapes: ~11 KB of the worker's upload). Everything is read from the
/// `standard-webhooks` descriptor; the bytes equal `sign()`'s for it (a test checks).
/// A `whsk_` Ed25519 private key signs a `v1a` token instead (the origin verifies with the
/// `whpk_` public key and holds nothing that can forge). `invalid_config` when the secret is
/// neither.
pub fn standard_webhooks_headers(
    secret: &str,
    id: &str,
    timestamp: i64,
    body: &[u8],
) -> Result<Vec<(&'static str, String)>, Error> {
    let scheme = &crate::scheme::STANDARD_WEBHOOKS;
    let (Some(spec), Some(id_header), Some(ts_header)) = (
        scheme.signature(),
        scheme.id_header(),
        scheme.timestamp.as_ref().and_then(|t| t.header()),
    ) else {
        return Err(Error::config(
            "the standard-webhooks descriptor signs no header",
        ));
    };
    let ts = timestamp.to_string();
    let inputs = Inputs {
        ts: ts.as_bytes(),
        id: id.as_bytes(),
        body,
        url: b"",
        method: b"",
        params: b"",
    };
    // A `whsk_` Ed25519 private key signs `v1a` (the origin then holds only the public key).
    let (spec, bytes) = match spec.public {
        Some(public) if secret.starts_with("whsk_") => {
            let mut message = Vec::with_capacity(body.len().saturating_add(64));
            for part in public.signed_content {
                message.extend_from_slice(inputs.piece(part));
            }
            let sig = crate::asymmetric::sign_with(public.algorithm, secret, &message)
                .map_err(|why| Error::config(format!("the private key {why}")))?;
            (public, sig)
        }
        _ => {
            let key = derive_key(spec.key, secret)
                .and_then(|k| MacKey::new(spec.algorithm, &k))
                .ok_or_else(|| Error::config("the secret is not a whsec_ base64 key"))?;
            (
                spec,
                key.tag(spec.signed_content, &inputs).as_slice().to_vec(),
            )
        }
    };
    let mut signature = spec.prefix.to_owned();
    signature.push_str(&encode(spec.encoding, &bytes));
    Ok(vec![
        (id_header, id.to_owned()),
        (ts_header, ts),
        (spec.header, signature),
    ])
}

#[cfg(test)]
mod resign_tests {
    use super::*;

    #[test]
    fn standard_webhooks_headers_are_what_sign_writes() {
        // v1 with a whsec_ secret, v1a with a whsk_ private key (the published Go vector's).
        for secret in [
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=",
        ] {
            for (id, ts, body) in [
                (
                    "msg_p5jXN8AQM9LWM0D4loKWxJek",
                    1_614_265_330_i64,
                    &b"{\"test\": 2432232314}"[..],
                ),
                ("caf%C3%A9%201", 0, b""),
                ("hg_1", 4_102_444_800, b"\x00\xff binary"),
            ] {
                let lean = standard_webhooks_headers(secret, id, ts, body).unwrap();
                let full = sign(
                    Provider::StandardWebhooks,
                    &SignRequest {
                        secret,
                        body: Some(body),
                        timestamp: ts,
                        id: Some(id),
                        ..Default::default()
                    },
                )
                .unwrap();
                for (name, value) in &lean {
                    let got = full.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v);
                    assert_eq!(got, Some(value), "{name}");
                }
                assert_eq!(lean.len(), 3);
                let sig = &lean.last().unwrap().1;
                assert!(sig.starts_with(if secret.starts_with("whsk_") {
                    "v1a,"
                } else {
                    "v1,"
                }));
            }
        }
        // The published v1a vector: the worker's re-signing writes its exact token.
        let v1a = standard_webhooks_headers(
            "whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1_614_265_330,
            b"{\"test\": 2432232314}",
        )
        .unwrap();
        assert_eq!(
            v1a.last().unwrap().1,
            "v1a,tQ9V2XOqn7jL/DQenEFpqIugdBVtiMmER5mhSkXBNwM0mkATuDe6KYYUuxqtaiHeYGb7KaaBRdM5WqyeFiL8Ag=="
        );
        let e = standard_webhooks_headers("not base64 !", "m", 1, b"{}").unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::InvalidConfig);
    }
}
