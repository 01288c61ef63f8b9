// The handler answers with its own Response (the route's params reach it as context).
import { Verifier } from "hookguard";
import { withHookguard } from "hookguard/next";

const stripe = new Verifier({ provider: "stripe", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" });
export const POST = withHookguard(stripe, (event, { body, context }) =>
  Response.json({ received: event.id, type: event.payload.type, bytes: body.byteLength, context: typeof context }, { status: 202, headers: { "x-handled-by": "own" } }),
);
