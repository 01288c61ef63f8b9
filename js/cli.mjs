#!/usr/bin/env node
// hookguard's command line: sign genuine deliveries, verify captured ones, list the providers.
// Node only, no dependencies beyond the package itself (dist/node). Secrets come from an
// environment variable or a file, never from argv (shell history, `ps`).
// Exit codes: 0 valid (or done), 1 rejected (the code printed), 2 usage error.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Verifier, WebhookError, providers, sign, version } from "./node/index.mjs";

const EXIT_OK = 0;
const EXIT_REJECTED = 1;
const EXIT_USAGE = 2;

class UsageError extends Error {}

const useColour = process.stdout.isTTY === true && !process.env.NO_COLOR;
const paint = (code) => (s) => (useColour ? `\x1b[${code}m${s}\x1b[0m` : s);
const green = paint("32");
const red = paint("31");
const dim = paint("2");
const bold = paint("1");

const HELP = {
  main: `hookguard ${version}: sign, verify and list webhook deliveries

Usage:
  hookguard sign --provider X (--secret-env VAR | --secret-file F) [options]
  hookguard verify --provider X (--secret-env VAR | --secret-file F | --public-key K) [FILE | -]
  hookguard providers [--json]
  hookguard <command> --help
  hookguard --version

Secrets are read from an environment variable or a file, never from the command line.
Exit codes: 0 valid, 1 rejected (the error code is printed), 2 usage error.`,
  sign: `Usage: hookguard sign --provider X (--secret-env VAR | --secret-file F) [options]

Builds a genuine delivery, as the provider would send it.

  --provider X        a provider id (hookguard providers)
  --secret-env VAR    the secret (or private key, for Discord, SendGrid, Standard Webhooks v1a)
                      from environment variable VAR
  --secret-file F     ... or from file F (one trailing newline is dropped)
  --event E           the event to sign (a sample body is generated; default the first)
  --body FILE         sign this body instead (- for stdin)
  --timestamp N       unix seconds (default now)
  --id ID             the delivery id, where the provider sends one
  --header NAME       Inspakt: the token header (default Authorization)
  --url URL           the URL the provider calls (URL-signed providers: Twilio, Square, …)
  --format F          http (default: request line, headers, body), curl or json
  --send URL          POST the delivery to URL (and only there); prints the answer

Example:
  WEBHOOK_SECRET=whsec_... hookguard sign --provider stripe --secret-env WEBHOOK_SECRET --format curl`,
  verify: `Usage: hookguard verify --provider X (--secret-env VAR | --secret-file F | --public-key K) [FILE | -]

Verifies a captured request and prints each check. FILE (or - or nothing: stdin) holds
  raw HTTP     the request line, the headers, a blank line, the body
  HAR          a browser's or proxy's export (the first entry; --entry N for another)
  JSON         {"headers": {...}, "body": "...", "url"?: "...", "method"?: "POST"}
               (or "bodyBase64" for a binary body)

  --provider X        a provider id (hookguard providers)
  --secret-env VAR    the secret from environment variable VAR
  --secret-file F     ... or from file F (one trailing newline is dropped)
  --public-key K      the public key (Discord, SendGrid, Standard Webhooks v1a)
                      Each of the three may be repeated (secret rotation: any key may match;
                      the result's keyIndex counts the secrets first, then the public keys)
  --header NAME       Inspakt: the token header (default Authorization)
  --tolerance N       the timestamp tolerance, seconds
  --now N             verify as of unix seconds N (default now)
  --url URL           the URL the provider called (default: from the capture; raw HTTP:
                      https:// + Host + the request target)
  --entry N           the HAR entry (0-based; default 0)
  --json              print {"valid", "code", "steps", "event", "handshake"} as JSON

Exit codes: 0 valid, 1 rejected (the code is printed), 2 usage error.`,
  providers: `Usage: hookguard providers [--json]

Lists every provider: its id, name, what is signed and the key it takes.`,
};

const REFUSED_SECRET =
  "--secret is refused: a secret on the command line lands in your shell history and in the " +
  "process list. Use --secret-env VAR (an environment variable) or --secret-file FILE.";

function rejectArgvSecrets(args) {
  for (const a of args) {
    const name = a.split("=")[0];
    if (name === "--secret" || name === "--private-key" || name === "--token") throw new UsageError(REFUSED_SECRET);
  }
}

function parse(args, options) {
  rejectArgvSecrets(args);
  try {
    return parseArgs({ args, options: { help: { type: "boolean", short: "h" }, ...options }, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    throw new UsageError(e.message);
  }
}

// --secret-env, --secret-file and --public-key: each may be given more than once for verify
// (secret rotation: the result's keyIndex counts secrets first, then public keys); sign takes one.
const KEY_OPTIONS = {
  "secret-env": { type: "string", multiple: true },
  "secret-file": { type: "string", multiple: true },
};

function secretFromEnv(name) {
  const v = process.env[name];
  if (v === undefined || v === "") throw new UsageError(`the environment variable ${name} is not set`);
  return v;
}

function secretFromFile(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read --secret-file ${file}: ${e.code ?? e.message}`);
  }
  text = text.replace(/\r?\n$/, "");
  if (text === "") throw new UsageError(`--secret-file ${file} is empty`);
  return text;
}

// The secrets in the order they were given on the command line (keyIndex follows it).
const keyCount = (keys) => [keys.secret, keys.publicKey].flat().filter((k) => k !== undefined).length;

function readKeys({ values, tokens }, { verify = false } = {}) {
  const secrets = tokens
    .filter((t) => t.kind === "option" && (t.name === "secret-env" || t.name === "secret-file"))
    .map((t) => (t.name === "secret-env" ? secretFromEnv(t.value) : secretFromFile(t.value)));
  const publicKeys = values["public-key"] ?? [];
  const count = secrets.length + publicKeys.length;
  if (count === 0) {
    throw new UsageError(`give the secret with --secret-env VAR or --secret-file FILE${verify ? " (or --public-key K)" : ""}`);
  }
  if (!verify) {
    if (count > 1) throw new UsageError("sign takes one secret: give --secret-env or --secret-file once");
    return { secret: secrets[0] };
  }
  const keys = {};
  if (secrets.length > 0) keys.secret = secrets.length === 1 ? secrets[0] : secrets;
  if (publicKeys.length > 0) keys.publicKey = publicKeys.length === 1 ? publicKeys[0] : publicKeys;
  return keys;
}

function provider(values) {
  const id = values.provider;
  if (id === undefined) throw new UsageError("--provider is required (hookguard providers lists them)");
  const p = providers.find((d) => d.id === id);
  if (!p) throw new UsageError(`unknown provider "${id}" (hookguard providers lists them)`);
  return p;
}

function integer(values, name) {
  const v = values[name];
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number of unix seconds`);
  return Number(v);
}

function readInput(file) {
  try {
    return file === undefined || file === "-" ? readFileSync(0) : readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file ?? "stdin"}: ${e.code ?? e.message}`);
  }
}

// ---- sign ----------------------------------------------------------------------------------

const utf8 = new TextDecoder("utf-8", { fatal: true });

function bodyText(body) {
  if (typeof body === "string") return { text: body };
  try {
    return { text: utf8.decode(body) };
  } catch {
    return { base64: Buffer.from(body).toString("base64") };
  }
}

const shellQuote = (s) => `'${String(s).replaceAll("'", `'\\''`)}'`;

async function signCommand(args) {
  const parsed = parse(args, {
    provider: { type: "string" },
    ...KEY_OPTIONS,
    event: { type: "string" },
    body: { type: "string" },
    timestamp: { type: "string" },
    id: { type: "string" },
    header: { type: "string" },
    url: { type: "string" },
    format: { type: "string" },
    send: { type: "string" },
  });
  const { values, positionals } = parsed;
  if (values.help) return print(HELP.sign);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const p = provider(values);
  const { secret } = readKeys(parsed);
  const format = values.format ?? "http";
  if (!["http", "curl", "json"].includes(format)) throw new UsageError("--format is http, curl or json");
  if (values.event !== undefined && values.body !== undefined) throw new UsageError("give --event or --body, not both");
  if (values.send !== undefined && !/^https?:\/\//.test(values.send)) throw new UsageError("--send takes an http:// or https:// URL");
  const url = values.url ?? values.send;
  const options = { provider: p.id, secret };
  if (values.body !== undefined) options.body = new Uint8Array(readInput(values.body));
  if (values.event !== undefined) options.event = values.event;
  const ts = integer(values, "timestamp");
  if (ts !== undefined) options.timestamp = ts;
  for (const k of ["id", "header"]) if (values[k] !== undefined) options[k] = values[k];
  if (url !== undefined) options.url = url;
  let d;
  try {
    d = sign(options);
  } catch (e) {
    if (e instanceof WebhookError) throw new UsageError(e.message);
    throw e;
  }
  const target = d.url ?? url;
  if (values.send !== undefined) return send(d, target);
  const b = bodyText(d.body);
  if (format === "json") {
    const out = { method: "POST", headers: d.headers };
    if (target !== undefined) out.url = target;
    if (b.text !== undefined) out.body = b.text;
    else out.bodyBase64 = b.base64;
    return print(JSON.stringify(out, null, 2));
  }
  if (format === "curl") {
    const parts = ["curl", "-X", "POST", shellQuote(target ?? "http://127.0.0.1:3000/")];
    for (const [k, v] of Object.entries(d.headers)) parts.push("-H", shellQuote(`${k}: ${v}`));
    if (b.text === undefined) throw new UsageError("the body is not UTF-8: use --format http or json");
    parts.push("--data-binary", shellQuote(b.text));
    return print(parts.join(" "));
  }
  // http: the request as it goes on the wire (origin-form target, Host, Content-Length).
  const bytes = typeof d.body === "string" ? new TextEncoder().encode(d.body) : d.body;
  const u = target !== undefined ? new URL(target) : null;
  const head = [`POST ${u ? u.pathname + u.search : "/"} HTTP/1.1`];
  if (u) head.push(`host: ${u.host}`);
  for (const [k, v] of Object.entries(d.headers)) head.push(`${k}: ${v}`);
  head.push(`content-length: ${bytes.length}`);
  process.stdout.write(head.join("\r\n") + "\r\n\r\n");
  process.stdout.write(bytes);
  if (process.stdout.isTTY) process.stdout.write("\n");
  return EXIT_OK;
}

async function send(d, url) {
  let r;
  try {
    r = await fetch(url, { method: "POST", headers: d.headers, body: d.body, redirect: "manual" });
  } catch (e) {
    process.stderr.write(`hookguard: could not send to ${url}: ${e.cause?.code ?? e.message}\n`);
    return EXIT_REJECTED;
  }
  const text = await r.text();
  const ok = r.status >= 200 && r.status < 300;
  print(`${(ok ? green : red)(String(r.status))} ${r.statusText}${text ? `\n${text}` : ""}`);
  return ok ? EXIT_OK : EXIT_REJECTED;
}

// ---- verify --------------------------------------------------------------------------------

// A captured request from raw HTTP, a HAR file or JSON: { method, url, headers (pairs), body }.
function parseCapture(bytes, entry) {
  const start = bytes.findIndex((c) => c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d);
  if (start >= 0 && bytes[start] === 0x7b) {
    let doc;
    try {
      doc = JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      throw new UsageError(`the input looks like JSON but does not parse: ${e.message}`);
    }
    return doc && typeof doc.log === "object" ? fromHar(doc, entry) : fromJson(doc);
  }
  if (entry !== undefined) throw new UsageError("--entry is for HAR files");
  return fromHttp(bytes);
}

function bodyOf(text, base64, where) {
  if (base64 !== undefined) {
    if (typeof base64 !== "string") throw new UsageError(`${where}: bodyBase64 must be a string`);
    return new Uint8Array(Buffer.from(base64, "base64"));
  }
  if (text === undefined || text === null) return new Uint8Array(0);
  if (typeof text !== "string") throw new UsageError(`${where}: the body must be the raw body as a string (not parsed JSON)`);
  return new TextEncoder().encode(text);
}

function fromJson(doc) {
  const h = doc.headers;
  let headers;
  if (Array.isArray(h)) headers = h.map((x) => (Array.isArray(x) ? x : [x?.name, x?.value]));
  else if (h && typeof h === "object") headers = Object.entries(h);
  else throw new UsageError('the JSON capture needs "headers" (an object or a list of pairs)');
  return { method: doc.method ?? "POST", url: doc.url, headers, body: bodyOf(doc.body, doc.bodyBase64, "the JSON capture") };
}

function fromHar(doc, entry = "0") {
  const entries = doc.log.entries;
  if (!Array.isArray(entries) || entries.length === 0) throw new UsageError("the HAR file has no entries");
  if (!/^\d+$/.test(entry)) throw new UsageError("--entry is a 0-based number");
  const e = entries[Number(entry)];
  if (!e) throw new UsageError(`the HAR file has ${entries.length} entries; --entry ${entry} is not one`);
  const req = e.request ?? {};
  // HTTP/2 captures list pseudo-headers (:authority, :path): not headers the provider sent.
  const headers = (req.headers ?? []).filter((x) => !String(x.name).startsWith(":")).map((x) => [x.name, x.value]);
  const post = req.postData ?? {};
  const base64 = post.encoding === "base64" ? post.text : undefined;
  return { method: req.method ?? "POST", url: req.url, headers, body: bodyOf(base64 === undefined ? post.text : undefined, base64, "the HAR entry") };
}

function fromHttp(bytes) {
  // The head ends at the first blank line (CRLF or bare LF line endings).
  let end = -1;
  let sep = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) { end = i; sep = 2; break; }
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) { end = i; sep = 3; break; }
  }
  if (end < 0) throw new UsageError("not a raw HTTP request (no blank line after the headers), HAR or JSON capture");
  const lines = new TextDecoder().decode(bytes.subarray(0, end)).split(/\r?\n/);
  const m = /^([A-Z]+) (\S+) HTTP\/\d(\.\d)?$/.exec(lines[0].trim());
  if (!m) throw new UsageError(`not a raw HTTP request line: "${lines[0].slice(0, 80)}"`);
  const headers = [];
  for (const line of lines.slice(1)) {
    const i = line.indexOf(":");
    if (i <= 0) throw new UsageError(`not a header line: "${line.slice(0, 80)}"`);
    headers.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
  }
  const get = (name) => headers.find(([k]) => k.toLowerCase() === name)?.[1];
  if (/chunked/i.test(get("transfer-encoding") ?? "")) throw new UsageError("chunked bodies are not read: save the decoded body with a Content-Length");
  let body = bytes.subarray(end + sep);
  const length = get("content-length");
  if (length !== undefined && /^\d+$/.test(length) && Number(length) <= body.length) body = body.subarray(0, Number(length));
  const target = m[2];
  const url = /^https?:\/\//.test(target) ? target : get("host") ? `https://${get("host")}${target}` : undefined;
  return { method: m[1], url, headers, body: new Uint8Array(body) };
}

function verifyCommand(args) {
  const parsed = parse(args, {
    provider: { type: "string" },
    ...KEY_OPTIONS,
    "public-key": { type: "string", multiple: true },
    header: { type: "string" },
    tolerance: { type: "string" },
    now: { type: "string" },
    url: { type: "string" },
    entry: { type: "string" },
    json: { type: "boolean" },
  });
  const { values, positionals } = parsed;
  if (values.help) return print(HELP.verify);
  if (positionals.length > 1) throw new UsageError("give one capture file (or - for stdin)");
  const p = provider(values);
  const key = readKeys(parsed, { verify: true });
  const options = { provider: p.id, ...key };
  if (values.header !== undefined) options.header = values.header;
  const tolerance = integer(values, "tolerance");
  if (tolerance !== undefined) options.toleranceSeconds = tolerance;
  const now = integer(values, "now");
  const capture = parseCapture(readInput(positionals[0]), values.entry);
  let verifier;
  try {
    verifier = new Verifier(options);
  } catch (e) {
    if (e instanceof WebhookError) throw new UsageError(e.message);
    throw e;
  }
  const call = { method: capture.method };
  const url = values.url ?? capture.url;
  if (url !== undefined) call.url = url;
  if (now !== undefined) call.now = now;
  let report;
  try {
    report = verifier.explain(capture.headers, capture.body, call);
  } catch (e) {
    if (e instanceof WebhookError && e.code === "invalid_config") throw new UsageError(e.message);
    throw e;
  }
  // The decision is verify()'s (and a handshake's answer); explain() says why.
  let handshake = null;
  let event = null;
  let code = null;
  try {
    handshake = verifier.handshake(capture.headers, capture.body, call);
    if (handshake === null) event = verifier.verify(capture.headers, capture.body, call);
  } catch (e) {
    if (!(e instanceof WebhookError)) throw e;
    if (e.code === "invalid_config") throw new UsageError(e.message);
    code = e.code;
  }
  const valid = code === null;
  if (values.json) {
    const summary = event && { event: event.event, id: event.id, timestamp: event.timestamp, keyIndex: event.keyIndex, dedupeKey: event.dedupeKey };
    print(JSON.stringify({ valid, code, steps: report.steps, event: summary, handshake }, null, 2));
    return valid ? EXIT_OK : EXIT_REJECTED;
  }
  const width = Math.max(...report.steps.map((s) => s.check.length));
  for (const s of report.steps) {
    const mark = s.status === "pass" ? green("✓") : s.status === "fail" ? red("✗") : dim("-");
    const codeText = s.code ? `  ${red(`(${s.code})`)}` : "";
    print(`${mark} ${s.check.padEnd(width)}  ${s.status === "skip" ? dim(s.detail) : s.detail}${codeText}`);
  }
  if (handshake) {
    print(`${green(bold("handshake"))}: answer ${handshake.status}${handshake.body ? ` ${JSON.stringify(handshake.body)}` : " (no body)"}`);
  } else if (valid) {
    const which = keyCount(key) > 1 ? ` (key ${event.keyIndex})` : "";
    print(`${green(bold("valid"))}: ${p.displayName}${event.event ? ` ${event.event}` : ""}${event.id ? ` ${event.id}` : ""}${which}`);
  } else {
    print(`${red(bold("rejected"))}: ${code}`);
  }
  return valid ? EXIT_OK : EXIT_REJECTED;
}

// ---- providers -----------------------------------------------------------------------------

function signedContent(auth) {
  return (auth.signedContent ?? []).map((x) => ("literal" in x ? x.literal : `{${x.field ?? x.part}}`)).join("");
}

function whatIsSigned(p) {
  const a = p.auth;
  if (a.kind === "token") return "a static token in a header (compared as digests)";
  if (a.kind === "basic") return "HTTP Basic credentials (compared as digests)";
  const where = a.query ? `URL query ${a.query}=` : a.kind === "bodyField" ? `body field ${a.signatureField}` : `${a.header} header`;
  return `${a.algorithm} of ${signedContent(a)} in the ${where}`;
}

function keyKind(p) {
  const a = p.auth;
  if (a.kind === "token") return "token";
  if (a.kind === "basic") return "username:password";
  if (a.publicKey) return "public key";
  return a.public ? "secret, or public key (v1a)" : "secret";
}

function providersCommand(args) {
  const { values, positionals } = parse(args, { json: { type: "boolean" } });
  if (values.help) return print(HELP.providers);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const rows = providers.map((p) => ({ id: p.id, name: p.displayName, signed: whatIsSigned(p), key: keyKind(p) }));
  if (values.json) return print(JSON.stringify(rows, null, 2));
  const w = (k) => Math.max(...rows.map((r) => r[k].length));
  const [wi, wn, wk] = [w("id"), w("name"), w("key")];
  print(bold(`${"id".padEnd(wi)}  ${"name".padEnd(wn)}  ${"key".padEnd(wk)}  what is signed`));
  for (const r of rows) print(`${r.id.padEnd(wi)}  ${r.name.padEnd(wn)}  ${r.key.padEnd(wk)}  ${r.signed}`);
  return EXIT_OK;
}

// ---- main ----------------------------------------------------------------------------------

function print(s) {
  process.stdout.write(s + "\n");
  return EXIT_OK;
}

async function main(argv) {
  const [command, ...rest] = argv;
  switch (command) {
    case "sign":
      return signCommand(rest);
    case "verify":
      return verifyCommand(rest);
    case "providers":
      return providersCommand(rest);
    case "--version":
    case "-v":
      return print(version);
    case "--help":
    case "-h":
    case "help":
      return print(HELP.main);
    case undefined:
      process.stderr.write(HELP.main + "\n");
      return EXIT_USAGE;
    default:
      rejectArgvSecrets(argv);
      throw new UsageError(`unknown command "${command}" (sign, verify, providers)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`hookguard: ${e.message}\n(hookguard --help for usage)\n`);
    process.exitCode = EXIT_USAGE;
  },
);
