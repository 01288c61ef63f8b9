// A mistake: the handler returns a string, not a Response.
import { Verifier } from "hookguard";
import { withHookguard } from "hookguard/next";

const stripe = new Verifier({ provider: "stripe", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" });
export const POST = withHookguard(stripe, () => "ok");
