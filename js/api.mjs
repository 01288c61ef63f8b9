// The public JavaScript API of hookguard, over the raw wasm bindings (src/js.rs).
// It is copied to dist/{web,workerd,node}/index.mjs beside that environment's init.mjs, which
// loads the wasm module; importing it makes the spec run init (even its top-level await) first.
// Synchronous, no Buffer, no WebCrypto, no Node built-ins.

import "./init.mjs";
import * as raw from "../wasm/hookguard.js";

const decoder = new TextDecoder("utf-8", { fatal: false });
const encoder = new TextEncoder();
const LONG_STRING = 2048;

// Small inputs travel through one reused wasm-side buffer (src/js.rs `scratch`): encodeInto and
// set write the header values and the body in place and the call passes only lengths, instead
// of a malloc, a copy and a free per argument. Larger inputs take the per-call path below.
const SCRATCH_BYTES = 16384;
const memory = raw.wasmMemory();
let scratchPtr = 0;
let scratchView = null;
function scratchBuffer() {
  // A view dies when wasm memory grows (its ArrayBuffer is replaced): re-create it then.
  if (scratchView === null || scratchView.buffer !== memory.buffer) {
    if (scratchPtr === 0) scratchPtr = raw.scratch(SCRATCH_BYTES);
    scratchView = new Uint8Array(memory.buffer, scratchPtr, SCRATCH_BYTES);
  }
  return scratchView;
}

/** The error table (code, HTTP status, description), read from the Rust core. */
export const errorCodes = Object.freeze(
  JSON.parse(raw.errorCodes()).map((e) => Object.freeze(e)),
);
const STATUS = Object.fromEntries(errorCodes.map((e) => [e.code, e.status]));
const CODES = errorCodes.map((e) => e.code); // in the core's order: verify returns -(index + 1)
const NEEDS_FIELDS = 1 << 13;

// HTTP's optional whitespace (spaces and tabs only), as the core trims it.
function trimOws(s) {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) === 32 || s.charCodeAt(a) === 9)) a++;
  while (b > a && (s.charCodeAt(b - 1) === 32 || s.charCodeAt(b - 1) === 9)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** The scheme descriptors (header names, events with sample data), read from the Rust core. */
export const providers = Object.freeze(JSON.parse(raw.providers()));

/** The package version (the Rust crate's). */
export const version = raw.version();

/** A rejected delivery or unusable options. `code` is one of `errorCodes`. */
export class WebhookError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "WebhookError";
    this.code = code;
  }
  /** The HTTP status the worker answers with for this code. */
  get status() {
    return STATUS[this.code] ?? 500;
  }
}

function fromWasm(e) {
  if (typeof e === "string") {
    const i = e.indexOf(":");
    return new WebhookError(e.slice(0, i), e.slice(i + 1));
  }
  return e;
}

function configError(message) {
  return new WebhookError("invalid_config", message);
}

// ---- headers -------------------------------------------------------------------------------

// Returns the values of `names` (lower case) in order; undefined when absent. A name present
// more than once is ambiguous: malformed_header, as in the Rust core.
function readHeaders(headers, names) {
  if (headers == null || typeof headers !== "object") {
    throw configError(
      "headers must be a Headers object, a plain object or an iterable of [name, value] pairs",
    );
  }
  const out = new Array(names.length);
  // Headers (fetch, undici, workerd): case-insensitive get(); repeats are already joined with
  // ", ", which the core then rejects as malformed.
  if (typeof headers.get === "function" && typeof headers.has === "function" && !(headers instanceof Map)) {
    for (let i = 0; i < names.length; i++) {
      const v = headers.get(names[i]);
      out[i] = v == null ? undefined : String(v);
    }
    return out;
  }
  const seen = new Array(names.length).fill(false);
  const take = (name, value) => {
    const lower = String(name).toLowerCase();
    const i = names.indexOf(lower);
    if (i < 0) return;
    if (seen[i]) throw new WebhookError("malformed_header", `the ${lower} header appears more than once`);
    seen[i] = true;
    if (Array.isArray(value)) {
      // Node's IncomingMessage.headers gives arrays for repeated headers.
      if (value.length !== 1) {
        throw new WebhookError("malformed_header", `the ${lower} header appears more than once`);
      }
      value = value[0];
    }
    out[i] = value == null ? undefined : String(value);
  };
  if (typeof headers[Symbol.iterator] === "function") {
    for (const pair of headers) {
      if (!pair || pair.length !== 2) throw configError("header pairs must be [name, value]");
      take(pair[0], pair[1]);
    }
  } else {
    for (const name of Object.keys(headers)) take(name, headers[name]);
  }
  return out;
}

// ---- body ----------------------------------------------------------------------------------

// A body as the exact bytes received: a string is its UTF-8 bytes; binary views are used as
// they are (no copy until wasm-bindgen copies into wasm memory).
function bodyBytes(body) {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (typeof SharedArrayBuffer !== "undefined" && body instanceof SharedArrayBuffer) return new Uint8Array(body);
  return null;
}

function wrongBody(body) {
  const got = body === null ? "null" : Array.isArray(body) ? "array" : typeof body;
  return new WebhookError(
    "invalid_payload",
    `the body must be the raw request body as a Uint8Array, ArrayBuffer or string (got ${got}); ` +
      "verify before any JSON parsing: re-serialised JSON does not match the signature",
  );
}

function nowSeconds(opts) {
  const now = opts && opts.now !== undefined ? opts.now : Math.floor(Date.now() / 1000);
  if (typeof now !== "number" || !Number.isFinite(now) || now < 0) {
    throw configError("now must be a finite, non-negative number of unix seconds");
  }
  if (now > 1e11) throw configError("now looks like milliseconds; pass unix seconds (Date.now() / 1000)");
  return now;
}

// ---- results -------------------------------------------------------------------------------

/** A verified delivery. `payload` is the parsed JSON body, parsed on first access. */
class VerifiedEvent {
  #body; // the verified body: a string, or a private copy of the bytes
  #payload;
  constructor(provider, fields, body) {
    this.provider = provider;
    this.event = fields.event;
    this.id = fields.id;
    this.timestamp = fields.timestamp;
    this.keyIndex = fields.keyIndex;
    this.dedupeKey = fields.dedupeKey;
    this.#body = body;
  }
  get payload() {
    if (this.#payload === undefined) {
      const text = typeof this.#body === "string" ? this.#body : decoder.decode(this.#body);
      this.#payload = JSON.parse(text);
      this.#body = undefined;
    }
    return this.#payload;
  }
  toJSON() {
    const { provider, event, id, timestamp, keyIndex, dedupeKey } = this;
    return { provider, event, id, timestamp, keyIndex, dedupeKey, payload: this.payload };
  }
}

// ---- Verifier ------------------------------------------------------------------------------

function optionsJson(options) {
  if (options == null || typeof options !== "object" || Array.isArray(options)) {
    throw configError("options must be an object: { provider, secret, ... }");
  }
  // JSON.stringify writes NaN and ±Infinity as null, which the core reads as "not given": a
  // toleranceSeconds of Number(undefined) would silently become the default. Refuse instead.
  for (const k in options) {
    const v = options[k];
    if (typeof v === "number" && !Number.isFinite(v)) throw configError(`${k} must be a finite number`);
  }
  return JSON.stringify(options);
}

/** Verifies deliveries for one provider and one set of secrets; build once, reuse. */
export class Verifier {
  #raw;
  #names;
  #provider;
  #max;

  constructor(options) {
    try {
      this.#raw = new raw.RawVerifier(optionsJson(options));
    } catch (e) {
      throw fromWasm(e);
    }
    this.#names = this.#raw.headerNames().split("\n");
    this.#provider = this.#raw.provider();
    this.#max = this.#raw.maxBodyBytes();
  }

  /** The provider id. */
  get provider() {
    return this.#provider;
  }
  /** The tolerance in effect, seconds (0 where the provider sends no timestamp). */
  get toleranceSeconds() {
    return this.#raw.toleranceSeconds();
  }
  /** The body size limit in effect, bytes. */
  get maxBodyBytes() {
    return this.#max;
  }
  /** The (lower-case) header names this verifier reads. */
  get headerNames() {
    return [...this.#names];
  }

  #values(headers) {
    const v = readHeaders(headers, this.#names);
    return [v[0], v[1], v[2], v[3]];
  }

  /**
   * Verifies one delivery. Returns the verified event; throws WebhookError otherwise.
   * @param headers Headers | Record<string,string> | Iterable<[string,string]>
   * @param body the raw body: Uint8Array | ArrayBuffer | string
   * @param opts { now?: unix seconds }
   */
  verify(headers, body, opts) {
    const now = nowSeconds(opts);
    const values = readHeaders(headers, this.#names);
    // One string for all header values (one boundary copy instead of four), NUL-separated:
    // NUL cannot occur in an HTTP field value, and the core rejects any control character, so
    // one inside a value is mapped to another control character (same malformed_header).
    // Lone surrogates become U+FFFD here, exactly as the UTF-8 encoder would make them, so the
    // strings kept for the result equal the bytes the core compared.
    let joined = "";
    let mask = 0;
    for (let i = 0; i < values.length; i++) {
      if (i > 0) joined += "\0";
      let v = values[i];
      if (v === undefined) continue;
      if (v.includes("\0")) v = v.replaceAll("\0", "\u0001");
      else if (v.isWellFormed !== undefined && !v.isWellFormed()) v = v.toWellFormed();
      values[i] = v;
      mask |= 1 << i;
      joined += v;
    }
    let r;
    let kept;
    if (typeof body === "string") {
      // A UTF-8 string is at least as many bytes as UTF-16 code units: refuse before copying.
      if (body.length > this.#max) throw this.#tooLarge(body.length);
      if (3 * (joined.length + body.length) <= SCRATCH_BYTES) {
        // UTF-8 needs at most 3 bytes per UTF-16 unit, so both always fit.
        const view = scratchBuffer();
        const hw = encoder.encodeInto(joined, view).written;
        const bw = encoder.encodeInto(body, view.subarray(hw)).written;
        r = this.#raw.verifyScratch(hw, mask, bw, now);
      } else {
        // wasm-bindgen copies a string's ASCII prefix one charCodeAt at a time; past a few KB
        // the native encoder plus one byte copy is faster (about 1.5x at 64 KB).
        r = body.length > LONG_STRING
          ? this.#raw.verifyBytes(joined, mask, encoder.encode(body), now)
          : this.#raw.verifyString(joined, mask, body, now);
      }
      kept = body;
    } else {
      let bytes = bodyBytes(body);
      if (bytes === null) throw wrongBody(body);
      if (bytes.byteLength > this.#max) throw this.#tooLarge(bytes.byteLength);
      // Another thread may write to shared memory at any time: verify a private copy and keep
      // that same copy, so the payload is exactly the bytes that were verified.
      const shared = typeof SharedArrayBuffer !== "undefined" && bytes.buffer instanceof SharedArrayBuffer;
      if (shared) bytes = bytes.slice();
      if (3 * joined.length + bytes.byteLength <= SCRATCH_BYTES) {
        const view = scratchBuffer();
        const hw = encoder.encodeInto(joined, view).written;
        view.set(bytes, hw);
        r = this.#raw.verifyScratch(hw, mask, bytes.byteLength, now);
      } else {
        r = this.#raw.verifyBytes(joined, mask, bytes, now);
      }
      // A private copy (a memcpy, cheaper than decoding now), so that later changes to the
      // caller's buffer cannot change the payload; decoded only if the payload is read.
      if (r >= 0) kept = shared ? bytes : bytes.slice();
    }
    if (r < 0) throw new WebhookError(CODES[-r - 1], this.#raw.lastError());
    return new VerifiedEvent(this.#provider, this.#fields(r, values), kept);
  }

  // The result number (src/js.rs): the key index, and which header slot holds a value
  // byte-equal to the verified event, id and timestamp; otherwise the fields come as JSON.
  #fields(r, values) {
    if (r & NEEDS_FIELDS) return JSON.parse(this.#raw.fields());
    const slot = (shift) => {
      const k = (r >> shift) & 7;
      return k === 0 ? null : trimOws(values[k - 1]);
    };
    const id = slot(7);
    const ts = slot(10);
    return {
      event: slot(4),
      id,
      timestamp: ts === null ? null : Number(ts),
      keyIndex: r & 15,
      dedupeKey: id === null ? null : `${this.#provider}:${id}`,
    };
  }

  /**
   * Runs every check and reports each one (for debugging and the playground).
   * With { revealExpected: true } the signature step lists the header value each secret would
   * produce for this body, which lets whoever reads it forge this body: never send it to a sender.
   */
  explain(headers, body, opts) {
    const now = nowSeconds(opts);
    const [h0, h1, h2, h3] = this.#values(headers);
    let bytes = typeof body === "string" ? new TextEncoder().encode(body) : bodyBytes(body);
    if (bytes === null) throw wrongBody(body);
    try {
      return JSON.parse(this.#raw.explain(h0, h1, h2, h3, bytes, now, !!(opts && opts.revealExpected)));
    } catch (e) {
      throw fromWasm(e);
    }
  }

  #tooLarge(n) {
    return new WebhookError("body_too_large", `the body is at least ${n} bytes; the limit is ${this.#max}`);
  }

  /** Frees the wasm-side keys now instead of at garbage collection. */
  free() {
    this.#raw.free();
  }
  [Symbol.dispose]() {
    this.free();
  }
}

// One-shot verify keeps a few prepared verifiers, keyed by the options' JSON, so that calling
// it per request does not re-derive HMAC keys. Mutating an options object is safe: the key is
// its content, not its identity.
const cache = new Map();
const CACHE_SIZE = 16;

/** One-shot form: verify(options, headers, body, { now }). */
export function verify(options, headers, body, opts) {
  const key = optionsJson(options);
  let v = cache.get(key);
  if (v === undefined) {
    v = new Verifier(options);
    if (cache.size >= CACHE_SIZE) {
      const oldest = cache.keys().next().value;
      cache.get(oldest).free();
      cache.delete(oldest);
    }
    cache.set(key, v);
  }
  return v.verify(headers, body, opts);
}

/**
 * Builds a genuine delivery: { headers, body }.
 * sign({ provider, secret, body?, timestamp?, id?, event?, header? })
 */
export function sign(options) {
  if (options == null || typeof options !== "object") throw configError("sign needs an options object");
  const { provider, secret, body, timestamp, id, event, header } = options;
  const known = new Set(["provider", "secret", "body", "timestamp", "id", "event", "header"]);
  for (const k of Object.keys(options)) if (!known.has(k)) throw configError(`sign: unknown option ${k}`);
  if (typeof provider !== "string") throw configError("sign: provider must be a string");
  if (typeof secret !== "string") throw configError("sign: secret must be a string");
  for (const [k, v] of [["id", id], ["event", event], ["header", header]]) {
    if (v !== undefined && typeof v !== "string") throw configError(`sign: ${k} must be a string`);
  }
  const ts = timestamp === undefined ? Math.floor(Date.now() / 1000) : timestamp;
  let bytes;
  if (body !== undefined) {
    bytes = typeof body === "string" ? new TextEncoder().encode(body) : bodyBytes(body);
    if (bytes === null) throw wrongBody(body);
  }
  let out;
  try {
    out = JSON.parse(raw.signRaw(provider, secret, bytes, ts, id, event, header));
  } catch (e) {
    throw fromWasm(e);
  }
  return {
    headers: Object.fromEntries(out.headers),
    body: body === undefined ? out.body : body,
  };
}

/** SHA-256 of bytes from the same wasm build (used by the benchmarks as the hashing ceiling). */
export function sha256(bytes) {
  const b = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bodyBytes(bytes);
  if (b === null) throw new TypeError("sha256 takes a Uint8Array, ArrayBuffer or string");
  return raw.sha256(b);
}
