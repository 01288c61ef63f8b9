// The worker as a gateway (docs/WORKER.md, "Operations"): the delivery log in real D1, bodies in
// real R2, the admin API, replays through the replay store, the dead-letter queue recorded and
// re-driven, bodies above the queue message limit through R2, retention; on workerd against
// loopback origins.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { Webhook } from "standardwebhooks";
import {
  ADMIN_TOKEN,
  startOrigin,
  startWorker,
  insignerDelivery,
  insignerRoute,
  inspaktRoute,
  post,
  sleep,
  waitFor,
  freePort,
  queueMessage,
} from "./harness.mjs";

const S = "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07";
const TOKEN = "tok_4b1d9f0e6a2c8e7d5f3a1b9c";
const ALERT_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
// A marker in every body sent here: it must never show up in a log line or in D1.
const MARK = "BODY-MARK-9f2c71d4";

let origin, worker, downPort, downUrl;
const logs = [];

const inspaktHeaders = { "content-type": "application/json", "x-inspakt-webhook-token": TOKEN };
const inspaktBody = (n, extra = "") =>
  Buffer.from(JSON.stringify({ webhookId: `whk_${n}`, teamId: "team_g", event: "envelope.completed", data: { envelopeId: `env_${n}`, mark: MARK, extra } }));

/** A signed inSigner delivery whose body carries the marker. */
function delivery(id, event = "document.completed") {
  const body = Buffer.from(JSON.stringify({ id, event, api_version: "2026-05-28", created_at: new Date().toISOString(), data: { mark: MARK } }));
  return insignerDelivery(S, { id, event, body });
}

/** A record's stored request, read from R2 (its part of a segment, or its own object). */
async function storedRequest(route, id) {
  const { results } = await worker.db.prepare("SELECT body_key, body_offset, body_length FROM deliveries WHERE route = ? AND id = ?").bind(route, id).all();
  const r = results[0];
  const whole = Buffer.from(await (await worker.bucket.get(r.body_key)).arrayBuffer());
  return r.body_offset === null ? whole : whole.subarray(r.body_offset, r.body_offset + r.body_length);
}

before(async () => {
  origin = await startOrigin();
  downPort = await freePort();
  downUrl = `http://127.0.0.1:${downPort}`;
  const routes = [
    insignerRoute(origin.url, "/g/direct"),
    insignerRoute(origin.url, "/g/retention", { retentionDays: 1 }),
    inspaktRoute(origin.url, "/g/queue"),
    inspaktRoute(origin.url, "/g/dead"),
    // Up to 1 MiB: bodies above the queue's 128 KB message limit travel through R2.
    { ...inspaktRoute(origin.url, "/g/large"), origin: `${downUrl}/g/large` },
    insignerRoute(origin.url, "/g/queued-insigner", { mode: "queue" }),
  ];
  worker = await startWorker({ routes, vars: { S, TOKEN, QUEUE_RETRY_BASE_SECONDS: "0", QUEUE_RETRY_MAX_SECONDS: "1", ALERT_URL: `${origin.url}/alerts`, ALERT_SECRET }, originUrl: origin.url, logs, gateway: true, queue: { maxRetries: 2 } });
});

after(async () => {
  await worker?.dispose();
  await origin?.close();
});

test("a delivered delivery is in the log with its try, and its exact bytes are in R2", async () => {
  const d = delivery("evt_g_ok");
  const res = await post(worker, "/g/direct", d);
  assert.equal(res.status, 200);
  const row = await waitFor(async () => (await worker.admin("deliveries/evt_g_ok?route=/g/direct")).json?.delivery);
  assert.equal(row.status, "delivered");
  assert.equal(row.provider, "insigner");
  assert.equal(row.event, "document.completed");
  assert.equal(row.originStatus, 200);
  assert.equal(row.bodyBytes, d.body.length);
  assert.equal(row.replayable, true);
  assert.equal(row.attempts.length, 1);
  assert.deepEqual(
    { n: row.attempts[0].n, kind: row.attempts[0].kind, outcome: row.attempts[0].outcome, originStatus: row.attempts[0].originStatus },
    { n: 1, kind: "live", outcome: "delivered", originStatus: 200 },
  );
  assert.ok(Date.parse(row.receivedAt) > Date.now() - 60_000);
  // The stored request: magic, header block length, headers, then the body exactly.
  const object = await storedRequest("/g/direct", "evt_g_ok");
  assert.equal(object.subarray(0, 4).toString(), "hgb1");
  const headerBytes = object.readUInt32BE(4);
  assert.match(object.subarray(8, 8 + headerBytes).toString(), /^x-insigner-signature:sha256=/m);
  assert.ok(object.subarray(8 + headerBytes).equals(d.body), "the body is stored byte for byte");
});

test("a failed try is recorded as failed, and the provider's retry that gets through as delivered", async () => {
  let n = 0;
  origin.on("/g/direct", (r) => (r.headers["x-hookguard-id"] === "evt_g_retry" && n++ === 0 ? { status: 503 } : {}));
  const d = delivery("evt_g_retry");
  assert.equal((await post(worker, "/g/direct", d)).status, 502);
  const failed = await waitFor(async () => (await worker.admin("deliveries/evt_g_retry")).json?.delivery);
  assert.equal(failed.status, "failed");
  assert.equal(failed.reason, "origin_refused");
  assert.equal(failed.originStatus, 503);
  assert.equal((await post(worker, "/g/direct", d)).status, 200);
  const done = await waitFor(async () => {
    const r = (await worker.admin("deliveries/evt_g_retry")).json?.delivery;
    return r?.status === "delivered" && r;
  });
  assert.deepEqual(done.attempts.map((a) => [a.n, a.outcome, a.originStatus]), [[1, "origin_refused", 503], [2, "delivered", 200]]);
  assert.equal(done.reason, null);
});

test("the admin API needs the exact token: 401 and nothing else said", async () => {
  for (const token of [null, "wrong", ADMIN_TOKEN.slice(0, -1), `${ADMIN_TOKEN}x`]) {
    const r = await worker.admin("deliveries", { token });
    assert.equal(r.status, 401, String(token));
    assert.deepEqual(r.json, { error: { code: "unauthorized", message: "a valid admin token is required" } });
    assert.match(r.headers.get("www-authenticate"), /^Bearer/);
  }
  const basic = await worker.fetch("/_hookguard/api/deliveries", { headers: { authorization: `Basic ${ADMIN_TOKEN}` } });
  assert.equal(basic.status, 401);
  const lower = await worker.fetch("/_hookguard/api/routes", { headers: { authorization: `bearer ${ADMIN_TOKEN}` } });
  assert.equal(lower.status, 200, "the scheme is case-insensitive");
});

test("the list filters by route, status and event, pages with a cursor, and refuses a bad filter by name", async () => {
  for (const id of ["evt_g_l1", "evt_g_l2", "evt_g_l3"]) assert.equal((await post(worker, "/g/direct", delivery(id, "document.signed"))).status, 200);
  await waitFor(async () => (await worker.admin("deliveries?event=document.signed")).json?.deliveries.length === 3);
  const page1 = await worker.admin("deliveries?event=document.signed&limit=2&route=/g/direct&status=delivered");
  assert.equal(page1.status, 200);
  assert.equal(page1.headers.get("cache-control"), "no-store");
  assert.deepEqual(page1.json.deliveries.map((d) => d.id), ["evt_g_l3", "evt_g_l2"], "newest first");
  assert.equal(typeof page1.json.cursor, "string");
  const page2 = await worker.admin(`deliveries?event=document.signed&limit=2&cursor=${page1.json.cursor}`);
  assert.deepEqual(page2.json.deliveries.map((d) => d.id), ["evt_g_l1"]);
  assert.equal(page2.json.cursor, null);
  const item = page1.json.deliveries[0];
  assert.deepEqual(Object.keys(item).sort(), ["attempts", "bodyBytes", "event", "id", "originStatus", "provider", "reason", "receivedAt", "replayable", "replays", "route", "status", "updatedAt"]);
  assert.equal(item.attempts, 1);
  const none = await worker.admin("deliveries?status=dead&route=/g/direct");
  assert.deepEqual(none.json.deliveries, []);
  const since = await worker.admin(`deliveries?event=document.signed&since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
  assert.deepEqual(since.json.deliveries, []);
  for (const [query, name] of [
    ["status=lost", "status"],
    ["limit=0", "limit"],
    ["limit=201", "limit"],
    ["since=yesterday", "since"],
    ["until=2026-13-01T00:00:00Z", "until"],
    ["cursor=zz", "cursor"],
    ["route=hooks", "route"],
    ["colour=red", "colour"],
    ["status=dead&status=failed", "status"],
  ]) {
    const r = await worker.admin(`deliveries?${query}`);
    assert.equal(r.status, 400, query);
    assert.equal(r.json.error.code, "invalid_parameter", query);
    assert.match(r.json.error.message, new RegExp(`^the parameter ${name} `), query);
  }
  const routes = await worker.admin("routes");
  assert.deepEqual(routes.json.routes.find((r) => r.path === "/g/retention"), { path: "/g/retention", provider: "insigner", mode: "direct", retentionDays: 1 });
  assert.equal(routes.json.routes.find((r) => r.path === "/g/direct").retentionDays, 7, "the default retention");
});

test("a replay sends the stored bytes once, marked, and the provider's later retry is a duplicate", async () => {
  origin.on("/g/direct", (r) => (r.headers["x-hookguard-id"] === "evt_g_rp" && !r.headers["x-hookguard-replay"] ? { status: 500 } : {}));
  const d = delivery("evt_g_rp");
  assert.equal((await post(worker, "/g/direct", d)).status, 502);
  await waitFor(async () => (await worker.admin("deliveries/evt_g_rp")).json?.delivery?.status === "failed");
  const before = origin.at("/g/direct").length;
  const r = await worker.admin("deliveries/evt_g_rp/replay?route=/g/direct", { method: "POST" });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { replay: { id: "evt_g_rp", route: "/g/direct", outcome: "delivered", originStatus: 200, status: "delivered" } });
  const sent = origin.at("/g/direct").slice(before);
  assert.equal(sent.length, 1, "exactly one request to the origin");
  assert.ok(sent[0].body.equals(d.body), "the stored bytes exactly");
  assert.equal(sent[0].headers["x-hookguard-replay"], "1");
  assert.equal(sent[0].headers["x-insigner-signature"], d.headers["x-insigner-signature"]);
  // The provider's own retry of the same delivery now finds it delivered.
  const retry = await post(worker, "/g/direct", d);
  assert.equal(retry.status, 200);
  assert.equal((await retry.json()).status, "duplicate");
  assert.equal(origin.at("/g/direct").length, before + 1, "the retry was not forwarded");
  const row = (await worker.admin("deliveries/evt_g_rp")).json.delivery;
  assert.equal(row.status, "delivered");
  assert.equal(row.replays, 1);
  assert.deepEqual(row.attempts.map((a) => [a.kind, a.outcome]), [["live", "origin_refused"], ["replay", "delivered"]]);
  const { results } = await worker.db.prepare("SELECT action, route, id FROM operator_actions WHERE id = ?").bind("evt_g_rp").all();
  assert.deepEqual(results, [{ action: "replay", route: "/g/direct", id: "evt_g_rp" }], "the replay is recorded as an operator action");
});

test("a replay while the origin is down is recorded as failed and can be replayed again", async () => {
  const routesRes = await worker.admin("routes");
  assert.equal(routesRes.status, 200);
  origin.on("/g/direct", (r) => (r.headers["x-hookguard-id"] === "evt_g_down" ? { status: 500 } : {}));
  assert.equal((await post(worker, "/g/direct", delivery("evt_g_down"))).status, 502);
  await waitFor(async () => (await worker.admin("deliveries/evt_g_down")).json?.delivery);
  const r1 = await worker.admin("deliveries/evt_g_down/replay", { method: "POST" });
  assert.equal(r1.status, 200);
  assert.equal(r1.json.replay.outcome, "origin_refused");
  assert.equal(r1.json.replay.originStatus, 500);
  assert.equal(r1.json.replay.status, "failed");
  origin.on("/g/direct", () => ({}));
  const r2 = await worker.admin("deliveries/evt_g_down/replay", { method: "POST" });
  assert.equal(r2.json.replay.outcome, "delivered");
  const row = (await worker.admin("deliveries/evt_g_down")).json.delivery;
  assert.deepEqual(row.attempts.map((a) => [a.kind, a.outcome]), [["live", "origin_refused"], ["replay", "origin_refused"], ["replay", "delivered"]]);
});

test("a replay never races a live copy: 409 in_flight while the provider's retry is being forwarded", async () => {
  origin.on("/g/direct", (r) => (r.headers["x-hookguard-id"] === "evt_g_race" ? { status: 500 } : {}));
  const d = delivery("evt_g_race");
  assert.equal((await post(worker, "/g/direct", d)).status, 502);
  await waitFor(async () => (await worker.admin("deliveries/evt_g_race")).json?.delivery);
  // The provider's retry: the origin takes 3 s to answer it.
  origin.on("/g/direct", (r) => (r.headers["x-hookguard-id"] === "evt_g_race" && !r.headers["x-hookguard-replay"] ? { delayMs: 3000 } : {}));
  const live = post(worker, "/g/direct", d);
  // The origin has the retry (it records a request before its delay).
  await waitFor(() => origin.at("/g/direct").filter((r) => r.headers["x-hookguard-id"] === "evt_g_race").length >= 2, 5000, 20);
  const r = await worker.admin("deliveries/evt_g_race/replay", { method: "POST" });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, "in_flight");
  assert.ok(Number(r.headers.get("retry-after")) >= 1);
  assert.equal((await live).status, 200);
  assert.equal(origin.at("/g/direct").filter((x) => x.headers["x-hookguard-id"] === "evt_g_race" && x.headers["x-hookguard-replay"]).length, 0, "the replay sent nothing");
});

test("replaying an unknown id is 404; a foreign id on several routes needs ?route=", async () => {
  const r = await worker.admin("deliveries/evt_nope/replay", { method: "POST" });
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, "not_found");
  assert.equal((await worker.admin("deliveries/evt_nope")).status, 404);
  const get = await worker.admin("deliveries/evt_g_ok/replay");
  assert.equal(get.status, 405, "a replay is a POST");
  assert.equal(get.json.error.code, "method_not_allowed");
  assert.equal(get.headers.get("allow"), "POST");
  const listPost = await worker.admin("deliveries", { method: "POST" });
  assert.equal(listPost.status, 405);
  assert.equal(listPost.json.error.code, "method_not_allowed");
  const unknown = await worker.admin("nothing-here");
  assert.equal(unknown.status, 404);
  assert.equal(unknown.json.error.code, "not_found");
  // The same id on two routes.
  assert.equal((await post(worker, "/g/retention", delivery("evt_g_ok"))).status, 200);
  await waitFor(async () => (await worker.admin("deliveries/evt_g_ok?route=/g/retention")).status === 200);
  const both = await worker.admin("deliveries/evt_g_ok");
  assert.equal(both.status, 409);
  assert.equal(both.json.error.code, "ambiguous_id");
  assert.equal((await worker.admin("deliveries/evt_g_ok?route=/g/direct")).json.delivery.route, "/g/direct");
  const colour = await worker.admin("deliveries/evt_g_ok?colour=red");
  assert.equal(colour.status, 400);
  assert.match(colour.json.error.message, /^the parameter colour /);
  const twice = await worker.admin("deliveries/evt_g_ok?route=/g/direct&route=/g/retention");
  assert.equal(twice.status, 400);
  assert.equal(twice.json.error.message, "the parameter route is given more than once");
});

test("a bulk replay sends each matching delivery once, is rate-limited, and needs a filter", async () => {
  origin.on("/g/direct", (r) => (r.headers["x-hookguard-id"]?.startsWith("evt_g_bulk") && !r.headers["x-hookguard-replay"] ? { status: 500 } : {}));
  for (const id of ["evt_g_bulk1", "evt_g_bulk2", "evt_g_bulk3"]) assert.equal((await post(worker, "/g/direct", delivery(id, "document.bulk"))).status, 502);
  await waitFor(async () => (await worker.admin("deliveries?event=document.bulk&status=failed")).json?.deliveries.length === 3);
  const noFilter = await worker.admin("replay", { method: "POST", body: { limit: 5 } });
  assert.equal(noFilter.status, 400);
  assert.equal(noFilter.json.error.code, "invalid_parameter");
  const huge = await worker.admin("replay", { method: "POST", body: { status: "failed", event: "x".repeat(5000) } });
  assert.equal(huge.status, 413);
  assert.equal(huge.json.error.code, "body_too_large");
  const notJson = await worker.admin("replay", { method: "POST", body: "status=failed" });
  assert.equal(notJson.status, 400);
  assert.equal(notJson.json.error.message, "the parameter body must be a JSON object");
  const typo = await worker.admin("replay", { method: "POST", body: { stauts: "failed" } });
  assert.equal(typo.status, 400);
  assert.match(typo.json.error.message, /^the parameter stauts /);
  const before = origin.at("/g/direct").length;
  const r = await worker.admin("replay", { method: "POST", body: { event: "document.bulk", status: "failed", limit: 2 } });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.replayed.map((x) => [x.id, x.outcome]), [["evt_g_bulk1", "delivered"], ["evt_g_bulk2", "delivered"]], "oldest first, at most limit");
  assert.equal(r.json.more, true);
  const again = await worker.admin("replay", { method: "POST", body: { event: "document.bulk", status: "failed" } });
  assert.equal(again.status, 429);
  assert.equal(again.json.error.code, "rate_limited");
  assert.ok(Number(again.headers.get("retry-after")) >= 1);
  const sent = origin.at("/g/direct").slice(before);
  assert.deepEqual(sent.map((x) => x.headers["x-hookguard-id"]), ["evt_g_bulk1", "evt_g_bulk2"], "each once");
  await sleep(10_000);
  const rest = await worker.admin("replay", { method: "POST", body: { event: "document.bulk", status: "failed" } });
  assert.deepEqual(rest.json.replayed.map((x) => x.id), ["evt_g_bulk3"]);
  assert.equal(rest.json.more, false);
});

test("queue mode: queued, then the consumer's try, in the log", async () => {
  const body = inspaktBody("q1");
  const res = await post(worker, "/g/queue", { headers: inspaktHeaders, body });
  assert.equal(res.status, 202);
  const { id } = await res.json();
  const row = await waitFor(async () => {
    const r = (await worker.admin(`deliveries/${encodeURIComponent(id)}`)).json?.delivery;
    return r?.status === "delivered" && r;
  });
  assert.equal(row.provider, "inspakt");
  assert.deepEqual(row.attempts.map((a) => [a.kind, a.outcome, a.originStatus]), [["queue", "delivered", 200]]);
  assert.equal(origin.at("/g/queue").length, 1);
});

test("dead letters are recorded as dead with their body, and a re-drive delivers each once", async () => {
  origin.on("/g/dead", (r) => (r.headers["x-hookguard-replay"] ? {} : { status: 500 }));
  const body = inspaktBody("dead1");
  const res = await post(worker, "/g/dead", { headers: inspaktHeaders, body });
  assert.equal(res.status, 202);
  const { id } = await res.json();
  const row = await waitFor(async () => {
    const r = (await worker.admin(`deliveries/${id}`)).json?.delivery;
    return r?.status === "dead" && r;
  }, 40_000);
  assert.equal(row.attempts.length, 3, "1 try + 2 retries before the dead-letter queue");
  assert.ok(row.attempts.every((a) => a.kind === "queue" && a.outcome === "origin_refused"));
  assert.equal(row.replayable, true);
  assert.ok(logs.some((l) => l.includes('"dead_lettered"') && l.includes(id)), "logged");
  const tried = origin.at("/g/dead").length;
  await sleep(10_000); // the bulk replay's interval since the previous test's
  const r = await worker.admin("replay", { method: "POST", body: { status: "dead", route: "/g/dead" } });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.replayed.map((x) => [x.id, x.outcome]), [[id, "delivered"]]);
  const sent = origin.at("/g/dead").slice(tried);
  assert.equal(sent.length, 1);
  assert.ok(sent[0].body.equals(body));
  assert.equal(sent[0].headers["x-inspakt-webhook-token"], undefined, "the token is never stored or replayed");
  assert.equal((await worker.admin(`deliveries/${id}`)).json.delivery.status, "delivered");
});

test("the cron alerts once per dead letter, signed, naming the route and the count", async () => {
  const deadLetters = () =>
    origin.at("/alerts").flatMap((r) => {
      const payload = new Webhook(ALERT_SECRET).verify(r.body.toString("utf8"), r.headers);
      return payload.alerts.filter((a) => a.kind === "dead_letter");
    });
  const before = deadLetters().length;
  await worker.scheduled();
  const sent = deadLetters().slice(before);
  assert.deepEqual(sent, [{ kind: "dead_letter", route: "/g/dead", stage: "dead", count: 1, lastOutcome: "dead_lettered" }]);
  assert.ok(logs.some((l) => l.includes('"msg":"alert"') && l.includes('"dead_letter"') && l.includes('"count":1')));
  await worker.scheduled();
  assert.equal(deadLetters().length, before + 1, "each dead letter is alerted on once");
});

test("a forged message in the dead-letter queue is recorded (not replayable), never forwarded", async () => {
  const dlq = await worker.mf.getQueueProducer("DELIVERIES", "hookguard");
  await dlq.send("hookguard-queue/1 00 {}", { contentType: "text" });
  const row = await waitFor(async () => {
    const { results } = await worker.db.prepare("SELECT id, route, status, reason, body_key FROM deliveries WHERE route = ''").all();
    return results[0];
  }, 40_000);
  assert.equal(row.status, "dead");
  assert.equal(row.reason, "unreadable_message");
  const kept = await worker.bucket.get(row.body_key);
  assert.equal(await kept.text(), "hookguard-queue/1 00 {}", "kept as it came");
  const r = await worker.admin(`deliveries/${row.id}/replay`, { method: "POST" });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, "not_replayable");
});

test("a body above the queue message limit travels through R2: origin down then up, delivered once, exactly", async () => {
  const body = inspaktBody("large", "x".repeat(300_000));
  const res = await post(worker, "/g/large", { headers: inspaktHeaders, body });
  assert.equal(res.status, 202, "queued, not forwarded directly");
  const { id } = await res.json();
  assert.ok(logs.every((l) => !l.includes("forwarded_directly")), "not the direct fallback");
  await waitFor(async () => (await worker.admin(`deliveries/${id}`)).json?.delivery?.attempts?.length >= 1, 20_000);
  const received = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.end("ok");
    });
  });
  await new Promise((r) => server.listen(downPort, "127.0.0.1", r));
  try {
    await waitFor(() => received.length >= 1, 20_000);
    await sleep(2500);
    assert.equal(received.length, 1, "exactly once");
    assert.ok(received[0].body.equals(body), "the exact bytes");
    const row = await waitFor(async () => {
      const r = (await worker.admin(`deliveries/${id}`)).json?.delivery;
      return r?.status === "delivered" && r;
    });
    assert.equal(row.bodyBytes, body.length);
    assert.equal(row.attempts.at(-1).outcome, "delivered");
    assert.equal(row.attempts[0].outcome, "origin_unreachable");
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test("retention: the cron removes expired records and their bodies, a shared object keeps only live parts, and every object expires", async () => {
  // Sent together, so one flush stores both requests in one object.
  const [a, b] = await Promise.all([post(worker, "/g/retention", delivery("evt_g_old")), post(worker, "/g/retention", delivery("evt_g_new"))]);
  assert.deepEqual([a.status, b.status], [200, 200]);
  await waitFor(async () => (await worker.admin("deliveries?route=/g/retention")).json?.deliveries.length >= 3);
  const rows = async () => (await worker.db.prepare("SELECT id, body_key, body_offset, expires_at - updated_at AS keep FROM deliveries WHERE route = '/g/retention' ORDER BY id").all()).results;
  const before = await rows();
  assert.ok(before.every((r) => r.keep === 86_400_000), "retentionDays 1: a day from the last write");
  const old = before.find((r) => r.id === "evt_g_old");
  const young = before.find((r) => r.id === "evt_g_new");
  assert.equal(old.body_key, young.body_key, "one object for the flush");
  assert.ok(old.body_key.startsWith("segments/"));
  const newBytes = await storedRequest("/g/retention", "evt_g_new");
  // A day later, for evt_g_old only: its expiry moved into the past.
  await worker.db.prepare("UPDATE deliveries SET expires_at = ? WHERE id = ? AND route = '/g/retention'").bind(Date.now() - 1, "evt_g_old").run();
  // And an object whose records were never written (D1 failed after its put).
  await worker.db.prepare("INSERT INTO objects (key, expires_at) VALUES (?, ?)").bind("bodies/orphan-test", Date.now() - 1).run();
  await worker.bucket.put("bodies/orphan-test", "orphan");
  await worker.scheduled();
  const after = await rows();
  assert.deepEqual(after.map((r) => r.id), ["evt_g_new", "evt_g_ok"]);
  assert.equal(await worker.bucket.head(old.body_key), null, "the shared object is gone: no expired body outlives its record");
  const moved = after.find((r) => r.id === "evt_g_new");
  assert.equal(moved.body_offset, null, "the live part moved to an object of its own");
  assert.ok((await storedRequest("/g/retention", "evt_g_new")).equals(newBytes), "with the same bytes");
  assert.equal(await worker.bucket.head("bodies/orphan-test"), null, "the orphan expired");
  const { results: attempts } = await worker.db.prepare("SELECT COUNT(*) AS n FROM attempts WHERE route = '/g/retention' AND id = 'evt_g_old'").all();
  assert.equal(attempts[0].n, 0);
  // Every object in the bucket is entered in objects (so each one expires).
  const listed = (await worker.bucket.list({ limit: 1000 })).objects.map((o) => o.key);
  const { results: entered } = await worker.db.prepare("SELECT key FROM objects").all();
  const known = new Set(entered.map((r) => r.key));
  assert.deepEqual(listed.filter((k) => !known.has(k)), [], "no object outside the objects table");
  const replay = await worker.admin("deliveries/evt_g_new/replay?route=/g/retention", { method: "POST" });
  assert.equal(replay.json.replay.outcome, "delivered", "the moved body still replays");
  // A record's later expiry carries over to its object (the replay moved it).
  const { results: kept } = await worker.db
    .prepare("SELECT d.expires_at AS record, o.expires_at AS object FROM deliveries d JOIN objects o ON o.key = d.body_key WHERE d.route = '/g/retention'")
    .all();
  assert.equal(kept.length, 2);
  assert.ok(kept.every((k) => k.object >= k.record), JSON.stringify(kept));
  // A record's own object goes with it, whatever the object's own expiry.
  const own = (await rows()).find((r) => r.id === "evt_g_new").body_key;
  assert.ok(await worker.bucket.head(own));
  await worker.db.prepare("UPDATE deliveries SET expires_at = ? WHERE id = ? AND route = '/g/retention'").bind(Date.now() - 1, "evt_g_new").run();
  await worker.scheduled();
  assert.equal(await worker.bucket.head(own), null, "gone with its record");
  const { results: left } = await worker.db.prepare("SELECT COUNT(*) AS n FROM objects WHERE key = ?").bind(own).all();
  assert.equal(left[0].n, 0);
});

test("a large queued delivery and a duplicate of it while the origin is down: the queued body is never replaced, delivered once", async () => {
  let tries = 0;
  origin.on("/g/queued-insigner", () => (tries++ === 0 ? { status: 500 } : {}));
  // A queue route whose provider's ids are kept: inSigner, in queue mode.
  const big = (n) => {
    const body = Buffer.from(JSON.stringify({ id: "whk_dup", event: "document.completed", api_version: "2026-05-28", created_at: new Date().toISOString(), data: { mark: MARK, pad: "y".repeat(150_000), n } }));
    return insignerDelivery(S, { id: "whk_dup", body });
  };
  const first = big(1);
  assert.equal((await post(worker, "/g/queued-insigner", first)).status, 202);
  // The provider sends the same id again (it never saw the 202), with other bytes.
  const again = await post(worker, "/g/queued-insigner", big(2));
  assert.ok([200, 503].includes(again.status), `a duplicate or in flight, not a second queued copy (${again.status})`);
  const got = await waitFor(() => origin.at("/g/queued-insigner").some((r) => r.status === 200), 20_000);
  await sleep(2000);
  const delivered = origin.at("/g/queued-insigner").filter((r) => r.status === 200);
  assert.equal(delivered.length, 1, "delivered once");
  assert.ok(delivered[0].body.equals(first.body), "the first copy's exact bytes");
  assert.ok(got);
  assert.ok(tries >= 2, "the first try failed, the retry delivered");
});

test("an authentic copy of a delivered message put into the dead-letter queue is not a dead letter", async () => {
  const body = inspaktBody("h1");
  const res = await post(worker, "/g/queue", { headers: inspaktHeaders, body });
  const { id } = await res.json();
  await waitFor(async () => (await worker.admin(`deliveries/${id}`)).json?.delivery?.status === "delivered");
  const copy = queueMessage({ route: "/g/queue", provider: "inspakt", event: "envelope.completed", id, verifiedAt: Math.floor(Date.now() / 1000), headers: "user-agent:test\n", body: body.toString("base64") });
  const dlq = await worker.mf.getQueueProducer("DLQ_TEST", "hookguard");
  await dlq.send(copy, { contentType: "text" });
  await waitFor(() => logs.some((l) => l.includes('"stage":"dead_letter"') && l.includes(id)), 20_000);
  const row = (await worker.admin(`deliveries/${id}`)).json.delivery;
  assert.equal(row.status, "delivered", "still delivered, not dead");
  const dead = await worker.admin("deliveries?status=dead&route=/g/queue");
  assert.ok(!dead.json.deliveries.some((d) => d.id === id));
  // An old authentic message (past QUEUE_MAX_MESSAGE_AGE_SECONDS) is kept, not replayable.
  const stale = queueMessage({ route: "/g/queue", provider: "inspakt", event: "envelope.completed", id: "hg_stale", verifiedAt: Math.floor(Date.now() / 1000) - 40 * 86400, headers: "", body: body.toString("base64") });
  await dlq.send(stale, { contentType: "text" });
  const kept = await waitFor(async () => (await worker.db.prepare("SELECT id, route, reason FROM deliveries WHERE reason = 'expired_message'").all()).results[0], 20_000);
  assert.equal(kept.route, "", "recorded as a foreign dead letter: never replayed");
});

test("with a broken configuration the operator's paths answer as the routes do, never the page unconfined", async () => {
  for (const [vars, status] of [[{}, 500], [{ HOOKGUARD_ADMIN_TOKEN: null }, 404]]) {
    const w = await startWorker({ routes: "not json", vars, originUrl: origin.url, gateway: true });
    try {
      for (const path of ["/_hookguard/", "/_hookguard/admin.mjs", "/_hookguard/api/deliveries"]) {
        const r = await w.fetch(path, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
        assert.equal(r.status, status, `${path} ${JSON.stringify(vars)}`);
        assert.equal((await r.json()).error.code, status === 500 ? "invalid_config" : "not_found");
      }
    } finally {
      await w.dispose();
    }
  }
});

test("the page is served with a policy that allows only its own files; without the token nothing exists", async () => {
  const page = await worker.fetch("/_hookguard/");
  assert.equal(page.status, 200);
  assert.match(page.headers.get("content-type"), /^text\/html/);
  assert.match(page.headers.get("content-security-policy"), /default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'/);
  assert.equal(page.headers.get("x-frame-options"), "DENY");
  await page.text();
  const bare = await worker.fetch("/_hookguard", { redirect: "manual" });
  assert.equal(bare.status, 308);
  assert.equal(bare.headers.get("location"), "/_hookguard/");
  assert.equal((await worker.fetch("/_hookguard/nothing")).status, 404);
});

test("no log line and nothing in D1 holds a secret or a body", async () => {
  const { results } = await worker.db.prepare("SELECT * FROM deliveries").all();
  const { results: attempts } = await worker.db.prepare("SELECT * FROM attempts").all();
  const { results: actions } = await worker.db.prepare("SELECT * FROM operator_actions").all();
  const d1 = JSON.stringify([results, attempts, actions]);
  assert.ok(results.length >= 10, `${results.length} records`);
  for (const secret of [S, TOKEN, ADMIN_TOKEN, MARK]) {
    assert.ok(!d1.includes(secret), `D1 holds ${secret === MARK ? "a body" : "a secret"}`);
    assert.ok(!logs.some((l) => l.includes(secret)), `a log line holds ${secret === MARK ? "a body" : "a secret"}`);
  }
});

test("without the admin token the admin API and the page do not exist; without LOG deliveries flow as before", async () => {
  const o = await startOrigin();
  const noLogLines = [];
  const w = await startWorker({
    routes: [insignerRoute(o.url, "/n/direct"), inspaktRoute(o.url, "/n/queue")],
    vars: { S, TOKEN, HOOKGUARD_ADMIN_TOKEN: null },
    originUrl: o.url,
    logs: noLogLines,
    gateway: "no-log",
  });
  try {
    for (const path of ["/_hookguard/", "/_hookguard/api/deliveries", "/_hookguard"]) {
      const r = await w.fetch(path, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      assert.equal(r.status, 404, path);
      assert.deepEqual(await r.json(), { error: { code: "not_found", message: "no webhook route is configured at this path" } });
    }
    assert.equal((await post(w, "/n/direct", delivery("evt_n_1"))).status, 200);
    assert.equal((await post(w, "/n/queue", { headers: inspaktHeaders, body: inspaktBody("n1") })).status, 202);
    await waitFor(() => o.at("/n/queue").length === 1);
    assert.equal(o.at("/n/direct").length, 1);
  } finally {
    await w.dispose();
    await o.close();
  }
  // With the token but no LOG: the API says the log is missing.
  const w2 = await startWorker({ routes: [insignerRoute(origin.url, "/n/x")], vars: { S }, originUrl: origin.url, gateway: "no-log" });
  try {
    const r = await w2.admin("deliveries");
    assert.equal(r.status, 503);
    assert.equal(r.json.error.code, "log_unavailable");
  } finally {
    await w2.dispose();
  }
});

test("a replay while the replay store is down sends nothing: 503 replay_unavailable", async () => {
  const o = await startOrigin();
  const w = await startWorker({ routes: [inspaktRoute(o.url, "/r/queue")], vars: { TOKEN }, originUrl: o.url, gateway: true, brokenStore: true });
  try {
    // Queue mode accepts even without the replay store (Inspakt never retries), and delivers.
    const res = await post(w, "/r/queue", { headers: inspaktHeaders, body: inspaktBody("r1") });
    assert.equal(res.status, 202);
    const { id } = await res.json();
    await waitFor(async () => (await w.admin(`deliveries/${id}`)).json?.delivery?.status === "delivered");
    const before = o.at("/r/queue").length;
    const r = await w.admin(`deliveries/${id}/replay`, { method: "POST" });
    assert.equal(r.status, 503);
    assert.equal(r.json.error.code, "replay_unavailable");
    assert.equal(o.at("/r/queue").length, before, "nothing was sent");
  } finally {
    await w.dispose();
    await o.close();
  }
});

test("a broken log never loses or duplicates a delivery: it is logged at level error", async () => {
  const o = await startOrigin();
  const lines = [];
  const w = await startWorker({ routes: [insignerRoute(o.url, "/b/direct"), inspaktRoute(o.url, "/b/queue")], vars: { S, TOKEN }, originUrl: o.url, logs: lines, gateway: true });
  try {
    await w.db.prepare("DROP TABLE deliveries").run();
    assert.equal((await post(w, "/b/direct", delivery("evt_b_1"))).status, 200);
    const dup = await post(w, "/b/direct", delivery("evt_b_1"));
    assert.equal((await dup.json()).status, "duplicate");
    assert.equal((await post(w, "/b/queue", { headers: inspaktHeaders, body: inspaktBody("b1") })).status, 202);
    await waitFor(() => o.at("/b/queue").length === 1);
    await sleep(1500);
    assert.equal(o.at("/b/direct").length, 1);
    assert.equal(o.at("/b/queue").length, 1);
    const broken = await waitFor(() => lines.filter((l) => l.includes('"log_unavailable"')).map((l) => JSON.parse(l)));
    assert.ok(broken.length >= 2, "each failed write is logged");
    assert.ok(broken.every((l) => l.level === "error"));
    const api = await w.admin("deliveries");
    assert.equal(api.status, 503);
    assert.equal(api.json.error.code, "log_unavailable");
  } finally {
    await w.dispose();
    await o.close();
  }
});
