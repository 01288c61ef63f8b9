// Handshakes answered at the edge: Slack's url_verification, Zoom's endpoint.url_validation,
// Twitch's webhook_callback_verification, Meta's hub.challenge GET and BoldSign's Verification.
// Each is signed here with node:crypto (not by hookguard), answered by the worker on workerd with
// the exact status, content type and body the provider expects, and never reaches the origin;
// an unsigned or wrongly signed one is refused like a delivery.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac, generateKeyPairSync, sign as edSign } from "node:crypto";
import { now, startOrigin, startWorker } from "./harness.mjs";

const SLACK = "8f742231b10e8888abcd99yyyzzz85a5";
const ZOOM = "wF4bL9x0QkqS1aZt3mPq7w";
const TWITCH = "s3cre7-twitch-eventsub-secret";
const META = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const META_VT = "meatyhamhock-verify-7c1e";
const BOLDSIGN = "Bs7Q2xW9vLk3mN8pR4tY6uZ1aC5dE0fG";
const hmac = (key, msg) => createHmac("sha256", key).update(msg).digest("hex");
// Discord: an Ed25519 pair from node:crypto; the route holds only the public key (hex).
const DISCORD = generateKeyPairSync("ed25519");
const DISCORD_PUBLIC = DISCORD.publicKey.export({ format: "der", type: "spki" }).subarray(12).toString("hex");

async function withWorker(fn) {
  const origin = await startOrigin();
  const route = (provider, binding, extra = {}) => ({
    path: `/hooks/${provider}`,
    options: { provider },
    secretBinding: binding,
    origin: `${origin.url}/${provider}`,
    mode: "direct",
    ...extra,
  });
  const routes = [
    route("slack", "SLACK"),
    route("zoom", "ZOOM"),
    route("twitch", "TWITCH"),
    route("meta", "META", { verifyTokenBinding: "META_VT" }),
    // BoldSign never retries: queue mode by default, where a delivery gets 202; the
    // Verification must get 200 and is answered before any queueing.
    route("boldsign", "BOLDSIGN", { mode: undefined }),
    { path: "/hooks/discord", options: { provider: "discord", publicKey: DISCORD_PUBLIC }, origin: `${origin.url}/discord`, mode: "direct" },
  ];
  const logs = [];
  const worker = await startWorker({
    routes,
    vars: { SLACK, ZOOM, TWITCH, META, META_VT, BOLDSIGN },
    originUrl: origin.url,
    logs,
  });
  try {
    await fn({ worker, origin, logs });
  } finally {
    await worker.dispose();
    await origin.close();
  }
}

const post = (worker, path, headers, body) =>
  worker.fetch(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

async function expectAnswer(res, status, contentType, body) {
  const text = await res.text();
  assert.equal(res.status, status, text);
  assert.equal(res.headers.get("content-type"), contentType);
  assert.equal(text, body);
}

async function expectError(res, status, code) {
  const text = await res.text();
  assert.equal(res.status, status, text);
  assert.equal(JSON.parse(text).error.code, code);
}

test("handshakes are answered at the edge, exactly, and never forwarded", async () => {
  await withWorker(async ({ worker, origin, logs }) => {
    const t = now();

    // Slack: {"type":"url_verification"} -> 200 text/plain, the challenge.
    const challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P";
    const slackBody = JSON.stringify({ token: "Jhj5dZrVaK7ZwHHjRyZWjbDl", challenge, type: "url_verification" });
    const slackSig = (secret = SLACK, ts = t) => ({
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": "v0=" + hmac(secret, `v0:${ts}:${slackBody}`),
    });
    await expectAnswer(await post(worker, "/hooks/slack", slackSig(), slackBody), 200, "text/plain", challenge);
    await expectError(await post(worker, "/hooks/slack", slackSig("wrong-secret"), slackBody), 401, "signature_mismatch");
    await expectError(await post(worker, "/hooks/slack", {}, slackBody), 400, "missing_header");
    await expectError(await post(worker, "/hooks/slack", slackSig(SLACK, t - 301), slackBody), 401, "timestamp_too_old");

    // Zoom: endpoint.url_validation -> 200 JSON {plainToken, encryptedToken}, at once.
    const plainToken = "qgg8vlvZRS6UYooatFL8Aw";
    const zoomBody = JSON.stringify({ payload: { plainToken }, event_ts: t * 1000, event: "endpoint.url_validation" });
    const zoomSig = (secret = ZOOM) => ({
      "x-zm-request-timestamp": String(t),
      "x-zm-signature": "v0=" + hmac(secret, `v0:${t}:${zoomBody}`),
    });
    const started = Date.now();
    const zres = await post(worker, "/hooks/zoom", zoomSig(), zoomBody);
    const zoomMs = Date.now() - started;
    await expectAnswer(zres, 200, "application/json", JSON.stringify({ plainToken, encryptedToken: hmac(ZOOM, plainToken) }));
    // Zoom waits 3 s; the answer needs no origin. (Reported, not asserted as a deadline.)
    console.log(`zoom url_validation answered in ${zoomMs} ms`);
    await expectError(await post(worker, "/hooks/zoom", zoomSig("wrong-secret"), zoomBody), 401, "signature_mismatch");

    // Twitch: the message type header -> 200 text/plain, the raw challenge.
    const twitchChallenge = "pogchamp-kappa-360noscope-vohiyo";
    const twitchBody = JSON.stringify({ challenge: twitchChallenge, subscription: { id: "f1c2a387-161a-49f9-a165-0f21d7a4e1c4", type: "channel.follow", version: "2" } });
    const tts = new Date(t * 1000).toISOString().replace("Z", "123456Z");
    const msgId = "e76c6bd4-55c9-4987-8304-da1588d8988b";
    const twitchHeaders = (secret = TWITCH) => ({
      "twitch-eventsub-message-id": msgId,
      "twitch-eventsub-message-timestamp": tts,
      "twitch-eventsub-message-signature": "sha256=" + hmac(secret, msgId + tts + twitchBody),
      "twitch-eventsub-message-type": "webhook_callback_verification",
      "twitch-eventsub-subscription-type": "channel.follow",
    });
    await expectAnswer(await post(worker, "/hooks/twitch", twitchHeaders(), twitchBody), 200, "text/plain", twitchChallenge);
    await expectError(await post(worker, "/hooks/twitch", twitchHeaders("another-secret-000"), twitchBody), 401, "signature_mismatch");
    const { "twitch-eventsub-message-signature": _, ...unsigned } = twitchHeaders();
    await expectError(await post(worker, "/hooks/twitch", unsigned, twitchBody), 400, "missing_header");

    // Meta: a GET with hub.mode=subscribe and the verify token -> 200 text/plain, hub.challenge.
    const q = (token) => `/hooks/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${encodeURIComponent(token)}`;
    await expectAnswer(await worker.fetch(q(META_VT)), 200, "text/plain", "1158201444");
    await expectError(await worker.fetch(q(META_VT + "x")), 401, "token_mismatch");
    await expectError(await worker.fetch("/hooks/meta?hub.mode=subscribe&hub.challenge=1"), 401, "token_mismatch");
    // A GET that is no handshake stays 405, on Meta's route and every other.
    let res = await worker.fetch("/hooks/meta");
    assert.equal(res.status, 405, await res.text());
    res = await worker.fetch(`/hooks/slack?hub.mode=subscribe&hub.challenge=1&hub.verify_token=${META_VT}`);
    assert.equal(res.status, 405, await res.text());
    res = await worker.fetch(q(META_VT), { method: "HEAD" });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get("allow"), "POST, GET");
    res = await worker.fetch("/hooks/meta", { method: "PUT" });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get("allow"), "POST, GET");
    res = await worker.fetch("/hooks/meta");
    assert.equal(res.headers.get("allow"), "POST, GET");
    res = await worker.fetch("/hooks/slack", { method: "PUT" });
    assert.equal(res.headers.get("allow"), "POST");

    // BoldSign: event.eventType "Verification" -> 200, nothing else.
    const bsBody = JSON.stringify({ event: { id: "7c872a5b-0000-4000-8000-92530a83a8b9", created: t, eventType: "Verification", clientId: "17c97f7a-0000-4000-8000-fef97b6544a7", environment: "Test" } });
    const bsHeaders = (secret = BOLDSIGN) => ({
      "x-boldsign-event": "Verification",
      "x-boldsign-signature": `t=${t}, s0=${hmac(secret, `${t}.${bsBody}`)}`,
    });
    res = await post(worker, "/hooks/boldsign", bsHeaders(), bsBody);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "");
    await expectError(await post(worker, "/hooks/boldsign", bsHeaders("nope"), bsBody), 401, "signature_mismatch");
    await expectError(await post(worker, "/hooks/boldsign", { "x-boldsign-event": "Verification" }, bsBody), 400, "missing_header");

    // Nothing reached the origin; every answer was logged as a handshake, without its body.
    assert.deepEqual(origin.received.map((r) => r.path), []);
    const answered = logs.filter((l) => l.includes('"outcome":"handshake"'));
    assert.equal(answered.length, 5, logs.join("\n"));
    for (const secretish of [challenge, plainToken, twitchChallenge, META_VT, "1158201444"]) {
      assert.ok(!logs.some((l) => l.includes(secretish)), `the log never holds ${secretish}`);
    }

    // Deliveries on the same routes still go through (the handshake path is only for handshakes).
    const meta = JSON.stringify({ object: "page", entry: [] });
    res = await post(worker, "/hooks/meta", { "x-hub-signature-256": "sha256=" + hmac(META, meta) }, meta);
    assert.equal(res.status, 200, await res.text());
    const ev = JSON.stringify({ type: "event_callback", event_id: "Ev0PV52K25", event: { type: "app_mention" } });
    res = await post(worker, "/hooks/slack", { "x-slack-request-timestamp": String(t), "x-slack-signature": "v0=" + hmac(SLACK, `v0:${t}:${ev}`) }, ev);
    assert.equal(res.status, 200, await res.text());
    assert.deepEqual(origin.received.map((r) => r.path), ["/meta", "/slack"]);
  });
});

test("Discord's PINGs are answered at the edge ({\"type\":1}, and 204 for Webhook Events); a bad signature is 401", async () => {
  await withWorker(async ({ worker, origin }) => {
    const ts = String(now());
    const signed = (body) => ({ "x-signature-ed25519": edSign(null, Buffer.from(ts + body), DISCORD.privateKey).toString("hex"), "x-signature-timestamp": ts });
    const ping = '{"application_id":"1","id":"2","token":"t","type":1,"version":1}';
    await expectAnswer(await post(worker, "/hooks/discord", signed(ping), ping), 200, "application/json", '{"type":1}');
    const eventsPing = '{"version":1,"application_id":"1","type":0}';
    const res = await post(worker, "/hooks/discord", signed(eventsPing), eventsPing);
    assert.equal(res.status, 204);
    assert.equal(await res.text(), "");
    // Discord probes with bad signatures and expects 401.
    const forged = { ...signed(ping), "x-signature-ed25519": "00".repeat(64) };
    await expectError(await post(worker, "/hooks/discord", forged, ping), 401, "signature_mismatch");
    // A Webhook Events event (type 1 with an event) is a delivery: forwarded, not answered.
    const event = '{"version":1,"application_id":"1","type":1,"event":{"type":"APPLICATION_AUTHORIZED","timestamp":"2026-12-02T00:00:00Z","data":{}}}';
    const d = await post(worker, "/hooks/discord", signed(event), event);
    assert.equal(d.status, 200, await d.text());
    assert.equal(origin.at("/discord").length, 1, "only the event reached the origin");
  });
});
