// Regenerates docs/playground.png: a valid inSigner delivery verified, at laptop width.
//   node tests/playground/screenshot.mjs [out.png] [width] [height]    (after scripts/build-www.sh)
import { join } from "node:path";
import { ROOT, launchBrowser, openPlayground, serveStatic } from "./helpers.mjs";
import { configure, pasteDelivery, verify } from "./ui.mjs";

const out = process.argv[2] ?? join(ROOT, "docs/playground.png");
const width = Number(process.argv[3] ?? 1280);
const height = Number(process.argv[4] ?? 800);
const vector = JSON.parse(
  (await import("node:fs")).readFileSync(join(process.env.HOOKGUARD_VECTORS ?? join(ROOT, "../shared/vectors"), "insigner.json"), "utf8"),
).cases.find((c) => c.name === "valid document.completed");

const server = await serveStatic();
const browser = await launchBrowser();
try {
  const { page, problems } = await openPlayground(browser.context, server.origin, { viewport: { width, height } });
  await configure(page, { provider: "insigner", secrets: vector.options.secret, tolerance: 300, now: vector.now });
  await pasteDelivery(page, { headers: vector.headers, body: vector.body_utf8 });
  const r = await verify(page);
  if (r.kind !== "ok" || problems.length) throw new Error(`not a clean valid result: ${r.verdict} ${problems}`);
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: out, fullPage: false });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
