// The operator page (www/_hookguard/) against the real edge worker: the built worker on workerd
// (Miniflare, started as tests/worker/ start it) with its delivery log, stored bodies and an
// admin token, a loopback origin whose /hooks/failing answers 500 until a test says otherwise,
// and real signed inSigner deliveries. Headless Chromium drives the page as an operator does.
// Every request the page makes is recorded: none may leave the worker's origin and none may
// carry the token in its URL; no console error or page error is tolerated beyond the failed
// loads a test provokes on purpose (a refused token, a rate-limited bulk replay).
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import { ADMIN_TOKEN as ADMIN, insignerDelivery, insignerRoute, post, startOrigin, startWorker, waitFor } from "../worker/harness.mjs";
import { foreignRequests, launchBrowser } from "./helpers.mjs";

const S = "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07";

// What the worker is sent: id -> route, event, the exact body bytes, and the status the page
// must show. The id with markup in it is a sender's to choose, as every id is.
const DELIVERIES = [
  { id: "dlv_ok_1", route: "/hooks/ok", event: "document.completed", status: "delivered" },
  { id: "dlv_ok_2", route: "/hooks/ok", event: "signer.completed", status: "delivered" },
  { id: "dlv_fail_1", route: "/hooks/failing", event: "document.completed", status: "failed" },
  { id: "dlv_fail_2", route: "/hooks/failing", event: "document.declined", status: "failed" },
  { id: "dlv_<img src=x onerror=alert(1)>", route: "/hooks/ok", event: "document.completed", status: "delivered" },
];
const byId = Object.fromEntries(DELIVERIES.map((d) => [d.id, d]));
const ids = (list) => list.map((d) => d.id).sort();

let origin, worker, browser, base, started;
let failing = true;
let tab;

before(async () => {
  origin = await startOrigin();
  origin.on("/hooks/failing", () => ({ status: failing ? 500 : 200 }));
  worker = await startWorker({
    routes: [insignerRoute(origin.url, "/hooks/ok"), insignerRoute(origin.url, "/hooks/failing")],
    vars: { S },
    originUrl: origin.url,
    // The delivery log (D1), the stored bodies (R2) and the admin token (ADMIN_TOKEN).
    gateway: true,
  });
  base = new URL("/_hookguard/", worker.url).href;
  started = Date.now() - 1000;
  for (const d of DELIVERIES) {
    const signed = insignerDelivery(S, { id: d.id, event: d.event });
    d.body = signed.body;
    const res = await post(worker, d.route, signed);
    await res.arrayBuffer();
    assert.equal(res.status, d.status === "delivered" ? 200 : 502, `sending ${d.id}`);
  }
  // The log is written after the worker answers: wait until it holds every delivery.
  const logged = await waitFor(async () => (await worker.admin("deliveries")).json?.deliveries?.length === DELIVERIES.length);
  assert.ok(logged, "the worker's log does not list every delivery sent");
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await worker?.dispose();
  await origin?.close();
});

/** A fresh tab on the page (its own sessionStorage: signed out), recording what it does. */
async function openPage() {
  const page = await browser.context.newPage();
  const requests = [];
  const problems = [];
  page.on("request", (r) => requests.push({ method: r.method(), url: r.url() }));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  // A dialog nobody expected is dismissed (and fails the test below): confirm() returns false.
  page.on("dialog", (d) => {
    if (!tab.dialogs) {
      problems.push(`unexpected dialog: ${d.message()}`);
      return d.dismiss();
    }
  });
  const response = await page.goto(base, { waitUntil: "load" });
  await page.waitForSelector('html[data-ready="true"]');
  return { page, requests, problems, response, expected: [] };
}

beforeEach(async () => {
  tab = await openPage();
});

afterEach(async () => {
  const { page, requests, problems, expected } = tab;
  await page.close();
  const workerOrigin = new URL(worker.url).origin;
  assert.deepEqual(foreignRequests(requests.map((r) => r.url), workerOrigin), [], "requests left the worker's origin");
  assert.deepEqual(requests.filter((r) => r.url.includes(ADMIN)), [], "the token was put in a URL");
  assert.deepEqual(problems.filter((p) => !expected.some((re) => re.test(p))), [], "console errors, warnings or page errors");
});

async function signIn(page, token = ADMIN) {
  await page.fill("#token", token);
  await page.click("#sign-in");
}

async function signedIn(page) {
  await signIn(page);
  await page.waitForSelector('html[data-view="console"]');
  await listSettled(page);
}

/** Waits until the list answered (no load in flight) and returns its rows as shown. */
async function listSettled(page) {
  await page.waitForFunction(() => !document.getElementById("list").hasAttribute("aria-busy"));
  return rows(page);
}

async function rows(page) {
  return page.$$eval("#rows tr", (trs) =>
    trs.map((tr) => ({
      id: tr.querySelector(".open-id").textContent,
      route: tr.querySelector('[data-label="Route"]').textContent,
      event: tr.querySelector('[data-label="Event"]').textContent,
      status: tr.querySelector(".badge").dataset.status,
      attempts: Number(tr.querySelector('[data-label="Attempts"]').textContent),
      origin: tr.querySelector('[data-label="Origin"]').textContent,
      receivedAt: tr.querySelector("time").getAttribute("datetime"),
    })),
  );
}

/** Changes a filter control (as a person does: a choice, or text and Enter) and waits for the
 * list it asks for. */
async function filter(page, selector, value) {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/_hookguard/api/deliveries");
  if (selector === "#f-event" || selector.startsWith("#f-since") || selector.startsWith("#f-until")) {
    await page.fill(selector, value);
    await page.press(selector, "Enter");
  } else {
    await page.selectOption(selector, value);
  }
  await answered;
  return listSettled(page);
}

const sessionToken = (page) => page.evaluate(() => sessionStorage.getItem("hookguard.adminToken"));

describe("signing in", () => {
  it("is served with a policy that allows only the worker itself", () => {
    const csp = tab.response.headers()["content-security-policy"] ?? "";
    for (const directive of ["default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "form-action 'none'"]) {
      assert.ok(csp.includes(directive), `CSP lacks ${directive}: ${csp}`);
    }
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  });

  it("a wrong token is refused with a message; the right one shows every delivery with its status", async () => {
    const { page } = tab;
    tab.expected.push(/Failed to load resource: .*401/);
    assert.equal(await page.isVisible("#token"), true);
    assert.equal(await page.getAttribute("#token", "type"), "password");
    await signIn(page, "not-the-token");
    await page.waitForSelector("#signin-error:not([hidden])");
    assert.match(await page.textContent("#signin-error"), /refused \(401/);
    assert.equal(await page.isVisible("#console"), false);
    assert.equal(await sessionToken(page), null);

    await signedIn(page);
    assert.equal(await page.isVisible("#signin"), false);
    assert.equal(await sessionToken(page), ADMIN);
    assert.equal(page.url(), base, "the address changed");
    const shown = await rows(page);
    assert.deepEqual(ids(shown), ids(DELIVERIES));
    for (const r of shown) {
      const sent = byId[r.id];
      assert.equal(r.status, sent.status, r.id);
      assert.equal(r.route, sent.route, r.id);
      assert.equal(r.event, sent.event, r.id);
      assert.equal(r.attempts, 1, r.id);
      assert.equal(r.origin, sent.status === "delivered" ? "200" : "500", r.id);
      const at = Date.parse(r.receivedAt);
      assert.ok(at >= started && at <= Date.now(), `${r.id} received at ${r.receivedAt}`);
    }
    // Newest first.
    assert.deepEqual(shown.map((r) => r.receivedAt), shown.map((r) => r.receivedAt).toSorted().reverse());
    // The id with markup in it is text: no element was made from it.
    assert.equal(await page.locator("#rows img").count(), 0);
    // The route filter lists the worker's routes.
    const routes = await page.$$eval("#f-route option", (os) => os.map((o) => o.value));
    assert.deepEqual(routes.toSorted(), ["", "/hooks/failing", "/hooks/ok"]);

    await page.click("#sign-out");
    assert.equal(await page.isVisible("#signin"), true);
    assert.equal(await page.isVisible("#console"), false);
    assert.equal(await sessionToken(page), null);
  });
});

describe("the list", () => {
  it("narrows to the filter: status failed, a route, an event", async () => {
    const { page } = tab;
    await signedIn(page);
    let shown = await filter(page, "#f-status", "failed");
    assert.deepEqual(ids(shown), ["dlv_fail_1", "dlv_fail_2"]);
    assert.ok(shown.every((r) => r.status === "failed"));
    assert.ok(tab.requests.some((r) => new URL(r.url).pathname === "/_hookguard/api/deliveries" && new URL(r.url).searchParams.get("status") === "failed"));

    shown = await filter(page, "#f-status", "");
    shown = await filter(page, "#f-route", "/hooks/ok");
    assert.deepEqual(ids(shown), ids(DELIVERIES.filter((d) => d.route === "/hooks/ok")));

    shown = await filter(page, "#f-event", "signer.completed");
    assert.deepEqual(ids(shown), ["dlv_ok_2"]);
  });

  it("takes since and until in the browser's time zone and sends them as UTC", async () => {
    const { page } = tab;
    await signedIn(page);
    // A datetime-local value is local time: the page's own clock writes it.
    const local = (ms) =>
      page.evaluate((ms) => {
        const d = new Date(ms);
        const p = (n) => String(n).padStart(2, "0");
        return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
      }, ms);
    const later = Math.floor(Date.now() / 1000) * 1000 + 60_000;
    let shown = await filter(page, "#f-since", await local(later));
    assert.deepEqual(shown, []);
    const sent = tab.requests.filter((r) => new URL(r.url).pathname === "/_hookguard/api/deliveries").at(-1);
    assert.equal(new URL(sent.url).searchParams.get("since"), new Date(later).toISOString());
    shown = await filter(page, "#f-since", await local(Math.floor(started / 1000) * 1000));
    shown = await filter(page, "#f-until", await local(later));
    assert.deepEqual(ids(shown), ids(DELIVERIES));
  });

  it("has no horizontal scroll on a 375 px phone, with the list and with a delivery open", async () => {
    const { page } = tab;
    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(await overflow(), 0, "the sign-in form scrolls sideways");
    await signedIn(page);
    assert.equal((await rows(page)).length, DELIVERIES.length);
    assert.equal(await overflow(), 0, "the list scrolls sideways");
    await page.click(`#rows tr[data-id="dlv_fail_1"] .open-id`);
    await page.waitForSelector("#attempt-rows tr");
    assert.equal(await overflow(), 0, "the delivery scrolls sideways");
  });
});

describe("one delivery", () => {
  it("shows its fields and its attempts", async () => {
    const { page } = tab;
    await signedIn(page);
    await page.click(`#rows tr[data-id="dlv_fail_1"] .open-id`);
    await page.waitForSelector("#attempt-rows tr");
    assert.equal(await page.textContent("#detail-id"), "dlv_fail_1");
    const fields = await page.$$eval("#detail-fields dt", (dts) => Object.fromEntries(dts.map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
    assert.equal(fields.Route, "/hooks/failing");
    assert.equal(fields.Event, "document.completed");
    assert.equal(fields.Provider, "insigner");
    assert.equal(fields["Origin status"], "500");
    assert.equal(fields.Body, `${byId.dlv_fail_1.body.length} bytes`);
    assert.equal(fields.Replayable, "yes");
    assert.equal(await page.getAttribute("#detail-fields .badge", "data-status"), "failed");
    const attempts = await page.$$eval("#attempt-rows tr", (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
    assert.equal(attempts.length, 1);
    const [n, , kind, outcome, status, latency] = attempts[0];
    assert.equal(n, "1");
    assert.equal(kind, "live");
    assert.notEqual(outcome, "delivered");
    assert.equal(status, "500");
    assert.match(latency, /^\d+ ms$/);
    // Focus moved to the panel; Escape closes it and gives focus back to the id.
    assert.equal(await page.evaluate(() => document.activeElement.id), "detail-h");
    await page.keyboard.press("Escape");
    assert.equal(await page.isVisible("#detail"), false);
    assert.equal(await page.evaluate(() => document.activeElement.closest("tr")?.dataset.id), "dlv_fail_1");
  });

  it("Replay sends the stored bytes to the origin once, marked, and shows the result", async () => {
    const { page } = tab;
    failing = false;
    await signedIn(page);
    await page.click(`#rows tr[data-id="dlv_fail_1"] .open-id`);
    await page.waitForSelector("#attempt-rows tr");
    const before = origin.at("/hooks/failing").length;
    await page.click("#replay");
    await page.waitForSelector("#replay-result:not([hidden])");
    assert.match(await page.textContent("#replay-result"), /^Replayed dlv_fail_1: delivered \(origin answered 200\); its status is now delivered\.$/);
    const got = origin.at("/hooks/failing").slice(before);
    assert.equal(got.length, 1, "the origin was called once");
    assert.equal(got[0].headers["x-hookguard-replay"], "1");
    assert.ok(got[0].body.equals(byId.dlv_fail_1.body), "the origin got other bytes");
    // The panel and the row now show the replay.
    await page.waitForFunction(() => document.querySelectorAll("#attempt-rows tr").length === 2);
    const second = await page.$$eval("#attempt-rows tr:nth-child(2) td", (tds) => tds.map((td) => td.textContent));
    assert.deepEqual([second[2], second[3], second[4]], ["operator replay", "delivered", "200"]);
    assert.equal(await page.getAttribute("#detail-fields .badge", "data-status"), "delivered");
    const row = (await rows(page)).find((r) => r.id === "dlv_fail_1");
    assert.equal(row.status, "delivered");
    assert.equal(row.attempts, 2);
  });
});

describe("bulk replay", () => {
  it("asks first, replays what matches the filter, and says so; a second one at once is rate limited", async () => {
    const { page } = tab;
    tab.dialogs = [];
    tab.expected.push(/Failed to load resource: .*429/);
    await signedIn(page);
    const shown = await filter(page, "#f-status", "failed");
    assert.deepEqual(ids(shown), ["dlv_fail_2"]);
    const before = origin.at("/hooks/failing").length;

    // Cancelled: nothing is sent.
    page.once("dialog", (d) => {
      tab.dialogs.push(d.message());
      d.dismiss();
    });
    await page.click("#replay-all");
    await page.waitForFunction(() => /cancelled/.test(document.getElementById("status").textContent));
    assert.equal(tab.dialogs.length, 1);
    assert.match(tab.dialogs[0], /status failed/);
    assert.match(tab.dialogs[0], /\b1 delivery matches/);
    assert.deepEqual(tab.requests.filter((r) => r.method === "POST"), []);
    assert.equal(origin.at("/hooks/failing").length, before);

    page.once("dialog", (d) => {
      tab.dialogs.push(d.message());
      d.accept();
    });
    await page.click("#replay-all");
    await page.waitForSelector("#bulk-result:not([hidden])");
    assert.equal(tab.dialogs.length, 2);
    assert.match(await page.textContent("#bulk-result .bulk-summary"), /^Replayed 1, skipped 0\./);
    assert.deepEqual(await page.$$eval('#bulk-result [data-kind="replayed"] li code:first-child', (cs) => cs.map((c) => c.textContent)), ["dlv_fail_2"]);
    const got = origin.at("/hooks/failing").slice(before);
    assert.equal(got.length, 1, "the origin was called once");
    assert.equal(got[0].headers["x-hookguard-replay"], "1");
    assert.ok(got[0].body.equals(byId.dlv_fail_2.body), "the origin got other bytes");
    // The list (still filtered by status failed) is fetched again: nothing fails any more.
    assert.deepEqual(await listSettled(page), []);
    assert.equal(await page.isVisible("#empty"), true);

    page.once("dialog", (d) => {
      tab.dialogs.push(d.message());
      d.accept();
    });
    await page.click("#replay-all");
    await page.waitForFunction(() => /Rate limited/.test(document.getElementById("status").textContent));
    assert.match(await page.textContent("#status"), /Rate limited, try again in \d+ s\./);
    assert.equal(origin.at("/hooks/failing").length, before + 1);
  });
});
