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

import type { ProviderId, ProviderKeyMap, ProviderOptionMap, ProviderResultMap } from "./providers.js";
/** The built-in provider ids, each provider's own options and result fields: generated from the
 * scheme descriptors when the package is built (providers.d.ts). */
export type { ProviderId, ProviderKeyMap, ProviderOptionMap, ProviderResultMap };

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
  /** Only these events are accepted (event_not_allowed otherwise). Unknown events pass by default. */
  events?: readonly string[];
  /** Body size limit in bytes (default 1 MiB): body_too_large above it. */
  maxBodyBytes?: number;
}

/** One provider's options: a discriminated union on `provider`, each member with exactly the
 * options its descriptor supports (toleranceSeconds only with a timestamp, header only for
 * token providers whose header the customer names, …). */
export type ProviderOptions<P extends ProviderId = ProviderId> = P extends ProviderId
  ? CommonOptions & { provider: P } & ProviderOptionMap[P] & ProviderKeyMap[P]
  : never;

// ---- provider "custom": a scheme descriptor (docs/CUSTOM.md) -----------------------------

/** `provider: "custom"`: not a catalogue entry (not in ProviderId, nor in `providers`). */
export type CustomProviderId = "custom";

/** Where an id or event lives: a header, or a top-level string field of the JSON body. */
export type SchemeSource = { header: string; field?: never } | { field: string; header?: never };

/** Where the timestamp lives and how it is judged. */
export type SchemeTimestamp = (
  | { /** Its own header. */ header: string; pair?: never; field?: never; unit?: "s" | "ms" | "rfc3339" }
  | { /** A key=value pair of the signature header (signatures: { pairs }). */ pair: string; header?: never; field?: never; unit?: "s" | "ms" | "rfc3339" }
  | { /** A top-level number field of the JSON body, signed with it (no {timestamp} in the template). */ field: string; header?: never; pair?: never; unit?: "s" | "ms" }
) & {
  /** Must agree with the template: true exactly when it has {timestamp}; a body field is always signed (default: what the template says). */
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
  | { /** key=value pairs separated by this character. */ pairs: string; /** The signature pairs' keys (1 to 4; each pair so named is a signature). */ keys: readonly [string, ...string[]] }
  | { /** One signature in each of header + "1" … header + n (1 to 24; DocuSign). */ numbered: number };

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

/** HTTP Basic credentials in Authorization; the secret is "user:password". */
export interface BasicSchemeDescriptor extends SchemeDescriptorBase {
  auth: "basic";
  header?: never;
  /** The replay id: a body field (an unsigned header next to static credentials proves nothing). */
  id?: { field: string; header?: never };
}

/** A custom scheme descriptor: the same facts as the built-in providers' descriptors. */
export type SchemeDescriptor = SignatureSchemeDescriptor | TokenSchemeDescriptor | BasicSchemeDescriptor;

export interface CustomOptions extends CommonOptions {
  /** One secret, or several during rotation: any may match; the result's keyIndex says which. */
  secret: string | readonly string[];
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

export type VerifierOptions = ProviderOptions | CustomOptions;

export interface VerifyCallOptions {
  /** Unix seconds (not milliseconds). Default: Date.now() / 1000. */
  now?: number;
  /**
   * The full request URL, exactly as the provider called it (scheme, host, port, path, query).
   * Required by the providers that sign it (twilio, square, hubspot, and pandadoc's ?signature=);
   * ignored by the others. Behind a proxy, the public URL, not the rewritten one.
   */
  url?: string;
  /** The request method, for the providers that sign it (hubspot). Default: "POST". */
  method?: string;
}

export interface HandshakeCallOptions extends VerifyCallOptions {
  /** The request's method (default "POST"); Meta's endpoint check is a "GET". */
  method?: string;
  /** The full request URL: a GET handshake's query (Meta's hub.challenge) is read from it. */
  url?: string;
}

/** The exact response a handshake expects (Slack's url_verification, Zoom's
 * endpoint.url_validation, Twitch's challenge, Meta's hub.challenge, BoldSign's Verification,
 * Adobe Acrobat Sign's verification of intent), or an accepted delivery's acknowledgement. */
export interface HandshakeResponse {
  status: number;
  /** Lower-case names (content-type); none for an empty answer. */
  headers: Record<string, string>;
  body: string;
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

/** The seeds' payloads are typed in full; every other provider's from its descriptor. */
interface SeedPayloads {
  insigner: InSignerEnvelope;
  inspakt: InspaktPayload | InspaktUnknownEvent;
}
export type PayloadByProvider = {
  [P in ProviderId]: P extends keyof SeedPayloads ? SeedPayloads[P] : ProviderResultMap[P]["payload"];
};

/** A custom scheme's result: each field is there when its descriptor names a source. */
interface CustomResult {
  event: string | null;
  id: string | null;
  timestamp: number | null;
}
type ResultOf<P extends ProviderId | CustomProviderId> = P extends ProviderId ? ProviderResultMap[P] : CustomResult;

/** A delivery that passed every check. */
export interface VerifiedEvent<P extends ProviderId | CustomProviderId = ProviderId> {
  provider: P;
  /** The event type (from the signed body or the provider's event header); null when the provider sends none. */
  event: ResultOf<P>["event"];
  /** The delivery id (the provider's replay id); null when the provider sends none (Inspakt). */
  id: ResultOf<P>["id"];
  /** The delivery's timestamp in unix seconds; null for providers without one. */
  timestamp: ResultOf<P>["timestamp"];
  /** Which configured secret matched (0-based). */
  keyIndex: number;
  /** What replay protection keys on; null when the delivery carries nothing to key on. */
  dedupeKey: string | null;
  /**
   * Whether the MAC covered the body: false for the providers that sign only a few body fields
   * (dropbox-sign, signwell, mailgun), whose other fields must not be trusted (re-fetch them
   * from the provider's API).
   */
  bodySigned: boolean;
  /**
   * The response the endpoint must answer this delivery with once it accepts it, where the
   * provider asks for more than a bare 2xx: Dropbox Sign's 200 `Hello API Event Received`,
   * Adobe Acrobat Sign's client-id echo (otherwise they retry a delivered event for days).
   * null for every other provider (answer any 2xx).
   */
  acknowledgement: HandshakeResponse | null;
  /** The parsed JSON body (parsed on first access); null for a custom scheme whose body is not JSON. */
  readonly payload: P extends ProviderId ? PayloadByProvider[P] : unknown;
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
  /** Whether verify() needs the call option url (twilio, square, hubspot, pandadoc). */
  readonly needsUrl: boolean;
  /** Whether the provider's MAC covers the body (false: dropbox-sign, signwell, mailgun). */
  readonly bodySigned: boolean;
  /** Verifies one delivery or throws WebhookError. */
  verify(headers: HeadersInput, body: BodyInput, opts?: VerifyCallOptions): VerifiedEvent<P>;
  /**
   * The response a handshake expects, or null when the request is no handshake (verify it then).
   * A signed handshake is verified first: it throws the WebhookError a delivery would.
   */
  handshake(headers: HeadersInput, body: BodyInput | null | undefined, opts?: HandshakeCallOptions): HandshakeResponse | null;
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

/** A key pair for the providers that sign with a private key (generateKeyPair()). */
export interface KeyPair {
  /** For sign() (or the worker's re-signing key): whsk_… (standard-webhooks, discord), the hex scalar (sendgrid). */
  privateKey: string;
  /** For the Verifier's publicKey: whpk_… (standard-webhooks), hex (discord), base64 SPKI (sendgrid). */
  publicKey: string;
}

/**
 * A fresh key pair from the runtime's crypto.getRandomValues, for "standard-webhooks" (the
 * default: whsk_/whpk_, v1a Ed25519), "discord" (Ed25519, hex) or "sendgrid" (P-256).
 */
export function generateKeyPair(provider?: "standard-webhooks" | "discord" | "sendgrid"): KeyPair;

/** One-shot verify; prepared keys are cached by the options' content. */
export function verify<P extends ProviderId | CustomProviderId>(
  options: VerifierOptions & { provider: P },
  headers: HeadersInput,
  body: BodyInput,
  opts?: VerifyCallOptions,
): VerifiedEvent<P>;

export interface SignOptions {
  provider: ProviderId | CustomProviderId;
  /** The secret; for discord, sendgrid and standard-webhooks v1a the private key (or pass it as privateKey). */
  secret?: string;
  /** The private half of a key pair (generateKeyPair()): whsk_… for standard-webhooks v1a and discord (or discord's seed in hex), the hex scalar for sendgrid. */
  privateKey?: string;
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
  /** URL-signing providers (twilio, square, hubspot, pandadoc): the URL the delivery goes to. */
  url?: string;
  /** URL-signing providers: the method (default "POST"). */
  method?: string;
}
export interface SignedDelivery {
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The body to send (body-field providers: the given body with its signature written in). */
  body: BodyInput;
  /**
   * URL-signing providers: the URL to send to, as the verifier must be given it (pandadoc's
   * ?signature= and twilio's bodySHA256 for a JSON body are added to the given URL).
   */
  url?: string;
}
/** Builds a genuine delivery, for tests and the playground. */
export function sign(options: SignOptions): SignedDelivery;

export interface ErrorCodeInfo {
  code: WebhookErrorCode;
  status: number;
  description: string;
}
export const errorCodes: readonly ErrorCodeInfo[];

/** Where a value is read: a header, or a field of the JSON body (a dotted path for body-field providers). */
export interface FieldSource {
  in: "header" | "body";
  name: string;
}

export interface ProviderInfo {
  id: ProviderId;
  displayName: string;
  /** Where the descriptor's facts were checked (an SDK file or a documentation page). */
  source: string;
  auth:
    | {
        kind: "signature";
        header: string;
        algorithm: "HMAC-SHA256" | "HMAC-SHA1" | "HMAC-SHA512" | (string & {});
        prefix: string;
        encoding: "hex" | "base64";
        /** The signed bytes in order: the raw body, the timestamp or id as sent, or literal text. */
        signedContent: ({ part: "body" | "timestamp" | "id" | (string & {}) } | { literal: string })[];
        /** How the header holds the signature(s). */
        extract: { kind: "single" } | { kind: "list"; separator: string } | { kind: "pairs"; separator: string; [more: string]: unknown } | { kind: (string & {}); [more: string]: unknown };
        /** How the secret becomes the key: its UTF-8 bytes, or base64 after `whsec_`. */
        key: "utf8" | "whsec-base64";
        /** A legacy signature header read only when `header` is absent (GitHub's SHA-1). */
        fallbackHeader?: string;
        [more: string]: unknown;
      }
    | {
        /** A MAC over a few body fields, carried in a body field (dropbox-sign, signwell, mailgun). */
        kind: "bodyField";
        /** Dotted path of the signature field (`event.event_hash`). */
        signatureField: string;
        algorithm: "HMAC-SHA256" | "HMAC-SHA1" | "HMAC-SHA512" | (string & {});
        encoding: "hex" | "base64";
        /** The signed bytes in order: body fields (dotted paths) and literal text. */
        signedContent: ({ field: string } | { literal: string })[];
        key: "utf8";
        /** The multipart/form-data field holding the JSON, when the provider may post a form. */
        multipartField: string | null;
        [more: string]: unknown;
      }
    | {
        kind: "token";
        defaultHeader: string;
        /** Whether the customer names the header (Inspakt), or the provider fixes it (GitLab). */
        headerConfigurable: boolean;
        [more: string]: unknown;
      }
    | { kind: (string & {}); [more: string]: unknown };
  timestamp: {
    /** The header it is read from (for a `pair`, the signature header). */
    header: string;
    /** The key=value entry of that header holding it (Stripe's "t"), when it is one. */
    pair?: string;
    unit: "s" | "ms" | (string & {});
    /** "past-only": only too old is rejected (Stripe). */
    window: "symmetric" | "past-only";
    signed: boolean;
    defaultTolerance: number;
    [more: string]: unknown;
  } | null;
  idHeader: string | null;
  /** The replay id's source; null when the provider sends none. */
  idSource: FieldSource | null;
  /** The event type's source; null when the provider sends none. */
  eventSource: FieldSource | null;
  /** Top-level string fields every body must have (invalid_payload otherwise). */
  requiredFields: string[];
  /** Whether every body must be a JSON object. */
  bodyIsJson: boolean;
  /** Whether the MAC covers the body (false: dropbox-sign, signwell, mailgun). */
  bodySigned: boolean;
  crossChecks: { header: string; field: string }[];
  retries: boolean;
  /** Seconds from the first attempt to the provider's last retry; 0 without retries; null when the sender decides. */
  retryWindowSeconds: number | null;
  /** The signed envelope field holding the event's creation time, which maxEventAgeSeconds bounds. */
  eventTime: { field: string; format: "rfc3339" } | null;
  /** What an accepted delivery must be answered with, beyond a 2xx (VerifiedEvent.acknowledgement): a fixed text (dropbox-sign), or the token header echoed (adobe-sign). */
  acknowledgement: { kind: "text"; body: string } | { kind: "echo-token"; jsonKey: string } | null;
  events: { name: string; description: string; sampleData: string }[];
}
export const providers: readonly ProviderInfo[];

export const version: string;

/** SHA-256 from the same wasm build. */
export function sha256(bytes: Uint8Array | ArrayBuffer | string): Uint8Array;
