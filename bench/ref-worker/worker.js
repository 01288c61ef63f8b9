// Reference edge worker for the benchmark (bench/edge.mjs): the same job as hookguard's Rust
// worker on one inSigner route in direct mode, written in plain JavaScript with WebCrypto:
//   verify (headers, timestamp window, HMAC-SHA256 via crypto.subtle.verify, JSON envelope and
//   header cross-check) -> claim the delivery id in a SQLite-backed Durable Object (16 shards
//   per route, one row per key, like DedupeStore) -> forward the raw body with the provider's
//   headers, the X-Hookguard-* facts and a Standard Webhooks re-signature -> mark delivered ->
//   one JSON log line per request. Local benchmark use only; not a product.

const enc = new TextEncoder();
const dec = new TextDecoder();
const HEX64 = /^[0-9a-fA-F]{64}$/;
const DIGITS = /^[0-9]{1,15}$/;
const DROPPED = new Set([
  "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te",
  "trailer", "transfer-encoding", "upgrade", "host", "content-length", "cdn-loop", "true-client-ip",
  "x-real-ip", "webhook-id", "webhook-timestamp", "webhook-signature",
]);
const LEASE_MS = 30_000;
const MIN_TTL_MS = 24 * 3600 * 1000;

let verifyKey; // Promise<CryptoKey>, imported once per isolate
let resignKey;

function json(status, value) {
  return new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });
}
const error = (status, code, message) => json(status, { error: { code, message } });

function hexToBytes(hex) {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

function base64(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s);
}

function fromBase64(s) {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// Replay store as in the Rust worker: each route's keys spread over 16 Durable Objects (shard =
// first byte of SHA-256(key) mod 16), one row per key.
const SHARDS = 16;
async function dedupe(env, route, key, op) {
  // REF_DEDUPE_OFF=1 (a local experiment only, not used by bench/run.mjs) prices the replay store.
  if (env.REF_DEDUPE_OFF === "1") return op.op === "claim" ? { outcome: "claimed", token: "off" } : { ok: true };
  const shard = new Uint8Array(await crypto.subtle.digest("SHA-256", enc.encode(key)))[0] % SHARDS;
  const stub = env.REF_DEDUPE.get(env.REF_DEDUPE.idFromName(`${route}\n${shard}`));
  const res = await stub.fetch("https://dedupe.internal/", { method: "POST", body: JSON.stringify({ ...op, key }) });
  return res.json();
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const route = env.ROUTE || "/webhooks/insigner";
    if (url.pathname !== route) return error(404, "not_found", "unknown route");
    if (request.method !== "POST") return error(405, "method_not_allowed", "POST only");
    // One JSON log line per delivery, whatever the outcome (as the Rust worker does).
    const line = { msg: "delivery", route };
    const res = await handle(request, env, route, line);
    console.log(JSON.stringify(line));
    return res;
  },
};

async function handle(request, env, route, line) {
  const started = Date.now();
  const reject = (status, code, message) => {
    line.outcome = "rejected";
    line.code = code;
    return error(status, code, message);
  };

  const h = request.headers;
  const sig = h.get("x-insigner-signature");
  const ts = h.get("x-insigner-timestamp");
  const event = h.get("x-insigner-event");
  const id = h.get("x-insigner-delivery-id");
  if (sig === null || ts === null || event === null || id === null) {
    return reject(400, "missing_header", "a required header is absent");
  }
  if (!DIGITS.test(ts)) return reject(400, "malformed_header", "timestamp");
  if (!sig.startsWith("sha256=") || !HEX64.test(sig.slice(7))) return reject(400, "malformed_header", "signature");
  const tolerance = Number(env.TOLERANCE_SECONDS || 300);
  const now = Math.floor(started / 1000);
  const t = Number(ts);
  if (now - t > tolerance) return reject(401, "timestamp_too_old", "timestamp too old");
  if (t - now > tolerance) return reject(401, "timestamp_in_future", "timestamp in the future");

  const body = new Uint8Array(await request.arrayBuffer());
  if (body.byteLength > 1024 * 1024) return reject(413, "body_too_large", "body too large");
  verifyKey ??= crypto.subtle.importKey(
    "raw", enc.encode(env.INSIGNER_SECRET), { name: "HMAC", hash: "SHA-256" }, false, ["verify"],
  );
  const ok = await crypto.subtle.verify("HMAC", await verifyKey, hexToBytes(sig.slice(7)), body);
  if (!ok) return reject(401, "signature_mismatch", "signature mismatch");
  let payload;
  try {
    payload = JSON.parse(dec.decode(body));
  } catch {
    return reject(400, "invalid_payload", "not JSON");
  }
  if (payload === null || typeof payload !== "object" || typeof payload.id !== "string" || typeof payload.event !== "string") {
    return reject(400, "invalid_payload", "not an inSigner envelope");
  }
  if (payload.event !== event || payload.id !== id) return reject(401, "header_body_mismatch", "headers disagree with the body");

  // Replay protection: claim the signed body id before forwarding.
  const key = `insigner:${payload.id}`;
  const ttlMs = Math.max(tolerance * 1000, MIN_TTL_MS);
  const claim = await dedupe(env, route, key, { op: "claim", lease_ms: LEASE_MS, ttl_ms: ttlMs });
  line.event = event;
  line.id = id;
  if (claim.outcome === "duplicate") {
    line.outcome = "duplicate";
    return json(200, { status: "duplicate" });
  }
  if (claim.outcome === "in_flight") {
    line.outcome = "in_flight";
    return error(409, "in_flight", "delivery in flight");
  }

  const out = new Headers();
  for (const [k, v] of h) {
    if (!DROPPED.has(k) && !k.startsWith("cf-") && !k.startsWith("x-forwarded-") && !k.startsWith("x-hookguard-")) out.append(k, v);
  }
  out.set("x-hookguard-provider", "insigner");
  out.set("x-hookguard-event", event);
  out.set("x-hookguard-id", id);
  out.set("x-hookguard-verified-at", String(now));
  if (env.EDGE_SIGNING_SECRET) {
    resignKey ??= crypto.subtle.importKey(
      "raw", fromBase64(env.EDGE_SIGNING_SECRET.replace(/^whsec_/, "")), { name: "HMAC", hash: "SHA-256" }, false, ["sign"],
    );
    const prefix = enc.encode(`${id}.${now}.`);
    const signed = new Uint8Array(prefix.length + body.length);
    signed.set(prefix);
    signed.set(body, prefix.length);
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await resignKey, signed));
    out.set("webhook-id", id);
    out.set("webhook-timestamp", String(now));
    out.set("webhook-signature", `v1,${base64(mac)}`);
  }
  let res;
  try {
    res = await fetch(env.ORIGIN_URL, { method: "POST", headers: out, body, redirect: "manual", signal: AbortSignal.timeout(8000) });
    await res.arrayBuffer();
  } catch {
    await dedupe(env, route, key, { op: "release", token: claim.token });
    line.outcome = "origin_unreachable";
    return error(502, "origin_unreachable", "the origin could not be reached");
  }
  if (res.status < 200 || res.status > 299) {
    await dedupe(env, route, key, { op: "release", token: claim.token });
    line.outcome = "origin_refused";
    line.originStatus = res.status;
    return error(502, "origin_refused", `the origin answered ${res.status}`);
  }
  await dedupe(env, route, key, { op: "complete", token: claim.token, ttl_ms: ttlMs });
  Object.assign(line, { outcome: "delivered", originStatus: res.status, originMs: Date.now() - started });
  return json(200, { status: "delivered", originStatus: res.status });
}

/** One of 16 shards per route: a SQLite table keyed by dedupe key, swept by an alarm. */
export class RefDedupeStore {
  constructor(state) {
    this.state = state;
    this.sql = state.storage.sql;
    this.schemaReady = false;
  }

  ensureSchema() {
    if (this.schemaReady) return;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS delivery (
      key TEXT PRIMARY KEY, state TEXT NOT NULL, token TEXT NOT NULL,
      lease_until INTEGER NOT NULL, expires_at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS delivery_expiry ON delivery (expires_at);`);
    this.schemaReady = true;
  }

  row(key, now) {
    const r = this.sql.exec("SELECT state, token, lease_until, expires_at FROM delivery WHERE key = ?", key).toArray()[0];
    return r && r.expires_at > now ? r : undefined;
  }

  write(key, state, token, leaseUntil, expiresAt) {
    this.sql.exec(
      "INSERT OR REPLACE INTO delivery (key, state, token, lease_until, expires_at) VALUES (?, ?, ?, ?, ?)",
      key, state, token, leaseUntil, expiresAt,
    );
  }

  async armAlarm(at) {
    const existing = await this.state.storage.getAlarm();
    if (existing === null || existing > at) await this.state.storage.setAlarm(at);
  }

  async fetch(request) {
    const op = await request.json();
    this.ensureSchema();
    const now = Date.now();
    let out;
    if (op.op === "claim") {
      const row = this.row(op.key, now);
      if (row && row.state === "delivered") out = { outcome: "duplicate" };
      else if (row && row.state === "claimed" && row.lease_until > now) {
        out = { outcome: "in_flight", retry_after_seconds: Math.max(1, Math.ceil((row.lease_until - now) / 1000)) };
      } else {
        const token = `${now.toString(16)}-${Math.floor(Math.random() * 2 ** 53).toString(16)}`;
        const expires = now + Math.max(op.ttl_ms, op.lease_ms);
        this.write(op.key, "claimed", token, now + op.lease_ms, expires);
        await this.armAlarm(expires);
        out = { outcome: "claimed", token };
      }
    } else if (op.op === "complete") {
      this.write(op.key, "delivered", op.token, 0, now + op.ttl_ms);
      await this.armAlarm(now + op.ttl_ms);
      out = { ok: true };
    } else {
      const row = this.row(op.key, now);
      const mine = !!row && row.state === "claimed" && row.token === op.token;
      if (mine) this.sql.exec("DELETE FROM delivery WHERE key = ?", op.key);
      out = { ok: true, released: mine };
    }
    return new Response(JSON.stringify(out), { headers: { "content-type": "application/json" } });
  }

  async alarm() {
    const now = Date.now();
    this.sql.exec("DELETE FROM delivery WHERE expires_at <= ?", now);
    const next = this.sql.exec("SELECT MIN(expires_at) AS next FROM delivery").toArray()[0]?.next;
    if (next != null) await this.state.storage.setAlarm(Math.max(next, now + 1));
    else {
      this.schemaReady = false;
      await this.state.storage.deleteAll();
    }
  }
}
