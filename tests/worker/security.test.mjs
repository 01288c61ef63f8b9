// Regression tests for the adversarial review's worker findings (issue 17), on workerd against a
// recording origin on loopback. Where framing matters the requests are written byte for byte
// over a TCP socket (rawRequest), since fetch and node:http would correct them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";
import { startOrigin, startWorker, insignerDelivery, post, waitFor, sleep, rawRequest, queuePayload, insignerRoute, inspaktRoute, QUEUE_KEY, root } from "./harness.mjs";

const S = "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07";
const TOKEN = "tok_4b1d9f0e6a2c8e7d5f3a1b9c";
const EDGE = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const TOKEN_HEADER = "X-Inspakt-Webhook-Token";

let origin, worker;
const logs = [];

before(async () => {
  origin = await startOrigin();
  const insigner = (path, extra) => insignerRoute(origin.url, path, extra);
  const inspakt = (path, extra) => inspaktRoute(origin.url, path, extra);
  const routes = [
    insigner("/s/small", { options: { maxBodyBytes: 512 } }),
    insigner("/s/direct", { resignSecretBinding: "EDGE" }),
    insigner("/s/extra", { forwardHeaders: ["x-request-id"] }),
    inspakt("/s/queue", { resignSecretBinding: "EDGE", forwardHeaders: ["x-big"] }),
    inspakt("/s/queue-direct-origin", { mode: "direct" }),
    inspakt("/s/queue-flaky"),
    inspakt("/s/ua-token", { options: { header: "User-Agent" }, secretBinding: "UA_TOKEN", mode: "direct" }),
    // Paths the static files also have (www/): the route must win (finding 9).
    insigner("/"),
    insigner("/index"),
    insigner("/app.mjs"),
    insigner("/favicon.svg"),
  ];
  worker = await startWorker({
    routes,
    vars: { S, TOKEN, EDGE, UA_TOKEN: "tok_ua_9c8b7a6f5e4d3c2b1a", QUEUE_RETRY_BASE_SECONDS: "0", QUEUE_RETRY_MAX_SECONDS: "1" },
    originUrl: origin.url,
    logs,
    forger: true,
    queue: { maxRetries: 2 },
  });
});

after(async () => {
  await worker?.dispose();
  await origin?.close();
});

const inspaktBody = (envelopeId, extra = {}) =>
  Buffer.from(JSON.stringify({ webhookId: "wh_1", teamId: "team_1", event: "envelope.sent", data: { envelopeId, ...extra } }));
const inspaktHeaders = (extra = {}) => ({ "content-type": "application/json", "user-agent": "inspakt-test", [TOKEN_HEADER]: TOKEN, ...extra });

function headBlock(path, headers) {
  return [`POST ${path} HTTP/1.1`, "Host: edge.test", ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), ""].join("\r\n");
}

// ---- finding 1: the body limit holds for every framing ---------------------------------------

test("Content-Length: 1 with Transfer-Encoding: chunked -> 413 after at most the limit is read, not after the whole upload", async () => {
  const d = insignerDelivery(S, { id: "dlv_framing_big" });
  const { "content-type": ct, ...rest } = d.headers;
  const head = headBlock("/s/small", { "Content-Type": ct, ...rest, "Content-Length": "1", "Transfer-Encoding": "chunked" });
  // 32 MiB in 64 KiB chunks (the old code read every byte into wasm memory, then said 413).
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const framed = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
  const parts = Array.from({ length: 512 }, () => framed);
  const total = parts.length * framed.length;
  const res = await rawRequest(worker, head, parts);
  assert.equal(res.status, 413, JSON.stringify(res.json));
  assert.equal(res.json.error.code, "body_too_large");
  assert.match(res.json.error.message, /exceeds the limit of 512 bytes/);
  assert.ok(res.written < total / 4, `answered after ${res.written} of ${total} bytes: the worker waited for the whole body`);
  assert.equal(origin.at("/s/small").length, 0);
});

test("Content-Length: 1 with a chunked body within the limit: the chunks are the body, verified as sent", async () => {
  const d = insignerDelivery(S, { id: "dlv_framing_small" });
  const head = headBlock("/s/small", { ...d.headers, "Content-Length": "1", "Transfer-Encoding": "chunked" });
  const body = d.body;
  const parts = [Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from("\r\n0\r\n\r\n")];
  const res = await rawRequest(worker, head, parts);
  // The runtime follows the chunked framing: the chunks are the body, so the signature holds.
  assert.equal(res.status, 200, JSON.stringify(res.json));
  assert.equal(res.json.status, "delivered");
  const got = origin.at("/s/small").find((r) => r.headers["x-hookguard-id"] === "dlv_framing_small");
  assert.ok(got.body.equals(body));
});

test("an overflowing Content-Length is refused, never a 500 (it was 500 internal_error)", async () => {
  const d = insignerDelivery(S, { id: "dlv_framing_overflow" });
  const head = headBlock("/s/small", { ...d.headers, "Content-Length": "99999999999999999999" });
  const before = logs.length;
  const res = await rawRequest(worker, head, [d.body]);
  // workerd 1.20261117 refuses the header itself (400, before the worker runs); the workerd
  // the review ran passed it on, and the worker now answers that with 413 body_too_large.
  if (res.status === 400) {
    assert.equal(res.json, null, "the runtime's own answer, not the worker's");
    assert.ok(!logs.slice(before).some((l) => l.includes('"msg":"delivery"') && l.includes('"route":"/s/small"')), "the worker never ran");
  } else {
    assert.equal(res.status, 413, JSON.stringify(res.json));
    assert.equal(res.json.error.code, "body_too_large");
  }
  assert.equal(origin.at("/s/small").filter((r) => r.headers["x-hookguard-id"] === "dlv_framing_overflow").length, 0);
});

test("an announced Content-Length over the limit -> 413 before any of the body is read", async () => {
  const d = insignerDelivery(S, { id: "dlv_framing_announced" });
  const head = headBlock("/s/small", { ...d.headers, "Content-Length": String(64 * 1024 * 1024) });
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const res = await rawRequest(worker, head, Array.from({ length: 1024 }, () => chunk), { pauseMs: 1000 });
  assert.equal(res.status, 413);
  assert.equal(res.json.error.code, "body_too_large");
  assert.equal(res.written, 0, "answered before any body byte was sent");
});

// ---- finding 3: queue messages are authenticated -----------------------------------------

// An independent writer of the edge's message format (docs/WORKER.md), with node:crypto.
function queueMessage(payload, key = QUEUE_KEY) {
  const json = JSON.stringify(payload);
  const mac = createHmac("sha256", key).update(`hookguard-queue/1\n${json}`).digest("hex");
  return `hookguard-queue/1 ${mac} ${json}`;
}
const forgedPayload = (route, id, extra = {}) => ({
  route,
  provider: "insigner",
  event: "document.completed",
  id,
  verifiedAt: Math.floor(Date.now() / 1000),
  headers: "x-hookguard-id:dlv_attacker_choice\nuser-agent:forger\n",
  body: Buffer.from(JSON.stringify({ id, event: "document.completed", amount: 999999 })).toString("base64"),
  ...extra,
});
const dead = () => origin.at("/dlq").map((r) => JSON.parse(r.body));
// An authentic message for the Inspakt queue route, as the edge would write it.
const inspaktMessage = (body, id, extra = {}) =>
  queueMessage({
    route: "/s/queue",
    provider: "inspakt",
    event: "envelope.sent",
    id,
    verifiedAt: Math.floor(Date.now() / 1000),
    headers: "user-agent:test\n",
    body: body.toString("base64"),
    ...extra,
  });

test("a queue message with the right MAC is forwarded: the format and MAC are what the docs say", async () => {
  const body = inspaktBody("env_mac_ok");
  const msg = inspaktMessage(body, "hg_mac_ok");
  await worker.forge(msg, "text");
  const got = await waitFor(() => origin.at("/s/queue").find((r) => r.headers["x-hookguard-id"] === "hg_mac_ok"));
  assert.ok(got, "a correctly authenticated message is delivered");
  assert.ok(got.body.equals(body));
  new Webhook(EDGE).verify(got.body.toString("utf8"), got.headers);
});

for (const [name, outcome, make] of [
  ["a message in the old unauthenticated object format", "unreadable_message", () => [{ route: "/s/direct", headers: [], bodyBase64: "e30=", facts: { provider: "insigner", id: "dlv_forged_v0", verified_at: 0 } }, "json"]],
  ["a text message without a MAC", "unreadable_message", () => [`hookguard-queue/1 ${JSON.stringify(forgedPayload("/s/queue", "dlv_forged_nomac"))}`, "text"]],
  ["a message with a wrong MAC", "unauthenticated_message", () => [queueMessage(forgedPayload("/s/queue", "dlv_forged_badmac", { provider: "inspakt" }), "another-key-of-at-least-32-characters!"), "text"]],
  ["a message whose payload was changed after signing", "unauthenticated_message", () => [queueMessage(forgedPayload("/s/queue", "dlv_forged_edit", { provider: "inspakt" })).replace("dlv_forged_edit", "dlv_forged_edjt"), "text"]],
  ["a MAC-valid message naming a direct-mode route (no replay check there)", "misrouted_message", () => [queueMessage(forgedPayload("/s/direct", "dlv_forged_direct")), "text"]],
  ["a MAC-valid message naming a queue route of another provider", "misrouted_message", () => [queueMessage(forgedPayload("/s/queue", "dlv_forged_provider")), "text"]],
  ["a MAC-valid message naming no route", "misrouted_message", () => [queueMessage(forgedPayload("/s/nowhere", "dlv_forged_nowhere")), "text"]],
]) {
  test(`queue: ${name} is retried into the dead-letter queue, never forwarded (${outcome})`, async () => {
    const [body, contentType] = make();
    const before = dead().length;
    await worker.forge(body, contentType);
    const landed = await waitFor(() => dead().length > before && dead().slice(before), 30000);
    assert.ok(landed, "the message reached the dead-letter queue");
    assert.deepEqual(landed.at(-1), body);
    for (const path of ["/s/direct", "/s/queue", "/s/nowhere"]) {
      assert.ok(!origin.at(path).some((r) => r.headers["user-agent"] === "forger"), `nothing forged reached ${path}`);
    }
    assert.ok(logs.some((l) => l.includes(`"outcome":"${outcome}"`)), `logged ${outcome}`);
  });
}

// ---- finding 5: a replay after the replay memory ends is refused --------------------------

// A genuine inSigner delivery created `ageDays` ago, captured and resent now with a refreshed
// X-InSigner-Timestamp (the header is unsigned, so anyone holding the request can do this).
function captured(id, ageDays) {
  const created = new Date(Date.now() - ageDays * 86400_000).toISOString();
  const body = Buffer.from(JSON.stringify({ id, event: "document.completed", api_version: "2026-05-28", created_at: created, data: { amount: 100 } }));
  return insignerDelivery(S, { id, body });
}

test("a captured delivery resent after the replay memory (a week) with a fresh timestamp -> 401 timestamp_too_old, not re-signed", async () => {
  const res = await post(worker, "/s/direct", captured("dlv_old_capture", 8));
  const json = await res.json();
  assert.equal(res.status, 401, JSON.stringify(json));
  assert.equal(json.error.code, "timestamp_too_old");
  assert.match(json.error.message, /created_at/);
  assert.equal(origin.at("/s/direct").filter((r) => r.headers["x-hookguard-id"] === "dlv_old_capture").length, 0);
});

test("an event created within the replay memory is delivered, and its replay is a duplicate", async () => {
  // The route's memory is a week and its tolerance 3 days, so events up to 4 days old pass.
  const d = captured("dlv_recent_capture", 3.5);
  const res = await post(worker, "/s/direct", d);
  assert.equal(res.status, 200, JSON.stringify(await res.clone().json()));
  assert.deepEqual(await (await post(worker, "/s/direct", d)).json(), { status: "duplicate" });
});

test("a signed created_at that is not strict RFC 3339 -> 400 invalid_payload", async () => {
  const body = Buffer.from(JSON.stringify({ id: "dlv_bad_date", event: "document.completed", created_at: "2026-05-29 14:30:00", data: {} }));
  const res = await post(worker, "/s/direct", insignerDelivery(S, { id: "dlv_bad_date", body }));
  assert.equal(res.status, 400);
  assert.equal((await res.json()).error.code, "invalid_payload");
});

for (const [name, route, log] of [
  ["dedupeTtlSeconds shorter than inSigner's retry window", { dedupeTtlSeconds: 86400 }, /ROUTES\[0\]\.dedupeTtlSeconds is shorter than \d+ s \(inSigner's retry window with a margin, plus the tolerance\)/],
  ["maxEventAgeSeconds longer than dedupeTtlSeconds", { options: { provider: "insigner", maxEventAgeSeconds: 30 * 86400 } }, /ROUTES\[0\]\.options maxEventAgeSeconds is longer than dedupeTtlSeconds minus toleranceSeconds/],
  // A replay passes the age check until delivery + tolerance + maxEventAgeSeconds: that must
  // fit in the memory.
  ["maxEventAgeSeconds equal to the memory, with a tolerance", { options: { provider: "insigner", toleranceSeconds: 259200, maxEventAgeSeconds: 604800 }, dedupeTtlSeconds: 604800 }, /maxEventAgeSeconds is longer than dedupeTtlSeconds minus toleranceSeconds/],
  ["maxEventAgeSeconds below inSigner's retry window", { options: { provider: "insigner", maxEventAgeSeconds: 3600 } }, /ROUTES\[0\]\.options .*maxEventAgeSeconds/],
  ["maxEventAgeSeconds on a provider without a signed event time", { options: { provider: "inspakt", maxEventAgeSeconds: 604800 }, mode: "direct" }, /ROUTES\[0\]\.options .*maxEventAgeSeconds/],
]) {
  test(`config: ${name} -> invalid_config`, async () => {
    const logs = [];
    const w = await startWorker({ routes: [{ path: "/h", options: { provider: "insigner" }, secretBinding: "S", origin: "http://127.0.0.1:9/", ...route }], vars: { S }, logs });
    try {
      const res = await w.fetch("/healthz");
      assert.equal(res.status, 500);
      assert.equal((await res.json()).error.code, "invalid_config");
      assert.ok(logs.some((l) => l.includes('"invalid_config"') && log.test(JSON.parse(l).message)), logs.join("\n"));
    } finally {
      await w.dispose();
    }
  });
}

test("config: an explicit maxEventAgeSeconds within the replay memory is accepted", async () => {
  const w = await startWorker({ routes: [{ path: "/h", options: { provider: "insigner", maxEventAgeSeconds: 345600 }, secretBinding: "S", origin: "http://127.0.0.1:9/" }], vars: { S } });
  try {
    assert.equal((await w.fetch("/healthz")).status, 200);
  } finally {
    await w.dispose();
  }
});

// ---- finding 7: only the provider's own headers are forwarded ----------------------------

// What the origin may see besides the allow-list: the transport's own headers.
const TRANSPORT = new Set(["host", "content-length", "connection", "accept-encoding", "cf-worker"]);

test("sender-controlled headers stay at the edge: aliases, proxies' routing headers, Connection tricks", async () => {
  const d = insignerDelivery(S, { id: "dlv_headers_1" });
  const sent = {
    ...d.headers,
    "content-type": "text/plain; charset=utf-7",
    X_Hookguard_Id: "dlv_attacker_choice",
    Webhook_Id: "msg_attacker",
    "X-InSigner_Event": "document.declined",
    Forwarded: "for=10.0.0.1;host=admin.internal",
    Via: "1.1 attacker",
    "X-Original-URL": "/admin/delete",
    "X-Rewrite-URL": "/admin/delete",
    "X-HTTP-Method-Override": "DELETE",
    "Content-Encoding": "gzip",
    "X-Request-Id": "req-1",
    Connection: "content-type, x-insigner-signature",
  };
  const res = await rawRequest(worker, headBlock("/s/direct", { ...sent, "Content-Length": String(d.body.length) }), [d.body]);
  assert.equal(res.status, 200, JSON.stringify(res.json));
  const fwd = origin.at("/s/direct").find((r) => r.headers["x-hookguard-id"] === "dlv_headers_1");
  const allowed = new Set([
    "x-insigner-signature",
    "x-insigner-timestamp",
    "x-insigner-event",
    "x-insigner-delivery-id",
    "user-agent",
    "content-type",
    "x-hookguard-provider",
    "x-hookguard-event",
    "x-hookguard-id",
    "x-hookguard-verified-at",
    "webhook-id",
    "webhook-timestamp",
    "webhook-signature",
  ]);
  const extra = Object.keys(fwd.headers).filter((k) => !allowed.has(k) && !TRANSPORT.has(k));
  assert.deepEqual(extra, [], `only the allow-list reaches the origin: ${JSON.stringify(fwd.headers)}`);
  assert.ok(!Object.keys(fwd.headers).some((k) => k.includes("_")), "no underscore alias is forwarded");
  assert.equal(fwd.headers["content-type"], "application/json", "the edge sets the content type itself");
  assert.equal(fwd.headers["x-insigner-signature"], d.headers["x-insigner-signature"], "a Connection header naming it does not drop it");
  assert.equal(fwd.headers["x-hookguard-id"], "dlv_headers_1");
  assert.equal(fwd.headers["user-agent"], "inSigner-Webhooks/1.0");
  new Webhook(EDGE).verify(fwd.body.toString("utf8"), fwd.headers);
});

test("forwardHeaders adds the operator's extra headers, by exact name only", async () => {
  const d = insignerDelivery(S, { id: "dlv_headers_extra" });
  d.headers["x-request-id"] = "req-42";
  d.headers["X_Request_Id"] = "req-attacker";
  const res = await post(worker, "/s/extra", d);
  assert.equal(res.status, 200);
  const fwd = origin.at("/s/extra").find((r) => r.headers["x-hookguard-id"] === "dlv_headers_extra");
  assert.equal(fwd.headers["x-request-id"], "req-42");
  assert.equal(fwd.headers["x_request_id"], undefined);
});

test("the Inspakt token never reaches the origin, nor any other sender header", async () => {
  const body = inspaktBody("env_headers");
  const res = await post(worker, "/s/queue-direct-origin", { headers: inspaktHeaders({ "x-custom": "1", X_Hookguard_Event: "x" }), body });
  assert.equal(res.status, 200, await res.text());
  const fwd = origin.at("/s/queue-direct-origin").at(-1);
  assert.equal(fwd.headers[TOKEN_HEADER.toLowerCase()], undefined);
  assert.ok(!JSON.stringify(fwd.headers).includes(TOKEN));
  assert.equal(fwd.headers["x-custom"], undefined);
  assert.equal(fwd.headers["x_hookguard_event"], undefined);
  assert.equal(fwd.headers["x-hookguard-event"], "envelope.sent");
});

// ---- finding 8: forwarded ids round-trip ---------------------------------------------------

test("forwarded ids are injective: 'café 1', 'caf%C3%A9%201' and '100%' each decode to themselves", async () => {
  const ids = ["caf\u00e9 1", "caf%C3%A9%201", "100%", "dlv_%41"];
  const seen = new Map();
  for (const id of ids) {
    const d = insignerDelivery(S, { id });
    // The optional headers would carry the id raw; the signed body is what counts.
    delete d.headers["x-insigner-delivery-id"];
    const res = await post(worker, "/s/direct", d);
    assert.equal(res.status, 200, JSON.stringify(await res.json()));
    const fwd = origin.at("/s/direct").find((r) => r.body.equals(d.body));
    const header = fwd.headers["x-hookguard-id"];
    assert.equal(decodeURIComponent(header), id, `${header} decodes to the signed id`);
    assert.equal(fwd.headers["webhook-id"], header);
    assert.ok(!seen.has(header), `${id} and ${seen.get(header)} share the header ${header}`);
    seen.set(header, id);
    new Webhook(EDGE).verify(fwd.body.toString("utf8"), fwd.headers);
  }
});

// ---- finding 9: static files never shadow a route ----------------------------------------

for (const path of ["/", "/index", "/app.mjs", "/favicon.svg"]) {
  test(`a route at ${path} reaches the worker, though a static file has that path`, async () => {
    const d = insignerDelivery(S, { id: `dlv_shadow_${path}` });
    const res = await post(worker, path, d);
    assert.equal(res.status, 200, `${res.status} ${await res.clone().text()}`);
    assert.equal((await res.json()).status, "delivered");
    assert.equal(origin.at(path).length, 1);
    // A GET on a route is the route's 405, not the file.
    const get = await worker.fetch(path);
    assert.equal(get.status, 405);
    assert.equal((await get.json()).error.code, "method_not_allowed");
  });
}

test("a static file that is no route is still served (GET), and a POST to it is 404 not_found", async () => {
  const get = await worker.fetch("/style.css");
  assert.equal(get.status, 200);
  assert.equal(await get.text(), readFileSync(`${root}/www/style.css`, "utf8"));
  const post_ = await worker.fetch("/style.css", { method: "POST", body: "{}" });
  assert.equal(post_.status, 404);
  assert.equal((await post_.json()).error.code, "not_found");
  const missing = await worker.fetch("/no-such-file.txt");
  assert.equal(missing.status, 404);
});

// ---- finding 10: queue routes never lose what does not fit a message ----------------------

const MAX_MESSAGE = 128_000 - 64;

test("a queue route takes a 64 KiB body with 24 KB of forwarded headers: queued (it was 503)", async () => {
  const body = inspaktBody("env_fits", { pad: "p".repeat(64 * 1024 - 120) });
  const res = await post(worker, "/s/queue", { headers: inspaktHeaders({ "x-big": "b".repeat(24 * 1024) }), body });
  const json = await res.json();
  assert.equal(res.status, 202, JSON.stringify(json));
  assert.equal(json.status, "queued");
  const got = await waitFor(() => origin.at("/s/queue").find((r) => r.headers["x-hookguard-id"] === json.id));
  assert.ok(got.body.equals(body));
  assert.equal(got.headers["x-big"].length, 24 * 1024);
});

test("a queue route takes bodies over the queue message limit: forwarded directly, not refused (Inspakt never retries)", async () => {
  const body = inspaktBody("env_big", { pad: "q".repeat(300 * 1024) });
  const res = await post(worker, "/s/queue", { headers: inspaktHeaders(), body });
  const json = await res.json();
  assert.equal(res.status, 200, JSON.stringify(json));
  assert.equal(json.status, "delivered");
  const got = origin.at("/s/queue").filter((r) => r.body.equals(body));
  assert.equal(got.length, 1);
  new Webhook(EDGE).verify(got[0].body.toString("utf8"), got[0].headers);
  assert.ok(logs.some((l) => l.includes('"outcome":"forwarded_directly"')));
});

test("the queue size check is the message's real size: just under the limit queued, just over forwarded directly", async () => {
  // The message is `hookguard-queue/1 <64 hex> <payload>`; a header value of n ASCII characters
  // adds exactly n bytes to it. The edge's id (hg_…) is 27 or 28 characters, hence the margin.
  const body = inspaktBody("env_edge", { pad: "e".repeat(60000) });
  const b64 = body.toString("base64").length;
  const fixed = `hookguard-queue/1 ${"0".repeat(64)} ` +
    JSON.stringify({ route: "/s/queue", provider: "inspakt", event: "envelope.sent", id: "hg_" + "0".repeat(24), verifiedAt: 1_800_000_000, headers: "user-agent:inspakt-test\nx-big:\n", body: "" });
  const room = MAX_MESSAGE - fixed.length - b64;
  for (const [n, want] of [[room - 2, 202], [room + 3, 200]]) {
    const res = await post(worker, "/s/queue", { headers: inspaktHeaders({ "x-big": "z".repeat(n) }), body });
    assert.equal(res.status, want, `header of ${n} bytes: ${JSON.stringify(await res.json())}`);
  }
});

// ---- the adversarial review of the fixes ---------------------------------------------------

test("an authentic queue message sent again (read from the dead-letter queue) is forwarded once, not every time", async () => {
  // The origin fails, so the genuine message ends in the dead-letter queue, where anyone who
  // can read it could copy it.
  let up = false;
  origin.on("/s/queue-flaky", () => ({ status: up ? 200 : 500 }));
  const body = inspaktBody("env_replayed");
  const res = await post(worker, "/s/queue-flaky", { headers: inspaktHeaders(), body });
  const { id } = await res.json();
  assert.equal(res.status, 202);
  const copy = await waitFor(() => dead().find((m) => queuePayload(m)?.id === id), 30000);
  assert.ok(copy, "the message reached the dead-letter queue");
  up = true;
  // A re-drive of the undelivered message goes through once...
  await worker.forge(copy, "text");
  const delivered = () => origin.at("/s/queue-flaky").filter((r) => r.status === 200 && r.headers["x-hookguard-id"] === id);
  assert.ok(await waitFor(() => delivered().length === 1), "the re-driven message is delivered");
  // ...and every further copy is acked as a duplicate, never forwarded again.
  await worker.forge(copy, "text");
  await worker.forge(copy, "text");
  assert.ok(await waitFor(() => logs.filter((l) => l.includes('"outcome":"duplicate"') && l.includes(id)).length >= 2));
  await sleep(500);
  assert.equal(delivered().length, 1);
});

test("an authentic queue message older than QUEUE_MAX_MESSAGE_AGE_SECONDS is dead-lettered, never forwarded", async () => {
  const msg = inspaktMessage(inspaktBody("env_expired"), "hg_expired_1", { verifiedAt: Math.floor(Date.now() / 1000) - 31 * 86400 });
  const before = dead().length;
  await worker.forge(msg, "text");
  assert.ok(await waitFor(() => dead().slice(before).includes(msg), 30000), "dead-lettered");
  assert.ok(!origin.at("/s/queue").some((r) => r.headers["x-hookguard-id"] === "hg_expired_1"));
  assert.ok(logs.some((l) => l.includes('"outcome":"expired_message"')));
});

test("a body the sender does not finish, or whose chunk framing is broken -> 400 incomplete_body, logged at warn", async () => {
  const d = insignerDelivery(S, { id: "dlv_incomplete" });
  const broken = await rawRequest(worker, headBlock("/s/direct", { ...d.headers, "Transfer-Encoding": "chunked" }), [Buffer.from("zz\r\nabc\r\n0\r\n\r\n")]);
  assert.equal(broken.status, 400, JSON.stringify(broken.json));
  assert.equal(broken.json.error.code, "incomplete_body");
  const line = logs.find((l) => l.includes('"outcome":"incomplete_body"'));
  assert.equal(JSON.parse(line).level, "warn");
  assert.ok(!logs.some((l) => l.includes('"outcome":"internal_error"')), "no error-level line for the sender's fault");
});

test("an Inspakt token header named User-Agent never reaches the origin", async () => {
  const body = inspaktBody("env_ua");
  const res = await post(worker, "/s/ua-token", { headers: { "content-type": "application/json", "user-agent": "tok_ua_9c8b7a6f5e4d3c2b1a" }, body });
  assert.equal(res.status, 200, await res.clone().text());
  const fwd = origin.at("/s/ua-token").at(-1);
  assert.notEqual(fwd.headers["user-agent"], "tok_ua_9c8b7a6f5e4d3c2b1a");
  assert.ok(!JSON.stringify(fwd.headers).includes("tok_ua_9c8b7a6f5e4d3c2b1a"));
});

for (const [name, routes, log, extraVars = {}] of [
  ["secretBinding naming the worker's Durable Object binding", [{ path: "/h", options: { provider: "insigner" }, secretBinding: "DEDUPE", origin: "http://127.0.0.1:9/" }], /ROUTES\[0\]\.secretBinding names one of the worker's own vars or bindings, not a secret/],
  ["secretBinding naming a public var", [{ path: "/h", options: { provider: "inspakt" }, secretBinding: "QUEUE_RETRY_BASE_SECONDS", origin: "http://127.0.0.1:9/", mode: "direct" }], /ROUTES\[0\]\.secretBinding names one of the worker's own vars or bindings/],
  ["dedupeNamespace not visible ASCII", [{ path: "/h", options: { provider: "insigner" }, secretBinding: "S", origin: "http://127.0.0.1:9/", dedupeNamespace: "a b" }], /ROUTES\[0\]\.dedupeNamespace must be 1 to 256 visible ASCII characters/],
  ["QUEUE_MAX_MESSAGE_AGE_SECONDS too small", [{ path: "/h", options: { provider: "insigner" }, secretBinding: "S", origin: "http://127.0.0.1:9/" }], /QUEUE_MAX_MESSAGE_AGE_SECONDS must be whole seconds from 3600/, { QUEUE_MAX_MESSAGE_AGE_SECONDS: "60" }],
]) {
  test(`config: ${name} -> invalid_config`, async () => {
    const logs = [];
    const w = await startWorker({ routes, vars: { S, ...extraVars }, logs });
    try {
      assert.equal((await w.fetch("/healthz")).status, 500);
      assert.ok(logs.some((l) => l.includes('"invalid_config"') && log.test(JSON.parse(l).message)), logs.join("\n"));
    } finally {
      await w.dispose();
    }
  });
}

test("two routes sharing a secret but not their replay memory: a warning names both", async () => {
  const logs = [];
  const w = await startWorker({
    routes: [
      { path: "/a", options: { provider: "insigner" }, secretBinding: "S", origin: "http://127.0.0.1:9/" },
      { path: "/b", options: { provider: "insigner" }, secretBinding: "S2", origin: "http://127.0.0.1:9/" },
    ],
    vars: { S, S2: `${"b".repeat(64)},${S}` },
    logs,
  });
  try {
    assert.equal((await w.fetch("/healthz")).status, 200);
    const line = logs.map((l) => JSON.parse(l)).find((l) => /ROUTES\[1\] shares a secret with ROUTES\[0\] but not its replay memory/.test(l.message ?? ""));
    assert.equal(line?.level, "warn");
    assert.ok(!logs.some((l) => l.includes(S)));
  } finally {
    await w.dispose();
  }
});

test("routes sharing a dedupeNamespace share their replay memory: a delivery taken at one path is a duplicate at the other", async () => {
  const o = await startOrigin();
  const w = await startWorker({
    routes: [
      { path: "/old", options: { provider: "insigner" }, secretBinding: "S", origin: `${o.url}/old`, dedupeNamespace: "insigner-main" },
      { path: "/new", options: { provider: "insigner" }, secretBinding: "S", origin: `${o.url}/new`, dedupeNamespace: "insigner-main" },
    ],
    vars: { S },
  });
  try {
    const d = insignerDelivery(S, { id: "dlv_shared_ns" });
    assert.equal((await (await post(w, "/old", d)).json()).status, "delivered");
    assert.deepEqual(await (await post(w, "/new", d)).json(), { status: "duplicate" });
    assert.equal(o.received.length, 1);
  } finally {
    await w.dispose();
    await o.close();
  }
});
