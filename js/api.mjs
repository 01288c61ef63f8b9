// The public JavaScript API of hookguard, over the raw wasm bindings (src/js.rs).
// It is copied to dist/{web,workerd,node}/index.mjs beside that environment's init.mjs, which
// loads the wasm module; importing it makes the spec run init (even its top-level await) first.
// Synchronous, no Buffer, no WebCrypto, no Node built-ins.

import "./init.mjs";
import * as raw from "../wasm/hookguard.js";
// Every descriptor, sample events included: written at build time from the same descriptors
// (examples/catalogue.rs), so the wasm carries neither the samples nor the JSON writer.
import catalogue from "../catalogue.mjs";

const decoder = new TextDecoder("utf-8", { fatal: false });
const encoder = new TextEncoder();

// Inputs travel through one reused wasm-side buffer (src/js.rs `scratch`): encodeInto and set
// write the header values and the body in place and the call passes only lengths, instead of a
// malloc, a copy and a free per argument. It starts at SCRATCH_BYTES and grows to the largest
// input seen (wasm memory never shrinks, so a per-call allocation would keep that much too).
// Layout: the header values, ROOM free bytes, the body, ROOM free bytes (where a host digest
// may lay out the whole signed input around the body: src/js.rs verifyScratch).
const SCRATCH_BYTES = 16384;
const ROOM = raw.scratchRoom();
const memory = raw.wasmMemory();
let scratchPtr = 0;
let scratchView = null;
function scratchBuffer(bytes) {
  const need = Math.max(bytes + 2 * ROOM, SCRATCH_BYTES);
  // A view dies when wasm memory grows (its ArrayBuffer is replaced): re-create it then.
  if (scratchView === null || scratchView.buffer !== memory.buffer || scratchView.length < need) {
    const capacity = scratchView === null ? need : Math.max(need, scratchView.length);
    scratchPtr = raw.scratch(capacity);
    scratchView = new Uint8Array(memory.buffer, scratchPtr, capacity);
  }
  return scratchView;
}

/** The error table (code, HTTP status, description), read from the Rust core. */
export const errorCodes = Object.freeze(
  JSON.parse(raw.errorCodes()).map((e) => Object.freeze(e)),
);
const STATUS = Object.assign(Object.create(null), Object.fromEntries(errorCodes.map((e) => [e.code, e.status])));
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
export const providers = Object.freeze(catalogue);

/** The package version (the Rust crate's). */
export const version = raw.version();

/** A rejected delivery or unusable options. `code` is one of `errorCodes`. */
// Every copy of this class (the "hookguard" and "hookguard/verify" entries, import and require,
// two installed versions) shares one brand, so `e instanceof WebhookError` holds whichever copy
// threw. Subclasses a user writes keep the ordinary prototype check.
const BRAND = Symbol.for("hookguard.WebhookError");
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
  static [Symbol.hasInstance](value) {
    if (this !== WebhookError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return value !== null && typeof value === "object" && value[BRAND] === true;
  }
}
Object.defineProperty(WebhookError.prototype, BRAND, { value: true });

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
  // A plain object (Node's req.headers) is read by its own keys, whatever a polluted
  // Object.prototype adds (get, has, Symbol.iterator): on a plain object only its own methods
  // count (an object literal with get() and has() is still a Headers look-alike).
  const proto = Object.getPrototypeOf(headers);
  const plain = proto === Object.prototype || proto === null;
  const method = (name) => typeof headers[name] === "function" && (!plain || hasOwn(headers, name));
  // Headers (fetch, undici, workerd): case-insensitive get(); repeats are already joined with
  // ", ", which the core then rejects as malformed.
  if (method("get") && method("has") && !(headers instanceof Map)) {
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
  if (method(Symbol.iterator)) {
    for (const pair of headers) {
      if (!pair || pair.length !== 2) throw configError("header pairs must be [name, value]");
      take(pair[0], pair[1]);
    }
  } else {
    for (const name of Object.keys(headers)) take(name, headers[name]);
  }
  return out;
}

// ---- own properties ------------------------------------------------------------------------

// Options objects are read through their own properties only: after a prototype-pollution bug
// elsewhere in an app (Object.prototype.now = 0, .revealExpected = true, .body = ...), an
// inherited value must never become an option.
const hasOwn = Object.hasOwn;
function own(obj, key) {
  return obj != null && typeof obj === "object" && hasOwn(obj, key) ? obj[key] : undefined;
}

// JSON of an options object from its own enumerable properties only. JSON.stringify would also
// call an inherited toJSON (Object.prototype.toJSON = ... replaces every option) and read array
// holes through Array.prototype; this never does.
function ownJson(v, path) {
  switch (typeof v) {
    case "string":
    case "boolean":
      return JSON.stringify(v);
    case "number":
      // JSON would write NaN and ±Infinity as null, which the core reads as "not given": a
      // toleranceSeconds of Number(undefined) would silently become the default. Refuse instead.
      if (!Number.isFinite(v)) throw configError(`${path} must be a finite number`);
      return JSON.stringify(v);
    case "object":
      if (v === null) return "null";
      if (Array.isArray(v)) {
        const n = v.length;
        let out = "[";
        for (let i = 0; i < n; i++) {
          if (i > 0) out += ",";
          const item = hasOwn(v, i) ? v[i] : null;
          out += item === undefined || typeof item === "function" || typeof item === "symbol"
            ? "null"
            : ownJson(item, path);
        }
        return out + "]";
      } else {
        let out = "{";
        let first = true;
        for (const k of Object.keys(v)) {
          const item = v[k];
          if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
          out += (first ? "" : ",") + JSON.stringify(k) + ":" + ownJson(item, k);
          first = false;
        }
        return out + "}";
      }
    case "bigint":
      throw configError(`${path} must be a number, not a BigInt`);
    default:
      return "null";
  }
}

// How a message names an unknown option key, by the core's rule (src/verify.rs
// describe_unknown_key): a key may be a pasted secret, so it is quoted only when it is a likely
// typo of a known field (ASCII letters, digits, _ and -; a prefix of one, or at most two edits
// from one, ignoring case); otherwise only its position is given.
function describeUnknownKey(key, position, count, known) {
  let best = null;
  let bestD = 3;
  if (/^[A-Za-z0-9_-]+$/.test(key)) {
    const a = key.toLowerCase();
    for (const field of known) {
      const b = field.toLowerCase();
      const d = b.startsWith(a) ? 0 : editDistance(a, b, 2);
      if (d < bestD) {
        best = field;
        bestD = d;
      }
    }
  }
  return best === null
    ? `an unknown field (key ${position} of ${count}, not quoted: it may be a secret)`
    : `unknown field \`${key}\` (did you mean \`${best}\`?)`;
}

function editDistance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 0; i < a.length; i++) {
    const row = [i + 1];
    for (let j = 0; j < b.length; j++) {
      row.push(Math.min(row[j] + 1, prev[j + 1] + 1, prev[j] + (a[i] === b[j] ? 0 : 1)));
    }
    prev = row;
  }
  return Math.min(prev[b.length], limit + 1);
}

// ---- body ----------------------------------------------------------------------------------

// The body path never calls a method or getter that the caller's object can override (a
// Buffer's slice() is a view of the same memory; a subclass or a look-alike can redefine
// slice, subarray, byteLength, buffer, constructor or Symbol.species): the engine's own
// getters and Uint8Array.prototype.set are captured here and called on the value, so what is
// read is the value's real bytes, and the payload keeps a private copy of exactly the bytes
// verified.
const callOn = Function.prototype.call.bind(Function.prototype.call);
const getterOf = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
const TA_TAG = getterOf(TypedArrayProto, Symbol.toStringTag); // undefined unless a typed array
const TA_BUFFER = getterOf(TypedArrayProto, "buffer");
const TA_OFFSET = getterOf(TypedArrayProto, "byteOffset");
const TA_LENGTH = getterOf(TypedArrayProto, "byteLength");
const DV_BUFFER = getterOf(DataView.prototype, "buffer");
const DV_OFFSET = getterOf(DataView.prototype, "byteOffset");
const DV_LENGTH = getterOf(DataView.prototype, "byteLength");
const AB_LENGTH = getterOf(ArrayBuffer.prototype, "byteLength"); // throws on anything else
const SAB_LENGTH = typeof SharedArrayBuffer === "function"
  ? getterOf(SharedArrayBuffer.prototype, "byteLength")
  : null;
const U8_SET = Uint8Array.prototype.set; // with a typed-array source: reads its internal slots
const U8 = Uint8Array;

// A brand check that never throws: the getter's answer, or -1 when `v` lacks the slot.
function slotLength(getter, v) {
  try {
    return callOn(getter, v);
  } catch {
    return -1;
  }
}

// Whether a typed array's (real) buffer is shared memory: an ArrayBuffer getter refuses a
// SharedArrayBuffer (and the common, unshared case never throws).
function isSharedView(view) {
  return slotLength(AB_LENGTH, callOn(TA_BUFFER, view)) < 0;
}

// A binary body as a Uint8Array for its real bytes: the value itself when it is a Uint8Array
// (a Buffer or a subclass included: only its internal slots are read from then on), otherwise
// a new view of our own. null when the body is not binary (a Proxy of one included). Memory
// that was transferred away (a detached buffer) holds no bytes: an empty body.
function bodyView(body) {
  const tag = callOn(TA_TAG, body);
  if (tag === "Uint8Array") return body;
  if (tag !== undefined) {
    const n = callOn(TA_LENGTH, body);
    return n === 0 ? new U8(0) : new U8(callOn(TA_BUFFER, body), callOn(TA_OFFSET, body), n);
  }
  let dvBuffer = null;
  try {
    dvBuffer = callOn(DV_BUFFER, body); // a DataView (detached or not)
  } catch {}
  if (dvBuffer !== null) {
    const n = slotLength(DV_LENGTH, body); // -1 when detached
    return n <= 0 ? new U8(0) : new U8(dvBuffer, callOn(DV_OFFSET, body), n);
  }
  const ab = slotLength(AB_LENGTH, body);
  if (ab >= 0) return ab === 0 ? new U8(0) : new U8(body);
  if (SAB_LENGTH !== null && slotLength(SAB_LENGTH, body) >= 0) return new U8(body);
  return null;
}

// What a verified JSON body of at most DECODE_MAX_BYTES keeps for its payload: its text, decoded
// now (a short decode costs less than allocating a private byte copy: 0.17 against 0.8 µs at
// 256 B here; from about 4 KB of non-ASCII text the copy is cheaper). The decoder is strict,
// so the text is exactly what the bytes say, as the non-fatal decode in the payload getter
// would read them (a leading BOM dropped by both); bytes that are not UTF-8 keep the copy.
// Form bodies keep the bytes (their parser reads bytes, and a BOM would be lost).
const DECODE_MAX_BYTES = 2048;
const strictDecoder = new TextDecoder("utf-8", { fatal: true });
function keptText(view, length) {
  try {
    return strictDecoder.decode(view);
  } catch {
    return privateCopy(view, length);
  }
}

// A fresh, unshared copy of a view's bytes, which nothing else references.
function privateCopy(view, length) {
  const copy = new U8(length);
  if (length > 0) callOn(U8_SET, copy, view);
  return copy;
}

// Bytes safe to hand to the wasm-bindgen glue (which reads .length): our own view over
// unshared memory, or a private copy of shared memory. null when the body is not binary.
function ownBytes(body) {
  const view = bodyView(body);
  if (view === null) return null;
  const n = callOn(TA_LENGTH, view);
  if (n === 0) return new U8(0);
  if (isSharedView(view)) return privateCopy(view, n);
  return view === body ? new U8(callOn(TA_BUFFER, view), callOn(TA_OFFSET, view), n) : view;
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
  const given = own(opts, "now");
  const now = given !== undefined ? given : Math.floor(Date.now() / 1000);
  if (typeof now !== "number" || !Number.isFinite(now) || now < 0) {
    throw configError("now must be a finite, non-negative number of unix seconds");
  }
  if (now > 1e11) throw configError("now looks like milliseconds; pass unix seconds (Date.now() / 1000)");
  return now;
}

// Lone surrogates: a string body is verified as its UTF-8 bytes, where each one became U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const IS_WELL_FORMED = String.prototype.isWellFormed;
const TO_WELL_FORMED = String.prototype.toWellFormed;
function isWellFormed(s) {
  return typeof IS_WELL_FORMED === "function" ? callOn(IS_WELL_FORMED, s) : !LONE_SURROGATE.test(s);
}
function toWellFormed(s) {
  return typeof TO_WELL_FORMED === "function" ? callOn(TO_WELL_FORMED, s) : decoder.decode(encoder.encode(s));
}

// The call options url and method (own properties only), for URL-signing providers.
function requestOptions(opts) {
  const url = own(opts, "url");
  const method = own(opts, "method");
  if (url !== undefined && typeof url !== "string") throw configError("url must be a string (the full request URL)");
  if (method !== undefined && typeof method !== "string") throw configError("method must be a string (such as POST)");
  return [url, method];
}

// ---- results -------------------------------------------------------------------------------

// A form body's fields as JSON (undefined for a JSON body), from the core's decoder.
function formPayload(bytes) {
  try {
    return raw.formPayload(bytes);
  } catch (e) {
    throw fromWasm(e);
  }
}

/**
 * A verified delivery. `payload` is the parsed JSON body, parsed on first access; for a
 * form-encoded body (Slack's slash commands and interactivity) it is an object of the decoded
 * form fields, all strings, decoded by the core exactly as it was verified; null for a custom
 * scheme whose body is not JSON (bodyIsJson: false).
 */
class VerifiedEvent {
  #body; // the verified body: a string, or a private copy of the bytes
  #payload;
  #forms; // whether the provider also sends form bodies
  constructor(provider, fields, body, forms) {
    this.provider = provider;
    this.event = fields.event;
    this.id = fields.id;
    this.timestamp = fields.timestamp;
    this.keyIndex = fields.keyIndex;
    this.dedupeKey = fields.dedupeKey;
    // false where the MAC covers a few body fields only (Dropbox Sign, SignWell, Mailgun): the
    // rest of the payload is not authenticated.
    this.bodySigned = fields.bodySigned;
    // The response an accepted delivery must get, where a bare 2xx is not enough (Dropbox
    // Sign, Adobe Acrobat Sign): { status, headers, body }; null for the others.
    this.acknowledgement = fields.acknowledgement ?? null;
    this.#body = body;
    this.#forms = forms;
  }
  get payload() {
    if (this.#payload === undefined) {
      if (this.#body === null) return (this.#payload = null);
      const form = this.#forms
        ? formPayload(typeof this.#body === "string" ? encoder.encode(this.#body) : this.#body)
        : undefined;
      if (form !== undefined) {
        this.#payload = JSON.parse(form);
      } else {
        // A string body with a lone surrogate was verified as its UTF-8 encoding, U+FFFD in its
        // place: the payload is parsed from exactly that text.
        const text = typeof this.#body === "string"
          ? (isWellFormed(this.#body) ? this.#body : toWellFormed(this.#body))
          : decoder.decode(this.#body);
        this.#payload = JSON.parse(text);
      }
      this.#body = undefined;
    }
    return this.#payload;
  }
  toJSON() {
    const { provider, event, id, timestamp, keyIndex, dedupeKey, bodySigned, acknowledgement } = this;
    return { provider, event, id, timestamp, keyIndex, dedupeKey, bodySigned, acknowledgement, payload: this.payload };
  }
}

// ---- Verifier ------------------------------------------------------------------------------

function optionsJson(options) {
  if (options == null || typeof options !== "object" || Array.isArray(options)) {
    throw configError("options must be an object: { provider, secret, ... }");
  }
  // Own enumerable properties only (see ownJson): inherited ones are never options.
  return ownJson(options, "options");
}

/** Verifies deliveries for one provider and one set of secrets; build once, reuse. */
export class Verifier {
  #raw;
  #names;
  #handshakeNames;
  #provider;
  #max;
  #forms;
  #json;
  #needsUrl;
  #bodySigned;
  #ack; // whether accepted deliveries need an acknowledgement (Dropbox Sign, Adobe Acrobat Sign)

  constructor(options, json) {
    try {
      // The one-shot verify passes the options' JSON it keyed its cache on, so that the
      // verifier is built from exactly that (a getter could answer differently a second time).
      this.#raw = new raw.RawVerifier(options === PREPARED ? json : optionsJson(options));
    } catch (e) {
      throw fromWasm(e);
    }
    // No header at all (PandaDoc's signature is in the URL; Mailgun's and SignWell's in the body).
    const lines = (names) => (names === "" ? [] : names.split("\n"));
    this.#names = lines(this.#raw.headerNames());
    // handshake()'s header slots: the verifier's and its handshake triggers' (Twitch's type).
    this.#handshakeNames = lines(this.#raw.handshakeNames());
    this.#provider = this.#raw.provider();
    this.#max = this.#raw.maxBodyBytes();
    this.#forms = this.#raw.formBodies();
    this.#json = this.#raw.bodyIsJson();
    this.#needsUrl = this.#raw.needsUrl();
    this.#bodySigned = this.#raw.bodySigned();
    this.#ack = this.#raw.hasAcknowledgement();
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
  /** maxEventAgeSeconds in effect; null when the signed event time is not checked. */
  get maxEventAgeSeconds() {
    return this.#raw.maxEventAgeSeconds() ?? null;
  }
  /** Whether verify needs the call option url (Twilio, Square, HubSpot, PandaDoc). */
  get needsUrl() {
    return this.#needsUrl;
  }
  /** Whether the provider's MAC covers the body (false: Dropbox Sign, SignWell, Mailgun). */
  get bodySigned() {
    return this.#bodySigned;
  }
  /** The (lower-case) header names this verifier reads. */
  get headerNames() {
    return [...this.#names];
  }

  /** The header values as the core's slots: NUL-joined, with a bit per present slot. */
  #slots(headers, names = this.#names) {
    const values = readHeaders(headers, names);
    let joined = "";
    let mask = 0;
    for (let i = 0; i < values.length; i++) {
      if (i > 0) joined += "\0";
      const v = values[i];
      if (v === undefined) continue;
      mask |= 1 << i;
      joined += v.includes("\0") ? v.replaceAll("\0", "\u0001") : v;
    }
    return [joined, mask];
  }

  /**
   * Verifies one delivery. Returns the verified event; throws WebhookError otherwise.
   * @param headers Headers | Record<string,string> | Iterable<[string,string]>
   * @param body the raw body: Uint8Array | ArrayBuffer | string
   * @param opts { now?: unix seconds }
   */
  verify(headers, body, opts) {
    const now = nowSeconds(opts);
    if (this.#needsUrl) return this.#verifyRequest(headers, body, now, opts);
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
      // UTF-8 needs at most 3 bytes per UTF-16 unit, so both always fit. A lone surrogate
      // becomes U+FFFD, as the payload getter makes it (toWellFormed) from the string kept.
      const view = scratchBuffer(3 * (joined.length + body.length));
      const hw = encoder.encodeInto(joined, view).written;
      const bw = encoder.encodeInto(body, view.subarray(hw + ROOM)).written;
      r = this.#raw.verifyScratch(hw, mask, bw, now);
      kept = body;
    } else {
      const view = bodyView(body);
      if (view === null) throw wrongBody(body);
      const n = callOn(TA_LENGTH, view);
      if (n > this.#max) throw this.#tooLarge(n);
      const scratch = scratchBuffer(3 * joined.length + n);
      const hw = encoder.encodeInto(joined, scratch).written;
      if (!isSharedView(view)) {
        // One copy into the scratch buffer, verified there; on success, for a JSON payload,
        // one more that the caller cannot reach (a short body's text, a longer one's bytes in a
        // private array: see keptText), so that later changes to the caller's buffer cannot
        // change the payload. Nothing runs between the two copies.
        if (n > 0) callOn(U8_SET, scratch, view, hw + ROOM);
        r = this.#raw.verifyScratch(hw, mask, n, now);
        if (r >= 0 && this.#json) kept = n <= DECODE_MAX_BYTES && !this.#forms ? keptText(view, n) : privateCopy(view, n);
      } else {
        // Shared memory (another thread may write to it at any time): a private copy first,
        // which is what is verified and what the payload keeps.
        const copy = privateCopy(view, n);
        callOn(U8_SET, scratch, copy, hw + ROOM);
        r = this.#raw.verifyScratch(hw, mask, n, now);
        kept = copy;
      }
    }
    if (r < 0) throw new WebhookError(CODES[-r - 1], this.#raw.lastError());
    const fields = this.#fields(r, values);
    if (this.#ack) fields.acknowledgement = this.#acknowledgement(joined, mask);
    return new VerifiedEvent(this.#provider, fields, this.#json ? kept : null, this.#forms);
  }

  #acknowledgement(joined, mask) {
    const a = this.#raw.acknowledgement(joined, mask);
    return a === undefined ? null : JSON.parse(a);
  }

  // URL-signing providers (Twilio, Square, HubSpot, PandaDoc): the call options url and method
  // go to the core with the headers and a private copy of the body (not the scratch fast path).
  #verifyRequest(headers, body, now, opts) {
    const [url, method] = requestOptions(opts);
    const [joined, mask] = this.#slots(headers);
    let bytes;
    let kept;
    if (typeof body === "string") {
      if (body.length > this.#max) throw this.#tooLarge(body.length);
      kept = body;
      bytes = encoder.encode(kept);
    } else {
      const view = bodyView(body);
      if (view === null) throw wrongBody(body);
      const n = callOn(TA_LENGTH, view);
      if (n > this.#max) throw this.#tooLarge(n);
      bytes = privateCopy(view, n);
      kept = bytes;
    }
    const r = this.#raw.verifyRequest(joined, mask, bytes, now, url, method);
    if (r < 0) throw new WebhookError(CODES[-r - 1], this.#raw.lastError());
    const values = readHeaders(headers, this.#names).map((v) => (v === undefined ? v : v.replaceAll("\0", "\u0001")));
    const fields = this.#fields(r, values);
    if (this.#ack) fields.acknowledgement = this.#acknowledgement(joined, mask);
    return new VerifiedEvent(this.#provider, fields, this.#json ? kept : null, this.#forms);
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
      bodySigned: this.#bodySigned,
    };
  }

  /**
   * Runs every check and reports each one (for debugging and the playground).
   * With { revealExpected: true } the signature step lists the header value each secret would
   * produce for this body, which lets whoever reads it forge this body: never send it to a sender.
   */
  explain(headers, body, opts) {
    if (!TOOLS) throw notHere("explain()");
    const now = nowSeconds(opts);
    const [joined, mask] = this.#slots(headers);
    const bytes = typeof body === "string" ? encoder.encode(body) : ownBytes(body);
    if (bytes === null) throw wrongBody(body);
    // Only an own revealExpected reveals: never one inherited from a polluted prototype.
    const reveal = own(opts, "revealExpected") === true;
    const [url, method] = requestOptions(opts);
    try {
      return JSON.parse(this.#raw.explain(joined, mask, bytes, now, reveal, url, method));
    } catch (e) {
      throw fromWasm(e);
    }
  }

  /**
   * Answers a handshake: the exact response the provider expects ({ status, headers, body }),
   * or null when the request is no handshake (verify it as a delivery). A signed handshake is
   * verified first and refused with the same WebhookError a delivery would get.
   * @param headers as for verify
   * @param body the raw body (null or undefined: empty, as a GET's)
   * @param opts { now?: unix seconds, method?: "POST" (default) | "GET" | …, url?: the full request URL }
   */
  handshake(headers, body, opts) {
    const now = nowSeconds(opts);
    const method = own(opts, "method") ?? "POST";
    const url = own(opts, "url") ?? undefined;
    if (typeof method !== "string") throw configError("method must be a string");
    if (url !== undefined && typeof url !== "string") throw configError("url must be a string");
    const [joined, mask] = this.#slots(headers, this.#handshakeNames);
    const bytes = body == null ? new U8(0) : typeof body === "string" ? encoder.encode(body) : ownBytes(body);
    if (bytes === null) throw wrongBody(body);
    let r;
    try {
      r = this.#raw.handshake(joined, mask, bytes, now, method, url);
    } catch (e) {
      throw fromWasm(e);
    }
    return r === undefined ? null : JSON.parse(r);
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
// its content, not its identity. The options are read once: the verifier is built from the
// same JSON that is its key (PREPARED, which only this module holds, says so).
const cache = new Map();
const CACHE_SIZE = 16;
const PREPARED = Object.freeze({});

/** One-shot form: verify(options, headers, body, { now }). */
export function verify(options, headers, body, opts) {
  const key = optionsJson(options);
  let v = cache.get(key);
  if (v === undefined) {
    v = new Verifier(PREPARED, key);
    if (cache.size >= CACHE_SIZE) {
      const oldest = cache.keys().next().value;
      cache.get(oldest).free();
      cache.delete(oldest);
    }
    cache.set(key, v);
  }
  return v.verify(headers, body, opts);
}

// `hookguard/verify` runs on the module built without sign(), explain() and handshake() (the
// verifier alone, smaller); its glue has no signRaw export.
const TOOLS = "signRaw" in raw;
function notHere(what) {
  return configError(`${what} is not in hookguard/verify, the verifier alone: import it from "hookguard"`);
}

/**
 * Builds a genuine delivery: { headers, body }.
 * sign({ provider, secret, body?, timestamp?, id?, event?, header?, scheme? })
 */
export function sign(options) {
  if (!TOOLS) throw notHere("sign()");
  if (options == null || typeof options !== "object") throw configError("sign needs an options object");
  // Own properties only: an inherited body, secret or timestamp is never signed.
  const provider = own(options, "provider");
  // privateKey: the private half of a key pair (Standard Webhooks v1a's whsk_, Discord's and
  // SendGrid's test keys), for the providers that sign with one; the same slot as secret.
  const privateKey = own(options, "privateKey");
  if (privateKey !== undefined && own(options, "secret") !== undefined) {
    throw configError("sign: give secret or privateKey, not both");
  }
  const secret = privateKey !== undefined ? privateKey : own(options, "secret");
  const body = own(options, "body");
  const timestamp = own(options, "timestamp");
  const id = own(options, "id");
  const event = own(options, "event");
  const header = own(options, "header");
  const scheme = own(options, "scheme");
  const url = own(options, "url");
  const method = own(options, "method");
  const known = ["provider", "secret", "privateKey", "body", "timestamp", "id", "event", "header", "scheme", "url", "method"];
  const keys = Object.keys(options);
  for (let i = 0; i < keys.length; i++) {
    if (!known.includes(keys[i])) {
      throw configError(`sign: ${describeUnknownKey(keys[i], i + 1, keys.length, known)}; expected one of ${known.join(", ")}`);
    }
  }
  if (typeof provider !== "string") throw configError("sign: provider must be a string");
  if (typeof secret !== "string") throw configError(`sign: ${privateKey !== undefined ? "privateKey" : "secret"} must be a string`);
  for (const [k, v] of [["id", id], ["event", event], ["header", header], ["url", url], ["method", method]]) {
    if (v !== undefined && typeof v !== "string") throw configError(`sign: ${k} must be a string`);
  }
  let schemeJson;
  if (scheme !== undefined) {
    // provider "custom": the descriptor, as an object (own properties only) or its JSON text.
    if (typeof scheme === "string") schemeJson = scheme;
    else if (scheme !== null && typeof scheme === "object" && !Array.isArray(scheme)) schemeJson = ownJson(scheme, "scheme");
    else throw configError("sign: scheme must be a descriptor object");
  }
  const ts = timestamp === undefined ? Math.floor(Date.now() / 1000) : timestamp;
  let bytes;
  if (body !== undefined) {
    bytes = typeof body === "string" ? encoder.encode(body) : ownBytes(body);
    if (bytes === null) throw wrongBody(body);
  }
  let out;
  try {
    // Without a body the envelope is built from the event's sample, which lives in the catalogue
    // file, not in the wasm (the wasm knows the event names and picks the first when none is given).
    let sample;
    if (bytes === undefined) {
      const p = catalogue.find((d) => d.id === provider);
      const e = p && (event === undefined ? p.events[0] : p.events.find((x) => x.name === event));
      if (e) sample = e.sampleData;
    }
    out = JSON.parse(raw.signRaw(provider, secret, bytes, ts, id, event, header, schemeJson, sample, url, method));
  } catch (e) {
    throw fromWasm(e);
  }
  // out.body: the generated body, or the caller's with a body-field signature written in.
  const result = {
    headers: Object.fromEntries(out.headers),
    body: out.body === null ? body : out.body,
  };
  // URL-signing providers: the URL to send to (PandaDoc's ?signature=, Twilio's bodySHA256).
  if (out.url !== null) result.url = out.url;
  return result;
}

/**
 * A fresh key pair for a provider that signs with a private key, from the runtime's
 * crypto.getRandomValues: { privateKey, publicKey }. For "standard-webhooks" (the default)
 * whsk_… and whpk_…; for "discord" whsk_… (the seed) and the key in hex; for "sendgrid" the P-256
 * scalar in hex and the SubjectPublicKeyInfo in base64. publicKey goes in the Verifier's
 * options, privateKey in sign()'s (or the worker's re-signing key).
 */
export function generateKeyPair(provider = "standard-webhooks") {
  if (!TOOLS) throw notHere("generateKeyPair()");
  if (typeof provider !== "string") throw configError("generateKeyPair: provider must be a string");
  try {
    return JSON.parse(raw.generateKeyPairRaw(provider));
  } catch (e) {
    throw fromWasm(e);
  }
}

/** SHA-256 of bytes from the same wasm build (used by the benchmarks as the hashing ceiling). */
export function sha256(bytes) {
  const b = typeof bytes === "string" ? encoder.encode(bytes) : ownBytes(bytes);
  if (b === null) throw new TypeError("sha256 takes a Uint8Array, ArrayBuffer or string");
  return raw.sha256(b);
}
