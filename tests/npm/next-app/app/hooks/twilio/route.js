// Twilio signs the URL: verified against the request.url Next gives the handler.
import { Verifier } from "hookguard";
import { withHookguard } from "hookguard/next";

const twilio = new Verifier({ provider: "twilio", secret: "twilio-auth-token" });
export const POST = withHookguard(twilio, (event, { request }) => Response.json({ url: request.url }));
