// Types for hookguard/express (js/adapters/express.mjs). Structural, so that the package does
// not depend on @types/express: Express's own Request and Response satisfy them.
import type { CustomProviderId, ProviderId, Verifier, VerifiedEvent } from "./index.js";

export interface HookguardMiddlewareOptions {
  /** The URL the provider called (URL-signed providers); default `${req.protocol}://${req.get("host")}${req.originalUrl}`. */
  url?(req: any): string;
  /** Unix seconds (default: the clock). */
  now?: number;
}

/** What the middleware adds to the request on a verified delivery. */
export interface HookguardRequest<P extends ProviderId | CustomProviderId = ProviderId> {
  /** The verified event. */
  hookguard: VerifiedEvent<P>;
  /** The exact bytes that were verified. */
  rawBody: Uint8Array;
}

/**
 * Reads the raw body itself (at most maxBodyBytes: 413 body_too_large beyond), answers
 * handshakes and rejections (status and `{"error":{"code","message"}}`), refuses with a 500 when
 * a body parser already read the body, and on success sets req.hookguard and req.rawBody.
 */
export function hookguardMiddleware<P extends ProviderId | CustomProviderId>(
  verifier: Verifier<P>,
  opts?: HookguardMiddlewareOptions,
): (req: any, res: any, next: (err?: unknown) => void) => void;

/** Answers a verified delivery: its acknowledgement (Dropbox Sign, Adobe Acrobat Sign) or an empty 200. */
export function acknowledge(req: any, res: any): void;
