// Failure-streak alerts on workerd: the real HealthStore Durable Object counts each route's
// consecutive failures (front door and consumer), and the cron trigger (run here as the platform
// runs it, through the scheduled handler) POSTs a signed Standard Webhooks alert to ALERT_URL on
// the loopback origin when a streak reaches ALERT_FAILURE_STREAK, once, and again when it ends.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Webhook } from "standardwebhooks";
import { startOrigin, startWorker, insignerDelivery, insignerRoute, inspaktRoute, post, sleep, waitFor } from "./harness.mjs";

const S = "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07";
const TOKEN = "tok-alerts-4e3d2c1b";
const ALERT_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
let origin, worker;
const logs = [];
let n = 0;

before(async () => {
  origin = await startOrigin();
  origin.on("/a/down", () => ({ status: 500 }));
  origin.on("/a/queue-down", () => ({ status: 503 }));
  worker = await startWorker({
    routes: [
      insignerRoute(origin.url, "/a/down", { secretBinding: "S" }),
      insignerRoute(origin.url, "/a/few", { secretBinding: "S", origin: `${origin.url}/a/down` }),
      insignerRoute(origin.url, "/a/rotated", { secretBinding: "S" }),
      inspaktRoute(origin.url, "/a/queue", { secretBinding: "TOKEN", origin: `${origin.url}/a/queue-down` }),
    ],
    vars: { S, TOKEN, ALERT_URL: `${origin.url}/alerts`, ALERT_SECRET, ALERT_FAILURE_STREAK: "4", QUEUE_RETRY_BASE_SECONDS: "0", QUEUE_RETRY_MAX_SECONDS: "1" },
    originUrl: origin.url,
    queue: { maxRetries: 8 },
    logs,
  });
});

after(async () => {
  await worker?.dispose();
  await origin?.close();
});

const alerts = () =>
  origin.at("/alerts").map((r) => {
    const verified = new Webhook(ALERT_SECRET).verify(r.body.toString("utf8"), r.headers);
    return verified;
  });
const alertItems = () => alerts().flatMap((a) => a.alerts);
// Sends a delivery, waiting 1.1 s after each so that every failure is its own note.
async function deliver(path, secret = S) {
  const res = await post(worker, path, insignerDelivery(secret, { id: `dlv_alert_${n++}` }));
  await sleep(1100);
  return res.status;
}
// Runs the cron until pred holds (notes reach the store after the answers, asynchronously).
async function cronUntil(pred, ms = 10000) {
  return waitFor(async () => {
    await worker.scheduled();
    return pred();
  }, ms, 300);
}

test("alerts: a streak at the threshold is alerted once, signed; its end is alerted too", async () => {
  for (let i = 0; i < 4; i++) assert.equal(await deliver("/a/down"), 502);
  const got = await cronUntil(() => alertItems().find((a) => a.route === "/a/down" && a.kind === "failure_streak"));
  assert.ok(got, "an alert reached ALERT_URL, and its Standard Webhooks signature verifies");
  assert.deepEqual(got, { kind: "failure_streak", route: "/a/down", stage: "edge", streak: 4, threshold: 4, lastOutcome: "origin_refused" });
  // Further runs do not repeat it while the streak goes on.
  assert.equal(await deliver("/a/down"), 502);
  for (let i = 0; i < 3; i++) await worker.scheduled();
  assert.equal(alertItems().filter((a) => a.route === "/a/down" && a.kind === "failure_streak").length, 1);
  // The origin recovers: one delivered event ends the streak, and that is said once.
  origin.on("/a/down", () => ({ status: 200 }));
  assert.equal(await deliver("/a/down"), 200);
  const back = await cronUntil(() => alertItems().find((a) => a.route === "/a/down" && a.kind === "recovered"));
  assert.equal(back.streak, 0);
  await worker.scheduled();
  assert.equal(alertItems().filter((a) => a.route === "/a/down" && a.kind === "recovered").length, 1);
  origin.on("/a/down", () => ({ status: 500 }));
});

test("alerts: a streak below the threshold is not alerted", async () => {
  for (let i = 0; i < 2; i++) assert.equal(await deliver("/a/few"), 502);
  for (let i = 0; i < 3; i++) await worker.scheduled();
  assert.equal(alertItems().filter((a) => a.route === "/a/few").length, 0);
});

test("alerts: rejections count, as the provider sees them (a rotated secret makes every delivery 401)", async () => {
  const other = "e".repeat(64);
  for (let i = 0; i < 4; i++) assert.equal(await deliver("/a/rotated", other), 401);
  const got = await cronUntil(() => alertItems().find((a) => a.route === "/a/rotated"));
  assert.equal(got.kind, "failure_streak");
  assert.equal(got.lastOutcome, "signature_mismatch");
});

test("alerts: the consumer's failures are their own streak (stage queue)", async () => {
  const body = Buffer.from(JSON.stringify({ webhookId: "whk_a", teamId: "team_a", event: "envelope.sent", data: { envelopeId: "env_a1" } }));
  const res = await post(worker, "/a/queue", { headers: { "content-type": "application/json", "x-inspakt-webhook-token": TOKEN }, body });
  assert.equal(res.status, 202);
  const got = await cronUntil(() => alertItems().find((a) => a.route === "/a/queue" && a.stage === "queue"), 30000);
  assert.ok(got, "the consumer's streak was alerted");
  assert.equal(got.kind, "failure_streak");
  assert.equal(got.lastOutcome, "origin_refused");
  assert.ok(got.streak >= 4);
  assert.ok(!alertItems().some((a) => a.route === "/a/queue" && a.stage === "edge"), "the front door answered 202: no edge streak");
});

test("alerts: no alert holds an id; no alert, payload or log line holds a secret or a token", () => {
  // Delivery log lines name their id (that is what they are for); alerts never do.
  const alertLines = logs.filter((l) => l.includes('"msg":"alert"'));
  const sent = origin.at("/alerts").map((r) => r.body.toString()).join("\n");
  assert.ok(sent.length > 0 && alertLines.length > 0);
  for (const s of [S, TOKEN, ALERT_SECRET]) assert.ok(!(sent + logs.join("\n")).includes(s), `nothing holds ${s}`);
  for (const s of ["dlv_alert_", "hg_", "env_a1"]) assert.ok(!(sent + alertLines.join("\n")).includes(s), `no alert holds ${s}`);
  const lines = alertLines.map((l) => JSON.parse(l));
  assert.ok(lines.some((l) => l.outcome === "failure_streak" && l.level === "error"));
  assert.ok(lines.some((l) => l.outcome === "recovered" && l.level === "warn"));
});

test("alerts: an ALERT_URL that is down keeps the alert for the next run", async () => {
  const logs2 = [];
  const w = await startWorker({
    routes: [insignerRoute(origin.url, "/b/down", { secretBinding: "S", origin: `${origin.url}/a/down` })],
    vars: { S, ALERT_URL: "http://127.0.0.1:9/alerts", ALERT_SECRET, ALERT_FAILURE_STREAK: "2" },
    originUrl: origin.url,
    logs: logs2,
  });
  try {
    for (let i = 0; i < 2; i++) {
      assert.equal((await post(w, "/b/down", insignerDelivery(S, { id: `dlv_b_${i}` }))).status, 502);
      await sleep(1100);
    }
    const failed = await waitFor(async () => {
      await w.scheduled();
      return logs2.filter((l) => l.includes('"outcome":"alert_failed"')).length >= 2;
    }, 10000, 300);
    assert.ok(failed, "each run tries again while the alert URL is down");
  } finally {
    await w.dispose();
  }
});

test("alerts by e-mail: a streak and its end, through the ALERT_EMAIL send_email binding", async () => {
  const logs4 = [];
  origin.on("/e/flaky", () => ({ status: 503 }));
  const w = await startWorker({
    routes: [insignerRoute(origin.url, "/e/flaky", { secretBinding: "S" })],
    vars: { S, ALERT_EMAIL_FROM: "hookguard@alerts.example.com", ALERT_EMAIL_TO: "ops@example.com", ALERT_FAILURE_STREAK: "2" },
    originUrl: origin.url,
    logs: logs4,
    email: true,
  });
  try {
    for (let i = 0; i < 2; i++) {
      assert.equal((await post(w, "/e/flaky", insignerDelivery(S, { id: `dlv_e_${i}` }))).status, 502);
      await sleep(1100);
    }
    await w.scheduled();
    const first = await waitFor(() => w.sentEmails()[0], 5000);
    assert.ok(first, "an e-mail was sent");
    assert.equal(first.from, "hookguard@alerts.example.com");
    assert.equal(first.to, "ops@example.com");
    assert.equal(first.subject, "hookguard: failure_streak on /e/flaky (edge)");
    assert.match(first.text, /^failure_streak: route \/e\/flaky \(edge\)\n  2 consecutive failures \(threshold 2\), last outcome origin_refused/);
    await w.scheduled();
    assert.equal(w.sentEmails().length, 1, "sent once: the e-mail counts as the alert");
    origin.on("/e/flaky", () => ({}));
    assert.equal((await post(w, "/e/flaky", insignerDelivery(S, { id: "dlv_e_ok" }))).status, 200);
    await sleep(300);
    await w.scheduled();
    const second = await waitFor(() => w.sentEmails()[1], 5000);
    assert.equal(second.subject, "hookguard: recovered on /e/flaky (edge)");
    assert.ok(!logs4.some((l) => l.includes('"alert_failed"')), logs4.join("\n"));
  } finally {
    await w.dispose();
  }
});

const brokenSettings = [
  [{ ALERT_URL: "http://alerts.example.test/hook", ALERT_SECRET, ALERT_FAILURE_STREAK: "0" }, /ALERT_FAILURE_STREAK must be a whole number from 1 to 1000/],
  [{ ALERT_URL: "http://alerts.example.test/hook", ALERT_SECRET }, /ALERT_URL must be an https URL \(http only on loopback\)/],
  [{ ALERT_URL: "https://alerts.example.test/hook" }, /ALERT_URL needs the Worker secret ALERT_SECRET/],
  [{ ALERT_URL: "https://alerts.example.test/hook", ALERT_SECRET: "not-a-whsec-key" }, /ALERT_SECRET is not a whsec_ Standard Webhooks key/],
  [{ ALERT_EMAIL_FROM: "hookguard@alerts.example.com" }, /ALERT_EMAIL_FROM and ALERT_EMAIL_TO need the ALERT_EMAIL send_email binding/],
  [{ ALERT_EMAIL_TO: "ops@example.com" }, /ALERT_EMAIL_FROM and ALERT_EMAIL_TO need the ALERT_EMAIL send_email binding/],
  [{}, /the ALERT_EMAIL binding needs ALERT_EMAIL_FROM/, { email: true }],
  [{ ALERT_EMAIL_FROM: "Hookguard <hookguard@alerts.example.com>" }, /ALERT_EMAIL_FROM must be a bare e-mail address/, { email: true }],
  [{ ALERT_EMAIL_FROM: "hookguard@alerts.example.com", ALERT_EMAIL_TO: "ops@example.com\r\nBcc: x@example.com" }, /ALERT_EMAIL_TO must be a bare e-mail address/, { email: true }],
];
for (const [vars, message, extra = {}] of brokenSettings) {
  test(`alerts: a broken alert setting (${message.source.slice(0, 40)}) is logged by the cron as invalid_config, and deliveries are unaffected`, async () => {
    const logs3 = [];
    const w = await startWorker({ routes: [insignerRoute(origin.url, "/c/ok", { secretBinding: "S" })], vars: { S, ...vars }, originUrl: origin.url, logs: logs3, ...extra });
    try {
      assert.equal((await post(w, "/c/ok", insignerDelivery(S, { id: "dlv_c_1" }))).status, 200);
      await w.scheduled();
      const line = logs3.map((l) => JSON.parse(l)).find((l) => l.msg === "alert" && l.outcome === "invalid_config");
      assert.ok(line, logs3.join("\n"));
      assert.equal(line.level, "error");
      assert.match(line.message, message);
      assert.ok(!logs3.some((l) => l.includes("not-a-whsec-key") || l.includes(ALERT_SECRET)), "no log line quotes the secret");
    } finally {
      await w.dispose();
    }
  });
}
