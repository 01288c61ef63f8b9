// The JavaScript contract of the installed package: inputs it accepts, the exact error code of
// every bad input, signing every event, rotation, explain, and what messages never contain.
import test from "node:test";
import assert from "node:assert/strict";
import { Verifier, verify, sign, WebhookError, errorCodes, providers, version, sha256 } from "hookguard";
import { createRequire } from "node:module";
import * as hookguard from "hookguard";
import { startFlipper } from "./helpers.mjs";

const SECRET = "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07";
const TS = 1780065000;
const ins = { provider: "insigner", secret: SECRET };
const insp = { provider: "inspakt", secret: "tok_secret_value_123", header: "X-Inspakt-Webhook-Token" };

function code(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof WebhookError, `expected WebhookError, got ${e}`);
    return e.code;
  }
  return "no error";
}

function message(fn) {
  try {
    fn();
  } catch (e) {
    return e.message;
  }
  return "no error";
}

test("sign -> verify round-trips for every known event of both providers", () => {
  const byId = Object.fromEntries(providers.map((p) => [p.id, p]));
  assert.equal(byId.insigner.events.length, 5);
  assert.equal(byId.inspakt.events.length, 9);
  for (const [opts, p] of [[ins, byId.insigner], [insp, byId.inspakt]]) {
    for (const e of p.events) {
      const d = sign({ ...opts, provider: p.id, timestamp: TS, event: e.name });
      const r = new Verifier(opts).verify(d.headers, d.body, { now: TS + 1 });
      assert.equal(r.event, e.name);
      assert.deepEqual(r.payload.data, JSON.parse(e.sampleData));
      if (p.id === "insigner") {
        assert.equal(r.id, r.payload.id);
        assert.equal(r.timestamp, TS);
        assert.equal(r.dedupeKey, `insigner:${r.id}`);
      } else {
        assert.equal(r.id, null);
        assert.equal(r.timestamp, null);
        assert.equal(r.dedupeKey, null);
      }
    }
  }
});

test("rotation: the result says which secret matched", () => {
  const d = sign({ ...ins, timestamp: TS, event: "document.completed" });
  const r = new Verifier({ ...ins, secret: ["f".repeat(64), SECRET] }).verify(d.headers, d.body, { now: TS });
  assert.equal(r.keyIndex, 1);
});

test("headers: Headers, any-case objects, pairs, Map and Node-style arrays", () => {
  const d = sign({ ...ins, timestamp: TS, event: "document.completed" });
  const v = new Verifier(ins);
  const upper = Object.fromEntries(Object.entries(d.headers).map(([k, val]) => [k.toUpperCase(), val]));
  for (const h of [new Headers(d.headers), upper, Object.entries(d.headers), new Map(Object.entries(d.headers)),
    Object.fromEntries(Object.entries(d.headers).map(([k, val]) => [k, [val]]))]) {
    assert.equal(v.verify(h, d.body, { now: TS }).event, "document.completed");
  }
  // The same header twice (two casings, or Node's array of two) is ambiguous.
  assert.equal(code(() => v.verify({ ...d.headers, "X-InSigner-Signature": d.headers["x-insigner-signature"] }, d.body, { now: TS })), "malformed_header");
  assert.equal(code(() => v.verify({ ...d.headers, "x-insigner-timestamp": [String(TS), String(TS)] }, d.body, { now: TS })), "malformed_header");
  // Headers joins repeats with ", ", which is not a signature.
  const h = new Headers(d.headers);
  h.append("x-insigner-signature", d.headers["x-insigner-signature"]);
  assert.equal(code(() => v.verify(h, d.body, { now: TS })), "malformed_header");
  assert.equal(code(() => v.verify(null, d.body, { now: TS })), "invalid_config");
  assert.equal(code(() => v.verify([["only-one"]], d.body, { now: TS })), "invalid_config");
});

test("bodies: string, Uint8Array, ArrayBuffer, DataView and offset views verify the same bytes", () => {
  const d = sign({ ...ins, timestamp: TS, event: "signer.completed" });
  const v = new Verifier(ins);
  const bytes = new TextEncoder().encode(d.body);
  const padded = new Uint8Array(bytes.length + 10);
  padded.set(bytes, 5);
  for (const b of [d.body, bytes, bytes.buffer, new DataView(bytes.buffer), padded.subarray(5, 5 + bytes.length)]) {
    assert.equal(v.verify(d.headers, b, { now: TS }).event, "signer.completed");
  }
  for (const bad of [JSON.parse(d.body), 42, null, undefined, [1, 2]]) {
    assert.equal(code(() => v.verify(d.headers, bad, { now: TS })), "invalid_payload");
  }
  const e = (() => { try { v.verify(d.headers, JSON.parse(d.body), { now: TS }); } catch (err) { return err; } })();
  assert.match(e.message, /raw/);
});

test("a signed body that is not UTF-8 passes the MAC and then fails as invalid_payload", () => {
  const body = new Uint8Array([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]);
  const d = sign({ ...ins, body, timestamp: TS });
  assert.equal(d.body, body, "sign returns the caller's bytes");
  assert.equal(code(() => new Verifier(ins).verify(d.headers, body, { now: TS })), "invalid_payload");
  const other = sign({ ...ins, body: "{}", timestamp: TS });
  assert.equal(code(() => new Verifier(ins).verify(other.headers, body, { now: TS })), "signature_mismatch");
});

test("the payload is what was verified, even if the caller's buffer changes afterwards", () => {
  const d = sign({ ...ins, timestamp: TS, event: "document.completed" });
  const bytes = new TextEncoder().encode(d.body);
  const r = new Verifier(ins).verify(d.headers, bytes, { now: TS });
  bytes.fill(0x20);
  assert.equal(r.payload.event, "document.completed");
  assert.equal(JSON.parse(JSON.stringify(r)).payload.event, "document.completed");
});

test("a verified byte body keeps exactly its text: at 2048 bytes and past them, non-ASCII, a leading BOM refused, the caller's buffer changed afterwards", () => {
  const v = new Verifier(ins);
  for (const size of [200, 2047, 2048, 2049, 5000]) {
    const head = '{"event":"document.completed","id":"dlv_1","note":"';
    let note = "";
    while (new TextEncoder().encode(head + note + '"}').length < size) note += note.length % 7 ? "a" : "é";
    const text = head + note + '"}';
    const bytes = new TextEncoder().encode(text);
    const d = sign({ ...ins, body: bytes, timestamp: TS });
    const r = v.verify(d.headers, bytes, { now: TS });
    bytes.fill(0x20);
    assert.equal(r.payload.note, note, `${bytes.length} bytes`);
    assert.equal(r.payload.event, "document.completed");
  }
  // A BOM is no JSON for the core: refused, whatever the decoder would make of it.
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"event":"document.completed","id":"dlv_1"}')]);
  const d = sign({ ...ins, body: bom, timestamp: TS });
  assert.equal(code(() => v.verify(d.headers, bom, { now: TS })), "invalid_payload");
});

test("now: unix seconds only", () => {
  const d = sign({ ...ins, timestamp: TS, event: "document.completed" });
  const v = new Verifier(ins);
  for (const now of [TS * 1000, NaN, Infinity, -1, "1780065000"]) {
    assert.equal(code(() => v.verify(d.headers, d.body, { now })), "invalid_config", String(now));
  }
  // Default: the real clock, so a 2026-05 delivery is too old today (or in the future).
  assert.match(code(() => v.verify(d.headers, d.body)), /^timestamp_(too_old|in_future)$/);
  const fresh = sign({ ...ins, event: "document.completed" });
  assert.equal(v.verify(fresh.headers, fresh.body).event, "document.completed");
});

test("options: every unusable option is invalid_config", () => {
  for (const o of [
    undefined, null, "insigner", [], {},
    { provider: "insigner" },
    { provider: "nope", secret: SECRET },
    { provider: "insigner", secret: [] },
    { provider: "insigner", secret: [""] },
    { provider: "insigner", secret: ` ${SECRET}` },
    { provider: "insigner", secret: SECRET, toleranceSeconds: 1.5 },
    { provider: "insigner", secret: SECRET, toleranceSeconds: -1 },
    { provider: "insigner", secret: SECRET, toleranceSeconds: 31 * 86400 },
    { provider: "insigner", secret: SECRET, tolerance: 300 },
    { provider: "insigner", secret: SECRET, header: "X-Token" },
    { provider: "insigner", secret: SECRET, events: [] },
    { provider: "insigner", secret: SECRET, maxBodyBytes: "big" },
    { provider: "insigner", secret: Array(9).fill(SECRET) },
    { provider: "inspakt", secret: "t", toleranceSeconds: 60 },
    { provider: "inspakt", secret: "t", header: "Bad Header" },
    { provider: "standard-webhooks", secret: "whsec_!!!" },
    // NaN and Infinity would serialise as null, i.e. "use the default": refused instead.
    { provider: "insigner", secret: SECRET, toleranceSeconds: NaN },
    { provider: "insigner", secret: SECRET, toleranceSeconds: Infinity },
    { provider: "insigner", secret: SECRET, maxBodyBytes: Infinity },
    { provider: "insigner", secret: SECRET, maxBodyBytes: -Infinity },
  ]) {
    assert.equal(code(() => new Verifier(o)), "invalid_config", JSON.stringify(o));
  }
  assert.equal(code(() => verify({ provider: "x", secret: "y" }, {}, "")), "invalid_config");
  assert.equal(code(() => verify({ provider: "insigner", secret: SECRET, toleranceSeconds: NaN }, {}, "")), "invalid_config");
  assert.match(message(() => new Verifier({ provider: "insigner", secret: SECRET, toleranceSeconds: NaN })), /toleranceSeconds must be a finite number/);
});

test("size limit: body_too_large before any copy, and exactly at the limit it passes", () => {
  const d = sign({ ...ins, timestamp: TS, event: "document.completed" });
  const n = new TextEncoder().encode(d.body).length;
  assert.equal(new Verifier({ ...ins, maxBodyBytes: n }).verify(d.headers, d.body, { now: TS }).event, "document.completed");
  assert.equal(code(() => new Verifier({ ...ins, maxBodyBytes: n - 1 }).verify(d.headers, d.body, { now: TS })), "body_too_large");
  assert.equal(code(() => new Verifier({ ...ins, maxBodyBytes: n - 1 }).verify(d.headers, new TextEncoder().encode(d.body), { now: TS })), "body_too_large");
  // A string whose UTF-8 form is longer than its length: caught by the core.
  const wide = "é".repeat(60);
  assert.equal(code(() => new Verifier({ ...ins, maxBodyBytes: 100 }).verify(d.headers, wide, { now: TS })), "body_too_large");
  // Default limit: 1 MiB.
  assert.equal(new Verifier(ins).maxBodyBytes, 1048576);
  assert.equal(code(() => new Verifier(ins).verify(d.headers, new Uint8Array(1048577), { now: TS })), "body_too_large");
});

test("event allow-list", () => {
  const d = sign({ ...ins, timestamp: TS, event: "document.declined" });
  assert.equal(code(() => new Verifier({ ...ins, events: ["document.completed"] }).verify(d.headers, d.body, { now: TS })), "event_not_allowed");
  assert.equal(new Verifier({ ...ins, events: ["document.declined"] }).verify(d.headers, d.body, { now: TS }).event, "document.declined");
  const unknown = sign({ ...ins, timestamp: TS, event: "document.archived" });
  assert.equal(new Verifier(ins).verify(unknown.headers, unknown.body, { now: TS }).event, "document.archived", "unknown events verify");
});

test("explain reports every step, agrees with verify, and reveals only when asked", () => {
  const d = sign({ ...ins, timestamp: TS, event: "document.completed" });
  const v = new Verifier(ins);
  const good = v.explain(d.headers, d.body, { now: TS + 10 });
  assert.equal(good.code, null);
  assert.deepEqual(good.steps.map((s) => [s.check, s.status]), [
    ["body", "pass"], ["signature", "pass"], ["timestamp", "pass"], ["envelope", "pass"], ["consistency", "pass"], ["event", "pass"],
  ]);
  assert.ok(good.steps.every((s) => s.expected === undefined));
  const tampered = d.body.replace("Sales", "Sale$");
  const bad = v.explain(d.headers, tampered, { now: TS + 400, revealExpected: true });
  assert.equal(bad.code, "signature_mismatch");
  const sig = bad.steps.find((s) => s.check === "signature");
  assert.equal(sig.status, "fail");
  assert.deepEqual(sig.expected, [sign({ ...ins, body: tampered, timestamp: TS }).headers["x-insigner-signature"]]);
  assert.equal(bad.steps.find((s) => s.check === "timestamp").code, "timestamp_too_old");
});

test("error messages never contain a secret, a token or body content", () => {
  const marker = "BODYMARKER_6f1d";
  const body = JSON.stringify({ id: "dlv_1", event: "document.completed", data: { note: marker } });
  const d = sign({ ...ins, body, timestamp: TS });
  const cases = [
    () => new Verifier(ins).verify({ ...d.headers, "x-insigner-signature": "sha256=" + "0".repeat(64) }, body, { now: TS }),
    () => new Verifier(ins).verify(d.headers, body.replace(marker, marker + "x"), { now: TS }),
    () => new Verifier(ins).verify({ ...d.headers, "x-insigner-event": marker }, body, { now: TS }),
    () => new Verifier(insp).verify({ "x-inspakt-webhook-token": "wrong" }, body, { now: TS }),
    () => new Verifier({ provider: "insigner", secret: SECRET + " " }),
    () => new Verifier({ provider: "insigner", secret: 12345678 }),
    () => new Verifier({ provider: "insigner", secret: SECRET, toleranceSeconds: SECRET }),
    () => sign({ provider: "standard-webhooks", secret: "whsec_" + marker }),
    () => new Verifier({ ...ins, events: ["document.declined"] }).verify(sign({ ...ins, body: JSON.stringify({ id: "dlv_2", event: marker }), timestamp: TS }).headers, JSON.stringify({ id: "dlv_2", event: marker }), { now: TS }),
  ];
  for (const fn of cases) {
    try {
      fn();
      assert.fail("expected an error");
    } catch (e) {
      assert.ok(e instanceof WebhookError);
      for (const secret of [SECRET, "tok_secret_value_123", marker, "12345678"]) {
        assert.ok(!e.message.includes(secret), `${e.code}: message leaks ${secret.slice(0, 8)}…: ${e.message}`);
      }
    }
  }
});

test("WebhookError and the error table", () => {
  const e = (() => { try { new Verifier({ provider: "insigner", secret: [] }); } catch (err) { return err; } })();
  assert.ok(e instanceof Error);
  assert.equal(e.name, "WebhookError");
  assert.equal(e.code, "invalid_config");
  assert.equal(e.status, 500);
  assert.deepEqual(errorCodes.map((c) => c.code), [
    "missing_header", "malformed_header", "signature_mismatch", "token_mismatch", "timestamp_too_old",
    "timestamp_in_future", "header_body_mismatch", "invalid_payload", "event_not_allowed", "body_too_large", "invalid_config",
  ]);
  assert.deepEqual(Object.fromEntries(errorCodes.map((c) => [c.code, c.status])), {
    missing_header: 400, malformed_header: 400, signature_mismatch: 401, token_mismatch: 401, timestamp_too_old: 401,
    timestamp_in_future: 401, header_body_mismatch: 401, invalid_payload: 400, event_not_allowed: 422, body_too_large: 413, invalid_config: 500,
  });
  assert.match(version, /^\d+\.\d+\.\d+/);
});

test("sign: bad arguments are invalid_config", () => {
  for (const o of [undefined, { provider: "insigner" }, { provider: 1, secret: "s" }, { provider: "insigner", secret: "s", extra: 1 },
    { provider: "insigner", secret: "s", id: 5 }, { provider: "insigner", secret: "s", timestamp: -1 }, { provider: "insigner", secret: "", event: "x" },
    // inSigner's event and id live in the signed body: an explicit one that disagrees would
    // produce a delivery that fails its own header/body check.
    { provider: "insigner", secret: "s", body: '{"id":"a","event":"x"}', event: "y" },
    { provider: "insigner", secret: "s", body: '{"id":"a","event":"x"}', id: "b" }]) {
    assert.equal(code(() => sign(o)), "invalid_config", JSON.stringify(o));
  }
});

test("standard-webhooks: the published vector verifies", () => {
  const r = verify(
    { provider: "standard-webhooks", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" },
    { "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": "1614265330", "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" },
    '{"test": 2432232314}',
    { now: 1614265330 },
  );
  assert.equal(r.id, "msg_p5jXN8AQM9LWM0D4loKWxJek");
});

test("sha256 matches a known answer", () => {
  const hex = [...sha256("abc")].map((b) => b.toString(16).padStart(2, "0")).join("");
  assert.equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
});

test("the one-shot cache keys on content: mutating the options object is safe", () => {
  const opts = { provider: "insigner", secret: SECRET };
  const d = sign({ ...ins, timestamp: TS, event: "document.completed" });
  assert.equal(verify(opts, d.headers, d.body, { now: TS }).keyIndex, 0);
  opts.secret = "e".repeat(64);
  assert.equal(code(() => verify(opts, d.headers, d.body, { now: TS })), "signature_mismatch");
  for (let i = 0; i < 40; i++) verify({ ...ins, maxBodyBytes: 10000 + i }, d.headers, d.body, { now: TS });
});

test("small inputs reuse one wasm buffer: every result stays right across wasm memory growth, both body types, at the size boundary", () => {
  const v = new Verifier({ ...ins, maxBodyBytes: 64 << 20 });
  const now = { now: TS };
  const small = sign({ ...ins, timestamp: TS, event: "document.completed" });
  const smallBytes = new TextEncoder().encode(small.body);
  const wantId = JSON.parse(small.body).id;
  const tampered = smallBytes.slice();
  tampered[tampered.length - 3] ^= 1;
  const roundTrip = (label) => {
    assert.equal(v.verify(small.headers, small.body, now).id, wantId, `${label}: string`);
    assert.equal(v.verify(small.headers, smallBytes, now).id, wantId, `${label}: bytes`);
    // The buffer really carries this call's bytes, not a previous call's.
    assert.equal(code(() => v.verify(small.headers, tampered, now)), "signature_mismatch", `${label}: tampered`);
    assert.equal(v.verify(small.headers, small.body, now).keyIndex, 0, `${label}: after a rejection`);
  };
  roundTrip("before any large body");
  // Large bodies take the per-call path; their allocations grow wasm memory, which replaces the
  // ArrayBuffer under every existing view. A stale view would read or write nothing.
  for (const mib of [1, 4, 16, 40]) {
    const big = small.body.replace('"data":{', `"data":{"pad":"${"x".repeat(mib << 20)}",`);
    assert.ok(big.length > mib << 20);
    const d = sign({ ...ins, timestamp: TS, body: big });
    assert.equal(v.verify(d.headers, d.body, now).id, wantId, `${mib} MiB body`);
    roundTrip(`after a ${mib} MiB body`);
  }
  // Around the buffer's size limit (16384 bytes; a UTF-16 unit can need 3 bytes) with 1-, 2-,
  // 3- and 4-byte characters: both paths give the same answers.
  for (const ch of ["a", "é", "€", "😀"]) {
    for (const units of [5300, 5440, 5461, 5462, 5500, 8100, 8200, 16400]) {
      const pad = ch.repeat(Math.ceil(units / ch.length)).slice(0, units - (units % ch.length));
      const body = small.body.replace('"data":{', `"data":{"pad":"${pad}",`);
      const d = sign({ ...ins, timestamp: TS, body });
      assert.equal(v.verify(d.headers, body, now).id, wantId, `${ch} x${units}: string`);
      const bytes = new TextEncoder().encode(body);
      assert.equal(v.verify(d.headers, bytes, now).id, wantId, `${ch} x${units}: bytes`);
      const bad = bytes.slice();
      bad[bad.length - 3] ^= 1;
      assert.equal(code(() => v.verify(d.headers, bad, now)), "signature_mismatch", `${ch} x${units}: tampered`);
    }
  }
  // Long header values push a small body off the buffer too; the answer is the same.
  const idKey = Object.keys(small.headers).find((k) => k.toLowerCase() === "x-insigner-delivery-id");
  const longId = { ...small.headers, [idKey]: `${wantId}${" ".repeat(6000)}` };
  assert.equal(v.verify(longId, small.body, now).id, wantId);
});

test("a SharedArrayBuffer body another thread keeps writing to: the payload is always the bytes verified", async () => {
  const body = JSON.stringify({ id: "dlv_sab", event: "document.completed", data: { flag: "a" } });
  const d = sign({ ...ins, body, timestamp: TS });
  const enc = new TextEncoder().encode(body);
  const sab = new SharedArrayBuffer(enc.length + 4);
  const view = new Uint8Array(sab, 4, enc.length);
  view.set(enc);
  const at = body.indexOf('"a"') + 1;
  // The other thread flips the flag between "a" (genuine) and "b" (forged) until told to stop.
  const stop = await startFlipper(sab, at);
  const v = new Verifier(ins);
  let accepted = 0;
  let rejected = 0;
  try {
    for (let i = 0; i < 3000; i++) {
      let r;
      try {
        r = v.verify(d.headers, view, { now: TS });
      } catch (e) {
        assert.equal(e.code, "signature_mismatch");
        rejected++;
        continue;
      }
      accepted++;
      assert.equal(r.payload.data.flag, "a", "an accepted payload must be the genuine bytes");
    }
  } finally {
    await stop();
  }
  assert.ok(accepted > 0 && accepted + rejected === 3000, `accepted ${accepted}, rejected ${rejected}`);
});

test("slack: a form body's payload is its decoded fields (strings); a JSON body's is the JSON", () => {
  const slack = { provider: "slack", secret: "8f742231b10e8888abcd99yyyzzz85a5" };
  const v = new Verifier(slack);
  const form =
    "token=abc&command=%2Fweather&text=94070+now+%E2%9C%93&empty=&bare&trigger_id=1.2.3" +
    "&payload=%7B%22type%22%3A%22block_actions%22%7D";
  for (const body of [form, new TextEncoder().encode(form)]) {
    const d = sign({ ...slack, body, timestamp: TS });
    const r = v.verify(d.headers, body, { now: TS });
    assert.equal(r.event, null);
    assert.equal(r.id, null);
    assert.equal(r.timestamp, TS);
    assert.match(r.dedupeKey, /^slack:sha256:[0-9a-f]{64}$/);
    assert.deepEqual(r.payload, {
      token: "abc",
      command: "/weather",
      text: "94070 now ✓",
      empty: "",
      bare: "",
      trigger_id: "1.2.3",
      payload: '{"type":"block_actions"}',
    });
    assert.deepEqual(JSON.parse(r.payload.payload), { type: "block_actions" });
    assert.equal(JSON.parse(JSON.stringify(r)).payload.command, "/weather");
  }
  // `__proto__` is an own field, never the prototype.
  const proto = "__proto__=x&constructor=y";
  const dp = sign({ ...slack, body: proto, timestamp: TS });
  const rp = v.verify(dp.headers, proto, { now: TS });
  assert.equal(Object.getPrototypeOf(rp.payload), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(rp.payload, "__proto__").value, "x");
  // A JSON body is parsed as JSON.
  const d = sign({ ...slack, timestamp: TS, event: "event_callback" });
  const r = v.verify(d.headers, d.body, { now: TS + 1 });
  assert.equal(r.event, "event_callback");
  assert.equal(r.payload.event.type, "app_mention");
  assert.equal(r.dedupeKey, `slack:${r.id}`);
  // Broken forms fail verify itself (never at payload access).
  for (const bad of ["a=%zz", "a=%C3%28", "a=1&a=2"]) {
    const db = sign({ ...slack, body: bad, timestamp: TS });
    assert.equal(code(() => v.verify(db.headers, bad, { now: TS })), "invalid_payload", bad);
  }
  // Other providers keep JSON-only bodies (GitHub: form hooks are invalid_payload).
  const gh = { provider: "github", secret: "s" };
  const dg = sign({ ...gh, body: "payload=%7B%7D", id: "d-1" });
  assert.equal(code(() => new Verifier(gh).verify(dg.headers, "payload=%7B%7D", { now: TS })), "invalid_payload");
});

test("hookguard/verify: the same verifier without sign(), explain() and custom schemes, and one WebhookError brand", () => {
  const slim = createRequire(import.meta.url)("hookguard/verify");
  assert.deepEqual(Object.keys(slim).sort(), Object.keys(hookguard).sort(), "the same exports");
  assert.deepEqual(slim.providers, hookguard.providers);
  assert.deepEqual(slim.errorCodes, hookguard.errorCodes);
  assert.equal(slim.version, hookguard.version);
  // The public-key providers are not in the verifier alone (asymmetric.test.mjs checks it refuses them).
  for (const p of hookguard.providers.filter((p) => p.events.length && !p.auth.publicKey)) {
    const secret = p.auth.key === "whsec-base64" ? "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" : "s3cret";
    const opts = p.id === "inspakt" ? { provider: p.id, secret: "tok", header: "X-Tok" } : { provider: p.id, secret };
    // URL-signing providers sign the URL the delivery goes to; sign() says which to verify with.
    const url = p.auth.needsUrl ? "https://hooks.example.com/in?x=1" : undefined;
    const d = hookguard.sign({ ...opts, timestamp: 1780065000, url });
    const full = hookguard.verify(opts, d.headers, d.body, { now: 1780065000, url: d.url });
    const alone = new slim.Verifier(opts).verify(d.headers, d.body, { now: 1780065000, url: d.url });
    // Each entry has its own result class: compare the fields and the parsed payload.
    assert.deepEqual({ ...alone, payload: alone.payload }, { ...full, payload: full.payload }, p.id);
    // Bodies that are not one JSON object (Twilio's forms, HubSpot's and PandaDoc's arrays,
    // Dropbox Sign's multipart) have no payload.
    if (p.bodyIsJson || p.formBodies) assert.ok(alone.payload !== null && typeof alone.payload === "object", p.id);
    else assert.equal(alone.payload, null, p.id);
  }
  const d = hookguard.sign({ provider: "stripe", secret: "s3cret", timestamp: 1780065000 });
  const v = new slim.Verifier({ provider: "stripe", secret: "s3cret" });
  for (const [what, call] of [["sign()", () => slim.sign({ provider: "stripe", secret: "s3cret" })], ["explain()", () => v.explain(d.headers, d.body)]]) {
    assert.throws(call, (e) => {
      assert.equal(e.code, "invalid_config");
      assert.equal(e.message, `${what} is not in hookguard/verify, the verifier alone: import it from "hookguard"`);
      // Either entry's class recognises the other's errors.
      assert.ok(e instanceof hookguard.WebhookError && e instanceof slim.WebhookError && e instanceof Error);
      return true;
    });
  }
  assert.throws(() => v.verify(d.headers, d.body + " ", { now: 1780065000 }), hookguard.WebhookError);
  // Custom scheme descriptors are in the full module only; the refusal says where.
  const scheme = { name: "Acme", header: "x-acme-signature" };
  assert.equal(new hookguard.Verifier({ provider: "custom", secret: "s", scheme }).provider, "custom");
  for (const call of [() => new slim.Verifier({ provider: "custom", secret: "s", scheme }), () => slim.verify({ provider: "custom", secret: "s", scheme }, {}, "{}")]) {
    assert.throws(call, (e) => e instanceof slim.WebhookError && e.code === "invalid_config" &&
      e.message === 'options: provider "custom" (scheme descriptors) is not in hookguard/verify, the verifier alone: import it from "hookguard"');
  }
  // A subclass keeps the ordinary check; a plain object or a look-alike is no WebhookError.
  class Mine extends hookguard.WebhookError {}
  assert.equal(new hookguard.WebhookError("x", "y") instanceof Mine, false);
  assert.equal(new Mine("x", "y") instanceof slim.WebhookError, true);
  assert.equal({ code: "signature_mismatch", name: "WebhookError" } instanceof hookguard.WebhookError, false);
  assert.equal(null instanceof hookguard.WebhookError, false);
});

test("handshake: answered by the package itself, with call options checked", () => {
  const secret = "wF4bL9x0QkqS1aZt3mPq7w";
  const now = 1780065000;
  const body = '{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event":"endpoint.url_validation"}';
  const { headers } = sign({ provider: "zoom", secret, body, timestamp: now });
  const v = new Verifier({ provider: "zoom", secret });
  const r = v.handshake(headers, body, { now });
  assert.equal(r.status, 200);
  assert.deepEqual(r.headers, { "content-type": "application/json" });
  assert.equal(JSON.parse(r.body).plainToken, "qgg8vlvZRS6UYooatFL8Aw");
  assert.match(JSON.parse(r.body).encryptedToken, /^[0-9a-f]{64}$/);
  // Another method, another event: no handshake.
  assert.equal(v.handshake(headers, body, { now, method: "PUT" }), null);
  // Wrongly signed: the delivery's error.
  assert.throws(() => v.handshake({ ...headers, "x-zm-signature": "v0=" + "0".repeat(64) }, body, { now }),
    (e) => e instanceof WebhookError && e.code === "signature_mismatch");
  for (const opts of [{ now, method: 5 }, { now, url: 5 }, { now: -1 }]) {
    assert.throws(() => v.handshake(headers, body, opts), (e) => e.code === "invalid_config");
  }
  assert.throws(() => v.handshake(headers, { plainToken: 1 }, { now }), (e) => e.code === "invalid_payload");
  // An inherited method or url is never read.
  Object.prototype.method = "GET";
  try {
    assert.equal(v.handshake(headers, body, { now }).status, 200);
  } finally {
    delete Object.prototype.method;
  }
  // Meta's GET: the verify token is an option; a GET has no body.
  const meta = new Verifier({ provider: "meta", secret: "app-secret", verifyToken: "tok" });
  const url = "https://edge.example/m?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=tok";
  assert.deepEqual(meta.handshake({}, undefined, { method: "GET", url }),
    { status: 200, headers: { "content-type": "text/plain" }, body: "1158201444" });
  assert.throws(() => meta.handshake({}, null, { method: "GET", url: url.replace("=tok", "=tok2") }),
    (e) => e.code === "token_mismatch" && !e.message.includes("tok2"));
  assert.throws(() => new Verifier({ provider: "slack", secret: "s", verifyToken: "tok" }), (e) => e.code === "invalid_config");
  // hookguard/verify, the verifier alone, answers handshakes the same way.
  const slim = createRequire(import.meta.url)("hookguard/verify");
  assert.deepEqual(new slim.Verifier({ provider: "zoom", secret }).handshake(headers, body, { now }), v.handshake(headers, body, { now }));
  assert.equal(new slim.Verifier({ provider: "zoom", secret }).verify(headers, body, { now }).event, "endpoint.url_validation");
});
