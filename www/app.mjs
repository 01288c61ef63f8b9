// The playground: verify, sign and explain inSigner and Inspakt deliveries in the browser, with
// the web build of the npm package (www/pkg/, copied there by scripts/build-www.sh).
// Nothing typed here is sent anywhere: the page makes no requests besides its own files.

import {
  base64ToBytes,
  bodyVariants,
  bytesToBase64,
  curlCommand,
  displayName,
  formatHeaders,
  headerValues,
  mergeHeaders,
  parseDelivery,
} from "./delivery.mjs";

// Defaults match the local worker (scripts/dev.sh: wrangler.toml's routes on port 8787 and the
// demo secrets of .dev.vars.example), so a generated sample copied as curl is accepted as is.
// The playground tests fail if these drift from those files.
const DEFAULTS = {
  insigner: {
    secrets: "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07",
    url: "http://127.0.0.1:8787/hooks/insigner",
  },
  inspakt: {
    secrets: "tok_4b1d9f0e6a2c8e7d5f3a1b9c",
    header: "X-Inspakt-Webhook-Token",
    url: "http://127.0.0.1:8787/hooks/inspakt",
  },
};

const CHECK_TITLES = {
  body: "Body size",
  signature: "Signature",
  token: "Token header",
  timestamp: "Timestamp freshness",
  envelope: "Envelope (JSON body)",
  consistency: "Headers agree with the signed body",
  event: "Event type",
  headers: "Headers",
};

const $ = (id) => document.getElementById(id);

let hg;
try {
  hg = await import("./pkg/web/index.mjs");
} catch (e) {
  const box = $("load-error");
  box.textContent =
    "The verifier could not be loaded, so nothing can be checked. If you are running the page " +
    `yourself, build it with scripts/build-www.sh. (${e && e.message ? e.message : e})`;
  box.hidden = false;
  document.querySelectorAll("main button").forEach((b) => (b.disabled = true));
}
if (hg) start(hg);

function start({ Verifier, sign, providers, errorCodes, WebhookError, version }) {
  const descriptors = Object.fromEntries(providers.map((p) => [p.id, p]));
  const codeInfo = Object.fromEntries(errorCodes.map((c) => [c.code, c]));
  // What was typed per provider, so switching back and forth keeps it.
  const perProvider = {
    insigner: { secrets: DEFAULTS.insigner.secrets, header: "", url: DEFAULTS.insigner.url, event: "" },
    inspakt: { secrets: DEFAULTS.inspakt.secrets, header: DEFAULTS.inspakt.header, url: DEFAULTS.inspakt.url, event: "" },
  };
  // A browser restoring the form after a reload may have checked the other provider.
  let provider = document.querySelector('input[name="provider"]:checked')?.value ?? "insigner";
  let live = false; // after the first Verify, edits re-run it
  let lastVerdict = "";

  const el = {
    secrets: $("secrets"),
    secretsLabel: $("secrets-label"),
    secretsHint: $("secrets-hint"),
    headerField: $("header-field"),
    headerName: $("header-name"),
    timeRow: $("time-row"),
    tolerance: $("tolerance"),
    toleranceHint: $("tolerance-hint"),
    now: $("now"),
    nowHuman: $("now-human"),
    events: $("events"),
    event: $("event"),
    eventDescription: $("event-description"),
    headers: $("headers"),
    body: $("body"),
    bodyEncoding: $("body-encoding"),
    notes: $("notes"),
    verdict: $("verdict"),
    steps: $("steps"),
    verified: $("verified"),
    curlUrl: $("curl-url"),
    curl: $("curl-command"),
    copyStatus: $("copy-status"),
  };

  $("version").textContent = version;
  $("codes-body").replaceChildren(
    ...errorCodes.map((c) => h("tr", {}, h("td", {}, c.code), h("td", {}, String(c.status)), h("td", {}, c.description))),
  );

  // ---- provider ------------------------------------------------------------------------------

  function saveProvider() {
    const s = perProvider[provider];
    s.secrets = el.secrets.value;
    s.url = el.curlUrl.value;
    s.event = el.event.value;
    if (provider === "inspakt") s.header = el.headerName.value;
  }

  function loadProvider(id) {
    provider = id;
    const d = descriptors[id];
    const s = perProvider[id];
    const token = d.auth.kind === "token";
    el.secrets.value = s.secrets;
    el.secretsLabel.textContent = token ? "Tokens" : "Signing secrets";
    el.secretsHint.textContent = token
      ? "The header value exactly as set in Inspakt's panel. One per line while changing it: any may match. Prefilled: the local worker's demo token."
      : "The webhook's 64-character secret, used as text (not hex-decoded). One per line while rotating: any may match. Prefilled: the local worker's demo secret.";
    el.headerField.hidden = !token;
    el.headerName.value = s.header;
    // Inspakt sends no timestamp: no tolerance, and no "now" to check against.
    el.timeRow.hidden = !d.timestamp;
    if (d.timestamp) {
      el.tolerance.value = String(d.timestamp.defaultTolerance);
      el.toleranceHint.textContent = `Default ${d.timestamp.defaultTolerance} s. Retries come up to ~2.5 days later.`;
    }
    el.event.replaceChildren(...d.events.map((e) => h("option", { value: e.name }, e.name)));
    if (s.event) el.event.value = s.event;
    showEventDescription();
    el.curlUrl.value = s.url;
    el.headers.placeholder = token
      ? `Content-Type: application/json\n${s.header || d.auth.defaultHeader}: …`
      : "X-InSigner-Signature: sha256=…\nX-InSigner-Timestamp: 1780065000\nX-InSigner-Event: document.completed\nX-InSigner-Delivery-Id: dlv_…";
    el.body.placeholder = token
      ? '{"webhookId":"whk_…","teamId":"team_…","event":"envelope.sent","data":{…}}'
      : '{"id":"dlv_…","event":"document.completed","api_version":"2026-05-28",…}';
    updateNowHuman();
    updateCurl();
  }

  function showEventDescription() {
    const e = descriptors[provider].events.find((x) => x.name === el.event.value);
    el.eventDescription.textContent = e ? e.description : "";
  }

  for (const radio of document.querySelectorAll('input[name="provider"]')) {
    radio.addEventListener("change", () => {
      if (!radio.checked) return;
      saveProvider();
      loadProvider(radio.value);
      live = false;
      clearResult(
        "Provider changed",
        `Now checking as ${descriptors[provider].displayName}. Press Verify, or generate a sample.`,
      );
    });
  }
  el.event.addEventListener("change", showEventDescription);

  // ---- reading the form -----------------------------------------------------------------------

  function secrets() {
    return el.secrets.value
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter((s) => s !== "");
  }

  function tokenHeader() {
    return el.headerName.value.trim() || descriptors.inspakt.auth.defaultHeader;
  }

  function fixedNow() {
    const t = el.now.value.trim();
    if (t === "") return null;
    if (!/^\d+$/.test(t)) return NaN;
    return Number(t);
  }

  function currentNow() {
    const f = fixedNow();
    return f === null ? Math.floor(Date.now() / 1000) : f;
  }

  function updateNowHuman() {
    const f = fixedNow();
    if (Number.isNaN(f)) {
      el.nowHuman.textContent = "Not a number of seconds: checking uses the current time.";
    } else if (f === null) {
      el.nowHuman.textContent = `Live clock: ${isoSeconds(Date.now() / 1000)}`;
    } else {
      el.nowHuman.textContent = `Fixed: ${isoSeconds(f)}`;
    }
  }

  // The delivery as typed: headers (the headers field may also hold a whole request, whose body
  // then counts as the body when the body field is empty) and the body's exact bytes.
  function readDelivery() {
    const parsed = parseDelivery(el.headers.value);
    const notes = [...parsed.notes];
    let bodyText = el.body.value;
    if (parsed.body !== null) {
      if (bodyText === "") bodyText = parsed.body;
      else notes.push("The headers field also holds a body (after a blank line); the Body field is used instead.");
    }
    let bytes;
    const base64 = el.bodyEncoding.value === "base64";
    if (base64) {
      bytes = base64ToBytes(bodyText);
      if (bytes === null) notes.push("The body is not valid base64; checking its text instead.");
    }
    return { headers: parsed.headers, request: parsed.request, bodyText, bytes: bytes ?? bodyText, base64: base64 && bytes !== null, notes };
  }

  // A whole request pasted into one field: headers to the headers field, body to the body field.
  function splitPastedRequest() {
    if (el.headers.value.trim() === "" && /^[A-Z]+ \S+ HTTP\/\d/.test(el.body.value.trimStart())) {
      el.headers.value = el.body.value;
      el.body.value = "";
    }
    const parsed = parseDelivery(el.headers.value);
    if (parsed.body === null || el.body.value !== "") return false;
    const lines = formatHeaders(parsed.headers);
    const req = parsed.request && parsed.request.method ? `${parsed.request.method} ${parsed.request.target} HTTP/1.1\n` : "";
    el.headers.value = req + lines;
    el.body.value = parsed.body;
    el.bodyEncoding.value = "text";
    showNotes(["Found a body after the headers: moved it to the Body field."]);
    return true;
  }

  function showNotes(notes) {
    el.notes.hidden = notes.length === 0;
    el.notes.replaceChildren(...notes.flatMap((n, i) => (i ? [h("br"), n] : [n])));
  }

  function options() {
    const o = { provider, secret: secrets() };
    const d = descriptors[provider];
    if (d.timestamp) {
      const t = el.tolerance.value.trim();
      if (t !== "") o.toleranceSeconds = Number(t);
    }
    if (d.auth.kind === "token") o.header = tokenHeader();
    const ev = el.events.value.split(",").map((s) => s.trim()).filter(Boolean);
    if (ev.length) o.events = ev;
    return o;
  }

  // ---- verify ---------------------------------------------------------------------------------

  function verifyNow() {
    live = true;
    const delivery = readDelivery();
    showNotes(delivery.notes);
    const now = currentNow();
    const opts = options();

    if (opts.secret.length === 0) {
      return renderConfigError(
        descriptors[provider].auth.kind === "token"
          ? "Enter the token Inspakt is configured to send."
          : "Enter the webhook's signing secret.",
      );
    }
    let verifier;
    try {
      verifier = new Verifier(opts);
    } catch (e) {
      return renderConfigError(e instanceof WebhookError ? e.message : String(e));
    }
    try {
      let report;
      try {
        report = verifier.explain(delivery.headers, delivery.bytes, { now, revealExpected: true });
      } catch (e) {
        if (!(e instanceof WebhookError)) throw e;
        // Rejected before any check ran (a required header given twice): one failed step.
        report = { code: e.code, steps: [{ check: "headers", status: "fail", code: e.code, detail: e.message }] };
      }
      let result = null;
      if (report.code === null) result = verifier.verify(delivery.headers, delivery.bytes, { now });
      render(report, result, { delivery, verifier, now, opts });
    } finally {
      verifier.free();
    }
  }

  function clearResult(title, sub) {
    setVerdict("empty", [title], sub);
    el.steps.replaceChildren();
    el.verified.hidden = true;
  }

  function renderConfigError(message) {
    setVerdict("bad", ["Settings incomplete", pill("invalid_config")], message);
    el.steps.replaceChildren();
    el.verified.hidden = true;
  }

  function setVerdict(kind, titleParts, sub) {
    el.verdict.className = `verdict ${kind}`;
    el.verdict.dataset.code = kind === "ok" ? "" : (titleParts.find((p) => p && p.dataset)?.dataset.code ?? "");
    const key = `${kind}|${el.verdict.dataset.code}|${sub}`;
    // Re-rendering the same verdict would make screen readers repeat it on every keystroke.
    if (key === lastVerdict) return;
    lastVerdict = key;
    el.verdict.replaceChildren(h("p", { class: "verdict-title" }, ...titleParts), h("p", { class: "verdict-sub" }, sub));
  }

  function render(report, result, ctx) {
    const d = descriptors[provider];
    if (report.code === null) {
      const which = secrets().length > 1 ? `, matched the ${ordinal(result.keyIndex)} of ${secrets().length} ${d.auth.kind === "token" ? "tokens" : "secrets"}` : "";
      setVerdict(
        "ok",
        ["✓ Valid delivery"],
        `${d.displayName} ${result.event}${result.id ? ` · id ${result.id}` : ""}${which}. Every check passed; the worker would accept and forward it.`,
      );
    } else {
      const info = codeInfo[report.code];
      const failed = report.steps.find((s) => s.code === report.code) ?? report.steps.find((s) => s.status === "fail");
      setVerdict(
        "bad",
        ["✗ Rejected", pill(report.code)],
        `${failed ? `${CHECK_TITLES[failed.check] ?? failed.check}: ` : ""}${info ? info.description : report.code}. The worker would answer HTTP ${info ? info.status : 500}.`,
      );
    }
    el.steps.replaceChildren(...report.steps.map((s) => renderStep(untangle(s, ctx), ctx, result)));
    renderVerified(result);
  }

  // explain() marks the signature step failed when another required header (the timestamp) is
  // missing, even though the signature matches. Show the signature's own outcome; the missing
  // header stays failed in its own step, and the final code is unchanged.
  function untangle(step, ctx) {
    if (step.check !== "signature" || step.status !== "fail" || step.code !== "missing_header") return step;
    const d = descriptors[provider];
    if (step.detail.toLowerCase().includes(d.auth.header)) return step;
    const received = headerValues(ctx.delivery.headers, d.auth.header);
    const norm = (s) => (d.auth.encoding === "hex" ? s.trim().toLowerCase() : s.trim());
    const i = (step.expected ?? []).findIndex((e) => received.length === 1 && norm(e) === norm(received[0]));
    if (i < 0) return step;
    return { ...step, status: "pass", code: null, detail: `HMAC-SHA256 matches secret #${i} (0-based)` };
  }

  function stepTitle(check) {
    if (check === "signature") return `Signature (${displayName(descriptors[provider].auth.header)})`;
    if (check === "token") return `Token header (${displayName(tokenHeader())})`;
    return CHECK_TITLES[check] ?? check;
  }

  function renderStep(step, ctx, result) {
    const status = { pass: "Passed", fail: "Failed", skip: "Skipped" }[step.status] ?? step.status;
    const icon = { pass: "✓", fail: "✗", skip: "–" }[step.status] ?? "?";
    const extra = stepExtra(step, ctx, result);
    return h(
      "li",
      { class: "step", "data-check": step.check, "data-status": step.status, "data-code": step.code ?? "" },
      h("span", { class: "icon", "aria-hidden": "true" }, icon),
      h(
        "div",
        { class: "step-head" },
        h("span", { class: "step-title" }, stepTitle(step.check)),
        h("span", { class: "step-status" }, step.code ? `${status}: ` : status, step.code ? h("code", {}, step.code) : ""),
      ),
      h("p", { class: "step-detail" }, capitalise(friendlyDetail(step))),
      extra.length ? h("div", { class: "step-extra" }, ...extra) : "",
    );
  }

  // The package's detail, with its internal numbering turned into what the user typed.
  function friendlyDetail(step) {
    const m = step.status === "pass" ? step.detail.match(/(secret|token) #(\d+) \(0-based\)/) : null;
    if (!m) return step.detail;
    const i = Number(m[2]);
    return step.detail.replace(m[0], `the ${ordinal(i)} ${m[1]} (line ${i + 1})`);
  }

  function stepExtra(step, ctx, result) {
    switch (step.check) {
      case "signature":
        return signatureExtra(step, ctx);
      case "token":
        return tokenExtra(step, ctx);
      case "timestamp":
        return timestampExtra(step, ctx);
      case "consistency":
        return consistencyExtra(step, ctx);
      case "event":
        return step.status === "fail"
          ? [tip(`Allowed here: ${ctx.opts.events.join(", ")}. Add the event to the allow-list (the route's "events") or leave it empty.`)]
          : [];
      case "envelope":
        return step.status === "fail"
          ? [tip(provider === "insigner"
              ? "inSigner sends {id, event, api_version, created_at, data} as JSON."
              : "Inspakt sends {webhookId, teamId, event, data} as JSON.")]
          : [];
      case "body":
        return ctx.delivery.bodyText === "" ? [tip("The body is empty: paste the raw request body.")] : [];
      default:
        return [];
    }
  }

  function signatureExtra(step, ctx) {
    const d = descriptors[provider];
    const received = headerValues(ctx.delivery.headers, d.auth.header);
    const expected = step.expected ?? [];
    const norm = (s) => (d.auth.encoding === "hex" ? s.trim().toLowerCase() : s.trim());
    const rows = [["Received", received.length ? code(received.join(", ")) : h("em", {}, "no header")]];
    expected.forEach((value, i) => {
      const same = received.length === 1 && norm(received[0]) === norm(value);
      rows.push([
        expected.length > 1 ? `Expected with secret ${i + 1}` : "Expected",
        h("span", {}, code(value), " ", same ? h("span", { class: "match" }, "✓ matches") : received.length ? h("span", { class: "differs" }, "≠ differs") : ""),
      ]);
    });
    const out = [kv(rows)];
    if (step.status === "fail" && step.code === "signature_mismatch") {
      const near = nearMisses(ctx);
      if (near) out.push(tip(`The signature matches the body ${near}: the body was changed while copying. Verify the exact bytes (base64 keeps CR LF).`));
      else
        out.push(
          tip(
            "Either the secret is not this webhook's (each inSigner webhook has its own; after re-creating one, the secret changes) " +
              "or the body is not byte-for-byte what was sent (parsed and re-serialised JSON never matches).",
          ),
        );
    }
    if (step.code === "missing_header") out.push(tip(`Add the ${displayName(d.auth.header)} header from the request log.`));
    return out;
  }

  // A common copying accident that explains a mismatch: which body variant would match?
  function nearMisses(ctx) {
    if (ctx.delivery.base64) return null;
    const v = new Verifier({ ...ctx.opts, events: undefined });
    try {
      for (const variant of bodyVariants(ctx.delivery.bodyText)) {
        const r = v.explain(ctx.delivery.headers, variant.body, { now: ctx.now });
        if (r.steps.some((s) => s.check === "signature" && s.status === "pass")) return variant.what;
      }
    } catch {
      /* nothing to suggest */
    } finally {
      v.free();
    }
    return null;
  }

  function tokenExtra(step, ctx) {
    const name = tokenHeader();
    const received = headerValues(ctx.delivery.headers, name);
    const tokens = secrets();
    const rows = [["Reads", code(displayName(name))]];
    if (received.length) rows.push(["Received", code(received.join(", "))]);
    const out = [kv(rows)];
    if (step.status !== "fail") return out;
    if (step.code === "missing_header") {
      // The token may be there under another name than the one configured.
      const elsewhere = ctx.delivery.headers.find(([, v]) => tokens.includes(v.trim()));
      if (elsewhere) {
        out.push(tipWithAction(`The token is in the ${displayName(elsewhere[0])} header.`, `Read ${displayName(elsewhere[0])}`, () => {
          el.headerName.value = displayName(elsewhere[0]);
          verifyNow();
        }));
      } else {
        const names = ctx.delivery.headers.map(([n]) => displayName(n));
        out.push(tip(names.length ? `Headers present: ${names.join(", ")}. Set the header name to the one chosen in Inspakt's panel.` : "No headers were given."));
      }
    } else if (step.code === "token_mismatch" && received.length === 1) {
      const r = received[0];
      if (tokens.includes(r.trim())) out.push(tip("The value matches once the surrounding spaces are removed: the sender adds spaces the token does not have."));
      else if (/^bearer\s+/i.test(r) && tokens.includes(r.replace(/^bearer\s+/i, ""))) {
        out.push(tip(`The header carries "${r.split(/\s/)[0]} " before the token. Inspakt sends the value exactly as typed in its panel: configure the token with that prefix, or remove it there.`));
      } else if (tokens.some((t) => t.toLowerCase() === r.toLowerCase())) {
        out.push(tip("The value differs only in upper/lower case: tokens are compared exactly."));
      } else {
        out.push(tip(`The received value (${r.length} characters) is none of the ${tokens.length} configured token${tokens.length > 1 ? "s" : ""} (${tokens.map((t) => t.length).join(", ")} characters).`));
      }
    }
    return out;
  }

  function timestampExtra(step, ctx) {
    const d = descriptors[provider];
    if (!d.timestamp) return [];
    const raw = headerValues(ctx.delivery.headers, d.timestamp.header);
    const rows = [];
    const ts = raw.length === 1 && /^\d+$/.test(raw[0].trim()) ? Number(raw[0].trim()) : null;
    rows.push([displayName(d.timestamp.header), raw.length ? h("span", {}, code(raw.join(", ")), ts !== null ? ` (${isoSeconds(ts)})` : "") : h("em", {}, "no header")]);
    rows.push([fixedNow() === null ? "Now" : "Checked as of", `${ctx.now} (${isoSeconds(ctx.now)})`]);
    if (ts !== null) {
      const age = ctx.now - ts;
      rows.push(["Age", age >= 0 ? `${duration(age)} old` : `${duration(-age)} in the future`]);
    }
    rows.push(["Tolerance", `± ${duration(ctx.opts.toleranceSeconds ?? d.timestamp.defaultTolerance)}`]);
    const out = [kv(rows)];
    if (step.status === "fail" && ts !== null && (step.code === "timestamp_too_old" || step.code === "timestamp_in_future")) {
      out.push(tipWithAction(
        step.code === "timestamp_too_old"
          ? "A replayed or retried delivery keeps its old timestamp. To debug the rest, check it as of the time it was sent."
          : "The sender's clock is ahead of this one, or “now” is set in the past.",
        "Check as of the delivery's time",
        () => {
          el.now.value = String(ts);
          updateNowHuman();
          verifyNow();
        },
      ));
    }
    return out;
  }

  function consistencyExtra(step, ctx) {
    const d = descriptors[provider];
    if (!d.crossChecks.length) return [];
    let payload = null;
    try {
      payload = JSON.parse(ctx.delivery.base64 ? new TextDecoder().decode(ctx.delivery.bytes) : ctx.delivery.bodyText);
    } catch {
      return [];
    }
    const rows = [];
    for (const c of d.crossChecks) {
      const hv = headerValues(ctx.delivery.headers, c.header);
      const bv = payload && typeof payload === "object" ? payload[c.field] : undefined;
      const same = hv.length === 1 && hv[0] === bv;
      const bodyText = bv === undefined ? "absent" : typeof bv === "string" ? bv : JSON.stringify(bv);
      rows.push([
        displayName(c.header),
        h(
          "span",
          {},
          hv.length ? code(hv.join(", ")) : h("em", {}, "absent"),
          " ",
          same
            ? h("span", { class: "match" }, `✓ same as the body's "${c.field}"`)
            : h("span", { class: "differs" }, `≠ the body's "${c.field}" is `),
          same ? "" : bv === undefined ? h("em", {}, "absent") : code(bodyText),
        ),
      ]);
    }
    return [kv(rows)];
  }

  function renderVerified(result) {
    if (!result) {
      el.verified.hidden = true;
      el.verified.replaceChildren();
      return;
    }
    const rows = [
      ["Event", code(result.event)],
      ["Id", result.id === null ? h("em", {}, "none (Inspakt sends no id)") : code(result.id)],
      ["Timestamp", result.timestamp === null ? h("em", {}, "none") : `${result.timestamp} (${isoSeconds(result.timestamp)})`],
      [descriptors[provider].auth.kind === "token" ? "Token used" : "Secret used", `line ${result.keyIndex + 1} (keyIndex ${result.keyIndex})`],
      ["Dedupe key", result.dedupeKey === null ? h("em", {}, "none: replays cannot be told apart") : code(result.dedupeKey)],
    ];
    el.verified.replaceChildren(
      h("h3", {}, "Verified event"),
      kv(rows),
      h("details", { class: "payload" }, h("summary", {}, "Payload"), h("pre", { class: "code", tabindex: "0" }, JSON.stringify(result.payload, null, 2))),
    );
    el.verified.hidden = false;
  }

  // ---- sign -----------------------------------------------------------------------------------

  function signingSecret() {
    const s = secrets();
    if (s.length === 0) {
      renderConfigError(provider === "inspakt" ? "Enter a token first: the sample carries it." : "Enter a secret first: the sample is signed with it.");
      el.secrets.focus();
      return null;
    }
    return s[0];
  }

  function signOptions(extra) {
    const o = { provider, secret: extra.secret, timestamp: currentNow(), ...extra };
    if (provider === "inspakt") o.header = tokenHeader();
    else delete o.header;
    return o;
  }

  function generate() {
    const secret = signingSecret();
    if (secret === null) return;
    let signed;
    try {
      signed = sign(signOptions({ secret, event: el.event.value }));
    } catch (e) {
      return renderConfigError(e.message);
    }
    el.headers.value = formatHeaders(Object.entries(signed.headers).map(([n, v]) => [displayName(n), v]));
    el.body.value = signed.body;
    el.bodyEncoding.value = "text";
    verifyNow();
    updateCurl();
  }

  function resign() {
    const secret = signingSecret();
    if (secret === null) return;
    const delivery = readDelivery();
    if (delivery.bodyText === "") {
      renderConfigError("There is no body to sign: paste one or generate a sample.");
      return;
    }
    let signed;
    try {
      signed = sign(signOptions({ secret, body: delivery.bytes }));
    } catch (e) {
      return renderConfigError(e.message);
    }
    let headers = delivery.headers;
    if (provider === "inspakt") {
      // A configured token under another header name (the name was changed): the header
      // configured now replaces it.
      const name = tokenHeader().toLowerCase();
      const tokens = secrets();
      headers = headers.filter(([n, v]) => n.toLowerCase() === name || !tokens.includes(v.trim()));
    }
    const req = delivery.request && delivery.request.method ? `${delivery.request.method} ${delivery.request.target} HTTP/1.1\n` : "";
    el.headers.value = req + formatHeaders(mergeHeaders(headers, signed.headers));
    if (el.body.value === "") el.body.value = delivery.base64 ? bytesToBase64(delivery.bytes) : delivery.bodyText;
    verifyNow();
    updateCurl();
  }

  function formatJson() {
    const delivery = readDelivery();
    try {
      const text = delivery.base64 ? new TextDecoder("utf-8", { fatal: true }).decode(delivery.bytes) : delivery.bodyText;
      el.body.value = JSON.stringify(JSON.parse(text), null, 2);
      el.bodyEncoding.value = "text";
      if (live) verifyNow();
      updateCurl();
      showNotes(["Re-formatted the body: its bytes changed, so the old signature no longer matches. Press Re-sign to sign the new bytes."]);
    } catch (e) {
      showNotes([`The body is not JSON, so it was left as it is (${e.message}).`]);
    }
  }

  // ---- curl -----------------------------------------------------------------------------------

  function updateCurl() {
    const delivery = readDelivery();
    const url = el.curlUrl.value.trim() || perProvider[provider].url;
    if (delivery.headers.length === 0 && delivery.bodyText === "") {
      el.curl.textContent = "# Paste or generate a delivery first.";
      return;
    }
    el.curl.textContent = curlCommand({
      url,
      headers: delivery.headers,
      body: delivery.base64 ? bytesToBase64(delivery.bytes) : delivery.bodyText,
      bodyBase64: delivery.base64,
    });
  }

  async function copyCurl() {
    updateCurl();
    const text = el.curl.textContent;
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      // Clipboard API refused (no permission, insecure context): select the text instead.
      const range = document.createRange();
      range.selectNodeContents(el.curl);
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      try {
        ok = document.execCommand("copy");
      } catch {
        ok = false;
      }
    }
    el.copyStatus.textContent = ok
      ? "Copied. Run it in a terminal while the worker runs (npm run dev)."
      : "Copying was refused by the browser: the command is selected, press Ctrl+C.";
  }

  // ---- wiring ---------------------------------------------------------------------------------

  let timer = 0;
  function changed() {
    clearTimeout(timer);
    timer = setTimeout(() => {
      updateCurl();
      if (live) verifyNow();
    }, 250);
  }

  $("verify").addEventListener("click", () => {
    splitPastedRequest();
    verifyNow();
    updateCurl();
    // On a phone the result is below the fields: bring it into view.
    if (matchMedia("(max-width: 900px)").matches) $("result").scrollIntoView({ block: "start" });
  });
  $("generate").addEventListener("click", generate);
  $("resign").addEventListener("click", resign);
  $("format-json").addEventListener("click", formatJson);
  $("copy-curl").addEventListener("click", copyCurl);
  $("now-live").addEventListener("click", () => {
    el.now.value = "";
    updateNowHuman();
    changed();
  });
  $("now-delivery").addEventListener("click", () => {
    const d = descriptors[provider];
    const ts = d.timestamp ? headerValues(readDelivery().headers, d.timestamp.header)[0] : undefined;
    if (ts && /^\d+$/.test(ts.trim())) {
      el.now.value = ts.trim();
      showNotes([]);
    } else {
      showNotes([d.timestamp ? `The delivery has no ${displayName(d.timestamp.header)} header to take the time from.` : `${d.displayName} sends no timestamp.`]);
    }
    updateNowHuman();
    changed();
  });
  for (const field of [el.headers, el.body]) {
    field.addEventListener("paste", () => setTimeout(() => {
      if (splitPastedRequest()) changed();
    }, 0));
  }
  el.now.addEventListener("input", updateNowHuman);
  for (const input of [el.secrets, el.headerName, el.tolerance, el.now, el.events, el.headers, el.body, el.bodyEncoding, el.curlUrl]) {
    input.addEventListener("input", changed);
  }
  document.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      splitPastedRequest();
      verifyNow();
      updateCurl();
    }
  });
  setInterval(() => {
    if (fixedNow() === null) updateNowHuman();
  }, 1000);

  loadProvider(provider);
  document.documentElement.dataset.ready = "true";
}

// ---- small helpers ----------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) node.setAttribute(k, v);
  for (const c of children) if (c !== "" && c != null) node.append(c);
  return node;
}

function code(text) {
  return h("code", {}, String(text));
}

function pill(c) {
  const p = h("span", { class: "code-pill" }, c);
  p.dataset.code = c;
  return p;
}

function kv(rows) {
  return h("dl", { class: "kv" }, ...rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

function tip(text) {
  return h("p", { class: "tip" }, text);
}

function tipWithAction(text, label, action) {
  const b = h("button", { type: "button" }, label);
  b.addEventListener("click", action);
  return h("p", { class: "tip" }, text, " ", b);
}

function isoSeconds(s) {
  const d = new Date(Math.floor(s) * 1000);
  return Number.isNaN(d.getTime()) ? "invalid date" : d.toISOString().replace(".000Z", "Z").replace("T", " ").replace("Z", " UTC");
}

function duration(s) {
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min (${s} s)`;
  if (s < 172800) return `${(s / 3600).toFixed(1)} h (${s} s)`;
  return `${(s / 86400).toFixed(1)} days (${s} s)`;
}

function ordinal(i) {
  return ["first", "second", "third", "fourth", "fifth"][i] ?? `#${i + 1}`;
}

function capitalise(s) {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
