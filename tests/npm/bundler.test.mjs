// Through a bundler: a Vite production build of an app that imports "hookguard" (the web build,
// whose .wasm Vite emits as a hashed asset), loaded in headless Chromium.
import test from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { serve } from "./serve.mjs";
import { launch, closeBrowser } from "./chromium.mjs";

test("a Vite-bundled app verifies in Chromium", { timeout: 180_000 }, async (t) => {
  const app = join(process.cwd(), "vite-app");
  const vite = join(process.env.HOOKGUARD_ROOT, "node_modules/vite/bin/vite.js");
  assert.ok(existsSync(vite), "vite is installed with the dev dependencies");
  execFileSync(process.execPath, [vite, "build", "--logLevel", "warn", "--outDir", "dist", "--emptyOutDir"], { cwd: app, stdio: "pipe" });
  const assets = readdirSync(join(app, "dist", "assets"));
  assert.ok(assets.some((f) => /^hookguard_bg-.*\.wasm$/.test(f)), `the .wasm is emitted as an asset: ${assets}`);

  const server = await serve(join(app, "dist"));
  t.after(() => server.close());
  const browser = await launch();
  t.after(() => closeBrowser(browser));
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(server.url + "/");
  await page.waitForFunction(() => document.getElementById("out").textContent !== "…", null, { timeout: 30_000 });
  assert.equal(await page.textContent("#out"), "verified document.completed");
  assert.deepEqual(problems, []);
});
