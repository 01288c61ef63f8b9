// Browsers and bundlers (Deno and Bun match the "node" export condition first and get the Node
// build): fetch and instantiate the wasm beside this file, once, before the API module evaluates
// (top-level await). After this, every call is synchronous.
import init from "../wasm/hookguard.js";

await init({ module_or_path: new URL("../wasm/hookguard_bg.wasm", import.meta.url) });
