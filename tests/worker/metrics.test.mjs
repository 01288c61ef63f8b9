// Metrics on workerd: one Analytics Engine data point per decision. The local Analytics Engine
// binding records nothing, so here METRICS is bound to a recorder the test controls (a Worker
// entrypoint with the dataset's writeDataPoint method, reached over RPC, that posts each point
// to the test's origin): the data points the worker writes are the ones asserted, with their
// exact layout, and none carries an id, a body, a token or a secret.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startOrigin, startWorker, insignerDelivery, insignerRoute, inspaktRoute, post, waitFor } from "./harness.mjs";

const S = "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07";
const TOKEN = "tok-metrics-9a8b7c6d";
let origin, worker, api;

before(async () => {
  origin = await startOrigin();
  // An Inspakt API stand-in that knows no envelope: every confirmation is contradicted.
  api = http.createServer((req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"success":false,"error":"Envelope not found"}'));
  await new Promise((r) => api.listen(0, "127.0.0.1", r));
  worker = await startWorker({
    routes: [
      insignerRoute(origin.url, "/m/direct", { secretBinding: "S" }),
      insignerRoute(origin.url, "/m/down", { secretBinding: "S", origin: "http://127.0.0.1:9/" }),
      inspaktRoute(origin.url, "/m/queue", { secretBinding: "TOKEN" }),
      inspaktRoute(origin.url, "/m/confirm", {
        secretBinding: "TOKEN",
        confirm: { apiKeyBinding: "API_KEY", apiBase: `http://127.0.0.1:${api.address().port}`, graceSeconds: 0 },
      }),
    ],
    vars: { S, TOKEN, API_KEY: "ik-metrics-1f2e3d4c", QUEUE_RETRY_BASE_SECONDS: "0", QUEUE_RETRY_MAX_SECONDS: "1" },
    originUrl: origin.url,
    metrics: true,
  });
});

after(async () => {
  await worker?.dispose();
  await new Promise((r) => api.close(r));
  await origin?.close();
});

const points = () => origin.at("/metrics").map((r) => JSON.parse(r.body));
const named = (p) => ({
  index: p.indexes[0],
  stage: p.blobs[0],
  route: p.blobs[1],
  provider: p.blobs[2],
  event: p.blobs[3],
  outcome: p.blobs[4],
  code: p.blobs[5],
  mode: p.blobs[6],
  reason: p.blobs[7],
  latencyMs: p.doubles[0],
  status: p.doubles[1],
  originStatus: p.doubles[2],
  retryInSeconds: p.doubles[3],
});
const find = (pred, ms = 10000) => waitFor(() => points().map(named).find(pred), ms);

test("metrics: a delivered event is one data point with route, provider, event, outcome, status, origin status and latency", async () => {
  const d = insignerDelivery(S, { id: "dlv_metrics_1" });
  const res = await post(worker, "/m/direct", d);
  assert.equal(res.status, 200);
  const p = await find((x) => x.route === "/m/direct" && x.outcome === "delivered");
  assert.ok(p, "a data point was written");
  assert.deepEqual(
    { ...p, latencyMs: typeof p.latencyMs },
    { index: "/m/direct", stage: "edge", route: "/m/direct", provider: "insigner", event: "document.completed", outcome: "delivered", code: "", mode: "direct", reason: "", latencyMs: "number", status: 200, originStatus: 200, retryInSeconds: 0 },
  );
  assert.ok(p.latencyMs >= 0);
});

test("metrics: a rejection carries its code; a failed origin its outcome; nothing carries ids, bodies or secrets", async () => {
  const forged = insignerDelivery("f".repeat(64), { id: "dlv_metrics_forged" });
  assert.equal((await post(worker, "/m/direct", forged)).status, 401);
  const r = await find((x) => x.route === "/m/direct" && x.outcome === "rejected");
  assert.equal(r.code, "signature_mismatch");
  assert.equal(r.status, 401);
  assert.equal(r.originStatus, 0);

  assert.equal((await post(worker, "/m/down", insignerDelivery(S, { id: "dlv_metrics_down" }))).status, 502);
  const down = await find((x) => x.route === "/m/down" && x.outcome === "origin_unreachable");
  assert.equal(down.status, 502);

  const text = JSON.stringify(points());
  for (const secret of [S, TOKEN, "dlv_metrics_1", "dlv_metrics_forged", "dlv_metrics_down", '"n":1']) {
    assert.ok(!text.includes(secret), `no data point holds ${secret}`);
  }
});

test("metrics: queue mode writes the front door's queued point and the consumer's delivered point", async () => {
  const body = Buffer.from(JSON.stringify({ webhookId: "whk_m", teamId: "team_m", event: "envelope.sent", data: { envelopeId: "env_m1" } }));
  const res = await post(worker, "/m/queue", { headers: { "content-type": "application/json", "x-inspakt-webhook-token": TOKEN }, body });
  assert.equal(res.status, 202);
  const queued = await find((x) => x.route === "/m/queue" && x.stage === "edge" && x.outcome === "queued");
  assert.equal(queued.status, 202);
  assert.equal(queued.mode, "queue");
  const delivered = await find((x) => x.route === "/m/queue" && x.stage === "queue" && x.outcome === "delivered");
  assert.equal(delivered.provider, "inspakt");
  assert.equal(delivered.event, "envelope.sent");
  assert.equal(delivered.originStatus, 200);
  assert.equal(delivered.mode, "queue");
  assert.ok(!JSON.stringify(points()).includes(TOKEN));
});

test("metrics: an Inspakt event the envelope contradicts is a not_confirmed point with its reason", async () => {
  const body = Buffer.from(JSON.stringify({ webhookId: "whk_m", teamId: "team_m", event: "envelope.finalized", data: { envelopeId: "env_m_unknown" } }));
  const res = await post(worker, "/m/confirm", { headers: { "content-type": "application/json", "x-inspakt-webhook-token": TOKEN }, body });
  assert.equal(res.status, 202);
  const p = await find((x) => x.route === "/m/confirm" && x.stage === "queue" && x.outcome === "not_confirmed");
  assert.equal(p.reason, "unknown_envelope");
  assert.equal(p.event, "envelope.finalized");
  assert.ok(!JSON.stringify(points()).includes("ik-metrics-1f2e3d4c"), "the API key is in no data point");
  assert.ok(!JSON.stringify(points()).includes("env_m_unknown"), "nor the envelope id");
});

test("metrics: without a METRICS binding the worker runs exactly as before", async () => {
  const plain = await startWorker({ routes: [insignerRoute(origin.url, "/m/plain", { secretBinding: "S" })], vars: { S }, originUrl: origin.url });
  try {
    const before = points().length;
    assert.equal((await post(plain, "/m/plain", insignerDelivery(S, { id: "dlv_metrics_plain" }))).status, 200);
    assert.equal(points().length, before);
  } finally {
    await plain.dispose();
  }
});
