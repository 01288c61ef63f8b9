// Every provider of the catalogue routed on workerd: one route per provider (the list comes from
// the package's own descriptors, so a new provider is covered without touching this file), its
// default delivery mode, a genuine delivery made by the package's sign() (itself checked against
// independent Python vectors in the vector suites), forwarded byte for byte with the provider's
// own headers, its replay answered `duplicate` where the provider has a replay id, and a copy with
// one body byte changed refused with the provider's mismatch code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { now, root, startOrigin, startWorker, waitFor } from "./harness.mjs";

const entry = join(root, "pkg/dist/node/index.mjs");
if (!existsSync(entry)) throw new Error("pkg/ is not built: run `bash scripts/build-npm.sh` first (scripts/test-worker.sh does)");
const { providers, sign, generateKeyPair } = await import(pathToFileURL(entry).href);

/** A demo secret in the form the provider's key derivation expects. */
function secretFor(p) {
  if (p.auth.key === "whsec-base64") return "whsec_" + Buffer.from(`catalogue test key for ${p.id}`.padEnd(32, ".")).toString("base64");
  if (p.auth.kind === "basic") return `hookguard-${p.id}:correct horse battery`;
  return `catalogue-test-secret-${p.id}`;
}
const binding = (id) => "SECRET_" + id.toUpperCase().replace(/[^A-Z0-9]/g, "_");
const catalogue = providers.filter((p) => p.id !== "custom");

test("every catalogue provider: verified, forwarded with its own headers, replay dropped, tampering refused", { timeout: 120_000 }, async () => {
  assert.ok(catalogue.length >= 9, `${catalogue.length} providers`);
  const origin = await startOrigin();
  // Public-key providers (Discord, SendGrid): a fresh pair; ROUTES holds the public key, the
  // test signs with the private one.
  const pairs = Object.fromEntries(catalogue.filter((p) => p.auth.publicKey).map((p) => [p.id, generateKeyPair(p.id)]));
  const routes = catalogue.map((p) => ({
    path: `/hooks/${p.id}`,
    ...(pairs[p.id]
      ? { options: { provider: p.id, publicKey: pairs[p.id].publicKey } }
      : { options: { provider: p.id }, secretBinding: binding(p.id) }),
    origin: `${origin.url}/${p.id}`,
  }));
  const vars = Object.fromEntries(catalogue.filter((p) => !pairs[p.id]).map((p) => [binding(p.id), secretFor(p)]));
  const worker = await startWorker({ routes, vars, originUrl: origin.url });
  try {
    for (const p of catalogue) {
      const event = p.events[0]?.name;
      assert.ok(event, `${p.id}: the descriptor has a sample event to sign`);
      // URL-signing providers sign the URL the worker sees (the harness dispatches to
      // http://edge.test); sign() returns the URL to send to (PandaDoc adds ?signature=).
      const url = p.auth.needsUrl ? `http://edge.test/hooks/${p.id}` : undefined;
      const key = pairs[p.id] ? { privateKey: pairs[p.id].privateKey } : { secret: vars[binding(p.id)] };
      const signed = sign({ provider: p.id, ...key, event, timestamp: now(), url });
      const path = signed.url ? signed.url.slice("http://edge.test".length) : `/hooks/${p.id}`;
      const body = Buffer.from(typeof signed.body === "string" ? signed.body : signed.body);
      const send = (b) => worker.fetch(path, { method: "POST", headers: signed.headers, body: b });

      let res = await send(body);
      const text = await res.text();
      assert.ok(res.status === 200 || res.status === 202, `${p.id}: ${res.status} ${text}`);
      // A provider that wants an acknowledgement gets exactly it (tests/worker/acknowledgement.test.mjs
      // checks its bytes), and X-Hookguard-Outcome says what the edge did.
      const status = p.acknowledgement ? res.headers.get("x-hookguard-outcome") : JSON.parse(text).status;
      if (p.acknowledgement) assert.equal(res.status, 200, `${p.id}: acknowledged with 200`);
      if (p.acknowledgement?.kind === "text") assert.equal(text, p.acknowledgement.body, `${p.id}: acknowledgement text`);
      assert.equal(status, p.retries ? "delivered" : "queued", `${p.id}: the default mode follows whether the provider retries`);
      const got = await waitFor(() => origin.at(`/${p.id}`)[0]);
      assert.ok(got, `${p.id}: reached the origin`);
      assert.deepEqual(got.body, body, `${p.id}: forwarded byte for byte`);
      assert.equal(got.headers["x-hookguard-provider"], p.id);
      if (p.eventSource) assert.equal(got.headers["x-hookguard-event"], event, `${p.id}: event header`);
      const tokenHeaders = new Set(p.auth.kind === "signature" || p.auth.kind === "bodyField" ? [] : [p.auth.defaultHeader.toLowerCase()]);
      // Body-field providers sign a few body fields, and say so to the origin.
      assert.equal(got.headers["x-hookguard-body-signed"], p.bodySigned ? undefined : "false", `${p.id}: body-signed header`);
      if (p.auth.kind === "bodyField") {
        // The signature is in the body, forwarded byte for byte above.
      } else if (p.auth.kind === "signature" && p.auth.query) {
        // PandaDoc: the signature is the URL's ?signature=, not a header.
      } else if (p.auth.kind === "signature") {
        const sent = Object.entries(signed.headers).find(([k]) => k.toLowerCase() === p.auth.header)?.[1];
        assert.ok(sent, `${p.id}: sign() wrote ${p.auth.header}`);
        assert.equal(got.headers[p.auth.header], sent, `${p.id}: its signature header is forwarded as sent`);
      } else {
        for (const h of tokenHeaders) assert.equal(got.headers[h], undefined, `${p.id}: the token is never forwarded`);
      }

      // A replay id, or (Discord, SendGrid) the signed bytes themselves.
      if (p.idSource || p.dedupeSigned) {
        res = await send(body);
        assert.equal(res.status, 200, `${p.id}: replay`);
        if (p.acknowledgement) {
          assert.equal(res.headers.get("x-hookguard-outcome"), "duplicate", `${p.id}: a replay is acknowledged as a duplicate`);
          await res.arrayBuffer();
        } else {
          assert.deepEqual(await res.json(), { status: "duplicate" }, `${p.id}: a replay is answered duplicate`);
        }
      }

      if (p.auth.kind === "bodyField") {
        // The body is not signed: a changed signature field is what must be refused.
        const field = p.auth.signatureField.split(".").at(-1);
        const text = body.toString();
        const at = text.indexOf(`"${field}":"`) + field.length + 4;
        const tampered = Buffer.from(text.slice(0, at) + (text[at] === "a" ? "b" : "a") + text.slice(at + 1));
        res = await send(tampered);
      } else if (p.auth.kind === "signature") {
        const tampered = Buffer.from(body);
        // A byte inside the last JSON string, or a form body's last byte (Twilio).
        const quote = tampered.lastIndexOf(0x22);
        const at = quote > 0 ? quote - 1 : tampered.length - 1;
        tampered[at] = tampered[at] === 0x61 ? 0x62 : 0x61;
        res = await send(tampered);
      } else {
        // A token does not cover the body: a wrong token is what must be refused.
        const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k, tokenHeaders.has(k.toLowerCase()) ? v + "x" : v]));
        res = await worker.fetch(`/hooks/${p.id}`, { method: "POST", headers, body });
      }
      const err = await res.json();
      assert.equal(res.status, 401, `${p.id}: tampered ${JSON.stringify(err)}`);
      assert.equal(err.error.code, p.auth.kind === "signature" || p.auth.kind === "bodyField" ? "signature_mismatch" : "token_mismatch", p.id);
    }
    for (const p of catalogue) {
      assert.equal(origin.at(`/${p.id}`).length, 1, `${p.id}: exactly one copy reached the origin`);
    }
  } finally {
    await worker.dispose();
    await origin.close();
  }
});
