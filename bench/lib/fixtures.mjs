// Realistic inSigner envelopes of an exact byte size, and the genuine deliveries each
// implementation under test expects for that same body.

export const SECRET = "insigner_whsec_bench_2f9c4e7a1b3d5f60";
export const EVENT = "document.completed";

// 256 B, 2 KB, 64 KB, 1 MB. 1 MB is 1,000,000 bytes: under hookguard's default 1 MiB limit.
export const SIZES = [256, 2048, 65536, 1_000_000];

export function sizeLabel(n) {
  if (n >= 1_000_000) return `${n / 1_000_000} MB`;
  if (n >= 1024) return `${n / 1024} KB`;
  return `${n} B`;
}

// Deterministic pseudo-random generator, so every run benchmarks the same bytes.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = "agreement signed approved contract renewal invoice schedule amendment nda lease offer letter policy consent".split(" ");
const ACTIONS = ["viewed", "signed", "opened", "forwarded", "downloaded", "reminded"];

function auditEntry(r, i) {
  return {
    at: new Date(Date.UTC(2026, 10, 23, 9, 0, 0) + i * 1711).toISOString(),
    actor: `signer_${Math.floor(r() * 1e6).toString(36)}@example.com`,
    action: ACTIONS[Math.floor(r() * ACTIONS.length)],
    ip: `10.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}`,
    page: Math.floor(r() * 40),
    note: `${WORDS[Math.floor(r() * WORDS.length)]} ${WORDS[Math.floor(r() * WORDS.length)]} \u00e9t\u00e9`,
  };
}

/**
 * A compact JSON inSigner envelope of exactly `size` UTF-8 bytes: {id, event, api_version,
 * created_at, data}, where data holds a document, signers, an audit trail (objects, numbers,
 * a few non-ASCII characters, escapes) and a final filler string that makes the size exact.
 */
export function makeBody(size, { id = "dlv_01JBENCH0000000000000000", event = EVENT } = {}) {
  const r = rng(size);
  // Start small (a 256-byte envelope has room for little more than the fields), then add
  // richer parts while they fit.
  const data = { document_id: "doc_8f2c91", status: "completed", filler: "" };
  // created_at: an hour ago, to the second. A fixed date ages out of the worker's default
  // maxEventAgeSeconds (the replay memory's window) and the edge part then refuses every delivery.
  const createdAt = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000).toISOString().replace(".000Z", "Z");
  const envelope = { id, event, api_version: "2024-06-01", created_at: createdAt, data };
  const enc = new TextEncoder();
  const bytes = () => enc.encode(JSON.stringify(envelope)).length;
  const tryAdd = (key, value) => {
    data[key] = value;
    if (bytes() > size - 14) delete data[key];
  };
  // Keep "filler" last.
  delete data.filler;
  tryAdd("title", 'Master services agreement "2026" \u2013 r\u00e9vision');
  tryAdd("signers", [
    { email: "ana@example.com", name: "Ana Lima", status: "signed", order: 1 },
    { email: "bo@example.com", name: "Bo Chen", status: "signed", order: 2 },
  ]);
  data.audit_trail = [];
  let i = 0;
  // Grow the audit trail in chunks, then one at a time, while there is room.
  for (const step of [256, 16, 1]) {
    for (;;) {
      const before = data.audit_trail.length;
      for (let k = 0; k < step; k++) data.audit_trail.push(auditEntry(r, i++));
      if (bytes() > size - 14) {
        data.audit_trail.length = before;
        break;
      }
    }
  }
  if (data.audit_trail.length === 0) delete data.audit_trail;
  data.filler = "";
  const missing = size - bytes();
  if (missing < 0) throw new Error(`cannot build a ${size}-byte envelope`);
  data.filler = "x".repeat(missing);
  const body = JSON.stringify(envelope);
  if (enc.encode(body).length !== size) throw new Error("size mismatch");
  return body;
}

// The two body shapes of the benchmark: the realistic envelope above, and an envelope whose
// data is one long JSON string (what most of a large body's bytes are in practice: a
// document, a base64 attachment, a rendered message).
export const SHAPES = ["envelope", "long-string"];
export const SHAPE_LABELS = { envelope: "envelope (objects, numbers, escapes)", "long-string": "one long string" };

/**
 * An envelope of exactly `size` UTF-8 bytes whose data is one long string of words (ASCII
 * letters and spaces, a sentence break now and then; no escapes).
 */
export function makeLongStringBody(size, { id = "dlv_01JBENCH0000000000000000", event = EVENT } = {}) {
  const r = rng(size ^ 0x5bd1e995);
  const createdAt = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000).toISOString().replace(".000Z", "Z");
  const head = JSON.stringify({ id, event, api_version: "2024-06-01", created_at: createdAt, data: "" }).slice(0, -3);
  const room = size - head.length - 3;
  if (room < 0) throw new Error(`cannot build a ${size}-byte long-string body`);
  const words = [];
  let n = 0;
  while (n < room) {
    const w = WORDS[Math.floor(r() * WORDS.length)] + (r() < 0.08 ? ". " : " ");
    words.push(w);
    n += w.length;
  }
  const body = `${head}"${words.join("").slice(0, room)}"}`;
  if (Buffer.byteLength(body) !== size) throw new Error("size mismatch");
  return body;
}

/** The body of `shape` and `size`. */
export function makeShapedBody(shape, size, opts) {
  if (shape === "envelope") return makeBody(size, opts);
  if (shape === "long-string") return makeLongStringBody(size, opts);
  throw new Error(`unknown body shape ${shape}`);
}

/** Flips one character in the middle of the body (keeps it valid JSON and the same length). */
export function tamper(body) {
  if (body.endsWith('"}') && !body.includes('"filler":"')) {
    // A long-string body: one letter of the string, in its middle.
    let i = body.length >> 1;
    while (!/[a-z]/.test(body[i])) i++;
    return body.slice(0, i) + (body[i] === "a" ? "b" : "a") + body.slice(i + 1);
  }
  const i = body.indexOf('"filler":"') + 10;
  if (i >= 10 && body[i] === "x") return body.slice(0, i) + "y" + body.slice(i + 1);
  const j = body.lastIndexOf("signed");
  return body.slice(0, j) + "Signed" + body.slice(j + 6);
}

const b64 = (bytes) => Buffer.from(bytes).toString("base64");

/** A Standard Webhooks / Svix secret: "whsec_" + base64 of 32 bytes (fixed for the benchmark). */
export const STANDARD_SECRET = "whsec_" + b64(new Uint8Array(32).map((_, i) => (i * 37 + 11) & 255));
export const STRIPE_SECRET = "whsec_stripe_bench_6a1e3f";
export const GITHUB_SECRET = SECRET;
