// hookguard/fastify from the packed tarball, in a real Fastify app (the version the root
// package.json pins) on 127.0.0.1: the plugin in the webhook routes' scope, a JSON route beside
// it that keeps Fastify's own parser.
import test from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import Fastify from "fastify";
import { Verifier, sign, generateKeyPair } from "hookguard";
import { hookguardPlugin, acknowledge } from "hookguard/fastify";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

// An app with the webhook scope (plugin + POST and GET /hooks/:name recording what the handler
// saw) and a JSON route outside it.
async function webhookApp(t, verifier, seen, { opts, parserAfter = false } = {}) {
  const app = Fastify({ logger: false });
  await app.register(async (hooks) => {
    await hooks.register(hookguardPlugin, { verifier, ...opts });
    if (parserAfter) hooks.addContentTypeParser("application/json", { parseAs: "string" }, (req, body, done) => done(null, JSON.parse(body)));
    const handler = async (request, reply) => {
      seen.push({ event: request.hookguard.event, id: request.hookguard.id, rawBody: Buffer.from(request.rawBody), body: request.body });
      return acknowledge(request, reply);
    };
    hooks.post("/hooks/:name", handler);
    hooks.get("/hooks/:name", handler);
  });
  app.post("/api/json", async (request) => ({ parsed: request.body }));
  await app.listen({ port: 0, host: "127.0.0.1" });
  t.after(() => app.close());
  return `http://127.0.0.1:${app.server.address().port}`;
}

test("fastify: a genuine delivery reaches the handler with request.hookguard and the exact bytes", async (t) => {
  const seen = [];
  const base = await webhookApp(t, new Verifier({ provider: "stripe", secret: SECRET }), seen);
  const d = sign({ provider: "stripe", secret: SECRET, event: "invoice.paid" });
  const r = await fetch(`${base}/hooks/stripe`, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(r.status, 200);
  assert.equal(await r.text(), "");
  assert.equal(seen.length, 1);
  assert.equal(seen[0].event, "invoice.paid");
  assert.equal(seen[0].id, JSON.parse(d.body).id);
  assert.deepEqual(seen[0].rawBody, Buffer.from(d.body));
  assert.ok(Buffer.isBuffer(seen[0].body), "request.body is the raw Buffer, not parsed JSON");
});

test("fastify: routes outside the plugin's scope keep Fastify's JSON parser", async (t) => {
  const base = await webhookApp(t, new Verifier({ provider: "stripe", secret: SECRET }), []);
  const r = await fetch(`${base}/api/json`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"a":1}' });
  assert.equal(r.status, 200);
  assert.deepEqual(await r.json(), { parsed: { a: 1 } });
});

test("fastify: a tampered delivery is 401 with the JSON error, and the handler never runs", async (t) => {
  const seen = [];
  const base = await webhookApp(t, new Verifier({ provider: "stripe", secret: SECRET }), seen);
  const d = sign({ provider: "stripe", secret: SECRET });
  const r = await fetch(`${base}/hooks/stripe`, { method: "POST", headers: d.headers, body: d.body.replace("event", "evenT") });
  assert.equal(r.status, 401);
  assert.equal(r.headers.get("content-type"), "application/json");
  const json = await r.json();
  assert.equal(json.error.code, "signature_mismatch");
  assert.equal(typeof json.error.message, "string");
  assert.equal(seen.length, 0);
});

test("fastify: missing headers are 400 missing_header; a body without a Content-Type is still read raw", async (t) => {
  const seen = [];
  const base = await webhookApp(t, new Verifier({ provider: "stripe", secret: SECRET }), seen);
  const r = await fetch(`${base}/hooks/stripe`, { method: "POST", body: "{}" });
  assert.equal(r.status, 400);
  assert.equal((await r.json()).error.code, "missing_header");
  // No Content-Type at all (a raw request: fetch would add text/plain).
  const d = sign({ provider: "stripe", secret: SECRET });
  const headers = Object.fromEntries(Object.entries(d.headers).filter(([k]) => k.toLowerCase() !== "content-type"));
  const { port } = new URL(base);
  const status = await new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/hooks/stripe", headers: { ...headers, "content-length": Buffer.byteLength(d.body) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", reject);
    req.end(d.body);
  });
  assert.equal(status, 200);
  assert.deepEqual(seen[0].rawBody, Buffer.from(d.body));
});

test("fastify: a parser added in the scope after the plugin is refused with a 500 that says what to change", async (t) => {
  const seen = [];
  const base = await webhookApp(t, new Verifier({ provider: "stripe", secret: SECRET }), seen, { parserAfter: true });
  const d = sign({ provider: "stripe", secret: SECRET });
  const r = await fetch(`${base}/hooks/stripe`, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(r.status, 500);
  const json = await r.json();
  assert.equal(json.error.code, "invalid_config");
  assert.match(json.error.message, /already parsed/);
  assert.match(json.error.message, /Register hookguardPlugin in the scope/);
  assert.equal(seen.length, 0);
});

test("fastify: registering without a verifier fails at startup with a clear TypeError", async () => {
  const app = Fastify();
  app.register(hookguardPlugin, {});
  await assert.rejects(app.ready(), (e) => e instanceof TypeError && /\{ verifier: new Verifier/.test(e.message));
});

test("fastify: a large body verifies; past maxBodyBytes it is 413 body_too_large (announced or chunked)", async (t) => {
  const seen = [];
  const v = new Verifier({ provider: "stripe", secret: SECRET, maxBodyBytes: 2048 });
  const base = await webhookApp(t, v, seen);
  const fits = JSON.stringify({ id: "evt_fits", object: "event", type: "invoice.paid", data: { pad: "y".repeat(1900) } });
  const f = sign({ provider: "stripe", secret: SECRET, body: fits });
  assert.equal((await fetch(`${base}/hooks/stripe`, { method: "POST", headers: f.headers, body: f.body })).status, 200);
  assert.equal(seen.length, 1);

  const big = JSON.stringify({ id: "evt_big", object: "event", type: "invoice.paid", data: { pad: "x".repeat(8192) } });
  const d = sign({ provider: "stripe", secret: SECRET, body: big });
  const r = await fetch(`${base}/hooks/stripe`, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(r.status, 413);
  assert.equal((await r.json()).error.code, "body_too_large");

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
  assert.equal(seen.length, 1);
});

test("fastify: handshakes are answered as the worker answers them (Slack, Discord's 204, Adobe's GET)", async (t) => {
  const seen = [];
  const slack = await webhookApp(t, new Verifier({ provider: "slack", secret: "slack-signing-secret" }), seen);
  const body = JSON.stringify({ token: "t", challenge: "challenge-from-slack", type: "url_verification" });
  const d = sign({ provider: "slack", secret: "slack-signing-secret", body });
  const r = await fetch(`${slack}/hooks/slack`, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get("content-type"), "text/plain", "the worker's answer, byte for byte");
  assert.equal(await r.text(), "challenge-from-slack");

  const { privateKey, publicKey } = generateKeyPair("discord");
  const discord = await webhookApp(t, new Verifier({ provider: "discord", publicKey }), seen);
  const ping = sign({ provider: "discord", privateKey, body: JSON.stringify({ version: 1, application_id: "1234567890", type: 0 }) });
  const p = await fetch(`${discord}/hooks/discord`, { method: "POST", headers: ping.headers, body: ping.body });
  assert.equal(p.status, 204);
  assert.equal(await p.text(), "");

  const adobe = await webhookApp(t, new Verifier({ provider: "adobe-sign", secret: "adobe-client-id" }), seen);
  const g = await fetch(`${adobe}/hooks/adobe`, { headers: { "x-adobesign-clientid": "adobe-client-id" } });
  assert.equal(g.status, 200);
  assert.equal(g.headers.get("x-adobesign-clientid"), "adobe-client-id");
  assert.deepEqual(await g.json(), { xAdobeSignClientId: "adobe-client-id" });
  const wrong = await fetch(`${adobe}/hooks/adobe`, { headers: { "x-adobesign-clientid": "someone-else" } });
  assert.equal(wrong.status, 401);
  assert.equal((await wrong.json()).error.code, "token_mismatch");
  assert.equal(seen.length, 0);
});

test("fastify: Twilio (URL-signed) is verified against protocol://host + url, or opts.url(request)", async (t) => {
  const seen = [];
  const v = new Verifier({ provider: "twilio", secret: "twilio-auth-token" });
  const base = await webhookApp(t, v, seen);
  const url = `${base}/hooks/twilio?flow=inbound`;
  const d = sign({ provider: "twilio", secret: "twilio-auth-token", url });
  const r = await fetch(url, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(r.status, 200);
  assert.equal(seen.length, 1);
  const other = await fetch(`${base}/hooks/twilio?flow=outbound`, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(other.status, 401);
  assert.equal((await other.json()).error.code, "signature_mismatch");

  const publicUrl = "https://hooks.example.test/twilio";
  const behindProxy = await webhookApp(t, v, seen, { opts: { url: () => publicUrl } });
  const p = sign({ provider: "twilio", secret: "twilio-auth-token", url: publicUrl });
  const r2 = await fetch(`${behindProxy}/hooks/twilio`, { method: "POST", headers: p.headers, body: p.body });
  assert.equal(r2.status, 200);
  assert.equal(seen.length, 2);
});

test("fastify: acknowledge() answers Dropbox Sign's expected text", async (t) => {
  const seen = [];
  const base = await webhookApp(t, new Verifier({ provider: "dropbox-sign", secret: "dropbox-api-key" }), seen);
  const d = sign({ provider: "dropbox-sign", secret: "dropbox-api-key" });
  const r = await fetch(`${base}/hooks/dropbox`, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(r.status, 200);
  assert.equal(await r.text(), "Hello API Event Received");
  assert.equal(seen.length, 1);
});
