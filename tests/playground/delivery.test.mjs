// The page's parsing of pasted deliveries and its curl quoting, without a browser.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  base64ToBytes,
  bodyVariants,
  bytesToBase64,
  curlCommand,
  displayName,
  mergeHeaders,
  parseDelivery,
  requestTarget,
  requestUrl,
  shellQuote,
  withoutQueryParam,
} from "../../www/delivery.mjs";

describe("parseDelivery", () => {
  it("reads Name: value lines, trimming the optional whitespace around values only", () => {
    const r = parseDelivery("X-InSigner-Signature:   sha256=ab  \nX-InSigner-Timestamp:1780065000\n");
    assert.deepEqual(r.headers, [
      ["X-InSigner-Signature", "sha256=ab"],
      ["X-InSigner-Timestamp", "1780065000"],
    ]);
    assert.equal(r.body, null);
    assert.deepEqual(r.notes, []);
  });

  it("splits a raw request: request line, headers, and the body's exact bytes after the blank line", () => {
    const body = '{"a":1}\r\n{"b":2}\r\n';
    const r = parseDelivery(`POST /hooks/insigner HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n\r\n${body}`);
    assert.deepEqual(r.request, { method: "POST", target: "/hooks/insigner" });
    assert.deepEqual(r.headers, [
      ["Host", "x"],
      ["X-A", "1"],
    ]);
    assert.equal(r.body, body);
  });

  it("accepts an absolute-form request line and skips HTTP/2 pseudo-headers", () => {
    const r = parseDelivery("POST https://example.com/hook HTTP/2\n:authority: example.com\n:path: /hook\nX-A: 1");
    assert.equal(r.request.method, "POST");
    assert.deepEqual(r.headers, [["X-A", "1"]]);
  });

  it("keeps the HTTP/2 pseudo-headers that say where the request went (:method, :path, :authority, :scheme)", () => {
    const r = parseDelivery(":method: GET\n:scheme: https\n:authority: edge.example\n:path: /hooks/meta?hub.mode=subscribe\nX-A: 1");
    assert.deepEqual(r.request, { method: "GET", target: "/hooks/meta?hub.mode=subscribe", scheme: "https", authority: "edge.example" });
    assert.deepEqual(r.headers, [["X-A", "1"]]);
  });

  it("joins folded continuation lines and reads tab-separated dev-tools tables", () => {
    assert.deepEqual(parseDelivery("X-A: one\n  two\nX-B\tthree").headers, [
      ["X-A", "one two"],
      ["X-B", "three"],
    ]);
  });

  it("notes lines that are not headers instead of guessing", () => {
    const r = parseDelivery("X-A: 1\nthis is not a header\n");
    assert.deepEqual(r.headers, [["X-A", "1"]]);
    assert.match(r.notes[0], /Line 2 is not a header/);
  });

  it("reads JSON: an object, pairs, HAR {name, value} entries, arrays of values, and {headers, body}", () => {
    assert.deepEqual(parseDelivery('{"X-A":"1","X-N":2}').headers, [
      ["X-A", "1"],
      ["X-N", "2"],
    ]);
    assert.deepEqual(parseDelivery('[["X-A","1"]]').headers, [["X-A", "1"]]);
    assert.deepEqual(parseDelivery('[{"name":"X-A","value":"1"}]').headers, [["X-A", "1"]]);
    assert.deepEqual(parseDelivery('{"X-A":["1","2"]}').headers, [
      ["X-A", "1"],
      ["X-A", "2"],
    ]);
    const r = parseDelivery(JSON.stringify({ headers: { "x-a": "1" }, body: '{"id":"x"}' }));
    assert.deepEqual(r.headers, [["x-a", "1"]]);
    assert.equal(r.body, '{"id":"x"}');
  });

  it("a JSON body whose exact bytes are lost (an object) is noted, not re-serialised", () => {
    const r = parseDelivery(JSON.stringify({ headers: {}, body: { id: "x" } }));
    assert.equal(r.body, null);
    assert.match(r.notes[0], /exact bytes are unknown/);
  });

  it("empty input gives nothing", () => {
    assert.deepEqual(parseDelivery("  \n "), { headers: [], body: null, request: null, notes: [] });
  });
});

describe("curlCommand", () => {
  it("quotes every byte for a POSIX shell and leaves transport headers to curl", () => {
    const cmd = curlCommand({
      url: "http://localhost:8787/hooks/insigner",
      headers: [
        ["Host", "example.com"],
        ["Content-Length", "3"],
        ["X-A", "it's"],
      ],
      body: `{"q":"it's $HOME"}`,
    });
    assert.ok(!/Host:|Content-Length:/.test(cmd));
    assert.match(cmd, /-H 'X-A: it'\\''s'/);
    assert.match(cmd, /--data-binary '\{"q":"it'\\''s \$HOME"\}'$/);
  });

  it("base64 bodies are decoded in a pipe into --data-binary @-", () => {
    const cmd = curlCommand({ url: "http://x/", headers: [], body: "YQ0K", bodyBase64: true });
    assert.match(cmd, /^printf %s 'YQ0K' \| base64 -d \|\ncurl .*--data-binary @-$/s);
  });

  it("shellQuote round-trips through sh", async () => {
    const { execFileSync } = await import("node:child_process");
    const s = `a'b"c $x \`y\` \\ — \n end`;
    assert.equal(execFileSync("sh", ["-c", `printf %s ${shellQuote(s)}`]).toString(), s);
  });
});

describe("the request's URL", () => {
  const req = (target, method = "POST") => ({ method, target });
  it("is the Host header and the request target; the scheme from X-Forwarded-Proto, else the current URL's, else https", () => {
    assert.deepEqual(requestUrl(req("/a?b=1"), [["Host", "h.example:8443"], ["X-Forwarded-Proto", "http, https"]], "https://x/"), {
      url: "http://h.example:8443/a?b=1",
      schemeFrom: "X-Forwarded-Proto",
    });
    assert.deepEqual(requestUrl(req("/a"), [["host", "h.example"]], "http://127.0.0.1:8787/hooks/x"), { url: "http://h.example/a", schemeFrom: "the URL the field had" });
    assert.equal(requestUrl(req("/a"), [["Host", "h.example"]], "").url, "https://h.example/a");
    assert.equal(requestUrl({ method: "GET", target: "/p", authority: "a.example", scheme: "http" }, [], "").url, "http://a.example/p");
  });

  it("an absolute target is the URL; no host or no target gives null", () => {
    assert.equal(requestUrl(req("https://e.example/h?x=1"), [["Host", "other"]], "").url, "https://e.example/h?x=1");
    assert.equal(requestUrl(req("/a"), [], ""), null);
    assert.equal(requestUrl(req("/a"), [["Host", "bad host"]], ""), null);
    assert.equal(requestUrl(req("*", "OPTIONS"), [["Host", "h"]], ""), null);
    assert.equal(requestUrl(null, [["Host", "h"]], ""), null);
  });

  it("requestTarget is the path and query as written", () => {
    assert.equal(requestTarget("https://h.example:1/a/b?x=%2F&y#frag"), "/a/b?x=%2F&y");
    assert.equal(requestTarget("https://h.example"), "/");
    assert.equal(requestTarget("https://h.example?x=1"), "/?x=1");
    assert.equal(requestTarget("not a url"), null);
  });

  it("withoutQueryParam drops every parameter of that name and keeps the rest byte for byte", () => {
    assert.equal(withoutQueryParam("https://h/p?signature=ab&x=%2f&signature=cd#f", "signature"), "https://h/p?x=%2f#f");
    assert.equal(withoutQueryParam("https://h/p?signature=ab", "signature"), "https://h/p");
    assert.equal(withoutQueryParam("https://h/p?sig%6Eature=ab&a=1", "signature"), "https://h/p?a=1");
    assert.equal(withoutQueryParam("https://h/p", "signature"), "https://h/p");
    assert.equal(withoutQueryParam("https://h/p?signatures=1", "signature"), "https://h/p?signatures=1");
  });

  it("curlCommand sends another method, and a GET without a body sends none", () => {
    assert.equal(curlCommand({ url: "http://x/?a=1", method: "GET", headers: [["X-A", "1"]], body: "" }), "curl -sS -i -X GET 'http://x/?a=1' \\\n  -H 'X-A: 1'");
    assert.match(curlCommand({ url: "http://x/", method: "PUT", headers: [], body: "b" }), /^curl -sS -i -X PUT 'http:\/\/x\/' \\\n  --data-binary 'b'$/);
    assert.match(curlCommand({ url: "http://x/", method: "PO ST", headers: [], body: "" }), /-X 'PO ST'/);
  });
});

describe("helpers", () => {
  it("displayName spells provider headers as documented", () => {
    assert.equal(displayName("x-insigner-delivery-id"), "X-InSigner-Delivery-Id");
    assert.equal(displayName("x-inspakt-webhook-token"), "X-Inspakt-Webhook-Token");
  });

  it("mergeHeaders replaces case-insensitively, drops repeats and appends new names", () => {
    assert.deepEqual(mergeHeaders([["X-A", "1"], ["Keep", "k"], ["x-a", "2"]], { "x-a": "3", "x-new": "4" }), [
      ["X-A", "3"],
      ["Keep", "k"],
      ["X-New", "4"],
    ]);
  });

  it("base64 round-trips bytes and rejects what is not base64", () => {
    const bytes = new Uint8Array([0, 255, 13, 10, 200]);
    assert.deepEqual(base64ToBytes(bytesToBase64(bytes)), bytes);
    assert.equal(base64ToBytes("not base64!"), null);
    assert.deepEqual(base64ToBytes("YQ"), new Uint8Array([97]));
  });

  it("bodyVariants offers the copying accidents, never the body itself", () => {
    const v = bodyVariants('{"a": 1}\n');
    assert.ok(v.some((x) => x.body === '{"a": 1}'));
    assert.ok(v.some((x) => x.body === '{"a":1}'));
    assert.ok(!v.some((x) => x.body === '{"a": 1}\n'));
  });
});
