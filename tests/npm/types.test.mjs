// The shipped TypeScript types: they compile against real usage, reject wrong usage, and their
// error-code union is exactly the Rust core's table.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { execFileSync } from "node:child_process";
import { errorCodes, providers } from "hookguard";

const require = createRequire(import.meta.url);
const dts = readFileSync(require.resolve("hookguard/package.json").replace("package.json", "index.d.ts"), "utf8");
const providersDts = readFileSync(require.resolve("hookguard/package.json").replace("package.json", "providers.d.ts"), "utf8");

test("the WebhookErrorCode union equals the core's error table", () => {
  const union = dts.match(/export type WebhookErrorCode =([^;]+);/)[1];
  const names = [...union.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
  assert.deepEqual(names, errorCodes.map((c) => c.code));
});

test("the ProviderId union equals the shipped providers (generated from the descriptors)", () => {
  assert.match(dts, /import type \{ ProviderId, ProviderKeyMap, ProviderOptionMap, ProviderResultMap \} from "\.\/providers\.js";/);
  const union = providersDts.match(/export type ProviderId =([^;]+);/)[1];
  const names = [...union.matchAll(/"([a-z-]+)"/g)].map((m) => m[1]);
  assert.deepEqual(names, providers.map((p) => p.id));
});

test("types compile for real usage and reject wrong usage", () => {
  const tsc = process.env.HOOKGUARD_TSC;
  assert.ok(tsc, "HOOKGUARD_TSC must point at tsc (scripts/test-npm.sh sets it)");
  const dir = mkdtempSync(join(dirname(require.resolve("hookguard/package.json")), "..", "..", "types-"));
  writeFileSync(join(dir, "usage.ts"), `
import { Verifier, verify, sign, generateKeyPair, WebhookError, type WebhookErrorCode, type InspaktPayload } from "hookguard";
const v = new Verifier({ provider: "insigner", secret: ["a", "b"], toleranceSeconds: 300 });
const r = v.verify(new Headers(), new Uint8Array(), { now: 1 });
const id: string = r.id;
const ts: number = r.timestamp;
const created: string = r.payload.created_at;
const p = new Verifier({ provider: "inspakt", secret: "t", header: "X-Token" }).verify({ "x-token": "t" }, "{}");
const nullId: null = p.id;
const payload = p.payload as InspaktPayload;
if (payload.event === "recipient.declined-document") { const reason: string = payload.data.reason; }
if (payload.event === "envelope.created") { const envId: string = payload.data.envelope.id; }
try { verify({ provider: "insigner", secret: "s" }, [["a", "b"]], "x"); } catch (e) {
  if (e instanceof WebhookError) { const c: WebhookErrorCode = e.code; const s: number = e.status; }
}
const signed = sign({ provider: "insigner", secret: "s", event: "document.completed" });
const hv: string | undefined = signed.headers["x-insigner-signature"];
const aged = new Verifier({ provider: "insigner", secret: "s", maxEventAgeSeconds: 345600 });
const maxAge: number | null = aged.maxEventAgeSeconds;
// @ts-expect-error: Inspakt has no signed event time
new Verifier({ provider: "inspakt", secret: "s", maxEventAgeSeconds: 345600 });
// @ts-expect-error: inSigner takes no header option
new Verifier({ provider: "insigner", secret: "s", header: "X" });
// @ts-expect-error: Inspakt has no timestamp tolerance
new Verifier({ provider: "inspakt", secret: "s", toleranceSeconds: 5 });
const st = new Verifier({ provider: "stripe", secret: "whsec_x", toleranceSeconds: 600 }).verify({}, "{}");
const stripeType: string = st.payload.type;
new Verifier({ provider: "svix", secret: "whsec_MDEy" });
new Verifier({ provider: "clerk", secret: "whsec_MDEy" });
new Verifier({ provider: "resend", secret: "whsec_MDEy" });
const gh = new Verifier({ provider: "github", secret: "s" });
const ghEvent: string | null = gh.verify({}, "{}").event;
// @ts-expect-error: an event header is optional (absent: null)
const ghEventStrict: string = gh.verify({}, "{}").event;
const ghId: string = gh.verify({}, "{}").id;
const sl = new Verifier({ provider: "slack", secret: "s" }).verify({}, "{}");
// @ts-expect-error: a Slack form body (a slash command) has no event field
const slEvent: string = sl.event;
const slPayload: Record<string, unknown> = sl.payload;
const ghTs: null = gh.verify({}, "{}").timestamp;
const sw = new Verifier({ provider: "standard-webhooks", secret: "whsec_MDEy" }).verify({}, "{}");
const swEvent: string | null = sw.event;
// @ts-expect-error: a Standard Webhooks body need not carry a type
const swEventStrict: string = sw.event;
// Public keys: Discord and SendGrid take publicKey (never secret); Standard Webhooks either.
new Verifier({ provider: "discord", publicKey: "03a1" });
new Verifier({ provider: "sendgrid", publicKey: ["MFkw", "MFkx"] });
new Verifier({ provider: "standard-webhooks", publicKey: "whpk_x" });
new Verifier({ provider: "standard-webhooks", secret: "whsec_MDEy", publicKey: "whpk_x" });
// @ts-expect-error: Discord signs with a private key: no secret
new Verifier({ provider: "discord", secret: "s" });
// @ts-expect-error: Stripe is verified with a secret, not a public key
new Verifier({ provider: "stripe", secret: "whsec_x", publicKey: "whpk_x" });
const pair: { privateKey: string; publicKey: string } = generateKeyPair("discord");
sign({ provider: "discord", privateKey: pair.privateKey, body: "{}" });
// @ts-expect-error: key pairs are for the public-key providers
generateKeyPair("stripe");
// @ts-expect-error: Stripe has an id, so no body-hash dedupe
new Verifier({ provider: "stripe", secret: "whsec_x", dedupeByBodyHash: true });
sign({ provider: "stripe", secret: "whsec_x", event: "charge.succeeded" });
// @ts-expect-error: GitHub sends no timestamp
new Verifier({ provider: "github", secret: "s", toleranceSeconds: 5 });
// @ts-expect-error: not a provider id
new Verifier({ provider: "stripe-v2", secret: "s" });
// @ts-expect-error: not an error code
const bad: WebhookErrorCode = "signature_invalid";
// @ts-expect-error: body must be bytes or a string, not parsed JSON
v.verify({}, { id: 1 });
const meta = new Verifier({ provider: "meta", secret: "s", verifyToken: "t" });
const hs = meta.handshake({}, null, { method: "GET", url: "https://e/x?hub.mode=subscribe" });
if (hs !== null) { const status: number = hs.status; const text: string = hs.body; const ct: string | undefined = hs.headers["content-type"]; }
new Verifier({ provider: "slack", secret: "s" }).handshake({}, "{}", { now: 1 });
// @ts-expect-error: only Meta's endpoint check takes a verify token
new Verifier({ provider: "slack", secret: "s", verifyToken: "t" });
`);
  // hookguard/verify: the same types for the verifier; sign is not a value there.
  writeFileSync(join(dir, "verify-entry.ts"), `
import { Verifier, verify, WebhookError, errorCodes, providers, sign, type WebhookErrorCode, type ProviderId } from "hookguard/verify";
// @ts-expect-error: sign() is not a value in hookguard/verify (only its type is re-exported)
sign({ provider: "stripe", secret: "s" });
const st = new Verifier({ provider: "stripe", secret: "whsec_x" }).verify({}, "{}");
const stripeType: string = st.payload.type;
const id: ProviderId = providers[0].id;
try { verify({ provider: "github", secret: "s" }, {}, "{}"); } catch (e) {
  if (e instanceof WebhookError) { const c: WebhookErrorCode = e.code; }
}
const n: number = errorCodes.length;
// @ts-expect-error: GitHub sends no timestamp
new Verifier({ provider: "github", secret: "s", toleranceSeconds: 5 });
`);
  // hookguard/fetch and hookguard/express: the event keeps its provider's payload type.
  writeFileSync(join(dir, "adapters.ts"), `
import { Verifier } from "hookguard";
import { verifyRequest, errorResponse } from "hookguard/fetch";
import { hookguardMiddleware, acknowledge } from "hookguard/express";
import { hookguardPlugin, acknowledge as fastifyAck, type HookguardPluginOptions } from "hookguard/fastify";
import { hookguard, acknowledge as honoAck, type HookguardVariables } from "hookguard/hono";
const v = new Verifier({ provider: "stripe", secret: "whsec_x" });
async function handler(request: Request): Promise<Response> {
  const { event, body, response, error } = await verifyRequest(v, request, { now: 1 });
  const bytes: Uint8Array = body;
  if (event) { const t: string = event.payload.type; }
  if (error) { const r: Response = errorResponse(error); const s: number = error.status; }
  // @ts-expect-error: verifyRequest takes a Request, not headers
  await verifyRequest(v, {}, {});
  return response;
}
const mw: (req: any, res: any, next: (err?: unknown) => void) => void = hookguardMiddleware(v, { url: (req) => "https://e/x" });
acknowledge({}, {});
const fopts: HookguardPluginOptions<"stripe"> = { verifier: v, url: (r) => "https://e/x", now: 1 };
hookguardPlugin({}, fopts, () => {});
fastifyAck({}, {});
// @ts-expect-error: the plugin's options need a verifier
const noVerifier: HookguardPluginOptions = { now: 1 };
const viaEnv = hookguard((c) => new Verifier({ provider: "github", secret: c.env.SECRET }), { url: (c) => c.req.url });
const direct = hookguard(v);
const vars = {} as HookguardVariables<"stripe">;
const paid: string = vars.hookguard.payload.type;
const bytes2: Uint8Array = vars.hookguardBody;
const answered: Response = honoAck({});
`);
  // hookguard/next: a route handler; the verifier may be lazy; the handler may return nothing.
  writeFileSync(join(dir, "next.ts"), `
import { Verifier } from "hookguard";
import { Verifier as SlimVerifier } from "hookguard/verify";
import { withHookguard } from "hookguard/next";
const stripe = new Verifier({ provider: "stripe", secret: "whsec_x" });
export const POST: (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response> =
  withHookguard(stripe, async (event, { body, request, context }) => {
    const t: string = event.payload.type;
    const bytes: Uint8Array = body;
    const u: string = request.url;
    const { id } = await context.params;
    if (id === "own") return Response.json({ id: event.id }, { status: 202 });
  });
export const lazy = withHookguard(() => new SlimVerifier({ provider: "github", secret: "s" }), (event) => {
  const e: string | null = event.event;
}, { url: (request) => request.url, now: 1 });
export const promised = withHookguard(Promise.resolve(stripe), () => new Response("ok"), { url: "https://e/x" });
// @ts-expect-error: the handler answers with a Response or nothing, not a string
withHookguard(stripe, () => "ok");
// @ts-expect-error: the URL is a string or a function of the request
withHookguard(stripe, () => {}, { url: 1 });
`);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", lib: ["es2022", "dom", "esnext.disposable"], types: [], skipLibCheck: false },
    files: ["usage.ts", "verify-entry.ts", "adapters.ts", "next.ts"],
  }));
  execFileSync(process.execPath, [tsc, "-p", dir], { stdio: "pipe" });
});
