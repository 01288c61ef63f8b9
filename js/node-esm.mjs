// ESM entry for Node: the CommonJS build, re-exported, so import and require share one instance.
import cjs from "./index.cjs";

export const {
  Verifier,
  verify,
  sign,
  generateKeyPair,
  WebhookError,
  errorCodes,
  providers,
  version,
  sha256,
} = cjs;
