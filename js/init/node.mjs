// Node: bundled to CommonJS (dist/node/index.cjs) so that both require() and import work, and
// both get the same instance (dist/node/index.mjs re-exports the CommonJS module).
import { initSync } from "../wasm/hookguard.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";

initSync({ module: readFileSync(join(__dirname, "..", "wasm", "hookguard_bg.wasm")) });
