//! Queue mode: the fetch handler puts the verified delivery on the `DELIVERIES` queue and
//! answers 202 only once the queue accepted it; this consumer forwards it, retrying with
//! backoff. After the consumer's `max_retries` (wrangler.toml) the platform moves the message
//! to the dead-letter queue, where it stays until someone re-drives it: nothing accepted is
//! dropped silently.

use crate::codec::{base64_decode, base64_encode};
use crate::worker::config::{Config, QUEUE_BINDING};
use crate::worker::forward::{self, Facts, Outcome};
use crate::worker::log::Line;
use crate::worker::{config, now_ms};
use serde::{Deserialize, Serialize};
use worker::{Context, Env, MessageBatch, MessageExt, QueueRetryOptionsBuilder, Result, event};

/// One verified delivery waiting for the origin. Holds the body (base64) and the provider's
/// headers already filtered: the Inspakt token never enters the queue.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueuedDelivery {
    pub route: String,
    pub headers: Vec<(String, String)>,
    pub body_base64: String,
    pub facts: Facts,
}

/// The most a message may hold (the platform's limit is 128 KB).
const MAX_MESSAGE_BYTES: usize = 126 * 1024;

pub async fn enqueue(
    env: &Env,
    route: &crate::worker::config::Route,
    headers: Vec<(String, String)>,
    body: &[u8],
    facts: &Facts,
) -> Result<()> {
    let msg = QueuedDelivery {
        route: route.path.clone(),
        headers,
        body_base64: base64_encode(body),
        facts: facts.clone(),
    };
    let size = message_size_bound(&msg);
    if size > MAX_MESSAGE_BYTES {
        // Body size is capped per route at config time, so only oversized headers get here.
        return Err(worker::Error::RustError(format!(
            "the message would be {size} bytes, over the queue's limit"
        )));
    }
    env.queue(QUEUE_BINDING)?.send(&msg).await
}

/// An upper bound of the message's serialised size: every string at twice its length (an
/// escaped quote, backslash or tab costs one extra byte; HTTP field values hold no other
/// control characters) plus room for the keys and punctuation.
fn message_size_bound(msg: &QueuedDelivery) -> usize {
    let strings = msg.route.len()
        + msg
            .headers
            .iter()
            .map(|(k, v)| k.len() + v.len())
            .sum::<usize>()
        + msg.facts.provider.len()
        + msg.facts.event.as_deref().map_or(0, str::len)
        + msg.facts.id.len();
    msg.body_base64
        .len()
        .saturating_add(strings.saturating_mul(2))
        .saturating_add(msg.headers.len().saturating_mul(8))
        .saturating_add(256)
}

#[event(queue)]
async fn consume(batch: MessageBatch<QueuedDelivery>, env: Env, _ctx: Context) -> Result<()> {
    let cfg = config(&env);
    let cfg = match cfg.as_ref() {
        Ok(c) => c,
        Err(e) => {
            Line::new("queue")
                .field("level", "error")
                .field("outcome", "invalid_config")
                .field("message", e.message())
                .emit();
            batch.retry_all_with_options(
                &QueueRetryOptionsBuilder::new()
                    .with_delay_seconds(60)
                    .build(),
            );
            return Ok(());
        }
    };
    let work = batch.raw_iter().map(|raw| async move {
        // Decoded here rather than with Message::try_from, which consumes the message: one that
        // cannot be decoded (a format from another deployment, a foreign producer) must still
        // be retried, so that it ends in the dead-letter queue instead of being acked.
        match serde_wasm_bindgen::from_value::<QueuedDelivery>(raw.body()) {
            Ok(d) => deliver(cfg, &raw, &d).await,
            Err(e) => {
                let delay = backoff_seconds(cfg, &raw);
                raw.retry_with_options(
                    &QueueRetryOptionsBuilder::new()
                        .with_delay_seconds(delay)
                        .build(),
                );
                Line::new("queue")
                    .field("level", "error")
                    .field("outcome", "unreadable_message")
                    .field("detail", e.to_string())
                    .field("retryInSeconds", delay)
                    .emit();
            }
        }
    });
    futures_util::future::join_all(work).await;
    Ok(())
}

/// Forwards one message; acks on 2xx, otherwise schedules a retry, so that after the last
/// attempt the platform moves it to the dead-letter queue rather than dropping it.
async fn deliver(cfg: &Config, msg: &impl MessageExt, d: &QueuedDelivery) {
    let started = now_ms();
    let line = Line::new("queue")
        .field("route", d.route.as_str())
        .field("provider", d.facts.provider.as_str())
        .opt("event", d.facts.event.clone())
        .field("id", d.facts.id.as_str());
    let retry = |line: Line, outcome: &str| {
        let delay = backoff_seconds(cfg, msg);
        msg.retry_with_options(
            &QueueRetryOptionsBuilder::new()
                .with_delay_seconds(delay)
                .build(),
        );
        line.field("outcome", outcome.to_owned())
            .field("retryInSeconds", delay)
            .field("latencyMs", now_ms() - started)
            .emit();
    };
    let Some(route) = cfg.route(&d.route) else {
        return retry(line.field("level", "error"), "route_missing");
    };
    let Some(body) = base64_decode(d.body_base64.as_bytes()) else {
        return retry(line.field("level", "error"), "unreadable_message");
    };
    let now_s = now_ms() / 1000;
    match forward::forward(route, &d.headers, &body, &d.facts, now_s).await {
        Ok(Outcome::Delivered(status)) => {
            msg.ack();
            line.field("outcome", "delivered")
                .field("originStatus", status)
                .field("latencyMs", now_ms() - started)
                .emit();
        }
        Ok(Outcome::Refused(status)) => retry(line.field("originStatus", status), "origin_refused"),
        Ok(Outcome::EdgeFailed(detail)) => retry(
            line.field("level", "error").field("detail", detail),
            "internal_error",
        ),
        Ok(other) => retry(line, other.label()),
        Err(e) => retry(line.field("detail", e.to_string()), "forward_failed"),
    }
}

/// Backoff from the message's age: waiting about as long as it has already waited doubles the
/// gap each time (exponential without needing the attempt count), within the configured bounds.
fn backoff_seconds(cfg: &Config, msg: &impl MessageExt) -> u32 {
    let sent_ms = i64::try_from(msg.timestamp().as_millis()).unwrap_or(0);
    let age = u32::try_from(((now_ms() - sent_ms) / 1000).max(0)).unwrap_or(u32::MAX);
    age.clamp(cfg.queue_retry_base_seconds, cfg.queue_retry_max_seconds)
}
