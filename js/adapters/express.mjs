// hookguard/express: a middleware that reads the raw request body itself (so no body parser
// can have re-serialised it), answers handshakes and rejections the way the worker does, and
// hands the verified event to the next handler. Express 4 and 5; no import of the package
// itself (a Verifier from either entry works).

const BRAND = Symbol.for("hookguard.WebhookError");
const isWebhookError = (e) => e !== null && typeof e === "object" && e[BRAND] === true;

const PARSED =
  "hookguard/express: the request body was already read by a body parser (express.json(), " +
  "express.raw(), express.urlencoded(), body-parser, …), so the exact bytes the provider signed " +
  "are gone. Mount hookguardMiddleware before the parser (app.post(path, hookguardMiddleware(v), " +
  "handler) ahead of app.use(express.json())), or keep the parser off the webhook route.";

// Node's setHeader and end, not Express's set and send: the answer goes out exactly as the
// worker sends it (Express adds "; charset=utf-8" to a content type, and an ETag).
function sendJsonError(res, status, code, message) {
  res.statusCode = status;
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ error: { code, message } }));
}

function sendAnswer(res, answer) {
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  if (answer.body) res.end(answer.body);
  else res.end();
}

/**
 * The middleware: (req, res, next). On a verified delivery sets req.hookguard (the event) and
 * req.rawBody (the exact bytes, a Buffer) and calls next(); answers handshakes itself, and
 * rejections with the error's status and {"error":{"code","message"}}.
 * @param opts { url?(req): the URL the provider called (default protocol://host + originalUrl), now?: unix seconds }
 */
export function hookguardMiddleware(verifier, opts) {
  const urlOf = opts?.url ?? ((req) => `${req.protocol}://${req.get("host")}${req.originalUrl}`);
  const now = opts?.now;
  const limit = verifier.maxBodyBytes;
  return function hookguard(req, res, next) {
    if (req.body !== undefined || req.readableEnded || req._body === true) {
      sendJsonError(res, 500, "invalid_config", PARSED);
      return;
    }
    const announced = Number(req.headers["content-length"]);
    let done = false;
    const chunks = [];
    let n = 0;
    const tooLarge = (size) => {
      done = true;
      req.removeListener("data", onData);
      req.pause(); // stop reading; the connection closes after the answer
      res.setHeader("connection", "close");
      sendJsonError(res, 413, "body_too_large", `the body is at least ${size} bytes; the limit is ${limit}`);
    };
    const onData = (chunk) => {
      if (done) return;
      n += chunk.length;
      if (n > limit) return tooLarge(n);
      chunks.push(chunk);
    };
    if (announced > limit) return tooLarge(announced);
    req.on("data", onData);
    req.once("error", (e) => {
      if (!done) {
        done = true;
        next(e);
      }
    });
    req.once("end", () => {
      if (done) return;
      done = true;
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, n);
      let call;
      try {
        const url = urlOf(req);
        call = now === undefined ? { url, method: req.method } : { url, method: req.method, now };
        const answer = verifier.handshake(req.headers, body, call);
        if (answer !== null) return sendAnswer(res, answer);
        req.hookguard = verifier.verify(req.headers, body, call);
      } catch (e) {
        if (!isWebhookError(e) || e.code === "invalid_config") return next(e);
        return sendJsonError(res, e.status, e.code, e.message);
      }
      req.rawBody = body;
      next();
    });
  };
}

/**
 * Answers a verified delivery the way its provider wants: its acknowledgement (Dropbox Sign's
 * text, Adobe Acrobat Sign's client-id echo), otherwise an empty 200.
 */
export function acknowledge(req, res) {
  const ack = req.hookguard?.acknowledgement;
  if (ack) sendAnswer(res, ack);
  else {
    res.statusCode = 200;
    res.end();
  }
}
