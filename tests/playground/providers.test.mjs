// Every provider the package describes, through the page: the picker finds it, the page explains
// what it signs, a sample (or a typed body) is signed and verifies, one changed byte is caught,
// and each provider's own vectors end with their code. The provider list is the package's
// `providers`: nothing here names the catalogue, so a provider added there is tested here.
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT, browser, openPlayground, server, tab, usePlayground } from "./helpers.mjs";
import { configure, pasteDelivery, result, selectProvider, verify } from "./ui.mjs";

const { providers, Verifier } = await import(join(ROOT, "pkg/dist/node/index.mjs"));

/** What the core answers the case as a handshake (null: none, or refused), in Node. */
function handshakeOf(c) {
  let v;
  try {
    v = new Verifier(c.options);
    return v.handshake(c.headers, c.body_base64 === undefined ? c.body_utf8 : Buffer.from(c.body_base64, "base64"), { now: c.now, url: c.url, method: c.method });
  } catch {
    return null;
  } finally {
    v?.free();
  }
}

usePlayground();

/** A body the provider's envelope check accepts, from what its descriptor says it reads. */
function typedBody(p) {
  const body = {};
  for (const f of p.requiredFields ?? []) body[f] = `sample_${f}`;
  if (p.eventSource?.in === "body") body[p.eventSource.name] = "sample.event";
  if (p.idSource?.in === "body") body[p.idSource.name] = "sample_id_1";
  body.data = { note: "typed in the playground" };
  return JSON.stringify(body);
}

/** The body with its last letter or digit changed: one byte, and still the same JSON shape. */
function tamperOneByte(body) {
  for (let i = body.length - 1; i >= 0; i--) {
    const c = body[i];
    if (/[0-9]/.test(c)) return body.slice(0, i) + String((Number(c) + 1) % 10) + body.slice(i + 1);
    if (/[a-y]/i.test(c)) return body.slice(0, i) + String.fromCharCode(c.charCodeAt(0) + 1) + body.slice(i + 1);
  }
  throw new Error("nothing to tamper with");
}

const visibleOptions = (page) => page.$$eval("#provider-list:not([hidden]) [role='option']", (os) => os.map((o) => o.dataset.id));

describe("every provider, round trip", () => {
  it(`the package describes providers (${providers.length})`, () => {
    assert.ok(providers.length >= 2);
    for (const p of providers) assert.ok(p.id && p.displayName && p.auth?.kind, JSON.stringify(p).slice(0, 120));
  });

  for (const p of providers) {
    it(`${p.displayName} (${p.id}): found by name, explained, signed, verified; one changed byte is caught`, async () => {
      const { page } = tab;
      await selectProvider(page, p.id, p.displayName);
      assert.equal(await page.inputValue("#provider"), p.displayName);

      // What it signs, derived from the descriptor.
      const summary = (await page.textContent("#provider-summary")).replace(/\s+/g, " ");
      assert.match(summary, new RegExp(p.displayName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
      if (p.auth.kind === "signature") {
        assert.match(summary, new RegExp(`Signs\\s*${p.auth.algorithm} of `));
        assert.ok(summary.toLowerCase().includes(p.auth.header), `the summary names ${p.auth.header}: ${summary}`);
      } else if (p.auth.kind === "bodyField") {
        assert.match(summary, new RegExp(`Signs\\s*${p.auth.algorithm} of `));
        assert.ok(summary.includes(`“${p.auth.signatureField}”`), `the summary names ${p.auth.signatureField}: ${summary}`);
        assert.match(summary, /the rest of the body is not proven/);
      } else {
        assert.match(summary, /Weak: token only/);
      }
      // The fields this provider has, and only those.
      assert.equal(await page.isVisible("#time-row"), Boolean(p.timestamp), "tolerance and now only with a timestamp");
      if (p.timestamp) assert.equal(await page.inputValue("#tolerance"), String(p.timestamp.defaultTolerance));
      assert.equal(await page.isVisible("#header-field"), p.auth.kind === "token" && p.auth.headerConfigurable === true);
      // Signed with a private key (auth.publicKey): Public keys instead of secrets, a Private key
      // to sign with; a secret scheme with a public variant (auth.public) has both.
      const publicOnly = p.auth.kind === "signature" && p.auth.publicKey === true;
      const publicVariant = p.auth.kind === "signature" && !publicOnly && Boolean(p.auth.public);
      assert.equal(await page.isVisible("#secrets"), !publicOnly, "a secrets field unless verified with a public key only");
      assert.equal(await page.isVisible("#public-keys"), publicOnly || publicVariant, "public keys only where the provider has them");
      assert.equal(await page.isVisible("#private-key"), publicOnly || publicVariant, "a private key to sign with only where there are public keys");
      if (publicOnly) assert.equal(await page.textContent("#public-keys-label"), "Public keys");
      else assert.equal(await page.textContent("#secrets-label"), p.auth.kind === "token" ? "Tokens" : "Signing secrets");
      const secret = (await page.inputValue(publicOnly ? "#public-keys" : "#secrets")).trim();
      assert.notEqual(secret, "", publicOnly ? "a generated public key is prefilled" : "a default secret is prefilled");
      if (publicOnly || publicVariant) {
        assert.notEqual((await page.inputValue("#private-key")).trim(), "", "its private half is prefilled");
        assert.match(await page.textContent("#public-keys-hint"), /the receiver holds only the public key/);
      }
      if (p.auth.key === "whsec-base64") {
        assert.match(secret, /^whsec_[A-Za-z0-9+/]+=*$/, "a whsec_ base64 default");
        assert.match(await page.textContent("#secrets-hint"), /base64 after whsec_ is decoded/);
      }

      // The public variant: sign with the private key (v1a) and verify with the public key alone.
      if (publicVariant) {
        await page.selectOption("#sign-with", "v1a");
        await page.fill("#secrets", "");
      }
      // A sample from the descriptor's events, or a typed body when it has none.
      if (p.timestamp) await page.fill("#now", "");
      if (p.events.length) {
        assert.deepEqual(await page.$$eval("#event option", (os) => os.map((o) => o.value)), p.events.map((e) => e.name));
        await page.selectOption("#event", p.events[0].name);
        await page.click("#generate");
      } else {
        assert.equal(await page.isVisible("#generate"), false, "no sample events: no generate button");
        assert.match(await page.textContent("#no-samples"), /type or paste a body/);
        await pasteDelivery(page, { headers: "", body: typedBody(p) });
        await page.click("#resign");
      }
      let r = await result(page);
      assert.equal(r.kind, "ok", `${p.id}: ${r.verdict} ${JSON.stringify(r.steps)}`);
      // The explain report, every check with a sentence.
      const auth = p.auth.kind === "token" ? "token" : "signature";
      // A body-field scheme has no unsigned header copies to compare: no consistency step.
      for (const check of ["body", auth, "timestamp", "envelope", ...(p.auth.kind === "bodyField" ? [] : ["consistency"]), "event"]) {
        assert.ok(r.steps[check], `${p.id}: a ${check} step (${Object.keys(r.steps)})`);
        assert.notEqual(r.steps[check].status, "fail", `${p.id} ${check}: ${r.steps[check].text}`);
      }
      assert.equal(r.steps.timestamp.status, p.timestamp ? "pass" : "skip");
      const headers = await page.inputValue("#headers");
      if (p.auth.kind === "signature") assert.ok(headers.toLowerCase().includes(`${p.auth.header}:`), headers);
      // The curl export carries the provider's own headers.
      const curl = await page.textContent("#curl-command");
      for (const line of headers.split("\n").filter((l) => l.includes(":"))) {
        assert.ok(curl.includes(`-H '${line.replace(/'/g, "'\\''")}'`), `curl has ${line}`);
      }

      const body = await page.inputValue("#body");
      if (p.auth.kind === "bodyField") {
        // One changed byte in a signed field is caught (the rest of the body is not signed:
        // requests.test.mjs shows that edit passing).
        const json = JSON.parse(body.slice(body.indexOf("{"), body.lastIndexOf("}") + 1));
        const valueAt = (field) => field.split(".").reduce((o, k) => (o && typeof o === "object" ? o[k] : undefined), json);
        const field = p.auth.signedContent.map((x) => x.field).find((f) => f && typeof valueAt(f) === "string");
        assert.ok(field, `${p.id}: a signed field holds a string`);
        const raw = JSON.stringify(valueAt(field));
        assert.equal(body.split(raw).length, 2, `${p.id}: the body holds ${field} once, as ${raw}`);
        await page.fill("#body", body.replace(raw, JSON.stringify(tamperOneByte(valueAt(field)))));
        r = await verify(page);
        assert.equal(r.code, "signature_mismatch", `${p.id}: ${field} changed: ${r.verdict}`);
      } else if (p.auth.kind === "signature") {
        await page.fill("#body", tamperOneByte(body));
        r = await verify(page);
        assert.equal(r.code, "signature_mismatch", `${p.id}: ${r.verdict}`);
        assert.equal(r.steps.signature.status, "fail");
        assert.match(r.verdict, /signature_mismatch/);
      } else {
        // A token covers no byte of the body: a changed body still passes (the weakness the
        // summary names); a changed token does not.
        await page.fill("#body", tamperOneByte(body));
        r = await verify(page);
        assert.equal(r.kind, "ok", `${p.id}: ${r.verdict}`);
        const tampered = headers
          .split("\n")
          .map((l) => (l.includes(secret) ? l.replace(secret, tamperOneByte(secret)) : l))
          .join("\n");
        assert.notEqual(tampered, headers, "the token is in the headers");
        await page.fill("#headers", tampered);
        r = await verify(page);
        assert.equal(r.code, "token_mismatch", `${p.id}: ${r.verdict}`);
        assert.equal(r.steps.token.status, "fail");
      }
    });
  }
});

describe("the provider picker", () => {
  it("typing filters by name or id: “stri” shows Stripe and hides the others", async () => {
    const { page } = tab;
    await page.click("#provider");
    assert.equal(await page.getAttribute("#provider", "aria-expanded"), "true", "opening lists every provider");
    assert.deepEqual(await visibleOptions(page), providers.map((p) => p.id));
    await page.fill("#provider", "stri");
    const shown = await visibleOptions(page);
    const expected = providers.filter((p) => p.id.includes("stri") || p.displayName.toLowerCase().includes("stri")).map((p) => p.id);
    assert.ok(shown.includes("stripe"), `Stripe is shown: ${shown}`);
    assert.deepEqual([...shown].sort(), [...expected].sort(), "only the matches are shown");
    assert.ok(shown.length < providers.length);
    assert.match(await page.textContent("#provider-count"), new RegExp(`${shown.length} of ${providers.length} providers match`));
    // By id, too, and nothing for nonsense.
    await page.fill("#provider", providers.at(-1).id);
    assert.equal((await visibleOptions(page))[0], providers.at(-1).id);
    await page.fill("#provider", "zzzz-no-such-provider");
    assert.deepEqual(await visibleOptions(page), []);
    assert.equal(await page.getAttribute("#provider", "aria-expanded"), "false");
    assert.match(await page.textContent("#provider-count"), /No provider matches/);
    // Leaving the field puts the chosen provider's name back.
    await page.keyboard.press("Escape");
    assert.equal(await page.inputValue("#provider"), providers[0].displayName);
  });

  it("keyboard: arrows move the active option, Enter chooses it, Escape keeps the old one", async () => {
    const { page } = tab;
    await page.focus("#provider");
    await page.keyboard.press("ArrowDown"); // opens on the current provider
    assert.equal(await page.getAttribute("#provider", "aria-expanded"), "true");
    const activeId = () =>
      page.evaluate(() => {
        const id = document.getElementById("provider").getAttribute("aria-activedescendant");
        return id ? document.getElementById(id)?.dataset.id : null;
      });
    assert.equal(await activeId(), providers[0].id);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    assert.equal(await activeId(), providers[2].id);
    await page.keyboard.press("ArrowUp");
    assert.equal(await activeId(), providers[1].id);
    await page.keyboard.press("Enter");
    assert.equal(await page.inputValue("#provider"), providers[1].displayName);
    assert.equal(await page.evaluate(() => location.hash), `#provider=${providers[1].id}`);
    assert.equal(await page.getAttribute("#provider", "aria-expanded"), "false");
    // Escape abandons a search.
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Escape");
    assert.equal(await page.inputValue("#provider"), providers[1].displayName);
    // Wrapping upwards from the first goes to the last (an empty search opens on the current one).
    await page.fill("#provider", "");
    assert.equal(await activeId(), providers[1].id);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    assert.equal(await activeId(), providers.at(-1).id);
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => location.hash), `#provider=${providers.at(-1).id}`);
  });

  it("is an accessible combobox: roles, names, states", async () => {
    const { page } = tab;
    const combo = page.getByRole("combobox", { name: "Provider" });
    assert.equal(await combo.count(), 1);
    assert.equal(await combo.getAttribute("aria-controls"), "provider-list");
    assert.equal(await combo.getAttribute("aria-autocomplete"), "list");
    await combo.click();
    const list = page.getByRole("listbox", { name: "Providers" });
    assert.equal(await list.isVisible(), true);
    assert.equal(await list.getByRole("option").count(), providers.length);
    assert.equal(await list.getByRole("option", { selected: true }).count(), 1);
    await list.getByRole("option").nth(1).click();
    assert.equal(await page.inputValue("#provider"), providers[1].displayName);
    assert.equal(await list.isVisible(), false);
  });

  it("a deep link (#provider= or ?provider=) opens the page on that provider", async () => {
    const target = providers.at(-1);
    for (const path of [`/#provider=${target.id}`, `/?provider=${target.id}`]) {
      const linked = await openPlayground(browser.context, server.origin, { path });
      try {
        assert.equal(await linked.page.inputValue("#provider"), target.displayName, path);
        assert.match(await linked.page.textContent("#provider-summary"), new RegExp(target.id));
        assert.deepEqual(linked.problems, []);
      } finally {
        await linked.page.close();
      }
    }
    // An unknown id falls back to the first provider, without an error.
    const unknown = await openPlayground(browser.context, server.origin, { path: "/#provider=no-such" });
    try {
      assert.equal(await unknown.page.inputValue("#provider"), providers[0].displayName);
      assert.deepEqual(unknown.problems, []);
    } finally {
      await unknown.page.close();
    }
    // Changing the hash on an open page switches too (a docs link clicked in the same tab).
    const { page } = tab;
    await page.evaluate((id) => {
      location.hash = `provider=${id}`;
    }, target.id);
    await page.waitForFunction((name) => document.getElementById("provider").value === name, target.displayName);
  });

  it("each provider keeps what was typed for it while switching", async () => {
    const { page } = tab;
    const [a, b] = providers;
    await selectProvider(page, a.id);
    await page.fill("#secrets", "typed-for-a");
    await page.fill("#curl-url", "http://127.0.0.1:9/a");
    await selectProvider(page, b.id);
    assert.notEqual(await page.inputValue("#secrets"), "typed-for-a");
    await page.fill("#secrets", "typed-for-b");
    await selectProvider(page, a.id);
    assert.equal(await page.inputValue("#secrets"), "typed-for-a");
    assert.equal(await page.inputValue("#curl-url"), "http://127.0.0.1:9/a");
    await selectProvider(page, b.id);
    assert.equal(await page.inputValue("#secrets"), "typed-for-b");
  });

  it("fits a phone: the open list stays on screen and options are finger-sized", async () => {
    const { page } = tab;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click("#provider");
    const box = await page.locator("#provider-list").boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `the list is on screen: ${JSON.stringify(box)}`);
    const options = page.getByRole("listbox", { name: "Providers" }).getByRole("option");
    const option = await options.first().boundingBox();
    assert.ok(option.height >= 40, `an option is ${option.height} px tall`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
    await options.last().click();
    assert.equal(await page.inputValue("#provider"), providers.at(-1).displayName);
  });
});

describe("each provider's own vectors, through the page", () => {
  const dir = join(ROOT, "tests/vectors/providers");
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")) : [];
  const cases = files.flatMap((f) => JSON.parse(readFileSync(join(dir, f), "utf8")).cases);
  // What the page's settings can express: a case needing another option is left to the npm tests.
  const expressible = (c) => {
    const p = providers.find((x) => x.id === c.options.provider);
    if (!p) return false;
    const keys = Object.keys(c.options);
    // A provider verified with a public key only has no secrets field (a secret given to it is
    // the npm tests' invalid_config case); one with a public variant has both fields.
    const publicOnly = p.auth.kind === "signature" && p.auth.publicKey === true;
    const hasPublic = publicOnly || (p.auth.kind === "signature" && Boolean(p.auth.public));
    const allowed = new Set([
      "provider",
      ...(publicOnly ? [] : ["secret"]),
      ...(hasPublic ? ["publicKey"] : []),
      "events",
      ...(p.timestamp ? ["toleranceSeconds"] : []),
      ...(p.auth.headerConfigurable ? ["header"] : []),
    ]);
    // The URL and method are the request row's, shown for the providers that sign them.
    const request = p.auth.needsUrl === true || (c.url === undefined && (c.method ?? "POST") === "POST");
    return request && keys.every((k) => allowed.has(k));
  };
  const usable = cases.filter(expressible);

  it(`most cases are expressible through the page (${usable.length} of ${cases.length}, ${files.length} providers)`, () => {
    assert.ok(usable.length >= cases.length / 2, `most cases are expressible (${usable.length} of ${cases.length})`);
  });

  // One test per provider, in the vectors' order: each has its own time limit and its own report.
  const byProvider = Map.groupBy(usable, (c) => c.options.provider);
  for (const [id, group] of byProvider) it(`${id}: each of its ${group.length} expressible cases ends with the vector's code`, { timeout: 120_000 }, async () => {
    const { page } = tab;
    const wrong = [];
    for (const c of group) {
      const o = c.options;
      await configure(page, {
        provider: o.provider,
        secrets: Array.isArray(o.secret) ? o.secret : [o.secret],
        publicKeys: o.publicKey,
        header: o.header,
        tolerance: o.toleranceSeconds,
        now: c.now,
        events: o.events,
      });
      const headers = Array.isArray(c.headers)
        ? c.headers
        : Object.entries(c.headers).flatMap(([n, v]) => (Array.isArray(v) ? v.map((x) => [n, x]) : [[n, v]]));
      const text = c.body_utf8;
      const useBase64 = text === undefined || text.includes("\r");
      await pasteDelivery(page, { headers, ...(useBase64 ? { bodyBase64: c.body_base64 } : { body: text }) });
      if (await page.isVisible("#request-row")) {
        // A case without a URL is one that forgot it: the field emptied.
        await page.fill("#request-url", c.url ?? "");
        await page.fill("#request-method", c.method ?? "POST");
      }
      const r = await verify(page);
      // A delivery vector that is also a handshake (Slack's url_verification refused by an
      // allow-list in verify()) is answered first, as the worker does: the page shows the answer.
      const answer = handshakeOf(c);
      if (answer) {
        const shown = await page.evaluate(() => (document.getElementById("handshake").hidden ? null : document.getElementById("handshake-body").textContent));
        if (shown !== answer.body) wrong.push(`${c.name}: the core answers it as a handshake (${JSON.stringify(answer.body)}), the page shows ${JSON.stringify(shown)}`);
        continue;
      }
      const want = c.expect.ok ? null : c.expect.code;
      if (r.code !== want) wrong.push(`${c.name}: page says ${r.code ?? "valid"}, the vector ${want ?? "valid"}`);
      if (want !== null && want !== "invalid_config") {
        const failing = Object.values(r.steps).filter((s) => s.status === "fail").map((s) => s.code);
        if (!failing.includes(want)) wrong.push(`${c.name}: no failed step carries ${want}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});
