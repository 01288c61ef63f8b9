#!/usr/bin/env node
// Bounded local load on the edge worker: the worker-build output on workerd (Miniflare, with
// its Durable Object and queue) in front of an origin on loopback. Sends signed inSigner
// deliveries (direct mode: verify + dedupe claim + forward + record) and Inspakt deliveries
// (queue mode) for a fixed time or count, whichever ends first, and prints requests, errors,
// throughput and latency percentiles. Loopback only.
//
//   bash scripts/test-worker.sh   (or any build of the worker)   then:
//   node bench/worker-load.mjs [--seconds 20] [--max 20000] [--concurrency 16]
import { startOrigin, startWorker, insignerDelivery } from "../tests/worker/harness.mjs";

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(n) ? Number(args[args.indexOf(n) + 1]) : d);
const seconds = opt("--seconds", 20);
const max = opt("--max", 20000);
const concurrency = opt("--concurrency", 16);

const S = "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07";
const TOKEN = "tok_4b1d9f0e6a2c8e7d5f3a1b9c";
const origin = await startOrigin();
const worker = await startWorker({
  routes: [
    { path: "/hooks/insigner", options: { provider: "insigner", toleranceSeconds: 259200 }, secretBinding: "S", origin: `${origin.url}/insigner`, mode: "direct" },
    { path: "/hooks/inspakt", options: { provider: "inspakt", header: "X-Inspakt-Webhook-Token" }, secretBinding: "T", origin: `${origin.url}/inspakt`, mode: "queue" },
  ],
  vars: { S, T: TOKEN },
  originUrl: origin.url,
});
const base = (await worker.mf.ready).toString().replace(/\/$/, "");
const inspaktBody = Buffer.from('{"webhookId":"whk_load","teamId":"team_load","event":"envelope.sent","data":{"envelopeId":"env_load"}}');

async function phase(name, make) {
  const lat = [];
  let errors = 0;
  let sent = 0;
  const end = Date.now() + seconds * 1000;
  const started = performance.now();
  async function lane() {
    while (Date.now() < end && sent < max) {
      const n = sent++;
      const { path, headers, body } = make(n);
      const t0 = performance.now();
      try {
        const res = await fetch(base + path, { method: "POST", headers, body });
        await res.arrayBuffer();
        if (res.status >= 300) errors += 1;
      } catch {
        errors += 1;
      }
      lat.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  const wall = (performance.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  const pct = (p) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))].toFixed(1);
  const row = { phase: name, requests: lat.length, errors, seconds: wall.toFixed(1), rps: (lat.length / wall).toFixed(0), p50ms: pct(50), p99ms: pct(99) };
  console.log(JSON.stringify(row));
  return row;
}

const runId = Date.now().toString(36);
const rows = [];
rows.push(
  await phase("insigner direct (verify + DO claim + forward + DO record)", (n) => ({
    path: "/hooks/insigner",
    ...insignerDelivery(S, { id: `dlv_load_${runId}_${n}` }),
  })),
);
rows.push(
  await phase("inspakt queue (verify + enqueue, 202)", () => ({
    path: "/hooks/inspakt",
    headers: { "content-type": "application/json", "x-inspakt-webhook-token": TOKEN },
    body: inspaktBody,
  })),
);
// Give the queue consumer a moment, then report what reached the origin.
await new Promise((r) => setTimeout(r, 3000));
console.log(JSON.stringify({ originReceived: { insigner: origin.at("/insigner").length, inspakt: origin.at("/inspakt").length } }));
await worker.dispose();
await origin.close();
