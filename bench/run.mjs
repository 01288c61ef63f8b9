#!/usr/bin/env node
// hookguard benchmarks: one run, side by side, written to bench/results/latest.json and turned
// into docs/BENCHMARKS.md (between the bench markers) and docs/bench-scaling.svg.
//
//   bash scripts/bench.sh            full run (about 4.5-5 minutes on 2 cores), on Node >= 22.12
//   bash scripts/bench.sh --quick    fewer, shorter rounds (about 1.5-2 minutes)
//   (or node bench/run.mjs … directly, with a Node >= 22.12 on PATH)
//   options: --build (run scripts/build-npm.sh first), --no-edge, --no-startup,
//            --no-breakdown, --no-families (skip the per-scheme-family section),
//            --probes (rebuild the probe build of bench/probes/build.sh),
//            --baseline <git-ref> (also time inSigner verify, every size and body shape, of
//              the package built at that ref, e.g. --baseline e0889a9, against this build in the same
//              processes, alternating in ~2 ms batches (bench/baseline.mjs): the target
//              "inSigner 256 B within 5 % of <ref>". The ref's package is built once with its
//              own scripts/build-npm.sh in a temporary git worktree under build/baseline-src/,
//              and its tarball cached by commit in build/baseline/<commit>/, so reruns only
//              install it; delete that directory to rebuild),
//            --out FILE (results file; default bench/results/latest.json)
//
// The package is benchmarked as a user gets it: the packed tarball build/npm/hookguard-*.tgz is
// installed into build/bench-node/ (a baseline's into build/bench-baseline/<commit>/) and
// imported from there. All network traffic stays on 127.0.0.1 and every load is bounded in
// count and time.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem, release, platform } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, brotliCompressSync, constants as zlibConstants } from "node:zlib";
import { makeBody, SECRET, EVENT, SIZES, SHAPES } from "./lib/fixtures.mjs";
import { FAMILY_SIZES } from "./lib/families.mjs";
import { summarizeBaseline } from "./lib/baseline-summary.mjs";
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
const option = (f) => {
  const i = argv.indexOf(f);
  if (i < 0) return null;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith("--")) {
    console.error(`bench: ${f} needs a value`);
    process.exit(2);
  }
  return v;
};
const outFile = option("--out") ?? join(root, "bench/results/latest.json");
const baselineRef = option("--baseline");
const log = (s) => process.stderr.write(s + "\n");
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;

// The baseline comparison decides a 5 % target: its own processes (the import order alternating),
// each of `baselineReps` rounds of `baselineSlices` alternations of ~2 ms batches per variant.
const config = quick
  ? { reps: 5, minMs: 40, warmMs: 40, processes: 5, breakdownReps: 3, breakdownMinMs: 40, familyReps: 5, baselineProcesses: 2, baselineReps: 8, baselineSlices: 10 }
  : { reps: 15, minMs: 60, warmMs: 80, processes: 11, breakdownReps: 7, breakdownMinMs: 60, familyReps: 15, baselineProcesses: 3, baselineReps: 21, baselineSlices: 20 };

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8", ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}
const sha256File = (f) => createHash("sha256").update(readFileSync(f)).digest("hex");

// ---- the package, as a user installs it -------------------------------------------------------

/** Installs a packed tarball into dir (once per tarball content) and returns its entry module. */
function installTarball(tgz, dir) {
  const tgzSha = sha256File(tgz);
  mkdirSync(dir, { recursive: true });
  const marker = join(dir, ".installed");
  if (!existsSync(marker) || readFileSync(marker, "utf8") !== tgzSha) {
    log(`installing ${relative(root, tgz)} into ${relative(root, dir)}/…`);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "hookguard-bench", private: true, type: "module" }, null, 2));
    sh("npm", ["install", "--no-audit", "--no-fund", "--no-save", "--silent", tgz], { cwd: dir });
    writeFileSync(marker, tgzSha);
  }
  // Resolved by Node from dir, exactly as in a user's project.
  writeFileSync(join(dir, "entry.mjs"), 'export * from "hookguard";\n');
  const pkgDir = join(dir, "node_modules/hookguard");
  return {
    tgz, tgzSha, entry: join(dir, "entry.mjs"), pkgDir,
    builtAt: statSync(tgz).mtime.toISOString(),
    version: JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).version,
  };
}

function preparePackage() {
  const npmDir = join(root, "build/npm");
  const find = () => (existsSync(npmDir) ? readdirSync(npmDir).filter((f) => /^hookguard-.*\.tgz$/.test(f)) : []);
  if (flag("--build") || find().length === 0) {
    log("building the npm package (scripts/build-npm.sh)…");
    sh("bash", ["scripts/build-npm.sh"], { stdio: ["ignore", "inherit", "inherit"] });
  }
  const tgzName = find()[0];
  if (!tgzName) throw new Error("no build/npm/hookguard-*.tgz: run bash scripts/build-npm.sh");
  return installTarball(join(npmDir, tgzName), join(root, "build/bench-node"));
}

/**
 * The npm package as it was at a git ref: built once by that checkout's own
 * scripts/build-npm.sh in a temporary git worktree (build/baseline-src/<commit>, removed after
 * the build), its tarball kept in build/baseline/<commit>/ so that a rerun only installs it.
 * The worktree borrows this checkout's node_modules (esbuild, binaryen) and .tools (Node), and
 * builds into one shared cargo target dir (build/baseline-target), so a second ref compiles
 * only what changed.
 */
function prepareBaseline(ref) {
  let commit;
  try {
    commit = sh("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).trim();
  } catch {
    throw new Error(`--baseline ${ref}: not a commit in this repository`);
  }
  const cache = join(root, "build/baseline", commit);
  const find = () => (existsSync(cache) ? readdirSync(cache).filter((f) => /^hookguard-.*\.tgz$/.test(f)) : []);
  if (find().length === 0) {
    const src = join(root, "build/baseline-src", commit.slice(0, 12));
    log(`building the baseline package at ${ref} (${commit.slice(0, 12)}) in ${relative(root, src)}/ (once; cached by commit)…`);
    // `git worktree remove` drops the worktree and its registration (only this one: no prune of
    // the repository's other worktrees); --force on add reuses a registration whose directory
    // an interrupted earlier run left missing.
    const dropWorktree = () => {
      if (existsSync(src)) spawnSync("git", ["worktree", "remove", "--force", src], { cwd: root, stdio: "ignore" });
      rmSync(src, { recursive: true, force: true });
    };
    dropWorktree();
    mkdirSync(dirname(src), { recursive: true });
    sh("git", ["worktree", "add", "--force", "--detach", "--quiet", src, commit]);
    try {
      if (!existsSync(join(root, "node_modules"))) throw new Error("no node_modules: run bash scripts/setup.sh");
      symlinkSync(join(root, "node_modules"), join(src, "node_modules"), "dir");
      const env = {
        ...process.env,
        HOOKGUARD_TOOLS: process.env.HOOKGUARD_TOOLS ?? join(root, ".tools"),
        CARGO_TARGET_DIR: join(root, "build/baseline-target"),
      };
      sh("bash", ["scripts/build-npm.sh"], { cwd: src, env, stdio: ["ignore", "inherit", "inherit"] });
      const built = readdirSync(join(src, "build/npm")).filter((f) => /^hookguard-.*\.tgz$/.test(f));
      if (built.length !== 1) throw new Error(`the baseline build left ${built.length} tarballs in build/npm`);
      mkdirSync(cache, { recursive: true });
      copyFileSync(join(src, "build/npm", built[0]), join(cache, built[0]));
      writeFileSync(join(cache, "source.json"), JSON.stringify({ ref, commit, builtAt: new Date().toISOString() }, null, 2) + "\n");
    } finally {
      dropWorktree();
    }
  }
  const pkg = installTarball(join(cache, find()[0]), join(root, "build/bench-baseline", commit.slice(0, 12)));
  return { ...pkg, ref, commit };
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
    art("npm .wasm for hookguard/verify, the verifier alone (dist/wasm/hookguard_verify_bg.wasm)", join(d, "dist/wasm/hookguard_verify_bg.wasm")),
    art("npm .wasm for hookguard, with sign() and explain() (dist/wasm/hookguard_bg.wasm)", join(d, "dist/wasm/hookguard_bg.wasm")),
    art("catalogue: descriptors, sample events, prose (dist/catalogue.mjs)", join(d, "dist/catalogue.mjs")),
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
  // The budgeted module is the verifier's (artifacts[0]); the anatomy is of the larger one.
  return { artifacts, wasm: artifacts[0], wasmAnatomy: anatomy };
}

/**
 * Whether the CPU has SHA-256 instructions (what node:crypto's OpenSSL uses, and what decides
 * how far it is ahead of the wasm SHA-256): x86 "sha_ni", Arm "sha2" in /proc/cpuinfo.
 */
function cpuSha() {
  let info;
  try {
    info = readFileSync("/proc/cpuinfo", "utf8");
  } catch {
    return { sha256: null, detail: "unknown (no /proc/cpuinfo)" };
  }
  const flags = new Set((info.match(/^(?:flags|Features)\s*:(.*)$/m)?.[1] ?? "").trim().split(/\s+/));
  const family = process.arch === "x64" || process.arch === "ia32" ? "x86" : process.arch.startsWith("arm") ? "arm" : process.arch;
  const sha256 = flags.has("sha_ni") || flags.has("sha2");
  const simd = ["avx2", "avx512f", "asimd", "neon"].filter((f) => flags.has(f));
  return {
    family, sha256,
    detail: `${sha256 ? "SHA-256 instructions" : "no SHA-256 instructions"} (${flags.has("sha_ni") ? "sha_ni" : flags.has("sha2") ? "sha2" : `no sha_ni/sha2 flag`})${simd.length ? `, ${simd.join(", ")}` : ""}`,
  };
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
// Built (or taken from its cache) before any timing: a failed build stops the run at once.
const basePkg = baselineRef ? prepareBaseline(baselineRef) : null;
const git = gitInfo();
const res = {
  machine: {
    cpu: cpus()[0]?.model ?? "unknown", cpuSha: cpuSha(), arch: process.arch, cores: cpus().length, memGB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`, node: process.versions.node, v8: process.versions.v8,
    date: new Date().toISOString(), mode: quick ? "--quick" : "full",
    loadavgStart: loadavg(), loadavgEnd: null,
    hookguardVersion: pkg.version, tarball: relative(root, pkg.tgz), tarballSha256: pkg.tgzSha, tarballBuiltAt: pkg.builtAt,
    gitCommit: git.commit, gitDirty: git.dirty,
  },
  config: { ...config, sizes: SIZES, shapes: SHAPES, familySizes: FAMILY_SIZES, baselineRef },
};
log(`hookguard ${pkg.version} from ${relative(root, pkg.tgz)} (built ${pkg.builtAt}); ${res.machine.cpu} (${res.machine.cpuSha.detail}), ${res.machine.cores} cores, Node ${res.machine.node}, load ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);

log(`[${elapsed()}] 1-2. verify in Node, ${SIZES.length} sizes x ${config.reps} rounds…`);
res.nodeVerify = runChild("node-verify.mjs", {
  entry: pkg.entry, reps: config.reps, minMs: config.minMs, warmMs: config.warmMs, sizes: SIZES, shapes: SHAPES,
  out: join(root, "build/bench-node/node-verify.json"),
}, "node-verify");

if (!flag("--no-families")) {
  log(`[${elapsed()}] 1b. per scheme family against its peer library, ${FAMILY_SIZES.length} sizes x ${config.familyReps} rounds…`);
  res.families = runChild("families.mjs", {
    entry: pkg.entry, reps: config.familyReps, minMs: config.minMs, warmMs: config.warmMs, sizes: FAMILY_SIZES,
    out: join(root, "build/bench-node/families.json"),
  }, "families");
}

if (basePkg) {
  const b = basePkg;
  log(`[${elapsed()}] 1c. against the package built at ${b.ref}, ${config.baselineProcesses} processes x ${config.baselineReps} rounds…`);
  const runs = [];
  for (let i = 0; i < config.baselineProcesses; i++) {
    runs.push(runChild("baseline.mjs", {
      entry: pkg.entry, baselineEntry: b.entry, baselineFirst: i % 2 === 1, ref: b.ref, commit: b.commit, sizes: SIZES, shapes: SHAPES,
      reps: config.baselineReps, slices: config.baselineSlices, sliceMs: 2, warmMs: config.warmMs,
      out: join(root, `build/bench-node/baseline-${i}.json`),
    }, `baseline-${i}`));
  }
  res.baseline = {
    ref: b.ref, commit: b.commit, baselineVersion: runs[0].baselineVersion, currentVersion: runs[0].currentVersion,
    processes: runs.length, reps: config.baselineReps, slices: config.baselineSlices, sliceMs: 2,
    tarball: relative(root, b.tgz), tarballSha256: b.tgzSha, tarballBuiltAt: b.builtAt, version: b.version,
    sizes: summarizeBaseline(runs),
  };
}

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
