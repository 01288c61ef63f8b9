// Public-key providers through the package, checked against an independent implementation:
// node:crypto's Ed25519 and ECDSA P-256. hookguard's signatures verify with node:crypto, and
// node:crypto's verify with hookguard; generateKeyPair() makes working pairs from real randomness.
import test from "node:test";
import assert from "node:assert/strict";
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify, createHash } from "node:crypto";
import { createRequire } from "node:module";
import { Verifier, sign, generateKeyPair } from "hookguard";

const TS = 1780065000;
const body = '{"type":"contact.created","data":{"id":"c_1"}}';
const ED25519_PKCS8 = Buffer.from("302e020100300506032b657004220420", "hex"); // + 32-byte seed
const ED25519_SPKI = Buffer.from("302a300506032b6570032100", "hex"); // + 32-byte key
const b64 = (b) => Buffer.from(b).toString("base64");

function edKeys(privateKey) {
  // whsk_ (base64 seed) or hex seed -> node KeyObjects.
  const seed = privateKey.startsWith("whsk_") ? Buffer.from(privateKey.slice(5), "base64") : Buffer.from(privateKey, "hex");
  const priv = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8, seed]), format: "der", type: "pkcs8" });
  return { priv, pub: createPublicKey(priv) };
}

test("generateKeyPair: fresh Standard Webhooks, Discord and SendGrid pairs that node:crypto agrees with", () => {
  const a = generateKeyPair();
  const b = generateKeyPair("standard-webhooks");
  assert.match(a.privateKey, /^whsk_[A-Za-z0-9+/]{43}=$/);
  assert.match(a.publicKey, /^whpk_[A-Za-z0-9+/]{43}=$/);
  assert.notEqual(a.privateKey, b.privateKey, "real randomness: two pairs differ");
  // node:crypto derives the same public key from the seed.
  const raw = edKeys(a.privateKey).pub.export({ format: "der", type: "spki" }).subarray(12);
  assert.equal(`whpk_${b64(raw)}`, a.publicKey);
  const d = generateKeyPair("discord");
  // The private half is whsk_ (never 64 hex digits like the public key, so a swapped pair is refused).
  assert.match(d.privateKey, /^whsk_[A-Za-z0-9+/]{43}=$/);
  assert.throws(() => new Verifier({ provider: "discord", publicKey: d.privateKey }), (e) => e.code === "invalid_config");
  assert.equal(edKeys(d.privateKey).pub.export({ format: "der", type: "spki" }).subarray(12).toString("hex"), d.publicKey);
  const s = generateKeyPair("sendgrid");
  assert.match(s.privateKey, /^[0-9a-f]{64}$/);
  const spki = createPublicKey({ key: Buffer.from(s.publicKey, "base64"), format: "der", type: "spki" });
  assert.equal(spki.asymmetricKeyDetails.namedCurve, "prime256v1");
  for (const p of ["stripe", "insigner", "nope"]) {
    assert.throws(() => generateKeyPair(p), (e) => e.code === "invalid_config");
  }
});

test("standard-webhooks v1a: hookguard signs, node:crypto verifies; node:crypto signs, hookguard verifies", () => {
  const pair = generateKeyPair();
  const signed = sign({ provider: "standard-webhooks", privateKey: pair.privateKey, body, id: "msg_1", timestamp: TS });
  const token = signed.headers["webhook-signature"];
  assert.match(token, /^v1a,[A-Za-z0-9+/]{86}==$/);
  const content = Buffer.from(`msg_1.${TS}.${body}`);
  const { priv, pub } = edKeys(pair.privateKey);
  assert.ok(nodeVerify(null, content, pub, Buffer.from(token.slice(4), "base64")), "node:crypto accepts hookguard's v1a token");
  // node:crypto's own signature, mixed with a v1 token for another secret.
  const theirs = `v1,${b64(createHash("sha256").update("x").digest())} v1a,${b64(nodeSign(null, content, priv))}`;
  const headers = { "webhook-id": "msg_1", "webhook-timestamp": String(TS), "webhook-signature": theirs };
  const v = new Verifier({ provider: "standard-webhooks", publicKey: pair.publicKey });
  const r = v.verify(headers, body, { now: TS });
  assert.equal(r.keyIndex, 0);
  assert.equal(r.event, "contact.created");
  // With a secret configured too, the public key is keyIndex 1.
  const both = new Verifier({ provider: "standard-webhooks", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", publicKey: pair.publicKey });
  assert.equal(both.verify(headers, body, { now: TS }).keyIndex, 1);
  assert.throws(() => v.verify(headers, body.replace("c_1", "c_2"), { now: TS }), (e) => e.code === "signature_mismatch");
});

test("discord: node:crypto's Ed25519 signature verifies, the PING is answered, a forged one is 401", () => {
  const pair = generateKeyPair("discord");
  const { priv } = edKeys(pair.privateKey);
  const ping = '{"application_id":"1","id":"2","token":"t","type":1,"version":1}';
  const headers = { "x-signature-ed25519": nodeSign(null, Buffer.from(`${TS}${ping}`), priv).toString("hex"), "x-signature-timestamp": String(TS) };
  const v = new Verifier({ provider: "discord", publicKey: pair.publicKey });
  assert.deepEqual(v.handshake(headers, ping, { now: TS }), { status: 200, headers: { "content-type": "application/json" }, body: '{"type":1}' });
  const forged = { ...headers, "x-signature-ed25519": "00".repeat(64) };
  assert.throws(() => v.handshake(forged, ping, { now: TS }), (e) => e.code === "signature_mismatch" && e.status === 401);
  // hookguard's signature, checked by node:crypto.
  const signed = sign({ provider: "discord", privateKey: pair.privateKey, body: ping, timestamp: TS });
  assert.ok(nodeVerify(null, Buffer.from(`${TS}${ping}`), edKeys(pair.privateKey).pub, Buffer.from(signed.headers["x-signature-ed25519"], "hex")));
  assert.throws(() => new Verifier({ provider: "discord", secret: pair.privateKey }), (e) => e.code === "invalid_config");
});

test("sendgrid: node:crypto's ECDSA signatures (random nonces, high or low S) verify; hookguard's verify in node:crypto", () => {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const spki = b64(publicKey.export({ format: "der", type: "spki" }));
  const events = '[{"email":"a@example.com","event":"delivered","sg_event_id":"e1"}]';
  const v = new Verifier({ provider: "sendgrid", publicKey: spki });
  for (let i = 0; i < 8; i++) {
    const sig = nodeSign("sha256", Buffer.from(`${TS}${events}`), privateKey);
    const headers = { "x-twilio-email-event-webhook-signature": b64(sig), "x-twilio-email-event-webhook-timestamp": String(TS) };
    assert.equal(v.verify(headers, events, { now: TS }).timestamp, TS);
  }
  const pem = publicKey.export({ format: "pem", type: "spki" });
  const viaPem = new Verifier({ provider: "sendgrid", publicKey: pem });
  const pair = generateKeyPair("sendgrid");
  const signed = sign({ provider: "sendgrid", privateKey: pair.privateKey, body: events, timestamp: TS });
  const der = Buffer.from(signed.headers["x-twilio-email-event-webhook-signature"], "base64");
  const theirKey = createPublicKey({ key: Buffer.from(pair.publicKey, "base64"), format: "der", type: "spki" });
  assert.ok(nodeVerify("sha256", Buffer.from(`${TS}${events}`), theirKey, der), "node:crypto accepts hookguard's DER signature");
  assert.throws(() => viaPem.verify(signed.headers, events, { now: TS }), (e) => e.code === "signature_mismatch");
  assert.throws(() => new Verifier({ provider: "sendgrid", publicKey: "MFkw" }), (e) => e.code === "invalid_config" && !e.message.includes("MFkw"));
});

test("hookguard/verify, the HMAC verifier alone, refuses publicKey and generateKeyPair()", () => {
  const slim = createRequire(import.meta.url)("hookguard/verify");
  assert.throws(() => slim.generateKeyPair(), (e) => e.code === "invalid_config" && /not in hookguard\/verify/.test(e.message));
  const pair = generateKeyPair("discord");
  assert.throws(() => new slim.Verifier({ provider: "discord", publicKey: pair.publicKey }), (e) => e.code === "invalid_config" && /asymmetric verifiers/.test(e.message));
  assert.throws(() => new Verifier({ provider: "stripe", secret: "whsec_x", publicKey: pair.publicKey }), (e) => e.code === "invalid_config" && /publicKey is for providers/.test(e.message));
});
