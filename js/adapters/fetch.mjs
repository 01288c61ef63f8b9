// hookguard/fetch: verify a WHATWG Request (Workers, Deno, Bun, Node's fetch, Next.js route
// handlers, Hono's c.req.raw, SvelteKit, Remix, Astro) and get back a ready Response.
// No Node built-ins and no import of the package itself: it works with a Verifier from either
// entry ("hookguard" or "hookguard/verify") and loads no second wasm instance.

// Every copy of WebhookError carries this brand (js/api.mjs), whichever entry threw it.
const BRAND = Symbol.for("hookguard.WebhookError");
const isWebhookError = (e) => e !== null && typeof e === "object" && e[BRAND] === true;

const USED =
  "hookguard/fetch: the request body was already read (request.json(), .text(), .formData(), " +
  ".arrayBuffer(), or a framework's body parser), so the exact bytes the provider signed are gone. " +
  "Call verifyRequest(verifier, request) first and use the body it returns (or event.payload).";

/** The worker's rejection: its status and `{"error":{"code","message"}}`. */
export function errorResponse(error) {
  return new Response(JSON.stringify({ error: { code: error.code, message: error.message } }), {
    status: error.status,
    headers: { "content-type": "application/json" },
  });
}

// A { status, headers, body } answer (handshake or acknowledgement) as a Response; a 204 has
// no body at all (new Response("", { status: 204 }) throws in some runtimes).
function answerResponse(answer) {
  return new Response(answer.body || null, { status: answer.status, headers: answer.headers });
}

/**
 * Reads the request's bytes once, answers a handshake, otherwise verifies the delivery.
 * Resolves to { event, body, response, error }:
 *   event    the verified event, or null (a handshake answered, or a rejection);
 *   body     the raw bytes as received (a Uint8Array; the request's stream is consumed; past
 *            maxBodyBytes the reading stops and body is not the whole body);
 *   response what to answer: the handshake's answer, the rejection (status and JSON error),
 *            or for a verified delivery its acknowledgement (Dropbox Sign, Adobe Acrobat Sign)
 *            or an empty 200;
 *   error    the WebhookError of a rejection, else null.
 * An invalid_config error (a programming error, not the sender's) is thrown, not answered; so is
 * a TypeError when the request's body was already read.
 * @param opts { now?: unix seconds, url?: the URL the provider called, when request.url is not it (behind a proxy) }
 */
export async function verifyRequest(verifier, request, opts) {
  if (request.bodyUsed) throw new TypeError(USED);
  const url = opts?.url ?? request.url;
  const method = request.method;
  const now = opts?.now;
  const call = now === undefined ? { url, method } : { url, method, now };
  let body = new Uint8Array(0);
  try {
    body = await readBounded(request, verifier.maxBodyBytes);
    // Past the limit only verify runs (it answers body_too_large before anything else).
    const answer = body.byteLength > verifier.maxBodyBytes ? null : verifier.handshake(request.headers, body, call);
    if (answer !== null) return { event: null, body, response: answerResponse(answer), error: null };
    const event = verifier.verify(request.headers, body, call);
    const ack = event.acknowledgement;
    const response = ack ? answerResponse(ack) : new Response(null, { status: 200 });
    return { event, body, response, error: null };
  } catch (e) {
    if (!isWebhookError(e) || e.code === "invalid_config") throw e;
    return { event: null, body, response: errorResponse(e), error: e };
  }
}

// The body, read once from the stream and never more than limit + 1 bytes: past the limit the
// stream is cancelled and the verifier answers body_too_large for those bytes. (Unlike
// request.arrayBuffer(), a sender cannot make the handler buffer an unbounded body.)
async function readBounded(request, limit) {
  const announced = Number(request.headers.get("content-length"));
  if (request.body === null) return new Uint8Array(0);
  if (announced > limit) {
    await request.body.cancel().catch(() => {});
    return new Uint8Array(limit + 1);
  }
  const reader = request.body.getReader();
  const chunks = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (n + value.byteLength > limit) {
      // Keep exactly limit + 1 bytes: enough to say body_too_large, never a whole chunk more.
      chunks.push(value.subarray(0, limit + 1 - n));
      n = limit + 1;
      await reader.cancel().catch(() => {});
      break;
    }
    chunks.push(value);
    n += value.byteLength;
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
