// The README's main-job command, for real: `bash scripts/dev.sh` starts wrangler dev (workerd)
// with the demo configuration, the demo origin and the playground; the documented one-liner
// `node demo/send-samples.mjs` gets every sample accepted; stopping the script (a SIGTERM to it
// alone) stops everything it started. Fixed loopback ports 8787 and 8788, as documented.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { spawn, execFile } from "node:child_process";
import { promisify } from "node:util";
import net from "node:net";
import { root, waitFor } from "./harness.mjs";

const portFree = (port) =>
  new Promise((resolve) => {
    const s = net.createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });

test("bash scripts/dev.sh: worker + demo origin + playground; send-samples accepted; SIGTERM stops all", { timeout: 420_000 }, async (t) => {
  for (const port of [8787, 8788]) {
    assert.ok(await portFree(port), `port ${port} is taken: stop the running scripts/dev.sh first`);
  }
  const dev = spawn("bash", ["scripts/dev.sh"], {
    cwd: root,
    detached: true, // own process group, so the cleanup below can reach every child
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" },
  });
  let out = "";
  dev.stdout.on("data", (d) => (out += d));
  dev.stderr.on("data", (d) => (out += d));
  const exited = new Promise((r) => dev.once("exit", (code, signal) => r({ code, signal })));
  t.after(() => {
    try {
      process.kill(-dev.pid, "SIGKILL");
    } catch {}
  });

  const healthy = await waitFor(
    () => fetch("http://127.0.0.1:8787/healthz").then((r) => r.ok, () => false),
    360_000,
    500,
  );
  assert.ok(healthy, `the worker never answered /healthz:\n${out.slice(-3000)}`);
  const health = await (await fetch("http://127.0.0.1:8787/healthz")).json();
  assert.equal(health.status, "ok");
  assert.equal(health.routes, 2);

  const page = await fetch("http://127.0.0.1:8787/");
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<title>[^<]*hookguard/i, "the playground is served at /");

  const started = Date.now() - 1000;
  const { stdout } = await promisify(execFile)("node", ["demo/send-samples.mjs"], { cwd: root, timeout: 120_000 });
  const lines = stdout.trim().split("\n");
  assert.equal(lines.filter((l) => l.startsWith("200  insigner") && l.includes('"delivered"')).length, 5, stdout);
  assert.equal(lines.filter((l) => l.startsWith("202  inspakt") && l.includes('"queued"')).length, 9, stdout);
  assert.ok(lines.some((l) => l.includes('{"status":"duplicate"}')), stdout);
  // The demo origin prints what it receives: every inSigner event, and the queued Inspakt ones.
  for (const e of ["document.completed", "signer.completed", "bulk_send.failed", "envelope.created", "recipient.declined-document"]) {
    assert.ok(await waitFor(() => out.includes(e), 20_000), `the origin did not print ${e}`);
  }
  // The Inspakt route confirms each event with the demo origin's stand-in API: the sample
  // envelope is finalized, so what arrives says so, and envelope.voided never arrives.
  assert.ok(await waitFor(() => out.includes('"api":"inspakt"') && out.includes('"confirmed":"finalized"'), 20_000), "the Inspakt events were confirmed");
  assert.ok(!/"event":"envelope\.voided"[^\n]*"confirmed"/.test(out), "envelope.voided was not forwarded");

  // The operator page, and the deliveries in its API with the demo admin token (.dev.vars).
  const admin = await fetch("http://127.0.0.1:8787/_hookguard/");
  assert.equal(admin.status, 200);
  assert.match(await admin.text(), /<title>[^<]*hookguard/i);
  const token = readFileSync(`${root}/.dev.vars`, "utf8").match(/^HOOKGUARD_ADMIN_TOKEN=(.+)$/m)?.[1];
  assert.ok(token, ".dev.vars has the demo admin token");
  const listed = await waitFor(async () => {
    const r = await fetch("http://127.0.0.1:8787/_hookguard/api/deliveries?limit=200", { headers: { authorization: `Bearer ${token}` } });
    const { deliveries } = await r.json();
    const since = deliveries.filter((d) => Date.parse(d.receivedAt) >= started);
    return since.filter((d) => d.route === "/hooks/insigner").length >= 5 && since.filter((d) => d.route === "/hooks/inspakt").length >= 9 && since;
  }, 20_000, 500);
  assert.ok(listed, "the samples are in the delivery log");

  process.kill(dev.pid, "SIGTERM"); // the script alone, as a process manager would
  let timer;
  const end = await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 20_000, null)))]);
  clearTimeout(timer);
  assert.ok(end, "scripts/dev.sh did not exit on SIGTERM");
  for (const port of [8787, 8788]) {
    assert.ok(await waitFor(() => portFree(port), 15_000), `port ${port} still in use after dev.sh exited: a server was left running`);
  }
});
