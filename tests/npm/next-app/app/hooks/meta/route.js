// Meta: the endpoint check is a GET (hub.challenge); deliveries are POSTs. One wrapper, both methods.
import { Verifier } from "hookguard";
import { withHookguard } from "hookguard/next";

const meta = new Verifier({ provider: "meta", secret: "meta-app-secret", verifyToken: "meta-verify-token" });
export const GET = withHookguard(meta, () => new Response("a GET is never a delivery", { status: 500 }));
export const POST = withHookguard(meta, (event) => {
  console.log("HOOKGUARD_SEEN " + JSON.stringify({ route: "meta", event: event.event }));
});
