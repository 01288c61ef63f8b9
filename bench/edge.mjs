// Part 4: the edge worker on workerd under a bounded local load, against the reference
// JavaScript worker (bench/ref-worker/), in the same run and against the same origin.
//
// Everything listens on 127.0.0.1 only. Both workers run under `wrangler dev` (workerd) with
// the same origin (a tiny Node server here), the same secrets, the same route path and unique,
// freshly signed 2 KB inSigner deliveries. Rounds alternate between the workers; each round is
// bounded by a request count and a time limit, with a fixed number of requests in flight.

import { spawn } from "node:child_process";
import { createServer, Agent, request as httpRequest } from "node:http";
import { existsSync, mkdirSync, rmSync, writeFileSync, statSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { makeBody } from "./lib/fixtures.mjs";
import { summary, percentile, median } from "./lib/stats.mjs";
import { profileDuring, categorize } from "./lib/cpuprofile.mjs";

const HOST = "127.0.0.1";
const ROUTE = "/hooks/insigner";
const SECRET = "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07"; // demo value
const EDGE_SIGNING_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"; // demo value
const BODY_SIZE = 2048;
// The worker target's other body sizes, each measured in both scenarios with fewer requests.
const EXTRA_SIZES = [256, 262144];

// ---- origin ------------------------------------------------------------------------------------

function startOrigin() {
  const counts = { total: 0, byWorker: {}, missingFacts: 0 };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      counts.total++;
      const who = req.url.split("/")[1] || "?";
      counts.byWorker[who] = (counts.byWorker[who] ?? 0) + 1;
      if (!req.headers["x-hookguard-id"] || !req.headers["webhook-signature"]) counts.missingFacts++;
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
    });
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) => {
    server.listen(0, HOST, () => resolve({ server, port: server.address().port, counts }));
  });
}

// ---- workers -----------------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, HOST, () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

async function waitReady(url, child, deadlineMs, output) {
  const t0 = Date.now();
  while (Date.now() - t0 < deadlineMs) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}): ${output().slice(-2000)}`);
    try {
      const r = await fetch(url, { method: "GET", signal: AbortSignal.timeout(2000) });
      await r.arrayBuffer();
      if (r.status === 405 || r.status === 404 || r.status === 400) return Date.now() - t0;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`not ready after ${deadlineMs} ms: ${output().slice(-2000)}`);
}

/** Starts `wrangler dev` for one config; returns { url, stop(), readyMs }. */
export async function startWrangler(root, { name, config, envFile, persist, cwd }) {
  const port = await freePort();
  const inspector = await freePort();
  rmSync(persist, { recursive: true, force: true });
  const args = [
    join(root, "node_modules/wrangler/bin/wrangler.js"), "dev", "-c", config,
    "--ip", HOST, "--port", String(port), "--inspector-port", String(inspector),
    "--env-file", envFile, "--persist-to", persist,
    "--show-interactive-dev-session=false", "--log-level", "warn",
  ];
  let out = "";
  const child = spawn(process.execPath, args, {
    cwd, detached: true, stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1" },
  });
  child.stdout.on("data", (d) => (out = (out + d).slice(-20000)));
  child.stderr.on("data", (d) => (out = (out + d).slice(-20000)));
  // Ends the process group this function started: SIGTERM, then SIGKILL if it lingers.
  const stop = () => {
    if (child.exitCode !== null) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
    const t = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }, 3000);
    t.unref();
    child.once("exit", () => clearTimeout(t));
  };
  process.once("exit", stop);
  const url = `http://${HOST}:${port}${ROUTE}`;
  try {
    const readyMs = await waitReady(url, child, 120_000, () => out);
    return { name, url, stop, readyMs, inspector, output: () => out };
  } catch (e) {
    stop();
    throw e;
  }
}

// ---- load --------------------------------------------------------------------------------------

let seq = 0;
/** n unique, freshly signed deliveries (unique ids, so replay protection never short-cuts). */
/** An inSigner body of `size` bytes with an __ID__ placeholder (deliveries() fills it in). */
function templateOf(size) {
  return makeBody(size, { id: "__ID__" + "_".repeat(24) }).replace(/__ID___+/, "__ID__");
}

function deliveries(hg, template, n) {
  const now = Math.floor(Date.now() / 1000);
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const id = `dlv_bench_${process.pid}_${String(seq++).padStart(10, "0")}`;
    const body = template.replace("__ID__", id);
    const d = hg.sign({ provider: "insigner", secret: SECRET, body, timestamp: now, id, event: "document.completed" });
    out[i] = { headers: { ...d.headers, "content-length": String(Buffer.byteLength(body)) }, body };
  }
  return out;
}

/** Sends the deliveries with `concurrency` in flight until done or maxMs; latency per request. */
function load(url, list, { concurrency, maxMs, expect = 200 }) {
  const u = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const lat = [];
  const statuses = {};
  let next = 0;
  let errors = 0;
  const t0 = performance.now();
  const one = (d) =>
    new Promise((resolve) => {
      const s = performance.now();
      const req = httpRequest(
        { host: u.hostname, port: u.port, path: u.pathname, method: "POST", headers: d.headers, agent },
        (res) => {
          res.resume();
          res.on("end", () => {
            lat.push(performance.now() - s);
            statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
            if (res.statusCode !== expect) errors++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        statuses.error = (statuses.error ?? 0) + 1;
        resolve();
      });
      req.end(d.body);
    });
  const lane = async () => {
    while (next < list.length && performance.now() - t0 < maxMs) await one(list[next++]);
  };
  return Promise.all(Array.from({ length: concurrency }, lane)).then(() => {
    const elapsed = performance.now() - t0;
    agent.destroy();
    return {
      requests: lat.length, elapsedMs: elapsed, rps: (lat.length / elapsed) * 1000,
      p50Ms: percentile(lat, 50), p99Ms: percentile(lat, 99), errors, statuses,
    };
  });
}

// ---- the Rust worker's local config --------------------------------------------------------

/** A wrangler config for the already-built Rust worker (no build step, no assets). */
function rustConfig(root, dir, originUrl) {
  const main = join(root, "build/worker/shim.mjs");
  if (!existsSync(main)) return { missing: "build/worker/shim.mjs does not exist (the worker has not been built: `npx wrangler build` or scripts/dev.sh)" };
  const toml = existsSync(join(root, "wrangler.toml")) ? readFileSync(join(root, "wrangler.toml"), "utf8") : "";
  const date = /compatibility_date\s*=\s*"([^"]+)"/.exec(toml)?.[1] ?? "2026-04-20";
  const keepNames = /^keep_names\s*=\s*(true|false)/m.exec(toml)?.[1];
  const cfg = {
    name: "hookguard-bench-rust",
    main,
    compatibility_date: date,
    ...(keepNames ? { keep_names: keepNames === "true" } : {}),
    durable_objects: { bindings: [{ name: "DEDUPE", class_name: "DedupeStore" }] },
    migrations: [{ tag: "v1", new_sqlite_classes: ["DedupeStore"] }],
    queues: { producers: [{ binding: "DELIVERIES", queue: "hookguard-deliveries" }] },
    vars: {
      ROUTES: JSON.stringify([{
        path: ROUTE, options: { provider: "insigner", toleranceSeconds: 300 }, secretBinding: "INSIGNER_SECRET",
        origin: `${originUrl}/rust`, mode: "direct", resignSecretBinding: "EDGE_SIGNING_SECRET",
      }]),
      QUEUE_RETRY_BASE_SECONDS: "10",
      QUEUE_RETRY_MAX_SECONDS: "3600",
    },
  };
  const file = join(dir, "rust.wrangler.json");
  writeFileSync(file, JSON.stringify(cfg, null, 2));
  const built = statSync(join(root, "build/index_bg.wasm"), { throwIfNoEntry: false });
  return { file, builtAt: built ? built.mtime.toISOString() : null };
}

// ---- the run -----------------------------------------------------------------------------------

export async function runEdge({ root, hg, quick, log }) {
  const dir = join(root, "build/bench-edge");
  mkdirSync(dir, { recursive: true });
  // Durable Object storage is one SQLite file per delivery id: keep it in memory (tmpfs) when
  // the machine has one, so that disk flushes shared with other builds do not decide the result.
  const stateRoot = existsSync("/dev/shm") ? `/dev/shm/hookguard-bench-${process.pid}` : dir;
  const origin = await startOrigin();
  const originUrl = `http://${HOST}:${origin.port}`;
  const envFile = (name, extra) => {
    const f = join(dir, `${name}.env`);
    writeFileSync(f, [`INSIGNER_SECRET=${SECRET}`, `EDGE_SIGNING_SECRET=${EDGE_SIGNING_SECRET}`, ...extra].join("\n") + "\n");
    return f;
  };
  const rounds = quick ? 2 : 3;
  const perRound = quick ? 400 : 1500;
  const concurrency = 8;
  const maxMs = quick ? 5000 : 10000;
  const result = {
    setup: `one Node origin on 127.0.0.1 answering 200; both workers under \`wrangler dev\` (workerd, local mode, --persist-to a tmpfs directory); two scenarios, each ${rounds} alternating rounds per worker after a warm-up, each at most ${perRound} requests or ${maxMs / 1000} s with ${concurrency} requests in flight over keep-alive; unique freshly signed ${BODY_SIZE / 1024} KB inSigner deliveries (so every request is verified, claimed in a Durable Object, forwarded with a Standard Webhooks re-signature, and marked delivered); the load generator, workerd and the origin share the machine's cores. Scenario "reject": the same deliveries with one body byte changed, answered 401 after the HMAC check (no Durable Object, no origin): verification inside the worker in isolation. Then both scenarios again at ${EXTRA_SIZES.map((n) => `${n} B`).join(" and ")}, ${rounds} rounds of at most ${quick ? 150 : "600 (300 above 64 KB)"} requests or ${quick ? 3 : 6} s.`,
    concurrency, perRound, maxMs, rounds, bodyBytes: BODY_SIZE, extraSizes: EXTRA_SIZES, workers: {}, bySize: [], notes: [],
  };
  const template = templateOf(BODY_SIZE);

  const workers = [];
  try {
    try {
      const ref = await startWrangler(root, {
        name: "ref", config: join(root, "bench/ref-worker/wrangler.toml"), cwd: join(root, "bench/ref-worker"),
        envFile: envFile("ref", [`ORIGIN_URL=${originUrl}/ref`, `ROUTE=${ROUTE}`]),
        persist: join(stateRoot, "state-ref"),
      });
      workers.push({ key: "ref", name: "reference JS worker (WebCrypto)", w: ref });
      result.notes.push("The reference worker (bench/ref-worker/worker.js) does the same job in plain JavaScript: header/timestamp checks, crypto.subtle.verify, JSON.parse + id/event cross-check, claim/complete in one of 16 SQLite-backed Durable Object shards per route (the same protocol and sharding as DedupeStore), forward with the X-Hookguard-* headers and a Standard Webhooks re-signature (crypto.subtle.sign), one JSON log line per request.");
      log(`  reference worker ready in ${ref.readyMs} ms`);
    } catch (e) {
      result.notes.push(`reference worker failed to start: ${String(e.message).slice(0, 500)}`);
    }
    const rc = rustConfig(root, dir, originUrl);
    if (rc.missing) {
      result.rustMissing = rc.missing;
    } else {
      try {
        const rust = await startWrangler(root, {
          name: "rust", config: rc.file, cwd: dir, envFile: envFile("rust", []), persist: join(stateRoot, "state-rust"),
        });
        workers.push({ key: "rust", name: "hookguard Rust worker (wasm)", w: rust });
        result.rustBuiltAt = rc.builtAt;
        result.notes.push(`The Rust worker is the build in build/worker/ (built ${rc.builtAt}), run with a generated wrangler config (build/bench-edge/rust.wrangler.json: the same Durable Object and queue bindings as wrangler.toml, no build step, no assets) and one ROUTES entry: ${ROUTE}, inSigner, tolerance 300 s, direct mode, re-signing with EDGE_SIGNING_SECRET, origin = the bench origin.`);
        log(`  Rust worker ready in ${rust.readyMs} ms (build from ${rc.builtAt})`);
      } catch (e) {
        result.rustMissing = `the Rust worker did not start under wrangler dev: ${String(e.message).slice(0, 800)}`;
      }
    }
    // Sanity: each worker forwards a genuine delivery, rejects a tampered one, and answers a
    // replay of the genuine one as a duplicate (not forwarded).
    const probe = async (url, d) => {
      const r = await fetch(url, { method: "POST", headers: d.headers, body: d.body, signal: AbortSignal.timeout(15000) });
      const text = await r.text();
      let what = "";
      try {
        const j = JSON.parse(text);
        what = j.status ?? j.error?.code ?? "";
      } catch {}
      return { status: r.status, what };
    };
    for (const { key, w } of [...workers]) {
      const [good] = deliveries(hg, template, 1);
      const bad = { ...good, body: good.body.replace("document_id", "document_iD") };
      const a = await probe(w.url, good);
      const b = await probe(w.url, bad);
      const c = await probe(w.url, good);
      result.notes.push(`Sanity check, ${key}: genuine -> ${a.status} ${a.what}; one body byte changed -> ${b.status} ${b.what}; the genuine one again -> ${c.status} ${c.what}.`);
      if (a.status !== 200 || b.status !== 401 || c.what !== "duplicate") {
        const why = `${key} worker failed the sanity check: ${JSON.stringify([a, b, c])}`;
        if (key !== "rust") throw new Error(why);
        result.rustMissing = why;
        w.stop();
        workers.splice(workers.findIndex((x) => x.key === key), 1);
      }
    }
    // CPU profile of the verification-only path (rejected deliveries: CPU-bound, no waits on
    // storage or the origin, which the profiler would pin on whatever frame ran last), taken
    // first, while wrangler's inspector connection is not yet busy relaying thousands of log
    // lines: one batch per worker with the V8 profiler on (inspector port, loopback).
    for (const { key, w } of workers) {
      const n = quick ? 200 : 400;
      const list = deliveries(hg, template, n);
      for (const d of list) d.body = d.body.replace("document_id", "document_iD");
      const pr = await profileDuring(w.inspector, () => load(w.url, list, { concurrency, maxMs, expect: 401 }));
      if (pr.profile && pr.result) {
        const c = categorize(pr.profile, key === "rust" ? "shim.js" : "worker.js");
        const perReq = Object.fromEntries(Object.entries(c.categories).filter(([k]) => k !== "idle").map(([k, v]) => [k, v / pr.result.requests]));
        ((result.profile ??= {}).reject ??= {})[key] = { requests: pr.result.requests, busyMsPerRequest: c.busyMs / pr.result.requests, msPerRequest: perReq };
      } else {
        result.notes.push(`CPU profile of ${key} not taken: ${pr.why}`);
      }
    }
    // Warm-up, then alternating rounds.
    for (const { w } of workers) await load(w.url, deliveries(hg, template, quick ? 100 : 300), { concurrency, maxMs: 5000 });
    // Two scenarios: "forward" (genuine deliveries: verify + claim + forward + complete) and
    // "reject" (one body byte changed: the request is read and verified, the HMAC fails, 401;
    // no Durable Object, no origin), which isolates verification inside the worker.
    const runScenario = async (scenario, tpl, size, n, ms) => {
      const per = Object.fromEntries(workers.map(({ key }) => [key, []]));
      const make = (count) => {
        const list = deliveries(hg, tpl, count);
        if (scenario === "reject") for (const d of list) d.body = d.body.replace("document_id", "document_iD");
        return list;
      };
      const expect = scenario === "forward" ? 200 : 401;
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 ? [...workers].reverse() : workers;
        for (const { key, w } of order) {
          const res = await load(w.url, make(n), { concurrency, maxMs: ms, expect });
          per[key].push(res);
          log(`  ${scenario} ${size} B round ${r + 1} ${key}: ${Math.round(res.rps)} req/s, p50 ${res.p50Ms.toFixed(1)} ms, p99 ${res.p99Ms.toFixed(1)} ms, ${res.requests} requests, statuses ${JSON.stringify(res.statuses)}`);
        }
      }
      let paired = null;
      if (per.rust?.length && per.ref?.length) {
        // Rounds alternate the two workers back to back: the per-round ratios are the fairer
        // comparison under background load.
        const q = per.rust.map((r, i) => ({ rps: r.rps / per.ref[i].rps, p99: r.p99Ms / per.ref[i].p99Ms }));
        paired = { rps: summary(q.map((v) => v.rps)), p99: summary(q.map((v) => v.p99)) };
      }
      const entries = {};
      for (const { key, name } of workers) {
        const rs = per[key];
        entries[key] = {
          name,
          rps: summary(rs.map((x) => x.rps)),
          p50Ms: summary(rs.map((x) => x.p50Ms)),
          p99Ms: summary(rs.map((x) => x.p99Ms)),
          requests: rs.reduce((a, x) => a + x.requests, 0),
          errors: rs.reduce((a, x) => a + x.errors, 0),
          statuses: rs.map((x) => x.statuses),
        };
      }
      return { paired, entries };
    };
    for (const scenario of ["forward", "reject"]) {
      const { paired, entries } = await runScenario(scenario, template, BODY_SIZE, perRound, maxMs);
      if (paired) (result.paired ??= {})[scenario] = paired;
      if (scenario === "forward") result.workers = entries;
      else result.reject = entries;
    }
    // The other body sizes of the worker target (issue 16: 256 B and 256 KB beside 2 KB), with
    // fewer requests per round: each size's own deliveries, both scenarios.
    for (const size of EXTRA_SIZES) {
      const tpl = templateOf(size);
      const n = quick ? 150 : size > 65536 ? 300 : 600;
      for (const { w } of workers) await load(w.url, deliveries(hg, tpl, 50), { concurrency, maxMs: 5000 });
      for (const scenario of ["forward", "reject"]) {
        const { paired, entries } = await runScenario(scenario, tpl, size, n, quick ? 3000 : 6000);
        result.bySize.push({ size, scenario, paired, workers: entries, perRound: n });
      }
    }
    result.origin = { ...origin.counts };
  } finally {
    for (const { w } of workers) w.stop();
    await new Promise((r) => setTimeout(r, 500));
    for (const name of ["state-ref", "state-rust"]) rmSync(join(stateRoot, name), { recursive: true, force: true });
    if (stateRoot !== dir) rmSync(stateRoot, { recursive: true, force: true });
    origin.server.close();
    origin.server.closeAllConnections?.();
  }
  return result;
}

// ---- worker bundle size ------------------------------------------------------------------------

/** The Rust worker's upload bundle as wrangler reports it (deploy --dry-run, no build step). */
export async function workerBundleSize(root, log) {
  const dir = join(root, "build/bench-edge");
  mkdirSync(dir, { recursive: true });
  const rc = rustConfig(root, dir, "http://127.0.0.1:1");
  if (rc.missing) return { missing: rc.missing };
  const outdir = join(dir, "rust-bundle");
  rmSync(outdir, { recursive: true, force: true });
  const out = await new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, "node_modules/wrangler/bin/wrangler.js"), "deploy", "--dry-run", "--outdir", outdir, "-c", rc.file], {
      cwd: dir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1" },
    });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.stderr.on("data", (d) => (text += d));
    child.on("close", (code) => resolve({ code, text }));
  });
  const m = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(out.text);
  if (out.code !== 0 || !m) return { missing: `wrangler deploy --dry-run failed: ${out.text.slice(-600)}` };
  return { raw: Math.round(parseFloat(m[1]) * 1024), gzip: Math.round(parseFloat(m[2]) * 1024), source: "wrangler deploy --dry-run (Total Upload)", builtAt: rc.builtAt };
}
