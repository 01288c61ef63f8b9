// Inspakt confirmation on workerd: a queue route with `confirm` looks each envelope up in a
// stand-in for Inspakt's API on loopback (it answers as the seed documentation describes:
// HTTP 200 with {success, payload | error}, key in X-Inspakt-Api-Key) and forwards only the
// events the envelope's state agrees with. Faults: the API down (500) then up, slower than the
// timeout, answering nonsense; a contradicted event is never forwarded, an unconfirmable one
// ends in the dead-letter queue, the key appears in no log line.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startOrigin, startWorker, inspaktRoute, post, sleep, waitFor, queuePayload } from "./harness.mjs";

const TOKEN = "tok-confirm-2d4f6a8c";
const API_KEY = "ik-live-c0nf1rm-7e5d3b1a";
let origin, api, worker;
const logs = [];

// The stand-in API: envelopes by id, a per-id plan for faults, every request recorded.
function startApi() {
  const envelopes = new Map();
  const plans = new Map(); // id -> () => { status?, body?, delayMs? } | undefined (normal)
  const requests = [];
  const server = http.createServer((req, res) => {
    const m = /^\/api\/v1\/key\/envelopes\/([^/]+)$/.exec(req.url);
    requests.push({ url: req.url, method: req.method, key: req.headers["x-inspakt-api-key"] });
    const answer = async () => {
      const plan = m && plans.get(m[1])?.();
      if (plan?.delayMs) await sleep(plan.delayMs);
      if (plan?.status || plan?.body !== undefined) {
        res.writeHead(plan.status ?? 200, { "content-type": "application/json" });
        return res.end(plan.body ?? "");
      }
      res.writeHead(200, { "content-type": "application/json" });
      if (req.headers["x-inspakt-api-key"] !== API_KEY) return res.end(JSON.stringify({ success: false, error: "Invalid API key" }));
      const env = m && envelopes.get(m[1]);
      if (!env) return res.end(JSON.stringify({ success: false, error: "Envelope not found" }));
      res.end(JSON.stringify({ success: true, payload: { id: m[1], name: "Agreement", ...env } }));
    };
    answer().catch(() => res.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        envelopes,
        plans,
        requests,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
      }),
    ),
  );
}

const confirmRoute = (path, extra = {}) =>
  inspaktRoute(origin.url, path, {
    secretBinding: "TOKEN",
    confirm: { apiKeyBinding: "INSPAKT_API_KEY", apiBase: `${api.url}/api/v1/key/`, timeoutMs: 400, graceSeconds: 0 },
    ...extra,
  });

before(async () => {
  origin = await startOrigin();
  api = await startApi();
  worker = await startWorker({
    routes: [
      confirmRoute("/c/confirm"),
      confirmRoute("/c/grace", { confirm: { apiKeyBinding: "INSPAKT_API_KEY", apiBase: `${api.url}/api/v1/key`, timeoutMs: 400, graceSeconds: 4 } }),
      inspaktRoute(origin.url, "/c/plain", { secretBinding: "TOKEN" }),
    ],
    vars: { TOKEN, INSPAKT_API_KEY: API_KEY, QUEUE_RETRY_BASE_SECONDS: "0", QUEUE_RETRY_MAX_SECONDS: "1" },
    originUrl: origin.url,
    logs,
  });
});

after(async () => {
  await worker?.dispose();
  await api?.close();
  await origin?.close();
});

const inspaktBody = (event, data) => Buffer.from(JSON.stringify({ webhookId: "whk_c", teamId: "team_c", event, data }));
const send = (path, body) =>
  post(worker, path, { headers: { "content-type": "application/json", "x-inspakt-webhook-token": TOKEN }, body });
// The consumer's line for an edge id, once it has one of the outcomes.
const consumerLine = (id, outcomes, ms = 10000) =>
  waitFor(() => {
    const l = logs.find((x) => x.includes('"msg":"queue"') && x.includes(`"id":"${id}"`) && outcomes.some((o) => x.includes(`"outcome":"${o}"`)));
    return l && JSON.parse(l);
  }, ms);

async function queued(path, body) {
  const res = await send(path, body);
  assert.equal(res.status, 202);
  const { status, id } = await res.json();
  assert.equal(status, "queued");
  return id;
}

test("confirm: an event the envelope agrees with is forwarded once, with X-Hookguard-Confirmed and the exact bytes", async () => {
  api.envelopes.set("env_fin1", { status: "finalized" });
  const body = inspaktBody("envelope.finalized", { envelopeId: "env_fin1", context: { contractId: "CNT-1" } });
  const id = await queued("/c/confirm", body);
  const got = await waitFor(() => origin.at("/c/confirm").find((r) => r.headers["x-hookguard-id"] === id));
  assert.ok(got.body.equals(body), "the exact bytes");
  assert.equal(got.headers["x-hookguard-confirmed"], "finalized");
  assert.equal(got.headers["x-hookguard-confirmed-envelope"], "env_fin1", "the envelope that was vouched for");
  assert.equal(got.headers["x-inspakt-api-key"], undefined, "the API key never reaches the origin");
  const line = await consumerLine(id, ["delivered"]);
  assert.equal(line.confirmed, "finalized");
  const asked = api.requests.filter((r) => r.url === "/api/v1/key/envelopes/env_fin1");
  assert.equal(asked.length, 1);
  assert.equal(asked[0].method, "GET");
  assert.equal(asked[0].key, API_KEY, "the key travels in X-Inspakt-Api-Key");
  await sleep(1500);
  assert.equal(origin.at("/c/confirm").filter((r) => r.headers["x-hookguard-id"] === id).length, 1, "exactly once");
});

test("confirm: envelope.created reads the nested data.envelope.id; a draft confirms it", async () => {
  api.envelopes.set("env_new1", { status: "draft" });
  const id = await queued("/c/confirm", inspaktBody("envelope.created", { templateId: "tpl_1", envelope: { id: "env_new1", name: "N" } }));
  const got = await waitFor(() => origin.at("/c/confirm").find((r) => r.headers["x-hookguard-id"] === id));
  assert.equal(got.headers["x-hookguard-confirmed"], "draft");
});

test("confirm: envelope.deleted is confirmed only when the envelope is gone", async () => {
  const gone = await queued("/c/confirm", inspaktBody("envelope.deleted", { envelopeId: "env_gone1" }));
  const got = await waitFor(() => origin.at("/c/confirm").find((r) => r.headers["x-hookguard-id"] === gone));
  assert.equal(got.headers["x-hookguard-confirmed"], "deleted");
  // A 404 carrying the API's own answer counts too.
  api.plans.set("env_gone2", () => ({ status: 404, body: JSON.stringify({ success: false, error: "Envelope not found" }) }));
  const gone2 = await queued("/c/confirm", inspaktBody("envelope.deleted", { envelopeId: "env_gone2" }));
  const got2 = await waitFor(() => origin.at("/c/confirm").find((r) => r.headers["x-hookguard-id"] === gone2));
  assert.equal(got2.headers["x-hookguard-confirmed-envelope"], "env_gone2");
  api.envelopes.set("env_still1", { status: "sent" });
  const still = await queued("/c/confirm", inspaktBody("envelope.deleted", { envelopeId: "env_still1" }));
  const line = await consumerLine(still, ["not_confirmed"]);
  assert.equal(line.reason, "envelope_exists");
  assert.equal(line.envelopeStatus, "sent");
});

test("confirm: contradicted and unknown envelopes are never forwarded (logged not_confirmed, acked, not dead-lettered)", async () => {
  api.envelopes.set("env_sent1", { status: "sent" });
  api.envelopes.set("env_draft1", { status: "draft" });
  const cases = [
    [inspaktBody("envelope.finalized", { envelopeId: "env_sent1" }), "state_mismatch", "sent"],
    [inspaktBody("envelope.voided", { envelopeId: "env_sent1" }), "state_mismatch", "sent"],
    [inspaktBody("envelope.sent", { envelopeId: "env_draft1" }), "state_mismatch", "draft"],
    [inspaktBody("envelope.sent", { envelopeId: "env_never" }), "unknown_envelope", undefined],
  ];
  const ids = [];
  for (const [body, reason, status] of cases) {
    const id = await queued("/c/confirm", body);
    ids.push(id);
    const line = await consumerLine(id, ["not_confirmed"]);
    assert.equal(line.reason, reason);
    assert.equal(line.envelopeStatus, status);
    assert.equal(line.level, "warn");
  }
  await sleep(1500);
  for (const id of ids) {
    assert.equal(origin.at("/c/confirm").filter((r) => r.headers["x-hookguard-id"] === id).length, 0, "never forwarded");
    assert.ok(!origin.at("/dlq").some((r) => queuePayload(JSON.parse(r.body))?.id === id), "acknowledged, not dead-lettered");
  }
});

test("confirm: what the rules cannot judge (unknown event, no, ambiguous or unsafe id) goes to the dead-letter queue, never forwarded, never dropped", async () => {
  api.envelopes.set("env_real1", { status: "finalized" });
  const cases = [
    [inspaktBody("envelope.archived", { envelopeId: "env_real1" }), "unknown_event"],
    [inspaktBody("envelope.sent", { name: "no id" }), "no_envelope_id"],
    [inspaktBody("envelope.sent", { envelopeId: "../../admin" }), "no_envelope_id"],
    // The API would vouch for one id while the origin might read the other.
    [inspaktBody("envelope.finalized", { envelopeId: "env_real1", envelope: { id: "env_fake1" } }), "ambiguous_envelope_id"],
    [inspaktBody("envelope.created", { envelopeId: "env_real1", envelope: { id: "env_fake2", name: "x" } }), "ambiguous_envelope_id"],
  ];
  const ids = [];
  for (const [body, reason] of cases) ids.push([await queued("/c/confirm", body), reason]);
  for (const [id, reason] of ids) {
    const line = await consumerLine(id, ["not_confirmable"]);
    assert.equal(line.reason, reason);
    assert.equal(line.level, "error");
    const dead = await waitFor(() => origin.at("/dlq").find((r) => queuePayload(JSON.parse(r.body))?.id === id), 30000);
    assert.ok(dead, `${reason}: dead-lettered`);
    assert.equal(origin.at("/c/confirm").filter((r) => r.headers["x-hookguard-id"] === id).length, 0, `${reason}: never forwarded`);
  }
  assert.ok(!api.requests.some((r) => r.url.includes("..") || r.url.includes("admin") || r.url.includes("env_fake")), "no unsafe or ambiguous id is ever looked up");
});

test("confirm: within graceSeconds a contradiction is the API's lag: asked again, then confirmed once it agrees", async () => {
  api.envelopes.set("env_lag1", { status: "sent" });
  const id = await queued("/c/grace", inspaktBody("envelope.finalized", { envelopeId: "env_lag1" }));
  const pending = await consumerLine(id, ["confirm_pending"]);
  assert.equal(pending.reason, "state_mismatch");
  assert.equal(pending.envelopeStatus, "sent");
  api.envelopes.set("env_lag1", { status: "finalized" });
  const got = await waitFor(() => origin.at("/c/grace").find((r) => r.headers["x-hookguard-id"] === id), 15000);
  assert.equal(got.headers["x-hookguard-confirmed"], "finalized");
  // Past the grace period a contradiction stands.
  api.envelopes.set("env_lag2", { status: "sent" });
  const late = await queued("/c/grace", inspaktBody("envelope.finalized", { envelopeId: "env_lag2" }));
  const line = await consumerLine(late, ["not_confirmed"], 20000);
  assert.equal(line.reason, "state_mismatch");
  assert.ok(logs.some((l) => l.includes(`"id":"${late}"`) && l.includes('"outcome":"confirm_pending"')), "asked again first");
  assert.equal(origin.at("/c/grace").filter((r) => r.headers["x-hookguard-id"] === late).length, 0);
});

test("confirm: the API down (500), then up: retried, then forwarded exactly once", async () => {
  api.envelopes.set("env_flaky1", { status: "finalized" });
  let calls = 0;
  api.plans.set("env_flaky1", () => (++calls <= 2 ? { status: 500, body: "{}" } : undefined));
  const id = await queued("/c/confirm", inspaktBody("envelope.finalized", { envelopeId: "env_flaky1" }));
  const got = await waitFor(() => origin.at("/c/confirm").find((r) => r.headers["x-hookguard-id"] === id), 15000);
  assert.equal(got.headers["x-hookguard-confirmed"], "finalized");
  assert.ok(calls >= 3);
  const failed = logs.filter((l) => l.includes(`"id":"${id}"`) && l.includes('"outcome":"confirm_unavailable"')).map((l) => JSON.parse(l));
  assert.ok(failed.length >= 2, "each failed look-up is logged");
  assert.equal(failed[0].detail, "the API answered HTTP 500");
  assert.equal(failed[0].level, "error");
  await sleep(1500);
  assert.equal(origin.at("/c/confirm").filter((r) => r.headers["x-hookguard-id"] === id).length, 1);
});

test("confirm: an API slower than timeoutMs is a retry, not a loss", async () => {
  api.envelopes.set("env_slow1", { status: "sent" });
  let calls = 0;
  api.plans.set("env_slow1", () => (++calls === 1 ? { delayMs: 1500, status: 200, body: "{}" } : undefined));
  const id = await queued("/c/confirm", inspaktBody("envelope.sent", { envelopeId: "env_slow1" }));
  const got = await waitFor(() => origin.at("/c/confirm").find((r) => r.headers["x-hookguard-id"] === id), 15000);
  assert.equal(got.headers["x-hookguard-confirmed"], "sent");
  assert.ok(logs.some((l) => l.includes(`"id":"${id}"`) && l.includes("the API did not answer within 400 ms")));
});

test("confirm: malformed API answers are never taken as a confirmation; after the last retry the event is dead-lettered", async () => {
  const answers = [
    ["env_bad_text", { body: "<html>gateway</html>" }, "the API's answer is not the documented {success, payload | error}"],
    ["env_bad_success", { body: JSON.stringify({ success: "yes", payload: { status: "finalized" } }) }, "the API's answer is not the documented {success, payload | error}"],
    ["env_bad_status", { body: JSON.stringify({ success: true, payload: { id: "env_bad_status", status: "archived" } }) }, "the envelope has a status the rules do not know"],
    ["env_bad_other", { body: JSON.stringify({ success: true, payload: { id: "env_someone_else", status: "finalized" } }) }, "the API answered about another envelope"],
    ["env_bad_key", { body: JSON.stringify({ success: false, error: "Invalid API key" }) }, "the API answered success: false (HTTP 200)"],
    // "not found" about something else than the envelope is no "gone".
    ["env_bad_key2", { body: JSON.stringify({ success: false, error: "API key not found" }) }, "the API answered success: false (HTTP 200)"],
    ["env_bad_team", { body: JSON.stringify({ success: false, error: { code: "TEAM_NOT_FOUND" } }) }, "the API answered success: false (HTTP 200)"],
    // A 404 that is not the API's own answer (a proxy, a wrong path) says nothing about the envelope.
    ["env_bad_404", { status: 404, body: "<html>Not Found</html>" }, "the API's answer is not the documented {success, payload | error}"],
    ["env_bad_noid", { body: JSON.stringify({ success: true, payload: { status: "finalized" } }) }, "the API's payload does not name the envelope"],
    ["env_bad_401", { status: 401, body: "{}" }, "the API refused the key (HTTP 401)"],
  ];
  const ids = [];
  for (const [envId, plan, detail] of answers) {
    api.plans.set(envId, () => plan);
    const id = await queued("/c/confirm", inspaktBody("envelope.finalized", { envelopeId: envId }));
    ids.push([id, detail]);
  }
  for (const [id, detail] of ids) {
    const dead = await waitFor(() => origin.at("/dlq").find((r) => queuePayload(JSON.parse(r.body))?.id === id), 30000);
    assert.ok(dead, `${detail}: the message reached the dead-letter queue`);
    const line = await consumerLine(id, ["confirm_unavailable"]);
    assert.equal(line.detail, detail);
    assert.equal(origin.at("/c/confirm").filter((r) => r.headers["x-hookguard-id"] === id).length, 0, `${detail}: never forwarded`);
  }
});

test("confirm: a route without confirm never calls the API; the key is in no log line", async () => {
  const before = api.requests.length;
  const id = await queued("/c/plain", inspaktBody("envelope.finalized", { envelopeId: "env_sent1" }));
  const got = await waitFor(() => origin.at("/c/plain").find((r) => r.headers["x-hookguard-id"] === id));
  assert.equal(got.headers["x-hookguard-confirmed"], undefined);
  assert.equal(api.requests.length, before);
  assert.ok(logs.length > 20);
  assert.ok(!logs.some((l) => l.includes(API_KEY) || l.includes(TOKEN)), "no log line holds the API key or the token");
});

test("confirm: a delivery too large for a queue message is confirmed before it is forwarded directly", async () => {
  api.envelopes.set("env_big1", { status: "finalized" });
  api.envelopes.set("env_big2", { status: "sent" });
  const pad = "x".repeat(120_000);
  const ok = inspaktBody("envelope.finalized", { envelopeId: "env_big1", pad });
  const r = await send("/c/confirm", ok);
  assert.equal(r.status, 200);
  assert.equal((await r.json()).status, "delivered");
  const got = origin.at("/c/confirm").find((x) => x.body.equals(ok));
  assert.equal(got.headers["x-hookguard-confirmed"], "finalized");

  const contradicted = inspaktBody("envelope.finalized", { envelopeId: "env_big2", pad });
  const no = await send("/c/confirm", contradicted);
  assert.equal(no.status, 403);
  assert.equal((await no.json()).error.code, "not_confirmed");
  assert.ok(!origin.at("/c/confirm").some((x) => x.body.equals(contradicted)), "never forwarded");

  api.plans.set("env_big3", () => ({ status: 503, body: "{}" }));
  const down = await send("/c/confirm", inspaktBody("envelope.finalized", { envelopeId: "env_big3", pad }));
  assert.equal(down.status, 503);
  assert.equal(down.headers.get("retry-after"), "30");
  assert.equal((await down.json()).error.code, "confirm_unavailable");
});
