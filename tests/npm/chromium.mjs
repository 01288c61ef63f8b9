// Launches Debian's Chromium through playwright-core (Playwright cannot download browsers here).
import { existsSync } from "node:fs";
import { join } from "node:path";

export async function launch() {
  const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: the browser suite cannot run (scripts/setup.sh installs it)`);
  const { chromium } = await import(join(process.env.HOOKGUARD_ROOT, "node_modules/playwright-core/index.mjs"));
  return chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    // playwright-core gives every launch a fresh, empty profile directory of its own.
  });
}

/** Closes the browser, waiting at most `ms`: a Chromium that hangs on exit must not hang the suite. */
export function closeBrowser(browser, ms = 15_000) {
  let timer;
  return Promise.race([
    browser.close(),
    new Promise((r) => { timer = setTimeout(r, ms); timer.unref?.(); }),
  ]).finally(() => clearTimeout(timer));
}
