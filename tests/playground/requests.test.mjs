// The request around a delivery, through the page: the URL and method of the providers that sign
// them (twilio, square, hubspot, pandadoc), the body-field providers' warning that the rest of the
// body is not proven (dropbox-sign, signwell, mailgun), and the handshakes the endpoint answers
// itself (Slack, Zoom, Twitch, BoldSign, Meta's GET). Which provider is which comes from the
// package's `providers`; expected answers come from the vectors files, whose generators compute
// them independently of the core, and from the core in Node.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT, tab, usePlayground } from "./helpers.mjs";
import { configure, pasteDelivery, result, selectProvider, verify } from "./ui.mjs";

const hookguard = await import(join(ROOT, "pkg/dist/node/index.mjs"));
const { providers } = hookguard;

const needsUrl = providers.filter((p) => p.auth.needsUrl === true);
const getCheck = providers.filter((p) => (p.handshakes ?? []).some((h) => h.trigger?.kind === "query" || h.trigger?.kind === "get-with-token"));
const unsigned = providers.filter((p) => p.bodySigned === false);
const byId = Object.fromEntries(providers.map((p) => [p.id, p]));

const dir = join(ROOT, "tests/vectors/providers");
const vectorFiles = readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")));
const allCases = vectorFiles.flatMap((v) => v.cases ?? []);
const handshakeCases = vectorFiles.flatMap((v) => v.handshakes ?? []);

usePlayground();

function run(command, timeout = 20_000) {
  return new Promise((ok, fail) => {
    execFile("sh", ["-c", command], { timeout, maxBuffer: 4 << 20 }, (err, stdout, stderr) => {
      if (err) fail(new Error(`command failed (${err.code ?? err.signal}): ${stderr}\n${command}`));
      else ok(stdout);
    });
  });
}

/** A loopback server that records each request's method, target, headers and exact body. */
async function recorder() {
  const received = [];
  const srv = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(204).end();
    });
  });
  await new Promise((ok) => srv.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${srv.address().port}`, received, close: () => new Promise((ok) => srv.close(ok)) };
}

const pairs = (headers) =>
  Array.isArray(headers) ? headers : Object.entries(headers).flatMap(([n, v]) => (Array.isArray(v) ? v.map((x) => [n, x]) : [[n, v]]));

/** Fills the request row (where shown) and the verify token (where shown) as a case says. */
async function request(page, { url, method, verifyToken }) {
  if (await page.isVisible("#request-row")) {
    await page.fill("#request-url", url ?? "");
    await page.fill("#request-method", method ?? "POST");
  }
  if (await page.isVisible("#verify-token-field")) await page.fill("#verify-token", verifyToken ?? "");
}

const ACK_TITLE = "The endpoint acknowledges it like this";

/** What the handshake box shows: null when hidden. */
function shownAnswer(page) {
  return page.evaluate(() => {
    const box = document.getElementById("handshake");
    if (box.hidden) return null;
    const headers = {};
    for (const c of box.querySelectorAll("[data-header]")) headers[c.dataset.header] = c.textContent.slice(c.dataset.header.length + 2);
    return {
      title: box.querySelector("h3").textContent,
      status: Number(document.getElementById("handshake-status").textContent),
      headers,
      body: document.getElementById("handshake-body").textContent,
    };
  });
}

describe("the request row: URL and method", () => {
  it(`is shown exactly for the providers that sign the URL (${needsUrl.map((p) => p.id)}) or answer a GET (${getCheck.map((p) => p.id)})`, async () => {
    const { page } = tab;
    assert.ok(needsUrl.length >= 4, "twilio, square, hubspot and pandadoc need the URL");
    assert.ok(getCheck.length >= 1, "meta answers a GET");
    for (const p of providers) {
      await selectProvider(page, p.id);
      const wanted = needsUrl.includes(p) || getCheck.includes(p);
      assert.equal(await page.isVisible("#request-row"), wanted, `${p.id}: request row`);
      // The curl box then goes to the request URL instead of a URL of its own.
      assert.equal(await page.isVisible("#curl-url"), !wanted, `${p.id}: the worker URL field`);
      const verifyToken = (p.handshakes ?? []).some((h) => h.answer?.kind === "echo-query" && h.answer.token);
      assert.equal(await page.isVisible("#verify-token-field"), verifyToken, `${p.id}: verify token field`);
      if (wanted) {
        assert.equal(await page.inputValue("#request-url"), `http://127.0.0.1:8787/hooks/${p.id}`, `${p.id}: the route the curl box targets`);
        assert.equal(await page.inputValue("#request-method"), "POST");
        assert.match(await page.textContent("#request-url-hint"), needsUrl.includes(p) ? /signs the request URL/ : /endpoint check/);
      }
    }
    // Labelled fields: the names screen readers announce.
    await selectProvider(page, needsUrl[0].id);
    assert.equal(await page.getByLabel("Request URL").count(), 1);
    assert.equal(await page.getByLabel("Method").count(), 1);
  });

  for (const p of needsUrl) {
    it(`${p.displayName}: Generate signs for the URL, the curl command goes to the URL sign() returned, and what it sends verifies there`, async () => {
      const { page } = tab;
      const rec = await recorder();
      try {
        await selectProvider(page, p.id);
        const base = `${rec.url}/hooks/${p.id}?from=playground`;
        await page.fill("#request-url", base);
        if (p.timestamp) await page.fill("#now", "");
        await page.click("#generate");
        const r = await result(page);
        assert.equal(r.kind, "ok", `${p.id}: ${r.verdict}`);
        const url = await page.inputValue("#request-url");
        assert.ok(url.startsWith(base), `${p.id}: the signed URL extends the one given: ${url}`);
        if (p.auth.query) assert.match(url, new RegExp(`[?&]${p.auth.query}=[0-9a-f]+$`), `${p.id}: the signature is in the query`);
        const curl = await page.textContent("#curl-command");
        assert.ok(curl.includes(`-X POST '${url}'`), `${p.id}: curl targets the signed URL:\n${curl}`);

        await run(curl);
        const got = rec.received.at(-1);
        assert.equal(got.method, "POST");
        assert.equal(rec.url + got.url, url, "curl sent it to that URL");
        assert.equal(got.body.toString("utf8"), await page.inputValue("#body"), "the exact body");
        const secret = (await page.inputValue("#secrets")).split("\n")[0].trim();
        const v = new hookguard.Verifier({ provider: p.id, secret });
        try {
          v.verify(got.headers, got.body, { url: rec.url + got.url, method: got.method });
          // The URL is signed: the same request at another URL does not verify.
          assert.throws(() => v.verify(got.headers, got.body, { url: `${rec.url}/elsewhere`, method: "POST" }), (e) => e.code === "signature_mismatch" || e.code === "missing_header");
        } finally {
          v.free();
        }

        // Sign body again (the body edited): signed from the URL typed, not from the signed one.
        const body = await page.inputValue("#body");
        const edited = body.includes("=") && !body.trimStart().startsWith("{") ? `${body}&Note=edited` : body.replace(/}\s*$/, ',"note":"edited"}');
        await page.fill("#body", edited);
        await page.click("#resign");
        assert.equal((await result(page)).kind, "ok", `${p.id}: re-signed`);
        const again = await page.inputValue("#request-url");
        assert.ok(again.startsWith(base), again);
        if (p.auth.query) assert.equal(again.split(`${p.auth.query}=`).length, 2, `${p.id}: one signature parameter: ${again}`);
      } finally {
        await rec.close();
      }
    });
  }

  it("forgetting the URL says so (invalid_config, the core's message), not a signature mismatch", async () => {
    const { page } = tab;
    for (const p of needsUrl) {
      await selectProvider(page, p.id);
      if (p.timestamp) await page.fill("#now", "");
      await page.click("#generate");
      assert.equal((await result(page)).kind, "ok");
      await page.fill("#request-url", "");
      let r = await verify(page);
      assert.equal(r.code, "invalid_config", `${p.id}: ${r.verdict}`);
      assert.match(r.verdict, /Settings incomplete/);
      assert.match(r.verdict, /url/i, `${p.id}: the message names the URL: ${r.verdict}`);
      assert.doesNotMatch(r.verdict, /mismatch/);
      assert.deepEqual(r.steps, {}, "no check ran");
      // Signing needs it too.
      await page.click("#generate");
      r = await result(page);
      assert.equal(r.code, "invalid_config", `${p.id} generate: ${r.verdict}`);
      assert.match(r.verdict, /url/i);
    }
  });

  it("a pasted raw request fills the URL (request line + Host, scheme from X-Forwarded-Proto) and method, and verifies", async () => {
    const { page } = tab;
    // Every URL-signing vector that verifies, pasted as a raw request.
    const cases = allCases.filter((c) => c.expect.ok && c.url && needsUrl.some((p) => p.id === c.options.provider) && Object.keys(c.options).every((k) => ["provider", "secret"].includes(k)));
    assert.ok(cases.length >= 8, `${cases.length} cases`);
    for (const c of cases) {
      const u = new URL(c.url);
      const method = c.method ?? "POST";
      await configure(page, { provider: c.options.provider, secrets: [c.options.secret].flat(), now: c.now });
      // The row holds something else first: the paste must replace it.
      await page.fill("#request-url", "http://127.0.0.1:9/wrong");
      await page.fill("#request-method", method === "POST" ? "PUT" : "POST");
      const target = c.url.slice(c.url.indexOf("/", u.protocol.length + 2));
      const raw = [`${method} ${target} HTTP/1.1`, `Host: ${u.host}`, `X-Forwarded-Proto: ${u.protocol.slice(0, -1)}`, ...pairs(c.headers).map(([n, v]) => `${n}: ${v}`)].join("\n");
      const text = c.body_utf8;
      if (text === undefined || text.includes("\r")) {
        await pasteDelivery(page, { headers: raw, bodyBase64: c.body_base64 });
      } else {
        await pasteDelivery(page, { headers: `${raw}\n\n${text}`, body: "" });
      }
      const r = await verify(page);
      assert.equal(await page.inputValue("#request-url"), c.url, c.name);
      assert.equal(await page.inputValue("#request-method"), method, c.name);
      assert.equal(r.kind, "ok", `${c.name}: ${r.verdict}`);
      assert.match(await page.textContent("#notes"), /From the request line: set/);
    }
  });
});

describe("body-field providers: only the named fields are signed", () => {
  it(`${unsigned.map((p) => p.id).join(", ")} warn, in the summary and on the verified event, and others do not`, async () => {
    const { page } = tab;
    assert.ok(unsigned.length >= 3, "dropbox-sign, signwell and mailgun sign body fields");
    for (const p of unsigned) {
      await selectProvider(page, p.id);
      const summary = await page.locator("#unsigned-summary");
      assert.equal(await summary.isVisible(), true, `${p.id}: a visible warning`);
      const text = await summary.textContent();
      assert.match(text, /the rest of the body is not proven/);
      for (const part of p.auth.signedContent.filter((x) => "field" in x)) assert.ok(text.includes(`“${part.field}”`), `${p.id} names ${part.field}: ${text}`);
      await page.click("#generate");
      const r = await result(page);
      assert.equal(r.kind, "ok", `${p.id}: ${r.verdict}`);
      assert.equal(await page.isVisible("#unsigned-warning"), true);
      assert.match(await page.textContent("#unsigned-warning"), /the rest of the body is not proven/);
    }
    for (const p of providers.filter((x) => x.bodySigned !== false).slice(0, 3)) {
      await selectProvider(page, p.id);
      assert.equal(await page.locator("#unsigned-summary").count(), 0, `${p.id}: no warning`);
    }
  });

  it("the vectors' unsigned-part edits still verify in the page (the weakness the warning names)", async () => {
    const { page } = tab;
    const cases = allCases.filter((c) => unsigned.some((p) => p.id === c.options.provider) && /not signed: changing it still verifies/.test(c.name));
    assert.ok(cases.length >= 3, `${cases.length} cases`);
    for (const c of cases) {
      await configure(page, { provider: c.options.provider, secrets: [c.options.secret].flat(), now: c.now });
      await pasteDelivery(page, { headers: pairs(c.headers), ...(c.body_utf8 === undefined || c.body_utf8.includes("\r") ? { bodyBase64: c.body_base64 } : { body: c.body_utf8 }) });
      const r = await verify(page);
      assert.equal(r.kind, "ok", `${c.name}: ${r.verdict}`);
      assert.equal(await page.isVisible("#unsigned-warning"), true, c.name);
    }
  });
});

describe("handshakes: the endpoint answers them itself", () => {
  /** A handshake case the page's fields can express. */
  const expressible = (c) => {
    const p = byId[c.options.provider];
    if (!p) return false;
    const shows = p.auth.needsUrl === true || getCheck.includes(p);
    const token = (p.handshakes ?? []).some((h) => h.answer?.kind === "echo-query" && h.answer.token);
    // Public keys where the provider has them (Discord's PING is signed with a private key).
    const publicOnly = p.auth.kind === "signature" && p.auth.publicKey === true;
    const hasPublic = publicOnly || (p.auth.kind === "signature" && Boolean(p.auth.public));
    const allowed = new Set(["provider", ...(publicOnly ? [] : ["secret"]), ...(hasPublic ? ["publicKey"] : []), "events", ...(p.timestamp ? ["toleranceSeconds"] : []), ...(token ? ["verifyToken"] : [])]);
    if (!Object.keys(c.options).every((k) => allowed.has(k))) return false;
    return shows || ((c.method ?? "POST") === "POST" && c.url === undefined);
  };
  const usable = handshakeCases.filter(expressible);

  it(`every expressible handshake vector (${usable.length} of ${handshakeCases.length}) shows the vector's exact response, or its code and no answer`, { timeout: 180_000 }, async () => {
    const { page } = tab;
    assert.ok(usable.length >= handshakeCases.length - 3, `most are expressible: ${usable.length} of ${handshakeCases.length}`);
    const wrong = [];
    for (const c of usable) {
      const o = c.options;
      await configure(page, { provider: o.provider, secrets: [o.secret].flat(), publicKeys: o.publicKey, tolerance: o.toleranceSeconds, now: c.now, events: o.events });
      await request(page, { url: c.url, method: c.method, verifyToken: o.verifyToken });
      const text = c.body_utf8;
      await pasteDelivery(page, { headers: pairs(c.headers), ...(text === undefined || text.includes("\r") ? { bodyBase64: c.body_base64 } : { body: text }) });
      const r = await verify(page);
      const shown = await shownAnswer(page);
      const want = c.expect.ok ? c.expect.response : null;
      if (want) {
        if (!shown) wrong.push(`${c.name}: no answer shown (${r.verdict})`);
        else {
          const got = { status: shown.status, headers: shown.headers, body: shown.body };
          try {
            assert.deepEqual(got, want);
          } catch {
            wrong.push(`${c.name}: shows ${JSON.stringify(got)}, the vector ${JSON.stringify(want)}`);
          }
          if (shown.title !== "The endpoint answers this itself") wrong.push(`${c.name}: title ${shown.title}`);
          if (r.kind !== "ok") wrong.push(`${c.name}: verdict ${r.verdict}`);
        }
      } else {
        // An accepted delivery may show its acknowledgement (checked below), never a handshake answer.
        if (shown && shown.title !== ACK_TITLE) wrong.push(`${c.name}: an answer is shown (${JSON.stringify(shown)})`);
        if (!c.expect.ok && r.code !== c.expect.code) wrong.push(`${c.name}: page says ${r.code ?? "valid"}, the vector ${c.expect.code}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it("every accepted delivery vector of a provider that wants an acknowledgement (Dropbox Sign, Adobe) shows it exactly; others show none", { timeout: 120_000 }, async () => {
    const { page } = tab;
    const acks = allCases.filter((c) => c.expect.ok && c.expect.acknowledgement && Object.keys(c.options).every((k) => ["provider", "secret"].includes(k)));
    assert.ok(acks.length >= 10, `${acks.length} vectors`);
    const plain = allCases.filter((c) => c.expect.ok && !c.expect.acknowledgement && c.options.provider === "documenso").slice(0, 2);
    const wrong = [];
    for (const c of [...acks, ...plain]) {
      await configure(page, { provider: c.options.provider, secrets: [c.options.secret].flat(), now: c.now });
      await request(page, { url: c.url, method: c.method });
      const text = c.body_utf8;
      await pasteDelivery(page, { headers: pairs(c.headers), ...(text === undefined || text.includes("\r") ? { bodyBase64: c.body_base64 } : { body: text }) });
      const r = await verify(page);
      const shown = await shownAnswer(page);
      if (r.kind !== "ok") wrong.push(`${c.name}: ${r.verdict}`);
      const want = c.expect.acknowledgement ?? null;
      const got = shown && { status: shown.status, headers: shown.headers, body: shown.body };
      try {
        assert.deepEqual(got, want);
        if (shown) assert.equal(shown.title, ACK_TITLE);
      } catch {
        wrong.push(`${c.name}: shows ${JSON.stringify(shown)}, the vector ${JSON.stringify(want)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it("a signed Slack url_verification shows its challenge, text/plain; a wrong signature shows the code and no answer", async () => {
    const { page } = tab;
    const c = handshakeCases.find((x) => x.name === "slack: url_verification: the challenge, text/plain");
    assert.ok(c);
    const challenge = JSON.parse(c.body_utf8).challenge;
    await configure(page, { provider: "slack", secrets: [c.options.secret], now: c.now });
    await pasteDelivery(page, { headers: pairs(c.headers), body: c.body_utf8 });
    let r = await verify(page);
    assert.equal(r.kind, "ok", r.verdict);
    assert.match(r.verdict, /Handshake answered/);
    assert.deepEqual(await shownAnswer(page), { title: "The endpoint answers this itself", status: 200, headers: { "content-type": "text/plain" }, body: challenge });
    assert.equal(r.verified, null, "not shown as an event to forward");

    await page.fill("#secrets", `${c.options.secret}x`);
    r = await verify(page);
    assert.equal(r.code, "signature_mismatch");
    assert.equal(r.steps.signature.status, "fail");
    assert.equal(await shownAnswer(page), null);
  });

  it("a Zoom endpoint.url_validation shows the encryptedToken the core computes (and the vector's)", async () => {
    const { page } = tab;
    const c = handshakeCases.find((x) => x.options.provider === "zoom" && x.expect.ok && x.expect.response);
    assert.ok(c);
    const v = new hookguard.Verifier(c.options);
    let core;
    try {
      core = v.handshake(pairs(c.headers), c.body_utf8, { now: c.now });
    } finally {
      v.free();
    }
    assert.deepEqual(core, c.expect.response, "the core and the independent generator agree");
    const token = JSON.parse(core.body).encryptedToken;
    assert.match(token, /^[0-9a-f]{64}$/);
    await configure(page, { provider: "zoom", secrets: [c.options.secret].flat(), now: c.now });
    await pasteDelivery(page, { headers: pairs(c.headers), body: c.body_utf8 });
    const r = await verify(page);
    assert.equal(r.kind, "ok", r.verdict);
    const shown = await shownAnswer(page);
    assert.equal(shown.body, core.body);
    assert.equal(JSON.parse(shown.body).encryptedToken, token);
    assert.deepEqual(shown.headers, { "content-type": "application/json" });
  });

  it("Meta's GET check: a pasted GET request line with the verify token typed is answered with hub.challenge", async () => {
    const { page } = tab;
    await selectProvider(page, "meta");
    await page.fill("#verify-token", "my-verify-token");
    const raw = "GET /hooks/meta?hub.mode=subscribe&hub.challenge=987654321&hub.verify_token=my-verify-token HTTP/1.1\nHost: 127.0.0.1:8787\nUser-Agent: facebookplatform/1.0";
    await pasteDelivery(page, { headers: raw, body: "" });
    let r = await verify(page);
    assert.equal(await page.inputValue("#request-method"), "GET");
    assert.equal(await page.inputValue("#request-url"), "http://127.0.0.1:8787/hooks/meta?hub.mode=subscribe&hub.challenge=987654321&hub.verify_token=my-verify-token");
    assert.equal(r.kind, "ok", r.verdict);
    assert.match(r.verdict, /Endpoint check answered/);
    assert.deepEqual(await shownAnswer(page), { title: "The endpoint answers this itself", status: 200, headers: { "content-type": "text/plain" }, body: "987654321" });
    // The curl command repeats the GET, without a body.
    const curl = await page.textContent("#curl-command");
    assert.ok(curl.startsWith("curl -sS -i -X GET 'http://127.0.0.1:8787/hooks/meta?hub.mode=subscribe"), curl);
    assert.doesNotMatch(curl, /--data-binary/);

    await page.fill("#verify-token", "another-token");
    r = await verify(page);
    assert.equal(r.code, "token_mismatch", r.verdict);
    assert.equal(r.steps.handshake.status, "fail");
    assert.equal(await shownAnswer(page), null);

    await page.fill("#verify-token", "");
    r = await verify(page);
    assert.equal(r.code, "invalid_config", r.verdict);
    assert.match(r.verdict, /verifyToken/);
    assert.equal(await shownAnswer(page), null);
  });
});

describe("the new fields keep the page accessible", () => {
  const unlabelled = (page) =>
    page.$$eval("input, select, textarea, button", (els) =>
      els
        .filter((e) => e.offsetParent !== null)
        .filter((e) => {
          if (e.tagName === "BUTTON") return e.textContent.trim() === "" && !e.getAttribute("aria-label");
          return (e.labels?.length ?? 0) === 0 && !e.getAttribute("aria-label") && !e.getAttribute("aria-labelledby");
        })
        .map((e) => e.id || e.outerHTML.slice(0, 60)),
    );
  const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  it("every shown control is labelled, and at 390 px nothing is wider than the screen (request row, warning, handshake answer)", async () => {
    const { page } = tab;
    await page.setViewportSize({ width: 390, height: 844 });
    for (const p of [needsUrl[0], getCheck[0], unsigned[0]]) {
      await selectProvider(page, p.id);
      assert.deepEqual(await unlabelled(page), [], p.id);
      if (p.timestamp) await page.fill("#now", "");
      await page.click("#generate");
      assert.equal((await result(page)).kind, "ok", p.id);
      assert.ok((await overflow(page)) <= 0, `${p.id}: the page is ${await overflow(page)} px wider than the screen`);
    }
    const c = handshakeCases.find((x) => x.options.provider === "zoom" && x.expect.ok && x.expect.response);
    await configure(page, { provider: "zoom", secrets: [c.options.secret].flat(), now: c.now });
    await pasteDelivery(page, { headers: pairs(c.headers), body: c.body_utf8 });
    await verify(page);
    assert.notEqual(await shownAnswer(page), null);
    assert.ok((await overflow(page)) <= 0, `with a handshake answer the page is ${await overflow(page)} px wider than the screen`);
    // The answer's body can be reached by keyboard (a scrolling box) and is named.
    assert.equal(await page.getAttribute("#handshake-body", "tabindex"), "0");
    assert.equal(await page.getAttribute("#handshake-body", "aria-label"), "Response body");
  });
});
