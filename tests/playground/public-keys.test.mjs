// The providers verified with a public key (the package's descriptors: `auth.publicKey`, signed
// with a private key: Discord's Ed25519, SendGrid's ECDSA P-256) and the secret scheme with a
// public-key variant (`auth.public`: Standard Webhooks v1a beside v1), through the page: the
// Public keys and Private key fields, prefilled from a pair made in the page; New key pair; a
// v1a delivery verified with the public key alone, and keyIndex counted after the secrets; the
// body-number handshake (Discord's PING, 200 {"type":1} and 204 empty); a malformed public key
// is invalid_config. Which provider is which comes from the package's `providers`.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT, tab, usePlayground } from "./helpers.mjs";
import { pasteDelivery, result, selectProvider, verify } from "./ui.mjs";

const hookguard = await import(join(ROOT, "pkg/dist/node/index.mjs"));
const { providers, Verifier } = hookguard;

const publicOnly = providers.filter((p) => p.auth.kind === "signature" && p.auth.publicKey === true);
const withVariant = providers.filter((p) => p.auth.kind === "signature" && p.auth.publicKey !== true && p.auth.public);
const numberHandshake = providers.filter((p) => (p.handshakes ?? []).some((h) => h.trigger?.kind === "body-number"));

usePlayground();

/** The body with its last letter or digit changed. */
function tamperOneByte(body) {
  for (let i = body.length - 1; i >= 0; i--) {
    const c = body[i];
    if (/[0-9]/.test(c)) return body.slice(0, i) + String((Number(c) + 1) % 10) + body.slice(i + 1);
    if (/[a-y]/i.test(c)) return body.slice(0, i) + String.fromCharCode(c.charCodeAt(0) + 1) + body.slice(i + 1);
  }
  throw new Error("nothing to tamper with");
}

describe("providers verified with a public key", () => {
  it(`the package has them (${publicOnly.map((p) => p.id)}; public variant: ${withVariant.map((p) => p.id)})`, () => {
    assert.ok(publicOnly.length >= 2, "discord and sendgrid");
    assert.ok(withVariant.length >= 1, "standard-webhooks v1a");
    assert.equal(typeof hookguard.generateKeyPair, "function");
  });

  for (const p of publicOnly) {
    it(`${p.displayName}: Public keys instead of secrets, a Private key to sign; the pair verifies, another pair does not`, async () => {
      const { page } = tab;
      await selectProvider(page, p.id);
      assert.equal(await page.isVisible("#secrets"), false, "no secret field");
      assert.equal(await page.isVisible("#public-keys"), true);
      assert.equal(await page.textContent("#public-keys-label"), "Public keys");
      assert.match(await page.textContent("#public-keys-hint"), /the receiver holds only the public key/);
      assert.match(await page.textContent("#provider-summary"), /receiver holds only the public key/);
      assert.equal(await page.isVisible("#private-key"), true);
      assert.equal(await page.isVisible("#sign-with"), false, "nothing to choose");
      const pub = (await page.inputValue("#public-keys")).trim();
      const priv = (await page.inputValue("#private-key")).trim();
      assert.notEqual(pub, "");
      assert.notEqual(priv, "");
      // The prefilled pair is a pair: what the page signs, Node verifies with the public half.
      await page.click("#generate");
      let r = await result(page);
      assert.equal(r.kind, "ok", r.verdict);
      assert.match(r.steps.signature.text, /first public key/);
      assert.match(r.verified, /Key used\s*public key line 1 \(keyIndex 0\)/);
      assert.match(r.steps.signature.text, /none to show: a public key checks/);
      const headers = Object.fromEntries((await page.inputValue("#headers")).split("\n").map((l) => [l.slice(0, l.indexOf(":")).trim(), l.slice(l.indexOf(":") + 1).trim()]));
      const body = await page.inputValue("#body");
      const v = new Verifier({ provider: p.id, publicKey: pub });
      try {
        assert.equal(v.verify(headers, body, { now: Number(headers[Object.keys(headers).find((n) => n.toLowerCase() === p.timestamp.header)]) }).keyIndex, 0);
      } finally {
        v.free();
      }
      // A pair made elsewhere (the page's New key pair keeps both halves together).
      const other = hookguard.generateKeyPair(p.id);
      await page.fill("#public-keys", other.publicKey);
      r = await verify(page);
      assert.equal(r.code, "signature_mismatch", r.verdict);
      // Rotation: the old key on the second line matches, and the result says which.
      await page.fill("#public-keys", `${other.publicKey}\n${pub}`);
      r = await verify(page);
      assert.equal(r.kind, "ok", r.verdict);
      assert.match(r.verdict, /second of 2 public keys/);
      assert.match(r.verified, /public key line 2 \(keyIndex 1\)/);
      // New key pair: both fields change; the old delivery no longer verifies, a new sample does.
      await page.click("#new-key-pair");
      const pub2 = (await page.inputValue("#public-keys")).trim();
      assert.notEqual(pub2, pub);
      assert.notEqual((await page.inputValue("#private-key")).trim(), priv);
      r = await verify(page);
      assert.equal(r.code, "signature_mismatch", r.verdict);
      await page.click("#generate");
      r = await result(page);
      assert.equal(r.kind, "ok", r.verdict);
      // One changed byte.
      await page.fill("#body", tamperOneByte(await page.inputValue("#body")));
      r = await verify(page);
      assert.equal(r.code, "signature_mismatch", r.verdict);
    });

    it(`${p.displayName}: a malformed public key is invalid_config, an empty one says what to enter`, async () => {
      const { page } = tab;
      await selectProvider(page, p.id);
      await page.click("#generate");
      for (const bad of ["zz-not-a-key", "abcd"]) {
        await page.fill("#public-keys", bad);
        const r = await verify(page);
        assert.equal(r.code, "invalid_config", `${bad}: ${r.verdict}`);
        assert.match(r.verdict, /Settings incomplete/);
        assert.match(r.verdict, /publicKey/);
        assert.deepEqual(r.steps, {});
      }
      await page.fill("#public-keys", "");
      const r = await verify(page);
      assert.equal(r.code, "invalid_config");
      assert.match(r.verdict, /public key/);
      // Signing needs the private key.
      await page.fill("#private-key", "");
      await page.click("#generate");
      assert.match((await result(page)).verdict, /Enter a private key first/);
    });
  }
});

describe("a secret scheme with a public-key variant (v1a beside v1)", () => {
  for (const p of withVariant) {
    it(`${p.displayName}: signs v1 with the secret or v1a with the private key; v1a verifies with the public key only; keyIndex counts the secrets first`, async () => {
      const { page } = tab;
      const prefix = p.auth.public.prefix;
      await selectProvider(page, p.id);
      assert.equal(await page.isVisible("#secrets"), true, "secrets stay");
      assert.equal(await page.isVisible("#public-keys"), true);
      assert.match(await page.textContent("#public-keys-label"), /Public keys \(v1a\)/);
      assert.match(await page.textContent("#public-keys-hint"), /receiver holds only the public key/);
      assert.match(await page.textContent("#provider-summary"), new RegExp(`${p.auth.public.algorithm} signatures as ${prefix}`));
      const secret = (await page.inputValue("#secrets")).trim();
      const pub = (await page.inputValue("#public-keys")).trim();
      assert.match(pub, /^whpk_/);
      assert.match(await page.inputValue("#private-key"), /^whsk_/);
      // v1 by default: the first secret signs; the private key waits.
      assert.equal(await page.inputValue("#sign-with"), "v1");
      assert.equal(await page.isDisabled("#private-key"), true);
      await page.click("#generate");
      let r = await result(page);
      assert.equal(r.kind, "ok", r.verdict);
      assert.match(await page.inputValue("#headers"), new RegExp(`${p.auth.header}: ${p.auth.prefix}`, "i"));
      assert.match(r.verified, /secret line 1 \(keyIndex 0\)/);

      // v1a: the private key signs a v1a token.
      await page.selectOption("#sign-with", "v1a");
      assert.equal(await page.isDisabled("#private-key"), false);
      await page.click("#generate");
      r = await result(page);
      assert.equal(r.kind, "ok", r.verdict);
      const headers = await page.inputValue("#headers");
      assert.match(headers, new RegExp(`${p.auth.header}: ${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[A-Za-z0-9+/]+=*$`, "im"));
      // With a secret configured too, the public key is keyIndex 1 (the secrets count first).
      assert.match(r.verified, /public key line 1 \(keyIndex 1\)/);
      assert.match(r.verdict, /keyIndex 1: the secrets count first/);
      assert.match(r.steps.signature.text, new RegExp(`${p.auth.public.algorithm} matches the first public key`));

      // The public key alone verifies it: the receiver needs no secret.
      await page.fill("#secrets", "");
      r = await verify(page);
      assert.equal(r.kind, "ok", r.verdict);
      assert.match(r.verified, /public key line 1 \(keyIndex 0\)/);
      // The secret alone does not (a header with only v1a tokens has none for a secret).
      await page.fill("#secrets", secret);
      await page.fill("#public-keys", "");
      r = await verify(page);
      assert.notEqual(r.kind, "ok", r.verdict);
      // One changed byte with the public key.
      await page.fill("#public-keys", pub);
      await page.fill("#body", tamperOneByte(await page.inputValue("#body")));
      r = await verify(page);
      assert.equal(r.code, "signature_mismatch", r.verdict);
      // A malformed public key.
      await page.fill("#public-keys", "whpk_bm90IGEga2V5");
      r = await verify(page);
      assert.equal(r.code, "invalid_config", r.verdict);
      // Neither a secret nor a public key.
      await page.fill("#secrets", "");
      await page.fill("#public-keys", "");
      r = await verify(page);
      assert.equal(r.code, "invalid_config", r.verdict);
      assert.match(r.verdict, /signing secret, or a public key/);
    });
  }
});

describe("the body-number handshake (an interactions PING)", () => {
  for (const p of numberHandshake) {
    it(`${p.displayName}: each body-number trigger shows its answer exactly (status, headers, body), and an event is no handshake`, async () => {
      const { page } = tab;
      await selectProvider(page, p.id);
      for (const hs of p.handshakes.filter((x) => x.trigger?.kind === "body-number")) {
        const body = JSON.stringify({ [hs.trigger.key]: hs.trigger.value, id: "1234567890", application_id: "1234567890123456789", version: 1 });
        await pasteDelivery(page, { headers: "", body });
        await page.click("#resign");
        const r = await result(page);
        assert.equal(r.kind, "ok", `${body}: ${r.verdict}`);
        assert.match(r.verdict, /Handshake answered/);
        assert.match(r.verdict, new RegExp(`\\{"${hs.trigger.key}": ${hs.trigger.value}\\}`));
        assert.equal(await page.isVisible("#handshake"), true);
        assert.equal(await page.textContent("#handshake-status"), String(hs.answer.status));
        assert.equal(await page.textContent("#handshake-body"), hs.answer.body);
        if (hs.answer.body === "") {
          assert.equal(await page.isVisible("#handshake-body"), false, "no body to show");
          assert.match(await page.textContent("#handshake"), /Bodyempty/);
          assert.equal(await page.textContent("#handshake-headers"), "none");
        } else {
          assert.equal(await page.textContent("#handshake-headers"), `content-type: ${hs.answer.contentType}`);
        }
        // Another key's signature: refused, no answer.
        await page.fill("#public-keys", hookguard.generateKeyPair(p.id).publicKey);
        const bad = await verify(page);
        assert.equal(bad.code, "signature_mismatch", bad.verdict);
        assert.equal(await page.isVisible("#handshake"), false);
        await page.click("#new-key-pair");
      }
      // The sample events carry the trigger's "unless" member: deliveries, not handshakes.
      await page.click("#generate");
      const r = await result(page);
      assert.equal(r.kind, "ok", r.verdict);
      assert.match(r.verdict, /Valid delivery/);
      assert.equal(await page.isVisible("#handshake"), false);
    });
  }
});
