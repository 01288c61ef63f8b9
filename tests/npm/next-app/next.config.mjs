// The Next.js app the hookguard/next tests build and serve (tests/npm/next-adapter.test.mjs).
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

/** @type {import("next").NextConfig} */
export default {
  // hookguard's Node build loads its .wasm from beside itself: Next must require it from
  // node_modules rather than bundle it (bundled, the file is looked for in the wrong place).
  serverExternalPackages: ["hookguard"],
  // The scratch project (where next and hookguard are installed) is the workspace root.
  turbopack: { root: dirname(dirname(fileURLToPath(import.meta.url))) },
};
