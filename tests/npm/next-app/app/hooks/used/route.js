// A mistake: the body is read before the wrapped handler runs.
import { Verifier } from "hookguard";
import { withHookguard } from "hookguard/next";

const stripe = new Verifier({ provider: "stripe", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" });
const verified = withHookguard(stripe, (event) => {
  console.log("HOOKGUARD_SEEN " + JSON.stringify({ route: "used", event: event.event }));
});
export async function POST(request, context) {
  await request.text();
  return verified(request, context);
}
