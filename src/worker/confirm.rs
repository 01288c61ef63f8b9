//! Inspakt confirmation. Inspakt authenticates a delivery with a static header token only (no
//! signature, no timestamp, no retries), so whoever learns the token can forge any event. Its
//! documentation's advice is to confirm state with the Get Envelope endpoint; a route with
//! `confirm` does that for every event before the origin sees it: the envelope is looked up
//! (`GET {apiBase}/envelopes/{id}`, header `X-Inspakt-Api-Key`) and the event is forwarded only
//! when the envelope's state agrees with it, with `X-Hookguard-Confirmed: <status>`.
//!
//! Confirmation runs in the queue consumer (a confirm route must be in queue mode): an Inspakt
//! API that is down, slow or answering nonsense makes the message retry with backoff and, after
//! the last retry, land in the dead-letter queue; it never loses the event, and never forwards it
//! unconfirmed. A contradicted event is acknowledged and logged `not_confirmed`, never forwarded.
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

/// A route's confirmation settings, ready to use.
pub struct Confirm {
    /// The API key (a Worker secret; never logged).
    pub api_key: String,
    /// `https://…/api/v1/key`, without a trailing `/`.
    pub api_base: String,
    pub timeout_ms: u32,
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

/// Why an event was not confirmed (logged as `reason`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Forward it, with this status in `X-Hookguard-Confirmed` (`deleted` for a gone envelope).
    Confirmed(String),
    /// Never forward it: the envelope's state contradicts the event (or the event cannot be
    /// confirmed at all). `status` is what the API said, when it said one.
    Contradicted {
        reason: &'static str,
        status: Option<String>,
    },
    /// Ask again later (the message is retried): the API is down, slow, refuses the key or
    /// answered something unreadable.
    Unavailable(String),
}

/// The envelope id of an Inspakt event body: `data.envelopeId`, or `data.envelope.id`
/// (`envelope.created`). `None` when neither is a plain id.
pub fn envelope_id(body: &[u8]) -> Option<String> {
    let doc = std::str::from_utf8(body).ok()?;
    let data = object_raw_fields(doc, &["data"])
        .ok()?
        .into_iter()
        .next()??;
    let mut fields = object_raw_fields(data, &["envelopeId", "envelope"])
        .ok()?
        .into_iter();
    let flat = fields.next()?;
    let nested = fields.next()?;
    let id = match (flat, nested) {
        (Some(raw), _) => string_value(raw)?,
        (None, Some(envelope)) => {
            match object_fields(envelope, &["id"]).ok()?.into_iter().next()? {
                Some(Field::Str(s)) => s,
                _ => return None,
            }
        }
        (None, None) => return None,
    };
    plain_id(&id).then_some(id)
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

/// The decision for one event, from the API's answer (`http` status and body text).
pub fn judge(event: Option<&str>, id: &str, http: u16, answer: &str) -> Verdict {
    let Some(expect) = event.and_then(expectation) else {
        return Verdict::Contradicted {
            reason: "unknown_event",
            status: None,
        };
    };
    let found = match read_answer(http, answer, id) {
        Ok(found) => found,
        Err(why) => return Verdict::Unavailable(why),
    };
    match (expect, found) {
        (Expect::Gone, None) => Verdict::Confirmed("deleted".to_owned()),
        (Expect::Gone, Some(status)) => Verdict::Contradicted {
            reason: "envelope_exists",
            status: Some(status),
        },
        (Expect::AnyOf(_), None) => Verdict::Contradicted {
            reason: "unknown_envelope",
            status: None,
        },
        (Expect::AnyOf(allowed), Some(status)) if allowed.contains(&status.as_str()) => {
            Verdict::Confirmed(status)
        }
        (Expect::AnyOf(_), Some(status)) => Verdict::Contradicted {
            reason: "state_mismatch",
            status: Some(status),
        },
    }
}

/// `Ok(Some(status))`: the envelope exists; `Ok(None)`: it does not; `Err`: no answer to go by.
fn read_answer(http: u16, answer: &str, id: &str) -> Result<Option<String>, String> {
    match http {
        200 => {}
        404 => return Ok(None),
        401 | 403 => return Err(format!("the API refused the key (HTTP {http})")),
        _ => return Err(format!("the API answered HTTP {http}")),
    }
    let fields = object_fields(answer, &["success", "payload", "error"])
        .map_err(|_| "the API's answer is not a JSON object".to_owned())?;
    let raw = object_raw_fields(answer, &["payload", "error"])
        .map_err(|_| "the API's answer is not a JSON object".to_owned())?;
    match fields.first() {
        Some(Some(Field::Bool(true))) => {
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
            // An answer about another envelope (a proxy or cache in the way) is no answer.
            match p.next().flatten() {
                None => {}
                Some(Field::Str(s)) if s == id => {}
                Some(_) => return Err("the API answered about another envelope".to_owned()),
            }
            Ok(Some(status))
        }
        Some(Some(Field::Bool(false))) => {
            // The documentation shows `error` without a fixed shape; only an error that says the
            // envelope was not found counts as "gone", anything else (a refused key, a rate
            // limit) is asked again.
            let error = raw
                .get(1)
                .copied()
                .flatten()
                .unwrap_or("")
                .to_ascii_lowercase();
            let said_not_found = ["not found", "not_found", "notfound", "does not exist"]
                .iter()
                .any(|m| error.contains(m));
            if said_not_found {
                Ok(None)
            } else {
                Err("the API answered success: false".to_owned())
            }
        }
        _ => Err("the API's answer has no boolean success".to_owned()),
    }
}

/// Looks the envelope up and decides. Never returns an error: a failure is `Unavailable`.
pub async fn confirm(confirm: &Confirm, event: Option<&str>, body: &[u8]) -> Verdict {
    if event.and_then(expectation).is_none() {
        return Verdict::Contradicted {
            reason: "unknown_event",
            status: None,
        };
    }
    let Some(id) = envelope_id(body) else {
        return Verdict::Contradicted {
            reason: "no_envelope_id",
            status: None,
        };
    };
    match look_up(confirm, &id).await {
        Ok((http, text)) => judge(event, &id, http, &text),
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
