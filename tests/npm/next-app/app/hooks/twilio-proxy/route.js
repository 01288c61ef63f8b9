// Behind a proxy: the URL the provider called, from the forwarded headers the proxy sets.
import { Verifier } from "hookguard";
import { withHookguard } from "hookguard/next";

const twilio = new Verifier({ provider: "twilio", secret: "twilio-auth-token" });
export const POST = withHookguard(twilio, () => new Response("ok proxy"), {
  url: (request) => {
    const u = new URL(request.url);
    return `https://${request.headers.get("x-public-host")}/twilio${u.search}`;
  },
});
