// The installed package in any JavaScript runtime: Node (20, 22, 24), Bun and Deno run this same
// file (scripts/test-npm.sh), so no test framework is used, only node: built-ins all three have.
// Every shared vector (../shared/vectors, published Standard Webhooks vectors included) and ours
// (tests/vectors) through import and require, the Verifier and one-shot verify, every header
// shape and every body shape a user may hold in that runtime; sign -> verify for every event;
// and the package README's Node example run as written, as a server in a child process of the
// same runtime. A check that cannot run counts as failed: nothing is skipped.
// Prints one line per failure, then "runtime <name> <version>: N passed, N failed"; exits 1 on
// any failure.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import * as esm from "hookguard";
import * as esmVerify from "hookguard/verify";
import { loadCases, headerForms, outcome, UNSENDABLE, expectedFor } from "./vectors.mjs";
import { readmeSnippet as snippet, freePort } from "./helpers.mjs";

const runtime =
  typeof Deno !== "undefined" ? { name: "deno", version: Deno.version.deno }
  : typeof Bun !== "undefined" ? { name: "bun", version: Bun.version }
  : { name: "node", version: process.versions.node };
const label = `${runtime.name} ${runtime.version}`;

let passed = 0;
const failures = [];
async function check(name, fn) {
  try {
    await fn();
    passed++;
  } catch (e) {
    failures.push(`${name}: ${String(e?.stack ?? e).split("\n").slice(0, 6).join("\n    ")}`);
  }
}

// What the package entry resolves to in this runtime (its export conditions), and the
// CommonJS form the README shows: both must be the same instance.
const require = createRequire(import.meta.url);
let cjs;
await check("require(\"hookguard\") loads", () => {
  cjs = require("hookguard");
  assert.equal(typeof cjs.Verifier, "function");
});
await check("require and import share one instance (as the README says)", () => {
  assert.equal(cjs.WebhookError, esm.WebhookError);
  assert.equal(cjs.Verifier, esm.Verifier);
});
// The export conditions each runtime matches first, in the package.json's key order
// ("workerd", "node", "browser", "deno", "import"): Bun and Deno both also match "node", which
// comes first, so all three get the Node build (CommonJS bundle, .wasm read with node:fs).
await check("import \"hookguard\" resolves to the Node build", () => {
  const resolved = import.meta.resolve("hookguard");
  assert.match(resolved, /\/node_modules\/hookguard\/dist\/node\/index\.mjs$/, resolved);
  assert.match(require.resolve("hookguard"), /\/node_modules\/hookguard\/dist\/node\/index\.cjs$/);
});
// hookguard/verify, the verifier alone: the same conditions, its own module.
let cjsVerify;
await check("hookguard/verify resolves to its Node build and loads the module without sign()", () => {
  assert.match(import.meta.resolve("hookguard/verify"), /\/node_modules\/hookguard\/dist\/node\/verify\.mjs$/);
  assert.match(require.resolve("hookguard/verify"), /\/node_modules\/hookguard\/dist\/node\/verify\.cjs$/);
  cjsVerify = require("hookguard/verify");
  assert.equal(cjsVerify.Verifier, esmVerify.Verifier);
  assert.throws(() => esmVerify.sign({ provider: "stripe", secret: "s" }), (e) => e instanceof esm.WebhookError && e.code === "invalid_config");
});

// Body shapes: every form the README accepts, as each runtime produces them.
function bodyShapes(c) {
  const b = c.bytes;
  const shapes = {
    Uint8Array: b,
    ArrayBuffer: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength),
    Buffer: Buffer.from(b),
    DataView: new DataView(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)),
  };
  // A view into the middle of a larger buffer (byteOffset != 0), as a request parser hands out.
  const big = new Uint8Array(b.length + 16);
  big.set(b, 7);
  shapes["Uint8Array at an offset"] = big.subarray(7, 7 + b.length);
  // Bytes in a SharedArrayBuffer (a worker thread's buffer). Every runtime here has one; one
  // that has none fails this check rather than skipping it.
  const sab = new SharedArrayBuffer(b.length);
  new Uint8Array(sab).set(b);
  shapes["SharedArrayBuffer view"] = new Uint8Array(sab);
  if (c.body_utf8 !== undefined) shapes.string = c.body_utf8;
  return shapes;
}

const cases = loadCases();
await check("the shared vectors are all there", () => {
  assert.ok(cases.filter((c) => c.file === "insigner.json").length >= 29);
  assert.ok(cases.filter((c) => c.file === "inspakt.json").length >= 19);
});
for (const [api, mod, verifierAlone] of [["import", esm, false], ["require", cjs, false], ["import hookguard/verify", esmVerify, true], ["require hookguard/verify", cjsVerify, true]]) {
  for (const c of cases) {
    await check(`${api}: ${c.file}: ${c.name}`, () => {
      const want = expectedFor(c, verifierAlone);
      for (const [hshape, headers] of Object.entries(headerForms(c.headers))) {
        for (const [bshape, body] of Object.entries(bodyShapes(c))) {
          assert.deepEqual(outcome(mod, c, headers, body), want, `${hshape} headers, ${bshape} body`);
        }
      }
      assert.deepEqual(outcome(mod, c, c.headers, c.bytes, { oneShot: true }), want, "one-shot verify");
      if (want.ok) {
        // payload is parsed (with the runtime's JSON and TextDecoder) from the verified bytes.
        // The provider's own event field (Slack: `type`; its form bodies carry none).
        const r = new mod.Verifier(c.options).verify(c.headers, c.bytes, { now: c.now, url: c.url, method: c.method });
        const field = esm.providers.find((p) => p.id === c.options.provider)?.eventSource?.field;
        assert.equal((field ? r.payload[field] : undefined) ?? r.event, c.expect.event);
      }
    });
  }
}

// The published public-key vectors: Standard Webhooks v1a (verify with whpk_, and sign from
// whsk_ writes the same token: Ed25519 is deterministic) and SendGrid's (ECDSA P-256, DER).
const publicVectors = JSON.parse(readFileSync(join(process.env.HOOKGUARD_VECTORS, "published.json"), "utf8"))
  .vectors.filter((v) => v.scheme === "standard-webhooks-v1a" || v.scheme === "sendgrid-event-webhook");
await check("published.json has the v1a and SendGrid vectors", () => assert.equal(publicVectors.length, 2));
for (const v of publicVectors) {
  await check(`published.json: ${v.id}`, () => {
    if (v.scheme === "sendgrid-event-webhook") {
      const r = esm.verify({ provider: "sendgrid", publicKey: v.public_key }, v.headers, v.payload, { now: v.timestamp });
      assert.equal(r.timestamp, v.timestamp);
      return;
    }
    const r = esm.verify({ provider: "standard-webhooks", publicKey: v.public_key }, v.headers, v.payload, { now: v.valid_at_now });
    assert.equal(r.id, v.msg_id);
    assert.equal(r.keyIndex, 0);
    const signed = esm.sign({ provider: "standard-webhooks", privateKey: v.secret_key, body: v.payload, id: v.msg_id, timestamp: v.timestamp });
    assert.equal(signed.headers["webhook-signature"], v.expected_signature);
  });
}

// The published Standard Webhooks vectors (shared/vectors/published.json): verify, and sign
// writes the same signature.
const published = JSON.parse(readFileSync(join(process.env.HOOKGUARD_VECTORS, "published.json"), "utf8"))
  .vectors.filter((v) => v.scheme === "standard-webhooks-v1");
await check("published.json has the Standard Webhooks vectors", () => assert.ok(published.length >= 2));
for (const v of published) {
  await check(`published.json: ${v.id}`, () => {
    const options = { provider: "standard-webhooks", secret: v.secret };
    const r = esm.verify(options, v.headers, v.payload, { now: v.timestamp });
    assert.equal(r.id, v.msg_id);
    const signed = esm.sign({ ...options, body: v.payload, id: v.msg_id, timestamp: v.timestamp });
    assert.equal(signed.headers["webhook-signature"], v.headers["webhook-signature"]);
  });
}

// sign -> verify for every event of every provider, the body as bytes and as a string.
for (const p of esm.providers.filter((p) => p.events.length)) {
  await check(`sign -> verify: every ${p.id} event`, () => {
    // A whsec_ base64 key where the provider decodes one (Standard Webhooks, Svix and family).
    const secret = p.auth.key === "whsec-base64" ? "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" : "s3cret";
    // Public-key providers (Discord, SendGrid): a pair from this runtime's randomness.
    const pair = p.auth.publicKey ? esm.generateKeyPair(p.id) : null;
    const opts = pair ? { provider: p.id, publicKey: pair.publicKey }
      : p.id === "inspakt" ? { provider: p.id, secret: "tok_runtime", header: "X-Tok" } : { provider: p.id, secret };
    const signWith = pair ? { provider: p.id, privateKey: pair.privateKey } : opts;
    for (const e of p.events) {
      // URL-signing providers sign the URL the delivery goes to; sign() says which to verify with.
      const url = p.auth.needsUrl ? "https://hooks.example.com/in?x=1" : undefined;
      const d = esm.sign({ ...signWith, event: e.name, timestamp: 1780065000, url });
      const bytes = new TextEncoder().encode(d.body);
      // A provider with no event source (Zoho Sign) names no event in the result.
      const r = new esm.Verifier(opts).verify(d.headers, bytes, { now: 1780065000, url: d.url });
      assert.equal(r.event, p.eventSource ? e.name : null);
      assert.equal(r.bodySigned, p.bodySigned);
      const payload = esm.verify(opts, new Headers(d.headers), d.body, { now: 1780065000, url: d.url }).payload;
      assert.equal(p.eventSource?.field ? payload[p.eventSource.field] : e.name, e.name);
    }
  });
}

// Large bodies: in Node, Bun and Deno the Node entry hashes bodies from 1 KB with the runtime's
// node:crypto (the inner hash of the HMAC, finished in wasm). The signature is computed here,
// independently, with the runtime's own createHmac; the body as a string and as bytes, at sizes
// around the threshold and well past it, genuine and with one byte changed in the middle.
await check("large bodies: Stripe and Standard Webhooks signatures from createHmac verify; one changed byte is signature_mismatch", async () => {
  const { createHmac } = await import("node:crypto");
  const key = Buffer.from("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "base64");
  const now = 1780065000;
  for (const size of [1023, 1024, 1025, 70_000, 300_000]) {
    const text = `{"id":"evt_big","type":"charge.succeeded","note":"${"é".repeat(size)}"}`;
    const bytes = new TextEncoder().encode(text);
    const tampered = bytes.slice();
    tampered[bytes.length >> 1] ^= 1;
    const stripeSig = createHmac("sha256", "s3cret").update(`${now}.`).update(bytes).digest("hex");
    const stripe = [{ provider: "stripe", secret: "s3cret" }, { "stripe-signature": `t=${now},v1=${stripeSig}` }];
    const swSig = createHmac("sha256", key).update(`msg_big.${now}.`).update(bytes).digest("base64");
    const sw = [{ provider: "standard-webhooks", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" },
      { "webhook-id": "msg_big", "webhook-timestamp": String(now), "webhook-signature": `v1,${swSig}` }];
    for (const [opts, headers] of [stripe, sw]) {
      const v = new esm.Verifier(opts);
      for (const body of [text, bytes]) {
        assert.equal(v.verify(headers, body, { now }).event, "charge.succeeded", `${opts.provider} ${size} ${typeof body}`);
      }
      assert.throws(() => v.verify(headers, tampered, { now }),
        (e) => e instanceof esm.WebhookError && e.code === "signature_mismatch", `${opts.provider} ${size} tampered`);
    }
  }
});

// Header values the Headers API refuses (NUL, CR, LF) are refused the same way in this runtime,
// and the ones HTTP cannot carry are the ones vectors.mjs says (the worker test relies on it).
await check("Headers refuses NUL, CR and LF values with a TypeError", () => {
  for (const v of ["a\0b", "a\rb", "a\nb"]) assert.throws(() => new Headers([["x-h", v]]), TypeError, JSON.stringify(v));
  assert.ok(UNSENDABLE.test("\x01"));
});

// The package README's Node example, as shipped in the tarball, as a server in a child process
// of this same runtime; a genuine delivery, a forged one, one without headers.
const SECRET = "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07";
await check("README: the Node example runs as written", async () => {
  const dir = join(process.cwd(), `readme-node-${runtime.name}-${runtime.version}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "server.mjs");
  writeFileSync(file, snippet("## Node"));
  const port = await freePort();
  const argv = runtime.name === "deno" ? ["run", "--allow-all", "--node-modules-dir=manual", file] : [file];
  const child = spawn(process.execPath, argv, {
    env: { ...process.env, PORT: String(port), INSIGNER_SECRET: SECRET },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  try {
    const url = `http://127.0.0.1:${port}/hooks/insigner`;
    let ready = false;
    for (let i = 0; i < 200 && !ready; i++) {
      ready = await fetch(url, { method: "POST" }).then(async (r) => (await r.arrayBuffer(), true), () => false);
      if (!ready) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(ready, `the example server did not start: ${out}`);
    const d = esm.sign({ provider: "insigner", secret: SECRET, event: "document.completed", timestamp: Math.floor(Date.now() / 1000) });
    const ok = await fetch(url, { method: "POST", headers: d.headers, body: d.body });
    await ok.arrayBuffer();
    assert.equal(ok.status, 200, out);
    for (let i = 0; i < 40 && !/document\.completed /.test(out); i++) await new Promise((r) => setTimeout(r, 25));
    assert.match(out, /document\.completed /, "the example logs the verified event");
    const forged = new TextEncoder().encode(d.body);
    forged[forged.length - 2] ^= 1;
    const bad = await fetch(url, { method: "POST", headers: d.headers, body: forged });
    assert.equal(bad.status, 401);
    assert.deepEqual(await bad.json(), { error: "signature_mismatch" });
    const missing = await fetch(url, { method: "POST", body: d.body });
    assert.equal(missing.status, 400);
    assert.deepEqual(await missing.json(), { error: "missing_header" });
  } finally {
    child.kill();
  }
});

// hookguard/fetch on this runtime's own Request and Response (Bun's and Deno's are their own
// implementations), with a Verifier from either entry, and the package README's fetch-style
// handler as written.
await check("hookguard/fetch: valid, tampered (401 JSON), Discord's bodiless 204, either entry", async () => {
  const { verifyRequest } = await import("hookguard/fetch");
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  for (const entry of [esm, esmVerify]) {
    const v = new entry.Verifier({ provider: "stripe", secret });
    const d = esm.sign({ provider: "stripe", secret });
    const ok = await verifyRequest(v, new Request("http://127.0.0.1/", { method: "POST", headers: d.headers, body: d.body }));
    assert.equal(ok.response.status, 200);
    assert.equal(ok.event.id, JSON.parse(d.body).id);
    assert.deepEqual(ok.body, new TextEncoder().encode(d.body));
    const bad = await verifyRequest(v, new Request("http://127.0.0.1/", { method: "POST", headers: d.headers, body: d.body + " " }));
    assert.equal(bad.response.status, 401);
    assert.equal((await bad.response.json()).error.code, "signature_mismatch");
  }
  const { privateKey, publicKey } = esm.generateKeyPair("discord");
  const ping = esm.sign({ provider: "discord", privateKey, body: JSON.stringify({ version: 1, application_id: "1", type: 0 }) });
  const r = await verifyRequest(new esm.Verifier({ provider: "discord", publicKey }), new Request("http://127.0.0.1/", { method: "POST", headers: ping.headers, body: ping.body }));
  assert.equal(r.response.status, 204);
  assert.equal(r.response.body, null);
});
await check("README: the fetch-style handler runs as written", async () => {
  const dir = join(process.cwd(), `readme-fetch-${runtime.name}-${runtime.version}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "handler.mjs"), snippet("## Fetch-style handlers"));
  const { default: worker } = await import(join(dir, "handler.mjs"));
  const env = { STRIPE_WEBHOOK_SECRET: "whsec_readme_fetch" };
  const d = esm.sign({ provider: "stripe", secret: env.STRIPE_WEBHOOK_SECRET });
  const log = console.log;
  console.log = () => {};
  try {
    const ok = await worker.fetch(new Request("http://127.0.0.1/", { method: "POST", headers: d.headers, body: d.body }), env);
    assert.equal(ok.status, 200);
    const bad = await worker.fetch(new Request("http://127.0.0.1/", { method: "POST", headers: d.headers, body: "{}" }), env);
    assert.equal(bad.status, 401);
  } finally {
    console.log = log;
  }
});

// hookguard/hono: the README's Hono example as written, served by this runtime's own HTTP server
// on 127.0.0.1 (Bun.serve, Deno.serve, @hono/node-server on Node), with the secret in c.env.
await check("README: the Hono example runs as written behind this runtime's own server", async () => {
  const dir = join(process.cwd(), `readme-hono-${runtime.name}-${runtime.version}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "app.mjs"), snippet("## Hono"));
  const { default: app } = await import(join(dir, "app.mjs"));
  const env = { GITHUB_WEBHOOK_SECRET: "github-hono-secret" };
  const fetchWithEnv = (request) => app.fetch(request, env);
  let base, close;
  if (runtime.name === "bun") {
    const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: fetchWithEnv });
    base = `http://127.0.0.1:${server.port}`;
    close = () => server.stop(true);
  } else if (runtime.name === "deno") {
    // onListen may run before Deno.serve returns: wait for it, then read the returned server.
    let listening;
    const ready = new Promise((resolve) => (listening = resolve));
    const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => listening() }, fetchWithEnv);
    await ready;
    base = `http://127.0.0.1:${server.addr.port}`;
    close = () => server.shutdown();
  } else {
    const { serve } = await import("@hono/node-server");
    const server = await new Promise((resolve) => {
      const s = serve({ port: 0, hostname: "127.0.0.1", fetch: fetchWithEnv }, () => resolve(s));
    });
    base = `http://127.0.0.1:${server.address().port}`;
    close = () => new Promise((r) => server.close(r));
  }
  const log = console.log;
  const logged = [];
  console.log = (...a) => logged.push(a.join(" "));
  try {
    const d = esm.sign({ provider: "github", secret: env.GITHUB_WEBHOOK_SECRET, event: "push" });
    const ok = await fetch(`${base}/hooks/github`, { method: "POST", headers: d.headers, body: d.body });
    assert.equal(ok.status, 200);
    await ok.arrayBuffer();
    assert.deepEqual(logged, [`verified push ${d.headers["x-github-delivery"]}`]);
    const bad = await fetch(`${base}/hooks/github`, { method: "POST", headers: d.headers, body: d.body.replace("{", "{ ") });
    assert.equal(bad.status, 401);
    assert.equal((await bad.json()).error.code, "signature_mismatch");
  } finally {
    console.log = log;
    await close();
  }
});

for (const f of failures) console.log(`FAIL ${label}: ${f}`);
console.log(`runtime ${label}: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
