// URL-signing and body-field providers routed end to end, signed here with node:crypto (not by
// hookguard): Square signs the worker's own request URL; Twilio signs the public URL a proxy
// rewrote (the route's `url`); Mailgun and Dropbox Sign sign a few body fields only, so the
// origin is told X-Hookguard-Body-Signed: false (and Dropbox Sign's multipart Content-Type
// travels as verified).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { startOrigin, startWorker } from "./harness.mjs";

const SQUARE = "Ibxx_5AKakO-3qeNVR61Dw";
const TWILIO = "twilio-auth-token-0123";
const MAILGUN = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
const DROPBOX = "324e3b0840f065eb51f3fd63231d0d33daa35d4ed10d27718839e81737065782";
// What the harness's dispatchFetch makes the worker see.
const EDGE = "http://edge.test";
const PUBLIC_TWILIO = "https://public.example.com/twilio/voice?tenant=7";

test("URL-signing routes verify the URL the provider called; body-field routes say the body is not signed", async () => {
  const origin = await startOrigin();
  const routes = [
    { path: "/hooks/square", options: { provider: "square" }, secretBinding: "SQUARE_KEY", origin: `${origin.url}/square`, mode: "direct" },
    { path: "/hooks/twilio", options: { provider: "twilio" }, secretBinding: "TWILIO_TOKEN", origin: `${origin.url}/twilio`, mode: "direct", url: PUBLIC_TWILIO },
    { path: "/hooks/mailgun", options: { provider: "mailgun" }, secretBinding: "MAILGUN_KEY", origin: `${origin.url}/mailgun`, mode: "direct" },
    { path: "/hooks/dropbox", options: { provider: "dropbox-sign" }, secretBinding: "DROPBOX_KEY", origin: `${origin.url}/dropbox`, mode: "direct" },
  ];
  const vars = { SQUARE_KEY: SQUARE, TWILIO_TOKEN: TWILIO, MAILGUN_KEY: MAILGUN, DROPBOX_KEY: DROPBOX };
  const worker = await startWorker({ routes, vars, originUrl: origin.url });
  try {
    const send = (path, headers, body) => worker.fetch(path, { method: "POST", headers, body });

    // Square: the worker's own URL + the body.
    const sqBody = JSON.stringify({ merchant_id: "M", type: "payment.created", event_id: `ev-${randomBytes(4).toString("hex")}`, data: {} });
    const sqSig = (url) => createHmac("sha256", SQUARE).update(url + sqBody).digest("base64");
    let res = await send("/hooks/square", { "content-type": "application/json", "x-square-hmacsha256-signature": sqSig(`${EDGE}/hooks/square`) }, sqBody);
    assert.equal(res.status, 200, await res.text());
    res = await send("/hooks/square", { "content-type": "application/json", "x-square-hmacsha256-signature": sqSig("https://elsewhere.example/hooks/square") }, sqBody);
    assert.equal(res.status, 401, "signed for another URL");
    const sqIn = origin.at("/square");
    assert.equal(sqIn.length, 1);
    assert.equal(sqIn[0].headers["x-hookguard-event"], "payment.created");
    assert.equal(sqIn[0].headers["x-hookguard-body-signed"], undefined, "Square signs the body");

    // Twilio: the public URL (the route's url) + sorted form parameters, HMAC-SHA1.
    const params = [["CallSid", "CA1234567890ABCDE"], ["From", "+14158675309"], ["To", "+18005551212"]];
    const twBody = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
    const twSig = (url) => createHmac("sha1", TWILIO).update(url + [...params].sort().map(([k, v]) => k + v).join("")).digest("base64");
    const form = { "content-type": "application/x-www-form-urlencoded" };
    res = await send("/hooks/twilio", { ...form, "x-twilio-signature": twSig(PUBLIC_TWILIO) }, twBody);
    assert.equal(res.status, 200, await res.text());
    res = await send("/hooks/twilio", { ...form, "x-twilio-signature": twSig(`${EDGE}/hooks/twilio`) }, twBody);
    assert.equal(res.status, 401, "the rewritten URL is not what Twilio signed");
    const twIn = origin.at("/twilio");
    assert.equal(twIn.length, 1);
    assert.equal(twIn[0].body.toString(), twBody);
    assert.equal(twIn[0].headers["content-type"], "application/x-www-form-urlencoded");

    // Mailgun: HMAC of timestamp + token in the body; event-data is not signed.
    const token = randomBytes(25).toString("hex");
    const ts = String(Math.floor(Date.now() / 1000));
    const mgSig = createHmac("sha256", MAILGUN).update(ts + token).digest("hex");
    const mgBody = JSON.stringify({ signature: { token, timestamp: ts, signature: mgSig }, "event-data": { event: "delivered", recipient: "a@example.com" } });
    res = await send("/hooks/mailgun", { "content-type": "application/json" }, mgBody);
    assert.equal(res.status, 200, await res.text());
    res = await send("/hooks/mailgun", { "content-type": "application/json" }, mgBody);
    assert.deepEqual(await res.json(), { status: "duplicate" }, "the token is the replay id");
    const mgIn = origin.at("/mailgun");
    assert.equal(mgIn.length, 1);
    assert.equal(mgIn[0].headers["x-hookguard-body-signed"], "false");
    assert.equal(mgIn[0].headers["x-hookguard-event"], "delivered");
    assert.equal(mgIn[0].headers["x-hookguard-id"], token);

    // Dropbox Sign: the event JSON in the multipart field `json`.
    const evTime = ts;
    const hash = createHmac("sha256", DROPBOX).update(`${evTime}signature_request_sent`).digest("hex");
    const json = JSON.stringify({ event: { event_time: evTime, event_type: "signature_request_sent", event_hash: hash }, signature_request: { title: "T" } });
    const boundary = `----hg${randomBytes(8).toString("hex")}`;
    const mp = `--${boundary}\r\nContent-Disposition: form-data; name="json"\r\n\r\n${json}\r\n--${boundary}--\r\n`;
    const ct = `multipart/form-data; boundary=${boundary}`;
    res = await send("/hooks/dropbox", { "content-type": ct }, mp);
    assert.equal(res.status, 200, await res.text());
    res = await send("/hooks/dropbox", { "content-type": ct }, mp.replace(hash, "0".repeat(64)));
    assert.equal(res.status, 401);
    res = await send("/hooks/dropbox", { "content-type": "multipart/form-data; boundary=other" }, mp);
    assert.equal(res.status, 400, "another boundary: invalid_payload");
    const dbIn = origin.at("/dropbox");
    assert.equal(dbIn.length, 1);
    assert.equal(dbIn[0].headers["x-hookguard-body-signed"], "false");
    assert.equal(dbIn[0].headers["x-hookguard-event"], "signature_request_sent");
    assert.equal(dbIn[0].headers["content-type"], ct, "the verified multipart type travels");
    assert.equal(dbIn[0].body.toString(), mp);
  } finally {
    await worker.dispose();
    await origin.close();
  }
});

test("a route url is refused for providers that do not sign the URL, and must be absolute", async () => {
  for (const [options, url, why] of [
    [{ provider: "stripe" }, "https://public.example.com/x", /ROUTES\[0\]\.url is for providers that sign the request URL/],
    [{ provider: "square" }, "/relative", /ROUTES\[0\]\.url is not an absolute URL/],
  ]) {
    const logs = [];
    const routes = [{ path: "/hooks/x", options, secretBinding: "K", origin: "http://127.0.0.1:9/x", mode: "direct", url }];
    const w = await startWorker({ routes, vars: { K: "whsec_k" }, logs });
    try {
      const res = await w.fetch("/hooks/x", { method: "POST", body: "{}" });
      assert.equal(res.status, 500);
      const line = logs.find((l) => l.includes('"outcome":"invalid_config"'));
      assert.ok(line, logs.join("\n"));
      assert.match(JSON.parse(line).message, why);
    } finally {
      await w.dispose();
    }
  }
});
