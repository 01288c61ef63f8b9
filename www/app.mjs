// The playground: verify, sign and explain deliveries of every provider the package knows, in
// the browser, with the web build of the npm package (www/pkg/, copied there by
// scripts/build-www.sh). Everything per provider comes from the package's descriptors
// (`providers`): the page names no provider in its code besides the local worker's demo routes.
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
  requestTarget,
  requestUrl,
  withoutQueryParam,
} from "./delivery.mjs";

// The local worker's demo routes (scripts/dev.sh: wrangler.toml's ROUTES on port 8787 and the
// demo secrets of .dev.vars.example), so a generated sample copied as curl is accepted as is.
// This is demo configuration, not the provider list: a provider without a route here gets a
// made-up secret of the right shape (demoSecret). The playground tests fail if these drift
// from those files, or if wrangler.toml gains a route this table lacks.
const DEMO_ROUTES = {
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
  event_age: "Event age",
  signature: "Signature",
  token: "Token header",
  timestamp: "Timestamp freshness",
  envelope: "Envelope (JSON body)",
  consistency: "Headers agree with the signed body",
  event: "Event type",
  headers: "Headers",
  handshake: "Endpoint check",
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

function start({ Verifier, sign, generateKeyPair, providers, errorCodes, WebhookError, version }) {
  const descriptors = Object.fromEntries(providers.map((p) => [p.id, p]));
  const codeInfo = Object.fromEntries(errorCodes.map((c) => [c.code, c]));
  // What was typed per provider, so switching back and forth keeps it (in memory only: the
  // page stores nothing).
  const perProvider = {};
  const settingsOf = (id) => (perProvider[id] ??= initialSettings(descriptors[id]));
  let provider = linkedProvider() ?? providers[0]?.id;
  let live = false; // after the first Verify, edits re-run it
  let lastVerdict = "";

  const el = {
    provider: $("provider"),
    providerList: $("provider-list"),
    providerCount: $("provider-count"),
    providerSummary: $("provider-summary"),
    secrets: $("secrets"),
    secretsLabel: $("secrets-label"),
    secretsHint: $("secrets-hint"),
    secretsField: $("secrets-field"),
    publicKeysField: $("public-keys-field"),
    publicKeys: $("public-keys"),
    publicKeysLabel: $("public-keys-label"),
    publicKeysHint: $("public-keys-hint"),
    newKeyPair: $("new-key-pair"),
    signingKeyField: $("signing-key-field"),
    signWithLabel: $("sign-with-label"),
    signWith: $("sign-with"),
    privateKey: $("private-key"),
    privateKeyHint: $("private-key-hint"),
    headerField: $("header-field"),
    headerName: $("header-name"),
    verifyTokenField: $("verify-token-field"),
    verifyToken: $("verify-token"),
    verifyTokenHint: $("verify-token-hint"),
    requestRow: $("request-row"),
    requestMethod: $("request-method"),
    requestUrl: $("request-url"),
    requestUrlHint: $("request-url-hint"),
    timeRow: $("time-row"),
    tolerance: $("tolerance"),
    toleranceHint: $("tolerance-hint"),
    now: $("now"),
    nowHuman: $("now-human"),
    events: $("events"),
    sampleField: $("sample-field"),
    noSamples: $("no-samples"),
    event: $("event"),
    eventDescription: $("event-description"),
    headers: $("headers"),
    body: $("body"),
    bodyEncoding: $("body-encoding"),
    notes: $("notes"),
    verdict: $("verdict"),
    steps: $("steps"),
    verified: $("verified"),
    handshake: $("handshake"),
    curlUrlField: $("curl-url-field"),
    curlToRequest: $("curl-to-request"),
    curlUrl: $("curl-url"),
    curlUrlHint: $("curl-url-hint"),
    curl: $("curl-command"),
    copyStatus: $("copy-status"),
  };

  $("version").textContent = version;
  $("codes-body").replaceChildren(
    ...errorCodes.map((c) => h("tr", {}, h("td", {}, c.code), h("td", {}, String(c.status)), h("td", {}, c.description))),
  );

  // ---- provider ------------------------------------------------------------------------------

  const d = () => descriptors[provider];
  const isToken = (x = d()) => x.auth.kind === "token";
  // A token header the customer names (Inspakt): the header field is shown and passed as the
  // `header` option. Any other token provider reads its one documented header.
  const headerConfigurable = (x = d()) => isToken(x) && x.auth.headerConfigurable === true;
  // A provider that signs the request URL (and method): verify and sign need them.
  const needsUrl = (x = d()) => x.auth.needsUrl === true;
  // A provider whose endpoint check is a GET (Meta: its URL's query; Adobe Acrobat Sign: its
  // client-id header).
  const getHandshake = (x = d()) => (x.handshakes ?? []).some((hs) => hs.trigger?.kind === "query" || hs.trigger?.kind === "get-with-token");
  const showsRequest = (x = d()) => needsUrl(x) || getHandshake(x);
  // The GET check compares a token from the URL with the configured `verifyToken`.
  const usesVerifyToken = (x = d()) => (x.handshakes ?? []).some((hs) => hs.answer?.kind === "echo-query" && hs.answer.token);
  // Signed with a private key, verified with a public key only (Ed25519, ECDSA P-256): no secret.
  const publicOnly = (x = d()) => x.auth.kind === "signature" && x.auth.publicKey === true;
  // A secret scheme that also has a public-key variant in the same header (Standard Webhooks
  // v1a beside v1): secrets, public keys, or both.
  const publicVariant = (x = d()) => (x.auth.kind === "signature" && !publicOnly(x) && x.auth.public ? x.auth.public : null);
  const usesPublicKeys = (x = d()) => publicOnly(x) || publicVariant(x) !== null;

  /** A fresh key pair for the provider (random, made in this page), or null when the build has none. */
  function freshPair(x) {
    try {
      return typeof generateKeyPair === "function" ? generateKeyPair(x.id) : null;
    } catch {
      return null;
    }
  }

  function initialSettings(x) {
    const demo = DEMO_ROUTES[x.id];
    const url = demo?.url ?? `http://127.0.0.1:8787/hooks/${x.id}`;
    // A public-key provider starts with a pair made here: its public half to verify with, its
    // private half to sign the samples with.
    const pair = usesPublicKeys(x) ? freshPair(x) : null;
    return {
      secrets: publicOnly(x) ? "" : (demo?.secrets ?? demoSecret(x)),
      publicKeys: pair?.publicKey ?? "",
      privateKey: pair?.privateKey ?? "",
      // Standard Webhooks: sign v1 (the first secret) or v1a (the private key).
      signWith: "v1",
      header: headerConfigurable(x) ? (demo?.header ?? "") : "",
      url,
      // The request's URL and method, for the providers that sign them or answer a GET: the
      // route the curl command targets by default.
      requestUrl: url,
      method: "POST",
      verifyToken: "",
      // The URL a sample was last signed for and the URL sign() returned for it: signing again
      // starts from the former (Twilio's bodySHA256 belongs to the old body).
      signedFrom: null,
      tolerance: x.timestamp ? String(x.timestamp.defaultTolerance ?? "") : "",
      event: "",
    };
  }

  function saveProvider() {
    if (!provider) return;
    const s = settingsOf(provider);
    s.secrets = el.secrets.value;
    if (usesPublicKeys()) {
      s.publicKeys = el.publicKeys.value;
      s.privateKey = el.privateKey.value;
      s.signWith = el.signWith.value;
    }
    s.url = el.curlUrl.value;
    s.event = el.event.value;
    if (d().timestamp) s.tolerance = el.tolerance.value;
    if (headerConfigurable()) s.header = el.headerName.value;
    if (showsRequest()) {
      s.requestUrl = el.requestUrl.value;
      s.method = el.requestMethod.value;
    }
    if (usesVerifyToken()) s.verifyToken = el.verifyToken.value;
  }

  function loadProvider(id) {
    provider = id;
    const x = d();
    const s = settingsOf(id);
    const token = isToken(x);
    const demo = DEMO_ROUTES[id];
    el.provider.value = x.displayName;
    el.providerSummary.replaceChildren(...schemeSummary(x));
    el.secrets.value = s.secrets;
    el.secretsLabel.textContent = token ? "Tokens" : "Signing secrets";
    const prefilled = demo
      ? `Prefilled: the local worker's demo ${token ? "token" : "secret"}.`
      : `Prefilled: a made-up demo ${token ? "token" : "secret"} of the right shape.`;
    el.secretsHint.textContent = token
      ? `The header value exactly as set at ${x.displayName}. One per line while changing it: any may match. ${prefilled}`
      : `${secretMeaning(x)} One per line while rotating: any may match. ${prefilled}`;
    el.secretsField.hidden = publicOnly(x);
    el.publicKeysField.hidden = !usesPublicKeys(x);
    el.signingKeyField.hidden = !usesPublicKeys(x);
    el.signWithLabel.hidden = !publicVariant(x);
    el.publicKeys.value = s.publicKeys;
    el.privateKey.value = s.privateKey;
    el.signWith.value = s.signWith;
    if (usesPublicKeys(x)) {
      el.publicKeysLabel.replaceChildren(publicOnly(x) ? "Public keys" : h("span", {}, "Public keys (v1a) ", h("small", {}, "(optional)")));
      el.publicKeysHint.textContent = publicKeyHint(x, Boolean(s.publicKeys));
      showPrivateKeyHint();
    }
    el.headerField.hidden = !headerConfigurable(x);
    el.headerName.value = s.header;
    el.verifyTokenField.hidden = !usesVerifyToken(x);
    el.verifyToken.value = s.verifyToken;
    el.verifyTokenHint.textContent = usesVerifyToken(x) ? verifyTokenMeaning(x) : "";
    el.requestRow.hidden = !showsRequest(x);
    el.requestUrl.value = s.requestUrl;
    el.requestMethod.value = s.method;
    el.requestUrlHint.textContent = showsRequest(x) ? requestMeaning(x) : "";
    el.headerName.placeholder = token ? displayName(x.auth.defaultHeader ?? x.auth.header ?? "") : "";
    // No timestamp: no tolerance, and no "now" to check against.
    el.timeRow.hidden = !x.timestamp;
    if (x.timestamp) {
      el.tolerance.value = s.tolerance;
      el.toleranceHint.textContent = toleranceMeaning(x);
    }
    const events = x.events ?? [];
    el.sampleField.hidden = events.length === 0;
    el.noSamples.hidden = events.length !== 0;
    el.noSamples.textContent = `The catalogue has no sample events for ${x.displayName}: type or paste a body (it must be ${envelopeShape(x)}), then press Sign body.`;
    el.event.replaceChildren(...events.map((e) => h("option", { value: e.name }, e.name)));
    if (s.event && events.some((e) => e.name === s.event)) el.event.value = s.event;
    showEventDescription();
    el.curlUrl.value = s.url;
    // The request row describes the whole request: the command goes to that URL, with that
    // method (a signed URL is only valid as it is).
    el.curlUrlField.hidden = showsRequest(x);
    el.curlToRequest.hidden = !showsRequest(x);
    el.curlToRequest.textContent = showsRequest(x)
      ? `The command goes to the request URL with the method of section 2${needsUrl(x) ? `: ${x.displayName} signs the URL, so the delivery verifies only there` : ""}. The page never sends it: you run the command.`
      : "";
    el.curlUrlHint.textContent = demo
      ? "Defaults to the local worker's demo route (npm run dev). The page never sends it: you run the command."
      : `The local worker has no demo route for ${x.displayName}: add one to wrangler.toml's ROUTES (path /hooks/${x.id}), or point this at your own. The page never sends it: you run the command.`;
    el.headers.placeholder = headerPlaceholder(x);
    el.body.placeholder = bodyPlaceholder(x);
    updateNowHuman();
    updateCurl();
  }

  function showEventDescription() {
    const e = (d().events ?? []).find((x) => x.name === el.event.value);
    el.eventDescription.textContent = e ? e.description : "";
  }

  function chooseProvider(id, { announce = true } = {}) {
    if (!descriptors[id]) return;
    if (id !== provider) {
      saveProvider();
      loadProvider(id);
      live = false;
      if (announce) {
        clearResult(
          "Provider changed",
          `Now checking as ${d().displayName}. Press Verify, or ${(d().events ?? []).length ? "generate a sample" : "type a body and press Sign body"}.`,
        );
      }
    } else {
      el.provider.value = d().displayName;
    }
    // The address says which provider is shown, so it can be shared or linked from docs.
    const hash = `#provider=${encodeURIComponent(id)}`;
    if (location.hash !== hash) history.replaceState(null, "", `${location.pathname}${location.search}${hash}`);
  }

  // ---- the provider picker: an ARIA 1.2 combobox with a listbox popup ---------------------------

  let matches = [];
  let active = -1;

  function filterProviders(query) {
    const q = query.trim().toLowerCase();
    if (q === "") return providers.map((p) => p.id);
    const rank = (p) => {
      const name = p.displayName.toLowerCase();
      const id = p.id.toLowerCase();
      if (name === q || id === q) return 0;
      if (name.startsWith(q) || id.startsWith(q)) return 1;
      if (name.split(/[^a-z0-9]+/).some((w) => w.startsWith(q)) || id.split("-").some((w) => w.startsWith(q))) return 2;
      if (name.includes(q) || id.includes(q)) return 3;
      return -1;
    };
    return providers
      .map((p, i) => ({ id: p.id, r: rank(p), i }))
      .filter((m) => m.r >= 0)
      .sort((a, b) => a.r - b.r || a.i - b.i)
      .map((m) => m.id);
  }

  function openList(query) {
    matches = filterProviders(query);
    active = matches.length ? Math.max(0, query.trim() === "" ? matches.indexOf(provider) : 0) : -1;
    el.providerList.replaceChildren(
      ...matches.map((id) => {
        const x = descriptors[id];
        const li = h(
          "li",
          { id: `provider-option-${id}`, role: "option", "aria-selected": String(id === provider), "data-id": id, class: "combo-option" },
          h("span", { class: "opt-name" }, x.displayName, " ", h("code", { class: "opt-id" }, x.id)),
          h("span", { class: "opt-kind" }, shortScheme(x)),
        );
        li.addEventListener("click", () => {
          chooseProvider(id);
          closeList();
        });
        return li;
      }),
    );
    el.providerList.hidden = matches.length === 0;
    el.provider.setAttribute("aria-expanded", String(matches.length > 0));
    el.providerCount.textContent =
      matches.length === 0
        ? `No provider matches “${query.trim()}”.`
        : query.trim() === ""
          ? `${providers.length} providers.`
          : `${matches.length} of ${providers.length} providers match.`;
    highlight();
  }

  function closeList({ restore = true } = {}) {
    el.providerList.hidden = true;
    el.provider.setAttribute("aria-expanded", "false");
    el.provider.removeAttribute("aria-activedescendant");
    el.providerCount.textContent = "";
    active = -1;
    if (restore && provider) el.provider.value = d().displayName;
  }

  function highlight() {
    const options = el.providerList.querySelectorAll('[role="option"]');
    options.forEach((o, i) => o.classList.toggle("active", i === active));
    const current = options[active];
    if (current) {
      el.provider.setAttribute("aria-activedescendant", current.id);
      current.scrollIntoView({ block: "nearest" });
    } else {
      el.provider.removeAttribute("aria-activedescendant");
    }
  }

  el.provider.addEventListener("focus", () => {
    el.provider.select();
  });
  el.provider.addEventListener("click", () => {
    if (el.providerList.hidden) openList(el.provider.value === d()?.displayName ? "" : el.provider.value);
  });
  el.provider.addEventListener("input", () => openList(el.provider.value));
  el.provider.addEventListener("keydown", (e) => {
    const open = !el.providerList.hidden;
    switch (e.key) {
      case "ArrowDown":
      case "ArrowUp": {
        e.preventDefault();
        if (!open) {
          // Opens on the current provider; the next press moves.
          openList(el.provider.value === d()?.displayName ? "" : el.provider.value);
          return;
        }
        if (matches.length === 0) return;
        const step = e.key === "ArrowDown" ? 1 : -1;
        active = active < 0 ? 0 : (active + step + matches.length) % matches.length;
        highlight();
        break;
      }
      case "PageDown":
      case "PageUp":
        if (!open || matches.length === 0) return;
        e.preventDefault();
        active = Math.min(matches.length - 1, Math.max(0, active + (e.key === "PageDown" ? 8 : -8)));
        highlight();
        break;
      case "Enter":
        if (!open) return;
        e.preventDefault();
        if (active >= 0) chooseProvider(matches[active]);
        closeList();
        break;
      case "Escape":
        if (open) {
          e.preventDefault();
          closeList();
        } else if (el.provider.value !== d()?.displayName) {
          e.preventDefault();
          el.provider.value = d().displayName;
        }
        break;
      case "Tab":
        if (open) closeList();
        break;
      default:
    }
  });
  el.provider.addEventListener("blur", () => closeList());
  // Clicking an option must not blur the input first (the blur would close the list).
  el.providerList.addEventListener("mousedown", (e) => e.preventDefault());

  window.addEventListener("hashchange", () => {
    const id = linkedProvider();
    if (id && id !== provider) chooseProvider(id);
  });

  el.event.addEventListener("change", showEventDescription);

  // ---- reading the form -----------------------------------------------------------------------

  function secrets() {
    if (publicOnly()) return [];
    return lines(el.secrets.value);
  }

  /** The public keys typed, one per line (none for a provider that has no public key). */
  function publicKeys() {
    if (!usesPublicKeys()) return [];
    return keyLines(el.publicKeys.value);
  }

  /** Which configured key keyIndex names: the secrets count first, then the public keys. */
  function keyAt(i) {
    const n = secrets().length;
    if (isToken()) return { kind: "token", line: i + 1, nth: i, label: `token line ${i + 1}` };
    if (i < n) return { kind: "secret", line: i + 1, nth: i, label: `secret line ${i + 1}` };
    return { kind: "public key", line: i - n + 1, nth: i - n, label: `public key line ${i - n + 1}` };
  }

  /** What the Private key hint says: its shape, and (Standard Webhooks) what signs now. */
  function showPrivateKeyHint() {
    const x = d();
    const v1a = publicOnly(x) || el.signWith.value === "v1a";
    el.privateKey.disabled = !v1a;
    el.privateKeyHint.textContent = privateKeyHint(x, v1a);
  }

  /** The header the token is read from: the one typed (when the customer names it) or the default. */
  function tokenHeader() {
    const fallback = d().auth.defaultHeader ?? d().auth.header ?? "authorization";
    return (headerConfigurable() && el.headerName.value.trim()) || fallback;
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
    const filled = fillRequest(parsed);
    if (parsed.body === null || el.body.value !== "") return filled;
    const lines = formatHeaders(parsed.headers);
    const req = parsed.request && parsed.request.method ? `${parsed.request.method} ${parsed.request.target} HTTP/1.1\n` : "";
    el.headers.value = req + lines;
    el.body.value = parsed.body;
    el.bodyEncoding.value = "text";
    showNotes(["Found a body after the headers: moved it to the Body field.", ...requestNotes]);
    return true;
  }

  // A pasted request line (with its Host header) says the URL and method: they fill the request
  // row where the provider reads them. What changed is said in a note.
  let requestNotes = [];
  function fillRequest(parsed) {
    requestNotes = [];
    if (!showsRequest() || !parsed.request) return false;
    const said = [];
    const method = parsed.request.method;
    if (method && method !== el.requestMethod.value.trim()) {
      el.requestMethod.value = method;
      said.push(`the method to ${method}`);
    }
    const found = requestUrl(parsed.request, parsed.headers, el.requestUrl.value.trim());
    if (found && found.url !== el.requestUrl.value.trim()) {
      el.requestUrl.value = found.url;
      said.push(`the URL to ${found.url} (the scheme from ${found.schemeFrom}: check it is the URL ${d().displayName} called)`);
    }
    if (!said.length) return false;
    requestNotes = [`From the request line: set ${said.join(" and ")}.`];
    showNotes(requestNotes);
    return true;
  }

  function showNotes(notes) {
    el.notes.hidden = notes.length === 0;
    el.notes.replaceChildren(...notes.flatMap((n, i) => (i ? [h("br"), n] : [n])));
  }

  function options() {
    const o = { provider };
    // A public-key provider takes no secret (one given is invalid_config); Standard Webhooks
    // takes secrets, public keys or both.
    if (!publicOnly()) o.secret = secrets();
    if (publicKeys().length) o.publicKey = publicKeys();
    if (usesPublicKeys() && !publicOnly() && o.secret.length === 0 && o.publicKey) delete o.secret;
    if (d().timestamp) {
      const t = el.tolerance.value.trim();
      if (t !== "") o.toleranceSeconds = Number(t);
    }
    if (headerConfigurable()) o.header = tokenHeader();
    const ev = el.events.value.split(",").map((s) => s.trim()).filter(Boolean);
    if (ev.length) o.events = ev;
    const token = el.verifyToken.value.trim();
    if (usesVerifyToken() && token !== "") o.verifyToken = token;
    return o;
  }

  /** The call options' url and method, where the provider reads them (an empty URL is none). */
  function requestOptions() {
    if (!showsRequest()) return {};
    const o = { method: el.requestMethod.value.trim() || "POST" };
    const url = el.requestUrl.value.trim();
    if (url !== "") o.url = url;
    return o;
  }

  // ---- verify ---------------------------------------------------------------------------------

  function verifyNow() {
    live = true;
    const delivery = readDelivery();
    showNotes([...delivery.notes, ...requestNotes]);
    const now = currentNow();
    const opts = options();

    if ((opts.secret ?? []).length === 0 && (opts.publicKey ?? []).length === 0) {
      return renderConfigError(
        isToken()
          ? `Enter the token ${d().displayName} is configured to send.`
          : publicOnly()
            ? `Enter ${d().displayName}'s public key (or press New key pair to make one to try).`
            : usesPublicKeys()
              ? "Enter the webhook's signing secret, or a public key (v1a)."
              : "Enter the webhook's signing secret.",
      );
    }
    let verifier;
    try {
      verifier = new Verifier(opts);
    } catch (e) {
      return renderConfigError(e instanceof WebhookError ? e.message : String(e));
    }
    const call = { now, ...requestOptions() };
    try {
      let report;
      try {
        report = verifier.explain(delivery.headers, delivery.bytes, { ...call, revealExpected: true });
      } catch (e) {
        if (!(e instanceof WebhookError)) throw e;
        // A call option the provider needs is missing or unusable (no URL): a setting to fix,
        // not a rejected delivery.
        if (e.code === "invalid_config") return renderConfigError(e.message);
        // Rejected before any check ran (a required header given twice): one failed step.
        report = { code: e.code, steps: [{ check: "headers", status: "fail", code: e.code, detail: e.message }] };
      }
      if (report.code === "invalid_config") {
        const why = report.steps.find((s) => s.code === "invalid_config");
        const where = showsRequest() && !call.url ? " Enter it in the Request URL field (section 2)." : "";
        return renderConfigError(`${why ? capitalise(why.detail) : (codeInfo.invalid_config?.description ?? "invalid_config")}.${where}`.replace(/\.\./g, "."));
      }
      let result = null;
      if (report.code === null) result = verifier.verify(delivery.headers, delivery.bytes, call);
      // The same request as a handshake: the answer the endpoint gives itself, or the error
      // that refuses it (a signed handshake is authenticated like a delivery).
      let answer = null;
      let refused = null;
      try {
        answer = verifier.handshake(delivery.headers, delivery.bytes, call);
      } catch (e) {
        if (!(e instanceof WebhookError)) throw e;
        refused = e;
      }
      const ctx = { delivery, verifier, now, opts, call };
      if (answer) return renderHandshake(answer, report, ctx);
      // A GET is no delivery: its only meaning here is the endpoint check, refused.
      if (refused && call.method && call.method !== "POST") {
        if (refused.code === "invalid_config") return renderConfigError(refused.message);
        return render({ code: refused.code, steps: [{ check: "handshake", status: "fail", code: refused.code, detail: refused.message }] }, null, ctx);
      }
      // A handshake that verifies but cannot be answered (Slack's without a challenge): the
      // endpoint refuses it with that code.
      if (refused && report.code === null) {
        const step = { check: "handshake", status: "fail", code: refused.code, detail: refused.message };
        return render({ code: refused.code, steps: [...report.steps, step] }, null, ctx);
      }
      render(report, result, ctx);
    } finally {
      verifier.free();
    }
  }

  function clearResult(title, sub) {
    setVerdict("empty", [title], sub);
    el.steps.replaceChildren();
    el.verified.hidden = true;
    showHandshake(null);
  }

  function renderConfigError(message) {
    setVerdict("bad", ["Settings incomplete", pill("invalid_config")], message);
    el.steps.replaceChildren();
    el.verified.hidden = true;
    showHandshake(null);
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
    if (report.code === null) {
      const which = matchedWhich(result.keyIndex);
      setVerdict(
        "ok",
        ["✓ Valid delivery"],
        `${d().displayName} ${result.event ?? "(no event type)"}${result.id ? ` · id ${result.id}` : ""}${which}. Every check passed; the worker would accept and forward it.`,
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
    // Dropbox Sign and Adobe Acrobat Sign count a delivery as received only with their answer.
    showHandshake(report.code === null ? result?.acknowledgement ?? null : null, {
      title: "The endpoint acknowledges it like this",
      text: `${d().displayName} counts the delivery as received only with this response (otherwise it retries): the worker sends it once the event is delivered or queued; an endpoint of your own must send the same.`,
    });
  }

  /** ", matched the second of 2 secrets" / ", matched public key line 1 (keyIndex 1)": only when there is a choice. */
  function matchedWhich(keyIndex) {
    const nSecrets = secrets().length;
    const nPublic = publicKeys().length;
    if (nSecrets + nPublic <= 1) return "";
    const k = keyAt(keyIndex);
    const count = k.kind === "public key" ? nPublic : nSecrets;
    const mixed = nSecrets > 0 && nPublic > 0 ? ` (keyIndex ${keyIndex}: the secrets count first)` : "";
    if (count === 1) return `, matched the ${k.kind}${mixed}`;
    return `, matched the ${ordinal(k.nth)} of ${count} ${k.kind}s${mixed}`;
  }

  // ---- handshakes -------------------------------------------------------------------------------

  /** Which of the descriptor's handshakes this request is, for its name (the core decided). */
  function matchedHandshake(ctx) {
    const { delivery, call } = ctx;
    let json;
    const field = (path) => {
      if (json === undefined) {
        try {
          json = JSON.parse(delivery.base64 ? new TextDecoder().decode(delivery.bytes) : delivery.bodyText);
        } catch {
          json = null;
        }
      }
      return path.reduce((o, k) => (o && typeof o === "object" ? o[k] : undefined), json);
    };
    const query = () => {
      try {
        return new URL(call.url ?? "").searchParams;
      } catch {
        return new URLSearchParams();
      }
    };
    return (d().handshakes ?? []).find(({ trigger: t }) => {
      if (t?.kind === "header") return headerValues(delivery.headers, t.name).some((v) => v.trim() === t.value);
      if (t?.kind === "body-field") return field(t.path ?? []) === t.value;
      if (t?.kind === "query") return query().get(t.name) === t.value;
      if (t?.kind === "get-with-token") return (call.method ?? "POST") === "GET";
      // A number in the body (Discord's "type": 1 PING), unless the body has the other member.
      if (t?.kind === "body-number") return field([t.key]) === t.value && !(t.unless && field([t.unless]) !== undefined);
      return false;
    });
  }

  function renderHandshake(answer, report, ctx) {
    const hs = matchedHandshake(ctx);
    const t = hs?.trigger;
    const what = !t
      ? "handshake"
      : t.kind === "query"
        ? `${t.name}=${t.value} GET`
        : t.kind === "get-with-token"
          ? `verification GET (${displayName(tokenHeader())})`
          : t.kind === "header"
            ? `${displayName(t.name)}: ${t.value}`
            : t.kind === "body-number"
              ? `{"${t.key}": ${t.value}} ${t.unless ? `(no “${t.unless}”) ` : ""}request`
              : t.value;
    const get = t?.kind === "query" || t?.kind === "get-with-token";
    setVerdict(
      "ok",
      [get ? "✓ Endpoint check answered" : "✓ Handshake answered"],
      get
        ? `${d().displayName}'s ${what}: the ${t.kind === "query" ? "verify token" : "client id"} matches. The endpoint answers it itself (HTTP ${answer.status}); nothing is forwarded.`
        : `A signed ${what} from ${d().displayName}: it verifies, and the endpoint answers it itself (HTTP ${answer.status}${answer.body === "" ? ", no body" : ""}); it is not forwarded as an event.`,
    );
    const steps = get
      ? [{ check: "handshake", status: "pass", code: null, detail: `a ${what}: its ${t.kind === "query" ? "verify token" : "client id"} matches the configured one` }]
      : report.steps.map((s) =>
          // The handshake is no event: a route's allow-list does not apply to it.
          s.check === "event" && s.code === "event_not_allowed"
            ? { ...s, status: "skip", code: null, detail: "not applied: a handshake is no event, the allow-list does not refuse it" }
            : s,
        );
    el.steps.replaceChildren(...steps.map((s) => renderStep(untangle(s, ctx), ctx, null)));
    renderVerified(null);
    showHandshake(answer);
  }

  /** The response exactly as the provider must receive it: status, headers, body. */
  function showHandshake(answer, words = {}) {
    if (!answer) {
      el.handshake.hidden = true;
      el.handshake.replaceChildren();
      return;
    }
    const headers = Object.entries(answer.headers ?? {});
    const rows = [["Status", h("code", { id: "handshake-status" }, String(answer.status))]];
    rows.push([
      "Headers",
      headers.length
        ? h("span", { id: "handshake-headers" }, ...headers.flatMap(([n, v], i) => [i ? h("br") : "", h("code", { "data-header": n }, `${n}: ${v}`)]))
        : h("em", { id: "handshake-headers" }, "none"),
    ]);
    rows.push(["Body", answer.body === "" ? h("em", {}, "empty") : `${new TextEncoder().encode(answer.body).length} bytes, exactly:`]);
    el.handshake.replaceChildren(
      h("h3", {}, words.title ?? "The endpoint answers this itself"),
      h("p", {}, words.text ?? `${d().displayName} expects this response, byte for byte: the worker sends it; an endpoint of your own must send the same.`),
      kv(rows),
      h("pre", { class: "code", id: "handshake-body", tabindex: "0", "aria-label": "Response body", ...(answer.body === "" ? { hidden: "" } : {}) }, answer.body),
    );
    el.handshake.hidden = false;
  }

  // explain() marks the signature step failed when another required header (the timestamp) is
  // missing, even though the signature matches. Show the signature's own outcome; the missing
  // header stays failed in its own step, and the final code is unchanged.
  function untangle(step, ctx) {
    if (step.check !== "signature" || step.status !== "fail" || step.code !== "missing_header") return step;
    const x = d();
    if (!x.auth.header || step.detail.toLowerCase().includes(x.auth.header)) return step;
    const received = headerValues(ctx.delivery.headers, x.auth.header);
    const norm = (s) => (x.auth.encoding === "hex" ? s.trim().toLowerCase() : s.trim());
    const i = (step.expected ?? []).findIndex((e) => received.length === 1 && norm(e) === norm(received[0]));
    if (i < 0) return step;
    return { ...step, status: "pass", code: null, detail: `${x.auth.algorithm} matches secret #${i} (0-based)` };
  }

  function stepTitle(check) {
    if (check === "signature") return `Signature (${signatureWhere().label})`;
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
    if (m[1] === "token") return step.detail.replace(m[0], `the ${ordinal(i)} token (line ${i + 1})`);
    // The index counts the secrets first, then the public keys.
    const k = keyAt(i);
    let text = step.detail.replace(m[0], `the ${ordinal(k.nth)} ${k.kind} (line ${k.line}${k.kind === "public key" && !publicOnly() ? " of Public keys" : ""})`);
    // A v1a token matched: the algorithm is the public variant's, not the secret's.
    const pub = publicVariant();
    if (k.kind === "public key" && pub && d().auth.algorithm) text = text.replace(d().auth.algorithm, pub.algorithm);
    return text;
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
          ? [tip(`${d().displayName} sends ${envelopeShape(d())}.`)]
          : [];
      case "body":
        return ctx.delivery.bodyText === "" ? [tip("The body is empty: paste the raw request body.")] : [];
      default:
        return [];
    }
  }

  /**
   * Where the provider's signature travels: a header, the request URL's query (PandaDoc), or a
   * body field (Dropbox Sign, SignWell, Mailgun). `received(ctx)` reads what the request holds.
   */
  function signatureWhere(x = d()) {
    const a = x.auth;
    if (a.kind === "bodyField") {
      return {
        label: `body field “${a.signatureField}”`,
        missing: "not in the body",
        received: (ctx) => {
          let v;
          try {
            v = a.signatureField.split(".").reduce((o, k) => (o && typeof o === "object" ? o[k] : undefined), JSON.parse(ctx.delivery.base64 ? new TextDecoder().decode(ctx.delivery.bytes) : ctx.delivery.bodyText));
          } catch {
            v = undefined;
          }
          return typeof v === "string" ? [v] : [];
        },
        add: `Send the body with its “${a.signatureField}” field as ${x.displayName} sent it.`,
      };
    }
    if (a.query) {
      return {
        label: `the URL's ${a.query}= parameter`,
        missing: "not in the request URL",
        received: (ctx) => {
          try {
            return new URL(ctx.call?.url ?? "").searchParams.getAll(a.query);
          } catch {
            return [];
          }
        },
        add: `Give the request URL exactly as ${x.displayName} called it, with its ?${a.query}= parameter.`,
      };
    }
    return {
      label: displayName(a.header ?? ""),
      missing: "no header",
      received: (ctx) => headerValues(ctx.delivery.headers, a.header ?? ""),
      add: `Add the ${displayName(a.header ?? "")} header from the request log.`,
    };
  }

  function signatureExtra(step, ctx) {
    const x = d();
    const where = signatureWhere(x);
    const received = where.received(ctx);
    const expected = step.expected ?? [];
    const norm = (s) => (x.auth.encoding === "hex" ? s.trim().toLowerCase() : s.trim());
    const rows = [["Received", received.length ? code(received.join(", ")) : h("em", {}, where.missing)]];
    // A public key only checks a signature: it cannot produce one to compare with.
    if (publicKeys().length) {
      const alg = publicOnly(x) ? x.auth.algorithm : publicVariant(x).algorithm;
      rows.push([expected.length ? "With the public keys" : "Expected", h("em", {}, `none to show: a public key checks ${alg} signatures but cannot make one`)]);
    }
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
            (publicOnly(x)
              ? `Either the public key is not the one ${x.displayName} signs this with (copy it again from ${x.displayName}'s settings; a key pair made here verifies only what this page signed with its private half) `
              : `Either the ${publicKeys().length ? "secret or public key" : "secret"} is not this webhook's (each ${x.displayName} webhook has its own; after re-creating one, the secret changes) `) +
              "or the body is not byte-for-byte what was sent (parsed and re-serialised JSON never matches).",
          ),
        );
    }
    if (step.code === "missing_header") out.push(tip(where.add));
    return out;
  }

  // A common copying accident that explains a mismatch: which body variant would match?
  function nearMisses(ctx) {
    if (ctx.delivery.base64) return null;
    const v = new Verifier({ ...ctx.opts, events: undefined });
    try {
      for (const variant of bodyVariants(ctx.delivery.bodyText)) {
        const r = v.explain(ctx.delivery.headers, variant.body, { ...ctx.call, now: ctx.now });
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
      if (elsewhere && !headerConfigurable()) {
        out.push(tip(`The token is in the ${displayName(elsewhere[0])} header, but ${d().displayName} sends it in ${displayName(name)}.`));
      } else if (elsewhere) {
        out.push(tipWithAction(`The token is in the ${displayName(elsewhere[0])} header.`, `Read ${displayName(elsewhere[0])}`, () => {
          el.headerName.value = displayName(elsewhere[0]);
          verifyNow();
        }));
      } else {
        const names = ctx.delivery.headers.map(([n]) => displayName(n));
        const fix = headerConfigurable() ? ` Set the header name to the one chosen in ${d().displayName}'s settings.` : "";
        out.push(tip(names.length ? `Headers present: ${names.join(", ")}.${fix}` : "No headers were given."));
      }
    } else if (step.code === "token_mismatch" && received.length === 1) {
      const r = received[0];
      if (tokens.includes(r.trim())) out.push(tip("The value matches once the surrounding spaces are removed: the sender adds spaces the token does not have."));
      else if (/^bearer\s+/i.test(r) && tokens.includes(r.replace(/^bearer\s+/i, ""))) {
        out.push(tip(`The header carries "${r.split(/\s/)[0]} " before the token. ${d().displayName} sends the value exactly as configured: configure the token with that prefix, or remove it there.`));
      } else if (tokens.some((t) => t.toLowerCase() === r.toLowerCase())) {
        out.push(tip("The value differs only in upper/lower case: tokens are compared exactly."));
      } else {
        out.push(tip(`The received value (${r.length} characters) is none of the ${tokens.length} configured token${tokens.length > 1 ? "s" : ""} (${tokens.map((t) => t.length).join(", ")} characters).`));
      }
    }
    return out;
  }

  /** Where the delivery's timestamp is, as the descriptor says: its own header or a pair of the signature header. */
  function timestampLabel(x = d()) {
    const t = x.timestamp;
    return t.pair ? `${t.pair}= in ${displayName(t.header)}` : displayName(t.header);
  }

  /** The delivery's timestamp: { raw, seconds } (seconds null when it is not digits), or null. */
  function deliveryTimestamp(headers, x = d()) {
    const t = x.timestamp;
    if (!t) return null;
    const values = headerValues(headers, t.header);
    if (values.length !== 1) return values.length ? { raw: values.join(", "), seconds: null } : null;
    let raw = values[0].trim();
    if (t.pair) {
      const sep = x.auth.extract?.separator ?? ",";
      const pair = raw.split(sep).map((p) => p.trim()).find((p) => p.startsWith(`${t.pair}=`));
      if (!pair) return null;
      raw = pair.slice(t.pair.length + 1);
    }
    if (!/^\d+$/.test(raw)) return { raw, seconds: null };
    const n = Number(raw);
    return { raw, seconds: t.unit === "ms" ? Math.floor(n / 1000) : n };
  }

  function timestampExtra(step, ctx) {
    const x = d();
    if (!x.timestamp) return [];
    const found = deliveryTimestamp(ctx.delivery.headers);
    const ts = found?.seconds ?? null;
    const rows = [];
    rows.push([timestampLabel(x), found ? h("span", {}, code(found.raw), ts !== null ? ` (${isoSeconds(ts)})` : "") : h("em", {}, "not in the delivery")]);
    rows.push([fixedNow() === null ? "Now" : "Checked as of", `${ctx.now} (${isoSeconds(ctx.now)})`]);
    if (ts !== null) {
      const age = ctx.now - ts;
      rows.push(["Age", age >= 0 ? `${duration(age)} old` : `${duration(-age)} in the future`]);
    }
    const tolerance = ctx.opts.toleranceSeconds ?? x.timestamp.defaultTolerance;
    rows.push([
      "Tolerance",
      x.timestamp.window === "past-only" ? `${duration(tolerance)} old at most (past only: a later timestamp is accepted)` : `± ${duration(tolerance)}`,
    ]);
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
    const crossChecks = d().crossChecks ?? [];
    if (!crossChecks.length) return [];
    let payload = null;
    try {
      payload = JSON.parse(ctx.delivery.base64 ? new TextDecoder().decode(ctx.delivery.bytes) : ctx.delivery.bodyText);
    } catch {
      return [];
    }
    const rows = [];
    for (const c of crossChecks) {
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
      ["Event", result.event == null ? h("em", {}, "none") : code(result.event)],
      ["Id", result.id === null ? h("em", {}, `none (${d().displayName} sends no delivery id)`) : code(result.id)],
      ["Timestamp", result.timestamp === null ? h("em", {}, "none") : `${result.timestamp} (${isoSeconds(result.timestamp)})`],
      [isToken() ? "Token used" : usesPublicKeys() ? "Key used" : "Secret used", isToken() || !usesPublicKeys() ? `line ${result.keyIndex + 1} (keyIndex ${result.keyIndex})` : `${keyAt(result.keyIndex).label} (keyIndex ${result.keyIndex})`],
      ["Dedupe key", result.dedupeKey === null ? h("em", {}, "none: replays cannot be told apart") : code(result.dedupeKey)],
    ];
    el.verified.replaceChildren(
      h("h3", {}, "Verified event"),
      kv(rows),
      result.bodySigned === false ? h("p", { class: "weak", id: "unsigned-warning" }, h("strong", {}, "Only some fields are proven."), ` ${unsignedBodyWarning(d())}`) : "",
      h("details", { class: "payload" }, h("summary", {}, "Payload"), h("pre", { class: "code", tabindex: "0" }, JSON.stringify(result.payload, null, 2))),
    );
    el.verified.hidden = false;
  }

  // ---- sign -----------------------------------------------------------------------------------

  /** What signs the sample: { secret } (the first line) or { privateKey }, or null (said why). */
  function signingKey() {
    if (publicOnly() || (publicVariant() && el.signWith.value === "v1a")) {
      const key = el.privateKey.value.trim();
      if (key === "") {
        renderConfigError("Enter a private key first (or press New key pair): the sample is signed with it.");
        el.privateKey.focus();
        return null;
      }
      return { privateKey: key };
    }
    const s = secrets();
    if (s.length === 0) {
      renderConfigError(isToken() ? "Enter a token first: the sample carries it." : "Enter a secret first: the sample is signed with it.");
      el.secrets.focus();
      return null;
    }
    return { secret: s[0] };
  }

  /** A new pair: its private half signs, its public half replaces the public keys. */
  function newKeyPair() {
    const pair = freshPair(d());
    if (!pair) {
      renderConfigError("This build of the package cannot make key pairs (generateKeyPair is missing).");
      return;
    }
    el.privateKey.value = pair.privateKey;
    el.publicKeys.value = pair.publicKey;
    el.publicKeysHint.textContent = publicKeyHint(d(), true);
    showNotes(["Made a new key pair: the private key signs the samples, its public key is now the only public key. Deliveries signed with the old private key no longer verify."]);
    changed();
  }

  function signOptions(extra) {
    const o = { provider, timestamp: currentNow(), ...extra, ...signRequest() };
    if (headerConfigurable()) o.header = tokenHeader();
    else delete o.header;
    return o;
  }

  // The URL to sign for: the one typed, without a signature a query carries (PandaDoc's,
  // which sign() adds again); after a sample was signed, the URL it was signed from while the
  // field still holds what sign() returned (so a URL sign() extended is not extended twice).
  function signRequest() {
    if (!needsUrl()) return {};
    const o = { method: el.requestMethod.value.trim() || "POST" };
    let url = el.requestUrl.value.trim();
    const last = settingsOf(provider).signedFrom;
    if (last && last.url === url) url = last.from;
    if (d().auth.query) url = withoutQueryParam(url, d().auth.query);
    if (url !== "") o.url = url;
    return o;
  }

  /** After sign(): the URL it returned is where the delivery verifies (the request row shows it). */
  function useSignedUrl(signed, from) {
    if (!needsUrl() || typeof signed.url !== "string") return;
    el.requestUrl.value = signed.url;
    settingsOf(provider).signedFrom = { from, url: signed.url };
  }

  function generate() {
    const key = signingKey();
    if (key === null) return;
    let signed;
    const o = signOptions({ ...key, event: el.event.value });
    try {
      signed = sign(o);
    } catch (e) {
      return renderConfigError(e.message);
    }
    useSignedUrl(signed, o.url);
    el.headers.value = formatHeaders(Object.entries(signed.headers).map(([n, v]) => [displayName(n), v]));
    el.body.value = signed.body;
    el.bodyEncoding.value = "text";
    verifyNow();
    updateCurl();
  }

  function resign() {
    const key = signingKey();
    if (key === null) return;
    const delivery = readDelivery();
    if (delivery.bodyText === "") {
      renderConfigError(
        (d().events ?? []).length ? "There is no body to sign: paste one or generate a sample." : `There is no body to sign: type or paste one (${envelopeShape(d())}).`,
      );
      return;
    }
    // An event the provider sends in a header (not in the body) is kept from the delivery; a
    // delivery without one gets a placeholder the note points out.
    const x = d();
    let event;
    let placeholder = null;
    if (x.auth.kind === "signature" && x.eventSource?.in === "header") {
      event = headerValues(delivery.headers, x.eventSource.name)[0]?.trim();
      if (!event) {
        event = (x.events ?? []).length ? el.event.value : "sample.event";
        placeholder = `The delivery had no ${displayName(x.eventSource.name)} header (${x.displayName} sends the event type there): set it to "${event}". Change it to the real event type and sign again if it matters.`;
      }
    }
    let signed;
    const o = signOptions({ ...key, body: delivery.bytes, ...(event ? { event } : {}) });
    try {
      signed = sign(o);
    } catch (e) {
      return renderConfigError(e.message);
    }
    useSignedUrl(signed, o.url);
    let headers = delivery.headers;
    if (isToken()) {
      // A configured token under another header name (the name was changed): the header
      // configured now replaces it.
      const name = tokenHeader().toLowerCase();
      const tokens = secrets();
      headers = headers.filter(([n, v]) => n.toLowerCase() === name || !tokens.includes(v.trim()));
    }
    // A pasted request line stays, pointing at the URL and method now signed.
    let target = delivery.request?.target;
    let method = delivery.request?.method;
    if (needsUrl() && method) {
      target = requestTarget(el.requestUrl.value.trim()) ?? target;
      method = el.requestMethod.value.trim() || method;
    }
    const req = method ? `${method} ${target} HTTP/1.1\n` : "";
    el.headers.value = req + formatHeaders(mergeHeaders(headers, signed.headers));
    const out = typeof signed.body === "string" ? new TextEncoder().encode(signed.body) : signed.body instanceof Uint8Array ? signed.body : null;
    if (out && !sameBytes(out, delivery.bytes)) {
      // A body-field scheme writes its signature into the body: the body changed.
      if (delivery.base64) el.body.value = bytesToBase64(out);
      else el.body.value = new TextDecoder().decode(out);
    } else if (el.body.value === "") {
      el.body.value = delivery.base64 ? bytesToBase64(delivery.bytes) : delivery.bodyText;
    }
    verifyNow();
    if (placeholder) showNotes([placeholder]);
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
    // Where the request row is shown, it is the request: its URL (signed, for some) and method.
    const request = showsRequest() ? requestOptions() : {};
    const url = request.url ?? (el.curlUrl.value.trim() || settingsOf(provider).url);
    if (delivery.headers.length === 0 && delivery.bodyText === "" && request.method !== "GET") {
      el.curl.textContent = "# Paste or generate a delivery first.";
      return;
    }
    el.curl.textContent = curlCommand({
      url,
      method: request.method ?? "POST",
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
  el.newKeyPair.addEventListener("click", newKeyPair);
  el.signWith.addEventListener("change", showPrivateKeyHint);
  $("copy-curl").addEventListener("click", copyCurl);
  $("now-live").addEventListener("click", () => {
    el.now.value = "";
    updateNowHuman();
    changed();
  });
  $("now-delivery").addEventListener("click", () => {
    const x = d();
    const ts = deliveryTimestamp(readDelivery().headers)?.seconds ?? null;
    if (ts !== null) {
      el.now.value = String(ts);
      showNotes([]);
    } else {
      showNotes([x.timestamp ? `The delivery has no readable timestamp (${timestampLabel(x)}) to take the time from.` : `${x.displayName} sends no timestamp.`]);
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
  for (const input of [el.secrets, el.publicKeys, el.headerName, el.verifyToken, el.tolerance, el.now, el.events, el.requestMethod, el.requestUrl, el.headers, el.body, el.bodyEncoding, el.curlUrl]) {
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

  if (provider) {
    loadProvider(provider);
  }
  document.documentElement.dataset.ready = "true";
}

// ---- what a descriptor says, in words ---------------------------------------------------------
// Pure functions of one entry of `providers`. Keys a newer package adds are ignored, and values
// this page does not know are shown as they are rather than guessed at.

/** The provider a link asks for: `#provider=stripe` or `?provider=stripe`. */
function linkedProvider() {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, "")).get("provider");
  const fromQuery = new URLSearchParams(location.search).get("provider");
  for (const id of [fromHash, fromQuery]) {
    if (id && hg.providers.some((p) => p.id === id)) return id;
  }
  return null;
}

/**
 * A made-up secret of the shape the provider's keys have, for providers the local worker has no
 * demo route for: `whsec_` + base64 where the key is decoded from it, text otherwise. Never a
 * real secret; the words say so once decoded, too.
 */
function demoSecret(x) {
  if (x.auth.kind === "token") return `demo-token-for-${x.id}-not-real`;
  if (x.auth.key === "whsec-base64") return `whsec_${btoa(`hookguard ${x.id} demo key, not real`)}`;
  return `demo_${x.id.replace(/[^a-z0-9]+/gi, "_")}_secret_not_real`;
}

/** Lines of a field, trimmed, blank ones dropped. */
function lines(text) {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * Public keys, one per line; a PEM block (-----BEGIN PUBLIC KEY----- … -----END …-----) spans
 * lines and is one key, kept with its line breaks.
 */
function keyLines(text) {
  const out = [];
  let pem = null;
  for (const line of lines(text)) {
    if (pem === null && /^-----BEGIN [A-Z0-9 ]+-----$/.test(line)) pem = [line];
    else if (pem !== null) {
      pem.push(line);
      if (/^-----END [A-Z0-9 ]+-----$/.test(line)) {
        out.push(`${pem.join("\n")}\n`);
        pem = null;
      }
    } else out.push(line);
  }
  if (pem !== null) out.push(pem.join("\n"));
  return out;
}

/**
 * The key shapes of a public-key scheme (`auth.key`, or `auth.public.key`), in words. (A
 * function, not a table: start() runs before the module's later constants exist.)
 */
function keyShape(key, half) {
  const shapes = {
    "ed25519-hex": {
      public: "an Ed25519 public key, 64 hex characters (32 bytes)",
      private: "the Ed25519 private key: whsk_ + the base64 of its 32-byte seed (or the seed as 64 hex characters)",
    },
    "spki-base64": {
      public: "an ECDSA P-256 public key: the base64 of its SubjectPublicKeyInfo (DER); PEM armour (-----BEGIN PUBLIC KEY-----) is accepted too",
      private: "the P-256 private key: its scalar, 64 hex characters",
    },
    "whpk-base64": {
      public: "a whpk_ key (whpk_ + the base64 of a 32-byte Ed25519 public key)",
      private: "a whsk_ key (whsk_ + the base64 of the Ed25519 private key)",
    },
  };
  return shapes[key]?.[half] ?? `a ${half} key (${key ?? "format unknown"})`;
}

/** The public key's meaning, for the Public keys hint: the receiver holds only this half. */
function publicKeyHint(x, prefilled) {
  const pub = x.auth.publicKey === true ? { algorithm: x.auth.algorithm, key: x.auth.key } : x.auth.public;
  const shape = keyShape(pub?.key, "public");
  const who = x.auth.publicKey === true
    ? `${x.displayName} signs with its private key; the receiver holds only the public key, which checks a signature but cannot make one, so it is no secret.`
    : `Optional: for ${pub.prefix ?? ""}… (${pub.algorithm}) tokens, signed with the sender's private key; the receiver holds only the public key, which checks a signature but cannot make one. Secrets, public keys or both may be set; keyIndex counts the secrets first.`;
  const made = prefilled ? " Prefilled: the public half of a key pair made in this page (New key pair makes another)." : "";
  return `${capitalise(shape)}. ${who} One per line while rotating: any may match.${made}`;
}

/** The private key's meaning, for the sign side: only the sender has it. */
function privateKeyHint(x, active) {
  const key = x.auth.publicKey === true ? x.auth.key : x.auth.public?.key;
  const shape = keyShape(key, "private");
  const use = x.auth.publicKey === true
    ? `Generate and Sign body sign with it, as ${x.displayName} does with its own; a real delivery is signed with ${x.displayName}'s private key, which never leaves it.`
    : active
      ? `Generate and Sign body write a ${x.auth.public?.prefix ?? ""}… token with it (verifiable with the public key alone).`
      : `Signing v1 now, with the first secret; choose v1a to sign with this key.`;
  return `${capitalise(shape)}. ${use} Prefilled from the same pair as the public key; kept in this page only.`;
}

/** What the verify token is, from the descriptor's GET handshake (Meta's hub.verify_token). */
function verifyTokenMeaning(x) {
  const hs = (x.handshakes ?? []).find((h) => h.answer?.kind === "echo-query");
  const name = hs?.answer?.token ?? "the token";
  return `The verify token typed at ${x.displayName} when adding the endpoint: its GET check sends it as ${name} and is answered only when it matches. Deliveries do not use it.`;
}

/** What the request row is for, per provider. */
function requestMeaning(x) {
  if (x.auth.needsUrl === true) {
    const method = (x.auth.signedContent ?? []).some((p) => p.part === "method");
    return `${x.displayName} signs the request URL${method ? " and method" : ""}: give the full URL exactly as ${x.displayName} called it (scheme, host, port, path and query; behind a proxy, the public one). A pasted request line with its Host header fills ${method ? "both" : "it"}. Generate and Sign body sign for this URL.`;
  }
  if ((x.handshakes ?? []).some((h) => h.trigger?.kind === "get-with-token")) {
    return `Only ${x.displayName}'s endpoint check (its verification of intent) reads these: a GET to the URL carrying ${x.auth.defaultHeader} (set GET, keep the header). Deliveries are POSTs.`;
  }
  const hs = (x.handshakes ?? []).find((h) => h.trigger?.kind === "query");
  const t = hs?.trigger;
  const a = hs?.answer ?? {};
  const query = t ? `?${t.name}=${t.value}${a.challenge ? `&${a.challenge}=…` : ""}${a.token ? `&${a.token}=…` : ""}` : "";
  return `Only ${x.displayName}'s endpoint check reads these: a GET to the URL with ${query} (paste it as a request line, or set GET and the URL). Deliveries are POSTs.`;
}

/** The signed fields of a body-field scheme, in words. */
function signedFields(x) {
  return (x.auth.signedContent ?? []).filter((p) => "field" in p).map((p) => `“${p.field}”`);
}

/** A body-field scheme proves only its fields: said plainly wherever it verifies. */
function unsignedBodyWarning(x) {
  const fields = signedFields(x);
  return `${x.displayName} signs only ${fields.length ? `the field${fields.length > 1 ? "s" : ""} ${fields.join(", ")}` : "a few fields"}; the rest of the body is not proven: anyone who has seen one delivery can change it and it still verifies. Re-fetch what you act on from ${x.displayName}'s API.`;
}

/** What the configured secret string is to the MAC. */
function secretMeaning(x) {
  switch (x.auth.key) {
    case "whsec-base64":
      return "The whsec_… signing secret: the base64 after whsec_ is decoded and is the key.";
    case "utf8":
      return "The signing secret, used as text: its UTF-8 bytes are the key (nothing is decoded, even if it looks like hex or base64).";
    default:
      return "The webhook's signing secret.";
  }
}

function toleranceMeaning(x) {
  const t = x.timestamp;
  const window =
    t.window === "past-only"
      ? "Past only: a timestamp older than this is rejected, a later one is accepted (as the provider's SDK does)."
      : t.window === "symmetric"
        ? "Either side of now: older or newer by more than this is rejected."
        : `Window: ${t.window}.`;
  const retries = x.retries && x.retryWindowSeconds > 0 ? ` Retries come up to ${roughDuration(x.retryWindowSeconds)} after the first attempt.` : "";
  return `Default ${t.defaultTolerance} s. ${window}${retries}`;
}

/** The signed content as a template: `{id}.{timestamp}.{body}`. */
function signedTemplate(auth) {
  const parts = Array.isArray(auth.signedContent) ? auth.signedContent : [];
  return parts
    .map((p) => ("literal" in p ? String(p.literal) : `{${p.part ?? Object.values(p)[0] ?? "?"}}`))
    .join("");
}

/** "HMAC-SHA256 of {timestamp}.{body}, hex, in Stripe-Signature": derived from the descriptor alone. */
function signsWhat(x) {
  const a = x.auth;
  if (a.kind === "token") {
    const header = displayName(a.defaultHeader ?? a.header ?? "authorization");
    return `No signature: a static token ${a.headerConfigurable ? `in the header you name at the provider (default ${header})` : `in ${header}`}, compared exactly`;
  }
  if (a.kind === "bodyField") {
    const parts = (a.signedContent ?? []).map((p) => ("field" in p ? `{${p.field}}` : String(p.literal ?? ""))).join("");
    return `${a.algorithm} of ${parts || "body fields"}${a.encoding ? `, ${a.encoding}` : ""}, in the body's “${a.signatureField}” field${a.multipartField ? ` (or a form's “${a.multipartField}” part)` : ""}`;
  }
  if (a.kind !== "signature") return `Authentication: ${a.kind}`;
  const template = signedTemplate(a);
  const what = template === "" ? "the delivery" : template === "{body}" ? "the raw body" : template;
  const enc = a.encoding ? `, ${a.encoding}` : "";
  let where = a.query ? `, in the request URL's ?${a.query}= parameter` : `, in ${displayName(a.header)}`;
  const ex = a.extract ?? {};
  if (ex.kind === "pairs") {
    const t = x.timestamp?.pair ? `${x.timestamp.pair}=…${ex.separator}` : "";
    where += ` as ${t}${ex.key}=${a.prefix ?? ""}…`;
  } else if (ex.kind === "list") {
    where += ` as ${a.prefix ? `${a.prefix}… ` : ""}tokens separated by ${ex.separator === " " ? "spaces" : `“${ex.separator}”`}`;
  } else if (a.prefix) {
    where += ` after “${a.prefix}”`;
  }
  return `${a.algorithm} of ${what}${enc}${where}`;
}

/** One line for the picker's list. */
function shortScheme(x) {
  if (x.auth.kind === "token") return "weak: token only";
  if (x.auth.kind === "bodyField") return `${x.auth.algorithm} of body fields only`;
  if (x.auth.kind !== "signature") return x.auth.kind;
  const template = signedTemplate(x.auth);
  return `${x.auth.algorithm}${template && template !== "{body}" ? ` of ${template}` : ""}`;
}

function whereItLives(f) {
  if (!f) return null;
  if (f.in === "body") return `the body's “${f.name}” field`;
  if (f.in === "header") return `the ${displayName(f.name)} header`;
  return f.name ? String(f.name) : null;
}

/** What the JSON body must hold, in words. */
function envelopeShape(x) {
  const fields = new Set(x.requiredFields ?? []);
  for (const f of [x.eventSource, x.idSource]) if (f?.in === "body") fields.add(f.name);
  return fields.size ? `a JSON object with ${[...fields].map((f) => `“${f}”`).join(", ")}` : "a JSON object, as sent";
}

/** The summary under the picker: every check the verifier makes for this provider. */
function schemeSummary(x) {
  const rows = [["Signs", signsWhat(x)]];
  if (x.auth.kind === "signature" && x.auth.publicKey === true) {
    rows.push(["Key", `${keyShape(x.auth.key, "public")}. ${x.displayName} signs with its private key; the receiver holds only the public key (it checks signatures, it cannot make one)`]);
  } else if (x.auth.kind === "signature") {
    rows.push(["Key", x.auth.key === "whsec-base64" ? "the base64 after whsec_, decoded" : x.auth.key === "utf8" ? "the secret's text (UTF-8), as given" : String(x.auth.key ?? "the secret")]);
    const pub = x.auth.public;
    if (pub) {
      rows.push([
        "Or",
        `${pub.algorithm} signatures as ${pub.prefix ?? ""}… tokens (${pub.encoding ?? "base64"}) in the same ${displayName(x.auth.header)} header, verified with ${keyShape(pub.key, "public")}: the sender keeps the private key, the receiver holds only the public key`,
      ]);
    }
  }
  const t = x.timestamp;
  if (t) {
    const unit = t.unit === "ms" ? "unix milliseconds" : t.unit === "s" ? "unix seconds" : String(t.unit);
    const window = t.window === "past-only" ? `up to ${t.defaultTolerance} s old (past only)` : `± ${t.defaultTolerance} s`;
    rows.push(["Timestamp", `${t.pair ? `${t.pair}= in ${displayName(t.header)}` : displayName(t.header)}, ${unit}, ${t.signed ? "signed" : "not signed (freshness only)"}; ${window} by default`]);
  } else {
    rows.push(["Timestamp", "none: freshness cannot be checked"]);
  }
  rows.push(["Replay id", whereItLives(x.idSource) ?? (x.idHeader ? `the ${displayName(x.idHeader)} header` : "none: replays cannot be told apart")]);
  const event = whereItLives(x.eventSource);
  if (event) rows.push(["Event", event]);
  for (const c of x.crossChecks ?? []) rows.push(["Must agree", `${displayName(c.header)} with the body's “${c.field}”`]);
  rows.push(["Retries", x.retries ? (x.retryWindowSeconds > 0 ? `yes, for about ${roughDuration(x.retryWindowSeconds)}` : "yes") : "no"]);
  const out = [
    h("p", { class: "scheme-title" }, h("strong", {}, x.displayName), " ", h("code", {}, x.id)),
    h("dl", { class: "kv" }, ...rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
  ];
  if (x.bodySigned === false) {
    out.push(h("p", { class: "weak", id: "unsigned-summary" }, h("strong", {}, "Body not signed."), ` ${unsignedBodyWarning(x)}`));
  }
  if (x.auth.kind === "token") {
    out.push(
      h(
        "p",
        { class: "weak" },
        h("strong", {}, "Weak: token only."),
        " Nothing covers the body: anyone who sees one delivery (or the token) can send any body with it, and nothing dates it. Keep the token secret and the URL unguessable.",
      ),
    );
  }
  return out;
}

function headerPlaceholder(x) {
  const lines = [];
  if (x.auth.kind === "token") {
    lines.push(`${displayName(x.auth.defaultHeader ?? x.auth.header ?? "authorization")}: …`);
  } else if (x.auth.kind === "bodyField") {
    lines.push("Content-Type: application/json");
  } else if (!x.auth.header) {
    // The signature is not in a header (PandaDoc's URL query).
    lines.push("Content-Type: application/json");
  } else {
    const ex = x.auth.extract ?? {};
    const sig = ex.kind === "pairs" ? `${x.timestamp?.pair ? `${x.timestamp.pair}=1780065000${ex.separator}` : ""}${ex.key}=…` : `${x.auth.prefix ?? ""}…`;
    lines.push(`${displayName(x.auth.header)}: ${sig}`);
    if (x.timestamp && !x.timestamp.pair) lines.push(`${displayName(x.timestamp.header)}: ${x.timestamp.unit === "ms" ? "1780065000000" : "1780065000"}`);
  }
  if (x.idHeader) lines.push(`${displayName(x.idHeader)}: …`);
  for (const c of x.crossChecks ?? []) lines.push(`${displayName(c.header)}: …`);
  return lines.join("\n");
}

function bodyPlaceholder(x) {
  const fields = new Set(x.requiredFields ?? []);
  for (const f of [x.idSource, x.eventSource]) if (f?.in === "body") fields.add(f.name);
  return fields.size ? `{${[...fields].map((f) => `"${f}":"…"`).join(",")},…}` : "{…}";
}

function roughDuration(s) {
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} days`;
}

// ---- small helpers ----------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) node.setAttribute(k, v);
  for (const c of children) if (c !== "" && c != null) node.append(c);
  return node;
}

function sameBytes(a, b) {
  const x = typeof a === "string" ? new TextEncoder().encode(a) : a;
  const y = typeof b === "string" ? new TextEncoder().encode(b) : b;
  return x.length === y.length && x.every((v, i) => v === y[i]);
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
