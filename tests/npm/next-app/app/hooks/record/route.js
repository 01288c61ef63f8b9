// A genuine delivery: the handler logs what it saw (the test reads the server's output).
import { Verifier } from "hookguard";
import { withHookguard } from "hookguard/next";

const seen = (route, event, body) =>
  console.log("HOOKGUARD_SEEN " + JSON.stringify({ route, event: event.event, id: event.id, body: Buffer.from(body).toString("base64") }));

export const POST = withHookguard(
  // A function: the secret is read at request time (it does not exist at build time).
  () => new Verifier({ provider: "stripe", secret: process.env.RECORD_SECRET, maxBodyBytes: 4096 }),
  (event, { body }) => {
    seen("record", event, body);
  },
);
