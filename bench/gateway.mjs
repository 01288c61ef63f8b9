// What the delivery log costs the forwarding path, on the local stack: two copies of the built
// worker on workerd (Miniflare, the test harness), one with the log (D1 LOG, R2 BODIES: each
// delivery stores its request in R2 and writes its record and try to D1 after the answer), one
// without, in front of the same loopback origin. Rounds alternate between them; each round
// sends the same number of fresh, signed 2 KB inSigner deliveries (direct mode) with a fixed
// number in flight, over HTTP to the worker's loopback address. Bounded by count; loopback only.
//
//   node bench/gateway.mjs [--rounds 10] [--per-round 300] [--concurrency 8]
//   (after scripts/test-worker.sh or `wrangler deploy --dry-run` built build/)
import http from "node:http";
import os from "node:os";
import { startOrigin, startWorker, insignerDelivery, insignerRoute } from "../tests/worker/harness.mjs";
import { median, percentile } from "./lib/stats.mjs";

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(n) ? Number(args[args.indexOf(n) + 1]) : d);
const ROUNDS = opt("--rounds", 10);
const PER_ROUND = opt("--per-round", 300);
const CONCURRENCY = opt("--concurrency", 8);
const S = "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07";

const origin = await startOrigin();
const route = (path) => insignerRoute(origin.url, path);
const workers = {
  "log off": await startWorker({ routes: [route("/b/off")], vars: { S }, originUrl: origin.url }),
  "log on": await startWorker({ routes: [route("/b/on")], vars: { S }, originUrl: origin.url, gateway: process.env.GATEWAY_VARIANT ?? true }),
};
const paths = { "log off": "/b/off", "log on": "/b/on" };
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function send(base, path, { headers, body }) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(new URL(path, base), { method: "POST", headers: { ...headers, "content-length": body.length }, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode, ms: performance.now() - t0 }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

let n = 0;
const pad = "x".repeat(1800);
async function round(name) {
  const base = workers[name].url;
  const jobs = Array.from({ length: PER_ROUND }, () => {
    const id = `evt_bench_${process.pid}_${n++}`;
    const body = Buffer.from(JSON.stringify({ id, event: "document.completed", api_version: "2026-05-28", created_at: new Date().toISOString(), data: { pad } }));
    return insignerDelivery(S, { id, body });
  });
  const latencies = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const r = await send(base, paths[name], jobs[next++]);
        if (r.status !== 200) throw new Error(`${name}: status ${r.status}`);
        latencies.push(r.ms);
      }
    }),
  );
  return { rps: PER_ROUND / ((performance.now() - t0) / 1000), latencies };
}

const results = { "log off": [], "log on": [] };
// A warm-up round each, not counted.
for (const name of Object.keys(workers)) await round(name);
for (let i = 0; i < ROUNDS; i++) {
  for (const name of i % 2 ? ["log on", "log off"] : ["log off", "log on"]) results[name].push(await round(name));
}

// Every logged delivery reached D1 (the writes run after the answer: give them a moment).
await new Promise((r) => setTimeout(r, 2000));
const { results: rows } = await workers["log on"].db.prepare("SELECT COUNT(*) AS n FROM deliveries").all();

console.log(`CPU: ${os.cpus()[0].model} (${os.cpus().length} cores), Node ${process.version}`);
console.log(`${ROUNDS} rounds x ${PER_ROUND} deliveries per worker, ${CONCURRENCY} in flight, 2 KB inSigner bodies, direct mode`);
const line = (name) => {
  const rps = results[name].map((r) => r.rps);
  const all = results[name].flatMap((r) => r.latencies);
  return { rps: median(rps), p50: median(all), p99: percentile(all, 99) };
};
const off = line("log off");
const on = line("log on");
for (const [name, r] of [["log off", off], ["log on", on]]) {
  console.log(`${name.padEnd(8)} median ${r.rps.toFixed(0)} deliveries/s, latency p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
}
// Each round's pair ran back to back: their ratio is the least affected by the machine's drift.
const ratios = results["log on"].map((r, i) => r.rps / results["log off"][i].rps).sort((a, b) => a - b);
console.log(`log on / log off throughput: ${(on.rps / off.rps).toFixed(2)}x of the medians; per round pair median ${median(ratios).toFixed(2)}x (${ratios[0].toFixed(2)}x to ${ratios.at(-1).toFixed(2)}x) (target >= 0.9x)`);
console.log(`records in D1: ${rows[0].n} of ${(ROUNDS + 1) * PER_ROUND} logged deliveries`);
agent.destroy();
for (const w of Object.values(workers)) await w.dispose();
await origin.close();
