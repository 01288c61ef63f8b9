// Adobe Acrobat Sign: the verification of intent is a GET echoing the client id; a delivery's
// acknowledgement echoes it too.
import { Verifier } from "hookguard/verify";
import { withHookguard } from "hookguard/next";

const route = withHookguard(new Verifier({ provider: "adobe-sign", secret: "adobe-client-id" }), (event) => {
  console.log("HOOKGUARD_SEEN " + JSON.stringify({ route: "adobe", event: event.event }));
});
export { route as GET, route as POST };
