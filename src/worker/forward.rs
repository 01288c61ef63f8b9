//! Builds the request to the origin and sends it with a deadline.

use crate::codec::header_safe;
use crate::worker::config::Route;
use crate::worker::raw_fetch;
use futures_util::future::{Either, select};
use std::time::Duration;
use worker::{AbortController, Delay, Headers};

/// The provider's headers as they should reach the origin: only the route's allow-list
/// ([`Route::forward_headers`]: the scheme's own headers, `User-Agent` and the operator's
/// extras), read by exact name. Whatever else a sender adds (an `X_Hookguard_Id` that a WSGI
/// origin would merge with the edge's `X-Hookguard-Id`, `Forwarded`, `X-Original-URL`, a
/// `Connection` header naming others, the Inspakt token) never reaches the origin.
pub fn provider_headers(
    route: &Route,
    incoming: &worker::Headers,
) -> worker::Result<Vec<(String, String)>> {
    let mut out = Vec::with_capacity(route.forward_headers.len());
    for name in &route.forward_headers {
        // Headers.get joins a repeated field with ", ", as the origin would read it.
        if let Some(value) = incoming.get(name)? {
            out.push((name.clone(), value));
        }
    }
    Ok(out)
}

/// What the edge knows about a verified delivery, added as `X-Hookguard-*`.
#[derive(Clone, Debug)]
pub struct Facts {
    pub provider: String,
    pub event: Option<String>,
    /// The provider's delivery id, or the edge's own (`hg_…`) for providers without one.
    pub id: String,
    pub verified_at: i64,
    /// Inspakt confirmation: the envelope's id and the status that confirmed the event
    /// (`X-Hookguard-Confirmed-Envelope`, `X-Hookguard-Confirmed`).
    pub confirmed: Option<(String, String)>,
    /// An operator's replay from the delivery log (`X-Hookguard-Replay: 1`).
    pub replay: bool,
}

/// How forwarding ended.
pub enum Outcome {
    /// The origin answered 2xx.
    Delivered(u16),
    /// The origin answered something else (3xx redirects are not followed).
    Refused(u16),
    TimedOut,
    Unreachable(String),
    /// The edge could not build or send the request (not the origin's fault).
    EdgeFailed(String),
}

impl Outcome {
    pub fn label(&self) -> &'static str {
        match self {
            Outcome::Delivered(_) => "delivered",
            Outcome::Refused(_) => "origin_refused",
            Outcome::TimedOut => "origin_timeout",
            Outcome::Unreachable(_) => "origin_unreachable",
            Outcome::EdgeFailed(_) => "internal_error",
        }
    }
}

/// Sends the delivery to the origin: the exact body bytes, the provider's headers, the edge's
/// facts and, when configured, a fresh Standard Webhooks signature.
pub async fn forward(
    route: &Route,
    headers: &[(String, String)],
    body: &[u8],
    facts: &Facts,
    now: i64,
) -> worker::Result<Outcome> {
    let out = Headers::new();
    for (k, v) in headers {
        // A queued message was filtered when it was made; filter again in case the route's
        // list has changed since.
        if route.forward_headers.contains(k) {
            out.append(k, v)?;
        }
    }
    // The edge's content type, unless the scheme reads the sender's (Dropbox Sign's multipart
    // boundary), which then travels as verified.
    let reads_type = route.forward_headers.iter().any(|h| h == "content-type");
    if !reads_type || out.get("content-type")?.is_none() {
        out.set("content-type", route.content_type)?;
    }
    // The id and event come from the signed body: legal JSON, not always a legal header value.
    let id = header_safe(&facts.id);
    out.set("x-hookguard-provider", &facts.provider)?;
    if let Some(e) = &facts.event {
        out.set("x-hookguard-event", &header_safe(e))?;
    }
    out.set("x-hookguard-id", &id)?;
    out.set("x-hookguard-verified-at", &facts.verified_at.to_string())?;
    if let Some((envelope, status)) = &facts.confirmed {
        out.set("x-hookguard-confirmed", status)?;
        out.set("x-hookguard-confirmed-envelope", envelope)?;
    }
    if facts.replay {
        out.set("x-hookguard-replay", "1")?;
    }
    // Dropbox Sign, SignWell, Mailgun: the MAC covered a few body fields, not the body.
    if !route.verifier.scheme().body_signed() {
        out.set("x-hookguard-body-signed", "false")?;
    }
    if let Some(secret) = &route.resign_secret {
        let signed = crate::standard_webhooks_headers(secret, &id, now, body)
            .map_err(|e| worker::Error::RustError(e.message().to_owned()))?;
        for (k, v) in signed {
            out.set(k, &v)?;
        }
    }
    let init = raw_fetch::post(&js_sys::Uint8Array::from(body).into());
    init.set_headers(&out.0);
    init.set_redirect(web_sys::RequestRedirect::Manual);
    let controller = AbortController::default();
    let signal = controller.signal();
    init.set_signal(Some(&signal));
    let global = js_sys::global();
    let send = raw_fetch::fetch(&global, &route.origin, &init);
    let deadline = Delay::from(Duration::from_millis(u64::from(route.origin_timeout_ms)));
    futures_util::pin_mut!(send);
    futures_util::pin_mut!(deadline);
    match select(send, deadline).await {
        Either::Left((Ok(res), _)) => {
            let status = res.status();
            Ok(if (200..300).contains(&status) {
                Outcome::Delivered(status)
            } else {
                Outcome::Refused(status)
            })
        }
        Either::Left((Err(e), _)) => Ok(Outcome::Unreachable(e.to_string())),
        Either::Right(((), _)) => {
            controller.abort();
            Ok(Outcome::TimedOut)
        }
    }
}
