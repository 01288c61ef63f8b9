// hookguard/express from the packed tarball, in a real Express app (the version the root
// package.json pins) on 127.0.0.1.
import test from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import express from "express";
import { Verifier, sign } from "hookguard";
import { hookguardMiddleware, acknowledge } from "hookguard/express";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

async function listen(t, app) {
  const server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  t.after(() => new Promise((r) => server.close(r)));
  return `http://127.0.0.1:${server.address().port}`;
}

// An app whose webhook route records what the next handler saw.
function webhookApp(verifier, seen, { jsonFirst = false, opts } = {}) {
  const app = express();
  if (jsonFirst) app.use(express.json());
  app.post("/hooks/:name", hookguardMiddleware(verifier, opts), (req, res) => {
    seen.push({ event: req.hookguard.event, id: req.hookguard.id, rawBody: Buffer.from(req.rawBody) });
    acknowledge(req, res);
  });
  return app;
}

test("express: a genuine delivery reaches the handler with req.hookguard and the exact req.rawBody", async (t) => {
  const seen = [];
  const base = await listen(t, webhookApp(new Verifier({ provider: "stripe", secret: SECRET }), seen));
  const d = sign({ provider: "stripe", secret: SECRET, event: "invoice.paid" });
  const r = await fetch(`${base}/hooks/stripe`, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(r.status, 200);
  assert.equal(seen.length, 1);
  assert.equal(seen[0].event, "invoice.paid");
  assert.equal(seen[0].id, JSON.parse(d.body).id);
  assert.deepEqual(seen[0].rawBody, Buffer.from(d.body));
});

test("express: a tampered delivery is 401 with the JSON error, and the handler never runs", async (t) => {
  const seen = [];
  const base = await listen(t, webhookApp(new Verifier({ provider: "stripe", secret: SECRET }), seen));
  const d = sign({ provider: "stripe", secret: SECRET });
  const r = await fetch(`${base}/hooks/stripe`, { method: "POST", headers: d.headers, body: d.body.replace("event", "evenT") });
  assert.equal(r.status, 401);
  assert.equal(r.headers.get("content-type"), "application/json");
  const json = await r.json();
  assert.equal(json.error.code, "signature_mismatch");
  assert.equal(typeof json.error.message, "string");
  assert.equal(seen.length, 0);
});

test("express: after express.json() the middleware refuses with a 500 that says what to change", async (t) => {
  const seen = [];
  const base = await listen(t, webhookApp(new Verifier({ provider: "stripe", secret: SECRET }), seen, { jsonFirst: true }));
  const d = sign({ provider: "stripe", secret: SECRET });
  const r = await fetch(`${base}/hooks/stripe`, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(r.status, 500);
  const json = await r.json();
  assert.equal(json.error.code, "invalid_config");
  assert.match(json.error.message, /before the parser/);
  assert.match(json.error.message, /express\.json\(\)/);
  assert.equal(seen.length, 0);
});

test("express: a body over maxBodyBytes is 413 body_too_large (announced or chunked)", async (t) => {
  const seen = [];
  const v = new Verifier({ provider: "stripe", secret: SECRET, maxBodyBytes: 2048 });
  const base = await listen(t, webhookApp(v, seen));
  const big = JSON.stringify({ id: "evt_big", object: "event", type: "invoice.paid", data: { pad: "x".repeat(8192) } });
  const d = sign({ provider: "stripe", secret: SECRET, body: big });
  const r = await fetch(`${base}/hooks/stripe`, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(r.status, 413);
  assert.equal((await r.json()).error.code, "body_too_large");

  // Chunked, no Content-Length: the count stops the read.
  const { port } = new URL(base);
  const answer = await new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/hooks/stripe", headers: d.headers }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode, text }));
    });
    req.on("error", reject);
    for (let i = 0; i < 4; i++) req.write(big.slice(i * 2100, (i + 1) * 2100));
    req.end();
  });
  assert.equal(answer.status, 413);
  assert.equal(JSON.parse(answer.text).error.code, "body_too_large");
  assert.equal(seen.length, 0);
});

test("express: Slack's url_verification is answered by the middleware", async (t) => {
  const seen = [];
  const base = await listen(t, webhookApp(new Verifier({ provider: "slack", secret: "slack-signing-secret" }), seen));
  const body = JSON.stringify({ token: "t", challenge: "challenge-from-slack", type: "url_verification" });
  const d = sign({ provider: "slack", secret: "slack-signing-secret", body });
  const r = await fetch(`${base}/hooks/slack`, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get("content-type"), "text/plain", "the worker's answer, byte for byte");
  assert.equal(await r.text(), "challenge-from-slack");
  assert.equal(seen.length, 0);
});

test("express: Twilio (URL-signed) is verified against protocol://host + originalUrl, or opts.url(req)", async (t) => {
  const seen = [];
  const v = new Verifier({ provider: "twilio", secret: "twilio-auth-token" });
  const base = await listen(t, webhookApp(v, seen));
  const url = `${base}/hooks/twilio?flow=inbound`;
  const d = sign({ provider: "twilio", secret: "twilio-auth-token", url });
  const r = await fetch(url, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(r.status, 200);
  assert.equal(seen.length, 1);
  const other = await fetch(`${base}/hooks/twilio?flow=outbound`, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(other.status, 401);
  assert.equal((await other.json()).error.code, "signature_mismatch");

  const publicUrl = "https://hooks.example.test/twilio";
  const behindProxy = await listen(t, webhookApp(v, seen, { opts: { url: () => publicUrl } }));
  const p = sign({ provider: "twilio", secret: "twilio-auth-token", url: publicUrl });
  const r2 = await fetch(`${behindProxy}/hooks/twilio`, { method: "POST", headers: p.headers, body: p.body });
  assert.equal(r2.status, 200);
  assert.equal(seen.length, 2);
});

test("express: acknowledge() answers Dropbox Sign's expected text", async (t) => {
  const seen = [];
  const base = await listen(t, webhookApp(new Verifier({ provider: "dropbox-sign", secret: "dropbox-api-key" }), seen));
  const d = sign({ provider: "dropbox-sign", secret: "dropbox-api-key" });
  const r = await fetch(`${base}/hooks/dropbox`, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(r.status, 200);
  assert.equal(await r.text(), "Hello API Event Received");
  assert.equal(seen.length, 1);
});
