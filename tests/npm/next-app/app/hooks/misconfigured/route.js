// A secret missing at request time: the Verifier's invalid_config is thrown (Next answers 500).
import { Verifier } from "hookguard";
import { withHookguard } from "hookguard/next";

export const POST = withHookguard(
  () => new Verifier({ provider: "stripe", secret: process.env.HOOKGUARD_UNSET_SECRET }),
  () => new Response("never"),
);
