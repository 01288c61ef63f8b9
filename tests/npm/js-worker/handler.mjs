// A JavaScript Cloudflare Worker using the npm package as a user would: `import … from
// "hookguard"` (worker.mjs) or "hookguard/verify" (worker-verify.mjs), bundled by wrangler
// (workerd export condition, .wasm imported as a module).
// Test-only: the options and the clock come from request headers so every vector can run.
export const handler = ({ Verifier, WebhookError, providers, sign }) => ({
  async fetch(request) {
    if (new URL(request.url).pathname === "/sign") {
      // Whether this entry signs: "hookguard" does, "hookguard/verify" throws invalid_config.
      try {
        const d = sign({ provider: "stripe", secret: "s3cret", timestamp: 1780065000 });
        return Response.json({ ok: true, event: new Verifier({ provider: "stripe", secret: "s3cret" }).verify(d.headers, d.body, { now: 1780065000 }).event });
      } catch (e) {
        return Response.json({ ok: false, code: e instanceof WebhookError ? e.code : `unexpected: ${e}` });
      }
    }
    const options = JSON.parse(atob(request.headers.get("x-test-options")));
    const now = Number(request.headers.get("x-test-now"));
    const url = request.headers.get("x-test-url") ?? undefined;
    const method = request.headers.get("x-test-method") ?? undefined;
    const body = new Uint8Array(await request.arrayBuffer());
    try {
      const r = new Verifier(options).verify(request.headers, body, { now, url, method });
      // The payload parsed in workerd: its event field (where the provider has one) read back;
      // without a payload (a body that is not one JSON object), the event.
      const field = providers.find((p) => p.id === options.provider)?.eventSource?.field;
      const payloadEvent = (field && r.payload ? r.payload[field] : undefined) ?? r.event;
      return Response.json({ ok: true, event: r.event, id: r.id, timestamp: r.timestamp, keyIndex: r.keyIndex, acknowledgement: r.acknowledgement, payloadEvent });
    } catch (e) {
      if (e instanceof WebhookError) return Response.json({ ok: false, code: e.code }, { status: e.status });
      return Response.json({ ok: false, code: `unexpected: ${e}` }, { status: 500 });
    }
  },
});
