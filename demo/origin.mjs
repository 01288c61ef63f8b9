#!/usr/bin/env node
// The demo origin: what stands behind the edge worker. Listens on loopback only, prints each
// delivery it receives (headers the edge added, body size and hash, never the body itself), and
// checks the edge's Standard Webhooks signature when EDGE_SIGNING_SECRET is known. It also stands
// in for Inspakt's Get Envelope API (GET /inspakt-api/envelopes/{id}, key in X-Inspakt-Api-Key),
// which the demo's Inspakt route confirms each event with: the sample envelope env_01hx is
// finalized, so its voided and deleted events are not confirmed and never arrive here.
//
//   node demo/origin.mjs [--port 8788] [--fail N]     (--fail N: answer 500 to the first N)
import http from "node:http";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const port = Number(opt("--port", process.env.ORIGIN_PORT ?? 8788));
let failuresLeft = Number(opt("--fail", 0));

function devVar(name) {
  if (process.env[name]) return process.env[name];
  try {
    const m = readFileSync(new URL("../.dev.vars", import.meta.url), "utf8").match(new RegExp(`^${name}=(.*)$`, "m"));
    return m?.[1].trim();
  } catch {
    return undefined;
  }
}
const secret = devVar("EDGE_SIGNING_SECRET");
const apiKey = devVar("INSPAKT_API_KEY");
// The stand-in API's envelopes: id -> status.
const envelopes = new Map([["env_01hx", "finalized"]]);

// Inspakt's answer shape: HTTP 200 with {success, payload | error}.
function inspaktApi(req, res) {
  const id = decodeURIComponent(req.url.slice("/inspakt-api/envelopes/".length));
  const status = envelopes.get(id);
  const ok = apiKey !== undefined && req.headers["x-inspakt-api-key"] === apiKey;
  const answer = !ok
    ? { success: false, error: "Invalid API key" }
    : status
      ? { success: true, payload: { id, status, name: "Service Agreement — Acme Corp" } }
      : { success: false, error: "Envelope not found" };
  console.log(JSON.stringify({ api: "inspakt", envelope: id, answered: ok ? (status ?? "not found") : "bad key" }));
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(answer));
}
const webhook = secret ? new Webhook(secret) : null;

let count = 0;
http
  .createServer((req, res) => {
    if (req.method === "GET" && req.url.startsWith("/inspakt-api/envelopes/")) return inspaktApi(req, res);
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      count += 1;
      let edgeSig = "not re-signed";
      if (webhook && req.headers["webhook-signature"]) {
        try {
          webhook.verify(body.toString("utf8"), req.headers);
          edgeSig = "valid";
        } catch (e) {
          edgeSig = `INVALID (${e.message})`;
        }
      }
      const failing = failuresLeft > 0;
      if (failing) failuresLeft -= 1;
      console.log(
        JSON.stringify({
          n: count,
          path: req.url,
          provider: req.headers["x-hookguard-provider"],
          event: req.headers["x-hookguard-event"],
          id: req.headers["x-hookguard-id"],
          verifiedAt: req.headers["x-hookguard-verified-at"],
          confirmed: req.headers["x-hookguard-confirmed"],
          edgeSignature: edgeSig,
          bytes: body.length,
          sha256: createHash("sha256").update(body).digest("hex").slice(0, 16),
          answered: failing ? 500 : 200,
        }),
      );
      res.writeHead(failing ? 500 : 200, { "content-type": "application/json" });
      res.end(failing ? '{"ok":false}' : '{"ok":true}');
    });
  })
  .listen(port, "127.0.0.1", () => console.log(`demo origin listening on http://127.0.0.1:${port}`));
