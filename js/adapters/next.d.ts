// Types for hookguard/next (js/adapters/next.mjs).
import type { CustomProviderId, ProviderId, Verifier, VerifiedEvent } from "./index.js";

/** What the handler gets beside the verified event. */
export interface HookguardRouteInfo<C = unknown> {
  /** The raw bytes as received (the request's stream is consumed: use these, or event.payload). */
  body: Uint8Array;
  /** The request Next passed to the route handler. */
  request: Request;
  /** Next's second argument (`{ params: Promise<…> }` in a dynamic segment). */
  context: C;
}

export interface WithHookguardOptions {
  /**
   * The URL the provider called, for the URL-signed providers (twilio, square, hubspot,
   * pandadoc). Default: request.url's scheme, path and query with the Host header's host (under
   * `next start`, request.url's host is always localhost:<port>). Behind a proxy, the public URL.
   */
  url?: string | ((request: Request) => string | Promise<string>);
  /** Unix seconds (default: the clock). */
  now?: number;
}

/** A Verifier, a Promise of one, or a function of the request giving one (secrets read at request time). */
export type VerifierSource<P extends ProviderId | CustomProviderId> =
  | Verifier<P>
  | Promise<Verifier<P>>
  | ((request: Request) => Verifier<P> | Promise<Verifier<P>>);

/**
 * An App Router route handler (export it as POST, and as GET for a GET handshake): handshakes
 * and rejections are answered as the worker does; the handler runs only for a verified
 * delivery. Returning nothing answers the provider's acknowledgement or an empty 200.
 */
export function withHookguard<P extends ProviderId | CustomProviderId, C = unknown>(
  verifier: VerifierSource<P>,
  handler: (event: VerifiedEvent<P>, info: HookguardRouteInfo<C>) => Response | void | undefined | Promise<Response | void | undefined>,
  opts?: WithHookguardOptions,
): (request: Request, context: C) => Promise<Response>;
