// A JavaScript Cloudflare Worker using the npm package as a user would: `import … from
// "hookguard"`, bundled by wrangler (workerd export condition, .wasm imported as a module).
// Test-only: the options and the clock come from request headers so every vector can run.
import { Verifier, WebhookError, providers } from "hookguard";

// Where a provider's event is a body field, the parsed payload holds it (elsewhere the event is
// a header's, and the payload is only checked to be there).
const eventField = Object.fromEntries(
  providers.map((p) => [p.id, p.eventSource?.in === "body" ? p.eventSource.name : undefined]),
);

export default {
  async fetch(request) {
    const options = JSON.parse(atob(request.headers.get("x-test-options")));
    const now = Number(request.headers.get("x-test-now"));
    const body = new Uint8Array(await request.arrayBuffer());
    try {
      const r = new Verifier(options).verify(request.headers, body, { now });
      return Response.json({ ok: true, event: r.event, id: r.id, timestamp: r.timestamp, keyIndex: r.keyIndex, payloadEvent: eventField[r.provider] ? r.payload[eventField[r.provider]] : r.payload && r.event });
    } catch (e) {
      if (e instanceof WebhookError) return Response.json({ ok: false, code: e.code }, { status: e.status });
      return Response.json({ ok: false, code: `unexpected: ${e}` }, { status: 500 });
    }
  },
};
