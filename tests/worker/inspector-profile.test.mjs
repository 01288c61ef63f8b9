// The benchmark's CPU profiles (bench/lib/cpuprofile.mjs) go through `wrangler dev`'s inspector.
// wrangler 4.16x's inspector proxy refuses a WebSocket upgrade that carries no Origin header
// (400 "Expected `Origin` header"), and Node's own WebSocket sends none by default (the bench
// used the ws package before Node 22; neither sent one, and wrangler 4.86 did not ask). Pinned:
// a bare connection is refused, and the profiler, which names a loopback origin, gets a profile.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "./harness.mjs";
import { startWrangler } from "../../bench/edge.mjs";
import { profileDuring } from "../../bench/lib/cpuprofile.mjs";

test("wrangler dev's inspector: a WebSocket without Origin is refused; the bench's profiler connects and gets a CPU profile", { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "hookguard-inspector-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const envFile = join(dir, "ref.env");
  writeFileSync(envFile, `INSIGNER_SECRET=${"a".repeat(64)}\nORIGIN_URL=http://127.0.0.1:9/ref\n`);
  const w = await startWrangler(root, {
    name: "ref",
    config: join(root, "bench/ref-worker/wrangler.toml"),
    cwd: join(root, "bench/ref-worker"),
    envFile,
    persist: join(dir, "state"),
  });
  t.after(() => w.stop());

  const targets = await (await fetch(`http://127.0.0.1:${w.inspector}/json`)).json();
  const wsUrl = targets.find((x) => x.webSocketDebuggerUrl)?.webSocketDebuggerUrl;
  assert.ok(wsUrl, `no inspector target: ${JSON.stringify(targets)}`);
  const bare = await new Promise((resolve) => {
    const ws = new WebSocket(wsUrl);
    ws.addEventListener("open", () => (ws.close(), resolve("open")));
    ws.addEventListener("error", () => resolve("refused"));
  });
  assert.equal(bare, "refused", "the inspector accepted a WebSocket without Origin: the header in cpuprofile.mjs may no longer be needed");

  const pr = await profileDuring(w.inspector, async () => {
    for (let i = 0; i < 20; i++) await (await fetch(w.url, { method: "POST", body: "{}" })).arrayBuffer();
    return { requests: 20 };
  });
  assert.ok(pr.profile, `no profile: ${pr.why}`);
  assert.ok(pr.profile.nodes.length > 0 && pr.profile.samples.length > 0, "the profile has nodes and samples");
  assert.equal(pr.result.requests, 20);
});
