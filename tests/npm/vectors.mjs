// Loads the shared vectors (../shared/vectors or $HOOKGUARD_VECTORS) and ours (tests/vectors).
// A missing file throws: vectors are never skipped.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

export function loadCases() {
  const shared = process.env.HOOKGUARD_VECTORS;
  const own = process.env.HOOKGUARD_OWN_VECTORS;
  if (!shared || !own) throw new Error("HOOKGUARD_VECTORS and HOOKGUARD_OWN_VECTORS must be set (scripts/test-npm.sh sets them)");
  const files = ["insigner.json", "inspakt.json"].map((f) => join(shared, f));
  for (const f of readdirSync(own).sort()) if (f.endsWith(".json")) files.push(join(own, f));
  // One file per provider (tests/vectors/providers/<id>.json), each picked up on its own.
  const providers = join(own, "providers");
  for (const f of readdirSync(providers).sort()) if (f.endsWith(".json")) files.push(join(providers, f));
  const cases = [];
  for (const file of files) {
    const doc = JSON.parse(readFileSync(file, "utf8"));
    for (const c of doc.cases) {
      const bytes = Uint8Array.from(atob(c.body_base64), (ch) => ch.charCodeAt(0));
      const parts = file.split("/");
      const name = parts.at(-2) === "providers" ? `providers/${parts.at(-1)}` : parts.at(-1);
      cases.push({ ...c, file: name, bytes });
    }
  }
  return cases;
}

// What a case gives through an entry: "hookguard/verify", the verifier alone, has no custom
// scheme descriptors, so each custom case there is invalid_config (with the message saying where
// they are); every other case gives what its vectors file says, through either entry.
export const CUSTOM_NOT_IN_VERIFY = 'options: provider "custom" (scheme descriptors) is not in hookguard/verify, the verifier alone: import it from "hookguard"';
export function expectedFor(c, verifierAlone) {
  if (verifierAlone && c.options.provider === "custom" && c.options.scheme !== undefined) return { ok: false, code: "invalid_config" };
  // Nor the public-key verifiers (Ed25519, P-256): a publicKey is refused there.
  if (verifierAlone && c.options.publicKey !== undefined) return { ok: false, code: "invalid_config" };
  return c.expect.ok
    ? { ok: true, event: c.expect.event, id: c.expect.id, timestamp: c.expect.timestamp, keyIndex: c.expect.keyIndex, acknowledgement: c.expect.acknowledgement ?? null }
    : { ok: false, code: c.expect.code };
}

// The providers' handshake cases (each vectors file's "handshakes" list): verifier.handshake(headers,
// body, { now, method, url }), expecting a response, null, or an error code.
export function loadHandshakes() {
  const own = process.env.HOOKGUARD_OWN_VECTORS;
  if (!own) throw new Error("HOOKGUARD_OWN_VECTORS must be set (scripts/test-npm.sh sets it)");
  const providers = join(own, "providers");
  const cases = [];
  for (const f of readdirSync(providers).sort()) {
    if (!f.endsWith(".json")) continue;
    const doc = JSON.parse(readFileSync(join(providers, f), "utf8"));
    for (const c of doc.handshakes ?? []) {
      const bytes = Uint8Array.from(atob(c.body_base64), (ch) => ch.charCodeAt(0));
      cases.push({ ...c, file: `providers/${f}`, bytes });
    }
  }
  return cases;
}

// Runs one handshake case; returns a comparable outcome.
export function handshakeOutcome(api, c, headers, body) {
  try {
    const response = new api.Verifier(c.options).handshake(headers, body, { now: c.now, method: c.method, url: c.url });
    return { ok: true, response };
  } catch (e) {
    if (!(e instanceof api.WebhookError)) return { ok: false, code: `not a WebhookError: ${e}` };
    return { ok: false, code: e.code };
  }
}

// Values the fetch Headers API refuses to hold (NUL, CR, LF): such a delivery cannot arrive as
// a Headers object at all, so that shape is checked to be refused instead.
export const HEADERS_REFUSE = /[\0\r\n]/;
// Control characters HTTP cannot carry in a field value (the Headers API accepts some of them,
// then the request fails on the wire).
export const UNSENDABLE = /[\0-\x08\x0a-\x1f\x7f]/;

// The header shapes a user may pass.
export function headerForms(h) {
  const pairs = Object.entries(h);
  const forms = { object: h, pairs, map: new Map(pairs) };
  if (pairs.some(([, v]) => HEADERS_REFUSE.test(v))) {
    let refused = false;
    try {
      new Headers(pairs);
    } catch (e) {
      refused = e instanceof TypeError;
    }
    if (!refused) throw new Error("expected the Headers API to refuse a NUL/CR/LF value");
  } else {
    forms.headers = new Headers(pairs);
  }
  return forms;
}

// Runs one case; returns a comparable outcome.
export function outcome(api, c, headers, body, { oneShot = false } = {}) {
  try {
    // The call options url and method, where the provider signs the request (Twilio, ...).
    const opts = { now: c.now };
    if (c.url !== undefined) opts.url = c.url;
    if (c.method !== undefined) opts.method = c.method;
    const r = oneShot
      ? api.verify(c.options, headers, body, opts)
      : new api.Verifier(c.options).verify(headers, body, opts);
    return { ok: true, event: r.event, id: r.id, timestamp: r.timestamp, keyIndex: r.keyIndex, acknowledgement: r.acknowledgement };
  } catch (e) {
    if (!(e instanceof api.WebhookError)) return { ok: false, code: `not a WebhookError: ${e}` };
    return { ok: false, code: e.code };
  }
}
