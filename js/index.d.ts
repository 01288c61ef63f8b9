// Types for hookguard. The error-code union is checked against the Rust core's table by the
// package tests (tests/npm/types.test.mjs), so the two cannot drift apart.

/** Every code a WebhookError can carry. Never renamed, never reused. */
export type WebhookErrorCode =
  | "missing_header"
  | "malformed_header"
  | "signature_mismatch"
  | "token_mismatch"
  | "timestamp_too_old"
  | "timestamp_in_future"
  | "header_body_mismatch"
  | "invalid_payload"
  | "event_not_allowed"
  | "body_too_large"
  | "invalid_config";

export type ProviderId =
  | "insigner"
  | "inspakt"
  | "standard-webhooks"
  | "svix"
  | "clerk"
  | "resend"
  | "stripe"
  | "github"
  | "shopify";

/** A rejected delivery or unusable options. */
export class WebhookError extends Error {
  readonly name: "WebhookError";
  readonly code: WebhookErrorCode;
  /** The HTTP status the edge worker answers with for this code (400, 401, 413, 422, 500). */
  readonly status: number;
}

/** Headers as fetch gives them, as a plain object (Node's req.headers), or as pairs. */
export type HeadersInput =
  | { get(name: string): string | null; has(name: string): boolean }
  | Record<string, string | string[] | undefined>
  | Iterable<readonly [string, string]>;

/** The exact raw body. A string is taken as its UTF-8 bytes. */
export type BodyInput = Uint8Array | ArrayBuffer | ArrayBufferView | string;

interface CommonOptions {
  /** One secret, or several during rotation: any may match; the result's keyIndex says which. */
  secret: string | readonly string[];
  /** Only these events are accepted (event_not_allowed otherwise). Unknown events pass by default. */
  events?: readonly string[];
  /** Body size limit in bytes (default 1 MiB): body_too_large above it. */
  maxBodyBytes?: number;
}

export interface InSignerOptions extends CommonOptions {
  provider: "insigner";
  /** Allowed |now - X-InSigner-Timestamp| in seconds (default 300, at most 30 days). */
  toleranceSeconds?: number;
  /**
   * Rejects a delivery whose signed `created_at` is more than this many seconds before now
   * (timestamp_too_old), or more than toleranceSeconds after now (timestamp_in_future):
   * unlike the unsigned timestamp header, a replayer cannot refresh it.
   * With it, `created_at` must be a strict RFC 3339 string (invalid_payload otherwise). At
   * least 300960 (inSigner's 214560 s retry window plus a day's margin: the window counts from
   * the first attempt, created_at is earlier) and at least toleranceSeconds; at most ten years.
   * Not set: created_at is not read.
   */
  maxEventAgeSeconds?: number;
}

export interface InspaktOptions extends CommonOptions {
  provider: "inspakt";
  /** The custom header's name set in the Inspakt panel (default "Authorization"). */
  header?: string;
  /** Key replay protection on the body's SHA-256 (identical bodies can be legitimate: opt-in). */
  dedupeByBodyHash?: boolean;
}

export interface StandardWebhooksOptions extends CommonOptions {
  provider: "standard-webhooks";
  /** Allowed |now - webhook-timestamp| in seconds (default 300). */
  toleranceSeconds?: number;
}

export interface SvixOptions extends CommonOptions {
  provider: "svix" | "clerk" | "resend";
  /** The endpoint's `whsec_…` signing secret (base64-decoded after `whsec_`). */
  secret: string | readonly string[];
  /** Allowed |now - svix-timestamp| in seconds (default 300). */
  toleranceSeconds?: number;
}

export interface StripeOptions extends CommonOptions {
  provider: "stripe";
  /** The endpoint's `whsec_…` signing secret, used as its UTF-8 text (never decoded). */
  secret: string | readonly string[];
  /** Allowed age of Stripe-Signature's t= in seconds (default 300; past-only, as Stripe's SDK). */
  toleranceSeconds?: number;
}

export interface GitHubOptions extends CommonOptions {
  provider: "github" | "shopify";
  // No timestamp (GitHub, Shopify): no toleranceSeconds. Replay protection keys on the delivery-id header.
}

// ---- provider "custom": a scheme descriptor (docs/CUSTOM.md) -----------------------------

/** `provider: "custom"`: not a catalogue entry (not in ProviderId, nor in `providers`). */
export type CustomProviderId = "custom";

/** Where an id or event lives: a header, or a top-level string field of the JSON body. */
export type SchemeSource = { header: string; field?: never } | { field: string; header?: never };

/** Where the timestamp lives and how it is judged. */
export type SchemeTimestamp = (
  | { /** Its own header. */ header: string; pair?: never }
  | { /** A key=value pair of the signature header (signatures: { pairs }). */ pair: string; header?: never }
) & {
  /** Unix seconds or milliseconds (default "s"). */
  unit?: "s" | "ms";
  /** Must agree with the template: true exactly when it has {timestamp} (default: what the template says). */
  signed?: boolean;
  /** Default tolerance in seconds (default 300, at most 2592000); the options' toleranceSeconds overrides it. */
  toleranceSeconds?: number;
  /** Which side of now the tolerance bounds (default "symmetric"). */
  window?: "symmetric" | "past-only";
};

/** How the signature(s) sit in the signature header. */
export type SchemeSignatures =
  | "single"
  | { /** Tokens separated by this character, each prefix + signature. */ list: string }
  | { /** key=value pairs separated by this character. */ pairs: string; /** The signature pairs' key (exactly one). */ keys: readonly [string] };

interface SchemeDescriptorBase {
  /** The name for people (1 to 64 bytes): appears in messages. */
  name: string;
  /** The event type's source. */
  event?: SchemeSource;
  /** Whether the provider retries failed deliveries (the worker's default mode; default false). */
  retries?: boolean;
  /** Whether the body must be a JSON object (default true). */
  bodyIsJson?: boolean;
}

/** A MAC over content built from the delivery. */
export interface SignatureSchemeDescriptor extends SchemeDescriptorBase {
  auth?: "signature";
  /** The signature header. */
  header: string;
  /** Default "hmac-sha256". */
  algorithm?: "hmac-sha256" | "hmac-sha1" | "hmac-sha512";
  /** Default "hex". */
  encoding?: "hex" | "base64";
  /** What precedes each signature ("sha256=", "v1,"); default none. */
  prefix?: string;
  /** Default "single". */
  signatures?: SchemeSignatures;
  /** The signed content: text with {body} (exactly once), {timestamp}, {id}; {{ and }} for braces. Default "{body}". */
  template?: string;
  /** How the secret becomes the key (default "utf8"). */
  key?: "utf8" | "whsec-base64";
  timestamp?: SchemeTimestamp;
  /** The replay id's source; {id} in the template needs a header. */
  id?: SchemeSource;
}

/** A static secret in a header. */
export interface TokenSchemeDescriptor extends SchemeDescriptorBase {
  auth: "token";
  /** The token header (default "authorization"); the options' header overrides it. */
  header?: string;
  /** The replay id: a body field (an unsigned header next to a token proves nothing). */
  id?: { field: string; header?: never };
}

/** A custom scheme descriptor: the same facts as the built-in providers' descriptors. */
export type SchemeDescriptor = SignatureSchemeDescriptor | TokenSchemeDescriptor;

export interface CustomOptions extends CommonOptions {
  provider: CustomProviderId;
  /** The descriptor, or its JSON text. */
  scheme: SchemeDescriptor | string;
  /** Overrides the descriptor's timestamp tolerance (descriptors with a timestamp only). */
  toleranceSeconds?: number;
  /** Token descriptors: the token header's name, overriding the descriptor's. */
  header?: string;
  /** Descriptors without an id: key replay protection on the body's SHA-256. */
  dedupeByBodyHash?: boolean;
}

export type VerifierOptions =
  | InSignerOptions
  | InspaktOptions
  | StandardWebhooksOptions
  | SvixOptions
  | StripeOptions
  | GitHubOptions
  | CustomOptions;

export interface VerifyCallOptions {
  /** Unix seconds (not milliseconds). Default: Date.now() / 1000. */
  now?: number;
}

// ---- payloads ------------------------------------------------------------------------------

/** The inSigner envelope. `data` differs per event and is not fully documented by inSigner. */
export interface InSignerEnvelope<E extends string = InSignerEventName | (string & {})> {
  id: string;
  event: E;
  api_version: string;
  created_at: string;
  data: Record<string, unknown>;
}
export type InSignerEventName =
  | "document.completed"
  | "document.declined"
  | "signer.completed"
  | "bulk_send.completed"
  | "bulk_send.failed";

export interface InspaktContext {
  [key: string]: unknown;
}
export interface InspaktAgent {
  id: string;
  name: string;
  email: string;
  phone?: string;
  context: InspaktContext;
}
export interface InspaktDocumentRef {
  id: string;
  name: string;
  context: InspaktContext;
}
export interface InspaktRecipientWithAgent {
  id: string;
  order: number;
  identifier: string;
  agent: InspaktAgent;
}
interface InspaktBase<E extends string, D> {
  webhookId: string;
  teamId: string;
  event: E;
  data: D;
  /** Set when this event format is deprecated and will be removed. */
  deprecated?: boolean;
}
export type InspaktEnvelopeCreated = InspaktBase<
  "envelope.created",
  { templateId?: string; envelope: { id: string; name: string; context: InspaktContext } }
>;
export type InspaktEnvelopeSent = InspaktBase<"envelope.sent", { envelopeId: string; name: string }>;
export type InspaktEnvelopeFinalized = InspaktBase<"envelope.finalized", { envelopeId: string; context: InspaktContext }>;
export type InspaktEnvelopeVoided = InspaktBase<"envelope.voided", { envelopeId: string; context: InspaktContext }>;
export type InspaktEnvelopeDeleted = InspaktBase<"envelope.deleted", { envelopeId: string; context: InspaktContext }>;
export type InspaktDocumentFinalized = InspaktBase<
  "document.finalized",
  {
    envelopeId: string;
    document: InspaktDocumentRef & { status: "completed" | "voided" | "declined" };
  }
>;
export type InspaktRecipientActivated = InspaktBase<
  "recipient.activated",
  {
    envelopeId: string;
    recipient: {
      id: string;
      order: number;
      identifier: string;
      agents: Array<InspaktAgent & { link: string }>;
    };
  }
>;
export type InspaktRecipientCompletedDocument = InspaktBase<
  "recipient.completed-document",
  { envelopeId: string; document: InspaktDocumentRef; recipient: InspaktRecipientWithAgent }
>;
export type InspaktRecipientDeclinedDocument = InspaktBase<
  "recipient.declined-document",
  {
    envelopeId: string;
    document: InspaktDocumentRef;
    recipient: InspaktRecipientWithAgent;
    reason: "wrong_person" | "misleading_information" | "not_interested" | "other" | (string & {});
    explanation?: string;
  }
>;
/** An Inspakt event the types do not know yet (providers add events; they still verify). */
export type InspaktUnknownEvent = InspaktBase<string & {}, Record<string, unknown>>;

/** Every Inspakt payload, discriminated by `event`. */
export type InspaktPayload =
  | InspaktEnvelopeCreated
  | InspaktEnvelopeSent
  | InspaktEnvelopeFinalized
  | InspaktEnvelopeVoided
  | InspaktEnvelopeDeleted
  | InspaktDocumentFinalized
  | InspaktRecipientActivated
  | InspaktRecipientCompletedDocument
  | InspaktRecipientDeclinedDocument;

export type InspaktEventName = InspaktPayload["event"];

export interface PayloadByProvider {
  insigner: InSignerEnvelope;
  inspakt: InspaktPayload | InspaktUnknownEvent;
  "standard-webhooks": unknown;
  svix: unknown;
  clerk: unknown;
  resend: unknown;
  stripe: { id: string; type: string; [field: string]: unknown };
  github: unknown;
  shopify: unknown;
  custom: unknown;
}

/** A delivery that passed every check. */
export interface VerifiedEvent<P extends ProviderId | CustomProviderId = ProviderId> {
  provider: P;
  /** The event type, from the signed body. */
  event: P extends "standard-webhooks" | CustomProviderId ? string | null : string;
  /** The delivery id (inSigner: the signed body id); null for Inspakt. */
  id: P extends "inspakt" ? null : P extends CustomProviderId ? string | null : string;
  /** The timestamp header in unix seconds; null for Inspakt. */
  timestamp: P extends "inspakt" ? null : P extends CustomProviderId ? number | null : number;
  /** Which configured secret matched (0-based). */
  keyIndex: number;
  /** What replay protection keys on; null when the delivery carries nothing to key on. */
  dedupeKey: string | null;
  /** The parsed JSON body (parsed on first access). */
  readonly payload: PayloadByProvider[P];
  toJSON(): object;
}

/** One check of explain(). */
export interface ExplainStep {
  /** `event_age` appears only when maxEventAgeSeconds is set. */
  check: "body" | "signature" | "token" | "timestamp" | "envelope" | "event_age" | "consistency" | "event";
  status: "pass" | "fail" | "skip";
  code: WebhookErrorCode | null;
  detail: string;
  /** Only with revealExpected: the signature header value each secret would produce. */
  expected?: string[];
  /** A passing signature or token step: which secret matched (0-based). */
  keyIndex?: number;
  /** A signature step: the signature header as received. */
  received?: string;
}
export interface ExplainReport {
  steps: ExplainStep[];
  /** What verify() would throw; null when valid. */
  code: WebhookErrorCode | null;
}

export class Verifier<P extends ProviderId | CustomProviderId = ProviderId> {
  constructor(options: VerifierOptions & { provider: P });
  readonly provider: P;
  readonly toleranceSeconds: number;
  readonly maxBodyBytes: number;
  /** maxEventAgeSeconds in effect; null when the signed event time is not checked. */
  readonly maxEventAgeSeconds: number | null;
  readonly headerNames: string[];
  /** Verifies one delivery or throws WebhookError. */
  verify(headers: HeadersInput, body: BodyInput, opts?: VerifyCallOptions): VerifiedEvent<P>;
  /**
   * Every check's outcome. revealExpected adds the signature each secret would produce, which
   * lets its reader forge this body: for debugging only, never send it to a sender.
   */
  explain(
    headers: HeadersInput,
    body: BodyInput,
    opts?: VerifyCallOptions & { revealExpected?: boolean },
  ): ExplainReport;
  /** Frees the wasm-side keys now rather than at garbage collection. */
  free(): void;
  [Symbol.dispose](): void;
}

/** One-shot verify; prepared keys are cached by the options' content. */
export function verify<P extends ProviderId | CustomProviderId>(
  options: VerifierOptions & { provider: P },
  headers: HeadersInput,
  body: BodyInput,
  opts?: VerifyCallOptions,
): VerifiedEvent<P>;

export interface SignOptions {
  provider: ProviderId | CustomProviderId;
  secret: string;
  /** The exact body; when absent, an envelope is built from event, id and sample data. */
  body?: BodyInput;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** With `body`: must equal the body's id where the provider carries it there (inSigner). */
  id?: string;
  /** With `body`: must equal the body's event where the provider carries it there. */
  event?: string;
  /** Inspakt: the token header's name (default authorization). */
  header?: string;
  /** provider "custom" (and required there, with body): the descriptor or its JSON text. */
  scheme?: SchemeDescriptor | string;
}
export interface SignedDelivery {
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: BodyInput;
}
/** Builds a genuine delivery, for tests and the playground. */
export function sign(options: SignOptions): SignedDelivery;

export interface ErrorCodeInfo {
  code: WebhookErrorCode;
  status: number;
  description: string;
}
export const errorCodes: readonly ErrorCodeInfo[];

export interface ProviderInfo {
  id: ProviderId;
  displayName: string;
  auth:
    | {
        kind: "signature";
        header: string;
        algorithm: "HMAC-SHA256" | "HMAC-SHA1" | "HMAC-SHA512";
        prefix: string;
        encoding: "hex" | "base64";
      }
    | { kind: "token"; defaultHeader: string };
  timestamp: {
    /** The header it is read from (for a `pair`, the signature header). */
    header: string;
    /** The key=value entry of that header holding it (Stripe's "t"), when it is one. */
    pair?: string;
    unit: "s" | "ms";
    /** "past-only": only too old is rejected (Stripe). */
    window: "symmetric" | "past-only";
    signed: boolean;
    defaultTolerance: number;
  } | null;
  idHeader: string | null;
  crossChecks: { header: string; field: string }[];
  retries: boolean;
  /** Seconds from the first attempt to the provider's last retry; 0 without retries; null when the sender decides. */
  retryWindowSeconds: number | null;
  /** The signed envelope field holding the event's creation time, which maxEventAgeSeconds bounds. */
  eventTime: { field: string; format: "rfc3339" } | null;
  events: { name: string; description: string; sampleData: string }[];
}
export const providers: readonly ProviderInfo[];

export const version: string;

/** SHA-256 from the same wasm build. */
export function sha256(bytes: Uint8Array | ArrayBuffer | string): Uint8Array;
