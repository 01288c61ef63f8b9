// "Copy as curl": the command the page builds is run with a real shell and curl, first against a
// server that records the exact bytes, then against the edge worker (started the way the worker's
// own tests start it: the built worker on workerd through Miniflare, with wrangler.toml's routes,
// the demo secrets of .dev.vars.example and a real origin on loopback). The worker must answer
// 2xx and the origin must receive the delivery.
//
// HOOKGUARD_WORKER_URL=http://127.0.0.1:8787 runs the worker part against an already running
// worker instead (scripts/dev.sh, which also serves the playground); then the 2xx is checked but
// not the origin (it is not ours to see).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT, browser, foreignRequests, openPlayground, server, tab, usePlayground } from "./helpers.mjs";
import { result, selectProvider } from "./ui.mjs";

const hookguard = await import(join(ROOT, "pkg/dist/node/index.mjs"));

function run(command, timeout = 20_000) {
  return new Promise((ok, fail) => {
    execFile("sh", ["-c", command], { timeout, maxBuffer: 4 << 20 }, (err, stdout, stderr) => {
      if (err) fail(new Error(`command failed (${err.code ?? err.signal}): ${stderr}\n${command}`));
      else ok(stdout);
    });
  });
}

/** The final HTTP status in curl -i output. */
function statusOf(output) {
  const all = [...output.matchAll(/^HTTP\/[\d.]+ (\d{3})/gm)];
  assert.ok(all.length, `no status line in curl's output:\n${output}`);
  return Number(all[all.length - 1][1]);
}

/** A loopback server that records each request's headers and exact body bytes. */
async function recorder() {
  const received = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(204).end();
    });
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}`, received, close: () => new Promise((ok) => server.close(ok)) };
}

function devVars() {
  const text = readFileSync(join(ROOT, ".dev.vars.example"), "utf8");
  return Object.fromEntries(
    text
      .split("\n")
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1).trim()]),
  );
}

function wranglerRoutes() {
  const toml = readFileSync(join(ROOT, "wrangler.toml"), "utf8");
  const m = toml.match(/^ROUTES\s*=\s*'''([\s\S]*?)'''/m);
  assert.ok(m, "wrangler.toml has no ROUTES = '''…''' block");
  return JSON.parse(m[1]);
}

usePlayground();

/** Generates a sample in the page and returns the curl command it shows for `url`. */
async function sampleCommand(page, { provider, event, url }) {
  await selectProvider(page, provider);
  if (event !== undefined) await page.selectOption("#event", event);
  await page.click("#generate");
  assert.equal((await result(page)).kind, "ok");
  await page.fill("#curl-url", url);
  await page.waitForFunction((u) => document.getElementById("curl-command").textContent.includes(u), url);
  return {
    command: await page.textContent("#curl-command"),
    body: await page.inputValue("#body"),
    secret: (await page.inputValue("#secrets")).split("\n")[0].trim(),
    header: await page.inputValue("#header-name"),
  };
}

describe("the curl command", () => {
  it("sends the exact bytes and headers: the received request verifies (inSigner and Inspakt)", async () => {
    const rec = await recorder();
    try {
      const { page } = tab;
      for (const [provider, event] of [
        ["insigner", "signer.completed"],
        ["inspakt", "recipient.declined-document"],
      ]) {
        const s = await sampleCommand(page, { provider, event, url: `${rec.url}/${provider}` });
        assert.match(s.command, /--data-binary '/);
        await run(s.command);
        const got = rec.received.at(-1);
        assert.equal(got.method, "POST");
        assert.equal(got.url, `/${provider}`);
        assert.equal(got.body.toString("utf8"), s.body, "the body arrived byte for byte");
        const options = provider === "insigner" ? { provider, secret: s.secret } : { provider, secret: s.secret, header: s.header };
        const verified = new hookguard.Verifier(options).verify(got.headers, got.body);
        assert.equal(verified.event, event);
      }
    } finally {
      await rec.close();
    }
  });

  it("keeps quotes, non-ASCII text and CR LF exact (base64 bodies go through base64 -d)", async () => {
    const rec = await recorder();
    try {
      const { page } = tab;
      await selectProvider(page, "insigner");
      await page.click("#generate");
      const tricky = (await page.inputValue("#body")).replace('"data":{', `"data":{"note":"it's \\"quoted\\" — naïve $HOME \`x\` \\\\ !",`);
      await page.fill("#body", tricky);
      await page.click("#resign");
      assert.equal((await result(page)).kind, "ok");
      await page.fill("#curl-url", `${rec.url}/q`);
      await page.waitForFunction(() => document.getElementById("curl-command").textContent.includes("/q'"));
      await run(await page.textContent("#curl-command"));
      assert.equal(rec.received.at(-1).body.toString("utf8"), tricky);

      const crlf = JSON.stringify(JSON.parse(tricky), null, 2).replace(/\n/g, "\r\n");
      await page.selectOption("#body-encoding", "base64");
      await page.fill("#body", Buffer.from(crlf).toString("base64"));
      await page.click("#resign");
      assert.equal((await result(page)).kind, "ok");
      await page.waitForFunction(() => document.getElementById("curl-command").textContent.includes("base64 -d"));
      await run(await page.textContent("#curl-command"));
      assert.deepEqual(rec.received.at(-1).body, Buffer.from(crlf));
      const secret = (await page.inputValue("#secrets")).split("\n")[0].trim();
      new hookguard.Verifier({ provider: "insigner", secret }).verify(rec.received.at(-1).headers, rec.received.at(-1).body);
    } finally {
      await rec.close();
    }
  });

  it("Copy curl puts the command on the clipboard", async () => {
    const { page } = tab;
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    await page.click("#generate");
    await page.click("#copy-curl");
    await page.waitForFunction(() => document.getElementById("copy-status").textContent !== "");
    assert.match(await page.textContent("#copy-status"), /^Copied/);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await page.textContent("#curl-command"));
  });
});

describe("the local edge worker accepts the copied command", () => {
  it("the page's defaults are the local worker's routes and demo secrets, for every route", async () => {
    const { page } = tab;
    const vars = devVars();
    const routes = wranglerRoutes();
    assert.ok(routes.length >= 2);
    for (const route of routes) {
      const provider = route.options.provider;
      await selectProvider(page, provider);
      assert.equal(await page.inputValue("#secrets"), vars[route.secretBinding], `${provider}: the demo secret (add it to DEMO_ROUTES in www/app.mjs)`);
      if (route.options.header !== undefined) assert.equal(await page.inputValue("#header-name"), route.options.header, `${provider}: the token header`);
      assert.equal(new URL(await page.inputValue("#curl-url")).pathname, route.path, `${provider}: the route's path`);
    }
  });

  it("every route: 2xx from the worker, and the origin receives the delivery", { timeout: 120_000 }, async () => {
    const { page } = tab;
    const routes = wranglerRoutes();
    const external = process.env.HOOKGUARD_WORKER_URL;
    let worker;
    let origin;
    let base = external?.replace(/\/$/, "");
    if (!external) {
      if (!existsSync(join(ROOT, "build/index.js"))) {
        assert.fail("build/index.js is missing: build the worker first (scripts/test-playground.sh does), or set HOOKGUARD_WORKER_URL");
      }
      const harness = await import(join(ROOT, "tests/worker/harness.mjs"));
      origin = await harness.startOrigin();
      // Inspakt confirmation (the demo route's confirm) is tested with its API stand-in in
      // tests/worker/confirm.test.mjs and demo.test.mjs; here only the copied command is at stake.
      const local = routes.map(({ confirm, ...r }) => ({ ...r, origin: origin.url + new URL(r.origin).pathname }));
      worker = await harness.startWorker({ routes: local, vars: devVars(), originUrl: origin.url });
      base = String(await worker.mf.ready).replace(/\/$/, "");
    }
    try {
      {
        // The worker serves the playground itself (wrangler.toml [assets] -> www/): it loads
        // there too, cleanly, and asks nothing of any other origin.
        const served = await openPlayground(browser.context, base);
        try {
          await served.page.click("#generate");
          assert.equal((await result(served.page)).kind, "ok");
          assert.deepEqual(foreignRequests(served.requests, base), [], "requests left the worker's origin");
          assert.deepEqual(served.problems, [], "console errors, warnings or page errors when served by the worker");
        } finally {
          await served.page.close();
        }
      }
      for (const route of routes) {
        const provider = route.options.provider;
        const descriptor = hookguard.providers.find((p) => p.id === provider);
        const event = descriptor.events[0]?.name;
        assert.ok(event, `${provider}: a demo route needs a sample event to send`);
        const s = await sampleCommand(page, { provider, event, url: base + route.path });
        const out = await run(s.command);
        const status = statusOf(out);
        assert.ok(status >= 200 && status < 300, `${provider}: the worker answered ${status}:\n${out}`);
        if (origin) {
          const path = new URL(route.origin).pathname;
          const deadline = Date.now() + 20_000; // queue mode forwards after the 202
          while (!origin.at(path).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
          const got = origin.at(path).at(-1);
          assert.ok(got, `${provider}: the origin received nothing at ${path} (mode ${route.mode})`);
          assert.equal(got.body.toString("utf8"), s.body, `${provider}: the origin got the exact body`);
          assert.equal(got.headers["x-hookguard-event"], event);
        }
      }
    } finally {
      await worker?.dispose();
      await origin?.close();
    }
  });
});
