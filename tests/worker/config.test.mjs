// A broken configuration answers a bare 500 invalid_config on every webhook route and on
// /healthz: anonymous callers learn only that it is broken. The reason (which route, which
// field) goes to the worker's log, and neither the answer nor the log ever quotes a value from
// ROUTES or from a binding (a secret pasted into the wrong field stays secret).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { startWorker } from "./harness.mjs";

const S = "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07";
const good = { path: "/hooks/a", options: { provider: "insigner" }, secretBinding: "S", origin: "http://127.0.0.1:9/a" };
const noSecretVector = JSON.parse(readFileSync(new URL("../../../shared/vectors/insigner.json", import.meta.url))).cases.find(
  (c) => c.expect.code === "invalid_config",
);
const GENERIC = "the worker's configuration is invalid; its log says why";

// `leak`: a value that must appear in no answer and no log line.
const cases = [
  { name: "ROUTES unset", routes: undefined, vars: { S }, log: /ROUTES var is not set/ },
  { name: "ROUTES not JSON", routes: "[{", vars: { S }, log: /ROUTES is not valid JSON: .*at byte 2/ },
  {
    name: "ROUTES not JSON, with a secret in it",
    routes: `[{"path":"/hooks/a","secretBinding":"${S}",}]`,
    vars: { S },
    log: /ROUTES is not valid JSON/,
    leak: S,
  },
  { name: "secret written into options", routes: [{ ...good, options: { provider: "insigner", secret: S } }], vars: { S }, log: /ROUTES\[0\]\.options may not hold a secret/, leak: S },
  { name: "secret binding not set", routes: [good], vars: {}, log: /ROUTES\[0\]\.secretBinding names a Worker secret that is not set/ },
  { name: "verify token written into options", routes: [{ ...good, options: { provider: "meta", verifyToken: "vt-7c1e9b2a4d" } }], vars: { S }, log: /ROUTES\[0\]\.options may not hold verifyToken/, leak: "vt-7c1e9b2a4d" },
  { name: "verifyTokenBinding on a provider without a GET check", routes: [{ ...good, verifyTokenBinding: "VT" }], vars: { S, VT: "vt-7c1e9b2a4d" }, log: /verifyToken is for providers whose endpoint check is a GET/, leak: "vt-7c1e9b2a4d" },
  // The finding this pins: the secret itself pasted where its binding's name belongs was echoed.
  { name: "the secret pasted into secretBinding", routes: [{ ...good, secretBinding: S }], vars: { S }, log: /ROUTES\[0\]\.secretBinding must be the name of a Worker secret/, leak: S },
  { name: "a token pasted into secretBinding", routes: [{ ...good, secretBinding: "tok-4b1d/9f0e+6a2c" }], vars: { S }, log: /ROUTES\[0\]\.secretBinding must be the name of a Worker secret/, leak: "tok-4b1d/9f0e+6a2c" },
  { name: "the secret pasted into resignSecretBinding", routes: [{ ...good, resignSecretBinding: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }], vars: { S }, log: /ROUTES\[0\]\.resignSecretBinding names a Worker secret that is not set/, leak: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" },
  {
    name: `shared vector: ${noSecretVector.name}`,
    routes: [{ ...good, options: { provider: "insigner", toleranceSeconds: noSecretVector.options.toleranceSeconds } }],
    vars: { S: JSON.stringify(noSecretVector.options.secret) },
    log: /no secret configured/,
  },
  { name: "unknown option key (typo)", routes: [{ ...good, options: { provider: "insigner", tolerance: 60 } }], vars: { S }, log: /ROUTES\[0\]\.options unknown field `tolerance`/ },
  { name: "secret with stray whitespace", routes: [good], vars: { S: `${S}\n` }, log: /whitespace/, leak: S },
  { name: "origin not a URL", routes: [{ ...good, origin: "origin.example" }], vars: { S }, log: /ROUTES\[0\]\.origin must be an absolute http\(s\) URL/, leak: "origin.example" },
  // V8's and serde's messages quote the value they could not read.
  { name: "origin given as an object", routes: [{ ...good, origin: { url: "https://user:pw-9d8c7b@origin.example/" } }], vars: { S }, log: /ROUTES\[0\]\.origin must be a string/, leak: "pw-9d8c7b" },
  { name: "re-sign secret not whsec_", routes: [{ ...good, resignSecretBinding: "E" }], vars: { S, E: "not base64!" }, log: /ROUTES\[0\]\.resignSecretBinding names a secret that is neither a whsec_ base64 key \(v1 HMAC\) nor a whsk_ Ed25519 private key \(v1a\)/, leak: "not base64!" },
  { name: "duplicate path", routes: [good, good], vars: { S }, log: /ROUTES\[1\]: the path is the same as ROUTES\[0\]'s/ },
  { name: "ROUTES an object, not an array", routes: JSON.stringify(good), vars: { S }, log: /ROUTES must be a JSON array of routes/ },
  { name: "unknown route field (typo)", routes: [{ ...good, secretBiding: "S" }], vars: { S }, log: /ROUTES\[0\] unknown field `secretBiding` \(did you mean `secretBinding`\?\)/ },
  // A secret pasted as a key is no typo of a field: not quoted, even in the log.
  { name: "a secret pasted as a route field's name", routes: [{ ...good, [S]: true }], vars: { S }, log: /ROUTES\[0\] an unknown field \(key 5 of 5, not quoted: it may be a secret\)/, leak: S.slice(0, 16) },
  { name: "a secret pasted as an option's name", routes: [{ ...good, options: { provider: "insigner", "whsec_c2VjcmV0LXBhc3RlZC1hcy1rZXk=": 1 } }], vars: { S }, log: /ROUTES\[0\]\.options an unknown field \(key 2 of 3, not quoted: it may be a secret\)/, leak: "c2VjcmV0LXBhc3RlZC1hcy1rZXk" },
  // An optional field's typo would otherwise fall back to the default without a word.
  { name: "optional route field misspelt", routes: [{ ...good, dedupeTTLSeconds: 60 }], vars: { S }, log: /unknown field `dedupeTTLSeconds`/ },
  { name: "route field of the wrong type", routes: [{ ...good, originTimeoutMs: "fast-9f8e" }], vars: { S }, log: /ROUTES\[0\]\.originTimeoutMs must be a whole number from 0 to 60000/, leak: "fast-9f8e" },
  { name: "originTimeoutMs 0", routes: [{ ...good, originTimeoutMs: 0 }], vars: { S }, log: /ROUTES\[0\]\.originTimeoutMs must be at least 1/ },
  { name: "retentionDays 0", routes: [{ ...good, retentionDays: 0 }], vars: { S }, log: /ROUTES\[0\]\.retentionDays must be at least 1/ },
  { name: "retentionDays above ten years", routes: [{ ...good, retentionDays: 3651 }], vars: { S }, log: /ROUTES\[0\]\.retentionDays must be a whole number from 0 to 3650/ },
  { name: "retentionDays not a number", routes: [{ ...good, retentionDays: "week-4c1d" }], vars: { S }, log: /ROUTES\[0\]\.retentionDays must be a whole number from 0 to 3650/, leak: "week-4c1d" },
  { name: "options not an object", routes: [{ ...good, options: ["insigner"] }], vars: { S }, log: /ROUTES\[0\]\.options must be an object/ },
  { name: "a route that is not an object", routes: [good, "/hooks/b"], vars: { S }, log: /ROUTES\[1\] must be an object/ },
  { name: "secret binding a broken JSON array", routes: [good], vars: { S: '["a-3c2b1a",' }, log: /ROUTES\[0\]\.secretBinding names a secret that starts with \[ but is not a JSON array of strings/, leak: "a-3c2b1a" },
  { name: "path without a leading /", routes: [{ ...good, path: "hooks/a" }], vars: { S }, log: /ROUTES\[0\]\.path must start with \// },
  { name: "path /healthz", routes: [{ ...good, path: "/healthz" }], vars: { S }, log: /ROUTES\[0\]\.path is one the worker answers itself/ },
  { name: "path under /_hookguard", routes: [{ ...good, path: "/_hookguard/api" }], vars: { S }, log: /ROUTES\[0\]\.path is one the worker answers itself/ },
  { name: "mode neither direct nor queue", routes: [{ ...good, mode: "later" }], vars: { S }, log: /ROUTES\[0\]\.mode must be "direct" or "queue"/ },
  // The queue key (finding 3): without it no queue message could be authenticated.
  { name: "queue route without HOOKGUARD_QUEUE_KEY", routes: [{ ...good, options: { provider: "inspakt" }, mode: "queue" }], vars: { S, HOOKGUARD_QUEUE_KEY: null }, log: /mode "queue" needs the Worker secret HOOKGUARD_QUEUE_KEY/ },
  { name: "HOOKGUARD_QUEUE_KEY too short", routes: [{ ...good, options: { provider: "inspakt" }, mode: "queue" }], vars: { S, HOOKGUARD_QUEUE_KEY: "short-7e6d" }, log: /HOOKGUARD_QUEUE_KEY key 0 is shorter than 32 characters/, leak: "short-7e6d" },
  // forwardHeaders (finding 7): only names the origin may trust the sender with.
  { name: "forwardHeaders with an underscore", routes: [{ ...good, forwardHeaders: ["x_request_id"] }], vars: { S }, log: /ROUTES\[0\]\.forwardHeaders\[0\] contains `_`/ },
  { name: "forwardHeaders naming an edge header", routes: [{ ...good, forwardHeaders: ["x-request-id", "X-Hookguard-Id"] }], vars: { S }, log: /ROUTES\[0\]\.forwardHeaders\[1\] names a header the edge sets, drops or keeps secret itself/ },
  { name: "forwardHeaders naming X-Forwarded-For", routes: [{ ...good, forwardHeaders: ["x-forwarded-for"] }], vars: { S }, log: /forwardHeaders\[0\] names a header the edge sets/ },
  { name: "forwardHeaders naming the Inspakt token header", routes: [{ ...good, options: { provider: "inspakt", header: "X-Token" }, mode: "direct", forwardHeaders: ["x-token"] }], vars: { S }, log: /forwardHeaders\[0\] names a header the edge sets, drops or keeps secret itself/ },
  { name: "forwardHeaders not a header name", routes: [{ ...good, forwardHeaders: ["x request"] }], vars: { S }, log: /forwardHeaders\[0\] is not an HTTP header name/ },
  { name: "forwardHeaders not an array", routes: [{ ...good, forwardHeaders: "x-request-id" }], vars: { S }, log: /ROUTES\[0\]\.forwardHeaders must be an array of strings/ },
  // provider "custom": a malformed descriptor is named field by field, never quoted.
  ...[
    ["a bad timestamp unit", { timestamp: { header: "x-ts", unit: "us-9c8b" } }, /ROUTES\[0\]\.options\.scheme\.timestamp\.unit must be "s", "ms" or "rfc3339"/, "us-9c8b"],
    ["a template without {body}", { template: "{timestamp}" }, /ROUTES\[0\]\.options\.scheme\.template must contain \{body\}/],
    ["a header that is no header name", { header: "x-sig 7d6c5b" }, /ROUTES\[0\]\.options\.scheme\.header must be an HTTP header name/, "7d6c5b"],
    ["a secret pasted as a key", { "whsec_c2NoZW1lLWtleS1wYXN0ZWQ=": 1 }, /ROUTES\[0\]\.options\.scheme an unknown field \(key 3 of 3, not quoted/, "c2NoZW1lLWtleS1wYXN0ZWQ"],
    ["a misspelt key", { algoritm: "hmac-sha256" }, /ROUTES\[0\]\.options\.scheme unknown field `algoritm` \(did you mean `algorithm`\?\)/],
  ].map(([what, change, log, leak]) => ({
    name: `custom descriptor with ${what}`,
    routes: [{ ...good, options: { provider: "custom", scheme: { name: "Acme", header: "x-acme-signature", ...change } } }],
    vars: { S },
    log,
    leak,
  })),
  { name: "custom without a descriptor", routes: [{ ...good, options: { provider: "custom" } }], vars: { S }, log: /ROUTES\[0\]\.options provider "custom" needs scheme/ },
  { name: "a descriptor for a catalogue provider", routes: [{ ...good, options: { provider: "insigner", scheme: { name: "A", header: "h" } } }], vars: { S }, log: /ROUTES\[0\]\.options\.scheme is for provider "custom" only/ },
  // Inspakt confirmation (confirm.rs): Inspakt queue routes only, the API key a Worker secret.
  ...(() => {
    const inspakt = { path: "/hooks/a", options: { provider: "inspakt", header: "X-Inspakt-Webhook-Token" }, secretBinding: "T", origin: "http://127.0.0.1:9/a", mode: "queue" };
    const confirm = { apiKeyBinding: "K", apiBase: "https://api.inspakt.test/api/v1/key" };
    const vars = { S, T: "tok-inspakt-3f2e", K: "ik-live-8c7b6a5d" };
    return [
      { name: "confirm on a provider that is not Inspakt", routes: [{ ...good, confirm }], vars, log: /ROUTES\[0\]\.confirm is for Inspakt routes/ },
      { name: "confirm in direct mode", routes: [{ ...inspakt, mode: "direct", confirm }], vars, log: /ROUTES\[0\]\.confirm needs mode "queue"/ },
      { name: "confirm not an object", routes: [{ ...inspakt, confirm: "K" }], vars, log: /ROUTES\[0\]\.confirm must be an object/ },
      { name: "confirm API key binding not set", routes: [{ ...inspakt, confirm: { ...confirm, apiKeyBinding: "NOPE" } }], vars, log: /ROUTES\[0\]\.confirm\.apiKeyBinding names a Worker secret that is not set/ },
      { name: "the API key pasted into apiKeyBinding", routes: [{ ...inspakt, confirm: { ...confirm, apiKeyBinding: "ik-live-8c7b6a5d" } }], vars, log: /ROUTES\[0\]\.confirm\.apiKeyBinding must be the name of a Worker secret/, leak: "ik-live-8c7b6a5d" },
      { name: "confirm apiBase over plain http to a public host", routes: [{ ...inspakt, confirm: { ...confirm, apiBase: "http://api.inspakt.test/api/v1/key" } }], vars, log: /ROUTES\[0\]\.confirm\.apiBase must be an https URL/ },
      { name: "confirm apiBase with credentials", routes: [{ ...inspakt, confirm: { ...confirm, apiBase: "https://u:pw-5e4d@api.inspakt.test/" } }], vars, log: /ROUTES\[0\]\.confirm\.apiBase must be an https URL with no query, fragment or credentials/, leak: "pw-5e4d" },
      { name: "confirm apiBase missing", routes: [{ ...inspakt, confirm: { apiKeyBinding: "K" } }], vars, log: /ROUTES\[0\]\.confirm\.apiBase is required/ },
      { name: "confirm with an unknown field", routes: [{ ...inspakt, confirm: { ...confirm, ik_live: "x" } }], vars, log: /ROUTES\[0\]\.confirm has a field that is not one of apiKeyBinding, apiBase, timeoutMs, graceSeconds/, leak: "ik_live" },
      { name: "confirm timeoutMs 0", routes: [{ ...inspakt, confirm: { ...confirm, timeoutMs: 0 } }], vars, log: /ROUTES\[0\]\.confirm\.timeoutMs must be at least 1/ },
      { name: "confirm graceSeconds over an hour", routes: [{ ...inspakt, confirm: { ...confirm, graceSeconds: 3601 } }], vars, log: /ROUTES\[0\]\.confirm\.graceSeconds must be a whole number from 0 to 3600/ },
      { name: "confirm API key the same secret as the webhook token", routes: [{ ...inspakt, confirm: { ...confirm, apiKeyBinding: "T" } }], vars, log: /ROUTES\[0\]\.confirm\.apiKeyBinding names the same Worker secret as secretBinding/, leak: "tok-inspakt-3f2e" },
      { name: "confirm apiBase with an empty query", routes: [{ ...inspakt, confirm: { ...confirm, apiBase: "https://api.inspakt.test/api/v1/key?" } }], vars, log: /ROUTES\[0\]\.confirm\.apiBase must be an https URL/ },
      { name: "confirm apiBase with a trailing space", routes: [{ ...inspakt, confirm: { ...confirm, apiBase: "https://api.inspakt.test/api/v1/key " } }], vars, log: /ROUTES\[0\]\.confirm\.apiBase must be an https URL/ },
    ];
  })(),
];

for (const c of cases) {
  test(`invalid config: ${c.name} -> bare 500 invalid_config; the reason only in the log`, async () => {
    const logs = [];
    const w = await startWorker({ routes: c.routes, vars: c.vars, logs });
    try {
      for (const res of [await w.fetch("/hooks/a", { method: "POST", body: "{}" }), await w.fetch("/healthz")]) {
        assert.equal(res.status, 500);
        const text = await res.text();
        assert.deepEqual(JSON.parse(text), { error: { code: "invalid_config", message: GENERIC } });
      }
      const line = logs.find((l) => l.includes('"outcome":"invalid_config"'));
      assert.ok(line, `a log line says why: ${logs.join("\n")}`);
      assert.equal(JSON.parse(line).level, "error");
      assert.match(JSON.parse(line).message, c.log);
      for (const secret of [S, c.leak].filter(Boolean)) {
        assert.ok(!logs.some((l) => l.includes(secret)), `no log line quotes ${secret}`);
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

test("with a broken configuration the playground is still served, and webhooks get the bare invalid_config", async () => {
  const w = await startWorker({ routes: [good], vars: {} });
  try {
    const page = await w.fetch("/");
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type"), /^text\/html/);
    const hook = await w.fetch("/hooks/a", { method: "POST", body: "{}" });
    assert.equal(hook.status, 500);
    assert.equal((await hook.json()).error.code, "invalid_config");
  } finally {
    await w.dispose();
  }
});
