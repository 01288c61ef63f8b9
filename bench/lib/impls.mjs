// The implementations compared by the Node benchmark. Each one is built for one body size and
// exposes: run() (verify the genuine delivery; returns something truthy), tampered() (must
// reject: throw or return false), and a description of exactly what it checks.

import { createHmac, timingSafeEqual, webcrypto } from "node:crypto";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { Webhook as SvixWebhook } from "svix";
import Stripe from "stripe";
import * as octokit from "@octokit/webhooks-methods";
import { SECRET, EVENT, STANDARD_SECRET, STRIPE_SECRET, GITHUB_SECRET, tamper } from "./fixtures.mjs";

const enc = new TextEncoder();
const dec = new TextDecoder();
const subtle = webcrypto.subtle;
const TOLERANCE = 300;

// ---- the inSigner checks, written once for the JavaScript baselines -------------------------
// Same order and the same checks as hookguard: required headers, timestamp digits and
// freshness, "sha256=" + 64 hex digits, HMAC-SHA256 over the raw body (constant-time compare),
// then the JSON envelope: an object whose id/event are strings equal to the delivery-id/event
// headers. The baselines JSON.parse the whole body for that last step (eager payload).

const HEX64 = /^[0-9a-fA-F]{64}$/;
const DIGITS = /^[0-9]{1,15}$/;

function inSignerHeaders(headers, now) {
  const sig = headers["x-insigner-signature"];
  const ts = headers["x-insigner-timestamp"];
  const event = headers["x-insigner-event"];
  const id = headers["x-insigner-delivery-id"];
  if (sig === undefined || ts === undefined || event === undefined || id === undefined) {
    throw new Error("missing_header");
  }
  if (!DIGITS.test(ts)) throw new Error("malformed_header");
  const timestamp = Number(ts);
  if (Math.abs(now - timestamp) > TOLERANCE) throw new Error("timestamp");
  if (!sig.startsWith("sha256=") || !HEX64.test(sig.slice(7))) throw new Error("malformed_header");
  return { hex: sig.slice(7), timestamp, event, id };
}

function checkEnvelope(text, h) {
  const payload = JSON.parse(text);
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    throw new Error("invalid_payload");
  }
  if (typeof payload.id !== "string" || typeof payload.event !== "string") throw new Error("invalid_payload");
  if (payload.event !== h.event || payload.id !== h.id) throw new Error("header_body_mismatch");
  return { event: h.event, id: h.id, timestamp: h.timestamp, payload };
}

function hexToBytes(hex) {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

function constantTimeEqual(a, b) {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
  return d === 0;
}

// ---- building the implementations ---------------------------------------------------------------

/**
 * @param hg the hookguard module (as installed from the tarball)
 * @param body the envelope (string) of the size under test
 * @param now unix seconds used as "now" where the API takes it
 */
export async function buildImplementations(hg, body, now) {
  const bytes = enc.encode(body);
  const bad = tamper(body);
  const badBytes = enc.encode(bad);
  const env = JSON.parse(body);
  const ts = now - 5;
  const delivery = hg.sign({ provider: "insigner", secret: SECRET, body, timestamp: ts, id: env.id, event: EVENT });
  const headers = delivery.headers; // plain object, lower-case names (as Node's req.headers)
  const options = { provider: "insigner", secret: SECRET };
  const verifier = new hg.Verifier(options);
  const at = { now };

  const impls = [];
  const add = (o) => impls.push(o);

  // hookguard ---------------------------------------------------------------------------------
  const hgNote =
    "wasm: headers, timestamp, HMAC (constant-time), JSON envelope validated in Rust (whole document, " +
    "id/event extracted); payload JSON.parse is lazy (not run here). In Node the HMAC of bodies from " +
    "1024 bytes is finished from node:crypto's inner hash (the package's Node entry registers it; the outer hash, the comparison and " +
    "every check stay in wasm), below that by the wasm SHA-256";
  add({
    key: "hookguard-verifier-string", group: "hookguard", name: "hookguard Verifier (string body)",
    jsonParse: "validated in Rust, lazy JS parse", does: hgNote + "; Verifier reused",
    run: () => verifier.verify(headers, body, at),
    tampered: () => verifier.verify(headers, bad, at),
  });
  add({
    key: "hookguard-verifier-bytes", group: "hookguard", name: "hookguard Verifier (Uint8Array body)",
    jsonParse: "validated in Rust, lazy JS parse", does: hgNote + "; Verifier reused; also TextDecoder.decode of the body (eager copy for the lazy payload)",
    run: () => verifier.verify(headers, bytes, at),
    tampered: () => verifier.verify(headers, badBytes, at),
  });
  add({
    key: "hookguard-oneshot-string", group: "hookguard", name: "hookguard verify() one-shot (string body)",
    jsonParse: "validated in Rust, lazy JS parse", does: hgNote + "; cached Verifier looked up by JSON.stringify(options)",
    run: () => hg.verify(options, headers, body, at),
    tampered: () => hg.verify(options, headers, bad, at),
  });
  add({
    key: "hookguard-oneshot-bytes", group: "hookguard", name: "hookguard verify() one-shot (Uint8Array body)",
    jsonParse: "validated in Rust, lazy JS parse", does: hgNote + "; cached Verifier looked up by JSON.stringify(options)",
    run: () => hg.verify(options, headers, bytes, at),
    tampered: () => hg.verify(options, headers, badBytes, at),
  });

  // node:crypto --------------------------------------------------------------------------------
  const nodeFull = (b) => {
    const h = inSignerHeaders(headers, now);
    const given = Buffer.from(h.hex, "hex");
    const mac = createHmac("sha256", SECRET).update(b).digest();
    if (!timingSafeEqual(mac, given)) throw new Error("signature_mismatch");
    return checkEnvelope(b, h);
  };
  add({
    key: "node-crypto", group: "native", name: "node:crypto (same checks)",
    jsonParse: "yes (eager JSON.parse)",
    does: "createHmac + timingSafeEqual over the string body, hex decode via Buffer, the same header/timestamp checks, JSON.parse + id/event cross-check",
    run: () => nodeFull(body),
    tampered: () => nodeFull(bad),
  });
  const nodeMacOnly = (b) => {
    const sig = headers["x-insigner-signature"];
    const given = Buffer.from(sig.slice(7), "hex");
    const mac = createHmac("sha256", SECRET).update(b).digest();
    return given.length === 32 && timingSafeEqual(mac, given);
  };
  add({
    key: "node-crypto-mac-only", group: "native", name: "node:crypto (HMAC + compare only)",
    jsonParse: "no",
    does: "only createHmac + hex decode + timingSafeEqual (no header, timestamp or JSON checks): the lower bound of a hand-written Node verifier",
    run: () => nodeMacOnly(body),
    tampered: () => nodeMacOnly(bad),
  });

  // WebCrypto ----------------------------------------------------------------------------------
  const key = await subtle.importKey("raw", enc.encode(SECRET), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  const webVerify = async (b) => {
    const h = inSignerHeaders(headers, now);
    const ok = await subtle.verify("HMAC", key, hexToBytes(h.hex), b);
    if (!ok) throw new Error("signature_mismatch");
    return checkEnvelope(dec.decode(b), h);
  };
  add({
    key: "webcrypto", group: "webcrypto", name: "WebCrypto subtle.verify (awaited)", async: true,
    jsonParse: "yes (eager JSON.parse)",
    does: "key imported once; awaited crypto.subtle.verify over the Uint8Array body, hex decoded in JS, the same header/timestamp checks, TextDecoder + JSON.parse + id/event cross-check",
    run: () => webVerify(bytes),
    tampered: () => webVerify(badBytes),
  });

  // @noble/hashes ------------------------------------------------------------------------------
  const nobleKey = enc.encode(SECRET);
  const nobleVerify = (b) => {
    const h = inSignerHeaders(headers, now);
    const mac = hmac(nobleSha256, nobleKey, b);
    if (!constantTimeEqual(mac, hexToBytes(h.hex))) throw new Error("signature_mismatch");
    return checkEnvelope(dec.decode(b), h);
  };
  add({
    key: "noble", group: "purejs", name: "@noble/hashes hmac (pure JS)",
    jsonParse: "yes (eager JSON.parse)",
    does: "hmac(sha256) over the Uint8Array body, JS constant-time compare, the same header/timestamp checks, TextDecoder + JSON.parse + id/event cross-check",
    run: () => nobleVerify(bytes),
    tampered: () => nobleVerify(badBytes),
  });

  // Peer libraries, each on its own scheme with a genuine delivery of the same body ----------
  // Their timestamps are checked against the real clock (no "now" argument): sign with it.
  const realNow = Math.floor(Date.now() / 1000);
  const msgId = "msg_2Kq9bench0000000000000";

  const sw = new StandardWebhook(STANDARD_SECRET);
  const swSig = sw.sign(msgId, new Date(realNow * 1000), body);
  const swHeaders = { "webhook-id": msgId, "webhook-timestamp": String(realNow), "webhook-signature": swSig };
  add({
    key: "standardwebhooks", group: "purejs", name: "standardwebhooks Webhook.verify",
    jsonParse: "yes (returns JSON.parse(body))",
    does: "pure-JS HMAC (fast-sha256) over `id.timestamp.body` (re-encodes the string), base64, timestamp window, JSON.parse",
    run: () => sw.verify(body, swHeaders),
    tampered: () => sw.verify(bad, swHeaders),
  });

  const svix = new SvixWebhook(STANDARD_SECRET);
  const svixHeaders = { "svix-id": msgId, "svix-timestamp": String(realNow), "svix-signature": swSig };
  add({
    key: "svix", group: "purejs", name: "svix Webhook.verify",
    jsonParse: "no (svix 2.5 calls standardwebhooks with jsonParse: false)",
    does: "wraps standardwebhooks (same pure-JS HMAC), maps svix-* headers; returns undefined, does not parse the body",
    run: () => (svix.verify(body, svixHeaders), true),
    tampered: () => svix.verify(bad, svixHeaders),
  });

  const stripe = Stripe.webhooks;
  const stripeHeader = stripe.generateTestHeaderString({ payload: body, secret: STRIPE_SECRET, timestamp: realNow });
  add({
    key: "stripe", group: "native", name: "stripe webhooks.constructEvent",
    jsonParse: "yes (returns JSON.parse(body))",
    does: "node:crypto createHmac over `t.body` (hex string compare), header parsing, timestamp tolerance, JSON.parse",
    run: () => stripe.constructEvent(body, stripeHeader, STRIPE_SECRET),
    tampered: () => stripe.constructEvent(bad, stripeHeader, STRIPE_SECRET),
  });

  const ghSig = await octokit.sign(GITHUB_SECRET, body);
  add({
    key: "octokit", group: "native", name: "@octokit/webhooks-methods verify (awaited)", async: true,
    jsonParse: "no",
    does: "node:crypto createHmac (async function), Buffer + timingSafeEqual over the hex strings; no timestamp (GitHub has none), no JSON",
    run: () => octokit.verify(GITHUB_SECRET, body, ghSig),
    tampered: () => octokit.verify(GITHUB_SECRET, bad, ghSig),
  });

  // Ceilings ------------------------------------------------------------------------------------
  add({
    key: "ceiling-wasm-sha256", group: "ceiling", name: "ceiling: hookguard sha256() (same wasm)",
    jsonParse: "no", does: "raw SHA-256 of the same Uint8Array bytes in the same wasm build (boundary copy included)",
    run: () => hg.sha256(bytes),
    tampered: null,
  });

  return { impls, headers, delivery };
}

/** Runs one call and reports whether it accepted (true), rejected (false), with the reason. */
export async function outcome(fn) {
  try {
    const r = await fn();
    return r === false ? { accepted: false, why: "returned false" } : { accepted: true };
  } catch (e) {
    return { accepted: false, why: e && (e.code || e.message) };
  }
}
