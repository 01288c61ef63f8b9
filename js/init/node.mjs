// Node: bundled to CommonJS (dist/node/index.cjs) so that both require() and import work, and
// both get the same instance (dist/node/index.mjs re-exports the CommonJS module).
import { initSync, setHostDigest } from "../wasm/hookguard.js";
import * as crypto from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

initSync({ module: readFileSync(join(__dirname, "..", "wasm", "hookguard_bg.wasm")) });

// node:crypto (OpenSSL, with the CPU's SHA instructions where it has them) computes the inner
// hash of the HMAC of bodies from HOST_DIGEST_MIN_BYTES up: there it is faster than the SHA-2
// code in wasm, call included (docs/BENCHMARKS.md). The core passes the key's inner pad block,
// the signed prefix, the body and the signed suffix, and finishes the MAC with the outer pad
// itself; the constant-time comparison and every other check stay in the core, which computes
// the whole MAC when this call throws. When the body sits in the scratch buffer with room
// around it, the pad, prefix and suffix are written into that room and the one contiguous input
// is hashed by crypto.hash (one call, no hash object); otherwise a createHash gets the parts.
// HOOKGUARD_NODE_CRYPTO=0 in the environment keeps every MAC in wasm.
const HOST_DIGEST_MIN_BYTES = 1024;
const ALGORITHMS = [undefined, "sha256", "sha1", "sha512"];
// crypto.hash (Node >= 21.7, Bun, Deno) hashes one input in one call; without it, createHash.
const oneShot = typeof crypto.hash === "function";
if (process.env.HOOKGUARD_NODE_CRYPTO !== "0") {
  setHostDigest({
    digest(algorithm, innerPad, prefix, body, suffix, roomBefore, roomAfter) {
      const name = ALGORITHMS[algorithm];
      const head = innerPad.length + prefix.length;
      if (oneShot && head <= roomBefore && suffix.length <= roomAfter) {
        const all = new Uint8Array(body.buffer, body.byteOffset - head, head + body.length + suffix.length);
        all.set(innerPad, 0);
        all.set(prefix, innerPad.length);
        all.set(suffix, head + body.length);
        return crypto.hash(name, all, "buffer");
      }
      const h = crypto.createHash(name).update(innerPad);
      if (prefix.length > 0) h.update(prefix);
      h.update(body);
      if (suffix.length > 0) h.update(suffix);
      return h.digest();
    },
  }, HOST_DIGEST_MIN_BYTES);
}
