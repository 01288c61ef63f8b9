// A broken configuration answers 500 invalid_config, clearly, on every webhook route and on
// /healthz, and never echoes a secret.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { startWorker } from "./harness.mjs";

const S = "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07";
const good = { path: "/hooks/a", options: { provider: "insigner" }, secretBinding: "S", origin: "http://127.0.0.1:9/a" };
const noSecretVector = JSON.parse(readFileSync(new URL("../../../shared/vectors/insigner.json", import.meta.url))).cases.find(
  (c) => c.expect.code === "invalid_config",
);

const cases = [
  { name: "ROUTES unset", routes: undefined, vars: { S }, message: /ROUTES var is not set/ },
  { name: "ROUTES not JSON", routes: "[{", vars: { S }, message: /not a JSON array of routes/ },
  { name: "secret written into options", routes: [{ ...good, options: { provider: "insigner", secret: S } }], vars: { S }, message: /options.secret is not allowed/ },
  { name: "secret binding not set", routes: [good], vars: {}, message: /secretBinding S is not set/ },
  {
    name: `shared vector: ${noSecretVector.name}`,
    routes: [{ ...good, options: { provider: "insigner", toleranceSeconds: noSecretVector.options.toleranceSeconds } }],
    vars: { S: JSON.stringify(noSecretVector.options.secret) },
    message: /no secret configured/,
  },
  { name: "unknown option key (typo)", routes: [{ ...good, options: { provider: "insigner", tolerance: 60 } }], vars: { S }, message: /unknown field `tolerance`/ },
  { name: "secret with stray whitespace", routes: [good], vars: { S: `${S}\n` }, message: /whitespace/ },
  {
    name: "queue route over the queue message limit",
    routes: [{ ...good, options: { provider: "inspakt", maxBodyBytes: 200000 }, mode: "queue" }],
    vars: { S },
    message: /over 65536/,
  },
  { name: "origin not a URL", routes: [{ ...good, origin: "origin.example" }], vars: { S }, message: /origin must be an absolute http\(s\) URL/ },
  { name: "re-sign secret not whsec_", routes: [{ ...good, resignSecretBinding: "E" }], vars: { S, E: "not base64!" }, message: /not a whsec_ base64 secret/ },
  { name: "duplicate path", routes: [good, good], vars: { S }, message: /appears twice/ },
  { name: "ROUTES an object, not an array", routes: JSON.stringify(good), vars: { S }, message: /not a JSON array of routes/ },
  { name: "unknown route field (typo)", routes: [{ ...good, secretBiding: "S" }], vars: { S }, message: /unknown field `secretBiding`/ },
  // An optional field's typo would otherwise fall back to the default without a word.
  { name: "optional route field misspelt", routes: [{ ...good, dedupeTTLSeconds: 60 }], vars: { S }, message: /unknown field `dedupeTTLSeconds`/ },
  { name: "route field of the wrong type", routes: [{ ...good, originTimeoutMs: "fast" }], vars: { S }, message: /not a JSON array of routes/ },
  { name: "options not an object", routes: [{ ...good, options: ["insigner"] }], vars: { S }, message: /options must be an object/ },
  { name: "secret binding a broken JSON array", routes: [good], vars: { S: '["a",' }, message: /secret S starts with \[ but is not a JSON array of strings/ },
];

for (const c of cases) {
  test(`invalid config: ${c.name} -> 500 invalid_config`, async () => {
    const w = await startWorker({ routes: c.routes, vars: c.vars });
    try {
      for (const res of [await w.fetch("/hooks/a", { method: "POST", body: "{}" }), await w.fetch("/healthz")]) {
        assert.equal(res.status, 500);
        const text = await res.text();
        const json = JSON.parse(text);
        assert.equal(json.error.code, "invalid_config");
        assert.match(json.error.message, c.message);
        assert.ok(!text.includes(S), "the message never contains the secret");
      }
    } finally {
      await w.dispose();
    }
  });
}

test("a valid config with secret rotation (comma-separated) answers /healthz 200", async () => {
  const w = await startWorker({ routes: [good], vars: { S: `${S},${"a".repeat(64)}` } });
  try {
    const res = await w.fetch("/healthz");
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: "ok", routes: 1 });
  } finally {
    await w.dispose();
  }
});

test("ROUTES written as a TOML array (a JSON object binding) works too", async () => {
  const w = await startWorker({ routes: [good], routesAsObject: true, vars: { S } });
  try {
    const res = await w.fetch("/healthz");
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: "ok", routes: 1 });
  } finally {
    await w.dispose();
  }
});
