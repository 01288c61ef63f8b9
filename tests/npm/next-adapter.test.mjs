// hookguard/next from the packed tarball, in a real Next.js app (the version the root
// package.json pins): tests/npm/next-app plus the README's example route, built with
// `next build` and served by `next start` on 127.0.0.1. (`next dev` starts faster, but only a
// build says whether a route is prerendered and only `next start` is what production runs.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import http from "node:http";
import { mkdirSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Verifier, sign } from "hookguard";
import { readmeSnippet, freePort } from "./helpers.mjs";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const README_SECRET = "whsec_cmVhZG1lLWV4YW1wbGUtc2VjcmV0LWZvci1uZXh0";
const app = join(process.cwd(), "next-app");
const nextBin = join(process.cwd(), "node_modules/next/dist/bin/next");
// No telemetry, and nothing else that could reach the network (Next fetches nothing else for an
// app with no pages, fonts or images; the SWC binary is npm's @next/swc-* optional dependency).
const quiet = { NEXT_TELEMETRY_DISABLED: "1" };

let server; // { base, port, out(): what next start printed }
let buildOutput = "";
let stop; // ends next start

// Runs `next <args>` in the app; resolves with its output when it exits 0 within `ms`.
function runNext(args, env, ms) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, ...args], { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), ms);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`next ${args[0]} ended with ${signal ?? `exit ${code}`} (limit ${ms} ms):\n${out}`));
    });
  });
}

before(async () => {
  // The README's route, exactly as shipped, beside the fixture's routes.
  mkdirSync(join(app, "app/hooks/stripe"), { recursive: true });
  writeFileSync(join(app, "app/hooks/stripe/route.js"), readmeSnippet("## Next.js"));
  rmSync(join(app, ".next"), { recursive: true, force: true });
  // Built without STRIPE_WEBHOOK_SECRET: the routes must not need their secrets at build time.
  const buildEnv = { ...process.env, ...quiet };
  delete buildEnv.STRIPE_WEBHOOK_SECRET;
  buildOutput = await runNext(["build"], buildEnv, 150_000);

  const port = await freePort();
  const env = { ...process.env, ...quiet, STRIPE_WEBHOOK_SECRET: README_SECRET, RECORD_SECRET: SECRET };
  const child = spawn(process.execPath, [nextBin, "start", "-H", "127.0.0.1", "-p", String(port)], { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const exited = new Promise((r) => child.once("exit", r));
  stop = async () => {
    child.kill();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  };
  const base = `http://127.0.0.1:${port}`;
  let ready = false;
  for (let i = 0; i < 200 && !ready && child.exitCode === null; i++) {
    ready = await fetch(`${base}/echo`, { method: "POST", signal: AbortSignal.timeout(2000) }).then((r) => r.status === 200, () => false);
    if (!ready) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(ready, `next start did not answer within 20 s:\n${out}`);
  server = { base, port, out: () => out };
}, { timeout: 180_000 });
after(() => stop?.());

// The HOOKGUARD_SEEN lines the fixture's handlers printed (each handler run is one line).
const seen = () =>
  server
    .out()
    .split("\n")
    .filter((l) => l.startsWith("HOOKGUARD_SEEN "))
    .map((l) => JSON.parse(l.slice("HOOKGUARD_SEEN ".length)));
// Waits until the server printed `re` (its stdout arrives a little after its answer).
async function printed(re) {
  for (let i = 0; i < 40 && !re.test(server.out()); i++) await new Promise((r) => setTimeout(r, 50));
  return re.test(server.out());
}
const post = (path, d, extra = {}) =>
  fetch(server.base + path, { method: "POST", headers: d.headers, body: d.body, signal: AbortSignal.timeout(10_000), ...extra });
// node:http, for a Host header of our choosing (fetch always sends the URL's own).
function raw(path, { method = "POST", headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: server.port, method, path, headers, timeout: 10_000 }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode, text }));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer to ${method} ${path}`)));
    req.on("error", reject);
    req.end(body);
  });
}
const seenOn = (route) => seen().filter((s) => s.route === route);

test("next: the build leaves every webhook route dynamic (ƒ), GET handshakes included, without its secret", () => {
  for (const route of ["/hooks/stripe", "/hooks/record", "/hooks/meta", "/hooks/adobe", "/hooks/slack", "/hooks/twilio"]) {
    assert.match(buildOutput, new RegExp(`ƒ ${route.replace("/", "\\/")}\\n`), `${route} is not dynamic:\n${buildOutput}`);
  }
  assert.doesNotMatch(buildOutput, /○ \/hooks\//);
});

test("next: a genuine delivery runs the handler with the event and the exact bytes, then an empty 200", async () => {
  const d = sign({ provider: "stripe", secret: SECRET, event: "invoice.paid" });
  const before = seenOn("record").length;
  const r = await post("/hooks/record", d);
  assert.equal(r.status, 200);
  assert.equal(await r.text(), "");
  assert.ok(await printed(new RegExp(`"id":"${JSON.parse(d.body).id}"`)), server.out());
  const got = seenOn("record");
  assert.equal(got.length, before + 1);
  assert.equal(got.at(-1).event, "invoice.paid");
  assert.equal(got.at(-1).id, JSON.parse(d.body).id);
  assert.equal(Buffer.from(got.at(-1).body, "base64").toString("utf8"), d.body);
});

test("next: a tampered delivery is 401 signature_mismatch with the worker's JSON, and the handler never runs", async () => {
  const d = sign({ provider: "stripe", secret: SECRET });
  const before = seenOn("record").length;
  const r = await post("/hooks/record", { ...d, body: d.body.replace("event", "evenT") });
  assert.equal(r.status, 401);
  assert.equal(r.headers.get("content-type"), "application/json");
  const json = await r.json();
  assert.deepEqual(Object.keys(json.error), ["code", "message"]);
  assert.equal(json.error.code, "signature_mismatch");
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(seenOn("record").length, before);
});

test("next: Slack's url_verification (a Promise of a Verifier) is answered as the worker does", async () => {
  const slack = new Verifier({ provider: "slack", secret: "slack-signing-secret" });
  const body = JSON.stringify({ token: "t", challenge: "challenge-from-slack-7Hq", type: "url_verification" });
  const d = sign({ provider: "slack", secret: "slack-signing-secret", body });
  const expected = slack.handshake(d.headers, d.body);
  const r = await post("/hooks/slack", d);
  assert.equal(r.status, expected.status);
  assert.equal(r.headers.get("content-type"), expected.headers["content-type"]);
  assert.equal(await r.text(), "challenge-from-slack-7Hq");
  const forged = await post("/hooks/slack", { ...d, headers: { ...d.headers, "x-slack-signature": "v0=" + "0".repeat(64) } });
  assert.equal(forged.status, 401);
  assert.equal((await forged.json()).error.code, "signature_mismatch");
  assert.equal(seenOn("slack").length, 0);
});

test("next: a body over maxBodyBytes is 413 body_too_large, announced or streamed", async () => {
  const big = JSON.stringify({ id: "evt_big", object: "event", type: "invoice.paid", data: { pad: "x".repeat(8192) } });
  const d = sign({ provider: "stripe", secret: SECRET, body: big });
  const r = await post("/hooks/record", d);
  assert.equal(r.status, 413);
  assert.equal((await r.json()).error.code, "body_too_large");
  // Streamed (chunked, no Content-Length): the read stops past the limit.
  const enc = new TextEncoder().encode(big);
  const stream = new ReadableStream({
    start(c) {
      for (let i = 0; i < enc.length; i += 2000) c.enqueue(enc.slice(i, i + 2000));
      c.close();
    },
  });
  const s = await post("/hooks/record", { headers: d.headers, body: stream }, { duplex: "half" });
  assert.equal(s.status, 413);
  assert.equal((await s.json()).error.code, "body_too_large");
  assert.equal(seenOn("record").filter((x) => x.id === "evt_big").length, 0);
});

test("next: request.url under next start names localhost:<port> and re-serialises the query", async () => {
  const r = await raw("/echo?q=a%20b&flag&t=%7E", { headers: { host: "hooks.example.test" } });
  assert.equal(r.status, 200);
  assert.deepEqual(JSON.parse(r.text), { url: `http://localhost:${server.port}/echo?q=a+b&flag=&t=%7E`, host: "hooks.example.test" });
  const p = await fetch(`${server.base}/echo`, { method: "POST", headers: { "x-forwarded-proto": "https", "x-forwarded-host": "pub.example" } });
  assert.equal((await p.json()).url, `https://localhost:${server.port}/echo`);
});

test("next: Twilio (URL-signed) verifies against the Host header and request.url's path and query, or opts.url", async () => {
  const url = `${server.base}/hooks/twilio?flow=inbound`;
  const d = sign({ provider: "twilio", secret: "twilio-auth-token", url });
  const ok = await post("/hooks/twilio?flow=inbound", d);
  assert.equal(ok.status, 200);
  // The handler sees Next's request.url: not the URL Twilio called (hence the Host header).
  assert.deepEqual(await ok.json(), { url: `http://localhost:${server.port}/hooks/twilio?flow=inbound` });
  const other = await post("/hooks/twilio?flow=outbound", d);
  assert.equal(other.status, 401);
  assert.equal((await other.json()).error.code, "signature_mismatch");

  // A proxy that keeps the Host header: the default is right with no option.
  const kept = sign({ provider: "twilio", secret: "twilio-auth-token", url: "http://hooks.example.test/hooks/twilio?flow=kept" });
  const k = await raw("/hooks/twilio?flow=kept", { headers: { ...kept.headers, host: "hooks.example.test" }, body: kept.body });
  assert.equal(k.status, 200, k.text);
  // A query Next re-serialises (%20 arrives as +) no longer matches what Twilio signed.
  const spaced = sign({ provider: "twilio", secret: "twilio-auth-token", url: `${server.base}/hooks/twilio?q=a%20b` });
  const sp = await post("/hooks/twilio?q=a%20b", spaced);
  assert.equal(sp.status, 401);
  assert.equal((await sp.json()).error.code, "signature_mismatch");

  const publicUrl = "https://hooks.example.test/twilio?flow=inbound";
  const p = sign({ provider: "twilio", secret: "twilio-auth-token", url: publicUrl });
  const proxied = await post("/hooks/twilio-proxy?flow=inbound", { ...p, headers: { ...p.headers, "x-public-host": "hooks.example.test" } });
  assert.equal(proxied.status, 200);
  assert.equal(await proxied.text(), "ok proxy");
  const direct = await post("/hooks/twilio?flow=inbound", p);
  assert.equal(direct.status, 401, "the public URL's signature does not verify for the direct URL");
});

test("next: a handler's own Response is answered as it is (the route context reaches it)", async () => {
  const d = sign({ provider: "stripe", secret: SECRET, event: "charge.refunded" });
  const r = await post("/hooks/own", d);
  assert.equal(r.status, 202);
  assert.equal(r.headers.get("x-handled-by"), "own");
  assert.deepEqual(await r.json(), { received: JSON.parse(d.body).id, type: "charge.refunded", bytes: Buffer.byteLength(d.body), context: "object" });
  const bad = await post("/hooks/own", { ...d, body: d.body + " " });
  assert.equal(bad.status, 401);
  assert.equal(bad.headers.get("x-handled-by"), null);
});

test("next: a body read before the wrapper is a 500 invalid_config saying what to change, also logged", async () => {
  const d = sign({ provider: "stripe", secret: SECRET });
  const r = await post("/hooks/used", d);
  assert.equal(r.status, 500);
  assert.equal(r.headers.get("content-type"), "application/json");
  const { error } = await r.json();
  assert.equal(error.code, "invalid_config");
  assert.match(error.message, /^hookguard\/next: the request body was already read/);
  assert.match(error.message, /export const POST = withHookguard\(verifier, handler\)/);
  assert.ok(await printed(/hookguard\/next: the request body was already read/), "the server logs the mistake");
  assert.equal(seenOn("used").length, 0);
});

test("next: a handler that returns no Response, and a secret missing at request time, are 500s that say why", async () => {
  const d = sign({ provider: "stripe", secret: SECRET });
  const r = await post("/hooks/not-a-response", d);
  assert.equal(r.status, 500);
  const { error } = await r.json();
  assert.equal(error.code, "invalid_config");
  assert.match(error.message, /^hookguard\/next: the handler returned something that is not a Response/);

  // The Verifier's invalid_config is thrown, not answered as the sender's fault: Next logs it.
  const m = await post("/hooks/misconfigured", d);
  assert.equal(m.status, 500);
  assert.notEqual(await m.text(), "never");
  assert.ok(await printed(/missing field `secret`/), server.out());
});

test("next: GET handshakes: Meta's hub.challenge (never cached) and Adobe Acrobat Sign's intent check", async () => {
  for (const challenge of ["1158201444", "2290117733"]) {
    const r = await fetch(`${server.base}/hooks/meta?hub.mode=subscribe&hub.challenge=${challenge}&hub.verify_token=meta-verify-token`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("content-type"), "text/plain");
    assert.equal(await r.text(), challenge, "each GET is answered afresh, not from a cache");
  }
  const wrong = await fetch(`${server.base}/hooks/meta?hub.mode=subscribe&hub.challenge=1&hub.verify_token=other`);
  assert.equal(wrong.status, 401);
  assert.equal((await wrong.json()).error.code, "token_mismatch");

  const adobe = new Verifier({ provider: "adobe-sign", secret: "adobe-client-id" });
  const hs = { "x-adobesign-clientid": "adobe-client-id" };
  const expected = adobe.handshake(hs, null, { method: "GET", url: `${server.base}/hooks/adobe` });
  const g = await fetch(`${server.base}/hooks/adobe`, { headers: hs });
  assert.equal(g.status, expected.status);
  assert.equal(g.headers.get("content-type"), expected.headers["content-type"]);
  assert.equal(g.headers.get("x-adobesign-clientid"), "adobe-client-id");
  assert.equal(await g.text(), expected.body);
  const other = await fetch(`${server.base}/hooks/adobe`, { headers: { "x-adobesign-clientid": "someone-else" } });
  assert.equal(other.status, 401);
  // A delivery (POST): the handler runs, and the answer is the acknowledgement Adobe expects.
  const d = sign({ provider: "adobe-sign", secret: "adobe-client-id" });
  const p = await post("/hooks/adobe", d);
  assert.equal(p.status, 200);
  assert.equal(p.headers.get("x-adobesign-clientid"), "adobe-client-id");
  assert.equal(await p.text(), adobe.verify(d.headers, d.body).acknowledgement.body);
  assert.ok(await printed(/"route":"adobe","event":"AGREEMENT_CREATED"/), server.out());
});

test("next: the README's route verifies a genuine delivery (its secret read at request time) and answers a forged one 401", async () => {
  const d = sign({ provider: "stripe", secret: README_SECRET, event: "invoice.paid" });
  const r = await post("/hooks/stripe", d);
  assert.equal(r.status, 200);
  assert.equal(await r.text(), "");
  const id = JSON.parse(d.body).id;
  assert.ok(await printed(new RegExp(`verified invoice\\.paid ${id} ${Buffer.byteLength(d.body)}`)), server.out());
  const bad = await post("/hooks/stripe", { ...d, body: d.body.replace("{", "{ ") });
  assert.equal(bad.status, 401);
  assert.equal((await bad.json()).error.code, "signature_mismatch");
});
