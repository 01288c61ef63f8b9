// Like for like, one scheme family at a time: hookguard's provider for the family, the peer
// library for it, and node:crypto doing the same checks as hookguard, each given the SAME genuine
// delivery (same body bytes, same signature header values; only the header spellings an API
// reads differ). Each delivery is signed by the peer library's own signer (or, for Slack, by
// node:crypto from the documented scheme), never by hookguard.
//
// Every implementation exposes run() (verify the genuine delivery; returns something truthy),
// tampered() (the same delivery with one body byte changed: must throw or return false), and
// what it checks: json (does it parse the body), timestamp (its freshness rule), compare (how
// it compares the MAC), plus a one-line `does`.

import { createHmac, timingSafeEqual, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from "node:crypto";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { Webhook as SvixWebhook } from "svix";
import Stripe from "stripe";
import * as octokit from "@octokit/webhooks-methods";
import { STANDARD_SECRET, STRIPE_SECRET, GITHUB_SECRET } from "./fixtures.mjs";

export const FAMILY_SIZES = [256, 2048, 65536];
export const SLACK_SECRET = "slack_signing_bench_8f742231b10e8888";
const TOLERANCE = 300;
const HEX64 = /^[0-9a-fA-F]{64}$/;
const DIGITS = /^[0-9]{1,15}$/;
const nowS = () => Math.floor(Date.now() / 1000);

// ---- bodies ------------------------------------------------------------------------------------

// Deterministic pseudo-random generator (the same bytes every run).
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
const hexOf = (r, n) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join("");
const WORDS = "invoice renewal seat upgrade annual monthly refund credit proration café naïve résumé".split(" ");
const word = (r) => WORDS[Math.floor(r() * WORDS.length)];

/**
 * A compact JSON envelope of exactly `size` UTF-8 bytes: `base` (the provider's shape), with
 * `item(r, i)` records appended to the array `holder()[key]` while they fit, then a string
 * `holder().filler` that makes the size exact (at least one "x", which tamper() flips).
 */
function sizedBody(size, base, holder, key, item) {
  const r = rng(size ^ key.length);
  const enc = new TextEncoder();
  const h = holder(base);
  h.filler = "";
  const bytes = () => enc.encode(JSON.stringify(base)).length;
  if (bytes() > size - 2) throw new Error(`the ${key} envelope does not fit in ${size} bytes`);
  delete h.filler;
  const arr = [];
  h[key] = arr;
  h.filler = "";
  let i = 0;
  for (const step of [64, 8, 1]) {
    for (;;) {
      const before = arr.length;
      for (let k = 0; k < step; k++) arr.push(item(r, i++));
      if (bytes() > size - 2) {
        arr.length = before;
        break;
      }
    }
  }
  if (arr.length === 0) delete h[key];
  delete h.filler;
  h.filler = "";
  h.filler = "x".repeat(size - bytes());
  const body = JSON.stringify(base);
  if (enc.encode(body).length !== size || h.filler.length < 1) throw new Error(`cannot size the ${key} envelope to ${size} bytes`);
  return body;
}

/** The same body with one byte changed (inside the filler: still valid JSON, same length). */
export function tamperFiller(body) {
  const i = body.lastIndexOf('"filler":"x') + 10;
  if (i < 10) throw new Error("no filler to tamper with");
  return body.slice(0, i) + "y" + body.slice(i + 1);
}

function stripeBody(size) {
  const base = {
    id: "evt_1QbenchStripe00", object: "event", api_version: "2025-09-30", created: 1795000000,
    data: { object: { id: "in_1Qbench00", object: "invoice", amount_paid: 4900, currency: "usd" } },
    livemode: false, type: "invoice.paid",
  };
  return sizedBody(size, base, (b) => b.data.object, "lines", (r, i) => ({
    id: `il_${hexOf(r, 14)}`, object: "line_item", amount: Math.floor(r() * 10000), currency: "usd",
    description: `${word(r)} ${word(r)} × ${1 + (i % 5)}`, period: { start: 1795000000 + i * 60, end: 1797592000 }, quantity: 1 + (i % 5),
  }));
}

function standardBody(size) {
  const base = { type: "invoice.paid", timestamp: "2026-11-23T09:00:00Z", data: { invoice_id: "inv_8f2c91", status: "paid" } };
  return sizedBody(size, base, (b) => b.data, "items", (r, i) => ({
    sku: `sku_${hexOf(r, 8)}`, name: `${word(r)} ${word(r)}`, quantity: 1 + (i % 7), price_cents: Math.floor(r() * 100000),
  }));
}

function githubBody(size) {
  const base = {
    ref: "refs/heads/main", before: "6113728f27ae82c7b1a177c8d03f9e96e0adf246", after: "59b20b8d5c6ff8d09518454d4dd8b7b30f095ab5",
    repository: { id: 1296269, full_name: "octo-org/hello-world", private: false },
    pusher: { name: "octocat" },
  };
  return sizedBody(size, base, (b) => b, "commits", (r, i) => ({
    id: hexOf(r, 40), message: `${word(r)}: ${word(r)} ${word(r)} (#${100 + i})`, timestamp: "2026-11-23T09:00:00Z",
    author: { name: "Mona Octocat", email: "mona@example.com", username: "mona" }, modified: [`src/${word(r)}.rs`],
  }));
}

function slackBody(size) {
  const base = {
    token: "XXYYZZ", team_id: "T0B1", api_app_id: "A0B1",
    event: { type: "message", channel: "C0B1", user: "U0B1", text: "déployé", ts: "1795000000.0001" },
    type: "event_callback", event_id: "Ev0B1", event_time: 1795000000,
  };
  return sizedBody(size, base, (b) => b.event, "blocks", (r, i) => ({
    type: "rich_text", block_id: hexOf(r, 5), elements: [{ type: "text", text: `${word(r)} ${word(r)} ${i}` }],
  }));
}

// ---- node:crypto doing hookguard's checks ------------------------------------------------------

function jsonObject(text) {
  const v = JSON.parse(text);
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new Error("invalid_payload");
  return v;
}

// ---- the families ------------------------------------------------------------------------------

const hgDoes = (what) =>
  `wasm: ${what}; HMAC-SHA256 compared in constant time; the JSON document validated in Rust (payload JSON.parse lazy, not run here); reused Verifier, clock read per call`;
const HG = { json: "validated in Rust (lazy JS parse)", compare: "constant time (Rust)" };

/** The timestamp rule of a provider as its descriptor (hookguard's `providers`) states it. */
export function windowOf(hg, id) {
  const t = (hg.providers ?? []).find((p) => p.id === id)?.timestamp;
  return t ? { window: t.window, tolerance: t.defaultTolerance } : null;
}
const ruleText = (w) => (w ? `${w.window}, ${w.tolerance} s` : "none");

/**
 * The families, in report order. Each build(hg, size) returns { impls, delivery } or
 * { absent: "reason" } when hookguard lacks the provider.
 */
export const FAMILIES = [
  {
    key: "stripe", name: "Stripe", providers: ["stripe"], peer: "stripe",
    delivery: "`Stripe-Signature: t=…,v1=<hex>` signed by `stripe.webhooks.generateTestHeaderString` over `t.body` (a Stripe Event JSON: invoice.paid with line items)",
    async build(hg, size) {
      const body = stripeBody(size);
      const bad = tamperFiller(body);
      const t = nowS() - 5;
      const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: STRIPE_SECRET, timestamp: t });
      const headers = { "stripe-signature": header, "content-type": "application/json; charset=utf-8" };
      const v = new hg.Verifier({ provider: "stripe", secret: STRIPE_SECRET });
      const node = (b) => {
        let ts = null;
        const sigs = [];
        for (const item of headers["stripe-signature"].split(",")) {
          const eq = item.indexOf("=");
          if (eq < 0) continue;
          const k = item.slice(0, eq), val = item.slice(eq + 1);
          if (k === "t") ts = val;
          else if (k === "v1") sigs.push(val);
        }
        if (ts === null || !DIGITS.test(ts) || sigs.length === 0) throw new Error("malformed_header");
        if (nowS() - Number(ts) > TOLERANCE) throw new Error("timestamp_too_old");
        const mac = createHmac("sha256", STRIPE_SECRET).update(`${ts}.`).update(b).digest();
        let ok = false;
        for (const s of sigs) if (HEX64.test(s) && timingSafeEqual(mac, Buffer.from(s, "hex"))) ok = true;
        if (!ok) throw new Error("signature_mismatch");
        const p = jsonObject(b);
        if (typeof p.id !== "string" || typeof p.type !== "string") throw new Error("invalid_payload");
        return p;
      };
      return {
        delivery: { headers, bytes: size },
        impls: [
          {
            key: "hookguard", group: "hookguard", name: 'hookguard Verifier `provider: "stripe"`', ...HG,
            timestamp: ruleText(windowOf(hg, "stripe")), does: hgDoes("`t=`/`v1=` pairs parsed, every v1 tried, `t.body` signed, past-only 300 s window, string `id` and `type` read from the body"),
            run: () => v.verify(headers, body), tampered: () => v.verify(headers, bad),
          },
          {
            key: "peer", group: "peer", name: "stripe `webhooks.constructEvent`", json: "yes (returns JSON.parse)",
            timestamp: "past-only, 300 s", compare: "constant time (JS loop over hex strings)",
            does: "node:crypto createHmac over `t.body` to hex, header split into t/v1, every v1 compared with a JS constant-time string loop, past-only tolerance, JSON.parse of the whole body",
            run: () => Stripe.webhooks.constructEvent(body, header, STRIPE_SECRET),
            tampered: () => Stripe.webhooks.constructEvent(bad, header, STRIPE_SECRET),
          },
          {
            key: "node-crypto", group: "native", name: "node:crypto (same checks)", json: "yes (JSON.parse)",
            timestamp: "past-only, 300 s", compare: "constant time (timingSafeEqual)",
            does: "header split into t/v1, digits and 64-hex checks, createHmac over `t.` + body, Buffer hex decode + timingSafeEqual per v1, past-only 300 s, JSON.parse + string id/type",
            run: () => node(body), tampered: () => node(bad),
          },
        ],
      };
    },
  },
  {
    key: "standard-webhooks", name: "Standard Webhooks / Svix", providers: ["standard-webhooks", "svix"], peer: "standardwebhooks / svix",
    delivery: "`v1,<base64>` over `id.timestamp.body` signed by `standardwebhooks` `Webhook.sign` with a `whsec_` base64 key (an invoice.paid event JSON); the same id, timestamp and signature values sent as `webhook-*` headers to the Standard Webhooks APIs and as `svix-*` to the Svix ones",
    async build(hg, size) {
      const body = standardBody(size);
      const bad = tamperFiller(body);
      const t = nowS() - 5;
      const id = "msg_2Kq9bench0000000000000";
      const sw = new StandardWebhook(STANDARD_SECRET);
      const sig = sw.sign(id, new Date(t * 1000), body);
      const wh = { "webhook-id": id, "webhook-timestamp": String(t), "webhook-signature": sig, "content-type": "application/json" };
      const sh = { "svix-id": id, "svix-timestamp": String(t), "svix-signature": sig, "content-type": "application/json" };
      const svix = new SvixWebhook(STANDARD_SECRET);
      const vStd = new hg.Verifier({ provider: "standard-webhooks", secret: STANDARD_SECRET });
      const vSvix = new hg.Verifier({ provider: "svix", secret: STANDARD_SECRET });
      const key = Buffer.from(STANDARD_SECRET.slice(6), "base64");
      const node = (b) => {
        const mid = wh["webhook-id"], ts = wh["webhook-timestamp"], header = wh["webhook-signature"];
        if (mid === undefined || ts === undefined || header === undefined) throw new Error("missing_header");
        if (!DIGITS.test(ts)) throw new Error("malformed_header");
        if (Math.abs(nowS() - Number(ts)) > TOLERANCE) throw new Error("timestamp");
        const mac = createHmac("sha256", key).update(`${mid}.${ts}.`).update(b).digest();
        let ok = false;
        for (const tok of header.split(" ")) {
          if (!tok.startsWith("v1,")) continue;
          const given = Buffer.from(tok.slice(3), "base64");
          if (given.length === 32 && timingSafeEqual(mac, given)) ok = true;
        }
        if (!ok) throw new Error("signature_mismatch");
        const p = jsonObject(b);
        if (p.type !== undefined && typeof p.type !== "string") throw new Error("invalid_payload");
        return p;
      };
      const hgWin = ruleText(windowOf(hg, "standard-webhooks"));
      return {
        delivery: { headers: wh, bytes: size },
        impls: [
          {
            key: "hookguard", group: "hookguard", name: 'hookguard Verifier `provider: "standard-webhooks"`', ...HG, timestamp: hgWin,
            does: hgDoes("`webhook-*` headers, space-separated `v1,` tokens, `id.timestamp.body` signed with the base64 `whsec_` key, 300 s either side, `type` read from the body"),
            run: () => vStd.verify(wh, body), tampered: () => vStd.verify(wh, bad),
          },
          {
            key: "hookguard-svix", group: "hookguard", name: 'hookguard Verifier `provider: "svix"`', ...HG, timestamp: hgWin,
            does: hgDoes("`svix-*` headers (each falling back to its `webhook-*` name), otherwise the same as standard-webhooks"),
            run: () => vSvix.verify(sh, body), tampered: () => vSvix.verify(sh, bad),
          },
          {
            key: "peer", group: "peer", name: "standardwebhooks `Webhook.verify`", json: "yes (returns JSON.parse)",
            timestamp: "symmetric, 300 s", compare: "constant time (JS loop over the base64 strings' bytes)",
            does: "header names lower-cased into a new object, pure-JS HMAC (fast-sha256) over the re-encoded `id.timestamp.body`, base64, TextEncoder + JS constant-time compare per v1 token, JSON.parse",
            run: () => sw.verify(body, wh), tampered: () => sw.verify(bad, wh),
          },
          {
            key: "peer-svix", group: "peer", name: "svix `Webhook.verify`", json: "no (svix 2.5 passes jsonParse: false)",
            timestamp: "symmetric, 300 s", compare: "constant time (standardwebhooks' JS loop)",
            does: "maps `svix-*` to `webhook-*` into a new object, then standardwebhooks' verify (same pure-JS HMAC) without JSON.parse; returns undefined",
            run: () => (svix.verify(body, sh), true), tampered: () => svix.verify(bad, sh),
          },
          {
            key: "node-crypto", group: "native", name: "node:crypto (same checks)", json: "yes (JSON.parse)",
            timestamp: "symmetric, 300 s", compare: "constant time (timingSafeEqual)",
            does: "required headers, digits check, createHmac (key decoded once) over `id.ts.` + body, Buffer base64 decode + timingSafeEqual per v1 token, 300 s either side, JSON.parse + `type` type check",
            run: () => node(body), tampered: () => node(bad),
          },
        ],
        // Pairs reported as "hookguard ÷ peer": each hookguard API against the library for the
        // same header spelling.
        pairs: [["hookguard", "peer"], ["hookguard-svix", "peer-svix"]],
      };
    },
  },
  {
    key: "github", name: "GitHub", providers: ["github"], peer: "@octokit/webhooks-methods",
    delivery: "`X-Hub-Signature-256: sha256=<hex>` of the body signed by `@octokit/webhooks-methods` `sign`, with `X-GitHub-Event: push` and `X-GitHub-Delivery` (a push event JSON with commits)",
    async build(hg, size) {
      const body = githubBody(size);
      const bad = tamperFiller(body);
      const sig = await octokit.sign(GITHUB_SECRET, body);
      const headers = {
        "x-hub-signature-256": sig, "x-github-event": "push",
        "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958", "content-type": "application/json",
      };
      const v = new hg.Verifier({ provider: "github", secret: GITHUB_SECRET });
      const node = (b) => {
        const s = headers["x-hub-signature-256"], ev = headers["x-github-event"], id = headers["x-github-delivery"];
        if (s === undefined || ev === undefined || id === undefined) throw new Error("missing_header");
        if (!s.startsWith("sha256=") || !HEX64.test(s.slice(7))) throw new Error("malformed_header");
        const mac = createHmac("sha256", GITHUB_SECRET).update(b).digest();
        if (!timingSafeEqual(mac, Buffer.from(s.slice(7), "hex"))) throw new Error("signature_mismatch");
        return { event: ev, id, payload: JSON.parse(b) };
      };
      return {
        delivery: { headers, bytes: size },
        impls: [
          {
            key: "hookguard", group: "hookguard", name: 'hookguard Verifier `provider: "github"`', ...HG,
            timestamp: ruleText(windowOf(hg, "github")), does: hgDoes("`sha256=` + hex of the body, event and delivery id from their headers, no timestamp"),
            run: () => v.verify(headers, body), tampered: () => v.verify(headers, bad),
          },
          {
            key: "peer", group: "peer", name: "@octokit/webhooks-methods `verify` (awaited)", async: true, json: "no",
            timestamp: "none", compare: "constant time (timingSafeEqual over the hex strings)",
            does: "async: re-signs the body with createHmac to a `sha256=` hex string, Buffer.from of both strings + timingSafeEqual; reads no headers (the caller passes the signature), no JSON",
            run: () => octokit.verify(GITHUB_SECRET, body, sig), tampered: () => octokit.verify(GITHUB_SECRET, bad, sig),
          },
          {
            key: "node-crypto", group: "native", name: "node:crypto (same checks)", json: "yes (JSON.parse)",
            timestamp: "none", compare: "constant time (timingSafeEqual)",
            does: "signature, event and delivery headers required, `sha256=` + 64-hex check, createHmac over the body, Buffer hex decode + timingSafeEqual, JSON.parse",
            run: () => node(body), tampered: () => node(bad),
          },
        ],
      };
    },
  },
  {
    key: "slack", name: "Slack", providers: ["slack"], peer: "@slack/bolt",
    delivery: "`X-Slack-Signature: v0=<hex>` over `v0:timestamp:body` with `X-Slack-Request-Timestamp`, signed with node:crypto from Slack's documented scheme (an Events API `event_callback` JSON)",
    async build(hg, size) {
      const body = slackBody(size);
      const bad = tamperFiller(body);
      const t = nowS() - 5;
      const sig = "v0=" + createHmac("sha256", SLACK_SECRET).update(`v0:${t}:${body}`).digest("hex");
      const headers = { "x-slack-signature": sig, "x-slack-request-timestamp": String(t), "content-type": "application/json" };
      const v = new hg.Verifier({ provider: "slack", secret: SLACK_SECRET });
      // Bolt's HTTP receivers turn the timestamp header into a number before calling this.
      const { verifySlackRequest } = await import("@slack/bolt");
      const boltHeaders = { "x-slack-signature": sig, "x-slack-request-timestamp": Number(t) };
      const bolt = (b) => (verifySlackRequest({ signingSecret: SLACK_SECRET, body: b, headers: boltHeaders }), true);
      // The same window as hookguard's descriptor (SCHEMES.md: 300 s either side).
      const win = windowOf(hg, "slack") ?? { window: "symmetric", tolerance: TOLERANCE };
      const pastOnly = win.window === "past-only";
      const node = (b) => {
        const s = headers["x-slack-signature"], ts = headers["x-slack-request-timestamp"];
        if (s === undefined || ts === undefined) throw new Error("missing_header");
        if (!DIGITS.test(ts)) throw new Error("malformed_header");
        const age = nowS() - Number(ts);
        if (age > win.tolerance || (!pastOnly && -age > win.tolerance)) throw new Error("timestamp");
        if (!s.startsWith("v0=") || !HEX64.test(s.slice(3))) throw new Error("malformed_header");
        const mac = createHmac("sha256", SLACK_SECRET).update(`v0:${ts}:`).update(b).digest();
        if (!timingSafeEqual(mac, Buffer.from(s.slice(3), "hex"))) throw new Error("signature_mismatch");
        return jsonObject(b);
      };
      return {
        delivery: { headers, bytes: size },
        impls: [
          {
            key: "hookguard", group: "hookguard", name: 'hookguard Verifier `provider: "slack"`', ...HG,
            timestamp: ruleText(windowOf(hg, "slack")), does: hgDoes("`v0=` + hex over `v0:timestamp:body`, the descriptor's timestamp window"),
            run: () => v.verify(headers, body), tampered: () => v.verify(headers, bad),
          },
          {
            key: "peer", group: "peer", name: "@slack/bolt `verifySlackRequest`", json: "no",
            timestamp: "past-only, 5 min (no future bound)", compare: "tsscmp (double-HMAC compare of the hex strings)",
            does: "createHmac over the `v0:timestamp:body` template string to hex, split of the header on `=`, staleness check only (a future timestamp passes), tsscmp; throws on failure; no JSON",
            run: () => bolt(body), tampered: () => bolt(bad),
          },
          {
            key: "node-crypto", group: "native", name: "node:crypto (same checks)", json: "yes (JSON.parse)",
            timestamp: ruleText(win), compare: "constant time (timingSafeEqual)",
            does: "both headers required, digits check, hookguard's window for slack, `v0=` + 64-hex check, createHmac over `v0:ts:` + body, Buffer hex decode + timingSafeEqual, JSON.parse",
            run: () => node(body), tampered: () => node(bad),
          },
        ],
      };
    },
  },
  {
    key: "discord", name: "Discord (Ed25519)", providers: ["discord"], peer: "WebCrypto Ed25519",
    delivery: "`X-Signature-Ed25519` (hex) over `{X-Signature-Timestamp}{body}`, signed by node:crypto with a fresh Ed25519 key (a Webhook Events JSON body)",
    async build(hg, size) {
      const body = githubBody(size);
      const bad = tamperFiller(body);
      const { privateKey, publicKey } = generateKeyPairSync("ed25519");
      const hex = publicKey.export({ format: "der", type: "spki" }).subarray(12).toString("hex");
      const ts = String(nowS());
      const headers = { "x-signature-ed25519": nodeSign(null, Buffer.from(ts + body), privateKey).toString("hex"), "x-signature-timestamp": ts };
      const v = new hg.Verifier({ provider: "discord", publicKey: hex });
      const web = await globalThis.crypto.subtle.importKey("raw", Buffer.from(hex, "hex"), { name: "Ed25519" }, false, ["verify"]);
      const checks = (b) => {
        const s = headers["x-signature-ed25519"], t = headers["x-signature-timestamp"];
        if (s === undefined || t === undefined) throw new Error("missing_header");
        if (!/^[0-9a-fA-F]{128}$/.test(s) || !DIGITS.test(t)) throw new Error("malformed_header");
        if (Math.abs(nowS() - Number(t)) > TOLERANCE) throw new Error("timestamp_too_old");
        return { s: Buffer.from(s, "hex"), msg: Buffer.concat([Buffer.from(t), Buffer.from(b)]) };
      };
      const node = (b) => {
        const { s, msg } = checks(b);
        if (!nodeVerify(null, msg, publicKey, s)) throw new Error("signature_mismatch");
        return jsonObject(b);
      };
      const webcrypto = async (b) => {
        const { s, msg } = checks(b);
        if (!(await globalThis.crypto.subtle.verify({ name: "Ed25519" }, web, s, msg))) throw new Error("signature_mismatch");
        return jsonObject(b);
      };
      return {
        delivery: { headers, bytes: size },
        impls: [
          {
            key: "hookguard", group: "hookguard", name: 'hookguard Verifier `provider: "discord"`', ...HG, compare: "Ed25519 verify_strict (Rust)",
            timestamp: ruleText(windowOf(hg, "discord")), does: "wasm: hex signature and timestamp headers, 300 s either side, Ed25519 verify_strict (ed25519-dalek) over timestamp + body, the JSON document validated in Rust; reused Verifier",
            run: () => v.verify(headers, body), tampered: () => v.verify(headers, bad),
          },
          {
            key: "peer", group: "peer", name: "WebCrypto `subtle.verify` Ed25519 (awaited, same checks)", async: true, json: "yes (JSON.parse)",
            timestamp: "symmetric, 300 s", compare: "Ed25519 verify (native)",
            does: "headers required, hex and digits checked, 300 s window, crypto.subtle.verify Ed25519 over timestamp + body (key imported once), JSON.parse",
            run: () => webcrypto(body), tampered: () => webcrypto(bad),
          },
          {
            key: "node-crypto", group: "native", name: "node:crypto `verify` Ed25519 (same checks)", json: "yes (JSON.parse)",
            timestamp: "symmetric, 300 s", compare: "Ed25519 verify (native, OpenSSL)",
            does: "headers required, hex and digits checked, 300 s window, crypto.verify(null, …) Ed25519 over timestamp + body (KeyObject made once), JSON.parse",
            run: () => node(body), tampered: () => node(bad),
          },
        ],
      };
    },
  },
];

/** Why hookguard cannot take part in a family (a provider missing from `providers`), or null. */
export function absentProviders(hg, family) {
  const ids = new Set((hg.providers ?? []).map((p) => p.id));
  const missing = family.providers.filter((p) => !ids.has(p));
  return missing.length ? `provider absent: ${missing.map((p) => `"${p}"`).join(", ")} not in \`providers\` of hookguard ${hg.version}` : null;
}
