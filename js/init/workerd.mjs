// Cloudflare Workers (workerd): runtime compilation from bytes is not allowed there, so the
// module is imported as a compiled WebAssembly.Module (wrangler bundles .wasm imports).
import { initSync } from "../wasm/hookguard.js";
import wasmModule from "../wasm/hookguard_bg.wasm";

initSync({ module: wasmModule });
