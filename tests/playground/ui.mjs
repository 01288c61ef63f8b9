// Driving the playground the way a person does: through its labelled fields and buttons.

/**
 * Chooses a provider through the search box, as a person does: types `query` (the id unless
 * given), presses Enter, and checks the page now shows `id` (the address says so).
 */
export async function selectProvider(page, id, query = id) {
  await page.click("#provider");
  await page.fill("#provider", query);
  await page.waitForSelector(`#provider-list:not([hidden]) [role="option"][data-id="${id}"]`);
  await page.keyboard.press("Enter");
  const hash = await page.evaluate(() => location.hash);
  if (hash !== `#provider=${id}`) throw new Error(`typing "${query}" and Enter chose ${hash}, not ${id}`);
  if ((await page.getAttribute("#provider", "aria-expanded")) !== "false") throw new Error("the list stayed open");
}

/** Chooses the provider, then fills the settings (the provider switch keeps each provider's own). */
export async function configure(page, { provider, secrets, publicKeys, header, tolerance, now, events }) {
  // Choosing the provider already shown is skipped: the settings below are filled either way.
  if ((await page.evaluate(() => location.hash)) !== `#provider=${provider}`) await selectProvider(page, provider);
  // A provider verified with a public key only has no secrets field; one with a public-key
  // variant (Standard Webhooks v1a) has both. The page prefills a generated public key: a
  // configuration without one empties it.
  if (await page.isVisible("#secrets")) await page.fill("#secrets", (Array.isArray(secrets) ? secrets : [secrets]).join("\n"));
  if (await page.isVisible("#public-keys")) await page.fill("#public-keys", [publicKeys ?? []].flat().filter((k) => k != null).join("\n"));
  if (header !== undefined) await page.fill("#header-name", header);
  // A provider without a timestamp: the page hides the tolerance and "now" controls.
  if (await page.isVisible("#time-row")) {
    // Empty: the provider's default.
    await page.fill("#tolerance", tolerance === undefined ? "" : String(tolerance));
    await page.fill("#now", now === undefined || now === null ? "" : String(now));
  }
  await page.fill("#events", events ? events.join(", ") : "");
}

/** Puts a delivery in the Delivery fields; a body with CR or non-UTF-8 bytes goes in as base64. */
export async function pasteDelivery(page, { headers, body, bodyBase64 }) {
  const text = Array.isArray(headers)
    ? headers.map(([n, v]) => `${n}: ${v}`).join("\n")
    : typeof headers === "string"
      ? headers
      : Object.entries(headers).map(([n, v]) => `${n}: ${v}`).join("\n");
  await page.fill("#headers", text);
  if (bodyBase64 !== undefined) {
    await page.selectOption("#body-encoding", "base64");
    await page.fill("#body", bodyBase64);
  } else {
    await page.selectOption("#body-encoding", "text");
    await page.fill("#body", body ?? "");
  }
}

/** Presses Verify and reads what the page shows. */
export async function verify(page) {
  await page.click("#verify");
  return result(page);
}

/** The verdict and every step, as rendered. */
export async function result(page) {
  return page.evaluate(() => {
    const v = document.getElementById("verdict");
    const kind = ["ok", "bad", "empty"].find((k) => v.classList.contains(k));
    const steps = {};
    for (const s of document.querySelectorAll("#steps .step")) {
      steps[s.dataset.check] = { status: s.dataset.status, code: s.dataset.code || null, text: s.textContent };
    }
    return {
      kind,
      code: kind === "ok" ? null : v.dataset.code || null,
      verdict: v.textContent.replace(/\s+/g, " ").trim(),
      steps,
      verified: document.getElementById("verified").hidden ? null : document.getElementById("verified").textContent,
    };
  });
}

/** Headers text parsed back into pairs (the page's own field). */
export async function headerField(page) {
  const text = await page.inputValue("#headers");
  return text
    .split("\n")
    .filter((l) => l.includes(":"))
    .map((l) => [l.slice(0, l.indexOf(":")).trim(), l.slice(l.indexOf(":") + 1).trim()]);
}
