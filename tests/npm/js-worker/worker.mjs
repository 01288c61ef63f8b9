// A JavaScript Cloudflare Worker using the npm package as a user would: `import … from
// "hookguard"`, bundled by wrangler (workerd export condition, .wasm imported as a module).
// Test-only: the options and the clock come from request headers so every vector can run.
import { Verifier, WebhookError, providers } from "hookguard";

export default {
  async fetch(request) {
    const options = JSON.parse(atob(request.headers.get("x-test-options")));
    const now = Number(request.headers.get("x-test-now"));
    const body = new Uint8Array(await request.arrayBuffer());
    try {
      const r = new Verifier(options).verify(request.headers, body, { now });
      // The payload parsed in workerd: its event field (where the provider has one) read back.
      const field = providers.find((p) => p.id === options.provider)?.eventSource?.field;
      const payloadEvent = (field ? r.payload[field] : undefined) ?? (r.payload && r.event);
      return Response.json({ ok: true, event: r.event, id: r.id, timestamp: r.timestamp, keyIndex: r.keyIndex, payloadEvent });
    } catch (e) {
      if (e instanceof WebhookError) return Response.json({ ok: false, code: e.code }, { status: e.status });
      return Response.json({ ok: false, code: `unexpected: ${e}` }, { status: 500 });
    }
  },
};
