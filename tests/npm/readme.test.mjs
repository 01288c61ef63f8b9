// The package's README examples, as shipped in the tarball, run for real: the Node server
// snippet in a child process on loopback, the Worker snippet on workerd. A README whose
// example breaks fails here.
import test from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { sign, providers } from "hookguard";
import { readmeSnippet as snippet, freePort } from "./helpers.mjs";


const SECRET = "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07";

// Writes the README's js block under heading into dir/server.mjs, starts it with PORT and env in
// a child process, and waits (bounded) until url answers. Returns what it prints so far.
async function startExample(t, { dir, heading, env, path }) {
  mkdirSync(join(process.cwd(), dir), { recursive: true });
  const file = join(process.cwd(), dir, "server.mjs");
  writeFileSync(file, snippet(heading));
  const port = await freePort();
  const child = spawn(process.execPath, [file], { env: { ...process.env, PORT: String(port), ...env }, stdio: ["ignore", "pipe", "pipe"] });
  t.after(() => child.kill());
  const out = { text: "" };
  child.stdout.on("data", (d) => (out.text += d));
  child.stderr.on("data", (d) => (out.text += d));
  const url = `http://127.0.0.1:${port}${path}`;
  let ready = false;
  for (let i = 0; i < 100 && !ready; i++) {
    ready = await fetch(url, { method: "POST" }).then(() => true, () => false);
    if (!ready) await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(ready, `the example server did not start: ${out.text}`);
  return { url, out };
}

test("README: the Node example verifies a genuine delivery and answers the code of a forged one", { timeout: 30_000 }, async (t) => {
  const { url, out } = await startExample(t, { dir: "readme-node", heading: "## Node", env: { INSIGNER_SECRET: SECRET }, path: "/hooks/insigner" });

  const d = sign({ provider: "insigner", secret: SECRET, event: "document.completed", timestamp: Math.floor(Date.now() / 1000) });
  const ok = await fetch(url, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(ok.status, 200);
  await new Promise((r) => setTimeout(r, 50));
  assert.match(out.text, /document\.completed /, "the example logs the verified event");

  const forged = new Uint8Array(d.body);
  forged[forged.length - 2] ^= 1;
  const bad = await fetch(url, { method: "POST", headers: d.headers, body: forged });
  assert.equal(bad.status, 401);
  assert.deepEqual(await bad.json(), { error: "signature_mismatch" });

  const missing = await fetch(url, { method: "POST", body: d.body });
  assert.equal(missing.status, 400);
  assert.deepEqual(await missing.json(), { error: "missing_header" });
});

test("README: the Cloudflare Worker example runs on workerd", { timeout: 120_000 }, async (t) => {
  process.env.WRANGLER_SEND_METRICS = "false";
  const dir = join(process.cwd(), "readme-worker");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "worker.mjs"), snippet("## Cloudflare Worker (JavaScript)"));
  writeFileSync(
    join(dir, "wrangler.toml"),
    'name = "hookguard-readme-worker"\nmain = "worker.mjs"\ncompatibility_date = "2026-04-01"\n[vars]\nINSPAKT_TOKEN = "tok_readme_example"\n',
  );
  const { unstable_startWorker } = await import(join(process.env.HOOKGUARD_ROOT, "node_modules/wrangler/wrangler-dist/cli.js"));
  const worker = await unstable_startWorker({
    config: join(dir, "wrangler.toml"),
    dev: { server: { hostname: "127.0.0.1", port: 0 }, inspector: false, logLevel: "warn" },
  });
  t.after(() => worker.dispose());
  await worker.ready;
  const d = sign({ provider: "inspakt", header: "X-Inspakt-Token", secret: "tok_readme_example", event: "envelope.finalized" });
  const ok = await worker.fetch("http://127.0.0.1/", { method: "POST", headers: d.headers, body: d.body });
  assert.equal(ok.status, 200);
  assert.equal(await ok.text(), "ok envelope.finalized");
  const wrong = await worker.fetch("http://127.0.0.1/", { method: "POST", headers: { "content-type": "application/json", "x-inspakt-token": "tok_wrong" }, body: d.body });
  assert.equal(wrong.status, 401);
  assert.deepEqual(await wrong.json(), { error: "token_mismatch" });
});

test("README: the provider table is the one the descriptors write (scripts/lib/provider-table.mjs)", async () => {
  const root = process.env.HOOKGUARD_ROOT;
  assert.ok(root, "HOOKGUARD_ROOT must point at the repository (scripts/test-npm.sh sets it)");
  const { providerTable, replaceTable } = await import(join(root, "scripts/lib/provider-table.mjs"));
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const table = providerTable(providers);
  assert.equal(readme, replaceTable(readme, table), "README.md's table is stale: run `node scripts/lib/provider-table.mjs --write` after `bash scripts/build-npm.sh`");
  for (const p of providers) assert.ok(table.includes("| `" + p.id + "` |"), p.id);
});

test("README: the fetch-style handler verifies a genuine delivery and answers a forged one 401", async () => {
  const dir = join(process.cwd(), "readme-fetch");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "handler.mjs"), snippet("## Fetch-style handlers"));
  const { default: worker } = await import(join(dir, "handler.mjs"));
  const env = { STRIPE_WEBHOOK_SECRET: "whsec_readme_fetch" };
  const d = sign({ provider: "stripe", secret: env.STRIPE_WEBHOOK_SECRET, event: "invoice.paid" });
  const logged = [];
  const log = console.log;
  console.log = (...a) => logged.push(a.join(" "));
  let ok, forged;
  try {
    ok = await worker.fetch(new Request("http://127.0.0.1/hooks/stripe", { method: "POST", headers: d.headers, body: d.body }), env);
    forged = await worker.fetch(new Request("http://127.0.0.1/hooks/stripe", { method: "POST", headers: d.headers, body: d.body + " " }), env);
  } finally {
    console.log = log;
  }
  assert.equal(ok.status, 200);
  assert.deepEqual(logged, [`verified invoice.paid ${JSON.parse(d.body).id}`]);
  assert.equal(forged.status, 401);
  assert.equal((await forged.json()).error.code, "signature_mismatch");
});

test("README: the Express example verifies a genuine delivery and answers a forged one 401", { timeout: 30_000 }, async (t) => {
  const secret = "github-readme-secret";
  const { url, out } = await startExample(t, { dir: "readme-express", heading: "## Express", env: { GITHUB_WEBHOOK_SECRET: secret }, path: "/hooks/github" });
  const d = sign({ provider: "github", secret, event: "push" });
  const ok = await fetch(url, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(ok.status, 200);
  await new Promise((r) => setTimeout(r, 50));
  assert.match(out.text, new RegExp(`verified push ${d.headers["x-github-delivery"]}`));
  const bad = await fetch(url, { method: "POST", headers: d.headers, body: d.body.replace("{", "{ ") });
  assert.equal(bad.status, 401);
  assert.equal((await bad.json()).error.code, "signature_mismatch");
});

test("README: the Fastify example verifies a genuine delivery and answers a forged one 401", { timeout: 30_000 }, async (t) => {
  const secret = "shopify-readme-secret";
  const { url, out } = await startExample(t, { dir: "readme-fastify", heading: "## Fastify", env: { SHOPIFY_WEBHOOK_SECRET: secret }, path: "/hooks/shopify" });
  const d = sign({ provider: "shopify", secret, event: "orders/create" });
  const ok = await fetch(url, { method: "POST", headers: d.headers, body: d.body });
  assert.equal(ok.status, 200);
  await new Promise((r) => setTimeout(r, 50));
  assert.match(out.text, new RegExp(`verified orders/create ${d.headers["x-shopify-webhook-id"]}`));
  const bad = await fetch(url, { method: "POST", headers: d.headers, body: d.body.replace("{", "{ ") });
  assert.equal(bad.status, 401);
  assert.equal((await bad.json()).error.code, "signature_mismatch");
});

test("README: the command-line example runs as written (npx hookguard: the installed binary)", async (t) => {
  const readme = readFileSync(join(process.cwd(), "node_modules/hookguard/README.md"), "utf8");
  const at = readme.indexOf("\n## Command line\n");
  assert.ok(at >= 0, "README has no Command line section");
  const script = /```sh\n([\s\S]*?)```/.exec(readme.slice(at))[1];
  assert.match(script, /npx hookguard sign .*--send http:\/\/127\.0\.0\.1:3000\//);
  const got = [];
  const server = (await import("node:http")).createServer((req, res) => {
    got.push(req.headers["stripe-signature"]);
    req.resume();
    req.on("end", () => res.writeHead(200).end("ok"));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  t.after(() => server.close());
  const bin = join(process.cwd(), "node_modules/.bin/hookguard");
  const runnable = script.replaceAll("npx hookguard", bin).replaceAll("http://127.0.0.1:3000", `http://127.0.0.1:${server.address().port}`);
  const dir = join(process.cwd(), "readme-cli");
  mkdirSync(dir, { recursive: true });
  const out = await new Promise((resolve, reject) => {
    const child = spawn("bash", ["-euo", "pipefail", "-c", runnable], { cwd: dir, env: { PATH: process.env.PATH }, stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.stderr.on("data", (d) => (text += d));
    child.on("close", (code) => (code === 0 ? resolve(text) : reject(new Error(`exit ${code}: ${text}`))));
  });
  assert.match(out, /^valid: Stripe invoice\.paid evt_/m);
  assert.match(out, /^200 OK\nok$/m);
  assert.match(out, /^stripe\s+Stripe\s+secret\s+HMAC-SHA256/m);
  assert.equal(got.length, 1);
  assert.match(got[0], /^t=\d+,v1=[0-9a-f]{64}$/);
});

test("README: the repository README's adapter and CLI examples are the package README's, byte for byte", () => {
  const root = process.env.HOOKGUARD_ROOT;
  assert.ok(root, "HOOKGUARD_ROOT must point at the repository (scripts/test-npm.sh sets it)");
  const repo = readFileSync(join(root, "README.md"), "utf8");
  const pkg = readFileSync(join(process.cwd(), "node_modules/hookguard/README.md"), "utf8");
  const block = (text, heading, lang) => {
    const at = text.indexOf(`\n${heading}\n`);
    assert.ok(at >= 0, `no "${heading}" section`);
    return new RegExp("```" + lang + "\\n([\\s\\S]*?)```").exec(text.slice(at))[1];
  };
  for (const [name, lang] of [["Fetch-style handlers", "js"], ["Next.js", "js"], ["Express", "js"], ["Fastify", "js"], ["Hono", "js"], ["Command line", "sh"]]) {
    assert.equal(block(repo, `### ${name}`, lang), block(pkg, `## ${name}`, lang), name);
  }
});
