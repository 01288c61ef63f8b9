// The headline and the measured suggestions, written from the numbers of one run (so that the
// text in docs/BENCHMARKS.md always matches bench/results/latest.json).

const x = (n) => (Number.isFinite(n) ? `${n.toFixed(2)}x` : "n/a");
const us = (ns) => (Number.isFinite(ns) ? (ns >= 10_000 ? `${(ns / 1000).toFixed(0)} µs` : `${(ns / 1000).toFixed(2)} µs`) : "n/a");
const pc = (f) => (Number.isFinite(f) ? `${Math.round(f * 100)} %` : "n/a");
import { ratio } from "./ratio.mjs";

const kops = (n) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : `${(n / 1000).toFixed(1)}k`);

function nodeAt(res, size, key) {
  return res.nodeVerify?.sizes.find((s) => s.size === size)?.results[key]?.opsPerSec;
}

function step(res, size, prefix) {
  const b = Array.isArray(res.breakdown) ? res.breakdown.find((x) => x.size === size) : null;
  return (b?.steps.find((s) => s.name === prefix) ?? b?.steps.find((s) => s.name.startsWith(prefix)))?.ns;
}

export function headline(res) {
  const out = [];
  const nv = res.nodeVerify;
  if (nv) {
    const row = nv.sizes[0];
    const hg = row.results["hookguard-verifier-string"].opsPerSec;
    const q = (k) => x(ratio(row, "hookguard-verifier-string", k));
    out.push(
      `At ${row.size} B, hookguard's reused \`Verifier\` checks ${kops(hg)} inSigner deliveries/s in Node (string body, median under background load): ` +
        `${q("node-crypto")} node:crypto doing the same checks, ${q("webcrypto")} awaited WebCrypto, ${q("noble")} @noble/hashes, ` +
        `${q("standardwebhooks")} standardwebhooks, ${q("svix")} svix, ${q("stripe")} stripe (paired ratios).`,
    );
    const big = nv.sizes.filter((s) => s.size >= 65536);
    out.push(
      `Large bodies: ` +
        big.map((s) => `${s.label} at ${pc(ratio(s, "hookguard-verifier-string", "ceiling-wasm-sha256"))} of the wasm SHA-256 ceiling, ${x(ratio(s, "hookguard-verifier-string", "node-crypto"))} node:crypto, ${x(ratio(s, "hookguard-verifier-string", "webcrypto"))} WebCrypto, ${x(ratio(s, "hookguard-verifier-string", "noble"))} @noble/hashes`).join("; ") +
        ` (hookguard also validates the whole JSON document in Rust).`,
    );
  }
  const fams = res.families?.families?.filter((f) => !f.notMeasured && f.sizes.length);
  if (fams?.length) {
    const at = (f, n, h, o) => f.sizes.find((s) => s.size === n)?.paired[h]?.[o]?.median;
    const parts = [];
    for (const f of fams) {
      for (const [h, o] of f.pairs ?? [["hookguard", "peer"]]) {
        parts.push(`${f.implementations[h].name.replace(/^hookguard Verifier /, "")} ${x(at(f, 256, h, o))} ${f.implementations[o].name} (${x(at(f, 2048, h, o))} at 2 KB)`);
      }
    }
    const absent = res.families.families.filter((f) => f.notMeasured).map((f) => `${f.name} not measured (${f.notMeasured})`);
    out.push(`Like for like at 256 B, the same delivery for each (hookguard ÷ peer, paired): ${parts.join("; ")}` + (absent.length ? `; ${absent.join("; ")}` : "") + ".");
  }
  if (res.baseline) {
    const r = res.baseline.sizes.find((s) => s.size === 256)?.paired.string;
    const rr = res.baseline.sizes.find((s) => s.size === 256)?.paired.stringRounds;
    if (r) out.push(`inSigner 256 B against the ${res.baseline.ref} build, alternating in the same processes: ${x(r.median)}` + (rr ? ` (per-round medians ${x(rr.q1)}–${x(rr.q3)}, middle half)` : "") + ".");
  }
  if (res.sizes) {
    const w = res.sizes.wasm;
    out.push(
      `npm .wasm (hookguard/verify) ${(w.raw / 1024).toFixed(0)} KB raw / ${(w.gzip / 1024).toFixed(1)} KB gzip` +
        (res.sizes.worker ? `; worker upload ${(res.sizes.worker.raw / 1024).toFixed(0)} KB / ${(res.sizes.worker.gzip / 1024).toFixed(0)} KB gzip` : "") +
        (res.startup ? `; first verify ${res.startup.hookguard.sinceProcessStartMs.median.toFixed(0)} ms after process start (node:crypto ${res.startup.nodeCrypto.sinceProcessStartMs.median.toFixed(0)} ms)` : "") +
        ".",
    );
  }
  const e = res.edge;
  if (e?.workers?.rust && e?.workers?.ref) {
    const r = e.workers.rust, j = e.workers.ref;
    let t = `Edge (workerd, verify + Durable Object claim + forward): Rust worker ${Math.round(r.rps.median)} req/s (p99 ${r.p99Ms.median.toFixed(0)} ms) vs JS/WebCrypto reference ${Math.round(j.rps.median)} req/s (p99 ${j.p99Ms.median.toFixed(0)} ms)`;
    if (e.reject?.rust && e.reject?.ref) {
      t += `; verification alone (rejected deliveries): ${Math.round(e.reject.rust.rps.median)} vs ${Math.round(e.reject.ref.rps.median)} req/s`;
    }
    out.push(t + ".");
  } else if (e?.workers?.ref) {
    out.push(`Edge: reference JS worker ${Math.round(e.workers.ref.rps.median)} req/s; the Rust worker was not measured (${e.rustMissing}).`);
  }
  return out;
}

function pHeadersEarly(res) {
  return step(res, 256, "probe 4 Option<String>");
}

export function suggestions(res) {
  const out = [];
  const S = 256, L = 65536;
  const full = step(res, S, "Verifier.verify(headers, string)");
  const pVS = step(res, S, "probe verifyString (same");
  const pIdx = step(res, S, "probe verifyString -> key index only");
  const pLines = step(res, S, "probe verifyString -> fields joined");
  const pResult = step(res, S, "probe result JSON built");
  const parse = step(res, S, "JSON.parse(result JSON)");
  const joinedApi = Array.isArray(res.breakdown) && res.breakdown[0]?.rawApi === "joined";
  if (joinedApi) {
    out.push(
      `**Already in this build:** one NUL-joined header string instead of four, a result number instead of a JSON string (fields come from the header values unless they differ), and \`bytes.slice()\` instead of an eager decode. The rows below price what is left.`,
    );
  } else if (full && pVS && pIdx) {
    out.push(
      `**Return the key index, not a JSON string** (${S} B): the probe build's verifyString takes ${us(pVS)}, the same verify returning only the matched key index (u32) ${us(pIdx)}: ` +
        `${us(pVS - pIdx)} saved per call, ${pc((pVS - pIdx) / full)} of \`Verifier.verify\` (${us(full)}); building and parsing the 5-field result alone costs ${us(pResult)} (JSON.parse of it ${us(parse)}). ` +
        `For inSigner the wrapper already holds event, id and timestamp (the core requires them to equal the headers), so it can build the result itself; providers whose id/event only live in the body can get them as a second, rarely used call` +
        (pLines ? ` (a "\\n"-joined string + split instead of JSON would save only ${us(pVS - pLines)}).` : "."),
    );
  }
  const rawParse0 = step(res, S, "raw verifyString + JSON.parse");
  const rawOnly = step(res, S, "raw RawVerifier.verifyString");
  const withHeaders = step(res, S, "Verifier.verify(fetch Headers, string)");
  const withPairs = step(res, S, "Verifier.verify([name, value] pairs, string)");
  const hIn = step(res, S, "probe &str body in");
  const hmacS = step(res, S, "probe HMAC-SHA256");
  const envS = step(res, S, "probe JSON envelope check");
  const inS0 = step(res, S, "raw verifyScratch: encodeInto headers + string body");
  if (full && rawOnly && inS0) {
    out.push(
      `**Where the ${us(full)} of a ${S}-byte \`Verifier.verify\` go** (medians, plain-object headers): the raw wasm call through the scratch buffer ${us(inS0)}` +
        ` (of which: HMAC-SHA256 ~${us(hmacS)} incl. its key schedule, JSON envelope validation ${us(envS)}, the rest (encodeInto of the inputs, header parsing, hex, timestamp, result number) ~${us(inS0 - (hmacS ?? 0) - (envS ?? 0))})` +
        `, and the JS wrapper (header reading, argument checks, result object) ~${us(full - inS0)}. ` +
        `Header input type: a fetch \`Headers\` object ${us(withHeaders)}, \`[name, value]\` pairs ${us(withPairs)}, plain object ${us(full)}.`,
    );
  } else if (full && rawOnly) {
    const afterCall = joinedApi ? rawOnly : rawParse0;
    out.push(
      `**Where the ${us(full)} of a ${S}-byte \`Verifier.verify\` go** (medians, plain-object headers): the raw wasm call ${us(rawOnly)}` +
        ` (of which: the body string in ${us(hIn)}, HMAC-SHA256 ~${us(hmacS)} incl. its key schedule, JSON envelope validation ${us(envS)}, the rest (header parsing, hex, timestamp, allocations, result) ~${us(rawOnly - (hIn ?? 0) - (hmacS ?? 0) - (envS ?? 0))})` +
        (joinedApi ? "" : `, \`JSON.parse\` of the result ${us(rawParse0 - rawOnly)}`) +
        `, and the JS wrapper (header reading, argument checks, result object) ~${us(full - afterCall)}. ` +
        `Header input type: a fetch \`Headers\` object ${us(withHeaders)}, \`[name, value]\` pairs ${us(withPairs)}, plain object ${us(full)}.`,
    );
  }
  const scS = step(res, S, "probe scratch buffer: encodeInto");
  const scB = step(res, S, "probe scratch buffer: Uint8Array");
  const rawParse = joinedApi ? step(res, S, "raw RawVerifier.verifyString") : step(res, S, "raw verifyString + JSON.parse");
  const scL = step(res, L, "probe scratch buffer: encodeInto");
  const rawParseL = joinedApi ? step(res, L, "raw RawVerifier.verifyString") : step(res, L, "raw verifyString + JSON.parse");
  const fullL0 = step(res, L, "Verifier.verify(headers, string)");
  const inS = step(res, S, "raw verifyScratch: encodeInto headers + string body");
  const inB = step(res, S, "raw verifyScratch: headers encodeInto + Uint8Array");
  if (inS && rawParse && full) {
    const row = res.nodeVerify?.sizes.find((r) => r.size === S);
    const now = row ? ratio(row, "hookguard-verifier-string", "node-crypto") : NaN;
    out.push(
      `**In this build: the scratch-buffer call.** For inputs up to 16 KB of UTF-8 the wrapper writes the header values and the body with \`TextEncoder.encodeInto\` (a byte body with \`TypedArray.set\`) into one reused wasm-side buffer and passes only lengths. At ${S} B the raw call takes ${us(inS)} (${us(inB)} with a Uint8Array body) against ${us(rawParse)} for \`verifyString(joined, mask, body)\`, the per-call path that larger inputs still take: ${pc((rawParse - inS) / rawParse)} less. \`Verifier.verify\` takes ${us(full)} in this run (${x(now)} node:crypto). ` +
        `No unsafe Rust (the buffer is a \`Vec<u8>\` whose address is returned as a number); the wrapper re-creates its view when wasm memory grows (tested across growth to 40 MiB bodies).`,
    );
  }
  if (!inS && scS && rawParse && full) {
    const projected = full - rawParse + scS;
    const row = res.nodeVerify?.sizes.find((r) => r.size === S);
    const now = row ? ratio(row, "hookguard-verifier-string", "node-crypto") : NaN;
    out.push(
      `**Next: a scratch-buffer call.** The wrapper writes the four header values and the body with \`TextEncoder.encodeInto\` into one reused wasm-side buffer and passes only lengths; Rust returns the key index (u32) and the wrapper builds the result from values it already has. Measured in the probe build: ${us(scS)} per call at ${S} B (${us(scB)} with a Uint8Array body copied by \`TypedArray.set\`) against ${us(rawParse)} for ${joinedApi ? "today's \`verifyString(joined, mask, body)\`" : "today's \`verifyString\` + \`JSON.parse\` of the result"}: ${pc((rawParse - scS) / rawParse)} less. ` +
        `Projected \`Verifier.verify\` at ${S} B: ~${us(projected)} instead of ${us(full)}, i.e. ~${x(now * (full / projected))} node:crypto instead of ${x(now)} in this run` +
        (scL && rawParseL
          ? Math.abs(rawParseL - scL) / rawParseL < 0.03
            ? `; at 64 KB no measurable difference (${us(scL)} against ${us(rawParseL)}): hashing and validation dominate there.`
            : `; at 64 KB: ${us(scL)} against ${us(rawParseL)} for the string entry point (${pc((rawParseL - scL) / fullL0)} of the call).`
          : ".") +
        ` No unsafe Rust is needed (the buffer is a \`Vec<u8>\` whose address is returned as a number); the wrapper must re-create its view when wasm memory grows.`,
    );
  }
  const pStr = step(res, S, "probe &str body in");
  const pBytes = step(res, S, "probe &[u8] body in");
  const pHeaders = step(res, S, "probe 4 Option<String>");
  const pNoop = step(res, S, "probe noop");
  const pStrL = step(res, L, "probe &str body in");
  const pStrAsciiL = step(res, L, "probe &str body in, pure-ASCII");
  const pBytesL = step(res, L, "probe &[u8] body in");
  const pEncL = step(res, L, "probe verifyBytes(TextEncoder");
  const pIdxL = step(res, L, "probe verifyString -> key index only");
  if (pStr && pBytes) {
    let t = `**String bodies cross slowly.** wasm-bindgen copies a string with a JS \`charCodeAt\` loop while it is ASCII, then reallocates to 3x and uses encodeInto: passing a ${S}-byte string costs ${us(pStr)} against ${us(pBytes)} for the same bytes as a Uint8Array (a bare call: ${us(pNoop)}; four separate header strings, as in the first API: ${us(pHeaders)}).`;
    if (pStrL && pStrAsciiL && pBytesL) {
      t += ` At 64 KB: ${us(pStrL)} for the benchmark body (non-ASCII early, so encodeInto does most of it), ${us(pStrAsciiL)} for a pure-ASCII body of the same size, ${us(pBytesL)} as bytes.`;
    }
    if (pEncL && pIdxL) {
      t += ` Encoding natively first (\`TextEncoder.encode\` then the byte entry point) is no cure: ${us(pEncL)} against ${us(pIdxL)} for the string entry point at 64 KB (an extra allocation and copy).`;
    }
    t += inS ? " This build avoids both for inputs up to 16 KB (the scratch-buffer call above) and sends longer strings through TextEncoder.encode + verifyBytes." : joinedApi ? " This build already sends strings over 2,048 characters through TextEncoder.encode + verifyBytes; the scratch-buffer call would remove the loop and the per-argument malloc/realloc/free at every size." : " The scratch-buffer call above removes both the loop and the malloc/realloc/free per argument.";
    out.push(t);
  }
  const decL = step(res, L, "TextDecoder.decode");
  const sliceL = step(res, L, "Uint8Array.slice");
  const fullBL = step(res, L, "Verifier.verify(headers, Uint8Array)");
  if (!joinedApi && decL && sliceL && fullBL) {
    out.push(
      `**Uint8Array bodies: decode lazily.** The wrapper decodes the whole body eagerly (so later writes to the caller's buffer cannot change \`payload\`): ${us(decL)} at 64 KB, ${pc(decL / fullBL)} of that call, spent even when \`payload\` is never read. \`bytes.slice()\` (a private copy, decoded on first \`payload\` access) costs ${us(sliceL)}.`,
    );
  }
  const envL = step(res, L, "probe JSON envelope check");
  const hmacL = step(res, L, "probe HMAC-SHA256");
  const fullL = step(res, L, "Verifier.verify(headers, string)");
  const shaL = step(res, L, "raw sha256(body)");
  const strL = step(res, L, "probe &str body in");
  if (envL && hmacL && fullL && shaL) {
    const budget = shaL / 0.9;
    out.push(
      `**The ceiling gap from 64 KB up: JSON validation and the string copy.** Within 10 % of the ceiling means a 64 KB verify in ≤ ${us(budget)} (raw SHA-256 of the body: ${us(shaL)}). The HMAC alone takes ${us(hmacL)}; on top of it the whole-document JSON validation of the envelope takes ${us(envL)} (${pc(envL / fullL)} of \`Verifier.verify\` at ${us(fullL)})` +
        (joinedApi
          ? ` and getting the body into wasm (a 64 KB string is encoded with TextEncoder.encode, then copied: \`Verifier.verify\` takes ${us(fullL)} with the string, ${us(fullBL)} with a Uint8Array, whose private \`slice()\` costs ${us(sliceL)}). `
          : (strL ? ` and copying the string body into wasm ${us(strL)}` : "") + ` (the Uint8Array path instead pays ${us(decL)} for the eager TextDecoder.decode). `) +
        `With full-document validation the target is out of reach: ${us(envL)} per 64 KB is ${((65536 / envL) * 1000).toFixed(0)} MB/s of JSON scanning, and fitting the budget would need ~${((65536 / Math.max(1, budget - hmacL)) * 1000).toFixed(0)} MB/s+. Options: a faster structural validator (no allocation; a byte-class table or SWAR to skip string contents), or validating only the top level and the id/event fields and letting the payload getter's JSON.parse be the full check (a design decision: today a malformed body is rejected as invalid_payload before anyone trusts it).`,
    );
  }
  const tam = step(res, S, "Verifier.verify, tampered body");
  const rawTam = step(res, S, "raw verifyString, tampered");

  const err = step(res, S, "new WebhookError");
  if (tam && full) {
    out.push(
      `**Rejections cost more than acceptances** (${S} B): a tampered delivery takes ${us(tam)} against ${us(full)} for a valid one; the raw rejecting call takes ${us(rawTam)}, \`new WebhookError\` alone ${us(err)} (stack capture). Under a flood of forged requests this is the path that matters: ${joinedApi ? "the code already comes back as a number; build the message lazily (a getter calling lastError()) and" : "throw a small code number from Rust and build the message lazily (a getter), or"} skip the stack (\`Error.captureStackTrace\` is V8-only; setting \`Error.stackTraceLimit = 0\` around the construction is portable but global).`,
    );
  }
  const one = step(res, S, "verify(options, headers, string) one-shot");
  const strf = step(res, S, "JSON.stringify(options)");
  if (one && full) {
    out.push(
      `**One-shot \`verify()\`** costs ${us(one)} against ${us(full)} for a reused Verifier (${S} B); \`JSON.stringify(options)\` as the cache key is ${us(strf)} of that. A \`WeakMap\` from the options object to its Verifier (falling back to the JSON key when the object changes) would drop it for callers that pass the same object.`,
    );
  }
  const pr = res.edge?.profile?.reject;
  if (pr?.rust && pr?.ref) {
    const r = pr.rust, j = pr.ref;
    const m = (o, k) => o.msPerRequest[k] ?? 0;
    const BI = "built-ins (fetch, Request/Response, streams, crypto, ...)";
    const glue = m(r, "worker script (shim.js)"), wasm = m(r, "wasm code"), tr = m(r, "JS<->wasm transitions");
    const rustOwn = glue + wasm + tr;
    out.push(
      `**Worker CPU on the verification-only path** (profiler on, so absolute numbers are inflated): the Rust worker samples ${r.busyMsPerRequest.toFixed(2)} ms/request against ${j.busyMsPerRequest.toFixed(2)} for the JS reference. ` +
        `Runtime built-ins (Request/Response, body streams, WebCrypto, console) take ${m(r, BI).toFixed(2)} vs ${m(j, BI).toFixed(2)} ms; the Rust worker's own code ${rustOwn.toFixed(2)} ms (wasm-bindgen/worker-build JS glue ${glue.toFixed(2)}, wasm ${wasm.toFixed(2)}, transitions ${tr.toFixed(2)}) vs the reference script's ${m(j, "worker script (worker.js)").toFixed(2)} ms. ` +
        (m(r, BI) > m(j, BI)
          ? `Most of the gap is in built-ins, i.e. in how the Rust worker drives the platform rather than in verification; this build already verifies from the 4 headers the scheme reads (\`headers.get\`) and collects every header only for a genuine delivery; the body is still read in full before verifying, as the MAC needs it.`
          : `The verification itself is not where the Rust worker loses; crossings per request (header iteration, body read) are the candidates.`),
    );
  }
  const st = res.startup;
  if (st?.hookguardRequire) {
    out.push(
      `**Start-up: ESM import of the CommonJS bundle.** \`import "hookguard"\` takes ${st.hookguard.importMs.median.toFixed(1)} ms in a fresh process, \`require("hookguard")\` ${st.hookguardRequire.importMs.median.toFixed(1)} ms, and the wasm compile + instantiate only ${(st.wasmCompileMs.median + st.wasmInstantiateMs.median).toFixed(1)} ms: so most of the ESM cost is Node's ESM-wraps-CommonJS path (dist/node/index.mjs re-exports the CommonJS bundle; Node parses it for its export names and builds a facade), not the wasm. An ESM-native Node entry would avoid it, at the price of the shared-instance property that the CJS re-export buys. The first verify adds ${st.hookguard.firstVerifyMs.median.toFixed(1)} ms (lazy compilation of the functions it touches) vs ${st.nodeCrypto.firstVerifyMs.median.toFixed(1)} ms for node:crypto.`,
    );
  }
  return out;
}
