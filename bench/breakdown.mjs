// Where the time goes for one small delivery (256 B by default): each step timed on its own,
// in interleaved rounds, median ns per call. Run by bench/run.mjs in its own process:
//   node bench/breakdown.mjs <config.json>  (config: { entry, glue, wasm, probeGlue?, probeWasm?,
//                                              size, reps, minMs, warmMs, out })
// "raw" steps call the package's wasm-bindgen exports directly (a second instance of the same
// .wasm). "probe" steps use the scratch build of bench/probes/build.sh (same core, extra exports)
// to price alternatives the package does not have yet.

import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { makeBody, makeLongStringBody, tamper, SECRET, EVENT } from "./lib/fixtures.mjs";
import { opsPerSecond, calibrate, summary } from "./lib/stats.mjs";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const hg = await import(pathToFileURL(config.entry).href);
const raw = await import(pathToFileURL(config.glue).href);
const rawExports = raw.initSync({ module: readFileSync(config.wasm) });
let probe = null;
let probeExports = null;
if (config.probeGlue && existsSync(config.probeGlue)) {
  probe = await import(pathToFileURL(config.probeGlue).href);
  probeExports = probe.initSync({ module: readFileSync(config.probeWasm) });
}

const NOW = 1_795_000_000;
const size = config.size;
const body = makeBody(size);
const bytes = new TextEncoder().encode(body);
const asciiBody = body.normalize("NFKD").replace(/[^\x00-\x7f]/g, "-"); // same length class, pure ASCII
const env = JSON.parse(body);
const { headers } = hg.sign({ provider: "insigner", secret: SECRET, body, timestamp: NOW - 5, id: env.id, event: EVENT });
const asciiSigned = hg.sign({ provider: "insigner", secret: SECRET, body: asciiBody, timestamp: NOW - 5, id: env.id, event: EVENT });
const options = { provider: "insigner", secret: SECRET };
const v = new hg.Verifier(options);
const at = { now: NOW };
const bad = tamper(body);
const key = new TextEncoder().encode(SECRET);
const names = v.headerNames; // order the raw verifier expects
const hv = names.map((n) => headers[n]);
const rv = new raw.RawVerifier(JSON.stringify(options));
const pv = probe ? new probe.RawVerifier(JSON.stringify(options)) : null;
const dec = new TextDecoder();
// The package's raw API: (4 header strings, body) -> JSON string in the first version;
// (NUL-joined headers, presence mask, body) -> result number since the lead's rework.
const joinedApi = rv.verifyString.length === 4;
const joined = hv.map((x) => x ?? "").join("\0");
const mask = hv.reduce((m, x, i) => (x === undefined ? m : m | (1 << i)), 0);
const rawVerifyString = joinedApi
  ? (b) => rv.verifyString(joined, mask, b, NOW)
  : (b) => rv.verifyString(hv[0], hv[1], hv[2], hv[3], b, NOW);
const rawVerifyBytes = joinedApi
  ? (b) => rv.verifyBytes(joined, mask, b, NOW)
  : (b) => rv.verifyBytes(hv[0], hv[1], hv[2], hv[3], b, NOW);
const resultJson = joinedApi ? '{"event":"document.completed","id":"dlv_01JBENCH0000000000000000","timestamp":1794999995,"keyIndex":0,"dedupeKey":"insigner:dlv_01JBENCH0000000000000000"}' : rawVerifyString(body);
if (joinedApi && !(rawVerifyString(body) >= 0 && rawVerifyString(tamper(body)) < 0)) throw new Error("raw API probe failed");
const pvString = pv && (pv.verifyString.length === 4 ? (b) => pv.verifyString(joined, mask, b, NOW) : (b) => pv.verifyString(hv[0], hv[1], hv[2], hv[3], b, NOW));
const emptyBytes = new Uint8Array(0);
const longBytes = new TextEncoder().encode(makeLongStringBody(size));

const steps = [];
const step = (group, name, fn, note) => steps.push({ group, name, fn, note });

// Package API, as a user calls it. (The notes follow the raw API of this build.)
const reworked = rv.verifyString.length === 4;
step("api", "Verifier.verify(headers, string)", () => v.verify(headers, body, at), "the whole call");
step("api", "Verifier.verify(headers, Uint8Array)", () => v.verify(headers, bytes, at), reworked ? "+ bytes.slice(), the private copy for the lazy payload" : "+ TextDecoder.decode of the body for the lazy payload");
step("api", "verify(options, headers, string) one-shot", () => hg.verify(options, headers, body, at), "+ JSON.stringify(options) as the cache key");
const fetchHeaders = new Headers(headers);
const pairHeaders = Object.entries(headers);
step("api", "Verifier.verify(fetch Headers, string)", () => v.verify(fetchHeaders, body, at), "headers read with Headers.get");
step("api", "Verifier.verify([name, value] pairs, string)", () => v.verify(pairHeaders, body, at), "headers read by iterating pairs");
step("api", "Verifier.verify, tampered body (throws)", () => {
  try {
    v.verify(headers, bad, at);
  } catch (e) {
    return e.code;
  }
}, reworked ? "rejection path: negative code + lastError() -> WebhookError (captures a stack)" : "rejection path: thrown string -> WebhookError (captures a stack)");
const scratchApi = typeof raw.scratch === "function";
step("api", "Verifier.verify, pure-ASCII string body", () => v.verify(asciiSigned.headers, asciiBody, at), scratchApi ? "small inputs: encodeInto into the scratch buffer; larger: TextEncoder.encode + verifyBytes" : reworked ? "short strings: the glue's charCodeAt loop; over 2,048 chars: TextEncoder.encode + verifyBytes" : "the glue copies ASCII strings with a JS charCodeAt loop");

// Raw bindings of the package's .wasm.
step("raw", "raw version() (call + short string back)", () => raw.version(), "boundary: one call returning a 5-byte string");
step("raw", "raw sha256(empty)", () => raw.sha256(emptyBytes), "boundary: bytes in, 32-byte Vec out");
step("raw", `raw sha256(body)`, () => raw.sha256(bytes), "hashing + copy");
if (joinedApi) {
  step("raw", "raw RawVerifier.verifyString(joined headers, mask, body)", () => rawVerifyString(body), "all Rust work + marshalling; returns a number");
  step("raw", "raw RawVerifier.verifyBytes(joined headers, mask, bytes)", () => rawVerifyBytes(bytes), "same with a byte body");
  step("raw", "raw verifyString, tampered body (negative code + lastError())", () => rawVerifyString(bad) < 0 && rv.lastError(), "Rust rejection, message fetched as a string");
  if (scratchApi) {
    // What the wrapper does for small inputs: encodeInto / set into the reused buffer, lengths in.
    // The package's layout: header values, `room` free bytes, the body, `room` free bytes
    // (src/js.rs verifyScratch; builds before the room had none).
    const room = raw.scratchRoom ? raw.scratchRoom() : 0;
    const te = new TextEncoder();
    const cap = 3 * (joined.length + body.length) + 2 * room + 16;
    const ptr = raw.scratch(cap);
    let view = null;
    const buf = () => (view !== null && view.buffer === rawExports.memory.buffer ? view : (view = new Uint8Array(rawExports.memory.buffer, ptr, cap)));
    const viaScratchString = (b) => {
      const w = buf();
      const hw = te.encodeInto(joined, w).written;
      return rv.verifyScratch(hw, mask, te.encodeInto(b, w.subarray(hw + room)).written, NOW);
    };
    const viaScratchBytes = (b) => {
      const w = buf();
      const hw = te.encodeInto(joined, w).written;
      w.set(b, hw + room);
      return rv.verifyScratch(hw, mask, b.length, NOW);
    };
    if (!(viaScratchString(body) >= 0 && viaScratchBytes(bytes) >= 0 && viaScratchString(bad) < 0)) throw new Error("raw scratch call failed");
    step("raw", "raw verifyScratch: encodeInto headers + string body into the scratch buffer", () => viaScratchString(body), "the package's path for small string bodies: no per-call allocation, lengths in, number out");
    step("raw", "raw verifyScratch: headers encodeInto + Uint8Array body set", () => viaScratchBytes(bytes), "the package's path for small byte bodies");
  }
  step("js", "JS: join 4 header values with NUL + mask", () => {
    let j = "";
    let m = 0;
    for (let i = 0; i < hv.length; i++) {
      if (i > 0) j += "\0";
      const x = hv[i];
      if (x === undefined) continue;
      m |= 1 << i;
      j += x;
    }
    return j.length + m;
  }, "what the wrapper does before the call");
} else {
  step("raw", "raw RawVerifier.verifyString(4 headers, body)", () => rawVerifyString(body), "all Rust work + marshalling, JSON result string");
  step("raw", "raw verifyString + JSON.parse(result)", () => JSON.parse(rawVerifyString(body)), "what Verifier.verify does minus header reading and the result object");
  step("raw", "raw verifyString, tampered body (catch the thrown string)", () => {
    try {
      rawVerifyString(bad);
    } catch (e) {
      return e;
    }
  }, "Rust rejection + format! of the message + string throw");
}
step("js", "new WebhookError(code, message)", () => new hg.WebhookError("signature_mismatch", "no configured secret produces the signature"), "Error construction captures a stack trace");
step("js", "Uint8Array.slice() (body)", () => bytes.slice(), "the private copy the reworked API keeps instead of decoding");
step("js", "JSON.parse(result JSON)", () => JSON.parse(resultJson), "the 5-field result (first API; now only when the fields are not in the headers)");
step("js", `TextDecoder.decode(body)`, () => dec.decode(bytes), "eager copy in the Uint8Array path");
step("js", "JSON.stringify(options)", () => JSON.stringify(options), "one-shot cache key");
step("js", "JSON.parse(body)", () => JSON.parse(body), "what the payload getter costs when used");

if (probe) {
  step("probe", "probe noop() -> u32", () => probe.probeNoop(), "bare call");
  step("probe", "probe 4 Option<String> headers in", () => probe.probeOptStrings(hv[0], hv[1], hv[2], hv[3]), "marshalling the 4 header values");
  step("probe", "probe &str body in", () => probe.probeStr(body), "marshalling the string body");
  step("probe", "probe &str body in, pure-ASCII", () => probe.probeStr(asciiBody), "the glue's charCodeAt loop runs over the whole string");
  step("probe", "probe &[u8] body in", () => probe.probeBytes(bytes), "marshalling the byte body");
  step("probe", "probe HMAC-SHA256 (body)", () => probe.probeHmac(key, bytes), "key schedule + MAC + byte copies");
  step("probe", "probe JSON envelope check (body)", () => probe.probeEnvelope(bytes), "whole-document JSON validation + id/event extraction (envelope::extract_fields)");
  if (probe.probeJsonValidate) {
    if (probe.probeJsonValidate(bytes) !== 1 || probe.probeJsonValidate(longBytes) !== 1) throw new Error("probeJsonValidate refused a benchmark body");
    step("probe", "probe JSON validation, whole document (body)", () => probe.probeJsonValidate(bytes), "UTF-8 check + the core's JSON reader over the whole envelope (src/json.rs), no extraction");
    step("probe", "probe JSON validation, long-string body", () => probe.probeJsonValidate(longBytes), "the same over a body of the same size that is one long string (SIMD over string contents)");
    step("probe", "probe UTF-8 validation alone, long-string body", () => probe.probeUtf8(longBytes), "std::str::from_utf8: the floor under the JSON validation");
  }
  step("probe", "probe result JSON built in Rust + JSON.parse", () => JSON.parse(probe.probeResultJson()), "the core's JSON writer + UTF-8 decode + JSON.parse");
  step("probe", "probe verifyString (same as the package, working-tree core)", () => pvString(body), "reference for the probe build");
  step("probe", "probe old API (4 Option<String>) -> key index only", () => pv.verifyStringIndex(hv[0], hv[1], hv[2], hv[3], body, NOW), "JS already holds event/id/timestamp (they must equal the headers)");
  step("probe", "probe old API, headers joined by \\n, index only", () => pv.verifyJoined(hv.map((x) => x ?? "").join("\n"), body, NOW), "one string crossing instead of four");
  step("probe", "probe old API -> fields joined by \\n + split", () => pv.verifyStringLines(hv[0], hv[1], hv[2], hv[3], body, NOW).split("\n"), "instead of JSON + JSON.parse");
  step("probe", "probe old API, verifyBytes(TextEncoder.encode(string)), index only", () => pv.verifyBytesIndex(hv[0], hv[1], hv[2], hv[3], new TextEncoder().encode(body), NOW), "encode natively, then one byte copy");
}

// The scratch-buffer design: JS encodes the header values and the body straight into a reused
// wasm-side buffer (no malloc/free, no JS copy loop) and gets the key index back.
if (probe?.ScratchVerifier) {
  const sv = new probe.ScratchVerifier(JSON.stringify(options));
  const te = new TextEncoder();
  let cap = 0, ptr = 0, view = null;
  const lens = new Uint32Array(4);
  const scratchVerify = (vals, b) => {
    const need = (typeof b === "string" ? b.length * 3 : b.length) + 1024;
    if (need > cap) {
      cap = need;
      ptr = sv.scratch(cap);
      view = null;
    }
    if (view === null || view.buffer !== probeExports.memory.buffer) view = new Uint8Array(probeExports.memory.buffer, ptr, cap);
    let off = 0;
    for (let i = 0; i < 4; i++) {
      const h = vals[i];
      if (h === undefined) {
        lens[i] = 0xffffffff;
        continue;
      }
      const n = te.encodeInto(h, view.subarray(off)).written;
      lens[i] = n;
      off += n;
    }
    let lb;
    if (typeof b === "string") lb = te.encodeInto(b, view.subarray(off)).written;
    else {
      view.set(b, off);
      lb = b.length;
    }
    return sv.verifyScratch(lens[0], lens[1], lens[2], lens[3], lb, NOW);
  };
  if (scratchVerify(hv, body) !== 0 || scratchVerify(hv, bytes) !== 0) throw new Error("scratch verify failed");
  let rejected = false;
  try {
    scratchVerify(hv, bad);
  } catch {
    rejected = true;
  }
  if (!rejected) throw new Error("scratch verify accepted a tampered body");
  step("probe", "probe scratch buffer: encodeInto headers + string body, verify -> index", () => scratchVerify(hv, body), "no per-call allocation, lengths in, u32 out");
  step("probe", "probe scratch buffer: Uint8Array body (set), verify -> index", () => scratchVerify(hv, bytes), "same, body copied with TypedArray.set");
}

// Sanity: every step runs.
for (const s of steps) s.fn();

const batch = {};
for (const s of steps) batch[s.name] = await calibrate(s.fn, { isAsync: false, ms: config.warmMs });
const samples = Object.fromEntries(steps.map((s) => [s.name, []]));
for (let round = 0; round < config.reps; round++) {
  for (let k = 0; k < steps.length; k++) {
    const s = steps[(k + round) % steps.length];
    samples[s.name].push(1e9 / (await opsPerSecond(s.fn, { minMs: config.minMs, isAsync: false, batch: batch[s.name] })));
  }
}
const out = {
  size,
  rawApi: joinedApi ? "joined" : "strings",
  reps: config.reps,
  probeBuild: probe ? config.probeSource ?? "bench/probes/build.sh" : null,
  steps: steps.map((s) => {
    const sm = summary(samples[s.name]);
    return { group: s.group, name: s.name, note: s.note, ns: sm.median, min: sm.min, max: sm.max, spreadPct: sm.spreadPct };
  }),
};
writeFileSync(config.out, JSON.stringify(out, null, 2));
for (const s of out.steps) process.stderr.write(`  ${String(Math.round(s.ns)).padStart(8)} ns  ${s.name}\n`);
