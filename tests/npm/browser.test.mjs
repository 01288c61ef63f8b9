// The package's web entry in real headless Chromium: imported as an ES module (top-level await
// fetches the .wasm), every vector run in the page, no console errors, no foreign requests.
import test from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { loadCases, expectedFor } from "./vectors.mjs";
import { serve } from "./serve.mjs";
import { launch, closeBrowser } from "./chromium.mjs";

// Both entries: "hookguard" (dist/web/index.mjs, the full module) and "hookguard/verify"
// (dist/web/verify.mjs, the verifier alone), each in its own page.
for (const [entry, wasm, other, signs] of [
  ["index.mjs", "hookguard_bg.wasm", "hookguard_verify_bg.wasm", true],
  ["verify.mjs", "hookguard_verify_bg.wasm", "hookguard_bg.wasm", false],
]) {
test(`the web build (${entry}) verifies every vector in Chromium`, { timeout: 180_000 }, async (t) => {
  writeFileSync("index.html", `<!doctype html><link rel="icon" href="data:,"><title>hookguard browser test</title><p>ok</p>`);
  const server = await serve(process.cwd());
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => closeBrowser(browser));
  const page = await browser.newPage();
  const problems = [];
  const requests = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(server.url + "/");

  // Each case's outcome through this entry (the verifier alone refuses custom descriptors).
  const cases = loadCases().map((c) => {
    const e = expectedFor(c, !signs);
    return { ...c, bytes: [...c.bytes], want: e.ok ? `ok ${e.event} ${e.id} ${e.timestamp} ${e.keyIndex} ${JSON.stringify(e.acknowledgement)}` : e.code };
  });
  const result = await page.evaluate(async ({ cases, entry, signs }) => {
    const api = await import(`/node_modules/hookguard/dist/web/${entry}`);
    const failures = [];
    let runs = 0;
    for (const c of cases) {
      const want = c.want;
      const bodies = [new Uint8Array(c.bytes)];
      if (c.body_utf8 !== undefined) bodies.push(c.body_utf8);
      const shapes = [c.headers];
      if (!Object.values(c.headers).some((v) => /[\0\r\n]/.test(v))) shapes.push(new Headers(Object.entries(c.headers)));
      for (const headers of shapes) {
        for (const body of bodies) {
          let got;
          try {
            const r = new api.Verifier(c.options).verify(headers, body, { now: c.now, url: c.url, method: c.method });
            got = `ok ${r.event} ${r.id} ${r.timestamp} ${r.keyIndex} ${JSON.stringify(r.acknowledgement)}`;
          } catch (e) {
            got = e instanceof api.WebhookError ? e.code : `not a WebhookError: ${e}`;
          }
          runs++;
          if (got !== want) failures.push(`${c.file} / ${c.name}: got ${got}, want ${want}`);
        }
      }
    }
    if (!signs) {
      // The verifier alone: sign() and explain() say where they are.
      let code = "no error";
      try { api.sign({ provider: "stripe", secret: "s3cret" }); } catch (e) { code = e instanceof api.WebhookError ? e.code : `${e}`; }
      runs++;
      if (code !== "invalid_config") failures.push(`sign in ${entry}: ${code}`);
      return { failures, runs, ua: navigator.userAgent };
    }
    // Sign -> verify for every event, in the browser.
    for (const p of api.providers.filter((p) => p.events.length)) {
      const secret = p.auth.key === "whsec-base64" ? "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" : "s3cret";
      // Public-key providers (Discord, SendGrid): a pair from the page's crypto.getRandomValues.
      const pair = p.auth.publicKey ? api.generateKeyPair(p.id) : null;
      const opts = pair ? { provider: p.id, publicKey: pair.publicKey }
        : p.id === "inspakt" ? { provider: p.id, secret: "tok", header: "X-Tok" } : { provider: p.id, secret };
      const signWith = pair ? { provider: p.id, privateKey: pair.privateKey } : opts;
      for (const e of p.events) {
        // URL-signing providers sign the URL the delivery goes to; sign() says which to verify with.
        const url = p.auth.needsUrl ? "https://hooks.example.com/in?x=1" : undefined;
        const d = api.sign({ ...signWith, event: e.name, timestamp: 1780065000, url });
        const r = api.verify(opts, new Headers(d.headers), d.body, { now: 1780065000, url: d.url });
        runs++;
        if (r.event !== (p.eventSource ? e.name : null)) failures.push(`sign/verify ${p.id} ${e.name}`);
      }
    }
    return { failures, runs, ua: navigator.userAgent };
  }, { cases, entry, signs });

  assert.match(result.ua, /HeadlessChrome|Chrome/);
  assert.deepEqual(result.failures, []);
  assert.ok(result.runs >= cases.length * 2, `only ${result.runs} checks ran in the page`);
  assert.deepEqual(problems, []);
  assert.ok(requests.some((u) => u.endsWith(`/${wasm}`)), `the page fetched ${wasm}`);
  assert.ok(!requests.some((u) => u.endsWith(`/${other}`)), `the page did not fetch ${other}`);
  assert.deepEqual(requests.filter((u) => !u.startsWith(server.url)), [], "no request leaves the origin");
  console.log(`# chromium (${entry}): ${result.runs} checks in ${result.ua.match(/Chrome\/[\d.]+/)?.[0]}`);
});
}
