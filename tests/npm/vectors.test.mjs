// Every shared vector (and ours) against the installed package: ESM and CommonJS, both entries
// ("hookguard" and "hookguard/verify", the verifier alone), Verifier and one-shot verify, every
// header shape, bytes and (where UTF-8) string bodies.
import test from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as esm from "hookguard";
import * as esmVerify from "hookguard/verify";
import { loadCases, loadHandshakes, headerForms, outcome, handshakeOutcome, expectedFor } from "./vectors.mjs";

const cjs = createRequire(import.meta.url)("hookguard");
const cjsVerify = createRequire(import.meta.url)("hookguard/verify");
const cases = loadCases();

test("the shared vectors are all there", () => {
  assert.ok(cases.filter((c) => c.file === "insigner.json").length >= 29);
  assert.ok(cases.filter((c) => c.file === "inspakt.json").length >= 19);
});

const ENTRIES = [["import", esm, false], ["require", cjs, false], ["import hookguard/verify", esmVerify, true], ["require hookguard/verify", cjsVerify, true]];
for (const [label, api, verifierAlone] of ENTRIES) {
  for (const c of cases) {
    test(`${label}: ${c.file}: ${c.name}`, () => {
      const expect = expectedFor(c, verifierAlone);
      for (const [shape, headers] of Object.entries(headerForms(c.headers))) {
        assert.deepEqual(outcome(api, c, headers, c.bytes), expect, `${shape} headers, Uint8Array body`);
        assert.deepEqual(outcome(api, c, headers, c.bytes.buffer.slice(c.bytes.byteOffset, c.bytes.byteOffset + c.bytes.byteLength)), expect, `${shape} headers, ArrayBuffer body`);
        if (c.body_utf8 !== undefined) {
          assert.deepEqual(outcome(api, c, headers, c.body_utf8), expect, `${shape} headers, string body`);
        }
      }
      assert.deepEqual(outcome(api, c, c.headers, c.bytes, { oneShot: true }), expect, "one-shot verify");
    });
  }
}

const handshakes = loadHandshakes();

test("every provider with a handshake has handshake vectors", () => {
  for (const p of ["slack", "zoom", "twitch", "meta", "boldsign", "github", "intercom", "adobe-sign", "discord"]) {
    assert.ok(handshakes.some((c) => c.file === `providers/${p}.json`), p);
  }
});

// Handshakes answer through both entries (an endpoint that verifies must answer them too).
for (const [label, api, verifierAlone] of ENTRIES) {
  for (const c of handshakes) {
    test(`${label}: handshake: ${c.file}: ${c.name}`, () => {
      // The verifier alone has no public-key verifiers: a publicKey is invalid_config there.
      const expect = verifierAlone && c.options.publicKey !== undefined ? { ok: false, code: "invalid_config" }
        : c.expect.ok ? { ok: true, response: c.expect.response } : { ok: false, code: c.expect.code };
      for (const [shape, headers] of Object.entries(headerForms(c.headers))) {
        assert.deepEqual(handshakeOutcome(api, c, headers, c.bytes), expect, `${shape} headers, Uint8Array body`);
        if (c.body_utf8 !== undefined) {
          assert.deepEqual(handshakeOutcome(api, c, headers, c.body_utf8), expect, `${shape} headers, string body`);
        }
      }
    });
  }
}

test("require and import share one instance", () => {
  assert.equal(cjs.WebhookError, esm.WebhookError);
  assert.equal(cjs.Verifier, esm.Verifier);
  assert.equal(cjsVerify.Verifier, esmVerify.Verifier);
  assert.notEqual(esmVerify.Verifier, esm.Verifier, "hookguard/verify runs on its own module");
});
