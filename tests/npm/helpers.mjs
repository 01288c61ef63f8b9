// Helpers the npm suites share (copied beside them into the scratch project by test-npm.sh).
// Runtime-neutral: runtimes.mjs runs them under Node, Bun and Deno too.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";

/** The first ```js block after `heading` in the README shipped in the installed tarball. */
export function readmeSnippet(heading) {
  const readme = readFileSync(join(process.cwd(), "node_modules/hookguard/README.md"), "utf8");
  const at = readme.indexOf(`\n${heading}\n`);
  assert.ok(at >= 0, `README has no "${heading}" section`);
  const m = /```js\n([\s\S]*?)```/.exec(readme.slice(at));
  assert.ok(m, `no js block under ${heading}`);
  return m[1];
}

/** A loopback port nothing listens on (yet). */
export async function freePort() {
  const s = http.createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * Another thread that flips the byte at `at` of `sab` (from offset 4; the first 4 bytes are the
 * stop flag) between "a" and "b" until stopped: shared memory changing under the verifier.
 * Resolves to `stop()`, which ends the thread.
 */
export async function startFlipper(sab, at) {
  const { Worker } = await import("node:worker_threads");
  const flipper = new Worker(
    `const { workerData: { sab, at } } = require("node:worker_threads");
     const stop = new Int32Array(sab, 0, 1), v = new Uint8Array(sab, 4);
     while (Atomics.load(stop, 0) === 0) v[at] = v[at] === 97 ? 98 : 97;`,
    { eval: true, workerData: { sab, at } },
  );
  await new Promise((r) => flipper.once("online", r));
  return async () => {
    Atomics.store(new Int32Array(sab, 0, 1), 0, 1);
    await flipper.terminate();
  };
}
