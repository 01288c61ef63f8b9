// The hookguard command line through its real binary, as npm installed it from the tarball
// (node_modules/.bin/hookguard): sign -> verify round trips, every exit code, the capture
// formats (raw HTTP, HAR, JSON), --json, the refused --secret, providers.
import test from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync, mkdirSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { providers, version, sign, generateKeyPair } from "hookguard";

const BIN = join(process.cwd(), "node_modules/.bin/hookguard");
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const dir = join(process.cwd(), "cli-captures");
mkdirSync(dir, { recursive: true });

function run(args, { input, env = {} } = {}) {
  const r = spawnSync(BIN, args, {
    input,
    env: { PATH: process.env.PATH, WEBHOOK_SECRET: SECRET, ...env },
    encoding: "utf8",
    timeout: 20_000,
  });
  assert.equal(r.error, undefined, String(r.error));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const signed = (args) => {
  const r = run(["sign", "--provider", "stripe", "--secret-env", "WEBHOOK_SECRET", ...args]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
};

test("cli: sign | verify round trip through stdin exits 0 and prints every check", () => {
  const http1 = signed(["--event", "invoice.paid"]);
  assert.match(http1, /^POST \/ HTTP\/1\.1\r\n/);
  assert.match(http1, /\r\nstripe-signature: t=\d+,v1=[0-9a-f]{64}\r\n/);
  const r = run(["verify", "--provider", "stripe", "--secret-env", "WEBHOOK_SECRET"], { input: http1 });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  for (const check of ["body", "signature", "timestamp", "envelope", "event"]) assert.match(r.stdout, new RegExp(`✓ ${check}\\b`));
  assert.match(r.stdout, /^valid: Stripe invoice\.paid evt_/m);
  assert.doesNotMatch(r.stdout, /\x1b\[/, "no colours when stdout is not a TTY");
  // "-" is stdin too.
  assert.equal(run(["verify", "--provider", "stripe", "--secret-env", "WEBHOOK_SECRET", "-"], { input: http1 }).code, 0);
});

test("cli: a tampered capture exits 1 and prints the code", () => {
  const tampered = signed([]).replace('"object":"event"', '"object":"evenT"');
  const r = run(["verify", "--provider", "stripe", "--secret-env", "WEBHOOK_SECRET"], { input: tampered });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /✗ signature .*\(signature_mismatch\)/);
  assert.match(r.stdout, /^rejected: signature_mismatch$/m);
  // An old capture: timestamp_too_old, decided at --now.
  const old = signed(["--timestamp", "1700000000"]);
  const late = run(["verify", "--provider", "stripe", "--secret-env", "WEBHOOK_SECRET", "--now", "1700000600"], { input: old });
  assert.equal(late.code, 1);
  assert.match(late.stdout, /^rejected: timestamp_too_old$/m);
  assert.equal(run(["verify", "--provider", "stripe", "--secret-env", "WEBHOOK_SECRET", "--now", "1700000100"], { input: old }).code, 0);
});

test("cli: usage errors exit 2 with a message", () => {
  const cases = [
    [["verify", "--secret-env", "WEBHOOK_SECRET"], /--provider is required/],
    [["verify", "--provider", "nope", "--secret-env", "WEBHOOK_SECRET"], /unknown provider "nope"/],
    [["verify", "--provider", "stripe"], /--secret-env VAR or --secret-file FILE/],
    [["verify", "--provider", "stripe", "--secret-env", "UNSET_VARIABLE"], /UNSET_VARIABLE is not set/],
    [["verify", "--provider", "stripe", "--secret-env", "WEBHOOK_SECRET", "--bogus"], /Unknown option '--bogus'/],
    [["verify", "--provider", "stripe", "--secret-env", "WEBHOOK_SECRET", "no-such-file"], /cannot read no-such-file: ENOENT/],
    [["sign", "--provider", "stripe", "--secret-env", "WEBHOOK_SECRET", "--format", "xml"], /--format is http, curl or json/],
    [["frobnicate"], /unknown command "frobnicate"/],
    [[], /Usage:/],
  ];
  for (const [args, message] of cases) {
    const r = run(args, { input: "" });
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message, args.join(" "));
  }
  const garbage = run(["verify", "--provider", "stripe", "--secret-env", "WEBHOOK_SECRET"], { input: "hello" });
  assert.equal(garbage.code, 2);
  assert.match(garbage.stderr, /not a raw HTTP request/);
});

test("cli: --secret on the command line is refused, saying why", () => {
  for (const args of [["sign", "--provider", "stripe", "--secret", SECRET], ["verify", "--provider", "stripe", `--secret=${SECRET}`]]) {
    const r = run(args, { input: "" });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--secret is refused: .*shell history/);
    assert.doesNotMatch(r.stderr + r.stdout, new RegExp(SECRET), "the secret is never echoed");
  }
});

test("cli: --secret-file reads the secret from a file", () => {
  const file = join(dir, "secret.txt");
  writeFileSync(file, SECRET + "\n");
  const r = run(["verify", "--provider", "stripe", "--secret-file", file], { input: signed([]) });
  assert.equal(r.code, 0, r.stdout + r.stderr);
});

test("cli: verify takes several keys (rotation) in command-line order and says which matched; sign takes one", () => {
  const capture = signed(["--event", "invoice.paid"]);
  const file = join(dir, "rotated.secret");
  writeFileSync(file, "whsec_the_new_one_0000000000000000\n");
  const env = { OLD_SECRET: "whsec_retired_000000000000000000" };
  // The matching secret is the second given (an env var after a file): keyIndex 1.
  const r = run(["verify", "--provider", "stripe", "--secret-file", file, "--secret-env", "WEBHOOK_SECRET", "--json"], { input: capture, env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(JSON.parse(r.stdout).event.keyIndex, 1);
  const three = run(["verify", "--provider", "stripe", "--secret-env", "OLD_SECRET", "--secret-file", file, "--secret-env", "WEBHOOK_SECRET"], { input: capture, env });
  assert.equal(three.code, 0, three.stdout + three.stderr);
  assert.match(three.stdout, /^valid: Stripe invoice\.paid evt_\S+ \(key 2\)$/m);
  const none = run(["verify", "--provider", "stripe", "--secret-env", "OLD_SECRET", "--secret-file", file, "--json"], { input: capture, env });
  assert.equal(none.code, 1);
  assert.equal(JSON.parse(none.stdout).code, "signature_mismatch");
  // Public keys count after the secrets: Discord with a retired key first.
  const retired = generateKeyPair("discord");
  const current = generateKeyPair("discord");
  const interaction = join(dir, "rotation-interaction.json");
  writeFileSync(interaction, JSON.stringify({ type: 2, id: "2", application_id: "1", token: "t", version: 1, data: { name: "rotate" } }));
  const d = run(["sign", "--provider", "discord", "--secret-env", "DISCORD_PRIVATE", "--body", interaction], { env: { DISCORD_PRIVATE: current.privateKey } });
  assert.equal(d.code, 0, d.stderr);
  const pk = run(["verify", "--provider", "discord", "--public-key", retired.publicKey, "--public-key", current.publicKey, "--json"], { input: d.stdout });
  assert.equal(pk.code, 0, pk.stdout + pk.stderr);
  assert.equal(JSON.parse(pk.stdout).event.keyIndex, 1);
  const two = run(["sign", "--provider", "stripe", "--secret-env", "WEBHOOK_SECRET", "--secret-file", file]);
  assert.equal(two.code, 2);
  assert.match(two.stderr, /sign takes one secret/);
});

test("cli: a raw HTTP capture with LF line endings and a Host", () => {
  const d = sign({ provider: "github", secret: "gh-secret", event: "push" });
  const raw = [`POST /hooks/github HTTP/1.1`, `Host: hooks.example.test`, ...Object.entries(d.headers).map(([k, v]) => `${k}: ${v}`), "", d.body].join("\n");
  const file = join(dir, "github.http");
  writeFileSync(file, raw);
  const r = run(["verify", "--provider", "github", "--secret-env", "GH"], { env: { GH: "gh-secret" }, input: "" });
  assert.equal(r.code, 2, "no input on stdin: not a capture");
  const ok = run(["verify", "--provider", "github", "--secret-env", "GH", file], { env: { GH: "gh-secret" } });
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^valid: GitHub push /m);
  const wrong = run(["verify", "--provider", "github", "--secret-env", "GH", file], { env: { GH: "another-secret" } });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stdout, /^rejected: signature_mismatch$/m);
});

test("cli: a HAR capture (first entry, or --entry N)", () => {
  const d = sign({ provider: "stripe", secret: SECRET });
  const entry = (url, headers, text) => ({
    request: { method: "POST", url, httpVersion: "HTTP/2", headers: [{ name: ":authority", value: "example.test" }, ...Object.entries(headers).map(([name, value]) => ({ name, value }))], postData: { mimeType: "application/json", text } },
    response: { status: 200 },
  });
  const har = { log: { version: "1.2", creator: { name: "test" }, entries: [entry("https://example.test/other", { accept: "*/*" }, "{}"), entry("https://example.test/hooks/stripe", d.headers, d.body)] } };
  const file = join(dir, "capture.har");
  writeFileSync(file, JSON.stringify(har));
  const first = run(["verify", "--provider", "stripe", "--secret-env", "WEBHOOK_SECRET", file]);
  assert.equal(first.code, 1);
  assert.match(first.stdout, /^rejected: missing_header$/m);
  const second = run(["verify", "--provider", "stripe", "--secret-env", "WEBHOOK_SECRET", "--entry", "1", file]);
  assert.equal(second.code, 0, second.stdout + second.stderr);
  const none = run(["verify", "--provider", "stripe", "--secret-env", "WEBHOOK_SECRET", "--entry", "7", file]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /has 2 entries/);
});

test("cli: --json output parses and carries the verdict, the steps and the event", () => {
  const json = signed(["--format", "json", "--event", "invoice.paid"]);
  const capture = JSON.parse(json);
  assert.equal(typeof capture.body, "string");
  assert.ok(capture.headers["stripe-signature"]);
  const r = run(["verify", "--provider", "stripe", "--secret-env", "WEBHOOK_SECRET", "--json"], { input: json });
  assert.equal(r.code, 0);
  const out = JSON.parse(r.stdout);
  assert.equal(out.valid, true);
  assert.equal(out.code, null);
  assert.deepEqual(out.steps.map((s) => s.check), ["body", "signature", "timestamp", "envelope", "consistency", "event"]);
  assert.equal(out.event.event, "invoice.paid");
  assert.equal(out.event.dedupeKey, `stripe:${JSON.parse(capture.body).id}`);
  const bad = run(["verify", "--provider", "stripe", "--secret-env", "WEBHOOK_SECRET", "--json"], { input: json, env: { WEBHOOK_SECRET: "whsec_other" } });
  assert.equal(bad.code, 1);
  const badOut = JSON.parse(bad.stdout);
  assert.equal(badOut.valid, false);
  assert.equal(badOut.code, "signature_mismatch");
  assert.equal(badOut.steps.find((s) => s.check === "signature").code, "signature_mismatch");
});

test("cli: a URL-signed provider round trip (Twilio) through the JSON format", () => {
  const url = "https://example.test/voice?flow=inbound";
  const s = run(["sign", "--provider", "twilio", "--secret-env", "TOKEN", "--url", url, "--format", "json"], { env: { TOKEN: "twilio-auth-token" } });
  assert.equal(s.code, 0, s.stderr);
  assert.equal(JSON.parse(s.stdout).url, url);
  const ok = run(["verify", "--provider", "twilio", "--secret-env", "TOKEN"], { input: s.stdout, env: { TOKEN: "twilio-auth-token" } });
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  const moved = run(["verify", "--provider", "twilio", "--secret-env", "TOKEN", "--url", "https://example.test/voice"], { input: s.stdout, env: { TOKEN: "twilio-auth-token" } });
  assert.equal(moved.code, 1);
  assert.match(moved.stdout, /^rejected: signature_mismatch$/m);
});

test("cli: public keys (Discord): sign with the private key from the environment, verify with --public-key", () => {
  const { privateKey, publicKey } = generateKeyPair("discord");
  const body = join(dir, "interaction.json");
  writeFileSync(body, JSON.stringify({ type: 2, id: "1", application_id: "1", token: "t", version: 1, data: { name: "hello" } }));
  const s = run(["sign", "--provider", "discord", "--secret-env", "KEY", "--body", body], { env: { KEY: privateKey } });
  assert.equal(s.code, 0, s.stderr);
  const ok = run(["verify", "--provider", "discord", "--public-key", publicKey], { input: s.stdout });
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  const other = generateKeyPair("discord").publicKey;
  assert.equal(run(["verify", "--provider", "discord", "--public-key", other], { input: s.stdout }).code, 1);
});

test("cli: a handshake capture is answered (Slack's url_verification)", () => {
  const body = join(dir, "slack.json");
  writeFileSync(body, JSON.stringify({ token: "t", challenge: "the-challenge", type: "url_verification" }));
  const s = run(["sign", "--provider", "slack", "--secret-env", "SLACK", "--body", body, "--format", "json"], { env: { SLACK: "slack-secret" } });
  const r = run(["verify", "--provider", "slack", "--secret-env", "SLACK", "--json"], { input: s.stdout, env: { SLACK: "slack-secret" } });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).handshake, { status: 200, headers: { "content-type": "text/plain" }, body: "the-challenge" });
});

test("cli: sign --format curl is a command line with the headers and the body", () => {
  const out = signed(["--format", "curl", "--url", "http://127.0.0.1:3000/hooks"]);
  assert.match(out, /^curl -X POST 'http:\/\/127\.0\.0\.1:3000\/hooks' -H 'content-type: [^']+' -H 'stripe-signature: t=\d+,v1=[0-9a-f]{64}' --data-binary '\{.*\}'\n$/);
});

test("cli: sign --send posts the delivery to the given local URL and prints the answer", async () => {
  const got = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      got.push({ url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(req.headers["stripe-signature"] ? 200 : 400).end("received");
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}/hooks/stripe`;
  try {
    const { spawn } = await import("node:child_process");
    const child = spawn(BIN, ["sign", "--provider", "stripe", "--secret-env", "WEBHOOK_SECRET", "--send", url], { env: { PATH: process.env.PATH, WEBHOOK_SECRET: SECRET } });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    const code = await new Promise((r) => child.on("close", r));
    assert.equal(code, 0);
    assert.match(stdout, /^200 OK\nreceived\n$/);
    assert.equal(got.length, 1);
    assert.equal(got[0].url, "/hooks/stripe");
    assert.match(got[0].headers["stripe-signature"], /^t=\d+,v1=/);
    assert.equal(JSON.parse(got[0].body).object, "event");
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test("cli: providers lists the catalogue; --json is machine-readable", () => {
  const r = run(["providers"]);
  assert.equal(r.code, 0);
  const lines = r.stdout.trimEnd().split("\n");
  assert.equal(lines.length, providers.length + 1);
  assert.match(lines[0], /^id\s+name\s+key\s+what is signed$/);
  assert.match(r.stdout, /\nstripe\s+Stripe\s+secret\s+HMAC-SHA256 of \{timestamp\}\.\{body\}/);
  const j = JSON.parse(run(["providers", "--json"]).stdout);
  assert.deepEqual(j.map((p) => p.id), providers.map((p) => p.id));
  assert.equal(j.find((p) => p.id === "discord").key, "public key");
  assert.equal(j.find((p) => p.id === "inspakt").key, "token");
  assert.deepEqual(Object.keys(j[0]), ["id", "name", "signed", "key"]);
});

test("cli: --help per command and --version", () => {
  for (const [cmd, title] of [["sign", /^Usage: hookguard sign /], ["verify", /^Usage: hookguard verify /], ["providers", /^Usage: hookguard providers/]]) {
    const r = run([cmd, "--help"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, title);
  }
  const main = run(["--help"]);
  assert.equal(main.code, 0);
  assert.match(main.stdout, /never from the command line/);
  const v = run(["--version"]);
  assert.equal(v.code, 0);
  assert.equal(v.stdout, version + "\n");
});
