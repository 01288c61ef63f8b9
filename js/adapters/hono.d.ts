// Types for hookguard/hono (js/adapters/hono.mjs). Structural, so that the package does not
// depend on hono's types: Hono's own Context satisfies them.
import type { CustomProviderId, ProviderId, Verifier, VerifiedEvent } from "./index.js";

export interface HookguardHonoOptions {
  /** The URL the provider called (URL-signed providers); default `c.req.url`. */
  url?(c: any): string;
  /** Unix seconds (default: the clock). */
  now?: number;
}

/** The context variables the middleware sets on a verified delivery (for `new Hono<{ Variables: HookguardVariables }>()`). */
export interface HookguardVariables<P extends ProviderId | CustomProviderId = ProviderId> {
  /** The verified event. */
  hookguard: VerifiedEvent<P>;
  /** The exact bytes that were verified. */
  hookguardBody: Uint8Array;
}

/**
 * The middleware, first on a webhook route: reads the raw body once (413 body_too_large past
 * maxBodyBytes), answers handshakes and rejections (status and `{"error":{"code","message"}}`),
 * refuses with a 500 when an earlier middleware already read the body, and on success sets
 * c.get("hookguard") and c.get("hookguardBody"); the handler can still read the body.
 * @param verifier a Verifier, or a function of the context returning one (e.g. from c.env on Workers)
 */
export function hookguard<P extends ProviderId | CustomProviderId>(
  verifier: Verifier<P> | ((c: any) => Verifier<P> | Promise<Verifier<P>>),
  opts?: HookguardHonoOptions,
): (c: any, next: () => Promise<void>) => Promise<Response | void>;

/** Answers a verified delivery: its acknowledgement (Dropbox Sign, Adobe Acrobat Sign) or an empty 200. */
export function acknowledge(c: any): Response;
