//! Inspakt confirmation. Inspakt authenticates a delivery with a static header token only (no
//! signature, no timestamp, no retries), so whoever learns the token can forge any event. Its
//! documentation's advice is to confirm state with the Get Envelope endpoint; a route with
//! `confirm` does that for every event before the origin sees it: the envelope is looked up
//! (`GET {apiBase}/envelopes/{id}`, header `X-Inspakt-Api-Key`) and the event is forwarded only
//! when the envelope's state agrees with it, with `X-Hookguard-Confirmed: <status>`.
//!
//! Confirmation runs in the queue consumer (a confirm route must be in queue mode): an Inspakt
//! API that is down, slow or answering nonsense makes the message retry with backoff and, after
//! the last retry, land in the dead-letter queue; it never loses the event, and never forwards
//! it unconfirmed. An event the rules cannot judge (an unknown event type, no or an ambiguous
//! envelope id) goes the same way, to the dead-letter queue where an operator sees it. Only an
//! event the API positively contradicts, still after `graceSeconds` (the API may lag behind the
//! webhook), is acknowledged and logged `not_confirmed`, never forwarded.
//!
//! What is vouched for is the envelope id and its status, sent to the origin as
//! `X-Hookguard-Confirmed-Envelope` and `X-Hookguard-Confirmed`: the rest of the body is the
//! sender's word, so an origin acts on that envelope (and reads anything else it needs from
//! the API), not on the body's other fields.
//!
//! The rules (the seed documentation: statuses draft, sent, finalized, voided, expired; only
//! drafts can be deleted; finalized and voided are final; `envelope.deleted` means gone). Where
//! the documentation is silent the rule takes the safe side (docs/WORKER.md lists each choice):
//! an event is confirmed only by a state that can follow it, an unknown event is never confirmed.

use crate::json::{Field, object_fields, object_raw_fields};
use crate::worker::raw_fetch;
use futures_util::future::{Either, select};
use std::time::Duration;
use worker::{AbortController, Delay, Headers};

/// The longest an envelope id may be; Inspakt's look like `env_…`.
const MAX_ID_BYTES: usize = 128;
/// The most of an API answer that is read.
const MAX_ANSWER_BYTES: usize = 256 * 1024;
/// The header the Inspakt API reads its key from.
pub const API_KEY_HEADER: &str = "x-inspakt-api-key";
/// The default deadline for one look-up.
pub const DEFAULT_TIMEOUT_MS: u32 = 5_000;
pub const MAX_TIMEOUT_MS: u32 = 30_000;
/// How long after the edge verified an event a contradiction is taken for the API's lag.
pub const DEFAULT_GRACE_SECONDS: u64 = 120;
pub const MAX_GRACE_SECONDS: u64 = 3_600;

/// A route's confirmation settings, ready to use.
pub struct Confirm {
    /// The API key (a Worker secret; never logged).
    pub api_key: String,
    /// `https://…/api/v1/key`, without a trailing `/`.
    pub api_base: String,
    pub timeout_ms: u32,
    pub grace_seconds: u64,
}

/// What the envelope's state must be for an event to be confirmed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// Any of these statuses.
    AnyOf(&'static [&'static str]),
    /// The envelope no longer exists.
    Gone,
}

/// Every status an envelope can have once it was sent (sent ones may since have been finalized,
/// voided or expired; a sent envelope can no longer be deleted).
const PAST_DRAFT: &[&str] = &["sent", "finalized", "voided", "expired"];
const ANY: &[&str] = &["draft", "sent", "finalized", "voided", "expired"];

/// The rule for an event, `None` for an event the rules do not know (never confirmed).
pub fn expectation(event: &str) -> Option<Expect> {
    Some(match event {
        // Created as a draft; it may have moved on since. A draft deleted before the look-up
        // is not confirmed (its envelope.deleted is).
        "envelope.created" => Expect::AnyOf(ANY),
        "envelope.sent"
        | "document.finalized"
        | "recipient.activated"
        | "recipient.completed-document"
        | "recipient.declined-document" => Expect::AnyOf(PAST_DRAFT),
        // Final states: nothing follows them.
        "envelope.finalized" => Expect::AnyOf(&["finalized"]),
        "envelope.voided" => Expect::AnyOf(&["voided"]),
        "envelope.deleted" => Expect::Gone,
        _ => return None,
    })
}

/// What confirmation decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Forward it, with the envelope's id and this status (`deleted` for a gone envelope).
    Confirmed { status: String, envelope: String },
    /// Never forward it: the API contradicts the event, after the grace period. `status` is
    /// what the API said, when it said one.
    Contradicted {
        reason: &'static str,
        status: Option<String>,
    },
    /// The API contradicts it, but within the grace period: ask again later (retried).
    Pending {
        reason: &'static str,
        status: Option<String>,
    },
    /// Ask again later (retried): the API is down, slow, refuses the key or answered something
    /// unreadable.
    Unavailable(String),
    /// The rules cannot judge it (retried into the dead-letter queue, never dropped).
    Unjudgeable(&'static str),
}

/// The envelope id of an Inspakt event body, read only where the event's documentation puts it:
/// `data.envelope.id` for `envelope.created`, `data.envelopeId` for the others. A body that has
/// the other field too is ambiguous (the API would vouch for one id, the origin might read the
/// other) and is refused, as is an id that is not a plain id.
pub fn envelope_id(event: &str, body: &[u8]) -> Result<String, &'static str> {
    const NONE: &str = "no_envelope_id";
    let doc = std::str::from_utf8(body).map_err(|_| NONE)?;
    let data = object_raw_fields(doc, &["data"])
        .map_err(|_| NONE)?
        .into_iter()
        .next()
        .flatten()
        .ok_or(NONE)?;
    let fields = object_raw_fields(data, &["envelopeId", "envelope"]).map_err(|_| NONE)?;
    let (flat, nested) = match fields.as_slice() {
        [flat, nested] => (*flat, *nested),
        _ => return Err(NONE),
    };
    let nested_id = |envelope: &str| -> Result<Option<String>, &'static str> {
        match object_fields(envelope, &["id"])
            .map_err(|_| NONE)?
            .into_iter()
            .next()
            .flatten()
        {
            Some(Field::Str(s)) => Ok(Some(s)),
            None => Ok(None),
            Some(_) => Err(NONE),
        }
    };
    let id = if event == "envelope.created" {
        if flat.is_some() {
            return Err("ambiguous_envelope_id");
        }
        nested.map(nested_id).transpose()?.flatten().ok_or(NONE)?
    } else {
        if nested.map(nested_id).transpose()?.flatten().is_some() {
            return Err("ambiguous_envelope_id");
        }
        flat.and_then(string_value).ok_or(NONE)?
    };
    if plain_id(&id) { Ok(id) } else { Err(NONE) }
}

fn string_value(raw: &str) -> Option<String> {
    match crate::json::value(raw).ok()? {
        Field::Str(s) => Some(s),
        _ => None,
    }
}

/// An id that is safe as one path segment as it is: letters, digits, `_` and `-`.
fn plain_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_BYTES
        && id
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
}

/// The decision for one event, from the API's answer (`http` status and body text);
/// `in_grace`: the event is younger than the grace period, so a contradiction may be lag.
pub fn judge(expect: Expect, id: &str, http: u16, answer: &str, in_grace: bool) -> Verdict {
    let found = match read_answer(http, answer, id) {
        Ok(found) => found,
        Err(why) => return Verdict::Unavailable(why),
    };
    let confirmed = |status: String| Verdict::Confirmed {
        status,
        envelope: id.to_owned(),
    };
    let (reason, status) = match (expect, found) {
        (Expect::Gone, None) => return confirmed("deleted".to_owned()),
        (Expect::AnyOf(allowed), Some(status)) if allowed.contains(&status.as_str()) => {
            return confirmed(status);
        }
        (Expect::Gone, Some(status)) => ("envelope_exists", Some(status)),
        (Expect::AnyOf(_), None) => ("unknown_envelope", None),
        (Expect::AnyOf(_), Some(status)) => ("state_mismatch", Some(status)),
    };
    if in_grace {
        Verdict::Pending { reason, status }
    } else {
        Verdict::Contradicted { reason, status }
    }
}

/// `Ok(Some(status))`: the envelope exists; `Ok(None)`: the API said it does not; `Err`: no
/// answer to go by.
fn read_answer(http: u16, answer: &str, id: &str) -> Result<Option<String>, String> {
    let shape = || "the API's answer is not the documented {success, payload | error}".to_owned();
    match http {
        // A 404 counts as "no such envelope" only with the API's own answer in it (a proxy's
        // or a wrong path's 404 is no answer about the envelope).
        200 | 404 => {}
        401 | 403 => return Err(format!("the API refused the key (HTTP {http})")),
        _ => return Err(format!("the API answered HTTP {http}")),
    }
    let fields = object_fields(answer, &["success", "payload", "error"]).map_err(|_| shape())?;
    let raw = object_raw_fields(answer, &["payload", "error"]).map_err(|_| shape())?;
    match fields.first() {
        Some(Some(Field::Bool(true))) if http == 200 => {
            let payload = raw
                .first()
                .copied()
                .flatten()
                .ok_or_else(|| "the API's answer has success but no payload".to_owned())?;
            let mut p = object_fields(payload, &["status", "id"])
                .map_err(|_| "the API's payload is not an object".to_owned())?
                .into_iter();
            let status = match p.next().flatten() {
                Some(Field::Str(s)) if ANY.contains(&s.as_str()) => s,
                Some(Field::Str(_)) => {
                    return Err("the envelope has a status the rules do not know".to_owned());
                }
                _ => return Err("the API's payload has no status".to_owned()),
            };
            // The answer must name the envelope asked about: a cached or canned answer, or one
            // about another envelope, is no answer.
            match p.next().flatten() {
                Some(Field::Str(s)) if s == id => Ok(Some(status)),
                Some(Field::Str(_)) => Err("the API answered about another envelope".to_owned()),
                _ => Err("the API's payload does not name the envelope".to_owned()),
            }
        }
        Some(Some(Field::Bool(false))) => {
            // The documentation shows `error` without a fixed shape; only an error that says the
            // envelope was not found means "gone". Anything else (a refused or unknown key, a
            // rate limit, an unknown route) is asked again.
            let error = raw
                .get(1)
                .copied()
                .flatten()
                .unwrap_or("")
                .to_ascii_lowercase();
            let about_envelope = error.contains("envelope");
            let not_found = ["not found", "not_found", "notfound", "does not exist"]
                .iter()
                .any(|m| error.contains(m));
            let about_key = ["key", "auth", "token", "team", "route", "permission"]
                .iter()
                .any(|m| error.contains(m));
            if about_envelope && not_found && !about_key {
                Ok(None)
            } else {
                Err(format!("the API answered success: false (HTTP {http})"))
            }
        }
        _ => Err(shape()),
    }
}

/// Looks the envelope up and decides; `age_seconds`: how long ago the edge verified the event.
/// Never returns an error: a failure is `Unavailable`.
pub async fn confirm(
    confirm: &Confirm,
    event: Option<&str>,
    body: &[u8],
    age_seconds: u64,
) -> Verdict {
    let Some((event, expect)) = event.and_then(|e| Some((e, expectation(e)?))) else {
        return Verdict::Unjudgeable("unknown_event");
    };
    let id = match envelope_id(event, body) {
        Ok(id) => id,
        Err(reason) => return Verdict::Unjudgeable(reason),
    };
    let in_grace = age_seconds < confirm.grace_seconds;
    match look_up(confirm, &id).await {
        Ok((http, text)) => judge(expect, &id, http, &text, in_grace),
        Err(why) => Verdict::Unavailable(why),
    }
}

async fn look_up(confirm: &Confirm, id: &str) -> Result<(u16, String), String> {
    let url = format!("{}/envelopes/{id}", confirm.api_base);
    let headers = Headers::new();
    let set = |k: &str, v: &str| {
        headers
            .set(k, v)
            .map_err(|_| "could not build the request".to_owned())
    };
    set(API_KEY_HEADER, &confirm.api_key)?;
    set("accept", "application/json")?;
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    init.set_headers(&headers.0);
    init.set_redirect(web_sys::RequestRedirect::Manual);
    let controller = AbortController::default();
    let signal = controller.signal();
    init.set_signal(Some(&signal));
    let global = js_sys::global();
    let work = async {
        let res = raw_fetch::fetch(&global, &url, &init)
            .await
            .map_err(|_| "the API could not be reached".to_owned())?;
        let status = res.status();
        let text = raw_fetch::text(&res)
            .await
            .map_err(|_| "the API's answer could not be read".to_owned())?;
        if text.len() > MAX_ANSWER_BYTES {
            return Err("the API's answer is too large".to_owned());
        }
        Ok((status, text))
    };
    let deadline = Delay::from(Duration::from_millis(u64::from(confirm.timeout_ms)));
    futures_util::pin_mut!(work);
    futures_util::pin_mut!(deadline);
    match select(work, deadline).await {
        Either::Left((result, _)) => result,
        Either::Right(((), _)) => {
            controller.abort();
            Err(format!(
                "the API did not answer within {} ms",
                confirm.timeout_ms
            ))
        }
    }
}
