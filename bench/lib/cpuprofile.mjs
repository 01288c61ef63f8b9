// CPU profiles of a worker under `wrangler dev`, taken through its inspector port (DevTools
// protocol over a WebSocket, loopback only), and a coarse split of where the samples fall.

/** Runs fn() while the worker's V8 profiler samples; returns the profile (or null + reason). */
export async function profileDuring(inspectorPort, fn) {
  let ws;
  let result;
  try {
    // Node >= 22 has a WHATWG WebSocket client of its own (the dev tooling needs >= 22.12).
    const targets = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`, { signal: AbortSignal.timeout(5000) })).json();
    const target = targets.find((t) => t.webSocketDebuggerUrl);
    if (!target) return { profile: null, why: "no inspector target", result: await fn() };
    // wrangler's inspector proxy (4.16x) refuses an upgrade without an Origin header (400
    // "Expected `Origin` header"), and Node's WebSocket sends none unless told to: name the
    // loopback origin (undici's WebSocket takes extra request headers).
    ws = new WebSocket(target.webSocketDebuggerUrl, { headers: { origin: `http://127.0.0.1:${inspectorPort}` } });
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("inspector: no WebSocket connection within 20 s")), 20000);
      ws.addEventListener("open", () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
      ws.addEventListener("error", (e) => {
        clearTimeout(timer);
        reject(new Error(`inspector: WebSocket connection failed (${e.error?.message || e.message || "no reason given"})`));
      }, { once: true });
    });
    let id = 0;
    const pending = new Map();
    ws.addEventListener("message", (m) => {
      const j = JSON.parse(m.data);
      if (j.id && pending.has(j.id)) {
        pending.get(j.id)(j);
        pending.delete(j.id);
      }
    });
    // Every call is bounded: a profiler that does not answer must not stall the benchmark.
    const call = (method, params = {}, ms = 5000) =>
      new Promise((resolve, reject) => {
        const i = ++id;
        const timer = setTimeout(() => {
          pending.delete(i);
          reject(new Error(`inspector: no answer to ${method} within ${ms} ms`));
        }, ms);
        pending.set(i, (j) => {
          clearTimeout(timer);
          resolve(j);
        });
        ws.send(JSON.stringify({ id: i, method, params }));
      });
    await call("Profiler.enable");
    await call("Profiler.setSamplingInterval", { interval: 200 });
    const started = await call("Profiler.start");
    if (started.error) throw new Error(started.error.message);
    result = await fn();
    const stopped = await call("Profiler.stop", {}, 30000);
    return { profile: stopped.result?.profile ?? null, why: stopped.error?.message ?? "no profile in the answer", result };
  } catch (e) {
    return { profile: null, why: String(e.message ?? e), result };
  } finally {
    try {
      ws?.close();
    } catch {}
  }
}

/** Milliseconds of samples per category (idle excluded from "busy"). */
export function categorize(profile, scriptName) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const cat = {};
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const cf = byId.get(profile.samples[i]).callFrame;
    const t = (profile.timeDeltas[i] ?? 0) / 1000;
    let c;
    if (cf.functionName === "(idle)") c = "idle";
    else if (cf.functionName === "(program)") c = "runtime (native, no JS frame)";
    else if (cf.functionName === "(garbage collector)") c = "GC";
    else if (/js-to-wasm|wasm-to-js/.test(cf.functionName)) c = "JS<->wasm transitions";
    else if (/^wasm-function|^\$/.test(cf.functionName) || /^[0-9a-f]{8}$/.test(cf.url)) c = "wasm code";
    else if (cf.url.endsWith(scriptName)) c = `worker script (${scriptName})`;
    else if (!cf.url) c = "built-ins (fetch, Request/Response, streams, crypto, ...)";
    else c = "other JS";
    cat[c] = (cat[c] ?? 0) + t;
    if (c !== "idle") busy += t;
  }
  return { busyMs: busy, categories: cat };
}
