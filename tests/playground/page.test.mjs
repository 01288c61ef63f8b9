// The playground in real headless Chromium: every scenario a person debugging a webhook meets,
// with every request the page makes recorded (none may leave its origin) and no console or
// page errors tolerated.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT, browser, server, tab, usePlayground } from "./helpers.mjs";
import { configure, headerField, pasteDelivery, result, selectProvider, verify } from "./ui.mjs";

// A genuine inSigner delivery (the shared vector "valid document.completed").
const INSIGNER = {
  secret: "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07",
  now: 1780065002,
  headers: [
    ["Content-Type", "application/json"],
    ["User-Agent", "inSigner-Webhooks/1.0"],
    ["X-InSigner-Event", "document.completed"],
    ["X-InSigner-Signature", "sha256=1e084ef0a2f57470c3a32443a851984263663f693b83b4184512669662a460b5"],
    ["X-InSigner-Delivery-Id", "dlv_7f3a9c2e41b84d0f"],
    ["X-InSigner-Timestamp", "1780065000"],
  ],
  body:
    '{"id":"dlv_7f3a9c2e41b84d0f","event":"document.completed","api_version":"2026-05-28","created_at":"2026-05-29T14:30:00.000Z",' +
    '"data":{"id":"cm5x9abc123","name":"Sales Agreement Q3","status":"completed","signingType":"sequential","completedAt":"2026-05-29T14:30:00.000Z",' +
    '"signers":[{"id":"sr_abc123","email":"jane.smith@acme.com","name":"Jane Smith","status":"completed","order":0}]}}',
};
// A genuine Inspakt delivery (the shared vector "valid envelope.sent").
const INSPAKT = {
  token: "tok_4b1d9f0e6a2c8e7d5f3a1b9c",
  header: "X-Inspakt-Webhook-Token",
  headers: [
    ["Content-Type", "application/json"],
    ["X-Inspakt-Webhook-Token", "tok_4b1d9f0e6a2c8e7d5f3a1b9c"],
  ],
  body: '{"webhookId":"whk_01TEST","teamId":"team_01TEST","event":"envelope.sent","data":{"envelopeId":"env_01hx","name":"Service Agreement — Acme Corp"}}',
};
const INSIGNER_EVENTS = ["document.completed", "document.declined", "signer.completed", "bulk_send.completed", "bulk_send.failed"];
const INSPAKT_EVENTS = [
  "envelope.created",
  "envelope.sent",
  "envelope.finalized",
  "envelope.voided",
  "envelope.deleted",
  "document.finalized",
  "recipient.activated",
  "recipient.completed-document",
  "recipient.declined-document",
];

const without = (headers, name) => headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase());
const withHeader = (headers, name, value) => [...without(headers, name), [name, value]];

usePlayground();

function assertSteps(r, expected) {
  for (const [check, [status, code]] of Object.entries(expected)) {
    assert.ok(r.steps[check], `no ${check} step in ${JSON.stringify(Object.keys(r.steps))}`);
    assert.equal(r.steps[check].status, status, `${check} step: ${r.steps[check].text}`);
    assert.equal(r.steps[check].code, code ?? null, `${check} step code: ${r.steps[check].text}`);
  }
}

describe("verifying a pasted delivery", () => {
  it("a valid inSigner delivery passes every step", async () => {
    const { page } = tab;
    await configure(page, { provider: "insigner", secrets: INSIGNER.secret, tolerance: 300, now: INSIGNER.now });
    await pasteDelivery(page, INSIGNER);
    const r = await verify(page);
    assert.equal(r.kind, "ok", r.verdict);
    assert.equal(r.code, null);
    assertSteps(r, {
      body: ["pass"],
      signature: ["pass"],
      timestamp: ["pass"],
      envelope: ["pass"],
      consistency: ["pass"],
      event: ["pass"],
    });
    assert.match(r.steps.signature.text, /first secret/);
    assert.match(r.steps.timestamp.text, /2 s old/);
    assert.match(r.verified, /dlv_7f3a9c2e41b84d0f/);
    assert.match(r.verified, /insigner:dlv_7f3a9c2e41b84d0f/, "the dedupe key is shown");
  });

  it("a valid Inspakt delivery passes; the steps it has no data for are skipped", async () => {
    const { page } = tab;
    await configure(page, { provider: "inspakt", secrets: INSPAKT.token, header: INSPAKT.header });
    await pasteDelivery(page, INSPAKT);
    let r = await verify(page);
    assert.equal(r.kind, "ok", r.verdict);
    assertSteps(r, { body: ["pass"], token: ["pass"], timestamp: ["skip"], envelope: ["pass"], consistency: ["skip"], event: ["pass"] });
    assert.ok(!r.steps.signature, "Inspakt has no signature step");

    // Changing the token: the old and the new one configured, the result says which matched.
    await page.fill("#secrets", ["tok_old", INSPAKT.token].join("\n"));
    r = await verify(page);
    assert.equal(r.kind, "ok", r.verdict);
    assert.match(r.steps.token.text, /Matches the second token \(line 2\)/);
    assert.match(r.verdict, /second of 2 tokens/);
  });

  it("a tampered body fails the signature step with signature_mismatch and shows both values", async () => {
    const { page } = tab;
    await configure(page, { provider: "insigner", secrets: INSIGNER.secret, now: INSIGNER.now });
    await pasteDelivery(page, { ...INSIGNER, body: INSIGNER.body.replace("Sales Agreement Q3", "Sales Agreement Q4") });
    const r = await verify(page);
    assert.equal(r.kind, "bad");
    assert.equal(r.code, "signature_mismatch");
    assertSteps(r, { signature: ["fail", "signature_mismatch"], timestamp: ["pass"], envelope: ["pass"], consistency: ["pass"] });
    assert.match(r.steps.signature.text, /Received\s*sha256=1e084ef0/);
    assert.match(r.steps.signature.text, /Expected\s*sha256=[0-9a-f]{64}/);
    assert.match(r.steps.signature.text, /differs/);
    assert.match(r.verdict, /HTTP 401/);
  });

  it("a body copied with a trailing newline fails, and the page says that is why", async () => {
    const { page } = tab;
    await configure(page, { provider: "insigner", secrets: INSIGNER.secret, now: INSIGNER.now });
    await pasteDelivery(page, { ...INSIGNER, body: `${INSIGNER.body}\n` });
    const r = await verify(page);
    assert.equal(r.code, "signature_mismatch");
    assert.match(r.steps.signature.text, /without the trailing whitespace or newline/);
  });

  it("a wrong secret fails the signature step; the expected value is the wrong secret's", async () => {
    const { page } = tab;
    const wrong = "0".repeat(64);
    await configure(page, { provider: "insigner", secrets: wrong, now: INSIGNER.now });
    await pasteDelivery(page, INSIGNER);
    const r = await verify(page);
    assert.equal(r.code, "signature_mismatch");
    assertSteps(r, { signature: ["fail", "signature_mismatch"] });
    assert.match(r.steps.signature.text, /not this webhook's|secret is not/);
  });

  it("rotation: with the old and the new secret, the result says which one matched", async () => {
    const { page } = tab;
    await configure(page, { provider: "insigner", secrets: ["f".repeat(64), INSIGNER.secret], now: INSIGNER.now });
    await pasteDelivery(page, INSIGNER);
    const r = await verify(page);
    assert.equal(r.kind, "ok", r.verdict);
    assert.match(r.verdict, /second of 2 secrets/);
    assert.match(r.steps.signature.text, /second secret \(line 2\)/);
    assert.match(r.steps.signature.text, /Expected with secret 2\s*sha256=1e084ef0[0-9a-f]+\s*✓ matches/);
    assert.match(r.verified, /line 2 \(keyIndex 1\)/);
  });

  it("an expired timestamp fails the timestamp step; the tolerance and 'now' controls change the outcome", async () => {
    const { page } = tab;
    await configure(page, { provider: "insigner", secrets: INSIGNER.secret, tolerance: 300, now: 1780065000 + 3600 });
    await pasteDelivery(page, INSIGNER);
    let r = await verify(page);
    assert.equal(r.code, "timestamp_too_old");
    assertSteps(r, { signature: ["pass"], timestamp: ["fail", "timestamp_too_old"] });
    assert.match(r.steps.timestamp.text, /3600 s/);
    assert.match(r.steps.timestamp.text, /Tolerance\s*± 5 min/);

    // A wider tolerance (a route that keeps retries working) accepts it.
    await page.fill("#tolerance", "7200");
    r = await verify(page);
    assert.equal(r.kind, "ok", r.verdict);

    // Back to 300 s, then "check as of the delivery's time" from the failed step.
    await page.fill("#tolerance", "300");
    r = await verify(page);
    assert.equal(r.code, "timestamp_too_old");
    await page.getByRole("button", { name: "Check as of the delivery's time" }).click();
    r = await result(page);
    assert.equal(r.kind, "ok", r.verdict);
    assert.equal(await page.inputValue("#now"), "1780065000");
  });

  it("a timestamp in the future fails with timestamp_in_future", async () => {
    const { page } = tab;
    await configure(page, { provider: "insigner", secrets: INSIGNER.secret, now: 1780065000 - 1000 });
    await pasteDelivery(page, INSIGNER);
    const r = await verify(page);
    assert.equal(r.code, "timestamp_in_future");
    assertSteps(r, { timestamp: ["fail", "timestamp_in_future"] });
  });

  it("a missing signature header fails the signature step with missing_header", async () => {
    const { page } = tab;
    await configure(page, { provider: "insigner", secrets: INSIGNER.secret, now: INSIGNER.now });
    await pasteDelivery(page, { ...INSIGNER, headers: without(INSIGNER.headers, "X-InSigner-Signature") });
    const r = await verify(page);
    assert.equal(r.code, "missing_header");
    assertSteps(r, { signature: ["fail", "missing_header"] });
    assert.match(r.verdict, /HTTP 400/);
  });

  it("a missing timestamp header fails the timestamp step with missing_header", async () => {
    const { page } = tab;
    await configure(page, { provider: "insigner", secrets: INSIGNER.secret, now: INSIGNER.now });
    await pasteDelivery(page, { ...INSIGNER, headers: without(INSIGNER.headers, "X-InSigner-Timestamp") });
    const r = await verify(page);
    assert.equal(r.code, "missing_header");
    assertSteps(r, { signature: ["pass"], timestamp: ["fail", "missing_header"] });
  });

  it("an event header that disagrees with the signed body fails consistency with header_body_mismatch", async () => {
    const { page } = tab;
    await configure(page, { provider: "insigner", secrets: INSIGNER.secret, now: INSIGNER.now });
    await pasteDelivery(page, { ...INSIGNER, headers: withHeader(INSIGNER.headers, "X-InSigner-Event", "document.declined") });
    const r = await verify(page);
    assert.equal(r.code, "header_body_mismatch");
    assertSteps(r, { signature: ["pass"], consistency: ["fail", "header_body_mismatch"] });
    assert.match(r.steps.consistency.text, /document\.declined\s*≠ the body's "event" is\s*document\.completed/);
  });

  it("a signature header given twice is malformed_header, reported before any check", async () => {
    const { page } = tab;
    await configure(page, { provider: "insigner", secrets: INSIGNER.secret, now: INSIGNER.now });
    await pasteDelivery(page, { ...INSIGNER, headers: [...INSIGNER.headers, ["x-insigner-signature", "sha256=00"]] });
    const r = await verify(page);
    assert.equal(r.code, "malformed_header");
    assertSteps(r, { headers: ["fail", "malformed_header"] });
  });

  it("an event outside the allow-list fails the event step with event_not_allowed", async () => {
    const { page } = tab;
    await configure(page, { provider: "insigner", secrets: INSIGNER.secret, now: INSIGNER.now, events: ["document.declined"] });
    await pasteDelivery(page, INSIGNER);
    const r = await verify(page);
    assert.equal(r.code, "event_not_allowed");
    assertSteps(r, { event: ["fail", "event_not_allowed"] });
    assert.match(r.verdict, /HTTP 422/);
  });

  it("Inspakt: a wrong token fails with token_mismatch, a missing one with missing_header", async () => {
    const { page } = tab;
    await configure(page, { provider: "inspakt", secrets: "some-other-token", header: INSPAKT.header });
    await pasteDelivery(page, INSPAKT);
    let r = await verify(page);
    assert.equal(r.code, "token_mismatch");
    assertSteps(r, { token: ["fail", "token_mismatch"], envelope: ["pass"] });

    await configure(page, { provider: "inspakt", secrets: INSPAKT.token, header: INSPAKT.header });
    await pasteDelivery(page, { ...INSPAKT, headers: without(INSPAKT.headers, INSPAKT.header) });
    r = await verify(page);
    assert.equal(r.code, "missing_header");
    assertSteps(r, { token: ["fail", "missing_header"] });
  });

  it("Inspakt: a token under another header name is pointed out, and one click reads that header", async () => {
    const { page } = tab;
    await configure(page, { provider: "inspakt", secrets: INSPAKT.token, header: "Authorization" });
    await pasteDelivery(page, INSPAKT);
    let r = await verify(page);
    assert.equal(r.code, "missing_header");
    assert.match(r.steps.token.text, /The token is in the X-Inspakt-Webhook-Token header/);
    await page.getByRole("button", { name: "Read X-Inspakt-Webhook-Token" }).click();
    r = await result(page);
    assert.equal(r.kind, "ok", r.verdict);
  });

  it("unusable settings show invalid_config, the package's code, instead of steps", async () => {
    const { page } = tab;
    await configure(page, { provider: "insigner", secrets: INSIGNER.secret, tolerance: 99999999, now: INSIGNER.now });
    await pasteDelivery(page, INSIGNER);
    let r = await verify(page);
    assert.equal(r.code, "invalid_config");
    assert.deepEqual(r.steps, {});
    await page.fill("#tolerance", "300");
    await page.fill("#secrets", "");
    r = await verify(page);
    assert.equal(r.code, "invalid_config");
    assert.match(r.verdict, /signing secret/);
  });
});

describe("pasting deliveries as logs show them", () => {
  it("a raw HTTP request (request line, headers, blank line, body) in the headers field", async () => {
    const { page } = tab;
    await configure(page, { provider: "insigner", secrets: INSIGNER.secret, now: INSIGNER.now });
    const raw = [
      "POST /webhooks/insigner HTTP/1.1",
      "Host: example.com",
      ...INSIGNER.headers.map(([n, v]) => `${n}: ${v}`),
      `Content-Length: ${Buffer.byteLength(INSIGNER.body)}`,
      "",
      INSIGNER.body,
    ].join("\r\n");
    await pasteDelivery(page, { headers: raw, body: "" });
    const r = await verify(page);
    assert.equal(r.kind, "ok", r.verdict);
    assert.equal(await page.inputValue("#body"), INSIGNER.body, "the body moved to the body field");
    assert.match(await page.inputValue("#headers"), /^POST \/webhooks\/insigner HTTP\/1\.1\n/);

    // The same request pasted into the body field instead.
    await pasteDelivery(page, { headers: "", body: raw });
    const again = await verify(page);
    assert.equal(again.kind, "ok", again.verdict);
    assert.equal(await page.inputValue("#body"), INSIGNER.body);
  });

  it("pasting (Ctrl+V) a whole request into the headers field splits it at once", async () => {
    const { page } = tab;
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    await configure(page, { provider: "insigner", secrets: INSIGNER.secret, now: INSIGNER.now });
    const raw = ["POST /hooks/insigner HTTP/1.1", ...INSIGNER.headers.map(([n, v]) => `${n}: ${v}`), "", INSIGNER.body].join("\n");
    await page.evaluate((t) => navigator.clipboard.writeText(t), raw);
    await page.fill("#headers", "");
    await page.fill("#body", "");
    await page.focus("#headers");
    await page.keyboard.press("Control+V");
    await page.waitForFunction(() => document.getElementById("body").value !== "");
    assert.equal(await page.inputValue("#body"), INSIGNER.body);
    assert.match(await page.textContent("#notes"), /moved it to the Body field/);
    const r = await verify(page);
    assert.equal(r.kind, "ok", r.verdict);
  });

  it("a JSON object of headers", async () => {
    const { page } = tab;
    await configure(page, { provider: "insigner", secrets: INSIGNER.secret, now: INSIGNER.now });
    await pasteDelivery(page, { headers: JSON.stringify(Object.fromEntries(INSIGNER.headers), null, 2), body: INSIGNER.body });
    const r = await verify(page);
    assert.equal(r.kind, "ok", r.verdict);
  });

  it("a logged {headers, body} JSON record, with lower-case names", async () => {
    const { page } = tab;
    await configure(page, { provider: "insigner", secrets: INSIGNER.secret, now: INSIGNER.now });
    const record = { headers: Object.fromEntries(INSIGNER.headers.map(([n, v]) => [n.toLowerCase(), v])), body: INSIGNER.body };
    await pasteDelivery(page, { headers: JSON.stringify(record), body: "" });
    const r = await verify(page);
    assert.equal(r.kind, "ok", r.verdict);
  });

  it("a body given as base64 keeps bytes a text field would lose (CR LF)", async () => {
    const { page } = tab;
    const secret = INSIGNER.secret;
    await configure(page, { provider: "insigner", secrets: secret, now: INSIGNER.now });
    // Pretty-printed with CR LF, signed over those exact bytes by the page's own Re-sign.
    const crlf = JSON.stringify(JSON.parse(INSIGNER.body), null, 2).replace(/\n/g, "\r\n");
    await pasteDelivery(page, { headers: INSIGNER.headers, bodyBase64: Buffer.from(crlf).toString("base64") });
    await page.fill("#now", "1780065000");
    await page.click("#resign");
    let r = await result(page);
    assert.equal(r.kind, "ok", r.verdict);
    // The same bytes as text lose their CRs in the text field: the signature no longer matches,
    // and the page names the cause.
    await page.selectOption("#body-encoding", "text");
    await page.fill("#body", crlf);
    r = await verify(page);
    assert.equal(r.code, "signature_mismatch");
    assert.match(r.steps.signature.text, /CR LF/);
  });
});

describe("generating signed samples", () => {
  for (const [provider, events] of [
    ["insigner", INSIGNER_EVENTS],
    ["inspakt", INSPAKT_EVENTS],
  ]) {
    it(`every ${provider} event: generate, then verify passes (${events.length} events)`, async () => {
      const { page } = tab;
      await selectProvider(page, provider);
      const offered = await page.$$eval("#event option", (os) => os.map((o) => o.value));
      assert.deepEqual(offered, events, "the event list offers every event");
      for (const event of events) {
        await page.selectOption("#event", event);
        assert.notEqual((await page.textContent("#event-description")).trim(), "", `${event} has a description`);
        await page.click("#generate");
        const r = await result(page);
        assert.equal(r.kind, "ok", `${event}: ${r.verdict}`);
        assert.match(r.steps.event.text, new RegExp(`"${event.replace(".", "\\.")}"`));
        const payload = JSON.parse(await page.inputValue("#body"));
        assert.equal(payload.event, event);
        if (provider === "insigner") {
          const h = Object.fromEntries(await headerField(page));
          assert.equal(h["X-InSigner-Event"], event);
          assert.equal(h["X-InSigner-Delivery-Id"], payload.id);
          assert.match(h["X-InSigner-Signature"], /^sha256=[0-9a-f]{64}$/);
        }
      }
    });
  }

  it("editing the payload breaks the signature; Re-sign makes it genuine again", async () => {
    const { page } = tab;
    await selectProvider(page, "insigner");
    await page.selectOption("#event", "document.declined");
    await page.click("#generate");
    assert.equal((await result(page)).kind, "ok");
    const edited = (await page.inputValue("#body")).replace(/"data":\{/, '"data":{"note":"edited",');
    await page.fill("#body", edited);
    let r = await verify(page);
    assert.equal(r.code, "signature_mismatch");
    await page.click("#resign");
    r = await result(page);
    assert.equal(r.kind, "ok", r.verdict);
    assert.equal(await page.inputValue("#body"), edited, "re-signing keeps the edited bytes");

    // Changing the event in the body: Re-sign also updates the unsigned event and id headers.
    const renamed = edited.replace('"event":"document.declined"', '"event":"document.completed"').replace(/"id":"dlv_[^"]+"/, '"id":"dlv_edited"');
    await page.fill("#body", renamed);
    await page.click("#resign");
    r = await result(page);
    assert.equal(r.kind, "ok", r.verdict);
    const h = Object.fromEntries(await headerField(page));
    assert.equal(h["X-InSigner-Event"], "document.completed");
    assert.equal(h["X-InSigner-Delivery-Id"], "dlv_edited");
  });

  it("Format JSON pretty-prints the body; the page says a re-sign is needed, and Re-sign fixes it", async () => {
    const { page } = tab;
    await page.click("#generate");
    await page.click("#format-json");
    assert.match(await page.inputValue("#body"), /^\{\n  "id"/);
    assert.match(await page.textContent("#notes"), /Re-sign/);
    let r = await verify(page);
    assert.equal(r.code, "signature_mismatch");
    await page.click("#resign");
    r = await result(page);
    assert.equal(r.kind, "ok", r.verdict);
  });

  it("Inspakt samples carry the token under the configured header; renaming it and re-signing moves it", async () => {
    const { page } = tab;
    await configure(page, { provider: "inspakt", secrets: "my-token", header: "X-My-Token" });
    await page.click("#generate");
    let r = await result(page);
    assert.equal(r.kind, "ok", r.verdict);
    assert.equal(Object.fromEntries(await headerField(page))["X-My-Token"], "my-token");
    await page.fill("#header-name", "X-Other");
    await page.click("#resign");
    r = await result(page);
    assert.equal(r.kind, "ok", r.verdict);
    const h = Object.fromEntries(await headerField(page));
    assert.equal(h["X-Other"], "my-token");
    assert.equal(h["X-My-Token"], undefined);
  });
});

describe("the page itself", () => {
  it("loads only its own files, declares a strict CSP and says nothing leaves the page", async () => {
    const { page, requests } = tab;
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /connect-src 'self'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.match(await page.textContent("#privacy"), /never sent anywhere/);
    assert.ok(requests.some((u) => u.endsWith("/pkg/wasm/hookguard_bg.wasm")), "the wasm came from the page's origin");
    // The empty state before anything is checked.
    const r = await result(page);
    assert.equal(r.kind, "empty");
    assert.match(r.verdict, /Nothing checked yet/);
  });

  it("every control has a label, the result is a live region, and Ctrl+Enter verifies", async () => {
    const { page } = tab;
    const unlabelled = await page.$$eval("input, select, textarea, button", (els) =>
      els
        .filter((e) => e.offsetParent !== null || e.type === "radio")
        .filter((e) => {
          if (e.tagName === "BUTTON") return e.textContent.trim() === "" && !e.getAttribute("aria-label");
          return (e.labels?.length ?? 0) === 0 && !e.getAttribute("aria-label") && !e.getAttribute("aria-labelledby");
        })
        .map((e) => e.id || e.outerHTML.slice(0, 60)),
    );
    assert.deepEqual(unlabelled, []);
    assert.equal(await page.getAttribute("#verdict", "aria-live"), "polite");

    await configure(page, { provider: "insigner", secrets: INSIGNER.secret, now: INSIGNER.now });
    await pasteDelivery(page, INSIGNER);
    await page.focus("#body");
    await page.keyboard.press("Control+Enter");
    const r = await result(page);
    assert.equal(r.kind, "ok", r.verdict);
  });

  it("keyboard only: Tab reaches the provider, the fields and Verify in reading order", async () => {
    const { page } = tab;
    const order = [];
    await page.focus("body");
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      const id = await page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute("name") || document.activeElement?.tagName);
      order.push(id);
    }
    const pos = (id) => order.indexOf(id);
    for (const id of ["provider", "secrets", "tolerance", "now", "events", "event", "generate", "headers", "body", "verify"]) {
      assert.ok(pos(id) >= 0, `${id} is reachable by Tab (order: ${order.join(", ")})`);
    }
    assert.ok(pos("provider") < pos("secrets") && pos("secrets") < pos("headers") && pos("headers") < pos("body") && pos("body") < pos("verify"));
    // The focus is visible: focused controls get an outline.
    await page.focus("#verify");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, "none");
  });

  it("fits a phone: nothing wider than the screen at 390 px", async () => {
    const { page } = tab;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click("#generate");
    await page.selectOption("#body-encoding", "text");
    const r = await result(page);
    assert.equal(r.kind, "ok");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
  });

  it("works offline once loaded, and keeps nothing: no storage, no cookies", async () => {
    const { page } = tab;
    await browser.context.setOffline(true);
    try {
      await page.selectOption("#event", "bulk_send.failed");
      await page.click("#generate");
      let r = await result(page);
      assert.equal(r.kind, "ok", r.verdict);
      await selectProvider(page, "inspakt");
      await page.click("#generate");
      r = await result(page);
      assert.equal(r.kind, "ok", r.verdict);
    } finally {
      await browser.context.setOffline(false);
    }
    const stored = await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      cookies: document.cookie,
      databases: (await indexedDB.databases()).length,
    }));
    assert.deepEqual(stored, { local: 0, session: 0, cookies: "", databases: 0 });
  });

  it("the error-code table lists the package's codes", async () => {
    const { page } = tab;
    await page.click("#codes summary");
    const codes = await page.$$eval("#codes-body tr td:first-child", (tds) => tds.map((t) => t.textContent));
    for (const c of ["missing_header", "signature_mismatch", "token_mismatch", "timestamp_too_old", "header_body_mismatch", "invalid_config"]) {
      assert.ok(codes.includes(c), c);
    }
  });
});

describe("the shared test vectors, through the page", () => {
  const dir = process.env.HOOKGUARD_VECTORS ?? join(ROOT, "../shared/vectors");
  const cases = ["insigner.json", "inspakt.json"].flatMap((f) => JSON.parse(readFileSync(join(dir, f), "utf8")).cases);

  it(`every case (${cases.length}) ends with the vector's outcome and code`, async () => {
    const { page } = tab;
    assert.ok(cases.length >= 40, `expected the shared vectors, found ${cases.length}`);
    const wrong = [];
    for (const c of cases) {
      const o = c.options;
      await configure(page, {
        provider: o.provider,
        secrets: Array.isArray(o.secret) ? o.secret : [o.secret],
        header: o.header ?? (o.provider === "inspakt" ? "Authorization" : undefined),
        tolerance: o.toleranceSeconds,
        now: c.now,
        events: o.events,
      });
      const text = c.body_utf8;
      const useBase64 = text === undefined || text.includes("\r");
      await pasteDelivery(page, { headers: c.headers, ...(useBase64 ? { bodyBase64: c.body_base64 } : { body: text }) });
      const r = await verify(page);
      const want = c.expect.ok ? null : c.expect.code;
      if (r.code !== want) wrong.push(`${c.name}: page says ${r.code ?? "valid"}, the vector ${want ?? "valid"}`);
      if (want !== null && want !== "invalid_config") {
        const failing = Object.values(r.steps).filter((s) => s.status === "fail").map((s) => s.code);
        if (!failing.includes(want)) wrong.push(`${c.name}: no failed step carries ${want}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});
