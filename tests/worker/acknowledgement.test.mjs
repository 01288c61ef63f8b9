// Acknowledgements at the edge: providers that count a delivery as received only when the answer
// says so. Dropbox Sign wants 200 "Hello API Event Received" for every callback; Adobe Acrobat
// Sign wants its X-AdobeSign-ClientId echoed on the verification-of-intent GET and on every
// notification. Signed here with node:crypto (not by hookguard), sent to the worker on workerd,
// which forwards the events to a loopback origin and answers the provider exactly, whether it
// delivered, queued or recognised a duplicate.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { now, startOrigin, startWorker, waitFor } from "./harness.mjs";

const DROPBOX = "c2f0d3a1b4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f";
const ADOBE = "CBJCHBCAABAAqz9wXf4v2dJk7Pp3DbIy";
const ACK = "Hello API Event Received";

function dropboxEvent(type = "signature_request_signed", time = String(now())) {
  const hash = createHmac("sha256", DROPBOX).update(time + type).digest("hex");
  return JSON.stringify({
    event: { event_time: time, event_type: type, event_hash: hash, event_metadata: { related_signature_id: null } },
    signature_request: { signature_request_id: "21bb8f947df4ad622c103f662543b230b713d", title: "NDA" },
  });
}

const adobeNotification = (nid, event = "AGREEMENT_ACTION_COMPLETED") =>
  JSON.stringify({ webhookId: "3AAABLblqZhA0gfq6AbIFFL9rZkYJfHbw", webhookNotificationId: nid, event, agreement: { id: "CBJ1", status: "SIGNED" } });

async function withWorker(fn) {
  const origin = await startOrigin();
  const route = (path, provider, binding, extra = {}) => ({
    path,
    options: { provider },
    secretBinding: binding,
    origin: `${origin.url}${path}`,
    ...extra,
  });
  const routes = [
    route("/hooks/dropbox-sign", "dropbox-sign", "DROPBOX"),
    route("/hooks/dropbox-sign-queued", "dropbox-sign", "DROPBOX", { mode: "queue" }),
    route("/hooks/adobe-sign", "adobe-sign", "ADOBE"),
  ];
  const worker = await startWorker({ routes, vars: { DROPBOX, ADOBE }, originUrl: origin.url, logs: [] });
  try {
    await fn({ worker, origin });
  } finally {
    await worker.dispose();
    await origin.close();
  }
}

async function expectAck(res, outcome) {
  const text = await res.text();
  assert.equal(res.status, 200, text);
  assert.equal(res.headers.get("content-type"), "text/plain");
  assert.equal(text, ACK);
  assert.equal(res.headers.get("x-hookguard-outcome"), outcome);
}

async function expectEcho(res, id, outcome) {
  const text = await res.text();
  assert.equal(res.status, 200, text);
  assert.equal(res.headers.get("x-adobesign-clientid"), id);
  assert.equal(res.headers.get("content-type"), "application/json");
  assert.deepEqual(JSON.parse(text), { xAdobeSignClientId: id });
  assert.equal(res.headers.get("x-hookguard-outcome"), outcome);
}

test("Dropbox Sign: every accepted callback is answered 200 'Hello API Event Received', delivered or queued", async () => {
  await withWorker(async ({ worker, origin }) => {
    const body = dropboxEvent();
    const res = await worker.fetch("/hooks/dropbox-sign", { method: "POST", headers: { "content-type": "application/json" }, body });
    await expectAck(res, "delivered");
    const got = origin.at("/hooks/dropbox-sign");
    assert.equal(got.length, 1);
    assert.equal(got[0].body.toString(), body);
    assert.equal(got[0].headers["x-hookguard-body-signed"], "false");

    // Queue mode: still 200 (not 202) with the text, and the origin gets it from the queue.
    const queued = dropboxEvent("signature_request_all_signed");
    await expectAck(await worker.fetch("/hooks/dropbox-sign-queued", { method: "POST", headers: { "content-type": "application/json" }, body: queued }), "queued");
    await waitFor(() => origin.at("/hooks/dropbox-sign-queued").length === 1, 20_000);
    assert.equal(origin.at("/hooks/dropbox-sign-queued")[0].body.toString(), queued);

    // A forged callback gets no acknowledgement: refused, so a real retry still comes.
    const forged = body.replace(/"event_hash":"[0-9a-f]+"/, `"event_hash":"${"0".repeat(64)}"`);
    const bad = await worker.fetch("/hooks/dropbox-sign", { method: "POST", headers: { "content-type": "application/json" }, body: forged });
    const text = await bad.text();
    assert.equal(bad.status, 401);
    assert.notEqual(text, ACK);
    assert.equal(JSON.parse(text).error.code, "signature_mismatch");

    // The origin failing: no acknowledgement either (502), so Dropbox Sign retries.
    origin.on("/hooks/dropbox-sign", () => ({ status: 500 }));
    const failed = await worker.fetch("/hooks/dropbox-sign", { method: "POST", headers: { "content-type": "application/json" }, body: dropboxEvent("signature_request_viewed") });
    assert.equal(failed.status, 502);
    assert.notEqual(await failed.text(), ACK);
  });
});

test("Adobe Acrobat Sign: the client id is checked and echoed on the GET and on every notification", async () => {
  await withWorker(async ({ worker, origin }) => {
    // Verification of intent: a GET, answered at the edge, never forwarded.
    await expectEcho(await worker.fetch("/hooks/adobe-sign", { headers: { "x-adobesign-clientid": ADOBE } }), ADOBE, null);
    const other = await worker.fetch("/hooks/adobe-sign", { headers: { "x-adobesign-clientid": "CBJCHBCAABAAsomeoneelse00000000" } });
    assert.equal(other.status, 401);
    assert.equal(other.headers.get("x-adobesign-clientid"), null);
    assert.equal((await other.json()).error.code, "token_mismatch");
    const plainGet = await worker.fetch("/hooks/adobe-sign");
    assert.equal(plainGet.status, 405);
    await plainGet.arrayBuffer();
    assert.deepEqual(origin.at("/hooks/adobe-sign"), []);

    // A notification: forwarded (without the client id), answered with the echo.
    const body = adobeNotification("ntf-1");
    const headers = { "content-type": "application/json", "x-adobesign-clientid": ADOBE };
    await expectEcho(await worker.fetch("/hooks/adobe-sign", { method: "POST", headers, body }), ADOBE, "delivered");
    const got = origin.at("/hooks/adobe-sign");
    assert.equal(got.length, 1);
    assert.equal(got[0].body.toString(), body);
    assert.equal(got[0].headers["x-adobesign-clientid"], undefined, "the token header is never forwarded");
    assert.equal(got[0].headers["x-hookguard-id"], "ntf-1");

    // Adobe's retry of a notification already delivered: echoed again (or it would keep
    // retrying and finally disable the webhook), not forwarded again.
    await expectEcho(await worker.fetch("/hooks/adobe-sign", { method: "POST", headers, body }), ADOBE, "duplicate");
    assert.equal(origin.at("/hooks/adobe-sign").length, 1);

    // Another application's id: refused, nothing echoed, nothing forwarded.
    const forged = await worker.fetch("/hooks/adobe-sign", { method: "POST", headers: { ...headers, "x-adobesign-clientid": "CBJCHBCAABAAsomeoneelse00000000" }, body: adobeNotification("ntf-2") });
    assert.equal(forged.status, 401);
    assert.equal(forged.headers.get("x-adobesign-clientid"), null);
    await forged.arrayBuffer();
    assert.equal(origin.at("/hooks/adobe-sign").length, 1);
  });
});
