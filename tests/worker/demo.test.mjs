// The shipped demo configuration (wrangler.toml's ROUTES + .dev.vars.example) is valid, and the
// documented sample sender gets every event accepted and delivered. Only the origin URLs are
// pointed at this test's origin instead of the demo's fixed port.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { root, startOrigin, startWorker, waitFor } from "./harness.mjs";

const toml = readFileSync(`${root}/wrangler.toml`, "utf8");
const routesText = toml.match(/^ROUTES = '''([\s\S]*?)'''/m)[1];
const devVars = Object.fromEntries(
  readFileSync(`${root}/.dev.vars.example`, "utf8")
    .split("\n")
    .filter((l) => /^[A-Z_]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
);
const tomlVar = (name) => toml.match(new RegExp(`^${name} = "(.*)"$`, "m"))[1];

test("demo config + node demo/send-samples.mjs: 5 inSigner delivered, 9 Inspakt queued and delivered, replay duplicate", async () => {
  const origin = await startOrigin();
  const routes = JSON.parse(routesText).map((r) => ({ ...r, origin: origin.url + new URL(r.origin).pathname }));
  const worker = await startWorker({
    routes,
    vars: { ...devVars, QUEUE_RETRY_BASE_SECONDS: tomlVar("QUEUE_RETRY_BASE_SECONDS"), QUEUE_RETRY_MAX_SECONDS: tomlVar("QUEUE_RETRY_MAX_SECONDS") },
    originUrl: origin.url,
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
    await waitFor(() => origin.at("/inspakt").length >= 9, 15000);
    assert.equal(origin.at("/insigner").length, 5);
    assert.equal(origin.at("/inspakt").length, 9);
    const events = new Set(origin.received.map((r) => r.headers["x-hookguard-event"]));
    assert.equal(events.size, 14, "every event type arrived");
    for (const r of origin.received) assert.ok(r.headers["webhook-signature"], "the demo re-signs for the origin");
  } finally {
    await worker.dispose();
    await origin.close();
  }
});
