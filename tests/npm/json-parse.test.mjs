// Differential test of the core's JSON reader against JSON.parse itself (issue 17, finding 4):
// the serde_json oracle of the Rust tests refuses lone surrogate escapes ("\ud83d"), which
// JSON.parse and Python accept, so it could not catch a reader that refused them too. Here a
// signed inSigner envelope whose top-level fields are well-formed is accepted exactly when
// JSON.parse accepts its body, and its payload is what JSON.parse makes of it.
import test from "node:test";
import assert from "node:assert/strict";
import { Verifier, sign, WebhookError } from "hookguard";

const SECRET = "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07";
const TS = 1780065000;
const ins = { provider: "insigner", secret: SECRET };

// mulberry32: a small deterministic PRNG, so a failure names a reproducible document.
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

function generator(seed) {
  const r = rng(seed);
  const int = (n) => Math.floor(r() * n);
  const pick = (xs) => xs[int(xs.length)];
  const hex4 = (u) => u.toString(16).padStart(4, "0");
  const esc = (u) => (r() < 0.5 ? `\\u${hex4(u)}` : `\\u${hex4(u).toUpperCase()}`);

  // One piece of string content, as JSON text.
  function piece() {
    switch (int(12)) {
      case 0: return esc(0xd800 + int(0x400)); // lone high
      case 1: return esc(0xdc00 + int(0x400)); // lone low
      case 2: { const cp = 0x10000 + int(0x100000); const h = 0xd800 + ((cp - 0x10000) >> 10); const l = 0xdc00 + ((cp - 0x10000) & 0x3ff); return esc(h) + esc(l); }
      case 3: return esc(0xdc00 + int(0x400)) + esc(0xd800 + int(0x400)); // reversed pair
      case 4: return esc(int(0x10000)); // any unit
      case 5: return pick(["\\n", "\\t", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r"]);
      case 6: return pick(["é", "€", "😀", "中", "\u007f", "a\u00a0b"]);
      case 7: return "\\ud83d"; // what JSON.stringify writes for "😀".slice(0, 1)
      default: return pick(["a", "id", "event", " ", "x y", "0", "created_at"]);
    }
  }
  const str = () => `"${Array.from({ length: int(5) }, piece).join("")}"`;
  const num = () => pick(["0", "-0", "1", "-1", "1.5", "1e3", "1E+3", "2.5e-3", "1e400", "-1e400", "18446744073709551616", "123456789012345678901234567890", "0.0000001"]);

  function value(depth) {
    const k = depth > 6 ? int(5) : int(8);
    switch (k) {
      case 0: return str();
      case 1: return num();
      case 2: return pick(["true", "false", "null"]);
      case 3: return str();
      case 4: return num();
      case 5: {
        const n = int(4);
        return `[${Array.from({ length: n }, () => value(depth + 1)).join(pick([",", " , "]))}]`;
      }
      case 6: {
        const n = int(4);
        const keys = Array.from({ length: n }, () => (r() < 0.3 ? '"dup"' : str()));
        return `{${keys.map((key) => `${key}${pick([":", " : "])}${value(depth + 1)}`).join(",")}}`;
      }
      default: {
        // Deep nesting.
        const d = 1 + int(300);
        return "[".repeat(d) + value(depth + 1) + "]".repeat(d);
      }
    }
  }

  // Breaks a document now and then, so rejection is compared too.
  function mutate(text) {
    if (r() < 0.6 || text.length === 0) return text;
    const at = int(text.length);
    switch (int(6)) {
      case 0: return text.slice(0, at) + text.slice(at + 1);
      case 1: return text.slice(0, at) + pick(["\\", '"', ",", "]", "}", "\\u12", "\\x", "\u0001", "01", "-", "."]) + text.slice(at);
      case 2: return text.slice(0, at);
      case 3: return text.replace("\\u", "\\u0");
      case 4: return text.replace(/\\u[0-9a-fA-F]{4}/, "\\uZZZZ");
      default: return text + pick([",", " ", "]", "x"]);
    }
  }

  return () => {
    const data = mutate(value(0));
    // Top-level wanted fields stay well-formed; other top-level keys vary (a lone surrogate
    // in a key hookguard skips included).
    const extra = int(3) === 0 ? `,${pick(['"x_\\ud800"', '"x_note"', '"\\udfff"', str()])}:${value(3)}` : "";
    return `{"id":"dlv_json_${seed}","event":"document.completed","created_at":"2026-05-29T14:30:00.000Z","data":${data}${extra}}`;
  };
}

test("signed envelopes are accepted exactly when JSON.parse accepts them, with the same payload", () => {
  const v = new Verifier(ins);
  let accepted = 0;
  let rejected = 0;
  let lone = 0;
  for (let seed = 1; seed <= 2500; seed++) {
    const body = generator(seed)();
    let parsed;
    let parses = true;
    try {
      parsed = JSON.parse(body);
    } catch {
      parses = false;
    }
    // The top-level extra key may itself be a duplicate of a wanted field after decoding
    // (str() can spell "id"): hookguard rejects that on purpose, JSON.parse keeps the last.
    if (parses && (parsed.id !== `dlv_json_${seed}` || parsed.event !== "document.completed")) continue;
    if (/\\u[dD][89abAB]/.test(body) || /\\u[dD][c-fC-F]/.test(body)) lone++;
    const d = sign({ ...ins, body, timestamp: TS });
    for (const shape of ["string", "bytes"]) {
      const input = shape === "string" ? body : new TextEncoder().encode(body);
      let result;
      let error;
      try {
        result = v.verify(d.headers, input, { now: TS });
      } catch (e) {
        assert.ok(e instanceof WebhookError, `seed ${seed}: ${e}`);
        error = e;
      }
      if (parses) {
        assert.equal(error, undefined, `seed ${seed} (${shape}): JSON.parse accepts, hookguard said ${error?.code}: ${error?.message}\n${body.slice(0, 400)}`);
        assert.equal(result.id, `dlv_json_${seed}`);
        assert.deepEqual(result.payload, parsed, `seed ${seed} (${shape}): payload`);
      } else {
        assert.equal(error?.code, "invalid_payload", `seed ${seed} (${shape}): JSON.parse refuses, hookguard said ${error?.code ?? "valid"}\n${body.slice(0, 400)}`);
      }
    }
    if (parses) accepted++;
    else rejected++;
  }
  assert.ok(accepted > 800 && rejected > 300, `accepted ${accepted}, rejected ${rejected}`);
  assert.ok(lone > 500, `only ${lone} documents with surrogate escapes`);
});

test("what JSON.stringify writes for text cut inside an emoji verifies, and reads back the same", () => {
  const reason = "Terms in section 4 😀".slice(0, -1); // ends in a lone high surrogate
  const body = JSON.stringify({ id: "dlv_cut", event: "document.declined", api_version: "2026-05-28", created_at: "2026-05-29T14:30:00.000Z", data: { reason } });
  assert.ok(body.includes("\\ud83d"));
  const d = sign({ ...ins, body, timestamp: TS });
  const r = new Verifier(ins).verify(d.headers, body, { now: TS });
  assert.equal(r.event, "document.declined");
  assert.equal(r.payload.data.reason, reason);
});

test("a lone surrogate in a field hookguard extracts stays invalid_payload, by design", () => {
  // JSON.parse accepts these; hookguard refuses them (documented): an id with a lone surrogate
  // cannot be a Rust String, and replacing it with U+FFFD would let two ids collide in dedupe.
  const v = new Verifier(ins);
  for (const [id, event] of [["dlv_\\ud83d", "document.completed"], ["dlv_1", "document.completed\\udc00"], ["dlv_\\udfff\\ud800", "document.completed"]]) {
    const body = `{"id":"${id}","event":"${event}","data":{}}`;
    assert.doesNotThrow(() => JSON.parse(body));
    const d = sign({ ...ins, body, timestamp: TS });
    let err;
    try {
      v.verify({ "x-insigner-signature": d.headers["x-insigner-signature"], "x-insigner-timestamp": String(TS) }, body, { now: TS });
    } catch (e) {
      err = e;
    }
    assert.equal(err?.code, "invalid_payload", body);
    assert.match(err.message, /lone UTF-16 surrogate/);
  }
});

test("a special character at every offset of a long string, at every alignment, reads as JSON.parse reads it", () => {
  // The core scans string content 32 bytes per step in wasm SIMD (src/json.rs plain_run_end):
  // a quote, a backslash or a control character must be found in every lane of a step, in the
  // first and in a later step, however the string is aligned in the body.
  const v = new Verifier(ins);
  const specials = ['\\"', "\\\\", "\\n", "\\u00e9", "\n", "\u001f", "\u0000", '"', "\u007f", "é", "😀"];
  let checked = 0;
  let refused = 0;
  for (const align of [0, 1, 7, 15, 16, 31]) {
    for (const special of specials) {
      for (let at = 0; at <= 80; at += 1) {
        const text = "a".repeat(at) + special + "b".repeat(80 - at);
        const body = `{"id":"dlv_simd","event":"document.completed","pad${"p".repeat(align)}":"${text}","data":{}}`;
        let parsed;
        try {
          parsed = JSON.parse(body);
        } catch {
          parsed = undefined;
        }
        const d = sign({ ...ins, body, timestamp: TS });
        for (const input of [body, new TextEncoder().encode(body)]) {
          let result;
          let code;
          try {
            result = v.verify(d.headers, input, { now: TS });
          } catch (e) {
            assert.ok(e instanceof WebhookError, String(e));
            code = e.code;
          }
          const where = `${JSON.stringify(special)} at ${at}, alignment ${align} (${typeof input})`;
          if (parsed === undefined) {
            assert.equal(code, "invalid_payload", where);
          } else {
            assert.equal(code, undefined, where);
            assert.deepEqual(result.payload, parsed, where);
          }
        }
        checked++;
        if (parsed === undefined) refused++;
      }
    }
  }
  // Raw control characters and an early quote are refused at every offset; the rest accepted.
  assert.equal(checked, 6 * specials.length * 81);
  assert.equal(refused, 6 * 4 * 81);
});
