// Types for hookguard/fetch (js/adapters/fetch.mjs).
import type { CustomProviderId, ProviderId, Verifier, VerifiedEvent, WebhookError } from "./index.js";

/** What verifyRequest resolves to. */
export interface VerifiedRequest<P extends ProviderId | CustomProviderId = ProviderId> {
  /** The verified event; null when a handshake was answered or the delivery was rejected. */
  event: VerifiedEvent<P> | null;
  /** The raw bytes as received (the request's stream is consumed). */
  body: Uint8Array;
  /**
   * What to answer: the handshake's answer, the rejection (the worker's status and
   * `{"error":{"code","message"}}`), or for a verified delivery its acknowledgement or an empty 200.
   */
  response: Response;
  /** The rejection, else null. */
  error: WebhookError | null;
}

export interface VerifyRequestOptions {
  /** Unix seconds (default: the clock). */
  now?: number;
  /** The URL the provider called, when request.url is not it (behind a proxy). */
  url?: string;
}

/**
 * Reads the request's bytes once (never more than maxBodyBytes + 1), answers a handshake,
 * otherwise verifies it with the request's own URL and method. invalid_config is thrown.
 */
export function verifyRequest<P extends ProviderId | CustomProviderId>(
  verifier: Verifier<P>,
  request: Request,
  opts?: VerifyRequestOptions,
): Promise<VerifiedRequest<P>>;

/** A rejection as the worker answers it: its status and `{"error":{"code","message"}}`. */
export function errorResponse(error: WebhookError): Response;
