// Fault injection on workerd: the replay store (Durable Object) fails on every call. The worker
// must never forward without replay protection when the provider can retry (direct mode:
// 503 + Retry-After, nothing forwarded), and must never lose an event when the provider cannot
// retry (queue mode: accepted, queued and delivered, the outage logged as an error).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startOrigin, startWorker, insignerDelivery, post, sleep, waitFor } from "./harness.mjs";

const S = "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07";
const TOKEN = "tok_faults_9f3a1c";
let origin, worker;
const logs = [];

before(async () => {
  origin = await startOrigin();
  const routes = [
    { path: "/f/direct", options: { provider: "insigner", toleranceSeconds: 259200 }, secretBinding: "S", origin: `${origin.url}/f/direct`, mode: "direct" },
    {
      path: "/f/queue",
      options: { provider: "inspakt", header: "X-Inspakt-Webhook-Token", dedupeByBodyHash: true },
      secretBinding: "TOKEN",
      origin: `${origin.url}/f/queue`,
      mode: "queue",
    },
    { path: "/f/no-dedupe", options: { provider: "inspakt", header: "X-Inspakt-Webhook-Token" }, secretBinding: "TOKEN", origin: `${origin.url}/f/no-dedupe`, mode: "direct" },
  ];
  worker = await startWorker({
    routes,
    vars: { S, TOKEN, QUEUE_RETRY_BASE_SECONDS: "0", QUEUE_RETRY_MAX_SECONDS: "1" },
    originUrl: origin.url,
    logs,
    brokenStore: true,
  });
});

after(async () => {
  await worker?.dispose();
  await origin?.close();
});

test("store down, direct mode: 503 dedupe_unavailable + Retry-After, not forwarded, so inSigner retries later", async () => {
  const d = insignerDelivery(S, { id: "dlv_store_down" });
  const res = await post(worker, "/f/direct", d);
  assert.equal(res.status, 503);
  assert.equal((await res.json()).error.code, "dedupe_unavailable");
  assert.equal(res.headers.get("retry-after"), "30");
  await sleep(300);
  assert.equal(origin.at("/f/direct").length, 0);
  const line = logs.find((l) => l.includes("dlv_store_down") && l.includes("dedupe_unavailable"));
  assert.ok(line, "the outage is logged with the delivery's id");
  assert.ok(!logs.some((l) => l.includes(S)), "no secret in any log line");
});

test("store down, queue mode (Inspakt never retries): 202 queued and delivered, outage logged as an error", async () => {
  const body = Buffer.from(JSON.stringify({ webhookId: "whk_f", teamId: "team_f", event: "envelope.sent", data: { envelopeId: "env_store_down" } }));
  const res = await post(worker, "/f/queue", { headers: { "content-type": "application/json", "x-inspakt-webhook-token": TOKEN }, body });
  assert.equal(res.status, 202);
  assert.equal((await res.json()).status, "queued");
  const got = await waitFor(() => origin.at("/f/queue")[0], 15000);
  assert.ok(got, "the event reached the origin through the queue");
  assert.ok(got.body.equals(body), "byte for byte");
  const line = logs.find((l) => l.includes('"dedupe_unavailable"') && l.includes('"level":"error"'));
  assert.ok(line, "the skipped replay check is logged as an error");
  assert.ok(!logs.some((l) => l.includes(TOKEN)), "the token never reaches a log");
});

test("store down does not touch routes without replay protection", async () => {
  const body = Buffer.from('{"webhookId":"w","teamId":"t","event":"envelope.sent","data":{"envelopeId":"env_nd"}}');
  const res = await post(worker, "/f/no-dedupe", { headers: { "content-type": "application/json", "x-inspakt-webhook-token": TOKEN }, body });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).status, "delivered");
  assert.equal(origin.at("/f/no-dedupe").length, 1);
});
