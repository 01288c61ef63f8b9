// The npm wrapper against hostile inputs from the same process: bodies whose memory changes
// after verification or whose methods lie (issue 17, finding 2), a polluted Object.prototype
// (finding 11), and maxEventAgeSeconds through the JavaScript API (finding 5).
import test from "node:test";
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { Verifier, verify, sign, WebhookError, providers } from "hookguard";
import { startFlipper } from "./helpers.mjs";

const SECRET = "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07";
const TS = 1780065000;
const ins = { provider: "insigner", secret: SECRET };

function code(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof WebhookError, `expected WebhookError, got ${e}`);
    return e.code;
  }
  return "no error";
}

// A genuine body and a forged one of exactly the same length (JSON allows the spaces).
function amounts(pad = 0) {
  const filler = "x".repeat(pad);
  const genuine = `{"id":"dlv_amount","event":"document.completed","data":{"f":"${filler}","amount":100   }}`;
  const forged = `{"id":"dlv_amount","event":"document.completed","data":{"f":"${filler}","amount":999999}}`;
  assert.equal(genuine.length, forged.length);
  return { genuine, forged, d: sign({ ...ins, body: genuine, timestamp: TS }) };
}

const SIZES = [0, 40_000]; // the scratch-buffer path and the per-call path

// ---- finding 2: the payload is exactly the bytes verified -----------------------------------

test("a Buffer overwritten or zeroed after verify: the payload is still the verified bytes", () => {
  const v = new Verifier(ins);
  for (const pad of SIZES) {
    const { genuine, forged, d } = amounts(pad);
    for (const make of [(s) => Buffer.from(s), (s) => { const b = Buffer.allocUnsafe(s.length); b.write(s); return b; }]) {
      const buf = make(genuine);
      const r = v.verify(d.headers, buf, { now: TS });
      buf.write(forged); // a server reusing its receive buffer
      assert.equal(r.payload.data.amount, 100, `pad ${pad}: overwritten`);
      const buf2 = make(genuine);
      const r2 = v.verify(d.headers, buf2, { now: TS });
      buf2.fill(0);
      assert.equal(r2.payload.data.amount, 100, `pad ${pad}: zeroed`);
      assert.equal(r2.id, "dlv_amount");
    }
  }
});

test("a Buffer subclass or a Uint8Array with lying methods and getters: verified from its real bytes", () => {
  const v = new Verifier(ins);
  for (const pad of SIZES) {
    const { genuine, forged, d } = amounts(pad);
    const real = new TextEncoder().encode(genuine);
    const fake = new TextEncoder().encode(forged);
    class Lying extends Buffer {
      slice() { return Buffer.from(fake); }
      subarray() { return Buffer.from(fake); }
      get byteLength() { return 7; }
      get length() { return 7; }
      get byteOffset() { return 3; }
      get buffer() { return fake.buffer; }
      static get [Symbol.species]() { return function Forged() { return Buffer.from(fake); }; }
    }
    const sub = Buffer.from(real);
    Object.setPrototypeOf(sub, Lying.prototype);
    const own = new Uint8Array(real);
    Object.defineProperties(own, {
      slice: { value: () => new Uint8Array(fake) },
      subarray: { value: () => new Uint8Array(fake) },
      byteLength: { get: () => 7 },
      length: { get: () => 7 },
      buffer: { get: () => fake.buffer },
      constructor: { value: function Forged() { return new Uint8Array(fake); } },
    });
    class OnlySlice extends Uint8Array {
      slice() { return new Uint8Array(fake); }
    }
    for (const [name, body] of [["Buffer subclass", sub], ["own properties", own], ["slice only", new OnlySlice(real)]]) {
      const r = v.verify(d.headers, body, { now: TS });
      assert.equal(r.id, "dlv_amount", `${name}, pad ${pad}`);
      assert.equal(r.payload.data.amount, 100, `${name}, pad ${pad}: payload`);
      assert.equal(v.explain(d.headers, body, { now: TS }).code, null, `${name}, pad ${pad}: explain`);
    }
  }
});

test("look-alikes that are no byte views are refused: invalid_payload", () => {
  const { genuine, d } = amounts();
  const real = new TextEncoder().encode(genuine);
  const v = new Verifier(ins);
  for (const [name, body] of [
    ["a Proxy of a Uint8Array", new Proxy(real, {})],
    ["an object with Uint8Array.prototype", Object.create(Uint8Array.prototype)],
    ["an object with Buffer.prototype", Object.setPrototypeOf({ length: real.length }, Buffer.prototype)],
    ["an array-like", { length: real.length, 0: 123 }],
  ]) {
    assert.equal(code(() => v.verify(d.headers, body, { now: TS })), "invalid_payload", name);
  }
});

test("bodies whose memory was transferred away (detached) are empty bodies: signature_mismatch", () => {
  const { genuine, d } = amounts();
  const v = new Verifier(ins);
  const detached = () => {
    const ab = new TextEncoder().encode(genuine).buffer;
    structuredClone(ab, { transfer: [ab] });
    return ab;
  };
  for (const [name, make] of [
    ["ArrayBuffer", (ab) => ab],
    ["Uint8Array", (ab) => new Uint8Array(ab)],
    ["Buffer", (ab) => Buffer.from(ab)],
    ["Uint16Array", (ab) => new Uint16Array(ab)],
    ["DataView", (ab) => new DataView(ab)],
  ]) {
    const ab = new TextEncoder().encode(genuine).buffer;
    const body = make(ab);
    structuredClone(ab, { transfer: [ab] });
    assert.equal(code(() => v.verify(d.headers, body, { now: TS })), "signature_mismatch", name);
    assert.equal(v.explain(d.headers, body, { now: TS }).code, "signature_mismatch", `${name}: explain`);
  }
  assert.equal(code(() => v.verify(d.headers, detached(), { now: TS })), "signature_mismatch");
});

test("a Buffer over a SharedArrayBuffer, written after verify: the payload is the verified bytes", () => {
  const v = new Verifier(ins);
  for (const pad of SIZES) {
    const { genuine, forged, d } = amounts(pad);
    const sab = new SharedArrayBuffer(genuine.length + 8);
    const buf = Buffer.from(sab, 8, genuine.length);
    buf.write(genuine);
    const r = v.verify(d.headers, buf, { now: TS });
    buf.write(forged);
    assert.equal(r.payload.data.amount, 100, `pad ${pad}`);
    // Other view types over shared memory too.
    new Uint8Array(sab, 8).set(new TextEncoder().encode(genuine));
    const dv = v.verify(d.headers, new DataView(sab, 8), { now: TS });
    new Uint8Array(sab, 8).set(new TextEncoder().encode(forged));
    assert.equal(dv.payload.data.amount, 100, `pad ${pad}: DataView`);
  }
});

test("a Buffer over a SharedArrayBuffer that another thread keeps writing to", async () => {
  const body = JSON.stringify({ id: "dlv_sab", event: "document.completed", data: { flag: "a" } });
  const d = sign({ ...ins, body, timestamp: TS });
  const sab = new SharedArrayBuffer(body.length + 4);
  const buf = Buffer.from(sab, 4, body.length);
  buf.write(body);
  const at = body.indexOf('"a"') + 1;
  const stop = await startFlipper(sab, at);
  const v = new Verifier(ins);
  let accepted = 0;
  try {
    for (let i = 0; i < 2000; i++) {
      let r;
      try {
        r = v.verify(d.headers, buf, { now: TS });
      } catch (e) {
        assert.equal(e.code, "signature_mismatch");
        continue;
      }
      accepted++;
      assert.equal(r.payload.data.flag, "a", "an accepted payload must be the genuine bytes");
    }
  } finally {
    await stop();
  }
  assert.ok(accepted > 0, "some attempts read a consistent body");
});

// ---- finding 11: options are read through own properties only ------------------------------

// Sets enumerable properties on Object.prototype (as `Object.prototype.x = v` does) for the
// duration of fn, then removes them, whatever happens.
// An inherited `get` or `set` breaks every later Object.defineProperty with a value (the
// descriptor then has both), so those are set last, and callers assert after fn returns.
function polluted(props, fn) {
  const keys = Reflect.ownKeys(props).sort((a, b) => (a === "get" || a === "set") - (b === "get" || b === "set"));
  for (const k of keys) {
    assert.ok(!Object.hasOwn(Object.prototype, k), `Object.prototype.${String(k)} already exists`);
    Object.defineProperty(Object.prototype, k, { value: props[k], enumerable: true, configurable: true, writable: true });
  }
  try {
    return fn();
  } finally {
    for (const k of keys) delete Object.prototype[k];
  }
}

const nowReal = () => Math.floor(Date.now() / 1000);

test("Object.prototype.now does not become verify's clock: a stale delivery is timestamp_too_old", () => {
  const stale = nowReal() - 10_000;
  const d = sign({ ...ins, timestamp: stale, event: "document.completed" });
  const v = new Verifier(ins);
  polluted({ now: stale }, () => {
    assert.equal(code(() => v.verify(d.headers, d.body, {})), "timestamp_too_old");
    assert.equal(code(() => v.verify(d.headers, d.body)), "timestamp_too_old");
    assert.equal(code(() => verify(ins, d.headers, d.body, {})), "timestamp_too_old");
    assert.equal(v.explain(d.headers, d.body, {}).code, "timestamp_too_old");
  });
  // An own `now` still works.
  assert.equal(v.verify(d.headers, d.body, { now: stale }).event, "document.completed");
});

test("Object.prototype.revealExpected does not make explain reveal signatures", () => {
  const d = sign({ ...ins, timestamp: TS, event: "document.completed" });
  const v = new Verifier(ins);
  polluted({ revealExpected: true }, () => {
    for (const opts of [{ now: TS }, undefined]) {
      const report = v.explain(d.headers, d.body, opts);
      assert.ok(report.steps.every((s) => s.expected === undefined), JSON.stringify(report.steps));
    }
  });
  const own = v.explain(d.headers, d.body, { now: TS, revealExpected: true });
  assert.equal(own.steps.find((s) => s.check === "signature").expected.length, 1);
});

test("inherited options never configure a Verifier or the one-shot verify", () => {
  const stale = nowReal() - 10_000;
  const d = sign({ ...ins, timestamp: stale, event: "document.completed" });
  const pollution = {
    secret: "attacker",
    provider: "inspakt",
    toleranceSeconds: 2_592_000,
    maxBodyBytes: 10,
    header: "X-Evil",
    events: ["nothing"],
    dedupeByBodyHash: true,
    maxEventAgeSeconds: 1,
    timestamp: 0,
    body: "{}",
    id: "dlv_evil",
    event: "evil",
  };
  polluted(pollution, () => {
    const v = new Verifier(ins);
    assert.equal(v.toleranceSeconds, 300);
    assert.equal(v.maxBodyBytes, 1024 * 1024);
    assert.equal(v.maxEventAgeSeconds, null);
    assert.equal(v.provider, "insigner");
    assert.equal(code(() => v.verify(d.headers, d.body, { now: nowReal() })), "timestamp_too_old");
    assert.equal(code(() => verify(ins, d.headers, d.body, { now: nowReal() })), "timestamp_too_old");
    assert.equal(v.verify(d.headers, d.body, { now: stale }).event, "document.completed");
  });
  // NaN inherited (Number(undefined) somewhere) is not an option either.
  polluted({ toleranceSeconds: NaN }, () => {
    assert.equal(new Verifier(ins).toleranceSeconds, 300);
  });
});

test("an inherited toJSON does not replace the options (the secret included)", () => {
  const forged = sign({ provider: "insigner", secret: "attacker-secret", timestamp: TS, event: "document.completed" });
  const genuine = sign({ ...ins, timestamp: TS, event: "document.completed" });
  polluted({ toJSON() { return { provider: "insigner", secret: "attacker-secret" }; } }, () => {
    const v = new Verifier(ins);
    assert.equal(code(() => v.verify(forged.headers, forged.body, { now: TS })), "signature_mismatch");
    assert.equal(v.verify(genuine.headers, genuine.body, { now: TS }).keyIndex, 0);
    assert.equal(code(() => verify(ins, forged.headers, forged.body, { now: TS })), "signature_mismatch");
  });
});

test("sign() reads only its own options", () => {
  const before = nowReal();
  const d = polluted({ body: '{"id":"dlv_evil","event":"evil"}', timestamp: 1, id: "dlv_evil", event: "evil", header: "x-evil", secret: "attacker" }, () =>
    sign({ provider: "insigner", secret: SECRET, event: "document.completed" }));
  const parsed = JSON.parse(d.body);
  assert.equal(parsed.event, "document.completed");
  assert.notEqual(parsed.id, "dlv_evil");
  assert.ok(Number(d.headers["x-insigner-timestamp"]) >= before);
  assert.equal(new Verifier(ins).verify(d.headers, d.body).event, "document.completed");
});

test("a plain headers object is read by its own keys, whatever Object.prototype adds", () => {
  const d = sign({ ...ins, timestamp: TS, event: "document.completed" });
  const v = new Verifier(ins);
  const headers = { ...d.headers };
  const attempt = () => {
    try {
      return v.verify(headers, d.body, { now: TS }).event;
    } catch (e) {
      return e.code;
    }
  };
  assert.equal(polluted({ get: () => null, has: () => true }, attempt), "document.completed");
  const pairs = function* () { yield ["x-insigner-signature", "sha256=00"]; };
  assert.equal(polluted({ [Symbol.iterator]: pairs }, attempt), "document.completed");
  // An object literal's own get()/has() or iterator still makes it a Headers look-alike.
  const lower = Object.fromEntries(Object.entries(d.headers).map(([k, val]) => [k.toLowerCase(), val]));
  const like = { get: (n) => lower[n] ?? null, has: (n) => n in lower };
  assert.equal(v.verify(like, d.body, { now: TS }).event, "document.completed");
  const iterable = { *[Symbol.iterator]() { yield* Object.entries(d.headers); } };
  assert.equal(v.verify(iterable, d.body, { now: TS }).event, "document.completed");
});

// ---- finding 5 through JavaScript: maxEventAgeSeconds -----------------------------------------

test("maxEventAgeSeconds: the signed created_at bounds a replay with a refreshed timestamp header", () => {
  const MAX = 345_600;
  const v = new Verifier({ ...ins, maxEventAgeSeconds: MAX });
  assert.equal(v.maxEventAgeSeconds, MAX);
  assert.equal(new Verifier(ins).maxEventAgeSeconds, null);
  const d = sign({ ...ins, timestamp: TS, event: "document.completed" });
  assert.equal(JSON.parse(d.body).created_at, "2026-05-29T14:30:00.000Z");
  const at = (now) => ({ ...d.headers, "x-insigner-timestamp": String(now) });
  assert.equal(v.verify(at(TS + MAX), d.body, { now: TS + MAX }).event, "document.completed");
  assert.equal(code(() => v.verify(at(TS + MAX + 1), d.body, { now: TS + MAX + 1 })), "timestamp_too_old");
  // Without the option the same replay passes (what the worker's dedupe has to cover).
  assert.equal(new Verifier(ins).verify(at(TS + MAX + 1), d.body, { now: TS + MAX + 1 }).event, "document.completed");
  const report = v.explain(at(TS + MAX + 1), d.body, { now: TS + MAX + 1 });
  const step = report.steps.find((s) => s.check === "event_age");
  assert.equal(step.status, "fail");
  assert.equal(step.code, "timestamp_too_old");
  assert.match(step.detail, /created_at/);
  assert.ok(!step.detail.includes("2026-05-29"), step.detail);
  assert.equal(report.code, "timestamp_too_old");
  assert.equal(new Verifier(ins).explain(d.headers, d.body, { now: TS }).steps.find((s) => s.check === "event_age"), undefined);
});

test("maxEventAgeSeconds: bad created_at values and bad options give their exact codes", () => {
  const v = new Verifier({ ...ins, maxEventAgeSeconds: 345_600 });
  for (const created of [undefined, 1780065000, null, "2026-05-29T14:30:00", "2026-02-30T14:30:00Z", "2026-05-29t14:30:00z", "2026-05-29T14:30:00+25:00"]) {
    const env = { id: "dlv_x", event: "document.completed", api_version: "2026-05-28", created_at: created, data: {} };
    const body = JSON.stringify(env);
    const d = sign({ ...ins, body, timestamp: TS });
    assert.equal(code(() => v.verify(d.headers, body, { now: TS })), "invalid_payload", String(created));
  }
  for (const [opts, needle] of [
    [{ provider: "inspakt", secret: "t", maxEventAgeSeconds: 259_200 }, /maxEventAgeSeconds/],
    [{ ...ins, maxEventAgeSeconds: 300_959 }, /is below 300960 s, the longer of inSigner's retry window \(214560 s\) plus a margin of 86400 s/],
    [{ ...ins, maxEventAgeSeconds: 214_560 }, /is below 300960 s/], // the nominal window: no margin
    [{ ...ins, toleranceSeconds: 2_592_000, maxEventAgeSeconds: 2_591_999 }, /toleranceSeconds \(2592000 s\)/],
    [{ ...ins, maxEventAgeSeconds: 10 * 365 * 86400 + 1 }, /maximum/],
    [{ ...ins, maxEventAgeSeconds: NaN }, /maxEventAgeSeconds/],
    [{ ...ins, maxEventAgeSeconds: "259200" }, /maxEventAgeSeconds/],
  ]) {
    let err;
    try {
      new Verifier(opts);
    } catch (e) {
      err = e;
    }
    assert.equal(err?.code, "invalid_config", JSON.stringify(opts));
    assert.match(err.message, needle);
  }
  assert.equal(new Verifier({ ...ins, maxEventAgeSeconds: 300_960 }).maxEventAgeSeconds, 300_960);
  const insigner = providers.find((p) => p.id === "insigner");
  assert.equal(insigner.retryWindowSeconds, 214_560);
  assert.deepEqual(insigner.eventTime, { field: "created_at", format: "rfc3339" });
  assert.equal(providers.find((p) => p.id === "inspakt").eventTime, null);
});

// ---- review of the security fixes -------------------------------------------------------------

test("a string body with a lone surrogate: the payload holds the verified U+FFFD, not the surrogate", () => {
  for (const pad of [0, 3000, 40_000]) { // the scratch, per-call string and encoded-bytes paths
    const filler = "x".repeat(pad);
    const signedText = `{"id":"dlv_lone","event":"document.completed","data":{"f":"${filler}","x":"a\uFFFDb"}}`;
    const d = sign({ ...ins, body: signedText, timestamp: TS });
    const given = signedText.replace("\uFFFD", "\uD800");
    assert.notEqual(given, signedText);
    // The UTF-8 encoder makes the same bytes of both strings, so both verify...
    const e = new Verifier(ins).verify(d.headers, given, { now: TS });
    // ...and the payload is parsed from exactly those bytes.
    assert.equal(e.payload.data.x, "a\uFFFDb", `pad ${pad}`);
    assert.equal(JSON.stringify(e.toJSON().payload), signedText);
    // A lone trailing surrogate too (and the one-shot form).
    const trail = signedText.replace("\uFFFD", "\uDC00");
    assert.equal(verify(ins, d.headers, trail, { now: TS }).payload.data.x, "a\uFFFDb");
    // A well-formed pair is untouched.
    const pairText = signedText.replace("\uFFFD", "\uD83D\uDE00");
    const p = sign({ ...ins, body: pairText, timestamp: TS });
    assert.equal(new Verifier(ins).verify(p.headers, pairText, { now: TS }).payload.data.x, "a\uD83D\uDE00b");
  }
});

test("one-shot verify reads the options once: a secret getter cannot map one cache key to another secret", () => {
  const A = "review_secret_A_" + "a".repeat(40);
  const B = "review_secret_B_" + "b".repeat(40);
  let reads = 0;
  const shifty = {
    provider: "insigner",
    get secret() {
      reads++;
      return reads === 1 ? A : B;
    },
  };
  const byA = sign({ provider: "insigner", secret: A, timestamp: TS, event: "document.completed" });
  const byB = sign({ provider: "insigner", secret: B, timestamp: TS, event: "document.completed" });
  // The first read (A) is both the cache key and the verifier's secret.
  assert.equal(verify(shifty, byA.headers, byA.body, { now: TS }).event, "document.completed");
  assert.equal(reads, 1);
  // So the cached entry for { secret: A } verifies A's deliveries only.
  assert.equal(code(() => verify({ provider: "insigner", secret: A }, byB.headers, byB.body, { now: TS })), "signature_mismatch");
  assert.equal(verify({ provider: "insigner", secret: A }, byA.headers, byA.body, { now: TS }).keyIndex, 0);
  // A PREPARED-looking first argument from outside is just options (and not an object of options).
  assert.equal(code(() => new Verifier(Object.freeze({}), JSON.stringify({ provider: "insigner", secret: B }))), "invalid_config");
});

test("unknown option keys: a secret pasted as a key is never quoted; a typo is, with the field meant", () => {
  const message = (fn) => {
    try {
      fn();
    } catch (e) {
      assert.equal(e.code, "invalid_config");
      return e.message;
    }
    assert.fail("no error");
  };
  const pasted = "whsec_TOPSECRETdGhpcyBpcyBhIHNlY3JldA==";
  const m = message(() => new Verifier({ ...ins, [pasted]: 1 }));
  assert.ok(m.startsWith("options: an unknown field (key 3 of 3, not quoted: it may be a secret); expected one of provider, secret,"), m);
  assert.ok(!m.includes("whsec") && !m.includes("TOPSECRET"), m);
  const m2 = message(() => verify({ [SECRET]: true, ...ins }, {}, ""));
  assert.ok(m2.startsWith("options: an unknown field (key 1 of 3,"), m2);
  assert.ok(!m2.includes(SECRET.slice(0, 8)), m2);
  assert.equal(
    message(() => new Verifier({ ...ins, dedupeByBodyhash: true })).split(";")[0],
    "options: unknown field `dedupeByBodyhash` (did you mean `dedupeByBodyHash`?)",
  );
  assert.equal(
    message(() => new Verifier({ ...ins, tolerance: 300 })).split(";")[0],
    "options: unknown field `tolerance` (did you mean `toleranceSeconds`?)",
  );
  // sign() follows the same rule.
  const s = message(() => sign({ ...ins, [pasted]: 1 }));
  assert.ok(s.startsWith("sign: an unknown field (key 3 of 3, not quoted: it may be a secret)"), s);
  assert.ok(!s.includes("whsec"), s);
  assert.equal(message(() => sign({ ...ins, timestmap: TS })).split(";")[0], "sign: unknown field `timestmap` (did you mean `timestamp`?)");
});

test("maxEventAgeSeconds: a created_at more than toleranceSeconds ahead is timestamp_in_future", () => {
  const v = new Verifier({ ...ins, maxEventAgeSeconds: 345_600 });
  const at = (created) => {
    const body = JSON.stringify({ id: "dlv_future", event: "document.completed", api_version: "2026-05-28", created_at: created, data: {} });
    return [sign({ ...ins, body, timestamp: TS }), body];
  };
  const iso = (ts) => new Date(ts * 1000).toISOString();
  const [ok, okBody] = at(iso(TS + 300)); // exactly the tolerance ahead: clock skew
  assert.equal(v.verify(ok.headers, okBody, { now: TS }).id, "dlv_future");
  const [late, lateBody] = at(iso(TS + 301));
  let err;
  try {
    v.verify(late.headers, lateBody, { now: TS });
  } catch (e) {
    err = e;
  }
  assert.equal(err?.code, "timestamp_in_future");
  assert.equal(err.message, 'the signed "created_at" is more than toleranceSeconds (300 s) after now');
  const step = v.explain(late.headers, lateBody, { now: TS }).steps.find((s) => s.check === "event_age");
  assert.equal(step.code, "timestamp_in_future");
  assert.ok(!JSON.stringify(step).includes("2026-05-29"), JSON.stringify(step));
  // A wider tolerance allows more skew.
  const wide = new Verifier({ ...ins, toleranceSeconds: 86_400, maxEventAgeSeconds: 345_600 });
  assert.equal(wide.verify(late.headers, lateBody, { now: TS }).id, "dlv_future");
});
