// The shipped demo configuration (wrangler.toml's ROUTES + .dev.vars.example) is valid, and the
// documented sample sender gets every event accepted and delivered. Only the origin URLs are
// pointed at this test's origin instead of the demo's fixed port.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { spawn } from "node:child_process";
import { root, startOrigin, startWorker, waitFor, freePort } from "./harness.mjs";

const toml = readFileSync(`${root}/wrangler.toml`, "utf8");
const routesText = toml.match(/^ROUTES = '''([\s\S]*?)'''/m)[1];
const devVars = Object.fromEntries(
  readFileSync(`${root}/.dev.vars.example`, "utf8")
    .split("\n")
    .filter((l) => /^[A-Z_]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
);
const tomlVar = (name) => toml.match(new RegExp(`^${name} = "(.*)"$`, "m"))[1];

test("demo config + node demo/send-samples.mjs: 5 inSigner delivered, 9 Inspakt queued, the 7 the envelope confirms delivered, replay duplicate", async (t) => {
  const origin = await startOrigin();
  // The demo origin itself (demo/origin.mjs) stands in for Inspakt's API, as in scripts/dev.sh.
  const apiPort = await freePort();
  const demoOrigin = spawn("node", ["demo/origin.mjs", "--port", String(apiPort)], {
    cwd: root,
    env: { ...process.env, INSPAKT_API_KEY: devVars.INSPAKT_API_KEY },
    stdio: ["ignore", "pipe", "inherit"],
  });
  t.after(() => demoOrigin.kill());
  let demoOut = "";
  demoOrigin.stdout.on("data", (d) => (demoOut += d));
  assert.ok(await waitFor(() => demoOut.includes("listening"), 10000), "the demo origin started");
  const logs = [];
  const routes = JSON.parse(routesText).map((r) => ({
    ...r,
    origin: origin.url + new URL(r.origin).pathname,
    // graceSeconds 0: contradictions stand at once here (the demo keeps the default 120 s).
    ...(r.confirm ? { confirm: { ...r.confirm, graceSeconds: 0, apiBase: `http://127.0.0.1:${apiPort}${new URL(r.confirm.apiBase).pathname}` } } : {}),
  }));
  assert.ok(routes.some((r) => r.confirm), "the demo's Inspakt route confirms with the API");
  const worker = await startWorker({
    routes,
    vars: { ...devVars, QUEUE_RETRY_BASE_SECONDS: tomlVar("QUEUE_RETRY_BASE_SECONDS"), QUEUE_RETRY_MAX_SECONDS: tomlVar("QUEUE_RETRY_MAX_SECONDS") },
    originUrl: origin.url,
    logs,
  });
  try {
    const url = (await worker.mf.ready).toString();
    const { stdout } = await promisify(execFile)("node", ["demo/send-samples.mjs", "--url", url], {
      cwd: root,
      env: { ...process.env, INSIGNER_SECRET: devVars.INSIGNER_SECRET, INSPAKT_TOKEN: devVars.INSPAKT_TOKEN },
      timeout: 120000,
    });
    const lines = stdout.trim().split("\n");
    assert.equal(lines.filter((l) => l.startsWith("200  insigner") && l.includes('"delivered"')).length, 5, stdout);
    assert.equal(lines.filter((l) => l.startsWith("202  inspakt") && l.includes('"queued"')).length, 9, stdout);
    assert.ok(lines.some((l) => l.includes('{"status":"duplicate"}')), stdout);
    // env_01hx is finalized at the stand-in API: envelope.voided and envelope.deleted contradict it.
    await waitFor(() => origin.at("/inspakt").length >= 7 && logs.filter((l) => l.includes('"outcome":"not_confirmed"')).length >= 2, 15000);
    assert.equal(origin.at("/insigner").length, 5);
    assert.equal(origin.at("/inspakt").length, 7);
    for (const r of origin.at("/inspakt")) assert.equal(r.headers["x-hookguard-confirmed"], "finalized");
    const refused = logs.filter((l) => l.includes('"outcome":"not_confirmed"')).map((l) => JSON.parse(l));
    assert.deepEqual(refused.map((l) => l.event).sort(), ["envelope.deleted", "envelope.voided"]);
    assert.ok(refused.every((l) => l.reason === "state_mismatch" || l.reason === "envelope_exists"));
    const events = new Set(origin.received.map((r) => r.headers["x-hookguard-event"]));
    assert.equal(events.size, 12, "every event type the envelope confirms arrived");
    assert.ok(!logs.some((l) => l.includes(devVars.INSPAKT_API_KEY)), "the API key is in no log line");
    for (const r of origin.received) assert.ok(r.headers["webhook-signature"], "the demo re-signs for the origin");
  } finally {
    await worker.dispose();
    await origin.close();
  }
});
