// provider "custom" routed end to end: a descriptor in ROUTES (a Slack-like scheme and a static
// token), deliveries signed here with node:crypto (not by hookguard), verified on workerd and
// forwarded with the scheme's own headers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { now, startOrigin, startWorker } from "./harness.mjs";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const SLACK_LIKE = {
  name: "Slack-like",
  header: "X-Slack-Signature",
  prefix: "v0=",
  template: "v0:{timestamp}:{body}",
  timestamp: { header: "X-Slack-Request-Timestamp" },
  id: { field: "event_id" },
  event: { field: "type" },
  retries: true,
};

test("custom routes: verified with the route's descriptor, forwarded, replays dropped", async () => {
  const origin = await startOrigin();
  const routes = [
    { path: "/hooks/slackish", options: { provider: "custom", scheme: SLACK_LIKE }, secretBinding: "SLACKISH", origin: `${origin.url}/slackish` },
    {
      path: "/hooks/token",
      options: { provider: "custom", scheme: { name: "Tokenish", auth: "token", header: "x-webhook-token", event: { field: "event" } } },
      secretBinding: "TOKENISH",
      origin: `${origin.url}/token`,
      mode: "direct",
    },
  ];
  const worker = await startWorker({ routes, vars: { SLACKISH: SECRET, TOKENISH: "tok_edge_123" }, originUrl: origin.url });
  try {
    const send = (path, headers, body) => worker.fetch(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    const t = now();
    const body = JSON.stringify({ type: "event_callback", event_id: "Ev0CUSTOM1" });
    const sig = "v0=" + createHmac("sha256", SECRET).update(`v0:${t}:${body}`).digest("hex");
    const headers = { "x-slack-signature": sig, "x-slack-request-timestamp": String(t) };
    let res = await send("/hooks/slackish", headers, body);
    assert.equal(res.status, 200, await res.text());
    res = await send("/hooks/slackish", headers, body);
    assert.deepEqual(await res.json(), { status: "duplicate" });
    res = await send("/hooks/slackish", { ...headers, "x-slack-request-timestamp": String(t + 1) }, body);
    assert.equal(res.status, 401, "the timestamp is signed");
    assert.equal((await res.json()).error.code, "signature_mismatch");
    const arrived = origin.at("/slackish");
    assert.equal(arrived.length, 1);
    assert.equal(arrived[0].headers["x-slack-signature"], sig, "the scheme's own header is forwarded");
    assert.equal(arrived[0].headers["x-hookguard-provider"], "custom");
    assert.equal(arrived[0].headers["x-hookguard-event"], "event_callback");
    assert.equal(arrived[0].headers["x-hookguard-id"], "Ev0CUSTOM1");
    assert.equal(arrived[0].body.toString(), body);

    const tokenBody = JSON.stringify({ event: "order.created" });
    res = await send("/hooks/token", { "x-webhook-token": "tok_edge_123" }, tokenBody);
    assert.equal(res.status, 200, await res.text());
    res = await send("/hooks/token", { "x-webhook-token": "tok_edge_124" }, tokenBody);
    assert.equal(res.status, 401);
    assert.equal((await res.json()).error.code, "token_mismatch");
    const tokenIn = origin.at("/token");
    assert.equal(tokenIn.length, 1);
    assert.equal(tokenIn[0].headers["x-webhook-token"], undefined, "the token never leaves the edge");
    assert.equal(tokenIn[0].headers["x-hookguard-event"], "order.created");
  } finally {
    await worker.dispose();
    await origin.close();
  }
});
