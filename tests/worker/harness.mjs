// Test harness for the edge worker: a real origin server on loopback, the built worker
// (build/index.js + index_bg.wasm from worker-build) on workerd through Miniflare, with a
// Durable Object namespace, a queue, a dead-letter queue and static assets, as wrangler.toml
// declares them. Nothing is mocked: requests go through workerd to a real HTTP server.
import http from "node:http";
import net from "node:net";
import { createHmac } from "node:crypto";
import { fileURLToPath } from "node:url";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import * as miniflare from "miniflare";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const now = () => Math.floor(Date.now() / 1000);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** An HTTP server on 127.0.0.1 that records every request and answers as told per path. */
export async function startOrigin() {
  const received = [];
  const behaviour = new Map(); // path -> async (req, body) => {status, delayMs}
  // Large enough for the biggest header set a test forwards (Node's default is 16 KB).
  const server = http.createServer({ maxHeaderSize: 256 * 1024 }, (req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const entry = { path: req.url, method: req.method, headers: req.headers, body, status: 200 };
      received.push(entry);
      const b = behaviour.get(req.url);
      const plan = b ? await b(entry) : {};
      if (plan.delayMs) await sleep(plan.delayMs);
      entry.status = plan.status ?? 200;
      if (plan.destroy) return req.socket.destroy();
      res.writeHead(entry.status, { "content-type": "text/plain" });
      res.end("origin");
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    received,
    at: (path) => received.filter((r) => r.path === path),
    on: (path, fn) => behaviour.set(path, fn),
    close: () => new Promise((r) => server.close(r)),
  };
}

/** A port that nothing listens on (yet). */
export async function freePort() {
  const s = http.createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  const port = s.address().port;
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * The worker's modules, listed explicitly (Miniflare 5 has no automatic module discovery:
 * `modules: true` with `modulesRules` throws): worker-build writes the JS entry build/index.js,
 * which imports "cloudflare:workers" (built in) and "./index_bg.wasm" (a compiled module), and
 * nothing else. A relative import this list does not name fails here, by name, rather than as
 * a module-not-found inside workerd.
 */
export function workerModules() {
  const buildIndex = `${root}/build/index.js`;
  if (!existsSync(buildIndex)) throw new Error("build/index.js is missing: run scripts/test-worker.sh (it builds first)");
  const modules = [
    { type: "ESModule", path: buildIndex },
    { type: "CompiledWasm", path: `${root}/build/index_bg.wasm` },
  ];
  const listed = new Set(modules.map((m) => m.path.slice(`${root}/build/`.length)));
  const imported = [...readFileSync(buildIndex, "utf8").matchAll(/\b(?:from|import)\s*["']\.\/([^"']+)["']/g)].map((m) => m[1]);
  const unlisted = imported.filter((f) => !listed.has(f));
  if (unlisted.length) throw new Error(`build/index.js imports modules the harness does not list: ${unlisted.join(", ")}`);
  for (const m of modules) if (!existsSync(m.path)) throw new Error(`${m.path} is missing: rebuild with scripts/test-worker.sh`);
  return modules;
}

/** A route builder: the provider's defaults, with `extra` on top (its `options` merged in). */
const routeOf = (defaults) => (originUrl, path, extra = {}) => {
  const { options, ...rest } = extra;
  return {
    path,
    secretBinding: defaults.secretBinding,
    origin: `${originUrl}${path}`,
    mode: defaults.mode,
    ...rest,
    options: { ...defaults.options, ...(options ?? {}) },
  };
};
/** An inSigner route (secret in the binding S, a 3-day tolerance, direct mode). */
export const insignerRoute = routeOf({ options: { provider: "insigner", toleranceSeconds: 259200 }, secretBinding: "S", mode: "direct" });
/** An Inspakt route (token in the binding TOKEN, header X-Inspakt-Webhook-Token, queue mode). */
export const inspaktRoute = routeOf({ options: { provider: "inspakt", header: "X-Inspakt-Webhook-Token" }, secretBinding: "TOKEN", mode: "queue" });

/** The HOOKGUARD_QUEUE_KEY every test worker gets unless `vars` sets another (null: none). */
export const QUEUE_KEY = "test-queue-key-5b2e8c1f9a7d3e6b0c4f8a2d6e1b9c7f";

/** The admin token a `gateway: true` worker gets unless `vars` sets another (null: none). */
export const ADMIN_TOKEN = "test-admin-token-3f9a1c7e5b2d8046";

/**
 * The D1 migrations (migrations/*.sql, in order), as single statements: each ends with a line
 * ending in ";", a trigger with its "END;".
 */
export function migrationStatements() {
  const dir = `${root}/migrations`;
  const out = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".sql")).sort()) {
    let current = [];
    for (const line of readFileSync(`${dir}/${f}`, "utf8").split("\n")) {
      if (!line.trim() || line.trim().startsWith("--")) continue;
      current.push(line);
      const text = current.join("\n").trim();
      const done = /^CREATE TRIGGER/i.test(text) ? /\bEND;$/i.test(line.trim()) : line.trim().endsWith(";");
      if (done) {
        out.push(text.replace(/;$/, ""));
        current = [];
      }
    }
    if (current.length) throw new Error(`${f}: a statement without its ";"`);
  }
  return out;
}

/**
 * Starts the built worker on workerd. `routes` becomes the ROUTES var; `vars` adds secrets.
 * `forger: true` adds a second Worker with its own producer binding to the deliveries queue,
 * as another Worker in the same account could have: `worker.forge(body, contentType)` puts any
 * message on the queue the edge consumes.
 * `gateway: true` adds the delivery log as wrangler.toml declares it: D1 (`LOG`, migrations
 * applied), R2 (`BODIES`), the admin token, and the worker itself consuming the dead-letter
 * queue (in place of the observer); `worker.db` and `worker.bucket` read them back.
 * `gateway: "no-log"` has the same queues and R2 but no LOG binding.
 * `email: true` binds `ALERT_EMAIL` to Miniflare's own send_email binding; `worker.sentEmails()`
 * reads back what it sent ({ from, to, subject, text }) from Miniflare's log of it.
 */
export async function startWorker({ routes, routesAsObject = false, vars = {}, originUrl, queue = {}, logs, brokenStore = false, forger = false, metrics = false, gateway = false, email = false }) {
  const modules = workerModules();
  const bindings = {
    HOOKGUARD_QUEUE_KEY: QUEUE_KEY,
    ...(gateway ? { HOOKGUARD_ADMIN_TOKEN: ADMIN_TOKEN, DEAD_LETTER_QUEUE: "deliveries-dlq" } : {}),
    ...vars,
  };
  for (const [k, v] of Object.entries(bindings)) if (v === null) delete bindings[k];
  if (routes !== undefined) {
    // wrangler passes a [vars] string as text and a TOML array/table as a JSON object.
    bindings.ROUTES = typeof routes === "string" || routesAsObject ? routes : JSON.stringify(routes);
  }
  // Miniflare 5's constructor takes only its new option shape; the Miniflare 4 shape written
  // here goes through its own converter (Miniflare 4 takes it directly).
  const convert = miniflare.convertV4MiniflareOptions ?? ((o) => o);
  // Miniflare's own log (the send_email binding reports each message there, with the file its
  // text went to).
  const mfLog = [];
  class Captured extends miniflare.Log {
    logWithLevel(level, message) {
      mfLog.push(String(message));
      if (level <= miniflare.LogLevel.WARN) super.logWithLevel(level, message);
    }
  }
  const mf = new miniflare.Miniflare(convert({
    ...(email ? { log: new Captured(miniflare.LogLevel.INFO) } : {}),
    // The Request.cf placeholder: otherwise Miniflare fetches the real one from the internet.
    cf: false,
    // Every console line of every worker (Miniflare 5 hands them over parsed, one per call;
    // handleRuntimeStdio is gone).
    handleStructuredLogs({ level, message }) {
      if (logs) logs.push(...String(message).split("\n").filter(Boolean));
      if (process.env.WORKER_TEST_VERBOSE) process.stderr.write(`[${level}] ${message}\n`);
    },
    workers: [
      {
        name: "hookguard",
        modules,
        modulesRoot: `${root}/build`,
        compatibilityDate: "2026-04-20",
        bindings,
        // brokenStore: the DEDUPE binding points at an object whose every call fails, the way a
        // storage outage looks to the worker.
        durableObjects: {
          DEDUPE: brokenStore
            ? { className: "BrokenStore", scriptName: "broken-store", useSQLite: true }
            : { className: "DedupeStore", useSQLite: true },
          HEALTH: { className: "HealthStore", useSQLite: true },
        },
        // gateway: DLQ_TEST lets a test put a message straight into the dead-letter queue (the
        // worker itself never uses it).
        queueProducers: { DELIVERIES: { queueName: "deliveries" }, ...(gateway ? { DLQ_TEST: { queueName: "deliveries-dlq" } } : {}) },
        // metrics: METRICS is the recorder below, in place of Analytics Engine (whose local
        // binding records nothing).
        serviceBindings: metrics ? { METRICS: { name: "metrics-recorder", entrypoint: "Recorder" } } : undefined,
        queueConsumers: {
          deliveries: {
            maxBatchSize: 10,
            maxBatchTimeout: 1,
            maxRetries: queue.maxRetries ?? 4,
            deadLetterQueue: "deliveries-dlq",
          },
          ...(gateway ? { "deliveries-dlq": { maxBatchSize: 10, maxBatchTimeout: 1, maxRetries: 10 } } : {}),
        },
        ...(gateway === true || gateway === "no-bodies" ? { d1Databases: { LOG: "hookguard-log-test" } } : {}),
        ...(email ? { email: { send_email: [{ name: "ALERT_EMAIL" }] } } : {}),
        ...(gateway && gateway !== "no-bodies" ? { r2Buckets: { BODIES: "hookguard-bodies-test" } } : {}),
        // As wrangler.toml declares them: every request reaches the worker first, which
        // serves GETs that are no route from the ASSETS binding.
        assets: existsSync(`${root}/www`)
          ? {
              directory: `${root}/www`,
              binding: "ASSETS",
              routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
            }
          : undefined,
      },
      ...(gateway ? [] : [{
        // Stands in for whoever drains the dead-letter queue: posts each message to the
        // origin's /dlq so the test can see what landed there.
        name: "dlq-observer",
        compatibilityDate: "2026-04-20",
        bindings: { ORIGIN: originUrl ?? "http://127.0.0.1:9" },
        modules: [{
          type: "ESModule",
          path: "dlq-observer.mjs",
          contents: `export default {
            async queue(batch, env) {
              for (const m of batch.messages) {
                await fetch(env.ORIGIN + "/dlq", { method: "POST", body: JSON.stringify(m.body) });
                m.ack();
              }
            }
          }`,
        }],
        queueConsumers: { "deliveries-dlq": { maxBatchSize: 10, maxBatchTimeout: 1 } },
      }]),
      ...(metrics
        ? [
            {
              // Stands in for an Analytics Engine dataset: writeDataPoint (reached over RPC, as
              // the worker calls it on its METRICS binding) posts each point to the origin's /metrics; the
              // worker settles what writeDataPoint returns before its invocation ends.
              name: "metrics-recorder",
              compatibilityDate: "2026-04-20",
              bindings: { ORIGIN: originUrl ?? "http://127.0.0.1:9" },
              modules: [{
                type: "ESModule",
                path: "metrics-recorder.mjs",
                contents: `import { WorkerEntrypoint } from "cloudflare:workers";
                  export class Recorder extends WorkerEntrypoint {
                    async writeDataPoint(point) {
                      await fetch(this.env.ORIGIN + "/metrics", { method: "POST", body: JSON.stringify(point) });
                    }
                  }
                  export default { fetch() { return new Response("metrics-recorder"); } };`,
              }],
            },
          ]
        : []),
      ...(forger
        ? [
            {
              name: "queue-forger",
              compatibilityDate: "2026-04-20",
              queueProducers: { Q: { queueName: "deliveries" } },
              modules: [{
                type: "ESModule",
                path: "queue-forger.mjs",
                contents: `export default {
                  async fetch(request, env) {
                    const { body, contentType } = await request.json();
                    await env.Q.send(body, { contentType });
                    return new Response("sent");
                  }
                }`,
              }],
            },
          ]
        : []),
      ...(brokenStore
        ? [
            {
              name: "broken-store",
              compatibilityDate: "2026-04-20",
              durableObjects: { BROKEN: { className: "BrokenStore", useSQLite: true } },
              modules: [{
                type: "ESModule",
                path: "broken-store.mjs",
                contents: `import { DurableObject } from "cloudflare:workers";
                  export class BrokenStore extends DurableObject {
                    async fetch() { throw new Error("storage unavailable (injected)"); }
                  }
                  export default { fetch() { return new Response("broken-store"); } };`,
              }],
            },
          ]
        : []),
    ],
  }));
  const url = await mf.ready;
  const db = gateway === true || gateway === "no-bodies" ? await mf.getD1Database("LOG") : undefined;
  if (db) await db.batch(migrationStatements().map((q) => db.prepare(q)));
  return {
    mf,
    /** What the ALERT_EMAIL binding sent (`email: true`), oldest first. */
    sentEmails: () =>
      mfLog
        .filter((m) => m.includes("send_email binding called with MessageBuilder:"))
        .map((m) => {
          const plain = m.replace(/\x1b\[[0-9;]*m/g, "");
          const field = (name) => plain.match(new RegExp(`^${name}: (.*)$`, "m"))?.[1];
          const textFile = field("Text");
          return { from: field("From"), to: field("To"), subject: field("Subject"), text: textFile ? readFileSync(textFile.trim(), "utf8") : undefined };
        }),
    /** The delivery log (D1) and the bodies (R2), with `gateway: true`. */
    db,
    bucket: gateway && gateway !== "no-bodies" ? await mf.getR2Bucket("BODIES") : undefined,
    /** An admin API call with the token (or `token`), answered as { status, headers, json }. */
    admin: async (path, { method = "GET", body, token = ADMIN_TOKEN } = {}) => {
      const res = await mf.dispatchFetch(`http://edge.test/_hookguard/api/${path}`, {
        method,
        headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let json;
      try { json = JSON.parse(text); } catch { json = undefined; }
      return { status: res.status, headers: res.headers, json, text };
    },
    /** The worker's own loopback address, for requests sent with node:http (real framing). */
    url,
    fetch: (path, init) => mf.dispatchFetch(`http://edge.test${path}`, init),
    /** Runs the cron trigger once, as the platform would (scheduled handler). */
    scheduled: async () => (await mf.getWorker("hookguard")).scheduled({ cron: "*/5 * * * *" }),
    forge: async (body, contentType = "json") => {
      const res = await (await mf.getWorker("queue-forger")).fetch("http://forger.test/", {
        method: "POST",
        body: JSON.stringify({ body, contentType }),
      });
      if (!res.ok) throw new Error(`forger: ${res.status} ${await res.text()}`);
    },
    dispose: () => mf.dispose(),
  };
}

/** inSigner's scheme: HMAC-SHA256 over the raw body, keyed with the secret string's bytes. */
export function insignerDelivery(secret, { id, event = "document.completed", ts = now(), body } = {}) {
  const raw =
    body ??
    Buffer.from(
      JSON.stringify({ id, event, api_version: "2026-05-28", created_at: new Date(ts * 1000).toISOString(), data: { n: 1 } }),
    );
  const sig = createHmac("sha256", Buffer.from(secret, "utf8")).update(raw).digest("hex");
  return {
    headers: {
      "content-type": "application/json",
      "user-agent": "inSigner-Webhooks/1.0",
      "x-insigner-event": event,
      "x-insigner-delivery-id": id,
      "x-insigner-timestamp": String(ts),
      "x-insigner-signature": `sha256=${sig}`,
    },
    body: raw,
  };
}

export function post(worker, path, { headers, body }) {
  return worker.fetch(path, { method: "POST", headers, body });
}

/** Polls until `fn()` is truthy, at most `ms`. */
export async function waitFor(fn, ms = 15000, step = 100) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await fn();
    if (v) return v;
    await sleep(step);
  }
  return fn();
}

/**
 * POSTs `chunks` with node:http and Transfer-Encoding: chunked (no Content-Length), so the worker
 * sees a body of unknown length. Resolves to { status, json }.
 */
export function postChunked(worker, path, headers, chunks) {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, worker.url), { method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } }, (res) => {
      const got = [];
      res.on("data", (c) => got.push(c));
      res.on("end", () => {
        const text = Buffer.concat(got).toString("utf8");
        resolve({ status: res.statusCode, json: JSON.parse(text) });
      });
    });
    // The worker may answer 413 and close before the last chunk: that is the point.
    req.on("error", (e) => (e.code === "EPIPE" || e.code === "ECONNRESET" ? undefined : reject(e)));
    (async () => {
      for (const c of chunks) {
        if (!req.write(c)) await new Promise((r) => req.once("drain", r));
        await sleep(5);
      }
      req.end();
    })().catch(reject);
  });
}

/**
 * Writes `head` (the request line and headers, CRLF-terminated, without the blank line) and
 * then the body parts, over a plain TCP socket to the worker: the exact framing a test names,
 * which fetch and node:http would correct. Stops writing as soon as an answer arrives
 * (`pauseMs`: wait that long after the head before the first body byte).
 * Resolves to { status, json, written } (`written`: body bytes sent when the answer came).
 */
export function rawRequest(worker, head, parts = [], { gapMs = 0, pauseMs = 0 } = {}) {
  const { hostname, port } = new URL(worker.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    let answer = Buffer.alloc(0);
    let written = 0;
    let answered = null;
    const finish = () => {
      const text = answer.toString("latin1");
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      if (!m) return reject(new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`));
      const at = text.indexOf("\r\n\r\n");
      let body = text.slice(at + 4);
      if (/\r\ntransfer-encoding: *chunked/i.test(text.slice(0, at))) {
        // Enough of a chunked decoder for the small JSON answers the worker gives.
        let out = "";
        for (let rest = body; ; ) {
          const nl = rest.indexOf("\r\n");
          const size = parseInt(rest.slice(0, nl), 16);
          if (!size) break;
          out += rest.slice(nl + 2, nl + 2 + size);
          rest = rest.slice(nl + 2 + size + 2);
        }
        body = out;
      }
      let json = null;
      try {
        json = JSON.parse(Buffer.from(body, "latin1").toString("utf8"));
      } catch {}
      resolve({ status: Number(m[1]), json, written: answered ?? written });
    };
    socket.on("data", (d) => {
      answer = Buffer.concat([answer, d]);
      if (answered === null && answer.includes("\r\n\r\n")) answered = written;
      const text = answer.toString("latin1");
      const at = text.indexOf("\r\n\r\n");
      if (at < 0) return;
      const len = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, at));
      if (len && answer.length >= at + 4 + Number(len[1])) {
        socket.destroy();
        finish();
      }
    });
    socket.on("error", (e) => (e.code === "EPIPE" || e.code === "ECONNRESET" ? undefined : reject(e)));
    socket.on("close", () => (answer.length ? finish() : reject(new Error("closed without an answer"))));
    (async () => {
      if (!socket.write(`${head}\r\n`)) await new Promise((r) => socket.once("drain", r));
      // An answer that comes before any body byte is sent is the worker refusing unread.
      if (pauseMs) await sleep(pauseMs);
      for (const p of parts) {
        if (answered !== null || socket.destroyed) return;
        if (!socket.write(p)) await new Promise((r) => socket.once("drain", r));
        written += p.length;
        if (gapMs) await sleep(gapMs);
      }
    })().catch(() => {});
  });
}

/** A queue message as the edge writes it, signed with `key` (an authentic one with QUEUE_KEY). */
export function queueMessage(payload, key = QUEUE_KEY) {
  const json = JSON.stringify(payload);
  const mac = createHmac("sha256", key).update(`hookguard-queue/1\n${json}`).digest("hex");
  return `hookguard-queue/1 ${mac} ${json}`;
}

/** The payload of one of the edge's queue messages (`hookguard-queue/1 <mac> <json>`), or null. */
export function queuePayload(text) {
  const m = /^hookguard-queue\/1 [0-9a-f]{64} /.exec(typeof text === "string" ? text : "");
  return m ? JSON.parse(text.slice(m[0].length)) : null;
}
