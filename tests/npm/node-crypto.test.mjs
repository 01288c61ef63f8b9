// In Node the package has node:crypto compute the HMAC of bodies from 1536 bytes (the CPU's
// SHA instructions; js/init/node.mjs); every check and the constant-time comparison stay in
// wasm. Differential test: the same seeded corpus (every HMAC provider, random keys, bodies
// from 0 to 300 KB across the threshold, genuine, one byte changed, the wrong key) signed and
// verified in a process where node:crypto computes the MACs and in one with
// HOOKGUARD_NODE_CRYPTO=0, where wasm computes them all: every signature and every outcome
// must be the same.
import test from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";

function run(seed, env) {
  const out = execFileSync(process.execPath, ["node-crypto-child.mjs", String(seed)], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  return JSON.parse(out);
}

for (const seed of [1, 2, 3]) {
  test(`node:crypto and wasm MACs give the same signatures and outcomes (corpus ${seed})`, () => {
    const host = run(seed, { HOOKGUARD_NODE_CRYPTO: "" });
    const wasm = run(seed, { HOOKGUARD_NODE_CRYPTO: "0" });
    assert.equal(wasm.hmacs, 0, "HOOKGUARD_NODE_CRYPTO=0 still called node:crypto");
    const large = host.deliveries.filter((d) => d.size >= 1536 && d.string).length;
    // At least one HMAC per large body signed and per verify of it (string, bytes, tampered,
    // wrong key): the host really computed them.
    assert.ok(host.hmacs >= large * 4, `node:crypto computed ${host.hmacs} HMACs for ${large} large deliveries`);
    assert.equal(host.deliveries.length, wasm.deliveries.length);
    let genuine = 0;
    for (const [i, h] of host.deliveries.entries()) {
      assert.deepEqual(h, wasm.deliveries[i], `${h.provider} at ${h.size} bytes`);
      if (!h.string) continue;
      if (h.string.ok) {
        genuine++;
        assert.deepEqual(h.bytes, h.string, `${h.provider} at ${h.size} bytes: string and bytes`);
        if (h.tampered && h.bodySigned) assert.ok(!h.tampered.ok, `${h.provider} at ${h.size} bytes: a changed byte passed`);
        assert.notEqual(h.wrongKey, "valid", `${h.provider}: the wrong key passed`);
      }
    }
    // Every HMAC provider's genuine deliveries verify at every size (not a comparison of two
    // equal failures).
    assert.ok(genuine >= host.deliveries.length * 0.9, `only ${genuine} of ${host.deliveries.length} genuine deliveries verified`);
  });
}
