// Node: bundled to CommonJS (dist/node/index.cjs) so that both require() and import work, and
// both get the same instance (dist/node/index.mjs re-exports the CommonJS module).
import { initSync, setHostMac } from "../wasm/hookguard.js";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

initSync({ module: readFileSync(join(__dirname, "..", "wasm", "hookguard_bg.wasm")) });

// node:crypto's HMAC (OpenSSL, with the CPU's SHA instructions where it has them) computes the
// MAC of bodies from HOST_MAC_MIN_BYTES up: there it is faster than the SHA-2 code in wasm,
// call included (docs/BENCHMARKS.md). Only the MAC moves; the constant-time comparison and
// every other check stay in the core, which computes the MAC itself when this call throws.
// HOOKGUARD_NODE_CRYPTO=0 in the environment keeps every MAC in wasm.
const HOST_MAC_MIN_BYTES = 1536;
const ALGORITHMS = [undefined, "sha256", "sha1", "sha512"];
if (process.env.HOOKGUARD_NODE_CRYPTO !== "0") {
  setHostMac({
    mac(algorithm, key, prefix, body, suffix) {
      const h = createHmac(ALGORITHMS[algorithm], key);
      if (prefix.length > 0) h.update(prefix);
      h.update(body);
      if (suffix.length > 0) h.update(suffix);
      return h.digest();
    },
  }, HOST_MAC_MIN_BYTES);
}
