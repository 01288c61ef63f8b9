#!/usr/bin/env node
// hookguard benchmarks: one run, side by side, written to bench/results/latest.json and turned
// into docs/BENCHMARKS.md (between the bench markers) and docs/bench-scaling.svg.
//
//   bash scripts/bench.sh            full run (about 4-5 minutes on 2 cores), on Node >= 22.12
//   bash scripts/bench.sh --quick    fewer, shorter rounds (about 1-2 minutes)
//   (or node bench/run.mjs … directly, with a Node >= 22.12 on PATH)
//   options: --build (run scripts/build-npm.sh first), --no-edge, --no-startup,
//            --no-breakdown, --probes (rebuild the probe build of bench/probes/build.sh),
//            --out FILE (results file; default bench/results/latest.json)
//
// The package is benchmarked as a user gets it: the packed tarball build/npm/hookguard-*.tgz is
// installed into build/bench-node/ and imported from there. All network traffic stays on
// 127.0.0.1 and every load is bounded in count and time.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem, release, platform } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, brotliCompressSync, constants as zlibConstants } from "node:zlib";
import { makeBody, SECRET, EVENT, SIZES } from "./lib/fixtures.mjs";
import { measureStartup } from "./startup.mjs";
import { runEdge, workerBundleSize } from "./edge.mjs";
import { writeReport, evaluateTargets } from "./report.mjs";
import { headline, suggestions } from "./lib/findings.mjs";
import { analyzeWasm } from "./lib/wasm-sections.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The edge part starts wrangler 4.16x, which refuses Node < 22.12: say so at once, not minutes in.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`bench: Node ${process.version} is too old for the dev tooling (>= 22.12): run \`bash scripts/bench.sh\` (it brings Node 24)`);
  process.exit(1);
}
const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const quick = flag("--quick");
const outFile = argv.includes("--out") ? argv[argv.indexOf("--out") + 1] : join(root, "bench/results/latest.json");
const log = (s) => process.stderr.write(s + "\n");
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;

const config = quick
  ? { reps: 5, minMs: 40, warmMs: 40, processes: 5, breakdownReps: 3, breakdownMinMs: 40 }
  : { reps: 15, minMs: 60, warmMs: 80, processes: 11, breakdownReps: 7, breakdownMinMs: 60 };

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8", ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}
const sha256File = (f) => createHash("sha256").update(readFileSync(f)).digest("hex");

// ---- the package, as a user installs it -------------------------------------------------------

function preparePackage() {
  const npmDir = join(root, "build/npm");
  const find = () => (existsSync(npmDir) ? readdirSync(npmDir).filter((f) => /^hookguard-.*\.tgz$/.test(f)) : []);
  if (flag("--build") || find().length === 0) {
    log("building the npm package (scripts/build-npm.sh)…");
    sh("bash", ["scripts/build-npm.sh"], { stdio: ["ignore", "inherit", "inherit"] });
  }
  const tgzName = find()[0];
  if (!tgzName) throw new Error("no build/npm/hookguard-*.tgz: run bash scripts/build-npm.sh");
  const tgz = join(npmDir, tgzName);
  const tgzSha = sha256File(tgz);
  const dir = join(root, "build/bench-node");
  mkdirSync(dir, { recursive: true });
  const marker = join(dir, ".installed");
  if (!existsSync(marker) || readFileSync(marker, "utf8") !== tgzSha) {
    log(`installing ${tgzName} into build/bench-node/…`);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "hookguard-bench", private: true, type: "module" }, null, 2));
    sh("npm", ["install", "--no-audit", "--no-fund", "--no-save", "--silent", tgz], { cwd: dir });
    writeFileSync(marker, tgzSha);
  }
  // Resolved by Node from build/bench-node, exactly as in a user's project.
  writeFileSync(join(dir, "entry.mjs"), 'export * from "hookguard";\n');
  const pkgDir = join(dir, "node_modules/hookguard");
  return {
    tgz, tgzSha, entry: join(dir, "entry.mjs"), pkgDir,
    builtAt: statSync(tgz).mtime.toISOString(),
    version: JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).version,
  };
}

function runChild(script, cfg, name) {
  const cfgPath = join(root, `build/bench-node/${name}-config.json`);
  writeFileSync(cfgPath, JSON.stringify(cfg));
  const r = spawnSync(process.execPath, [join(root, "bench", script), cfgPath], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error(`bench/${script} failed`);
  return JSON.parse(readFileSync(cfg.out, "utf8"));
}

function sizesOf(pkg) {
  const art = (name, file) => {
    const b = readFileSync(file);
    return {
      name, file: relative(root, file), raw: b.length,
      gzip: gzipSync(b, { level: 9 }).length,
      brotli: brotliCompressSync(b, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  };
  const d = pkg.pkgDir;
  const artifacts = [
    art("npm .wasm (dist/wasm/hookguard_bg.wasm)", join(d, "dist/wasm/hookguard_bg.wasm")),
    art("wasm-bindgen glue (dist/wasm/hookguard.js)", join(d, "dist/wasm/hookguard.js")),
    art("API layer (dist/web/index.mjs)", join(d, "dist/web/index.mjs")),
    art("Node bundle: glue + API (dist/node/index.cjs)", join(d, "dist/node/index.cjs")),
  ];
  // Where the .wasm bytes go: sections, and the largest function bodies (named by their export
  // when they are one; the build has no name section).
  const wasmBytes = readFileSync(join(d, "dist/wasm/hookguard_bg.wasm"));
  const an = analyzeWasm(wasmBytes);
  const text = wasmBytes.toString("latin1");
  const anatomy = {
    sections: an.sections.filter((x) => x.bytes >= 1024),
    functions: an.functions.length,
    largest: [...an.functions].sort((a, b) => b.bytes - a.bytes).slice(0, 10).map((f) => ({ bytes: f.bytes, export: f.export ?? null })),
    // Hints for the size work: whole-text markers of code that the verify path does not need.
    markers: {
      "std::io::ErrorKind messages": text.includes("connection refused"),
      "serde_json error messages": text.includes("EOF while parsing"),
      "provider sample payloads (providers())": text.includes("Every signer has signed"),
    },
  };
  const tgz = statSync(pkg.tgz).size;
  artifacts.push({ name: `packed tarball (${relative(root, pkg.tgz)})`, raw: tgz, gzip: tgz, brotli: null });
  return { artifacts, wasm: artifacts[0], wasmAnatomy: anatomy };
}

function gitInfo() {
  try {
    const commit = sh("git", ["rev-parse", "--short", "HEAD"]).trim();
    const dirty = sh("git", ["status", "--porcelain", "--", "src", "js", "Cargo.toml", "scripts"]).trim() !== "";
    return { commit, dirty };
  } catch {
    return { commit: "unknown", dirty: false };
  }
}

// ---- the run ----------------------------------------------------------------------------------

const pkg = preparePackage();
const git = gitInfo();
const res = {
  machine: {
    cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, memGB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`, node: process.versions.node, v8: process.versions.v8,
    date: new Date().toISOString(), mode: quick ? "--quick" : "full",
    loadavgStart: loadavg(), loadavgEnd: null,
    hookguardVersion: pkg.version, tarball: relative(root, pkg.tgz), tarballSha256: pkg.tgzSha, tarballBuiltAt: pkg.builtAt,
    gitCommit: git.commit, gitDirty: git.dirty,
  },
  config: { ...config, sizes: SIZES },
};
log(`hookguard ${pkg.version} from ${relative(root, pkg.tgz)} (built ${pkg.builtAt}); ${res.machine.cpu}, ${res.machine.cores} cores, Node ${res.machine.node}, load ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);

log(`[${elapsed()}] 1-2. verify in Node, ${SIZES.length} sizes x ${config.reps} rounds…`);
res.nodeVerify = runChild("node-verify.mjs", {
  entry: pkg.entry, reps: config.reps, minMs: config.minMs, warmMs: config.warmMs, sizes: SIZES,
  out: join(root, "build/bench-node/node-verify.json"),
}, "node-verify");

const wasmDir = join(pkg.pkgDir, "dist/wasm");
if (!flag("--no-breakdown")) {
  const probeOut = join(root, "build/bench-scratch/out");
  if (flag("--probes") || (!existsSync(join(probeOut, "hookguard.js")) && !quick)) {
    log(`[${elapsed()}] probe build (bench/probes/build.sh)…`);
    const r = spawnSync("bash", [join(root, "bench/probes/build.sh")], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
    if (r.status !== 0) log("  probe build failed; the breakdown runs without probes");
  }
  const probeSource = existsSync(join(root, "build/bench-scratch/source-commit"))
    ? readFileSync(join(root, "build/bench-scratch/source-commit"), "utf8").trim().replace(/\n/g, " ")
    : null;
  res.breakdown = [];
  for (const size of [256, 65536]) {
    log(`[${elapsed()}] where the time goes at ${size} B…`);
    res.breakdown.push(runChild("breakdown.mjs", {
      entry: pkg.entry, glue: join(wasmDir, "hookguard.js"), wasm: join(wasmDir, "hookguard_bg.wasm"),
      probeGlue: join(probeOut, "hookguard.js"), probeWasm: join(probeOut, "hookguard_bg.wasm"),
      probeSource: probeSource && `bench/probes/build.sh on ${probeSource}`,
      size, reps: config.breakdownReps, minMs: config.breakdownMinMs, warmMs: config.warmMs,
      out: join(root, `build/bench-node/breakdown-${size}.json`),
    }, `breakdown-${size}`));
  }
}

log(`[${elapsed()}] 3. sizes…`);
res.sizes = sizesOf(pkg);
const wb = await workerBundleSize(root, log);
if (wb.missing) res.sizes.workerMissing = wb.missing;
else {
  res.sizes.worker = wb;
  res.sizes.artifacts.push({ name: "Rust worker upload bundle (wrangler deploy --dry-run)", raw: wb.raw, gzip: wb.gzip, brotli: null });
}

if (!flag("--no-startup")) {
  log(`[${elapsed()}] 3. start-up, ${config.processes} fresh processes per mode…`);
  const hg = await import(pkg.entry);
  const body = makeBody(2048);
  const now = 1_795_000_000;
  const id = JSON.parse(body).id;
  const d = hg.sign({ provider: "insigner", secret: SECRET, body, timestamp: now - 5, id, event: EVENT });
  res.startup = measureStartup({
    entry: pkg.entry, wasm: join(wasmDir, "hookguard_bg.wasm"), glue: join(wasmDir, "hookguard.js"),
    delivery: { headers: d.headers, body, now, id, secret: SECRET }, processes: config.processes,
    tmp: join(root, "build/bench-node"),
  });
}

if (!flag("--no-edge")) {
  log(`[${elapsed()}] 4. edge workers on workerd…`);
  const hg = await import(pkg.entry);
  try {
    res.edge = await runEdge({ root, hg, quick, log });
  } catch (e) {
    res.edge = { setup: "failed", workers: {}, notes: [`the edge run failed: ${String(e.message).slice(0, 800)}`] };
    log(`  edge run failed: ${e.message}`);
  }
}

res.machine.loadavgEnd = loadavg();
res.headline = headline(res);
res.suggestions = suggestions(res);
res.targets = evaluateTargets(res);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(res, null, 2) + "\n");
writeReport(res);
log(`[${elapsed()}] wrote ${relative(root, outFile)}, docs/BENCHMARKS.md, docs/bench-scaling.svg`);
for (const t of res.targets) log(`  ${t.met === null ? "n/a   " : t.met ? "met   " : "MISSED"}  ${t.target}: ${t.value}`);
