// hookguard/verify: the verifier alone. The same API as "hookguard" over the module built
// without sign(), explain() and handshake() (smaller); Verifier#explain and
// Verifier#handshake throw invalid_config there.
export { WebhookError, Verifier, verify, errorCodes, providers, version, sha256 } from "./index.js";
export type * from "./index.js";
