// provider "custom": a scheme descriptor in the options (docs/CUSTOM.md), through the installed
// package: Verifier, the one-shot verify, sign, the errors, and the TypeScript types.
import test from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { Verifier, verify, sign, WebhookError, providers } from "hookguard";

const require = createRequire(import.meta.url);
const TS = 1780065000;
const SLACK_LIKE = {
  name: "Slack-like",
  header: "X-Slack-Signature",
  prefix: "v0=",
  template: "v0:{timestamp}:{body}",
  timestamp: { header: "X-Slack-Request-Timestamp" },
  event: { field: "type" },
};
const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const opts = { provider: "custom", secret: SECRET, scheme: SLACK_LIKE };
const body = '{"type":"event_callback"}';
const headers = {
  "x-slack-signature": "v0=" + createHmac("sha256", SECRET).update(`v0:${TS}:${body}`).digest("hex"),
  "x-slack-request-timestamp": String(TS),
};

function failure(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof WebhookError, `expected WebhookError, got ${e}`);
    return e;
  }
  assert.fail("no error");
}

test("a custom descriptor verifies what node:crypto signed", () => {
  const v = new Verifier(opts);
  assert.equal(v.provider, "custom");
  assert.deepEqual(v.headerNames, ["x-slack-signature", "x-slack-request-timestamp"]);
  const r = v.verify(headers, body, { now: TS + 1 });
  assert.equal(r.provider, "custom");
  assert.equal(r.event, "event_callback");
  assert.equal(r.timestamp, TS);
  assert.equal(r.id, null);
  assert.deepEqual(r.payload, { type: "event_callback" });
  assert.equal(failure(() => v.verify(headers, body + " ", { now: TS + 1 })).code, "signature_mismatch");
  assert.equal(failure(() => v.verify(headers, body, { now: TS + 301 })).code, "timestamp_too_old");
  // The one-shot verify, many times with equal options (the core interns the descriptor).
  for (let i = 0; i < 300; i++) {
    assert.equal(verify({ ...opts, scheme: { ...SLACK_LIKE } }, headers, body, { now: TS }).event, "event_callback");
  }
  // The descriptor as JSON text is the same descriptor.
  assert.equal(new Verifier({ ...opts, scheme: JSON.stringify(SLACK_LIKE) }).verify(headers, body, { now: TS }).keyIndex, 0);
});

test("sign builds a custom delivery that verifies, with the scheme as an object or text", () => {
  for (const scheme of [SLACK_LIKE, JSON.stringify(SLACK_LIKE)]) {
    const d = sign({ provider: "custom", scheme, secret: SECRET, body, timestamp: TS });
    assert.deepEqual(d.headers["x-slack-signature"], headers["x-slack-signature"]);
    assert.equal(new Verifier(opts).verify(d.headers, d.body, { now: TS }).event, "event_callback");
  }
  assert.equal(failure(() => sign({ provider: "custom", scheme: SLACK_LIKE, secret: SECRET })).code, "invalid_config");
  assert.equal(failure(() => sign({ provider: "custom", secret: SECRET, body })).code, "invalid_config");
  assert.equal(failure(() => sign({ provider: "custom", scheme: 7, secret: SECRET, body })).code, "invalid_config");
  assert.equal(failure(() => sign({ provider: "insigner", scheme: SLACK_LIKE, secret: SECRET, body })).code, "invalid_config");
});

test("a malformed descriptor is invalid_config naming the field, never quoting a value", () => {
  const cases = [
    [{ ...SLACK_LIKE, timestamp: { header: "x-ts", unit: "us" } }, 'scheme.timestamp.unit must be "s", "ms" or "rfc3339"'],
    [{ ...SLACK_LIKE, template: "v0:{timestamp}" }, "scheme.template must contain {body}"],
    [{ ...SLACK_LIKE, algorithm: "whsec_SECRETVALUE" }, "scheme.algorithm must be"],
    [{ ...SLACK_LIKE, header: "whsec_SECRETVALUE zz" }, "scheme.header must be an HTTP header name"],
    [{ ...SLACK_LIKE, whsec_SECRETVALUE: 1 }, "scheme: an unknown field"],
    [{ ...SLACK_LIKE, templat: "{body}" }, "unknown field `templat` (did you mean `template`?)"],
    [{ ...SLACK_LIKE, timestamp: { header: "x-ts", toleranceSeconds: 1e12 } }, "scheme.timestamp.toleranceSeconds must be"],
    [{ ...SLACK_LIKE, signatures: { pairs: ",", keys: ["a", "b", "c", "d", "e"] } }, "scheme.signatures.keys must hold 1 to 4 keys"],
    [{ ...SLACK_LIKE, signatures: { pairs: ",", keys: ["v1", "v1"] } }, "scheme.signatures.keys[1] is given twice"],
    [{ name: "NoHeader" }, "scheme.header is required"],
    [{ name: "B", auth: "basic", header: "x-whsec_SECRETVALUE" }, 'scheme.header is not for auth "basic"'],
    [{ ...SLACK_LIKE, signatures: { numbered: 25 } }, "scheme.signatures.numbered must be a whole number of headers from 1 to 24"],
    [{ ...SLACK_LIKE, template: "{body}", timestamp: { field: "sentAt", unit: "rfc3339" } }, 'scheme.timestamp.unit "rfc3339" is for a header or a pair'],
    [[1, 2], "scheme is not a JSON object"],
    ["{not json", "scheme is not a JSON object"],
  ];
  for (const [scheme, want] of cases) {
    const e = failure(() => new Verifier({ ...opts, scheme }));
    assert.equal(e.code, "invalid_config");
    assert.ok(e.message.includes(want), `${e.message} does not include ${want}`);
    assert.ok(!e.message.includes("SECRETVALUE"), e.message);
  }
  assert.equal(failure(() => new Verifier({ provider: "custom", secret: "s" })).code, "invalid_config");
  assert.equal(failure(() => new Verifier({ provider: "stripe", secret: "s", scheme: SLACK_LIKE })).code, "invalid_config");
  // A huge descriptor is refused by size, not parsed.
  const e = failure(() => new Verifier({ ...opts, scheme: { ...SLACK_LIKE, prefix: "x".repeat(9000) } }));
  assert.ok(e.message.includes("longer than 8192 bytes"), e.message);
});

test("custom is no catalogue entry", () => {
  assert.ok(!providers.some((p) => p.id === "custom"));
});

test("the custom descriptor is typed", () => {
  const tsc = process.env.HOOKGUARD_TSC;
  assert.ok(tsc, "HOOKGUARD_TSC must point at tsc (scripts/test-npm.sh sets it)");
  const dir = mkdtempSync(join(dirname(require.resolve("hookguard/package.json")), "..", "..", "types-custom-"));
  writeFileSync(join(dir, "usage.ts"), `
import { Verifier, verify, sign, type SchemeDescriptor, type CustomOptions } from "hookguard";
const stripeLike: SchemeDescriptor = {
  name: "Stripe-like", header: "stripe-signature", signatures: { pairs: ",", keys: ["v1"] },
  template: "{timestamp}.{body}", timestamp: { pair: "t", window: "past-only" },
  id: { field: "id" }, event: { field: "type" }, retries: true,
};
const v = new Verifier({ provider: "custom", secret: "s", scheme: stripeLike, toleranceSeconds: 600 });
const r = v.verify({}, "{}");
const provider: "custom" = r.provider;
const id: string | null = r.id;
const ts: number | null = r.timestamp;
const ev: string | null = r.event;
const token: CustomOptions = { provider: "custom", secret: "t", header: "x-key", scheme: { name: "T", auth: "token", event: { field: "event" } } };
verify(token, {}, "{}");
new Verifier({ provider: "custom", secret: "s", scheme: JSON.stringify(stripeLike) });
sign({ provider: "custom", secret: "s", scheme: stripeLike, body: "{}" });
new Verifier({ provider: "custom", secret: "s", scheme: { name: "Ms", header: "x-sig", algorithm: "hmac-sha512", encoding: "base64",
  timestamp: { header: "x-ts", unit: "ms", toleranceSeconds: 60 }, bodyIsJson: false } });
new Verifier({ provider: "custom", secret: "hooks:pw", scheme: { name: "B", auth: "basic", id: { field: "id" } } });
new Verifier({ provider: "custom", secret: "s", scheme: { name: "N", header: "x-sig-", encoding: "base64", signatures: { numbered: 3 } } });
new Verifier({ provider: "custom", secret: "s", scheme: { name: "R", header: "x-sig", template: "{id}{timestamp}{body}", id: { header: "x-id" },
  timestamp: { header: "x-ts", unit: "rfc3339", window: "past-only" } } });
new Verifier({ provider: "custom", secret: "s", scheme: { name: "F", header: "x-sig", timestamp: { field: "sentAt", unit: "ms" } } });
// @ts-expect-error: a body-field timestamp is a number, not RFC 3339
new Verifier({ provider: "custom", secret: "s", scheme: { name: "F", header: "x-sig", timestamp: { field: "sentAt", unit: "rfc3339" } } });
// @ts-expect-error: basic credentials are always in Authorization
new Verifier({ provider: "custom", secret: "s", scheme: { name: "B", auth: "basic", header: "x-auth" } });
// @ts-expect-error: custom needs a scheme
new Verifier({ provider: "custom", secret: "s" });
// @ts-expect-error: not an algorithm
new Verifier({ provider: "custom", secret: "s", scheme: { name: "A", header: "h", algorithm: "sha256" } });
// @ts-expect-error: a signature descriptor needs its header
new Verifier({ provider: "custom", secret: "s", scheme: { name: "A" } });
// @ts-expect-error: a timestamp is a header or a pair, not both
new Verifier({ provider: "custom", secret: "s", scheme: { name: "A", header: "h", timestamp: { header: "t", pair: "t" } } });
// @ts-expect-error: a token descriptor has no template
new Verifier({ provider: "custom", secret: "s", scheme: { name: "A", auth: "token", template: "{body}" } });
// @ts-expect-error: a token descriptor's id is a body field
new Verifier({ provider: "custom", secret: "s", scheme: { name: "A", auth: "token", id: { header: "x-id" } } });
// @ts-expect-error: scheme is for custom only
new Verifier({ provider: "stripe", secret: "s", scheme: stripeLike });
`);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", lib: ["es2022", "dom", "esnext.disposable"], types: [], skipLibCheck: false },
    files: ["usage.ts"],
  }));
  execFileSync(process.execPath, [tsc, "-p", dir], { stdio: "pipe" });
});

test("a custom scheme whose body is not JSON verifies it and has no payload", () => {
  const scheme = { name: "Raw", header: "x-raw-mac", encoding: "base64", bodyIsJson: false };
  const body = new Uint8Array([0x61, 0x3d, 0x31, 0xff]);
  const mac = createHmac("sha256", "raw-secret").update(body).digest("base64");
  const r = new Verifier({ provider: "custom", scheme, secret: "raw-secret" }).verify({ "x-raw-mac": mac }, body, { now: TS });
  assert.equal(r.payload, null);
  assert.equal(r.event, null);
  assert.equal(r.toJSON().payload, null);
});
