// The edge worker on workerd (Miniflare) against a real loopback origin.
//
// The shared vectors' `now` is in 2026-05, further back than the widest tolerance allows, so
// each inSigner case is sent with its timestamp header moved by (real now - vector now): the
// signature covers only the body, so the original signature stays valid and the body bytes are
// untouched. Cases sitting exactly on the tolerance edge get one extra second of slack in the
// direction of their expectation, since the worker's clock may tick between send and verify.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createHash, createPrivateKey, createPublicKey, verify as edVerify } from "node:crypto";
import { Webhook } from "standardwebhooks";
import {
  startOrigin,
  startWorker,
  insignerDelivery,
  post,
  now,
  sleep,
  waitFor,
  freePort,
  postChunked,
  queuePayload,
  insignerRoute,
  inspaktRoute,
} from "./harness.mjs";

const vectors = (name) => JSON.parse(readFileSync(new URL(`../../../shared/vectors/${name}.json`, import.meta.url)));
const INSIGNER = vectors("insigner").cases;
const INSPAKT = vectors("inspakt").cases;
const S = "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07";
const TOKEN = "tok_4b1d9f0e6a2c8e7d5f3a1b9c";
const EDGE = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
// A v1a re-signing key: whsk_ + base64 of an Ed25519 seed; the origin holds only its public key.
const EDGE_V1A = `whsk_${Buffer.alloc(32, 7).toString("base64")}`;

let origin, worker, downPort;
const logs = [];
const routes = [];
const vars = { S, TOKEN, EDGE, EDGE_V1A };

// The vectors' events were created in May 2026: their routes remember ids, and accept events,
// for ten years (the default, a week, would refuse them as too old: see security.test.mjs).
const LONG_MEMORY = 10 * 365 * 86400;

function vectorRoute(provider, i, c) {
  const { secret, ...options } = c.options;
  const binding = `VEC_${provider.toUpperCase()}_${i}`;
  vars[binding] = JSON.stringify(Array.isArray(secret) ? secret : [secret]);
  const memory = provider === "insigner" ? { dedupeTtlSeconds: LONG_MEMORY } : {};
  // At most the memory minus the tolerance (30 days at the most).
  if (provider === "insigner" && options.maxEventAgeSeconds === undefined) options.maxEventAgeSeconds = LONG_MEMORY - 30 * 86400;
  routes.push({ path: `/v/${provider}/${i}`, options, secretBinding: binding, origin: `${origin.url}/v/${provider}/${i}`, mode: "direct", ...memory });
}

before(async () => {
  origin = await startOrigin();
  downPort = await freePort();
  INSIGNER.forEach((c, i) => {
    if (c.expect.code !== "invalid_config") vectorRoute("insigner", i, c);
  });
  INSPAKT.forEach((c, i) => vectorRoute("inspakt", i, c));
  const insigner = (path, extra) => insignerRoute(origin.url, path, extra);
  const inspakt = (path, extra) => inspaktRoute(origin.url, path, extra);
  routes.push(
    insigner("/t/basic", { resignSecretBinding: "EDGE" }),
    insigner("/t/v1a", { resignSecretBinding: "EDGE_V1A" }),
    insigner("/t/events", { options: { events: ["document.completed"] } }),
    insigner("/t/small", { options: { maxBodyBytes: 512 } }),
    insigner("/t/flaky"),
    // Short replay memories need a provider without a retry window to outlast (Inspakt).
    inspakt("/t/short-memory", { options: { dedupeByBodyHash: true }, mode: "direct", dedupeTtlSeconds: 3 }),
    inspakt("/t/gc", { options: { dedupeByBodyHash: true }, mode: "direct", dedupeTtlSeconds: 3 }),
    insigner("/t/slow"),
    insigner("/t/timeout", { originTimeoutMs: 400 }),
    insigner("/t/unreachable", { origin: "http://127.0.0.1:9/" }),
    inspakt("/t/queue", { origin: `http://127.0.0.1:${downPort}/q`, resignSecretBinding: "EDGE" }),
    inspakt("/t/queue-dead", { origin: `${origin.url}/t/queue-dead` }),
    inspakt("/t/queue-dedupe", { options: { dedupeByBodyHash: true } }),
    inspakt("/t/inspakt-direct", { mode: "direct" }),
  );
  vars.QUEUE_RETRY_BASE_SECONDS = "0";
  vars.QUEUE_RETRY_MAX_SECONDS = "1";
  worker = await startWorker({ routes, vars, originUrl: origin.url, logs });
});

after(async () => {
  await worker?.dispose();
  await origin?.close();
});

function shifted(c) {
  const headers = { ...c.headers };
  const key = Object.keys(headers).find((k) => k.toLowerCase() === "x-insigner-timestamp");
  if (key && /^\d+$/.test(headers[key])) {
    const t = now();
    let ts = Number(headers[key]) + (t - c.now);
    const age = c.now - Number(headers[key]);
    const tol = c.options.toleranceSeconds ?? 300;
    if (c.expect.ok && age === tol) ts += 1;
    if (c.expect.code === "timestamp_in_future") ts += 1;
    headers[key] = String(ts);
  }
  return headers;
}

const bodyOf = (c) => Buffer.from(c.body_base64, "base64");

for (const [provider, cases] of [["insigner", INSIGNER], ["inspakt", INSPAKT]]) {
  cases.forEach((c, i) => {
    if (c.expect.code === "invalid_config") return; // covered by config.test.mjs
    test(`vector ${provider} #${i}: ${c.name}`, async () => {
      const path = `/v/${provider}/${i}`;
      const headers = provider === "insigner" ? shifted(c) : c.headers;
      const body = bodyOf(c);
      const res = await post(worker, path, { headers, body });
      const json = await res.json();
      if (c.expect.ok) {
        assert.equal(res.status, 200, JSON.stringify(json));
        assert.equal(json.status, "delivered");
        const got = origin.at(path);
        assert.equal(got.length, 1);
        const fwd = got[0];
        assert.ok(fwd.body.equals(body), "body forwarded byte for byte");
        assert.equal(fwd.headers["x-hookguard-provider"], provider);
        assert.equal(fwd.headers["x-hookguard-event"], c.expect.event);
        if (c.expect.id) assert.equal(fwd.headers["x-hookguard-id"], c.expect.id);
        else assert.match(fwd.headers["x-hookguard-id"], /^hg_[0-9a-f]+$/);
        assert.match(fwd.headers["x-hookguard-verified-at"], /^\d+$/);
        // The provider's own headers are forwarded; anything else stays at the edge, and the
        // content type is the edge's (the body was verified as the provider's JSON).
        const own = (lk) => lk === "user-agent" || (provider === "insigner" && lk.startsWith("x-insigner-"));
        for (const [k, v] of Object.entries(headers)) {
          const lk = k.toLowerCase();
          if (lk === "content-type") continue;
          if (own(lk)) assert.equal(fwd.headers[lk], v, `header ${k} forwarded`);
          else assert.equal(fwd.headers[lk], undefined, `header ${k} stays at the edge`);
        }
        assert.equal(fwd.headers["x-inspakt-webhook-token"], undefined, "token header stripped");
        assert.equal(fwd.headers["content-type"], "application/json");
      } else {
        const status = { missing_header: 400, malformed_header: 400, invalid_payload: 400, signature_mismatch: 401, token_mismatch: 401, timestamp_too_old: 401, timestamp_in_future: 401, header_body_mismatch: 401, event_not_allowed: 422, body_too_large: 413 }[c.expect.code];
        assert.equal(res.status, status, JSON.stringify(json));
        assert.equal(json.error.code, c.expect.code);
        assert.equal(typeof json.error.message, "string");
        assert.equal(origin.at(path).length, 0, "a rejection is not forwarded");
      }
    });
  });
}

test("replay of a delivered inSigner event -> 200 duplicate, forwarded once", async () => {
  const d = insignerDelivery(S, { id: "dlv_replay_1" });
  const first = await post(worker, "/t/basic", d);
  assert.equal(first.status, 200);
  assert.equal((await first.json()).status, "delivered");
  const again = await post(worker, "/t/basic", d);
  assert.equal(again.status, 200);
  assert.deepEqual(await again.json(), { status: "duplicate" });
  // The same id with a fresh timestamp (an attacker's or a retry's) is still a duplicate.
  const later = await post(worker, "/t/basic", insignerDelivery(S, { id: "dlv_replay_1", ts: now() + 5 }));
  assert.deepEqual(await later.json(), { status: "duplicate" });
  assert.equal(origin.at("/t/basic").filter((r) => r.headers["x-hookguard-id"] === "dlv_replay_1").length, 1);
});

const inspaktDelivery = (envelopeId) => ({
  headers: { "content-type": "application/json", "x-inspakt-webhook-token": TOKEN },
  body: Buffer.from(JSON.stringify({ webhookId: "whk_m", teamId: "team_m", event: "envelope.sent", data: { envelopeId } })),
});

test("replay records expire after dedupeTtlSeconds", async () => {
  const d = inspaktDelivery("env_ttl_1");
  const first = await post(worker, "/t/short-memory", d);
  assert.equal((await first.json()).status, "delivered");
  const replay = await post(worker, "/t/short-memory", d);
  assert.deepEqual(await replay.json(), { status: "duplicate" });
  await sleep(3500);
  // The body hash is forgotten, so the same delivery is forwarded again.
  const later = await post(worker, "/t/short-memory", d);
  const body = await later.json();
  assert.equal(body.status, "delivered", JSON.stringify(body));
  assert.equal(origin.at("/t/short-memory").length, 2);
});

test("the replay store's alarm removes expired records and frees the object (the pending alarm is tracked, not re-read)", async () => {
  const ns = await worker.mf.getDurableObjectNamespace("DEDUPE", "hookguard");
  const keyOf = (d) => `inspakt:sha256:${createHash("sha256").update(d.body).digest("hex")}`;
  const shardOf = (d) => createHash("sha256").update(keyOf(d)).digest()[0] % 16;
  // Two deliveries that land in the same shard, so one object holds both records.
  const first = inspaktDelivery("env_gc_0");
  let second;
  for (let i = 1; !second; i++) if (shardOf(inspaktDelivery(`env_gc_${i}`)) === shardOf(first)) second = inspaktDelivery(`env_gc_${i}`);
  const stub = ns.get(ns.idFromName(`/t/gc\n${shardOf(first)}`));
  const stats = async () => (await stub.fetch("https://dedupe.internal/", { method: "POST", body: '{"op":"stats"}' })).json();
  const sent = Date.now();
  for (const d of [first, second]) {
    const res = await post(worker, "/t/gc", d);
    assert.equal((await res.json()).status, "delivered");
  }
  const held = await stats();
  assert.equal(held.records, 2);
  // Delivered records live dedupeTtlSeconds (3 s): the alarm is due by then, not at the
  // claims' longer lease-based expiry.
  assert.ok(held.alarm !== null && held.alarm <= Date.now() + 3000 + 500, JSON.stringify(held));
  await sleep(Math.max(0, sent + 1500 - Date.now()));
  assert.equal((await stats()).records, 2, "nothing is collected before its expiry");
  const freed = await waitFor(async () => {
    const s = await stats();
    return s.records === 0 && s.alarm === null ? s : null;
  }, 12000, 250);
  assert.ok(freed, `records were not collected: ${JSON.stringify(await stats())}`);
});

test("re-signed for the origin in Standard Webhooks format; smuggled X-Hookguard headers dropped", async () => {
  const d = insignerDelivery(S, { id: "dlv_resign_1" });
  d.headers["x-hookguard-provider"] = "forged";
  d.headers["webhook-signature"] = "v1,forged";
  d.headers["connection"] = "keep-alive";
  const res = await post(worker, "/t/basic", d);
  assert.equal(res.status, 200);
  const fwd = origin.at("/t/basic").find((r) => r.headers["x-hookguard-id"] === "dlv_resign_1");
  assert.equal(fwd.headers["x-hookguard-provider"], "insigner");
  assert.equal(fwd.headers["webhook-id"], "dlv_resign_1");
  const payload = new Webhook(EDGE).verify(fwd.body.toString("utf8"), fwd.headers);
  assert.equal(payload.id, "dlv_resign_1");
});

test("re-signed with v1a (Ed25519) from a whsk_ key: the origin verifies with the public key alone", async () => {
  const d = insignerDelivery(S, { id: "dlv_v1a_1" });
  const res = await post(worker, "/t/v1a", d);
  assert.equal(res.status, 200);
  const fwd = origin.at("/t/v1a").find((r) => r.headers["x-hookguard-id"] === "dlv_v1a_1");
  const sig = fwd.headers["webhook-signature"];
  assert.match(sig, /^v1a,[A-Za-z0-9+/]{86}==$/, "one v1a token, no v1 HMAC");
  // node:crypto's Ed25519, with the public key derived from the seed (PKCS#8 wrapping).
  const seed = Buffer.from(EDGE_V1A.slice(5), "base64");
  const pkcs8 = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]);
  const publicKey = createPublicKey(createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" }));
  const content = Buffer.concat([Buffer.from(`${fwd.headers["webhook-id"]}.${fwd.headers["webhook-timestamp"]}.`), fwd.body]);
  assert.ok(edVerify(null, content, publicKey, Buffer.from(sig.slice(4), "base64")), "the v1a token verifies");
  const tampered = Buffer.concat([content, Buffer.from(" ")]);
  assert.ok(!edVerify(null, tampered, publicKey, Buffer.from(sig.slice(4), "base64")));
  // The private key never reaches the origin or the logs.
  assert.ok(!JSON.stringify(fwd.headers).includes(EDGE_V1A.slice(5)));
});

test("an id and event that are legal JSON but no legal header value are forwarded percent-encoded, not failed forever", async () => {
  // A newline and characters past Latin-1 in the signed body: Headers.set would throw on them.
  const d = insignerDelivery(S, { id: "dlv_odd\n\u00e9_1", event: "document.\u2603" });
  delete d.headers["x-insigner-event"];
  delete d.headers["x-insigner-delivery-id"];
  const res = await post(worker, "/t/basic", d);
  const answer = await res.json();
  assert.equal(res.status, 200, JSON.stringify(answer));
  assert.equal(answer.status, "delivered");
  const fwd = origin.at("/t/basic").find((r) => r.headers["x-hookguard-id"] === "dlv_odd%0A%C3%A9_1");
  assert.ok(fwd, "forwarded with the id percent-encoded");
  assert.equal(fwd.headers["x-hookguard-event"], "document.%E2%98%83");
  assert.ok(fwd.body.equals(d.body), "the body itself is untouched");
  assert.equal(decodeURIComponent(fwd.headers["x-hookguard-id"]), "dlv_odd\n\u00e9_1");
  // The re-signature covers the same (encoded) id the origin sees in webhook-id.
  assert.equal(fwd.headers["webhook-id"], "dlv_odd%0A%C3%A9_1");
  new Webhook(EDGE).verify(fwd.body.toString("utf8"), fwd.headers);
  // The replay is still recognised (dedupe keys on the id itself, not its header form).
  const again = await post(worker, "/t/basic", d);
  assert.deepEqual(await again.json(), { status: "duplicate" });
});

test("event outside the allow-list -> 422 event_not_allowed", async () => {
  const res = await post(worker, "/t/events", insignerDelivery(S, { id: "dlv_ev_1", event: "document.declined" }));
  assert.equal(res.status, 422);
  assert.equal((await res.json()).error.code, "event_not_allowed");
  const ok = await post(worker, "/t/events", insignerDelivery(S, { id: "dlv_ev_2", event: "document.completed" }));
  assert.equal(ok.status, 200);
});

test("oversize body -> 413 body_too_large, not forwarded", async () => {
  const big = Buffer.from(JSON.stringify({ id: "dlv_big", event: "document.completed", pad: "x".repeat(800) }));
  const res = await post(worker, "/t/small", insignerDelivery(S, { id: "dlv_big", body: big }));
  assert.equal(res.status, 413);
  assert.equal((await res.json()).error.code, "body_too_large");
  assert.equal(origin.at("/t/small").length, 0);
});

test("chunked body without Content-Length: over the limit -> 413 while streaming; within it -> delivered byte for byte", async () => {
  const big = Buffer.from(JSON.stringify({ id: "dlv_big_chunked", event: "document.completed", pad: "x".repeat(4000) }));
  const d = insignerDelivery(S, { id: "dlv_big_chunked", body: big });
  const chunks = [];
  for (let i = 0; i < big.length; i += 200) chunks.push(big.subarray(i, i + 200));
  const res = await postChunked(worker, "/t/small", d.headers, chunks);
  assert.equal(res.status, 413);
  assert.equal(res.json.error.code, "body_too_large");
  // The streaming cap answered, not the verifier after a full read (it would name the size).
  assert.match(res.json.error.message, /exceeds the limit of 512 bytes/);
  assert.equal(origin.at("/t/small").length, 0);

  const small = Buffer.from(JSON.stringify({ id: "dlv_small_chunked", event: "document.completed", created_at: new Date().toISOString(), n: "\u00e9" }));
  const ok = insignerDelivery(S, { id: "dlv_small_chunked", body: small });
  const parts = [small.subarray(0, 7), small.subarray(7, 30), small.subarray(30)];
  const good = await postChunked(worker, "/t/small", ok.headers, parts);
  assert.equal(good.status, 200, JSON.stringify(good.json));
  assert.equal(good.json.status, "delivered");
  const got = origin.at("/t/small");
  assert.equal(got.length, 1);
  assert.ok(got[0].body.equals(small));
});

test("origin 500, then the provider's retry -> 502 then delivered, exactly once", async () => {
  let calls = 0;
  origin.on("/t/flaky", () => ({ status: ++calls === 1 ? 500 : 200 }));
  const d = insignerDelivery(S, { id: "dlv_flaky_1" });
  const first = await post(worker, "/t/flaky", d);
  assert.equal(first.status, 502);
  assert.equal((await first.json()).error.code, "origin_refused");
  const retry = await post(worker, "/t/flaky", d);
  assert.equal(retry.status, 200);
  assert.equal((await retry.json()).status, "delivered");
  const third = await post(worker, "/t/flaky", d);
  assert.deepEqual(await third.json(), { status: "duplicate" });
  const got = origin.at("/t/flaky");
  assert.equal(got.length, 2);
  assert.equal(got.filter((r) => r.status === 200).length, 1);
});

test("origin timeout -> 504 origin_timeout; the retry goes through", async () => {
  let calls = 0;
  origin.on("/t/timeout", () => (++calls === 1 ? { delayMs: 1500 } : {}));
  const d = insignerDelivery(S, { id: "dlv_slow_1" });
  const first = await post(worker, "/t/timeout", d);
  assert.equal(first.status, 504);
  assert.equal((await first.json()).error.code, "origin_timeout");
  const retry = await post(worker, "/t/timeout", d);
  assert.equal(retry.status, 200);
});

test("origin unreachable -> 502 origin_unreachable", async () => {
  const res = await post(worker, "/t/unreachable", insignerDelivery(S, { id: "dlv_unreach_1" }));
  assert.equal(res.status, 502);
  assert.equal((await res.json()).error.code, "origin_unreachable");
});

test("two concurrent identical deliveries -> forwarded once; the other gets 503 in_flight + Retry-After", async () => {
  origin.on("/t/slow", () => ({ delayMs: 1200 }));
  const d = insignerDelivery(S, { id: "dlv_concurrent_1" });
  // Each answer's body is read as soon as it arrives: the 503 comes ~1 s before the 200, and a
  // body left unread that long can be cancelled underneath the test by the HTTP client.
  const settle = async (res) => ({ status: res.status, headers: res.headers, json: await res.json() });
  const [a, b] = await Promise.all([
    post(worker, "/t/slow", d).then(settle),
    sleep(150).then(() => post(worker, "/t/slow", d)).then(settle),
  ]);
  const statuses = [a.status, b.status].sort();
  assert.deepEqual(statuses, [200, 503]);
  const busy = a.status === 503 ? a : b;
  assert.equal(busy.json.status, "in_flight");
  assert.match(busy.headers.get("retry-after"), /^\d+$/);
  assert.equal(origin.at("/t/slow").length, 1);
  // Once the first is delivered, the provider's retry of the second is a duplicate.
  const retry = await post(worker, "/t/slow", d);
  assert.deepEqual(await retry.json(), { status: "duplicate" });
});

test("queue mode, origin down -> 202, then delivered exactly once after it recovers", async () => {
  const body = Buffer.from(JSON.stringify({ webhookId: "whk_q", teamId: "team_q", event: "envelope.sent", data: { envelopeId: "env_q1" } }));
  const res = await post(worker, "/t/queue", { headers: { "content-type": "application/json", "x-inspakt-webhook-token": TOKEN }, body });
  assert.equal(res.status, 202);
  const { id, status } = await res.json();
  assert.equal(status, "queued");
  // Let at least one consumer attempt hit the closed port, then bring the origin up.
  await waitFor(() => logs.some((l) => l.includes(id) && l.includes("origin_unreachable")), 10000);
  const received = [];
  const server = (await import("node:http")).createServer((req, res2) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res2.end("ok");
    });
  });
  await new Promise((r) => server.listen(downPort, "127.0.0.1", r));
  try {
    await waitFor(() => received.length >= 1, 15000);
    await sleep(2500); // any second delivery would arrive within the 1 s backoff
    assert.equal(received.length, 1, "delivered exactly once");
    assert.ok(received[0].body.equals(body));
    assert.equal(received[0].headers["x-hookguard-id"], id);
    assert.equal(received[0].headers["x-inspakt-webhook-token"], undefined);
    new Webhook(EDGE).verify(received[0].body.toString("utf8"), received[0].headers);
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test("queue mode: after the last attempt the event lands in the dead-letter queue (without the token)", async () => {
  origin.on("/t/queue-dead", () => ({ status: 500 }));
  const body = Buffer.from(JSON.stringify({ webhookId: "whk_d", teamId: "team_d", event: "envelope.voided", data: { envelopeId: "env_dead" } }));
  const res = await post(worker, "/t/queue-dead", { headers: { "content-type": "application/json", "x-inspakt-webhook-token": TOKEN }, body });
  assert.equal(res.status, 202);
  const { id } = await res.json();
  const dead = await waitFor(() => origin.at("/dlq").find((r) => queuePayload(JSON.parse(r.body))?.id === id), 30000);
  assert.ok(dead, "message reached the dead-letter queue");
  const msg = queuePayload(JSON.parse(dead.body));
  assert.equal(Buffer.from(msg.body, "base64").toString(), body.toString());
  assert.ok(!dead.body.toString().includes(TOKEN), "the token never enters the queue");
  assert.equal(origin.at("/t/queue-dead").length, 5, "1 attempt + 4 retries (maxRetries 4)");
});

test("queue mode: a message the consumer cannot decode is retried into the dead-letter queue, never acked", async () => {
  // What another deployment's message format or a foreign producer would put on the queue.
  const queue = await worker.mf.getQueueProducer("DELIVERIES", "hookguard");
  await queue.send({ foreign: "format-v0", n: 7 });
  const dead = await waitFor(() => origin.at("/dlq").find((r) => JSON.parse(r.body).foreign === "format-v0"), 30000);
  assert.ok(dead, "the undecodable message reached the dead-letter queue");
  assert.deepEqual(JSON.parse(dead.body), { foreign: "format-v0", n: 7 });
  const lines = logs.filter((l) => l.startsWith("{") && l.includes('"unreadable_message"'));
  assert.equal(lines.length, 5, "1 attempt + 4 retries, each logged");
  assert.ok(lines.every((l) => JSON.parse(l).retryInSeconds >= 0));
});

test("queue mode with dedupeByBodyHash: an identical body is a duplicate", async () => {
  const d = { headers: { "content-type": "application/json", "x-inspakt-webhook-token": TOKEN }, body: Buffer.from('{"webhookId":"w","teamId":"t","event":"envelope.sent","data":{"envelopeId":"env_dd"}}') };
  const first = await post(worker, "/t/queue-dedupe", d);
  assert.equal(first.status, 202);
  const second = await post(worker, "/t/queue-dedupe", d);
  assert.equal(second.status, 200);
  assert.deepEqual(await second.json(), { status: "duplicate" });
  await waitFor(() => origin.at("/t/queue-dedupe").length >= 1, 10000);
  await sleep(1500);
  assert.equal(origin.at("/t/queue-dedupe").length, 1);
});

test("Inspakt without body-hash dedupe: an identical envelope sent twice is forwarded twice", async () => {
  const d = { headers: { "content-type": "application/json", "x-inspakt-webhook-token": TOKEN }, body: Buffer.from('{"webhookId":"w","teamId":"t","event":"envelope.sent","data":{"envelopeId":"env_twice"}}') };
  assert.equal((await post(worker, "/t/inspakt-direct", d)).status, 200);
  assert.equal((await post(worker, "/t/inspakt-direct", d)).status, 200);
  assert.equal(origin.at("/t/inspakt-direct").length, 2);
});

test("wrong method -> 405 with Allow; unknown route -> 404; /healthz answers", async () => {
  const get = await worker.fetch("/t/basic");
  assert.equal(get.status, 405);
  assert.equal(get.headers.get("allow"), "POST");
  assert.equal((await get.json()).error.code, "method_not_allowed");
  const none = await worker.fetch("/no/such/route", { method: "POST", body: "{}" });
  assert.equal(none.status, 404);
  assert.equal((await none.json()).error.code, "not_found");
  const health = await worker.fetch("/healthz");
  assert.equal(health.status, 200);
  assert.equal((await health.json()).status, "ok");
  assert.equal((await worker.fetch("/healthz", { method: "POST", body: "" })).status, 405);
});

test("the route is the URL's path: a query string or fragment does not change it, a longer path is no route", async () => {
  const d = insignerDelivery(S, { id: "dlv_query_1" });
  const res = await post(worker, "/t/basic?source=insigner&attempt=2#x", d);
  assert.equal(res.status, 200);
  assert.equal((await res.json()).status, "delivered");
  assert.ok(origin.at("/t/basic").some((r) => r.headers["x-hookguard-id"] === "dlv_query_1"));
  const deeper = await post(worker, "/t/basic/extra", insignerDelivery(S, { id: "dlv_query_2" }));
  assert.equal(deeper.status, 404);
  assert.equal((await deeper.json()).error.code, "not_found");
});

test("static assets from www/ are served", { skip: !(await import("node:fs")).existsSync(new URL("../../www/index.html", import.meta.url)) }, async () => {
  const res = await worker.fetch("/");
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type"), /text\/html/);
});

test("logs are JSON lines with route/provider/outcome/latency and no secrets or bodies", async () => {
  await sleep(200);
  const lines = logs.filter((l) => l.startsWith("{"));
  assert.ok(lines.length > 20);
  for (const l of lines) {
    const o = JSON.parse(l);
    assert.ok(o.msg);
    if (o.msg === "delivery") {
      for (const k of ["route", "provider", "outcome", "latencyMs", "status"]) assert.ok(k in o, `${k} in ${l}`);
    }
  }
  const all = logs.join("\n");
  for (const secret of [S, TOKEN, EDGE, "cba06b5736faf67e54b07b561eae94395e774c517a7d910a54369e1263ccfbd4", "Sales Agreement", "env_twice", "webhookId"]) {
    assert.ok(!all.includes(secret), `logs contain ${secret.slice(0, 12)}…`);
  }
});
