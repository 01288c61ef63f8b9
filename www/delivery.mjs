// Reading a delivery as people copy it out of request logs, and writing it back out as curl.
// Pure functions (no DOM, no verifier): the page and the Node tests share them.

/** Headers curl (or any client) computes itself; copying them would only cause trouble. */
const TRANSPORT_HEADERS = new Set([
  "host",
  "content-length",
  "connection",
  "transfer-encoding",
  "keep-alive",
  "accept-encoding",
  "expect",
]);

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const REQUEST_LINE = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/\d(?:\.\d)?)?\s*$/;
const STATUS_LINE = /^HTTP\/\d(?:\.\d)?\s+\d{3}\b/;

/**
 * Parses pasted headers. Accepted, in any mix a log might produce:
 *  - `Name: value` lines (one per line; folded continuation lines are joined),
 *  - a raw HTTP request: a request line (`POST /hook HTTP/1.1`) first, and everything after the
 *    first blank line is the body,
 *  - HTTP/2 pseudo-headers (`:method: POST`), which are skipped,
 *  - `Name<TAB>value` lines (tables copied from browser dev tools),
 *  - a JSON object `{ "Name": "value" }`, a JSON array of `[name, value]` pairs or of
 *    `{ name, value }` objects (HAR), or `{ "headers": …, "body": "…" }` as loggers write it.
 *
 * @param {string} text
 * @returns {{ headers: [string, string][], body: string | null, request: { method: string, target: string, authority?: string, scheme?: string } | null, notes: string[] }}
 *   body is null when the text held no body part; request is the request line (or the HTTP/2
 *   pseudo-headers :method, :path, :authority, :scheme) when there was one.
 */
export function parseDelivery(text) {
  const notes = [];
  const trimmed = String(text ?? "").replace(/^\uFEFF/, "").trim();
  if (trimmed === "") return { headers: [], body: null, request: null, notes };
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    let json;
    try {
      json = JSON.parse(trimmed);
    } catch {
      json = undefined;
    }
    if (json !== undefined) return fromJson(json, notes);
  }
  return fromLines(String(text).replace(/^\uFEFF/, ""), notes);
}

function fromJson(json, notes) {
  let body = null;
  let source = json;
  if (json && !Array.isArray(json) && typeof json === "object" && "headers" in json) {
    source = json.headers;
    if (typeof json.body === "string") body = json.body;
    else if (json.body != null) {
      notes.push("The body in that JSON is not a string, so its exact bytes are unknown; paste the raw body.");
    }
  }
  const headers = [];
  const push = (name, value) => {
    if (Array.isArray(value)) for (const v of value) headers.push([String(name), String(v)]);
    else if (value != null) headers.push([String(name), String(value)]);
  };
  if (Array.isArray(source)) {
    for (const item of source) {
      if (Array.isArray(item) && item.length === 2) push(item[0], item[1]);
      else if (item && typeof item === "object" && "name" in item) push(item.name, item.value);
      else notes.push(`Skipped a header entry that is neither [name, value] nor {name, value}.`);
    }
  } else if (source && typeof source === "object") {
    for (const [k, v] of Object.entries(source)) push(k, v);
  } else {
    notes.push("That JSON holds no headers.");
  }
  return { headers: headers.filter(([n]) => keep(n, notes)), body, request: null, notes };
}

function keep(name, notes) {
  if (name.startsWith(":")) return false;
  if (!TOKEN.test(name)) {
    notes.push(`Skipped "${name}": not a valid header name.`);
    return false;
  }
  return true;
}

function fromLines(text, notes) {
  // Split off the body at the first blank line, keeping its bytes exactly (CRLF or LF).
  let head = text;
  let body = null;
  const lead = text.match(/^(?:[ \t]*\r?\n)*/)[0].length; // blank lines before the headers
  const sep = /\r?\n[ \t]*\r?\n/g;
  sep.lastIndex = lead;
  const m = sep.exec(text);
  if (m) {
    head = text.slice(lead, m.index);
    // Exactly one empty line separates the parts; the rest belongs to the body.
    const afterFirstBreak = m.index + m[0].length;
    body = text.slice(afterFirstBreak);
    if (body === "") body = null;
  } else {
    head = text.slice(lead);
  }

  const headers = [];
  let request = null;
  const lines = head.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    if (i === 0 || (request === null && headers.length === 0)) {
      const r = line.trim().match(REQUEST_LINE);
      if (r && (!line.includes(":") || /\sHTTP\/\d/.test(line))) {
        request = { method: r[1], target: r[2] };
        return;
      }
      if (STATUS_LINE.test(line.trim())) {
        notes.push("That looks like a response (status line), not a request.");
        return;
      }
    }
    if (/^[ \t]/.test(line) && headers.length > 0) {
      // obs-fold: a continuation of the previous header's value.
      const last = headers[headers.length - 1];
      last[1] = `${last[1]} ${line.trim()}`;
      return;
    }
    let name;
    let value;
    const pseudo = line.match(/^\s*:([a-z]+):?\s*(.*)$/);
    if (pseudo) {
      if (["method", "path", "authority", "scheme"].includes(pseudo[1])) {
        request = request ?? { method: "", target: "" };
        if (pseudo[1] === "method") request.method = pseudo[2].trim();
        else if (pseudo[1] === "path") request.target = pseudo[2].trim();
        else request[pseudo[1]] = pseudo[2].trim();
      }
      return;
    }
    const colon = line.indexOf(":");
    const tab = line.indexOf("\t");
    if (colon > 0 && (tab < 0 || colon < tab) && TOKEN.test(line.slice(0, colon).trim())) {
      name = line.slice(0, colon).trim();
      value = line.slice(colon + 1);
    } else if (tab > 0 && TOKEN.test(line.slice(0, tab).trim())) {
      name = line.slice(0, tab).trim();
      value = line.slice(tab + 1);
    } else {
      notes.push(`Line ${i + 1} is not a header ("Name: value"), so it was skipped: ${clip(line)}`);
      return;
    }
    // Optional whitespace around a field value is not part of it (RFC 9110 §5.5).
    headers.push([name, value.replace(/^[ \t]+|[ \t]+$/g, "")]);
  });
  return { headers, body, request, notes };
}

function clip(s) {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/**
 * The full URL a pasted request was sent to: an absolute request target as it is, or the
 * origin-form target (`/path?query`) behind the Host header (or :authority). The scheme is not
 * in a request: X-Forwarded-Proto's first value, else :scheme, else the scheme of `current`
 * (the URL the page had), else https. Null when the request gives no target or no host.
 * @param {{ method: string, target: string, authority?: string, scheme?: string } | null} request
 * @param {[string, string][]} headers
 * @param {string} [current]
 * @returns {{ url: string, schemeFrom: string } | null}
 */
export function requestUrl(request, headers, current = "") {
  const target = request?.target ?? "";
  if (/^https?:\/\/\S+$/i.test(target)) return { url: target, schemeFrom: "the request line" };
  if (!target.startsWith("/")) return null;
  const host = (headerValues(headers, "host")[0] ?? request.authority ?? "").trim();
  if (!/^[^\s/?#@]+$/.test(host)) return null;
  let base = null;
  try {
    base = new URL(current);
  } catch {
    base = null;
  }
  const forwarded = (headerValues(headers, "x-forwarded-proto")[0] ?? "").split(",")[0].trim().toLowerCase();
  const pseudo = (request.scheme ?? "").toLowerCase();
  let scheme = "https";
  let schemeFrom = "a guess: the request does not say";
  if (forwarded === "http" || forwarded === "https") {
    scheme = forwarded;
    schemeFrom = "X-Forwarded-Proto";
  } else if (pseudo === "http" || pseudo === "https") {
    scheme = pseudo;
    schemeFrom = ":scheme";
  } else if (base && (base.protocol === "http:" || base.protocol === "https:")) {
    scheme = base.protocol.slice(0, -1);
    schemeFrom = "the URL the field had";
  }
  return { url: `${scheme}://${host}${target}`, schemeFrom };
}

/** The path and query of a URL as written (origin-form request target); null when it has none. */
export function requestTarget(url) {
  const m = String(url).match(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^#]*)/i);
  if (!m) return null;
  return m[1] === "" ? "/" : m[1].startsWith("/") ? m[1] : `/${m[1]}`;
}

/**
 * The URL without every query parameter named `name` (as decoded), the rest kept byte for byte
 * (no re-encoding: the URL is signed as written).
 */
export function withoutQueryParam(url, name) {
  const s = String(url);
  const hash = s.indexOf("#");
  const [head, fragment] = hash < 0 ? [s, ""] : [s.slice(0, hash), s.slice(hash)];
  const q = head.indexOf("?");
  if (q < 0) return s;
  const decode = (k) => {
    try {
      return decodeURIComponent(k.replace(/\+/g, " "));
    } catch {
      return k;
    }
  };
  const kept = head
    .slice(q + 1)
    .split("&")
    .filter((pair) => pair !== "" && decode(pair.split("=")[0]) !== name);
  return `${head.slice(0, q)}${kept.length ? `?${kept.join("&")}` : ""}${fragment}`;
}

/** The case-insensitive lookup of every value of one header. */
export function headerValues(headers, name) {
  const lower = name.toLowerCase();
  return headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
}

/** The names the providers use, in their documented spelling (sign() gives lower case). */
const SPELLING = {
  "content-type": "Content-Type",
  "user-agent": "User-Agent",
  "x-insigner-event": "X-InSigner-Event",
  "x-insigner-signature": "X-InSigner-Signature",
  "x-insigner-delivery-id": "X-InSigner-Delivery-Id",
  "x-insigner-timestamp": "X-InSigner-Timestamp",
  authorization: "Authorization",
};

/** A header name in its usual spelling: X-Custom-Token for x-custom-token. */
export function displayName(name) {
  const lower = name.toLowerCase();
  if (SPELLING[lower]) return SPELLING[lower];
  return lower.replace(/(^|-)([a-z])/g, (_, dash, c) => dash + c.toUpperCase());
}

/** Headers as `Name: value` lines, the format the page shows and accepts. */
export function formatHeaders(headers) {
  return headers.map(([n, v]) => `${n}: ${v}`).join("\n");
}

/**
 * Replaces (or appends) headers by case-insensitive name, keeping the others and their order.
 * @param {[string, string][]} headers
 * @param {Record<string, string>} updates
 */
export function mergeHeaders(headers, updates) {
  const out = headers.map(([n, v]) => [n, v]);
  for (const [name, value] of Object.entries(updates)) {
    const lower = name.toLowerCase();
    const first = out.findIndex(([n]) => n.toLowerCase() === lower);
    if (first < 0) {
      out.push([displayName(name), value]);
    } else {
      out[first][1] = value;
      for (let i = out.length - 1; i > first; i--) if (out[i][0].toLowerCase() === lower) out.splice(i, 1);
    }
  }
  return out;
}

/** A POSIX shell single-quoted word: every byte kept as is. */
export function shellQuote(s) {
  return `'${String(s).replaceAll("'", `'\\''`)}'`;
}

/**
 * A curl command that sends exactly this delivery: -H per header (transport headers left to
 * curl), the body's exact bytes with --data-binary (no @file, no newline stripping).
 * @param {{ url: string, headers: [string, string][], body: string, bodyBase64?: boolean, method?: string }} d
 *   bodyBase64: the body is given as base64 of its bytes (binary, or CR LF that a text field
 *   would lose); it is then decoded by base64 -d in the pipeline. method: default POST; a GET
 *   or HEAD with an empty body sends no body.
 */
export function curlCommand({ url, headers, body, bodyBase64 = false, method = "POST" }) {
  const m = /^[A-Z]+$/.test(method) ? method : shellQuote(method);
  const lines = [`curl -sS -i -X ${m} ${shellQuote(url)}`];
  for (const [n, v] of headers) {
    if (TRANSPORT_HEADERS.has(n.toLowerCase())) continue;
    lines.push(`  -H ${shellQuote(`${n}: ${v}`)}`);
  }
  if (body === "" && (method === "GET" || method === "HEAD")) return lines.join(" \\\n");
  if (bodyBase64) {
    lines.push("  --data-binary @-");
    return `printf %s ${shellQuote(body.replace(/\s+/g, ""))} | base64 -d |\n${lines.join(" \\\n")}`;
  }
  lines.push(`  --data-binary ${shellQuote(body)}`);
  return lines.join(" \\\n");
}

/** Base64 (standard alphabet, padding optional, whitespace ignored) to bytes; null when invalid. */
export function base64ToBytes(text) {
  const clean = String(text).replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return null;
  let bin;
  try {
    bin = atob(clean.padEnd(Math.ceil(clean.length / 4) * 4, "="));
  } catch {
    return null;
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Bytes to standard base64. */
export function bytesToBase64(bytes) {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

/**
 * Near misses worth telling the user about when a signature does not match: bodies that differ
 * from the pasted one in ways copying commonly introduces. Each is { body, what }.
 * @param {string} body
 */
export function bodyVariants(body) {
  const seen = new Set([body]);
  const out = [];
  const add = (b, what) => {
    if (!seen.has(b)) {
      seen.add(b);
      out.push({ body: b, what });
    }
  };
  add(body.replace(/\s+$/, ""), "without the trailing whitespace or newline");
  add(body.trim(), "without the leading and trailing whitespace");
  add(`${body}\n`, "with a trailing newline");
  add(body.replace(/\r?\n/g, "\r\n"), "with CR LF line endings");
  add(body.replace(/\r?\n/g, "\r\n").replace(/\s+$/, ""), "with CR LF line endings and no trailing newline");
  try {
    add(JSON.stringify(JSON.parse(body)), "as compact JSON (the sender's bytes were probably compact)");
  } catch {
    /* not JSON: nothing to compact */
  }
  return out;
}
