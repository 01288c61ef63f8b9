// Part 3 (start-up): fresh Node processes, median over several.
//   - cold WebAssembly.compile of the package's .wasm, then instantiation (the glue's initSync);
//   - time to first verify: process start -> `import "hookguard"` (and, separately, require())
//     -> new Verifier -> one verify;
//   - the same first verify with node:crypto, for reference.
// measureStartup() is used by bench/run.mjs; with --child this file is the measured process.

import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { summary } from "./lib/stats.mjs";

const self = fileURLToPath(import.meta.url);

async function child(mode, cfgPath) {
  const t0 = performance.now(); // ms since the process started (performance.timeOrigin)
  const cfg = JSON.parse(readFileSync(cfgPath, "utf8"));
  const out = { sinceProcessStartAtScript: t0 };
  if (mode === "compile") {
    const bytes = readFileSync(cfg.wasm);
    const glue = await import(pathToFileURL(cfg.glue).href);
    const a = performance.now();
    const module = await WebAssembly.compile(bytes);
    const b = performance.now();
    glue.initSync({ module });
    const c = performance.now();
    out.compileMs = b - a;
    out.instantiateMs = c - b;
  } else if (mode === "hookguard") {
    const a = performance.now();
    const hg = await import(pathToFileURL(cfg.entry).href);
    const b = performance.now();
    const v = new hg.Verifier({ provider: "insigner", secret: cfg.secret });
    const r = v.verify(cfg.headers, cfg.body, { now: cfg.now });
    const c = performance.now();
    if (r.id !== cfg.id) throw new Error("first verify failed");
    out.importMs = b - a;
    out.firstVerifyMs = c - b;
    out.totalSinceProcessStart = c;
  } else if (mode === "hookguard-require") {
    const { createRequire } = await import("node:module");
    const a = performance.now();
    const hg = createRequire(cfg.entry)("hookguard");
    const b = performance.now();
    const v = new hg.Verifier({ provider: "insigner", secret: cfg.secret });
    const r = v.verify(cfg.headers, cfg.body, { now: cfg.now });
    const c = performance.now();
    if (r.id !== cfg.id) throw new Error("first verify failed");
    out.importMs = b - a;
    out.firstVerifyMs = c - b;
    out.totalSinceProcessStart = c;
  } else if (mode === "node-crypto") {
    const a = performance.now();
    const { createHmac, timingSafeEqual } = await import("node:crypto");
    const b = performance.now();
    const sig = cfg.headers["x-insigner-signature"];
    const mac = createHmac("sha256", cfg.secret).update(cfg.body).digest();
    const ok = timingSafeEqual(mac, Buffer.from(sig.slice(7), "hex"));
    const env = JSON.parse(cfg.body);
    const c = performance.now();
    if (!ok || env.id !== cfg.id) throw new Error("first verify failed");
    out.importMs = b - a;
    out.firstVerifyMs = c - b;
    out.totalSinceProcessStart = c;
  }
  process.stdout.write(JSON.stringify(out));
}

/**
 * @param o { entry, wasm, glue, delivery: {headers, body, now, id, secret}, processes, tmp }
 */
export function measureStartup(o) {
  const cfgPath = `${o.tmp}/startup-config.json`;
  writeFileSync(cfgPath, JSON.stringify({ entry: o.entry, wasm: o.wasm, glue: o.glue, ...o.delivery }));
  const runs = { compile: [], hookguard: [], "hookguard-require": [], "node-crypto": [] };
  const wall = { hookguard: [], "hookguard-require": [], "node-crypto": [] };
  // Interleave the modes so that background load hits them alike.
  for (let i = 0; i < o.processes; i++) {
    for (const mode of Object.keys(runs)) {
      const t = performance.now();
      const r = spawnSync(process.execPath, [self, "--child", mode, cfgPath], { encoding: "utf8" });
      const w = performance.now() - t;
      if (r.status !== 0) throw new Error(`start-up child ${mode} failed: ${r.stderr}`);
      runs[mode].push(JSON.parse(r.stdout));
      if (wall[mode]) wall[mode].push(w);
    }
  }
  const pick = (mode, field) => summary(runs[mode].map((x) => x[field]));
  return {
    processes: o.processes,
    wasmCompileMs: pick("compile", "compileMs"),
    wasmInstantiateMs: pick("compile", "instantiateMs"),
    hookguard: {
      importMs: pick("hookguard", "importMs"),
      firstVerifyMs: pick("hookguard", "firstVerifyMs"),
      sinceProcessStartMs: pick("hookguard", "totalSinceProcessStart"),
      processWallMs: summary(wall.hookguard),
    },
    hookguardRequire: {
      importMs: pick("hookguard-require", "importMs"),
      firstVerifyMs: pick("hookguard-require", "firstVerifyMs"),
      sinceProcessStartMs: pick("hookguard-require", "totalSinceProcessStart"),
      processWallMs: summary(wall["hookguard-require"]),
    },
    nodeCrypto: {
      importMs: pick("node-crypto", "importMs"),
      firstVerifyMs: pick("node-crypto", "firstVerifyMs"),
      sinceProcessStartMs: pick("node-crypto", "totalSinceProcessStart"),
      processWallMs: summary(wall["node-crypto"]),
    },
  };
}

if (process.argv[2] === "--child") await child(process.argv[3], process.argv[4]);
