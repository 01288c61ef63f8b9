// Slack's url_verification handshake, with the verifier given as a Promise.
import { Verifier } from "hookguard";
import { withHookguard } from "hookguard/next";

const slack = Promise.resolve().then(() => new Verifier({ provider: "slack", secret: "slack-signing-secret" }));
export const POST = withHookguard(slack, (event) => {
  console.log("HOOKGUARD_SEEN " + JSON.stringify({ route: "slack", event: event.event }));
});
