// hookguard/verify: the verifier alone. The same API as "hookguard" (every catalogue provider,
// handshake() included) over the module built without sign(), explain() and custom scheme
// descriptors (smaller); Verifier#explain and provider "custom" throw invalid_config there.
export { WebhookError, Verifier, verify, errorCodes, providers, version, sha256 } from "./index.js";
export type * from "./index.js";
