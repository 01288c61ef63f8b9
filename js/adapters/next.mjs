// hookguard/next: a Next.js App Router route handler wrapper over hookguard/fetch's
// verifyRequest. `export const POST = withHookguard(verifier, handler)`: handshakes and
// rejections are answered as the worker answers them, and the handler runs only for a verified
// delivery. No Node built-ins and no import of the package itself: a Verifier from either entry
// ("hookguard" or "hookguard/verify") works, and no second wasm instance is loaded.
import { verifyRequest } from "./fetch.mjs";

const USED =
  "hookguard/next: the request body was already read (request.json(), .text(), .formData() or " +
  ".arrayBuffer() before withHookguard's handler ran), so the exact bytes the provider signed are " +
  "gone. Export the wrapped handler itself (export const POST = withHookguard(verifier, handler)) " +
  "and use the body it hands the handler (or event.payload).";

const NOT_A_RESPONSE =
  "hookguard/next: the handler returned something that is not a Response; return a Response, " +
  "or nothing (undefined) for the provider's acknowledgement or an empty 200.";

function misuse(message) {
  // The same answer hookguard/express gives for a consumed body: the programmer's mistake, said
  // plainly (and logged, since a provider will not show it to anyone).
  console.error(message);
  return new Response(JSON.stringify({ error: { code: "invalid_config", message } }), {
    status: 500,
    headers: { "content-type": "application/json" },
  });
}

// The URL the provider called, as far as the request tells it. Under `next start`, request.url's
// host is always the server's own (localhost:<port>, whatever the Host header said; https only
// from TLS or X-Forwarded-Proto), so the Host header replaces it; the path and query are
// request.url's (Next re-serialises the query: %20 arrives as +, a bare `flag` as `flag=`).
function providerUrl(request) {
  const host = request.headers.get("host");
  if (!host) return request.url;
  const u = new URL(request.url);
  return `${u.protocol}//${host}${u.pathname}${u.search}`;
}

const isThenable = (v) => v !== null && (typeof v === "object" || typeof v === "function") && typeof v.then === "function";

/**
 * A route handler: (request, context) => Promise<Response>. Export it as POST (and GET for the
 * providers whose handshake is a GET: Meta's hub.challenge, Adobe Acrobat Sign's intent check).
 *   verifier  a Verifier, a Promise of one, or a function (request) => Verifier | Promise<Verifier>
 *             (called on every request: secrets read at request time, not at build time);
 *   handler   (event, { body, request, context }) => Response | undefined (or a Promise of one),
 *             run only for a verified delivery; undefined answers the provider's acknowledgement
 *             (Dropbox Sign, Adobe Acrobat Sign) or an empty 200;
 *   opts      { url?: string | (request) => string (the URL the provider called; default
 *             request.url's scheme, path and query with the Host header's host), now?: unix seconds }.
 * invalid_config from the verifier is thrown (Next answers 500 and logs it); a body already read
 * is answered 500 {"error":{"code":"invalid_config","message"}} saying what to change.
 */
export function withHookguard(verifier, handler, opts) {
  if (typeof handler !== "function") throw new TypeError("hookguard/next: withHookguard(verifier, handler): handler must be a function");
  const url = opts?.url;
  const now = opts?.now;
  return async function hookguardRoute(request, context) {
    if (request.bodyUsed) return misuse(USED);
    let v = typeof verifier === "function" ? verifier(request) : verifier;
    if (isThenable(v)) v = await v;
    const call = { url: url === undefined ? providerUrl(request) : typeof url === "function" ? await url(request) : url };
    if (now !== undefined) call.now = now;
    const { event, body, response } = await verifyRequest(v, request, call);
    if (event === null) return response;
    const answer = await handler(event, { body, request, context });
    if (answer === undefined) return response;
    if (!(answer instanceof Response)) return misuse(NOT_A_RESPONSE);
    return answer;
  };
}
