// The operator page (/_hookguard/): the worker's delivery log and replays, through its admin API
// (/_hookguard/api/), for people. Two rules hold everywhere below:
// - every string from the server is put on the page as text (textContent, text nodes, attribute
//   values), never as markup: ids and events are chosen by whoever sent the webhook;
// - the admin token lives in this tab's sessionStorage only and travels only as the
//   Authorization header of requests to this worker's own API, never in a URL.

const TOKEN_KEY = "hookguard.adminToken";
const PAGE_SIZE = 50;
// Sent as the bulk replay's `limit` (the API's default, stated rather than assumed), so the
// confirmation can say exactly how many at most.
const BULK_LIMIT = 20;
// Beside this module, so the page works at /_hookguard/ and at /_hookguard/index.html alike.
const API = new URL("./api/", import.meta.url);

const STATUS_WORDS = { delivered: "Delivered", queued: "Queued", failed: "Failed", dead: "Dead" };
const OUTCOME_WORDS = {
  delivered: "delivered",
  origin_refused: "origin refused it",
  origin_timeout: "origin timed out",
  origin_unreachable: "origin unreachable",
};
const KIND_WORDS = { live: "live", queue: "queue retry", replay: "operator replay" };
const SKIP_WORDS = {
  in_flight: "being delivered right now",
  not_replayable: "not replayable (no stored body, or no configured route)",
};

const $ = (id) => document.getElementById(id);

/** A failed API call: the HTTP status (0: no answer), the API's error code and message. */
class ApiError extends Error {
  constructor(status, code, message, retryAfter = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

const el = {
  session: $("session"),
  signOut: $("sign-out"),
  status: $("status"),
  signin: $("signin"),
  signinForm: $("signin-form"),
  token: $("token"),
  signinError: $("signin-error"),
  console: $("console"),
  filterForm: $("filter-form"),
  route: $("f-route"),
  statusFilter: $("f-status"),
  event: $("f-event"),
  since: $("f-since"),
  until: $("f-until"),
  reset: $("reset"),
  replayAll: $("replay-all"),
  bulkResult: $("bulk-result"),
  panes: $("panes"),
  list: $("list"),
  count: $("count"),
  refresh: $("refresh"),
  rows: $("rows"),
  empty: $("empty"),
  loadMore: $("load-more"),
  detail: $("detail"),
  detailHeading: $("detail-h"),
  detailId: $("detail-id"),
  detailFields: $("detail-fields"),
  attemptRows: $("attempt-rows"),
  noAttempts: $("no-attempts"),
  replay: $("replay"),
  replayResult: $("replay-result"),
  closeDetail: $("close-detail"),
};

const state = {
  token: readToken(),
  // The filter the list shows (the form may be ahead of it while someone types).
  applied: {},
  cursor: null,
  rows: [],
  // The delivery in the detail panel: { id, route }.
  open: null,
  // Bumped by every list load, so an answer that a newer load overtook is dropped.
  generation: 0,
};

// ---- the token ----------------------------------------------------------------------------------

function readToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null; // storage disabled: the token lives in memory, for this page load only
  }
}

function keepToken(token) {
  state.token = token;
  try {
    if (token === null) sessionStorage.removeItem(TOKEN_KEY);
    else sessionStorage.setItem(TOKEN_KEY, token);
  } catch {}
}

// ---- the API ------------------------------------------------------------------------------------

/**
 * One call to the admin API: `path` relative to /_hookguard/api/, `query` as search parameters
 * (empty values left out), `body` sent as JSON. Resolves to the answer's JSON; throws ApiError.
 */
async function api(path, { method = "GET", query = {}, body } = {}) {
  const url = new URL(path, API);
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, String(v));
  const headers = { authorization: `Bearer ${state.token}`, accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  let res;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      credentials: "omit",
      redirect: "error",
    });
  } catch (e) {
    throw new ApiError(0, "network", `The worker could not be reached (${e.message}).`);
  }
  let json = null;
  try {
    json = await res.json();
  } catch {}
  if (res.ok && json && typeof json === "object") return json;
  const error = json?.error ?? {};
  throw new ApiError(
    res.status,
    typeof error.code === "string" ? error.code : res.ok ? "bad_answer" : `http_${res.status}`,
    typeof error.message === "string" ? error.message : res.ok ? "The worker's answer was not JSON." : `The worker answered ${res.status}.`,
    retryAfter(res.headers.get("retry-after")),
  );
}

/** Retry-After in whole seconds (it may be seconds or an HTTP date), or null. */
function retryAfter(value) {
  if (value === null) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/**
 * The API path of one delivery (`deliveries/{id}`, then `suffix`). The id is percent-encoded,
 * but an id of "." or ".." would still be a dot segment that URL parsing removes (the replay of
 * ".." would become a POST to api/replay, the bulk replay): those are refused here.
 */
function deliveryPath(id, suffix = "") {
  if (id === "" || id === "." || id === "..") {
    throw new ApiError(0, "unaddressable_id", `A delivery with the id ${JSON.stringify(id)} cannot be addressed through the API.`);
  }
  return `deliveries/${encodeURIComponent(id)}${suffix}`;
}

/** What a failed call means, in words. */
function explain(e) {
  if (!(e instanceof ApiError)) return `Something went wrong in the page: ${e?.message ?? e}`;
  if (e.status === 429) {
    return e.retryAfter === null ? "Rate limited: try again in a few seconds." : `Rate limited, try again in ${e.retryAfter} s.`;
  }
  if (e.status === 0) return e.message;
  if (e.code === "invalid_parameter") return `The worker refused the filter: ${e.message}`;
  if (e.code === "in_flight") {
    return `It is being delivered right now: try again ${e.retryAfter === null ? "in a moment" : `in ${e.retryAfter} s`}. (${e.message})`;
  }
  if (e.code === "not_found") return `Not found: ${e.message}`;
  return `${e.message} (${e.code}, HTTP ${e.status})`;
}

/**
 * Handles a failed call: a 401 (the token was revoked or changed) ends the session and asks
 * for the token again; anything else is shown in the status line. Returns the words shown.
 */
function failed(e, what) {
  if (e instanceof ApiError && e.status === 401) {
    showSignIn("The worker refused the token (401 unauthorized): it may have been changed. Sign in again.");
    return null;
  }
  const words = `${what}: ${explain(e)}`;
  say(words, "bad");
  return words;
}

// ---- status line --------------------------------------------------------------------------------

function say(text, kind = "") {
  el.status.textContent = text;
  el.status.className = kind ? `status ${kind}` : "status";
}

// ---- sign in and out ----------------------------------------------------------------------------

function showSignIn(error = "") {
  keepToken(null);
  state.generation++;
  state.rows = [];
  state.cursor = null;
  state.open = null;
  el.rows.replaceChildren();
  closeDetail({ refocus: false });
  el.bulkResult.hidden = true;
  el.console.hidden = true;
  el.session.hidden = true;
  el.signin.hidden = false;
  el.token.value = "";
  el.signinError.textContent = error;
  el.signinError.hidden = error === "";
  el.token.setAttribute("aria-invalid", error ? "true" : "false");
  document.documentElement.dataset.view = "signin";
  say("");
  el.token.focus();
}

async function signIn(token, { stored = false } = {}) {
  keepToken(token);
  el.signinError.hidden = true;
  say(stored ? "Signing in with this tab's token…" : "Checking the token…");
  let routes;
  try {
    ({ routes } = await api("routes"));
  } catch (e) {
    const message =
      e instanceof ApiError && e.status === 401
        ? stored
          ? "This tab's token was refused (401 unauthorized): it may have been changed. Sign in again."
          : "That token was refused (401 unauthorized). Check the worker's HOOKGUARD_ADMIN_TOKEN."
        : e instanceof ApiError && e.status === 404
          ? "This worker has no admin API (404): it is enabled by the Worker secret HOOKGUARD_ADMIN_TOKEN."
          : `Could not sign in: ${explain(e)}`;
    showSignIn(message);
    return;
  }
  fillRoutes(Array.isArray(routes) ? routes : []);
  el.signin.hidden = true;
  el.console.hidden = false;
  el.session.hidden = false;
  document.documentElement.dataset.view = "console";
  el.route.focus();
  applyFilter();
}

function fillRoutes(routes) {
  const chosen = el.route.value;
  el.route.replaceChildren(
    h("option", { value: "" }, "All routes"),
    ...routes.map((r) => {
      const about = [r.provider, r.mode, r.retentionDays != null ? `kept ${r.retentionDays} d` : null].filter(Boolean).join(", ");
      return h("option", { value: String(r.path) }, about ? `${r.path} (${about})` : String(r.path));
    }),
  );
  if ([...el.route.options].some((o) => o.value === chosen)) el.route.value = chosen;
}

// ---- the filter ---------------------------------------------------------------------------------

/** The form's filter, with times as ISO 8601 UTC. Throws an Error naming a bad field. */
function readFilter() {
  const filter = {};
  if (el.route.value) filter.route = el.route.value;
  if (el.statusFilter.value) filter.status = el.statusFilter.value;
  const event = el.event.value.trim();
  if (event) filter.event = event;
  for (const [key, input, label] of [["since", el.since, "Received since"], ["until", el.until, "Received until"]]) {
    if (input.validity.badInput) throw new Error(`“${label}” is not a complete date and time.`);
    if (!input.value) continue;
    // A datetime-local value has no offset: Date reads it as local time, as the person meant.
    const at = new Date(input.value);
    if (Number.isNaN(at.getTime())) throw new Error(`“${label}” is not a date and time.`);
    filter[key] = at.toISOString();
  }
  if (filter.since && filter.until && filter.since >= filter.until) throw new Error("“Received until” must be later than “Received since”.");
  return filter;
}

const sameFilter = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const hasFilter = (f) => Object.keys(f).length > 0;

/** The filter in words, one "name: value" per field. */
function filterWords(f) {
  const words = [];
  if (f.route) words.push(`route ${f.route}`);
  if (f.status) words.push(`status ${f.status}`);
  if (f.event) words.push(`event ${f.event}`);
  if (f.since) words.push(`received since ${localTime(f.since)}`);
  if (f.until) words.push(`received until ${localTime(f.until)}`);
  return words;
}

/**
 * Shows the list for the form's filter; `onlyIfChanged`: not when the list shows it already.
 * Resolves to false when the form is not valid.
 */
async function applyFilter({ onlyIfChanged = false } = {}) {
  let filter;
  try {
    filter = readFilter();
  } catch (e) {
    say(e.message, "bad");
    return false;
  }
  if (onlyIfChanged && sameFilter(filter, state.applied)) return true;
  state.applied = filter;
  el.bulkResult.hidden = true;
  await loadList();
  return true;
}

// ---- the list -----------------------------------------------------------------------------------

async function loadList({ more = false } = {}) {
  const generation = ++state.generation;
  const query = { ...state.applied, limit: PAGE_SIZE };
  if (more) query.cursor = state.cursor;
  el.list.setAttribute("aria-busy", "true");
  el.loadMore.disabled = true;
  say(more ? "Loading more deliveries…" : "Loading deliveries…");
  try {
    const { deliveries, cursor } = await api("deliveries", { query });
    if (generation !== state.generation) return;
    const got = Array.isArray(deliveries) ? deliveries : [];
    state.rows = more ? [...state.rows, ...got] : got;
    state.cursor = typeof cursor === "string" && cursor !== "" ? cursor : null;
    if (more) el.rows.append(...got.map(deliveryRow));
    else el.rows.replaceChildren(...got.map(deliveryRow));
    showCount();
    const scope = hasFilter(state.applied) ? ` matching ${filterWords(state.applied).join(", ")}` : "";
    say(
      state.rows.length === 0
        ? `No deliveries${scope}.`
        : `${state.rows.length === 1 ? "1 delivery" : `${state.rows.length} deliveries`}${scope} shown${state.cursor ? "; more with Load more" : ""}.`,
    );
    if (more && got.length) el.rows.querySelector(`tr:nth-child(${state.rows.length - got.length + 1}) .open-id`)?.focus();
  } catch (e) {
    if (generation === state.generation) failed(e, "Could not load the deliveries");
  } finally {
    if (generation === state.generation) {
      el.list.removeAttribute("aria-busy");
      el.loadMore.disabled = false;
    }
  }
}

function showCount() {
  const n = state.rows.length;
  el.count.textContent = n ? `(${n}${state.cursor ? "+" : ""})` : "";
  el.empty.hidden = n > 0;
  el.loadMore.hidden = state.cursor === null;
}

/** One delivery as a table row (stacked as a card on a phone: each cell carries its label). */
function deliveryRow(d) {
  const open = h("button", { type: "button", class: "open-id", "aria-label": `Open delivery ${text(d.id)}` }, h("code", {}, ...breakable(d.id, /(?<=[/._-])/)));
  open.addEventListener("click", () => openDetail(d.id, d.route, { opener: open }));
  const tr = h(
    "tr",
    {},
    cell("Received", timeCell(d.receivedAt)),
    cell("Route", h("code", {}, ...breakable(d.route))),
    cell("Provider", text(d.provider)),
    cell("Event", d.event == null ? none() : h("code", {}, ...breakable(d.event))),
    cell("ID", open),
    cell("Status", badge(d.status)),
    cell("Attempts", text(d.attempts), "num-col"),
    cell("Origin", d.originStatus == null ? none() : text(d.originStatus), "num-col"),
  );
  tr.dataset.id = text(d.id);
  tr.dataset.route = text(d.route);
  tr.dataset.status = text(d.status);
  if (isOpen(d.id, d.route)) tr.classList.add("current");
  // A click anywhere on the row opens it too (the id's button is the keyboard's way in).
  tr.addEventListener("click", (e) => {
    if (e.target.closest("button") || getSelection().toString()) return;
    openDetail(d.id, d.route, { opener: open });
  });
  return tr;
}

function cell(label, content, className) {
  const td = h("td", className ? { class: className } : {}, content);
  td.dataset.label = label;
  return td;
}

const isOpen = (id, route) => state.open !== null && state.open.id === id && state.open.route === route;

function markOpenRow() {
  for (const tr of el.rows.children) {
    const open = state.open !== null && tr.dataset.id === text(state.open.id) && tr.dataset.route === text(state.open.route);
    tr.classList.toggle("current", open);
    tr.querySelector(".open-id")?.setAttribute("aria-current", open ? "true" : "false");
  }
}

// ---- one delivery -------------------------------------------------------------------------------

let opener = null;

async function openDetail(id, route, { opener: from = null, focus = true } = {}) {
  state.open = { id, route };
  if (from) opener = from;
  markOpenRow();
  el.detail.hidden = false;
  el.panes.classList.add("with-detail");
  el.detailId.textContent = text(id);
  el.detail.setAttribute("aria-busy", "true");
  el.replay.disabled = true;
  if (focus) {
    el.replayResult.hidden = true;
    el.detailFields.replaceChildren();
    el.attemptRows.replaceChildren();
    el.noAttempts.hidden = true;
    // Side by side (wide screens) the panel is in view already; stacked, it is brought there.
    const stacked = matchMedia("(max-width: 1099px)").matches;
    el.detailHeading.focus({ preventScroll: !stacked });
    if (stacked) el.detail.scrollIntoView({ block: "start" });
  }
  try {
    const { delivery } = await api(deliveryPath(id), { query: { route } });
    if (!isOpen(id, route)) return;
    renderDetail(delivery ?? {});
    // An older worker may not say; the API refuses a replay it cannot do either way.
    el.replay.disabled = delivery?.replayable === false;
    updateRow(delivery ?? {});
    if (focus) say(`Delivery ${text(id)}: ${STATUS_WORDS[delivery?.status] ?? text(delivery?.status)}, ${count((delivery?.attempts ?? []).length, "attempt")}.`);
  } catch (e) {
    if (!isOpen(id, route)) return;
    const words = failed(e, `Could not load delivery ${text(id)}`);
    if (words) showResult(el.replayResult, words, "bad");
  } finally {
    if (isOpen(id, route)) el.detail.removeAttribute("aria-busy");
  }
}

function closeDetail({ refocus = true } = {}) {
  state.open = null;
  el.detail.hidden = true;
  el.panes.classList.remove("with-detail");
  markOpenRow();
  if (refocus && opener?.isConnected) opener.focus();
  opener = null;
}

const FIELD_ORDER = [
  "id",
  "route",
  "provider",
  "event",
  "status",
  "reason",
  "receivedAt",
  "updatedAt",
  "originStatus",
  "attempts",
  "bodyBytes",
  "replays",
  "replayable",
];
const FIELD_LABELS = {
  id: "ID",
  route: "Route",
  provider: "Provider",
  event: "Event",
  status: "Status",
  reason: "Reason",
  receivedAt: "Received",
  updatedAt: "Updated",
  originStatus: "Origin status",
  attempts: "Attempts",
  bodyBytes: "Body",
  replays: "Operator replays",
  replayable: "Replayable",
};

function renderDetail(d) {
  const attempts = Array.isArray(d.attempts) ? d.attempts : [];
  const value = (key) => {
    const v = d[key];
    if (key === "attempts") return String(attempts.length);
    if (v === null || v === undefined || v === "") return none();
    if (key === "status") return badge(v);
    if (key === "receivedAt" || key === "updatedAt") return timeCell(v, { long: true });
    if (key === "bodyBytes") return `${text(v)} bytes`;
    if (key === "replayable") return v === true ? "yes" : v === false ? "no: its body is not stored (any more), or its route is not configured" : text(v);
    if (key === "id" || key === "route" || key === "event") return h("code", {}, text(v));
    // A reason is an outcome's code (origin_refused, …): in words, with the code.
    if (key === "reason") return h("span", {}, outcomeWords(v), " ", h("code", {}, `(${text(v)})`));
    return text(v);
  };
  // Every field the API sends: the known ones in a reading order, then any it adds later.
  const keys = [...FIELD_ORDER, ...Object.keys(d).filter((k) => !FIELD_ORDER.includes(k))];
  el.detailFields.replaceChildren(...keys.flatMap((k) => [h("dt", {}, FIELD_LABELS[k] ?? k), h("dd", {}, value(k))]));
  el.attemptRows.replaceChildren(
    ...attempts.map((a) =>
      h(
        "tr",
        {},
        cell("#", text(a.n), "num-col"),
        cell("Time", a.at ? timeCell(a.at) : none()),
        cell("Kind", KIND_WORDS[a.kind] ?? text(a.kind)),
        cell("Outcome", outcome(a.outcome)),
        cell("Origin", a.originStatus == null ? none() : text(a.originStatus), "num-col"),
        cell("Latency", a.latencyMs == null ? none() : `${text(a.latencyMs)} ms`, "num-col"),
      ),
    ),
  );
  el.noAttempts.hidden = attempts.length > 0;
}

/** Brings the list's row for `d` up to date with its details (after a replay, say). */
function updateRow(d) {
  const i = state.rows.findIndex((r) => r.id === d.id && r.route === d.route);
  if (i < 0) return;
  const count = Array.isArray(d.attempts) ? d.attempts.length : d.attempts;
  const row = { ...state.rows[i], ...d, attempts: count };
  state.rows[i] = row;
  const old = [...el.rows.children].find((tr) => tr.dataset.id === text(d.id) && tr.dataset.route === text(d.route));
  if (!old) return;
  const fresh = deliveryRow(row);
  if (opener && old.contains(opener)) opener = fresh.querySelector(".open-id");
  old.replaceWith(fresh);
  markOpenRow();
}

async function replayOne() {
  if (state.open === null) return;
  const { id, route } = state.open;
  el.replay.disabled = true;
  el.replayResult.hidden = true;
  say(`Replaying ${text(id)}…`);
  try {
    const { replay } = await api(deliveryPath(id, "/replay"), { method: "POST", query: { route } });
    const ok = replay?.outcome === "delivered";
    const words =
      `Replayed ${text(id)}: ${outcomeWords(replay?.outcome)}` +
      `${replay?.originStatus == null ? "" : ` (origin answered ${text(replay.originStatus)})`}` +
      `; its status is now ${text(replay?.status)}.`;
    say(words, ok ? "ok" : "bad");
    if (!isOpen(id, route)) return;
    showResult(el.replayResult, words, ok ? "ok" : "bad");
    await openDetail(id, route, { focus: false });
  } catch (e) {
    const words = failed(e, `Could not replay ${text(id)}`);
    if (words && isOpen(id, route)) {
      showResult(el.replayResult, words, "bad");
      el.replay.disabled = false;
    }
  }
}

function showResult(node, words, kind) {
  node.textContent = words;
  node.className = `result ${kind}`;
  node.hidden = false;
}

// ---- bulk replay --------------------------------------------------------------------------------

async function replayAll() {
  let filter;
  try {
    filter = readFilter();
  } catch (e) {
    say(e.message, "bad");
    return;
  }
  if (!hasFilter(filter)) {
    say("Choose a filter first: a bulk replay needs at least a route, status, event or time.", "bad");
    el.statusFilter.focus();
    return;
  }
  // What is replayed is what the list shows: a filter typed but not applied yet is applied first.
  if (!sameFilter(filter, state.applied)) {
    state.applied = filter;
    await loadList();
  }
  const shown = state.rows.length;
  const known = state.cursor ? `at least ${shown}` : String(shown);
  const ok = confirm(
    `Replay up to ${BULK_LIMIT} deliveries matching:\n` +
      filterWords(filter).map((w) => `  • ${w}\n`).join("") +
      `\n${known} ${shown === 1 && !state.cursor ? "delivery matches" : "deliveries match"} in the list. ` +
      "Their stored bodies are sent to the origin again, marked X-Hookguard-Replay: 1. " +
      "Deliveries in flight or without a stored body are skipped.",
  );
  if (!ok) {
    say("Bulk replay cancelled: nothing was sent.");
    return;
  }
  el.replayAll.disabled = true;
  el.bulkResult.hidden = true;
  say("Replaying the matching deliveries…");
  try {
    const answer = await api("replay", { method: "POST", body: { ...filter, limit: BULK_LIMIT } });
    const replayed = Array.isArray(answer.replayed) ? answer.replayed : [];
    const skipped = Array.isArray(answer.skipped) ? answer.skipped : [];
    const summary =
      `Replayed ${replayed.length}, skipped ${skipped.length}.` +
      (answer.more ? " More deliveries match: press Replay all matching again for the next ones." : "");
    const kind = replayed.length > 0 && skipped.length === 0 && replayed.every((r) => r.outcome === "delivered") ? "ok" : "";
    renderBulk(summary, replayed, skipped, kind);
    // The statuses changed: the list and the open delivery are fetched again, and then the
    // summary is said last (the list's own count would replace it in the status line).
    await loadList();
    if (state.open) await openDetail(state.open.id, state.open.route, { focus: false });
    say(summary, kind);
  } catch (e) {
    const words = failed(e, "Could not replay the matching deliveries");
    if (words) renderBulk(words, [], [], "bad");
  } finally {
    el.replayAll.disabled = false;
  }
}

function renderBulk(summary, replayed, skipped, kind = "") {
  const parts = [h("p", { class: `bulk-summary ${kind}` }, summary)];
  if (replayed.length) {
    parts.push(
      h("h3", {}, "Replayed"),
      h(
        "ul",
        { class: "bulk-list", "data-kind": "replayed" },
        ...replayed.map((r) =>
          h(
            "li",
            {},
            h("code", {}, text(r.id)),
            " on ",
            h("code", {}, text(r.route)),
            ": ",
            outcome(r.outcome),
            r.originStatus == null ? "" : ` (origin ${text(r.originStatus)})`,
          ),
        ),
      ),
    );
  }
  if (skipped.length) {
    parts.push(
      h("h3", {}, "Skipped"),
      h(
        "ul",
        { class: "bulk-list", "data-kind": "skipped" },
        ...skipped.map((s) => h("li", {}, h("code", {}, text(s.id)), " on ", h("code", {}, text(s.route)), ": ", SKIP_WORDS[s.reason] ?? text(s.reason))),
      ),
    );
  }
  el.bulkResult.replaceChildren(...parts);
  el.bulkResult.hidden = false;
}

// ---- rendering helpers --------------------------------------------------------------------------

/** Any value from the server as plain text. */
function text(v) {
  return v === null || v === undefined ? "" : String(v);
}

/**
 * A path, an event name or an id as text nodes with a line-break opportunity after each
 * separator, so a narrow column wraps "/hooks/insigner" at its slash rather than letter by letter.
 */
function breakable(v, after = /(?<=[/.])/) {
  return text(v)
    .split(after)
    .flatMap((part, i) => (i ? [document.createElement("wbr"), part] : [part]));
}

function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) node.setAttribute(k, v);
  for (const c of children) if (c !== "" && c != null) node.append(c);
  return node;
}

function count(n, word) {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}

function none() {
  return h("span", { class: "none" }, "—");
}

function badge(status) {
  const b = h("span", { class: "badge" }, STATUS_WORDS[status] ?? text(status));
  b.dataset.status = text(status);
  return b;
}

function outcomeWords(code) {
  return OUTCOME_WORDS[code] ?? text(code).replaceAll("_", " ");
}

function outcome(code) {
  const o = h("span", { class: "outcome" }, outcomeWords(code));
  o.dataset.outcome = text(code);
  return o;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
// The list's shorter form: the year only when it is not this one.
const shortTime = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", second: "2-digit" });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

function localTime(iso, { short = false } = {}) {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return text(iso);
  return short && at.getFullYear() === new Date().getFullYear() ? shortTime.format(at) : dateTime.format(at);
}

function ago(iso) {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return "";
  const s = Math.round((at - Date.now()) / 1000);
  for (const [unit, size] of [["day", 86400], ["hour", 3600], ["minute", 60]]) {
    if (Math.abs(s) >= size) return relative.format(Math.round(s / size), unit);
  }
  return relative.format(s, "second");
}

/** A server time: the local date and time, and how long ago (kept current by the timer below). */
function timeCell(iso, { long = false } = {}) {
  const t = h("time", { datetime: text(iso), title: text(iso) }, localTime(iso, { short: !long }));
  const rel = h("span", { class: "ago" }, ago(iso));
  rel.dataset.at = text(iso);
  return h("span", { class: long ? "when long" : "when" }, t, rel, long ? h("span", { class: "iso mono" }, text(iso)) : "");
}

setInterval(() => {
  for (const s of document.querySelectorAll(".ago")) s.textContent = ago(s.dataset.at);
}, 30_000);

// ---- wiring -------------------------------------------------------------------------------------

el.signinForm.addEventListener("submit", (e) => {
  e.preventDefault();
  const token = el.token.value.trim();
  if (!token) {
    el.signinError.textContent = "Enter the admin token.";
    el.signinError.hidden = false;
    el.token.setAttribute("aria-invalid", "true");
    el.token.focus();
    return;
  }
  el.token.value = "";
  signIn(token);
});
el.signOut.addEventListener("click", () => {
  showSignIn();
  say("Signed out: the token is gone from this tab.");
});
el.filterForm.addEventListener("submit", (e) => {
  e.preventDefault();
  applyFilter();
});
// Choosing a value applies it at once; typed text applies on Enter or on leaving the field.
el.filterForm.addEventListener("change", () => applyFilter({ onlyIfChanged: true }));
el.reset.addEventListener("click", () => {
  el.filterForm.reset();
  applyFilter();
});
el.replayAll.addEventListener("click", replayAll);
el.refresh.addEventListener("click", () => loadList());
el.loadMore.addEventListener("click", () => loadList({ more: true }));
el.replay.addEventListener("click", replayOne);
el.closeDetail.addEventListener("click", () => closeDetail());
el.detail.addEventListener("keydown", (e) => {
  if (e.key === "Escape") closeDetail();
});

$("tz").textContent = Intl.DateTimeFormat().resolvedOptions().timeZone ?? "local time";
$("bulk-limit").textContent = String(BULK_LIMIT);

if (state.token) signIn(state.token, { stored: true });
else showSignIn();
document.documentElement.dataset.ready = "true";
