// Turns a results file into docs/BENCHMARKS.md (only the block between the bench markers is
// rewritten: other sections, such as the worker engineer's, are kept) and docs/bench-scaling.svg.
//   node bench/report.mjs [bench/results/latest.json]

import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ratio } from "./lib/ratio.mjs";
import { sizeLabel } from "./lib/fixtures.mjs";

export { ratio };

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";

// ---- formatting --------------------------------------------------------------------------------

const fmtInt = (n) => (n == null || !Number.isFinite(n) ? "n/a" : Math.round(n).toLocaleString("en-US"));
function fmtOps(n) {
  if (n == null || !Number.isFinite(n)) return "n/a";
  if (n >= 100_000) return `${Math.round(n / 1000)}k`;
  if (n >= 10_000) return `${(n / 1000).toFixed(1)}k`;
  if (n >= 1000) return `${(n / 1000).toFixed(2)}k`;
  return n >= 100 ? `${Math.round(n)}` : n.toFixed(1);
}
function fmtNs(n) {
  if (n == null || !Number.isFinite(n)) return "n/a";
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} ms`;
  if (n >= 10_000) return `${Math.round(n / 1000)} µs`;
  if (n >= 1000) return `${(n / 1000).toFixed(2)} µs`;
  return `${Math.round(n)} ns`;
}
const fmtMs = (n, d = 2) => (n == null || !Number.isFinite(n) ? "n/a" : `${n.toFixed(d)} ms`);
const fmtKB = (n) => (n == null ? "n/a" : `${(n / 1024).toFixed(1)} KB`);
const fmtX = (n) => (n == null || !Number.isFinite(n) ? "n/a" : `${n.toFixed(2)}x`);
const pct = (n, d = 0) => (n == null || !Number.isFinite(n) ? "n/a" : `${n.toFixed(d)} %`);
const spread = (r) => (r ? `±${(r.spreadPct / 2).toFixed(0)} %` : "");

// ---- targets -----------------------------------------------------------------------------------

const PRIMARY = "hookguard-verifier-string";
const PRIMARY_BYTES = "hookguard-verifier-bytes";

export function evaluateTargets(res) {
  const t = [];
  const nv = res.nodeVerify;
  const at = (size, key) => nv?.sizes.find((s) => s.size === size)?.results[key]?.opsPerSec;
  if (nv) {
    const s0 = nv.sizes[0];
    const r = ratio(s0, PRIMARY, "node-crypto");
    const rb = ratio(s0, PRIMARY_BYTES, "node-crypto");
    t.push({
      target: `>= 1.5x node:crypto at ${s0.size} B (same checks)`,
      met: r >= 1.5,
      value: `${fmtX(r)} (string body), ${fmtX(rb)} (Uint8Array); vs HMAC-only node:crypto ${fmtX(ratio(s0, PRIMARY, "node-crypto-mac-only"))}`,
    });
    // Issue 16: at least node:crypto + JSON.parse with the same checks, every size, both shapes.
    const shapes = nv.byShape ?? { envelope: nv.sizes };
    const behind = [];
    let least = Infinity;
    for (const [shape, rows] of Object.entries(shapes)) {
      for (const s of rows) {
        const q = ratio(s, PRIMARY, "node-crypto");
        least = Math.min(least, q);
        if (!(q >= 1.0)) behind.push(`${shape} ${s.label} ${fmtX(q)} (Uint8Array ${fmtX(ratio(s, PRIMARY_BYTES, "node-crypto"))})`);
      }
    }
    t.push({
      target: `Node: >= 1.0x node:crypto + JSON.parse (same checks) at every size, ${Object.keys(shapes).join(" and ")} bodies`,
      met: behind.length === 0,
      value: behind.length ? `below: ${behind.join("; ")}` : `smallest ratio ${fmtX(least)} (string body)`,
    });
    const rivals = Object.entries(nv.implementations).filter(([, i]) => i.group === "purejs" || i.group === "webcrypto");
    const misses = [];
    let worst = Infinity;
    for (const s of nv.sizes) {
      for (const [key, info] of rivals) {
        const q = ratio(s, PRIMARY, key);
        worst = Math.min(worst, q);
        if (!(q > 1)) misses.push(`${info.name} at ${s.label} (${fmtX(q)})`);
      }
    }
    t.push({
      target: "ahead of every pure-JS and WebCrypto verifier at every size",
      met: misses.length === 0,
      value: misses.length ? `behind or level: ${misses.join("; ")}` : `smallest lead ${fmtX(worst)}`,
    });
    const big = nv.sizes.filter((s) => s.size >= 65536);
    const ratios = big.map((s) => ({ label: s.label, r: ratio(s, PRIMARY, "ceiling-wasm-sha256"), rb: ratio(s, PRIMARY_BYTES, "ceiling-wasm-sha256") }));
    t.push({
      target: "within 10 % of the wasm SHA-256 ceiling from 64 KB up",
      met: ratios.every((x) => x.r >= 0.9),
      value: ratios.map((x) => `${x.label}: ${pct(x.r * 100)} (string), ${pct(x.rb * 100)} (Uint8Array) of the ceiling`).join("; "),
    });
  }
  const bdL = (Array.isArray(res.breakdown) ? res.breakdown : []).filter((b) => b.size >= 65536).at(-1);
  const jv = bdL?.steps.find((x) => x.name === "probe JSON validation, long-string body");
  if (bdL) {
    const env = bdL.steps.find((x) => x.name === "probe JSON validation, whole document (body)");
    t.push({
      target: "JSON validation >= 1.5 GB/s on long strings (wasm)",
      met: jv ? bdL.size / jv.ns >= 1.5 : null,
      value: jv
        ? `${(bdL.size / jv.ns).toFixed(2)} GB/s on a ${fmtKB(bdL.size)} long-string body (best round ${(bdL.size / jv.min).toFixed(2)})` +
          (env ? `; the envelope of the same size ${(bdL.size / env.ns).toFixed(2)} GB/s` : "")
        : "not measured (no probe build)",
    });
  }
  const bl = res.baseline;
  if (bl) {
    const ref = bl.ref === bl.commit.slice(0, bl.ref.length) ? bl.ref : `${bl.ref} (${bl.commit.slice(0, 7)})`;
    const row = (n) => bl.sizes.find((s) => (s.shape ?? "envelope") === "envelope" && s.size === n);
    const r256 = row(256)?.paired.string;
    const rr = row(256)?.paired.stringRounds;
    const r2k = row(2048)?.paired.string;
    t.push({
      target: `inSigner 256 B within 5 % of ${ref}`,
      met: r256 ? r256.median >= 0.95 : null,
      value: r256
        ? `this build ${fmtX(r256.median)} the ${bl.ref} build (median of ${r256.n} paired batch ratios` +
          (rr ? `; per-round medians ${fmtX(rr.q1)}–${fmtX(rr.q3)} middle half, ${fmtX(rr.min)}–${fmtX(rr.max)} range` : "") +
          `; reused Verifier, string body, alternating in the same processes)` + (r2k ? `; 2 KB: ${fmtX(r2k.median)}` : "")
        : "not measured",
    });
  }
  const e = res.edge;
  if (e && e.workers?.rust && e.workers?.ref) {
    const pf = e.paired?.forward;
    const rr = pf ? pf.rps.median : e.workers.rust.rps.median / e.workers.ref.rps.median;
    const p99r = e.workers.rust.p99Ms.median;
    const p99j = e.workers.ref.p99Ms.median;
    const pr = e.paired?.reject;
    t.push({
      target: "worker >= 1.0x the reference JS worker's throughput, with lower p99",
      met: rr >= 1.0 && p99r < p99j,
      value: `${fmtX(rr)} req/s (median of per-round ratios${pf ? `, rounds ${pf.rps.samples.map((v) => v.toFixed(2)).join(", ")}` : ""}); p99 ${fmtMs(p99r, 1)} vs ${fmtMs(p99j, 1)} (verify + claim + forward)` +
        (pr ? `; verification only (401): ${fmtX(pr.rps.median)} req/s, p99 ${fmtMs(e.reject.rust.p99Ms.median, 1)} vs ${fmtMs(e.reject.ref.p99Ms.median, 1)}` : ""),
    });
    // Issue 16: the same comparison at every body size the edge part measures.
    const sized = edgeRowsBySize(e).filter((x) => x.paired);
    if (sized.length > 2) {
      t.push({
        target: `worker >= 1.0x the reference JS worker at ${[...new Set(sized.map((x) => sizeLabel(x.size)))].join(", ")} (forwarding and verification only)`,
        met: sized.every((x) => x.paired.rps.median >= 1.0),
        value: sized.map((x) => `${sizeLabel(x.size)} ${x.scenario === "forward" ? "forward" : "verify only"} ${fmtX(x.paired.rps.median)}`).join("; "),
      });
    }
  } else {
    t.push({
      target: "worker >= 1.0x the reference JS worker's throughput, with lower p99",
      met: null,
      value: e?.rustMissing ? `not measured: ${e.rustMissing}` : "not measured",
    });
  }
  const sz = res.sizes;
  if (sz) {
    t.push({
      target: "npm .wasm (hookguard/verify, every provider) <= 70 KB gzip",
      met: sz.wasm.gzip <= 70 * 1024,
      value: `${fmtKB(sz.wasm.gzip)} gzip (${fmtKB(sz.wasm.raw)} raw)`,
    });
    t.push({
      target: "worker upload <= 160 KB gzip",
      met: sz.worker ? sz.worker.gzip <= 160 * 1024 : null,
      value: sz.worker ? `${fmtKB(sz.worker.gzip)} gzip (${fmtKB(sz.worker.raw)} raw)` : `TODO: ${sz.workerMissing}`,
    });
  }
  return t;
}

// ---- chart -------------------------------------------------------------------------------------

const COLORS = {
  "hookguard-verifier-string": "#d62728",
  "hookguard-verifier-bytes": "#ff7f0e",
  "hookguard-oneshot-string": "#e377c2",
  "hookguard-oneshot-bytes": "#bcbd22",
  "node-crypto": "#1f77b4",
  "node-crypto-mac-only": "#17becf",
  webcrypto: "#2ca02c",
  noble: "#9467bd",
  standardwebhooks: "#8c564b",
  svix: "#7f7f7f",
  stripe: "#393b79",
  octokit: "#637939",
  "ceiling-wasm-sha256": "#000000",
};

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function scalingSvg(res) {
  const nv = res.nodeVerify;
  const W = 980, H = 520, L = 70, R = 390, T = 50, B = 60;
  const pw = W - L - R, ph = H - T - B;
  const sizes = nv.sizes.map((s) => s.size);
  const keys = Object.keys(nv.implementations);
  const all = nv.sizes.flatMap((s) => keys.map((k) => s.results[k]?.MBps).filter((v) => v > 0));
  const yMin = Math.pow(10, Math.floor(Math.log10(Math.min(...all))));
  const yMax = Math.pow(10, Math.ceil(Math.log10(Math.max(...all))));
  const x = (size) => L + (pw * (Math.log(size) - Math.log(sizes[0]))) / (Math.log(sizes.at(-1)) - Math.log(sizes[0]));
  const y = (v) => T + ph - (ph * (Math.log10(v) - Math.log10(yMin))) / (Math.log10(yMax) - Math.log10(yMin));
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${L}" y="24" font-size="15" font-weight="bold">Webhook verification throughput in Node against body size (MB/s of body, log scales)</text>`);
  out.push(`<text x="${L}" y="40" fill="#555">${esc(`median of ${nv.sizes[0].results[PRIMARY].reps} rounds; ${res.machine.cpu}, ${res.machine.cores} cores, Node ${res.machine.node}, ${res.machine.date.slice(0, 10)}`)}</text>`);
  // grid
  for (let d = yMin; d <= yMax * 1.0001; d *= 10) {
    for (const m of [1, 2, 5]) {
      const v = d * m;
      if (v > yMax * 1.0001) break;
      const yy = y(v).toFixed(1);
      out.push(`<line x1="${L}" x2="${L + pw}" y1="${yy}" y2="${yy}" stroke="${m === 1 ? "#ccc" : "#eee"}"/>`);
      out.push(`<text x="${L - 6}" y="${(+yy + 4).toFixed(1)}" text-anchor="end" fill="#444">${v >= 1 ? v : v.toFixed(1)}</text>`);
    }
  }
  for (const s of nv.sizes) {
    const xx = x(s.size).toFixed(1);
    out.push(`<line x1="${xx}" x2="${xx}" y1="${T}" y2="${T + ph}" stroke="#ddd"/>`);
    out.push(`<text x="${xx}" y="${T + ph + 18}" text-anchor="middle" fill="#444">${esc(s.label)}</text>`);
  }
  out.push(`<rect x="${L}" y="${T}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
  out.push(`<text x="${L + pw / 2}" y="${H - 18}" text-anchor="middle">body size</text>`);
  out.push(`<text transform="translate(18 ${T + ph / 2}) rotate(-90)" text-anchor="middle">MB/s of body verified (= ops/s x size)</text>`);
  // series
  keys.forEach((k, i) => {
    const info = nv.implementations[k];
    const pts = nv.sizes.filter((s) => s.results[k]?.MBps > 0).map((s) => [x(s.size), y(s.results[k].MBps)]);
    const color = COLORS[k] ?? `hsl(${(i * 47) % 360},60%,40%)`;
    const hg = info.group === "hookguard";
    const dash = info.group === "ceiling" ? ' stroke-dasharray="6 4"' : info.async ? ' stroke-dasharray="2 3"' : "";
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="${hg ? 3 : 1.6}"${dash} points="${pts.map((p) => p.map((v) => v.toFixed(1)).join(",")).join(" ")}"/>`);
    for (const [px, py] of pts) out.push(`<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="${hg ? 3.5 : 2.5}" fill="${color}"/>`);
    const ly = T + 8 + i * 20;
    out.push(`<line x1="${L + pw + 16}" x2="${L + pw + 44}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="${hg ? 3 : 1.6}"${dash}/>`);
    out.push(`<text x="${L + pw + 50}" y="${ly + 4}">${esc(info.name)}</text>`);
  });
  const ly = T + 8 + keys.length * 20 + 10;
  out.push(`<text x="${L + pw + 16}" y="${ly}" fill="#555">thick: hookguard; dotted: awaited (async) API;</text>`);
  out.push(`<text x="${L + pw + 16}" y="${ly + 16}" fill="#555">dashed: raw SHA-256 of the same wasm build</text>`);
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}

// ---- markdown ----------------------------------------------------------------------------------

export function markdown(res) {
  const m = res.machine;
  const nv = res.nodeVerify;
  const lines = [];
  const p = (s = "") => lines.push(s);
  p(START);
  p(`<!-- Generated by \`node bench/run.mjs\` from bench/results/latest.json (${m.date}); edit bench/report.mjs, not this block. -->`);
  p();
  p(`Measured ${m.date.slice(0, 16).replace("T", " ")} UTC on ${m.cpu} (${m.cpuSha ? `${m.cpuSha.detail}, ` : ""}${m.cores} cores, ${m.os}), Node ${m.node}, hookguard ${m.hookguardVersion} from \`${m.tarball}\` (sha256 ${m.tarballSha256.slice(0, 12)}…), repo at ${m.gitCommit}${m.gitDirty ? " (working tree had uncommitted changes)" : ""}. Mode: ${m.mode}. Load average at start ${m.loadavgStart.map((x) => x.toFixed(1)).join(" / ")}, at end ${m.loadavgEnd.map((x) => x.toFixed(1)).join(" / ")}: other builds shared the machine, so each number is the median of several interleaved rounds and the spread is shown.`);
  p();
  const baseCmd = res.baseline ? ` --baseline ${res.baseline.ref}` : "";
  p(`Reproduce: \`bash scripts/build-npm.sh && bash scripts/bench.sh${baseCmd}\` (on Node >= 22.12, Node 24 from \`.tools/\` when the machine's is older; about 7 minutes on 2 cores, 10 with \`--baseline\` (its first build included); \`bash scripts/bench.sh --quick\` about 3; \`--no-edge\`, \`--no-startup\`, \`--no-breakdown\`, \`--no-families\` skip parts, \`--build\` rebuilds the package first, \`--probes\` rebuilds the probe build; \`--baseline <git-ref>\` (e.g. \`--baseline e0889a9\`) also builds the npm package of that commit with its own \`scripts/build-npm.sh\` in a temporary git worktree under \`build/baseline-src/\` (the first time only: the tarball is cached by commit in \`build/baseline/\`), installs it beside this one and times inSigner verify of both in the same interleaved rounds; \`node bench/report.mjs\` only regenerates this page from the results file). The package is the packed tarball installed into \`build/bench-node/\` and imported from there, as a user gets it. Loads go to 127.0.0.1 only and are bounded in count and time.`);
  p();
  p("How to read the numbers: ops/s are medians of interleaved rounds (every implementation runs once per round, the order rotating), so background load shifts all of them alike within a round; ratios are the median of the per-round ratios. Under load, awaited APIs suffer most: Node runs WebCrypto HMAC jobs on the libuv thread pool, so each awaited call waits for a thread and a turn of the event loop.");
  p();

  // headline
  if (res.headline) {
    p("### Headline");
    p();
    for (const h of res.headline) p(`- ${h}`);
    p();
  }

  // targets
  p("### Targets");
  p();
  p("| target | status | measured |");
  p("|---|---|---|");
  for (const t of evaluateTargets(res)) {
    p(`| ${t.target} | ${t.met === null ? "not measured" : t.met ? "met" : "**missed**"} | ${t.value} |`);
  }
  p();
  if (res.targetNotes?.length) {
    for (const n of res.targetNotes) p(`- ${n}`);
    p();
  }

  if (nv) {
    const sizes = nv.sizes;
    p("### Verify in Node: operations per second");
    p();
    p(`Valid inSigner-shaped deliveries (compact JSON envelopes, \`data\` padded with an audit trail to the exact byte size, a few non-ASCII characters). Before timing, each implementation was checked to accept its genuine delivery and to reject a copy with one body byte changed. Median of ${sizes[0].results[PRIMARY].reps} interleaved rounds of ≥ ${res.config.minMs} ms each (± is half the min–max range of the rounds). In parentheses: the median over rounds of the ratio to node:crypto with the same checks measured in the same round (paired ratios cancel most of the background load, which moves all implementations in a round alike).`);
    p();
    const opsTable = (rows) => {
      p(`| implementation | ${rows.map((s) => s.label).join(" | ")} | JSON.parse of the body |`);
      p(`|---|${rows.map(() => "--:").join("|")}|---|`);
      for (const [k, info] of Object.entries(nv.implementations)) {
        const cells = rows.map((s) => {
          const r = s.results[k];
          if (!r?.opsPerSec) return "n/a";
          return `${fmtOps(r.opsPerSec)} ${spread(r)} (${fmtX(ratio(s, k, "node-crypto"))})`;
        });
        const name = info.group === "hookguard" ? `**${info.name}**` : info.name;
        p(`| ${name} | ${cells.join(" | ")} | ${info.jsonParse} |`);
      }
      p();
    };
    opsTable(sizes);
    const longRows = nv.byShape?.["long-string"];
    if (longRows?.length) {
      p("The same implementations on bodies that are one long JSON string (the same `id`, `event`, `api_version` and `created_at` fields, then `data`: words and spaces, no escapes, to the exact size), where JSON validation is cheapest and the MAC is nearly all the work:");
      p();
      opsTable(longRows);
    }
    p("Body throughput (MB/s) and share of the wasm SHA-256 ceiling (paired per round, median):");
    p();
    p(`| implementation | ${sizes.map((s) => s.label).join(" | ")} |`);
    p(`|---|${sizes.map(() => "--:").join("|")}|`);
    for (const k of ["hookguard-verifier-string", "hookguard-verifier-bytes", "node-crypto", "webcrypto", "noble", "ceiling-wasm-sha256"]) {
      const info = nv.implementations[k];
      if (!info) continue;
      p(`| ${info.name} | ${sizes.map((s) => `${s.results[k].MBps.toFixed(1)} (${pct(ratio(s, k, "ceiling-wasm-sha256") * 100)})`).join(" | ")} |`);
    }
    p();
    p("![throughput against body size](bench-scaling.svg)");
    p();
    p("What each one does (the work differs, so read the table with this):");
    p();
    for (const info of Object.values(nv.implementations)) p(`- **${info.name}**: ${info.does}.`);
    p();
    p("The peer libraries each verify their own scheme (Standard Webhooks/Svix: HMAC over `id.timestamp.body`, base64; Stripe: HMAC over `timestamp.body`, hex; GitHub: HMAC over the body, hex), given a genuine delivery of the same body bytes, so the HMAC work matches within a few bytes, while hookguard verifies inSigner here: for like against like, see the per-family section below. Their timestamps are checked against the real clock (their APIs take no `now`).");
    p();
  }

  if (res.families) familiesSection(res, p);
  if (res.baseline) baselineSection(res, p);

  const bds = Array.isArray(res.breakdown) ? res.breakdown : res.breakdown ? [res.breakdown] : [];
  if (bds.length) {
    p(`### Where the time goes (${bds.map((b) => `${b.size} B`).join(" and ")})`);
    p();
    p(`Each step timed on its own in one process, median ns per call of ${bds[0].reps} interleaved rounds (± half the min–max range), and the best round (closest to the uncontended cost). "raw" calls go straight to the package's wasm-bindgen exports (a second instance of the same .wasm); "probe" rows come from a scratch build of the same core with extra exports (\`bench/probes/build.sh\`${bds[0].probeBuild ? `, here: ${bds[0].probeBuild.replace(/^bench\/probes\/build.sh on /, "")}` : ""}) and price changes the package does not have yet.`);
    p();
    p(`| step | ${bds.map((b) => `${b.size} B: median ± | best round`).join(" | ")} | note |`);
    p(`|---|${bds.map(() => "--:|--:").join("|")}|---|`);
    for (const s of bds[0].steps) {
      const cells = bds.map((b) => {
        const t = b.steps.find((x) => x.name === s.name);
        return t ? `${fmtNs(t.ns)} ±${(t.spreadPct / 2).toFixed(0)} % | ${fmtNs(t.min)}` : "n/a | n/a";
      });
      p(`| ${s.name} | ${cells.join(" | ")} | ${s.note ?? ""} |`);
    }
    p();
  }

  const st = res.startup;
  const sz = res.sizes;
  if (sz || st) {
    p("### Size and start-up");
    p();
    if (sz) {
      p("| artifact | raw | gzip -9 | brotli |");
      p("|---|--:|--:|--:|");
      for (const a of sz.artifacts) p(`| ${a.name} | ${fmtKB(a.raw)} | ${fmtKB(a.gzip)} | ${fmtKB(a.brotli)} |`);
      if (!sz.worker) p(`| worker bundle | TODO | TODO | TODO: ${sz.workerMissing} |`);
      p();
      const an = sz.wasmAnatomy;
      if (an) {
        p(`Where the default entry's .wasm's ${fmtKB(sz.artifacts[1].raw)} go: ${an.sections.map((x) => `${x.name} ${fmtKB(x.bytes)}`).join(", ")}; ${an.functions} functions. Largest function bodies (after inlining; named when exported): ${an.largest.map((f) => `${fmtKB(f.bytes)}${f.export ? ` \`${f.export}\`` : ""}`).join(", ")}. Present in the data: ${Object.entries(an.markers).map(([k, v]) => `${k}: ${v ? "yes" : "no"}`).join("; ")}. \`signRaw\` and \`rawverifier_explain\` are not in hookguard/verify's module.`);
        p();
      }
    }
    if (st) {
      p(`Fresh Node processes, median of ${st.processes} (± half the range):`);
      p();
      p("| step | hookguard | node:crypto |");
      p("|---|--:|--:|");
      const c = (s) => `${fmtMs(s.median)} ±${((s.max - s.min) / 2).toFixed(2)}`;
      p(`| cold \`WebAssembly.compile\` of the .wasm | ${c(st.wasmCompileMs)} | |`);
      p(`| instantiate (glue \`initSync\` with the compiled module) | ${c(st.wasmInstantiateMs)} | |`);
      p(`| \`import\` of the package / of node:crypto | ${c(st.hookguard.importMs)} | ${c(st.nodeCrypto.importMs)} |`);
      if (st.hookguardRequire) p(`| \`require("hookguard")\` instead (from an ES module, via createRequire) | ${c(st.hookguardRequire.importMs)} | |`);
      p(`| first verify (new Verifier + verify of a 2 KB delivery) | ${c(st.hookguard.firstVerifyMs)} | ${c(st.nodeCrypto.firstVerifyMs)} |`);
      p(`| process start to first result | ${c(st.hookguard.sinceProcessStartMs)} | ${c(st.nodeCrypto.sinceProcessStartMs)} |`);
      p(`| whole process (spawn to exit) | ${c(st.hookguard.processWallMs)} | ${c(st.nodeCrypto.processWallMs)} |`);
      p();
    }
  }

  const e = res.edge;
  if (e) {
    p("### Edge worker on workerd: verify + forward under local load");
    p();
    p(`Loopback only: ${e.setup}`);
    p();
    p("This compares the two workers on the same local stack (wrangler dev, workerd, miniflare's local Durable Object storage, one machine shared with the load generator); it is not a prediction of production latency, where the replay store and the origin are remote.");
    p();
    const rows = [];
    for (const [scenario, set] of [["verify + claim + forward (200)", e.workers], ["verify only: tampered body (401)", e.reject]]) {
      for (const w of Object.values(set ?? {})) rows.push([scenario, w]);
    }
    if (rows.length) {
      p("| scenario | worker | req/s | p50 | p99 | unexpected statuses | requests |");
      p("|---|---|--:|--:|--:|--:|--:|");
      for (const [scenario, w] of rows) {
        p(`| ${scenario} | ${w.name} | ${fmtInt(w.rps.median)} ±${((w.rps.max - w.rps.min) / 2).toFixed(0)} | ${fmtMs(w.p50Ms.median, 1)} | ${fmtMs(w.p99Ms.median, 1)} | ${w.errors} | ${w.requests} |`);
      }
      p();
      if (e.workers?.rust && e.workers?.ref) {
        const r = e.workers.rust, j = e.workers.ref;
        const pf = e.paired?.forward?.rps.median ?? r.rps.median / j.rps.median;
        const pr = e.paired?.reject?.rps.median ?? (e.reject?.rust ? e.reject.rust.rps.median / e.reject.ref.rps.median : NaN);
        p(`Rust/JS (median of the per-round ratios): ${fmtX(pf)} the throughput with p99 ${fmtMs(r.p99Ms.median, 1)} vs ${fmtMs(j.p99Ms.median, 1)} (forwarding)` +
          (e.reject?.rust && e.reject?.ref ? `; ${fmtX(pr)} with p99 ${fmtMs(e.reject.rust.p99Ms.median, 1)} vs ${fmtMs(e.reject.ref.p99Ms.median, 1)} (verification only).` : "."));
        p();
      }
    }
    if (e.bySize?.length) {
      p("Every body size, Rust worker against the reference (the 2 KB rows are the rounds above; the others are rounds of their own, fewer requests each):");
      p();
      p("| body | scenario | Rust req/s | reference req/s | Rust/JS (paired rounds) | Rust p99 | reference p99 |");
      p("|--:|---|--:|--:|--:|--:|--:|");
      for (const x of edgeRowsBySize(e)) {
        const r = x.workers?.rust, j = x.workers?.ref;
        if (!r || !j) continue;
        p(`| ${sizeLabel(x.size)} | ${x.scenario === "forward" ? "verify + claim + forward (200)" : "verify only (401)"} | ${fmtInt(r.rps.median)} | ${fmtInt(j.rps.median)} | ${x.paired ? fmtX(x.paired.rps.median) : "n/a"} | ${fmtMs(r.p99Ms.median, 1)} | ${fmtMs(j.p99Ms.median, 1)} |`);
      }
      p();
    }
    if (e.profile) {
      const cats = new Set();
      const cols = [];
      for (const [scenario, set] of Object.entries(e.profile)) {
        for (const [key, pr] of Object.entries(set)) {
          cols.push({ label: `${key === "rust" ? "Rust" : "JS ref"}, ${scenario}`, pr });
          Object.keys(pr.msPerRequest).forEach((c) => cats.add(c));
        }
      }
      p("Where each worker's CPU goes on the verification-only path (V8 sampling profiler through the wrangler dev inspector, one extra batch per worker of rejected deliveries; ms of sampled CPU per request and share). The profiler slows the isolate down, so compare the shares more than the absolute numbers:");
      p();
      p(`| category | ${cols.map((c) => c.label).join(" | ")} |`);
      p(`|---|${cols.map(() => "--:").join("|")}|`);
      for (const c of cats) p(`| ${c} | ${cols.map((x) => `${(x.pr.msPerRequest[c] ?? 0).toFixed(2)} (${pct(((x.pr.msPerRequest[c] ?? 0) / x.pr.busyMsPerRequest) * 100)})`).join(" | ")} |`);
      p(`| **total sampled** | ${cols.map((x) => `**${x.pr.busyMsPerRequest.toFixed(2)}**`).join(" | ")} |`);
      p();
    }
    if (e.rustMissing) {
      p(`**TODO (Rust worker not measured):** ${e.rustMissing}`);
      p();
    }
    if (e.notes?.length) {
      for (const n of e.notes) p(`- ${n}`);
      p();
    }
  }

  if (res.suggestions?.length) {
    p("### Measured suggestions for speed");
    p();
    for (const s of res.suggestions) p(`- ${s}`);
    p();
  }
  p(END);
  return lines.join("\n");
}

// ---- per scheme family -------------------------------------------------------------------------

function familiesSection(res, p) {
  const fams = res.families.families;
  const sizes = res.families.sizes;
  const label = (n) => res.families.families.find((f) => f.sizes.length)?.sizes.find((s) => s.size === n)?.label ?? `${n} B`;
  p("### Per scheme family: hookguard's provider against the peer library for it");
  p();
  const reps = fams.find((f) => f.sizes.length)?.sizes[0];
  const anyReps = reps && Object.values(reps.results)[0]?.reps;
  p(`Like for like: for each family, every implementation is given the same genuine delivery (the same body bytes and signature header values, signed by the peer library's own signer, or for Slack by node:crypto from the documented scheme, never by hookguard), and each was checked to accept it and to reject a copy with one body byte changed before timing. hookguard is a reused \`Verifier\` with a string body and no \`now\` (it reads the clock, as the peers do). Median ops/s of ${anyReps ?? "n/a"} interleaved rounds of ≥ ${res.config.minMs} ms (± half the min–max range); "hookguard ÷" is the median of the per-round ratios of hookguard's ops/s to that row's (above 1: hookguard is faster); node:crypto does hookguard's checks by hand.`);
  p();
  // At a glance.
  const glance = [];
  for (const f of fams) {
    if (f.notMeasured || !f.sizes.length) continue;
    for (const [h, o] of f.pairs ?? [["hookguard", "peer"]]) {
      const cells = sizes.map((n) => {
        const row = f.sizes.find((s) => s.size === n);
        return row?.paired[h]?.[o] ? fmtX(row.paired[h][o].median) : "n/a";
      });
      const nodeCells = sizes.map((n) => {
        const row = f.sizes.find((s) => s.size === n);
        return row?.paired[h]?.["node-crypto"] ? fmtX(row.paired[h]["node-crypto"].median) : "n/a";
      });
      glance.push(`| ${f.name} | ${f.implementations[h].name} | ${f.implementations[o].name} | ${cells.join(" | ")} | ${nodeCells.join(" | ")} |`);
    }
  }
  if (glance.length) {
    p(`| family | hookguard | peer | ${sizes.map((n) => `÷ peer ${label(n)}`).join(" | ")} | ${sizes.map((n) => `÷ node:crypto ${label(n)}`).join(" | ")} |`);
    p(`|---|---|---|${sizes.map(() => "--:").join("|")}|${sizes.map(() => "--:").join("|")}|`);
    for (const g of glance) p(g);
    const absent = fams.filter((f) => f.notMeasured);
    for (const f of absent) p(`| ${f.name} | not measured: ${f.notMeasured} | ${f.peer} | ${sizes.map(() => "").join(" | ")} | ${sizes.map(() => "").join(" | ")} |`);
    p();
  }
  for (const f of fams) {
    p(`#### ${f.name}`);
    p();
    if (f.notMeasured) {
      p(`Not measured: ${f.notMeasured}. (The row compares hookguard's provider with ${f.peer} and node:crypto; it appears once the installed package lists the provider.)`);
      p();
      continue;
    }
    p(`Delivery: ${f.delivery}.`);
    p();
    const hgKeys = Object.keys(f.implementations).filter((k) => f.implementations[k].group === "hookguard");
    const primary = hgKeys[0];
    p(`| implementation | ${f.sizes.map((s) => s.label).join(" | ")} | JSON | timestamp | MAC compare |`);
    p(`|---|${f.sizes.map(() => "--:").join("|")}|---|---|---|`);
    for (const [k, info] of Object.entries(f.implementations)) {
      const cells = f.sizes.map((s) => {
        const r = s.results[k];
        if (!r) return s.failed?.[k] ? `not measured: ${s.failed[k]}` : "n/a";
        if (info.group === "hookguard") return `${fmtOps(r.opsPerSec)} ${spread(r)}`;
        // The hookguard API for the same header spelling (Svix's), else the family's first.
        const pair = (f.pairs ?? []).find(([, o]) => o === k);
        const h = pair ? pair[0] : primary;
        const q = s.paired[h]?.[k];
        return `${fmtOps(r.opsPerSec)} ${spread(r)} (hookguard ÷ ${q ? fmtX(q.median) : "n/a"})`;
      });
      const name = info.group === "hookguard" ? `**${info.name}**` : info.name;
      p(`| ${name} | ${cells.join(" | ")} | ${info.json} | ${info.timestamp} | ${info.compare} |`);
    }
    p();
    for (const info of Object.values(f.implementations)) p(`- **${info.name}**: ${info.does}.`);
    p();
  }
}

// ---- against a baseline build ------------------------------------------------------------------

function baselineSection(res, p) {
  const bl = res.baseline;
  const r0 = bl.sizes[0];
  p(`### This build against ${bl.ref}`);
  p();
  p(`hookguard's inSigner verify (reused \`Verifier\`, fixed \`now\`) from this run's tarball and from the tarball built at ${bl.ref} (commit ${bl.commit.slice(0, 12)}, hookguard ${bl.baselineVersion}, \`${bl.tarball}\`, sha256 ${bl.tarballSha256.slice(0, 12)}…), installed side by side in separate directories and timed together in ${bl.processes ?? 1} fresh process${(bl.processes ?? 1) > 1 ? "es (which package is imported first alternates)" : ""}: ${bl.reps} rounds each (after a warm-up and two discarded rounds), each of ${bl.slices} passes in which every variant runs one batch of about ${bl.sliceMs} ms, the order alternating between passes, so the two builds see the same background load to within milliseconds. Ratio: the median of the ${r0.paired.string.n} paired batch ratios this ÷ ${bl.ref} (a batch that lost the CPU to another process moves it no more than any one sample); beside it, the spread of the same median taken round by round. ops/s: median over batches.`);
  p();
  p(`| body | this build | ${bl.ref} | this ÷ ${bl.ref} (string) | per-round medians: middle half | range | this ÷ ${bl.ref} (Uint8Array) | per-round middle half |`);
  p("|---|--:|--:|--:|--:|--:|--:|--:|");
  for (const s of bl.sizes) {
    const a = s.results["current-string"], b = s.results["baseline-string"], r = s.paired.string, rb = s.paired.bytes;
    const rr = s.paired.stringRounds, rbr = s.paired.bytesRounds;
    p(`| ${s.shape && s.shape !== "envelope" ? `${s.shape} ` : ""}${s.label} | ${fmtOps(a.opsPerSec)} | ${fmtOps(b.opsPerSec)} | ${fmtX(r.median)} | ${rr ? `${fmtX(rr.q1)}–${fmtX(rr.q3)}` : "n/a"} | ${rr ? `${fmtX(rr.min)}–${fmtX(rr.max)}` : "n/a"} | ${fmtX(rb.median)} | ${rbr ? `${fmtX(rbr.q1)}–${fmtX(rbr.q3)}` : "n/a"} |`);
  }
  p();
  const pp = bl.sizes[0].paired.perProcess;
  if (pp?.length > 1) {
    p(`Per process at ${bl.sizes[0].label} (string / Uint8Array): ${pp.map((x) => `${fmtX(x.string)} / ${fmtX(x.bytes)}${x.baselineImportedFirst ? ` (${bl.ref} imported first)` : ""}`).join("; ")}.`);
    p();
  }
}

/**
 * The edge part's rows at every body size, smallest first: the main 2 KB rounds (res.edge.paired,
 * workers, reject) and the other sizes' (res.edge.bySize), each { size, scenario, paired, workers }.
 */
function edgeRowsBySize(e) {
  return [
    ...["forward", "reject"].map((scenario) => ({ size: e.bodyBytes, scenario, paired: e.paired?.[scenario], workers: scenario === "forward" ? e.workers : e.reject })),
    ...(e.bySize ?? []),
  ].sort((a, b) => a.size - b.size || a.scenario.localeCompare(b.scenario));
}

/** Writes docs/BENCHMARKS.md (only the marked block) and docs/bench-scaling.svg. */
export function writeReport(res) {
  const md = join(root, "docs/BENCHMARKS.md");
  const block = markdown(res);
  let text;
  if (!existsSync(md)) {
    text = `# Benchmarks\n\n${block}\n`;
  } else {
    const old = readFileSync(md, "utf8");
    const a = old.indexOf(START);
    const b = old.indexOf(END);
    if (a >= 0 && b > a) {
      text = old.slice(0, a) + block + old.slice(b + END.length);
    } else {
      // Keep everything that is there (e.g. "## Edge worker: local load"); put the block after the title.
      const nl = old.startsWith("# ") ? old.indexOf("\n") + 1 : 0;
      text = old.slice(0, nl) + "\n" + block + "\n\n" + old.slice(nl).replace(/^\n+/, "");
    }
  }
  writeFileSync(md, text);
  if (res.nodeVerify) writeFileSync(join(root, "docs/bench-scaling.svg"), scalingSvg(res));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2] ?? join(root, "bench/results/latest.json");
  const res = JSON.parse(readFileSync(file, "utf8"));
  // The prose is always rebuilt from the numbers, so that it matches the current wording rules.
  const { headline, suggestions } = await import("./lib/findings.mjs");
  res.headline = headline(res);
  res.suggestions = suggestions(res);
  res.targets = evaluateTargets(res);
  writeFileSync(file, JSON.stringify(res, null, 2) + "\n");
  writeReport(res);
  console.log("wrote docs/BENCHMARKS.md and docs/bench-scaling.svg from", file);
}
