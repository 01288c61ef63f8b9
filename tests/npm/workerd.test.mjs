// The package inside a JavaScript Worker on workerd (wrangler's unstable_startWorker): every
// vector goes through a real fetch into the worker.
import test from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadCases, UNSENDABLE, HEADERS_REFUSE, expectedFor } from "./vectors.mjs";

// Two Workers: one imports "hookguard" (the full module), one "hookguard/verify" (the verifier alone).
for (const [entry, config, signs] of [["hookguard", "wrangler.toml", true], ["hookguard/verify", "wrangler-verify.toml", false]]) {
test(`a JavaScript Worker on workerd verifies every vector with ${entry}`, { timeout: 240_000 }, async (t) => {
  process.env.WRANGLER_SEND_METRICS = "false";
  const { unstable_startWorker } = await import(join(process.env.HOOKGUARD_ROOT, "node_modules/wrangler/wrangler-dist/cli.js"));
  const worker = await unstable_startWorker({
    config: join(process.cwd(), "js-worker", config),
    dev: { server: { hostname: "127.0.0.1", port: 0 }, inspector: false, logLevel: "warn" },
  });
  t.after(() => worker.dispose());
  await worker.ready;
  const signed = await (await worker.fetch("http://127.0.0.1/sign")).json();
  assert.deepEqual(signed, signs ? { ok: true, event: "payment_intent.succeeded" } : { ok: false, code: "invalid_config" });
  const failures = [];
  const cases = loadCases();
  let sent = 0;
  for (const c of cases) {
    if (Object.values(c.headers).some((v) => UNSENDABLE.test(v))) {
      // HTTP cannot carry a control character in a header: the request never reaches the
      // worker (the case is covered in Node, where such values can be handed over directly).
      if (Object.values(c.headers).some((v) => HEADERS_REFUSE.test(v))) {
        assert.throws(() => new Headers(Object.entries(c.headers)), TypeError);
      } else {
        await assert.rejects(worker.fetch("http://127.0.0.1/verify", { method: "POST", headers: c.headers, body: c.bytes }));
      }
      continue;
    }
    sent++;
    const headers = new Headers(Object.entries(c.headers));
    headers.set("x-test-options", btoa(JSON.stringify(c.options)));
    headers.set("x-test-now", String(c.now));
    // The call options url and method, where the provider signs the request.
    if (c.url !== undefined) headers.set("x-test-url", c.url);
    if (c.method !== undefined) headers.set("x-test-method", c.method);
    const res = await worker.fetch("http://127.0.0.1/verify", { method: "POST", headers, body: c.bytes });
    const got = await res.json();
    const want = expectedFor(c, !signs);
    if (want.ok) want.payloadEvent = c.expect.event;
    // An empty header value does not survive the HTTP hop into workerd: it arrives absent, so
    // such a delivery is rejected as missing_header (400) instead of malformed_header or token_mismatch: still rejected.
    const emptyHeader = Object.values(c.headers).some((v) => v === "");
    if (emptyHeader && !c.expect.ok && got.code === "missing_header") want.code = "missing_header";
    try {
      assert.deepEqual(got, want);
      if (!c.expect.ok) assert.ok(res.status >= 400);
    } catch {
      failures.push(`${c.file} / ${c.name}: got ${JSON.stringify(got)} (${res.status})`);
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(sent >= cases.length - 5, `only ${sent} of ${cases.length} vectors were sent`);
  console.log(`# workerd: ${sent} deliveries verified through a JavaScript Worker importing ${entry}`);
});
}
