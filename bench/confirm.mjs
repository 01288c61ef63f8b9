// What Inspakt confirmation costs per delivery, on the local stack: the built worker on workerd
// (Miniflare, the test harness), two Inspakt queue routes side by side in one worker, one with
// `confirm` against a stand-in API on 127.0.0.1 that answers at once, one without. Each round
// sends the same number of deliveries to both, alternating; the consumer's own `latencyMs`
// (confirmation + forwarding) and the end-to-end time from the 202 to the origin's receipt are
// compared. Bounded: ROUNDS x PER_ROUND deliveries per route, loopback only.
//
//   node bench/confirm.mjs            (after scripts/test-worker.sh or wrangler deploy --dry-run built build/)
import http from "node:http";
import os from "node:os";
import { startOrigin, startWorker, inspaktRoute, post, waitFor } from "../tests/worker/harness.mjs";
import { median, percentile } from "./lib/stats.mjs";

const ROUNDS = 5;
const PER_ROUND = 40;
const TOKEN = "tok-bench-confirm-5a4b3c2d";

const api = http.createServer((req, res) => {
  const id = req.url.split("/").pop();
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ success: true, payload: { id, status: "sent", name: "Bench" } }));
});
await new Promise((r) => api.listen(0, "127.0.0.1", r));
const origin = await startOrigin();
const arrived = new Map(); // x-hookguard-id -> ms
const logs = [];
const worker = await startWorker({
  routes: [
    inspaktRoute(origin.url, "/b/plain", { secretBinding: "TOKEN" }),
    inspaktRoute(origin.url, "/b/confirm", {
      secretBinding: "TOKEN",
      confirm: { apiKeyBinding: "API_KEY", apiBase: `http://127.0.0.1:${api.address().port}` },
    }),
  ],
  vars: { TOKEN, API_KEY: "ik-bench-0000", QUEUE_RETRY_BASE_SECONDS: "0", QUEUE_RETRY_MAX_SECONDS: "1" },
  originUrl: origin.url,
  logs,
});
origin.on("/b/plain", (e) => (arrived.set(e.headers["x-hookguard-id"], performance.now()), {}));
origin.on("/b/confirm", (e) => (arrived.set(e.headers["x-hookguard-id"], performance.now()), {}));

const sent = { "/b/plain": [], "/b/confirm": [] }; // [id, ms at 202]
let n = 0;
for (let round = 0; round < ROUNDS; round++) {
  for (const path of round % 2 ? ["/b/confirm", "/b/plain"] : ["/b/plain", "/b/confirm"]) {
    for (let i = 0; i < PER_ROUND; i++) {
      const body = Buffer.from(JSON.stringify({ webhookId: "whk_b", teamId: "team_b", event: "envelope.sent", data: { envelopeId: `env_b${n++}`, name: "Bench" } }));
      const res = await post(worker, path, { headers: { "content-type": "application/json", "x-inspakt-webhook-token": TOKEN }, body });
      if (res.status !== 202) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      sent[path].push([(await res.json()).id, performance.now()]);
    }
  }
}
const total = ROUNDS * PER_ROUND;
const done = await waitFor(() => arrived.size >= 2 * total, 60_000);
if (!done) throw new Error(`only ${arrived.size} of ${2 * total} deliveries arrived`);

function stats(path) {
  const ids = new Set(sent[path].map(([id]) => id));
  const consumer = logs
    .filter((l) => l.includes('"msg":"queue"') && l.includes('"outcome":"delivered"'))
    .map((l) => JSON.parse(l))
    .filter((l) => ids.has(l.id))
    .map((l) => l.latencyMs);
  const endToEnd = sent[path].map(([id, t]) => arrived.get(id) - t);
  return { consumer, endToEnd };
}
const plain = stats("/b/plain");
const confirm = stats("/b/confirm");
const row = (name, s) =>
  `| ${name} | ${s.consumer.length} | ${median(s.consumer).toFixed(1)} | ${percentile(s.consumer, 99).toFixed(1)} | ${median(s.endToEnd).toFixed(1)} | ${percentile(s.endToEnd, 99).toFixed(1)} |`;
console.log(`Inspakt confirmation cost: workerd (Miniflare), stand-in API and origin on 127.0.0.1; ${os.cpus()[0].model}, ${os.cpus().length} cores, Node ${process.versions.node}`);
console.log("| route | deliveries | consumer median ms | consumer p99 ms | 202 -> origin median ms | 202 -> origin p99 ms |");
console.log("|---|--:|--:|--:|--:|--:|");
console.log(row("without confirm", plain));
console.log(row("with confirm", confirm));
console.log(`cost per delivery (consumer median): ${(median(confirm.consumer) - median(plain.consumer)).toFixed(1)} ms; API look-ups: ${n / 2}`);
await worker.dispose();
await origin.close();
await new Promise((r) => api.close(r));
