// In Node the package has node:crypto compute the inner hash of the HMAC of bodies from 1024
// bytes (the CPU's SHA instructions; js/init/node.mjs); the outer hash, every check and the
// constant-time comparison stay in wasm. Differential test: the same seeded corpus (every HMAC
// provider, random keys shorter and longer than a hash block, bodies from 0 to 300 KB across
// the threshold, genuine, one byte changed, the wrong key) signed and verified in a process
// where crypto.hash computes the digests, one where createHash does (crypto.hash removed), and
// one with HOOKGUARD_NODE_CRYPTO=0, where wasm computes every MAC: every signature and every
// outcome must be the same.
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
    const oneShot = run(seed, { HOOKGUARD_NODE_CRYPTO: "", HOOKGUARD_TEST_NO_ONE_SHOT: "" });
    const parts = run(seed, { HOOKGUARD_NODE_CRYPTO: "", HOOKGUARD_TEST_NO_ONE_SHOT: "1" });
    const wasm = run(seed, { HOOKGUARD_NODE_CRYPTO: "0" });
    assert.equal(wasm.hash + wasm.createHash, 0, "HOOKGUARD_NODE_CRYPTO=0 still called node:crypto");
    assert.equal(parts.hash, 0);
    const large = oneShot.deliveries.filter((d) => d.size >= 1024 && d.string && d.bodySigned).length;
    // A digest per large body signed and per verify of it (string, bytes, tampered, wrong
    // key): the host really computed them, by crypto.hash in the scratch buffer for at least
    // the string, byte and tampered verifies (the URL-signing providers' take createHash: their
    // request goes another way), and by createHash for all when crypto.hash is absent.
    assert.ok(oneShot.hash + oneShot.createHash >= large * 5, `node:crypto computed ${oneShot.hash} + ${oneShot.createHash} digests for ${large} large deliveries`);
    assert.ok(oneShot.hash >= large * 3, `crypto.hash computed ${oneShot.hash} digests for ${large} large deliveries`);
    assert.ok(parts.createHash >= large * 5, `createHash computed ${parts.createHash} digests for ${large} large deliveries`);
    for (const host of [oneShot, parts]) {
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
    }
  });
}
