// hookguard/fastify: a Fastify plugin for the scope that holds the webhook routes. In that scope
// it replaces every content-type parser with one that keeps the exact bytes (read once, never
// more than maxBodyBytes), and a preValidation hook answers handshakes and rejections the way the
// worker does; the route's handler runs only for a verified delivery. Other scopes keep their
// JSON parser. Fastify 4 and 5; no import of the package itself (a Verifier from either entry
// works).

const BRAND = Symbol.for("hookguard.WebhookError");
const isWebhookError = (e) => e !== null && typeof e === "object" && e[BRAND] === true;

// What the parser hands the hook when the body passed the limit (the read stopped there).
const TOO_LARGE = Symbol("hookguard.tooLarge");

const PARSED =
  "hookguard/fastify: the request body reached the webhook route already parsed (a content-type " +
  "parser added after hookguardPlugin, or the route is outside the plugin's scope), so the exact " +
  "bytes the provider signed are gone. Register hookguardPlugin in the scope that declares the " +
  "webhook routes (app.register(async (hooks) => { await hooks.register(hookguardPlugin, " +
  "{ verifier }); hooks.post(...) })) and add no other parser there.";

// Bodies go out as Buffers: Fastify appends "; charset=utf-8" to a string's content type, and
// the answer must be the worker's, byte for byte.
function sendJsonError(reply, status, code, message) {
  return reply.code(status).header("content-type", "application/json").send(Buffer.from(JSON.stringify({ error: { code, message } })));
}

function sendAnswer(reply, answer) {
  reply.code(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
  return answer.body ? reply.send(Buffer.from(answer.body)) : reply.send();
}

// The raw stream, read once and never more than limit bytes kept; past the limit the read
// stops and the hook answers 413.
function readBounded(limit) {
  return (request, payload, done) => {
    const announced = Number(request.headers["content-length"]);
    const chunks = [];
    let n = 0;
    let finished = false;
    const stop = (size) => {
      finished = true;
      payload.removeListener("data", onData);
      payload.pause();
      done(null, { [TOO_LARGE]: size });
    };
    const onData = (chunk) => {
      if (finished) return;
      n += chunk.length;
      if (n > limit) return stop(n);
      chunks.push(chunk);
    };
    if (announced > limit) return stop(announced);
    payload.on("data", onData);
    payload.once("error", (e) => {
      if (finished) return;
      finished = true;
      done(e);
    });
    payload.once("end", () => {
      if (finished) return;
      finished = true;
      done(null, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, n));
    });
  };
}

/**
 * The plugin: app.register(hookguardPlugin, { verifier, url?, now? }) inside the scope of the
 * webhook routes. A verified delivery reaches the handler with request.hookguard (the event) and
 * request.rawBody (the exact bytes, a Buffer; request.body is the same Buffer).
 * @param opts { verifier, url?(request): the URL the provider called (default protocol://host + url), now?: unix seconds }
 */
export function hookguardPlugin(instance, opts, done) {
  const verifier = opts?.verifier;
  if (!verifier || typeof verifier.verify !== "function") {
    done(new TypeError("hookguard/fastify: register the plugin with { verifier: new Verifier({...}) }"));
    return;
  }
  const urlOf = opts.url ?? ((request) => `${request.protocol}://${request.host ?? request.hostname}${request.url}`);
  const now = opts.now;
  const limit = verifier.maxBodyBytes;
  instance.removeAllContentTypeParsers();
  // bodyLimit above ours, so Fastify never answers 413 in its own format before the hook does.
  instance.addContentTypeParser("*", { bodyLimit: limit + 1 }, readBounded(limit));
  if (!instance.hasRequestDecorator("hookguard")) instance.decorateRequest("hookguard", null);
  if (!instance.hasRequestDecorator("rawBody")) instance.decorateRequest("rawBody", null);
  instance.addHook("preValidation", async (request, reply) => {
    const parsed = request.body;
    if (parsed !== undefined && parsed !== null && parsed[TOO_LARGE] !== undefined) {
      reply.header("connection", "close");
      return sendJsonError(reply, 413, "body_too_large", `the body is at least ${parsed[TOO_LARGE]} bytes; the limit is ${limit}`);
    }
    if (parsed !== undefined && parsed !== null && !Buffer.isBuffer(parsed)) {
      return sendJsonError(reply, 500, "invalid_config", PARSED);
    }
    const body = parsed ?? Buffer.alloc(0);
    const url = urlOf(request);
    const call = now === undefined ? { url, method: request.method } : { url, method: request.method, now };
    try {
      const answer = verifier.handshake(request.headers, body, call);
      if (answer !== null) return sendAnswer(reply, answer);
      request.hookguard = verifier.verify(request.headers, body, call);
    } catch (e) {
      if (!isWebhookError(e) || e.code === "invalid_config") throw e;
      return sendJsonError(reply, e.status, e.code, e.message);
    }
    request.rawBody = body;
  });
  done();
}
// Applies to the scope it is registered in (as fastify-plugin would mark it), not to a child.
hookguardPlugin[Symbol.for("skip-override")] = true;
hookguardPlugin[Symbol.for("fastify.display-name")] = "hookguard";

/**
 * Answers a verified delivery the way its provider wants: its acknowledgement (Dropbox Sign's
 * text, Adobe Acrobat Sign's client-id echo), otherwise an empty 200. Returns the reply.
 */
export function acknowledge(request, reply) {
  const ack = request.hookguard?.acknowledgement;
  if (ack) return sendAnswer(reply, ack);
  return reply.code(200).send();
}
