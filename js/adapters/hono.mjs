// hookguard/hono: a Hono middleware for a webhook route, on every runtime Hono runs on (Node
// with @hono/node-server, Bun, Deno, Cloudflare Workers). It reads the raw bytes once (never more
// than maxBodyBytes), answers handshakes and rejections the way the worker does, and hands the
// verified event to the handler; the handler can still read the body (c.req.json(), .text(),
// .arrayBuffer() give the same bytes). No Node built-ins and no import of the package itself.

import { verifyRequest } from "./fetch.mjs";

const USED =
  "hookguard/hono: the request body was already read by an earlier middleware (a validator, " +
  "c.req.json(), c.req.parseBody(), …), so the exact bytes the provider signed are gone. Put " +
  "hookguard(verifier) first on the webhook route.";

function jsonError(status, code, message) {
  return new Response(JSON.stringify({ error: { code, message } }), { status, headers: { "content-type": "application/json" } });
}

/**
 * The middleware: app.post(path, hookguard(verifier), (c) => …). On a verified delivery sets
 * c.get("hookguard") (the event) and c.get("hookguardBody") (the exact bytes, a Uint8Array) and
 * runs the handler; otherwise answers the handshake or the rejection itself.
 * @param verifier a Verifier, or (c) => Verifier (built from c.env on Workers; called per request,
 *   so cache it yourself)
 * @param opts { url?(c): the URL the provider called (default c.req.url), now?: unix seconds }
 */
export function hookguard(verifier, opts) {
  const pick = typeof verifier === "function" ? verifier : () => verifier;
  return async function hookguardMiddleware(c, next) {
    const raw = c.req.raw;
    if (raw.bodyUsed) return jsonError(500, "invalid_config", USED);
    const v = await pick(c);
    const call = {};
    if (opts?.url) call.url = opts.url(c);
    if (opts?.now !== undefined) call.now = opts.now;
    const { event, body, response } = await verifyRequest(v, raw, call);
    if (event === null) return response;
    // Hono's body cache (HonoRequest#bodyCache): every later c.req.json(), .text(), .arrayBuffer()
    // and .parseBody() reads these bytes instead of the consumed stream.
    if (c.req.bodyCache) c.req.bodyCache.arrayBuffer = Promise.resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
    c.set("hookguard", event);
    c.set("hookguardBody", body);
    await next();
  };
}

/**
 * Answers a verified delivery the way its provider wants: its acknowledgement (Dropbox Sign's
 * text, Adobe Acrobat Sign's client-id echo), otherwise an empty 200. A fresh Response each call.
 */
export function acknowledge(c) {
  const ack = c.get("hookguard")?.acknowledgement;
  if (ack) return new Response(ack.body || null, { status: ack.status, headers: ack.headers });
  return new Response(null, { status: 200 });
}
