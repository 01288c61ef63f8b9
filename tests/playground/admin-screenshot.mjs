// Regenerates docs/admin.png: the operator page (/_hookguard/) of the real worker after a few
// deliveries, one of them failed and open, at laptop width.
//   node tests/playground/admin-screenshot.mjs [out.png] [width] [height]    (after building the worker)
import { join } from "node:path";
import { ADMIN_TOKEN, insignerDelivery, insignerRoute, post, sleep, startOrigin, startWorker, waitFor } from "../worker/harness.mjs";
import { ROOT, launchBrowser } from "./helpers.mjs";

const out = process.argv[2] ?? join(ROOT, "docs/admin.png");
const width = Number(process.argv[3] ?? 1280);
const height = Number(process.argv[4] ?? 800);
const S = "67078a3e05dfaa39cb16dc9c8a46d4fe3ddfcfdb990d5ac5731adee0e1161a07";

const origin = await startOrigin();
origin.on("/hooks/billing", () => ({ status: 503 }));
const worker = await startWorker({
  routes: [insignerRoute(origin.url, "/hooks/insigner"), insignerRoute(origin.url, "/hooks/billing")],
  vars: { S },
  originUrl: origin.url,
  // The delivery log (D1), the stored bodies (R2) and the admin token (ADMIN_TOKEN).
  gateway: true,
});
const browser = await launchBrowser();
try {
  const sent = [
    ["/hooks/insigner", "dlv_2c81f0a9", "document.completed"],
    ["/hooks/insigner", "dlv_2c81f0aa", "signer.completed"],
    ["/hooks/billing", "dlv_51d7e3b0", "document.completed"],
    ["/hooks/insigner", "dlv_7e09b4c2", "document.declined"],
    ["/hooks/billing", "dlv_93aa6d15", "bulk_send.completed"],
    ["/hooks/insigner", "dlv_a4f3c871", "document.completed"],
  ];
  for (const [path, id, event] of sent) {
    await (await post(worker, path, insignerDelivery(S, { id, event }))).arrayBuffer();
    await sleep(30); // distinct received times
  }
  // The log is written after the worker answers.
  await waitFor(async () => (await worker.admin("deliveries")).json?.deliveries?.length === sent.length);
  const page = await browser.context.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  await page.setViewportSize({ width, height });
  await page.goto(new URL("/_hookguard/", worker.url).href);
  await page.fill("#token", ADMIN_TOKEN);
  await page.click("#sign-in");
  await page.waitForSelector("#rows tr");
  await page.click('#rows tr[data-id="dlv_51d7e3b0"] .open-id');
  await page.waitForSelector("#attempt-rows tr");
  await page.waitForFunction(() => !document.getElementById("detail").hasAttribute("aria-busy"));
  if (problems.length) throw new Error(`the page reported problems: ${problems.join("; ")}`);
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: out, fullPage: false });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await worker.dispose();
  await origin.close();
}
