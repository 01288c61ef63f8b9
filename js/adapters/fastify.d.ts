// Types for hookguard/fastify (js/adapters/fastify.mjs). Structural, so that the package does
// not depend on fastify's types: Fastify's own instance, request and reply satisfy them.
import type { CustomProviderId, ProviderId, Verifier, VerifiedEvent } from "./index.js";

export interface HookguardPluginOptions<P extends ProviderId | CustomProviderId = ProviderId> {
  /** The verifier for the routes in this scope. */
  verifier: Verifier<P>;
  /** The URL the provider called (URL-signed providers); default `${request.protocol}://${request.host}${request.url}`. */
  url?(request: any): string;
  /** Unix seconds (default: the clock). */
  now?: number;
}

/** What the plugin adds to the request on a verified delivery. */
export interface HookguardRequest<P extends ProviderId | CustomProviderId = ProviderId> {
  /** The verified event. */
  hookguard: VerifiedEvent<P>;
  /** The exact bytes that were verified (request.body is the same Buffer). */
  rawBody: Uint8Array;
}

/**
 * The plugin, for `scope.register(hookguardPlugin, { verifier })` inside the scope that declares
 * the webhook routes (it applies to that scope, not to a child, like a fastify-plugin). It
 * replaces the scope's content-type parsers with a raw, bounded one (413 body_too_large past
 * maxBodyBytes), answers handshakes and rejections (status and `{"error":{"code","message"}}`),
 * and on success sets request.hookguard and request.rawBody.
 */
export function hookguardPlugin(instance: any, opts: HookguardPluginOptions<any>, done: (err?: Error) => void): void;

/** Answers a verified delivery: its acknowledgement (Dropbox Sign, Adobe Acrobat Sign) or an empty 200. */
export function acknowledge(request: any, reply: any): any;
