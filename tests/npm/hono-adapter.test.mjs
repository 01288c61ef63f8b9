// hookguard/hono from the packed tarball, in a real Hono app (the versions the root package.json
// pins): on Node through @hono/node-server on 127.0.0.1, and on workerd as a Worker bundled by
// wrangler (the README's example as written). Bun and Deno serve the same example with their own
// servers in runtimes.mjs.
import test from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Hono } from "hono";
import { serve } from "@hono/node-server";
import { Verifier, sign, generateKeyPair } from "hookguard";
import { hookguard, acknowledge } from "hookguard/hono";
import { readmeSnippet as snippet } from "./helpers.mjs";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

async function listen(t, app) {
  const server = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  t.after(() => new Promise((r) => server.close(r)));
  return `http://127.0.0.1:${server.address().port}`;
}

// A webhook route (POST and GET) whose handler records what it saw, including the body read
// again through Hono's own c.req.json() / c.req.arrayBuffer().
function webhookApp(verifier, seen, { opts, readFirst = false } = {}) {
  const app = new Hono();
  const handler = async (c) => {
    const event = c.get("hookguard");
    const again = new Uint8Array(await c.req.arrayBuffer());
    const json = c.req.header("content-type")?.includes("json") ? await c.req.json() : null;
    seen.push({ event: event.event, id: event.id, body: c.get("hookguardBody"), again, json });
    return acknowledge(c);
  };
  const chain = readFirst ? [async (c, next) => { await c.req.json(); await next(); }] : [];
  app.post("/hooks/:name", ...chain, hookguard(verifier, opts), handler);
  app.get("/hooks/:name", hookguard(verifier, opts), handler);
  return app;
}

test("hono: a genuine delivery reaches the handler, which can still read the same bytes", async (t) => {
  const seen = [];
  const base = await listen(t, webhookApp(new Verifier({ provider: "stripe", secret: SECRET }), seen));
  const d = sign({ provider: "stripe", secret: SECRET, event: "invoice.paid" });
  const r = await fetch(`${base}/hooks/stripe`, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(r.status, 200);
  assert.equal(await r.text(), "");
  assert.equal(seen.length, 1);
  assert.equal(seen[0].event, "invoice.paid");
  assert.equal(seen[0].id, JSON.parse(d.body).id);
  assert.deepEqual(seen[0].body, new TextEncoder().encode(d.body));
  assert.deepEqual(seen[0].again, new TextEncoder().encode(d.body), "c.req.arrayBuffer() after the middleware");
  assert.deepEqual(seen[0].json, JSON.parse(d.body), "c.req.json() after the middleware");
});

test("hono: a tampered delivery is 401 with the JSON error, and the handler never runs", async (t) => {
  const seen = [];
  const base = await listen(t, webhookApp(new Verifier({ provider: "stripe", secret: SECRET }), seen));
  const d = sign({ provider: "stripe", secret: SECRET });
  const r = await fetch(`${base}/hooks/stripe`, { method: "POST", headers: d.headers, body: d.body.replace("event", "evenT") });
  assert.equal(r.status, 401);
  assert.equal(r.headers.get("content-type"), "application/json");
  assert.equal((await r.json()).error.code, "signature_mismatch");
  const missing = await fetch(`${base}/hooks/stripe`, { method: "POST", body: "{}" });
  assert.equal(missing.status, 400);
  assert.equal((await missing.json()).error.code, "missing_header");
  assert.equal(seen.length, 0);
});

test("hono: a middleware that read the body first is refused with a 500 that says what to change", async (t) => {
  const seen = [];
  const base = await listen(t, webhookApp(new Verifier({ provider: "stripe", secret: SECRET }), seen, { readFirst: true }));
  const d = sign({ provider: "stripe", secret: SECRET });
  const r = await fetch(`${base}/hooks/stripe`, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(r.status, 500);
  const json = await r.json();
  assert.equal(json.error.code, "invalid_config");
  assert.match(json.error.message, /already read/);
  assert.match(json.error.message, /hookguard\(verifier\) first/);
  assert.equal(seen.length, 0);
});

test("hono: a large body verifies; past maxBodyBytes it is 413 body_too_large", async (t) => {
  const seen = [];
  const v = new Verifier({ provider: "stripe", secret: SECRET, maxBodyBytes: 4096 });
  const base = await listen(t, webhookApp(v, seen));
  const fits = JSON.stringify({ id: "evt_fits", object: "event", type: "invoice.paid", data: { pad: "y".repeat(3900) } });
  const f = sign({ provider: "stripe", secret: SECRET, body: fits });
  assert.equal((await fetch(`${base}/hooks/stripe`, { method: "POST", headers: f.headers, body: f.body })).status, 200);
  const big = JSON.stringify({ id: "evt_big", object: "event", type: "invoice.paid", data: { pad: "x".repeat(65536) } });
  const d = sign({ provider: "stripe", secret: SECRET, body: big });
  const r = await fetch(`${base}/hooks/stripe`, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(r.status, 413);
  assert.equal((await r.json()).error.code, "body_too_large");
  assert.equal(seen.length, 1);
});

test("hono: handshakes are answered as the worker answers them (Slack, Discord's 204, Adobe's GET)", async (t) => {
  const seen = [];
  const slack = await listen(t, webhookApp(new Verifier({ provider: "slack", secret: "slack-signing-secret" }), seen));
  const body = JSON.stringify({ token: "t", challenge: "challenge-from-slack", type: "url_verification" });
  const d = sign({ provider: "slack", secret: "slack-signing-secret", body });
  const r = await fetch(`${slack}/hooks/slack`, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get("content-type"), "text/plain");
  assert.equal(await r.text(), "challenge-from-slack");

  const { privateKey, publicKey } = generateKeyPair("discord");
  const discord = await listen(t, webhookApp(new Verifier({ provider: "discord", publicKey }), seen));
  const ping = sign({ provider: "discord", privateKey, body: JSON.stringify({ version: 1, application_id: "1234567890", type: 0 }) });
  const p = await fetch(`${discord}/hooks/discord`, { method: "POST", headers: ping.headers, body: ping.body });
  assert.equal(p.status, 204);
  assert.equal(await p.text(), "");

  const adobe = await listen(t, webhookApp(new Verifier({ provider: "adobe-sign", secret: "adobe-client-id" }), seen));
  const g = await fetch(`${adobe}/hooks/adobe`, { headers: { "x-adobesign-clientid": "adobe-client-id" } });
  assert.equal(g.status, 200);
  assert.equal(g.headers.get("x-adobesign-clientid"), "adobe-client-id");
  assert.deepEqual(await g.json(), { xAdobeSignClientId: "adobe-client-id" });
  assert.equal(seen.length, 0);
});

test("hono: Twilio (URL-signed) is verified against c.req.url, or opts.url(c)", async (t) => {
  const seen = [];
  const v = new Verifier({ provider: "twilio", secret: "twilio-auth-token" });
  const base = await listen(t, webhookApp(v, seen));
  const url = `${base}/hooks/twilio?flow=inbound`;
  const d = sign({ provider: "twilio", secret: "twilio-auth-token", url });
  assert.equal((await fetch(url, { method: "POST", headers: d.headers, body: d.body })).status, 200);
  const other = await fetch(`${base}/hooks/twilio?flow=outbound`, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(other.status, 401);
  assert.equal((await other.json()).error.code, "signature_mismatch");
  const publicUrl = "https://hooks.example.test/twilio";
  const behindProxy = await listen(t, webhookApp(v, seen, { opts: { url: () => publicUrl } }));
  const p = sign({ provider: "twilio", secret: "twilio-auth-token", url: publicUrl });
  assert.equal((await fetch(`${behindProxy}/hooks/twilio`, { method: "POST", headers: p.headers, body: p.body })).status, 200);
  assert.equal(seen.length, 2);
});

test("hono: the verifier may come from the context (c.env), built once; acknowledge() gives Dropbox Sign's text", async () => {
  const seen = [];
  let built = 0;
  let v;
  const app = webhookApp((c) => (v ??= (built++, new Verifier({ provider: "dropbox-sign", secret: c.env.DROPBOX_KEY }))), seen);
  const env = { DROPBOX_KEY: "dropbox-api-key" };
  for (let i = 0; i < 2; i++) {
    const d = sign({ provider: "dropbox-sign", secret: env.DROPBOX_KEY });
    const r = await app.fetch(new Request("http://127.0.0.1/hooks/dropbox", { method: "POST", headers: d.headers, body: d.body }), env);
    assert.equal(r.status, 200);
    assert.equal(await r.text(), "Hello API Event Received");
  }
  assert.equal(built, 1);
  assert.equal(seen.length, 2);
});

test("hono: the README example as a Worker on workerd (wrangler bundles hono and the package)", { timeout: 120_000 }, async (t) => {
  process.env.WRANGLER_SEND_METRICS = "false";
  const dir = join(process.cwd(), "readme-hono-worker");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "app.mjs"), snippet("## Hono"));
  writeFileSync(join(dir, "wrangler.toml"), 'name = "hookguard-hono"\nmain = "app.mjs"\ncompatibility_date = "2026-04-01"\n[vars]\nGITHUB_WEBHOOK_SECRET = "github-hono-secret"\n');
  const { unstable_startWorker } = await import(join(process.env.HOOKGUARD_ROOT, "node_modules/wrangler/wrangler-dist/cli.js"));
  const worker = await unstable_startWorker({
    config: join(dir, "wrangler.toml"),
    dev: { server: { hostname: "127.0.0.1", port: 0 }, inspector: false, logLevel: "warn" },
  });
  t.after(() => worker.dispose());
  await worker.ready;
  const d = sign({ provider: "github", secret: "github-hono-secret", event: "push" });
  const ok = await worker.fetch("http://127.0.0.1/hooks/github", { method: "POST", headers: d.headers, body: d.body });
  assert.equal(ok.status, 200);
  const bad = await worker.fetch("http://127.0.0.1/hooks/github", { method: "POST", headers: d.headers, body: d.body.replace("{", "{ ") });
  assert.equal(bad.status, 401);
  assert.equal((await bad.json()).error.code, "signature_mismatch");
});
