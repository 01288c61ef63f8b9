// Catalogue providers routed end to end: Stripe and GitHub deliveries, signed here with
// node:crypto (not by hookguard), verified on workerd, forwarded with the provider's own
// headers, deduplicated on the provider's replay id.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { now, startOrigin, startWorker } from "./harness.mjs";

const STRIPE = "whsec_test_edge_secret_0123456789abcdef";
const GITHUB = "It's a Secret to Everybody";

test("stripe and github routes: verified, forwarded with their own headers, replays dropped", async () => {
  const origin = await startOrigin();
  const routes = [
    { path: "/hooks/stripe", options: { provider: "stripe" }, secretBinding: "STRIPE_SECRET", origin: `${origin.url}/stripe` },
    { path: "/hooks/github", options: { provider: "github" }, secretBinding: "GITHUB_SECRET", origin: `${origin.url}/github`, mode: "direct" },
  ];
  const worker = await startWorker({ routes, vars: { STRIPE_SECRET: STRIPE, GITHUB_SECRET: GITHUB }, originUrl: origin.url });
  try {
    const t = now();
    const stripeBody = JSON.stringify({ id: "evt_edge_1", object: "event", type: "invoice.paid", data: { object: {} } });
    const v1 = createHmac("sha256", STRIPE).update(`${t}.${stripeBody}`).digest("hex");
    const stripeSig = `t=${t},v1=${v1}`;
    const send = (path, headers, body) => worker.fetch(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

    let res = await send("/hooks/stripe", { "stripe-signature": stripeSig }, stripeBody);
    assert.equal(res.status, 200, await res.text());
    res = await send("/hooks/stripe", { "stripe-signature": stripeSig }, stripeBody);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: "duplicate" });
    res = await send("/hooks/stripe", { "stripe-signature": `t=${t},v1=${"0".repeat(64)}` }, stripeBody);
    assert.equal(res.status, 401);
    res = await send("/hooks/stripe", { "stripe-signature": `t=${t - 301},v1=${createHmac("sha256", STRIPE).update(`${t - 301}.${stripeBody}`).digest("hex")}` }, stripeBody.replace("evt_edge_1", "evt_edge_2"));
    assert.equal(res.status, 401, "a stale t= is refused");
    const stripeIn = origin.at("/stripe");
    assert.equal(stripeIn.length, 1);
    assert.equal(stripeIn[0].headers["stripe-signature"], stripeSig, "Stripe's own header is forwarded");
    assert.equal(stripeIn[0].headers["x-hookguard-provider"], "stripe");
    assert.equal(stripeIn[0].headers["x-hookguard-event"], "invoice.paid");
    assert.equal(stripeIn[0].headers["x-hookguard-id"], "evt_edge_1");
    assert.equal(stripeIn[0].body.toString(), stripeBody);

    const ghBody = '{"zen":"Design for failure.","hook_id":1}';
    const gh = {
      "x-github-event": "ping",
      "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
      "x-hub-signature-256": "sha256=" + createHmac("sha256", GITHUB).update(ghBody).digest("hex"),
      "x-hub-signature": "sha1=" + createHmac("sha1", GITHUB).update(ghBody).digest("hex"),
    };
    res = await send("/hooks/github", gh, ghBody);
    assert.equal(res.status, 200, await res.text());
    res = await send("/hooks/github", gh, ghBody);
    assert.deepEqual(await res.json(), { status: "duplicate" });
    const { "x-hub-signature-256": _, ...legacyOnly } = gh;
    res = await send("/hooks/github", { ...legacyOnly, "x-github-delivery": "second-delivery" }, ghBody);
    assert.equal(res.status, 200, "the legacy sha1 header alone verifies");
    const ghIn = origin.at("/github");
    assert.equal(ghIn.length, 2);
    for (const name of ["x-github-event", "x-github-delivery", "x-hub-signature"]) assert.ok(ghIn[0].headers[name], `${name} forwarded`);
    assert.equal(ghIn[0].headers["x-hub-signature-256"], gh["x-hub-signature-256"]);
    assert.equal(ghIn[0].headers["x-hookguard-event"], "ping");
    assert.equal(ghIn[0].headers["x-hookguard-id"], gh["x-github-delivery"]);
  } finally {
    await worker.dispose();
    await origin.close();
  }
});
