// Child of node-crypto.test.mjs: signs and verifies a seeded corpus of deliveries for every HMAC
// provider and prints what happened, one JSON line per delivery, then how many digests
// node:crypto computed. Run as installed (node:crypto computes the inner hash of the MAC of
// bodies from 1024 bytes, by crypto.hash over the input laid out in the scratch buffer), with
// HOOKGUARD_TEST_NO_ONE_SHOT=1 (crypto.hash removed first: createHash gets the parts), and with
// HOOKGUARD_NODE_CRYPTO=0 (every MAC in wasm); the parent compares.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// Counts node:crypto's digests: the package's CommonJS bundle reads hash and createHash off
// this module object at each call.
const crypto = require("node:crypto");
const counts = { hash: 0, createHash: 0 };
const { hash, createHash } = crypto;
crypto.hash = process.env.HOOKGUARD_TEST_NO_ONE_SHOT === "1"
  ? undefined
  : (...args) => {
      counts.hash++;
      return hash(...args);
    };
crypto.createHash = (...args) => {
  counts.createHash++;
  return createHash(...args);
};
const { Verifier, sign, providers, WebhookError } = require("hookguard");

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const r = rng(Number(process.argv[2] ?? 1));
const int = (n) => Math.floor(r() * n);
const CHARS = "abcdefghijklmnopqrstuvwxyz0123456789 -_.:,;ABCXYZ".split("").concat(["é", "€", "😀", "中", "\\n", "\\\"", "\\u00e9"]);
const text = (bytes) => {
  const parts = [];
  for (let n = 0; n < bytes; ) {
    const c = CHARS[int(CHARS.length)];
    parts.push(c);
    n += Buffer.byteLength(c);
  }
  return parts.join("");
};
const SIZES = [0, 200, 1000, 1023, 1024, 1025, 1536, 2048, 5000, 65536, 300000];
const URL = "https://example.com/hooks/in?a=1";
const NOW = 1780065000;

// A random key every provider takes (a whsec_ base64 key is also a valid UTF-8 key), from 16
// to 160 bytes: shorter and longer than a hash block (64 bytes; 128 for SHA-512), which the
// HMAC hashes first.
const newSecret = () => "whsec_" + Buffer.from(Array.from({ length: 16 + int(144) }, () => int(256))).toString("base64");

const out = [];
for (const p of providers) {
  if (!p.auth.algorithm?.startsWith("HMAC")) continue;
  for (const size of SIZES) {
    const secret = newSecret();
    const opts = { provider: p.id, secret, timestamp: NOW, ...(p.auth.needsUrl ? { url: URL } : {}) };
    let sample;
    try {
      sample = sign(opts);
    } catch (e) {
      out.push({ provider: p.id, size, sign: e.code });
      continue;
    }
    // JSON bodies padded to about `size` bytes with a field of random text; form bodies as
    // signed (their fields come from the sample).
    let body = typeof sample.body === "string" ? sample.body : Buffer.from(sample.body).toString();
    if (body.startsWith("{") && size > body.length) body = `{"pad":"${text(size - body.length)}",` + body.slice(1);
    let d;
    try {
      d = sign({ ...opts, body });
    } catch (e) {
      out.push({ provider: p.id, size, sign: e.code });
      continue;
    }
    const v = new Verifier({ provider: p.id, secret });
    const bytes = new TextEncoder().encode(body);
    const tampered = bytes.slice();
    tampered[int(tampered.length)] ^= 0x01;
    const outcome = (headers, b) => {
      try {
        const e = v.verify(headers, b, { now: NOW, ...(d.url ? { url: d.url } : {}) });
        return { ok: true, event: e.event, id: e.id, keyIndex: e.keyIndex, dedupeKey: e.dedupeKey };
      } catch (e) {
        if (!(e instanceof WebhookError)) throw e;
        return { code: e.code };
      }
    };
    const wrong = new Verifier({ provider: p.id, secret: newSecret() });
    let wrongKey;
    try {
      wrong.verify(d.headers, body, { now: NOW, ...(d.url ? { url: d.url } : {}) });
      wrongKey = "valid";
    } catch (e) {
      wrongKey = e.code;
    }
    out.push({
      provider: p.id,
      size: bytes.length,
      // Body-field providers (Mailgun, Dropbox Sign, SignWell) sign some fields, not the body.
      bodySigned: p.auth.kind === "signature",
      headers: d.headers,
      string: outcome(d.headers, body),
      bytes: outcome(d.headers, bytes),
      tampered: tampered.length > 0 ? outcome(d.headers, tampered) : null,
      wrongKey,
    });
  }
}
process.stdout.write(JSON.stringify({ ...counts, deliveries: out }) + "\n");
