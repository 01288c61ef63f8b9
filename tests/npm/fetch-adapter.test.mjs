// hookguard/fetch from the packed tarball: verifyRequest() on WHATWG Requests (Node's own
// Request here; the adapter imports no Node built-in, so the same file runs on Workers, Deno,
// Bun and in browsers).
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Verifier, sign, generateKeyPair, WebhookError } from "hookguard";
import { verifyRequest, errorResponse } from "hookguard/fetch";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const stripe = new Verifier({ provider: "stripe", secret: SECRET });
const post = (url, d, extra = {}) => new Request(url, { method: "POST", headers: d.headers, body: d.body, ...extra });
const bytes = (s) => new TextEncoder().encode(s);

test("fetch: a genuine delivery gives the event, the exact bytes and an empty 200", async () => {
  const d = sign({ provider: "stripe", secret: SECRET, event: "payment_intent.succeeded" });
  const r = await verifyRequest(stripe, post("http://127.0.0.1/hooks/stripe", d));
  assert.equal(r.error, null);
  assert.equal(r.event.event, "payment_intent.succeeded");
  assert.equal(r.event.payload.type, "payment_intent.succeeded");
  assert.ok(r.body instanceof Uint8Array);
  assert.deepEqual(r.body, bytes(d.body));
  assert.equal(r.response.status, 200);
  assert.equal(await r.response.text(), "");
});

test("fetch: a tampered body is answered 401 with the worker's JSON error", async () => {
  const d = sign({ provider: "stripe", secret: SECRET });
  const r = await verifyRequest(stripe, post("http://127.0.0.1/", { ...d, body: d.body.replace("}", ' }') }));
  assert.equal(r.event, null);
  assert.ok(r.error instanceof WebhookError);
  assert.equal(r.error.code, "signature_mismatch");
  assert.equal(r.response.status, 401);
  assert.equal(r.response.headers.get("content-type"), "application/json");
  const json = await r.response.json();
  assert.deepEqual(Object.keys(json.error), ["code", "message"]);
  assert.equal(json.error.code, "signature_mismatch");
  assert.equal(json.error.message, r.error.message);
});

test("fetch: missing headers are 400 missing_header", async () => {
  const r = await verifyRequest(stripe, new Request("http://127.0.0.1/", { method: "POST", body: "{}" }));
  assert.equal(r.response.status, 400);
  assert.equal((await r.response.json()).error.code, "missing_header");
});

test("fetch: Slack's url_verification is answered with its challenge, and not delivered", async () => {
  const slack = new Verifier({ provider: "slack", secret: "slack-signing-secret" });
  const body = JSON.stringify({ token: "t", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" });
  const d = sign({ provider: "slack", secret: "slack-signing-secret", body });
  const r = await verifyRequest(slack, post("http://127.0.0.1/slack", d));
  assert.equal(r.event, null);
  assert.equal(r.error, null);
  assert.equal(r.response.status, 200);
  assert.equal(await r.response.text(), "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  // A forged handshake is a rejection, not an answer.
  const forged = await verifyRequest(slack, post("http://127.0.0.1/slack", { ...d, headers: { ...d.headers, "x-slack-signature": "v0=" + "0".repeat(64) } }));
  assert.equal(forged.response.status, 401);
  assert.equal((await forged.response.json()).error.code, "signature_mismatch");
});

test("fetch: Twilio (URL-signed) is verified against request.url", async () => {
  const twilio = new Verifier({ provider: "twilio", secret: "twilio-auth-token" });
  const url = "https://example.test/voice?flow=inbound";
  const d = sign({ provider: "twilio", secret: "twilio-auth-token", url });
  const ok = await verifyRequest(twilio, post(url, d));
  assert.equal(ok.error, null);
  assert.equal(ok.response.status, 200);
  // The same request at another URL does not verify: the URL is what request.url says.
  const elsewhere = await verifyRequest(twilio, post("https://example.test/voice?flow=outbound", d));
  assert.equal(elsewhere.error.code, "signature_mismatch");
  assert.equal(elsewhere.response.status, 401);
  // opts.url overrides request.url (a proxy in front of the handler).
  const proxied = await verifyRequest(twilio, post("http://127.0.0.1:8080/voice", d), { url });
  assert.equal(proxied.error, null);
});

test("fetch: a large body verifies; past maxBodyBytes it is 413 and the stream is not read on", async () => {
  const big = JSON.stringify({ id: "evt_big", object: "event", type: "invoice.paid", data: { object: { pad: "x".repeat(900_000) } } });
  const d = sign({ provider: "stripe", secret: SECRET, body: big });
  const ok = await verifyRequest(stripe, post("http://127.0.0.1/", d));
  assert.equal(ok.error, null);
  assert.equal(ok.body.length, bytes(big).length);

  const small = new Verifier({ provider: "stripe", secret: SECRET, maxBodyBytes: 4096 });
  const announced = await verifyRequest(small, post("http://127.0.0.1/", d));
  assert.equal(announced.response.status, 413);
  assert.equal((await announced.response.json()).error.code, "body_too_large");

  // No Content-Length (a stream): reading stops once past the limit.
  let pulls = 0;
  const stream = new ReadableStream({
    pull(c) {
      pulls++;
      c.enqueue(new Uint8Array(1024).fill(0x20));
      if (pulls > 1000) c.close();
    },
  });
  const streamed = await verifyRequest(small, new Request("http://127.0.0.1/", { method: "POST", headers: d.headers, body: stream, duplex: "half" }));
  assert.equal(streamed.response.status, 413);
  assert.equal(streamed.error.code, "body_too_large");
  assert.ok(pulls < 20, `the stream was read ${pulls} times after the limit`);
  // What is kept is exactly limit + 1 bytes, even when one chunk crosses the limit by far.
  const one = new ReadableStream({ start(c) { c.enqueue(new Uint8Array(100_000).fill(0x20)); c.close(); } });
  const crossed = await verifyRequest(small, new Request("http://127.0.0.1/", { method: "POST", headers: d.headers, body: one, duplex: "half" }));
  assert.equal(crossed.error.code, "body_too_large");
  assert.equal(crossed.body.byteLength, 4097);
});

test("fetch: Discord's Webhook Events PING is a 204 with a null body; an interactions PING gets {\"type\":1}", async () => {
  const { privateKey, publicKey } = generateKeyPair("discord");
  const discord = new Verifier({ provider: "discord", publicKey });
  const ping0 = sign({ provider: "discord", privateKey, body: JSON.stringify({ version: 1, application_id: "1234567890", type: 0 }) });
  const r = await verifyRequest(discord, post("http://127.0.0.1/discord", ping0));
  assert.equal(r.response.status, 204);
  assert.equal(r.response.body, null);
  const ping1 = sign({ provider: "discord", privateKey, body: JSON.stringify({ type: 1, id: "1", application_id: "1", token: "t", version: 1 }) });
  const r1 = await verifyRequest(discord, post("http://127.0.0.1/discord", ping1));
  assert.equal(r1.response.status, 200);
  assert.deepEqual(await r1.response.json(), { type: 1 });
});

test("fetch: an acknowledging provider's delivery gets its acknowledgement (Dropbox Sign)", async () => {
  const v = new Verifier({ provider: "dropbox-sign", secret: "dropbox-api-key" });
  const d = sign({ provider: "dropbox-sign", secret: "dropbox-api-key" });
  const r = await verifyRequest(v, post("http://127.0.0.1/", d));
  assert.equal(r.error, null);
  assert.equal(r.response.status, 200);
  assert.equal(await r.response.text(), "Hello API Event Received");
});

test("fetch: invalid_config is thrown (a programming error), and errorResponse is the worker's shape", async () => {
  const e = new WebhookError("token_mismatch", "the token does not match");
  const res = errorResponse(e);
  assert.equal(res.status, 401);
  assert.deepEqual(await res.json(), { error: { code: "token_mismatch", message: "the token does not match" } });
  const broken = { maxBodyBytes: 10, handshake: () => null, verify: () => { throw new WebhookError("invalid_config", "x"); } };
  await assert.rejects(verifyRequest(broken, new Request("http://127.0.0.1/", { method: "POST", body: "{}" })), { code: "invalid_config" });
});

test("fetch: a request whose body was already read is refused with a TypeError that says what to change", async () => {
  const v = new Verifier({ provider: "stripe", secret: "whsec_used" });
  const d = sign({ provider: "stripe", secret: "whsec_used" });
  const request = new Request("http://127.0.0.1/", { method: "POST", headers: d.headers, body: d.body });
  await request.json();
  await assert.rejects(verifyRequest(v, request), (e) => {
    assert.ok(e instanceof TypeError);
    assert.match(e.message, /already read/);
    assert.match(e.message, /Call verifyRequest\(verifier, request\) first/);
    return true;
  });
});

test("fetch: the adapter imports no Node built-in (it runs on Workers and in browsers)", () => {
  const file = createRequire(import.meta.url).resolve("hookguard/package.json").replace("package.json", "dist/adapters/fetch.mjs");
  const src = readFileSync(file, "utf8");
  assert.doesNotMatch(src, /\bfrom\s+["'](node:|fs|path|http|buffer)/);
  assert.doesNotMatch(src, /\brequire\(|\bBuffer\b|\bprocess\./);
});
