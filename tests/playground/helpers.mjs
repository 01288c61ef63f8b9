// Shared by the playground suites: a static server for www/ and a real headless Chromium.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach } from "node:test";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const WWW = join(ROOT, "www");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
};

/** Serves `root` on 127.0.0.1, a random port. Returns { origin, close }. */
export async function serveStatic(root = WWW) {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
      let file = resolve(root, `.${path}`);
      if (file !== root && !file.startsWith(root + sep)) throw new Error("outside root");
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const data = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : data);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", ok);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/**
 * Starts Chromium (Debian's: Playwright cannot download its own here) with a fresh profile.
 * Throws, rather than skipping, when it is missing: a browser suite that silently skips passes
 * for the wrong reason.
 */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM`);
  }
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "hookguard-playground-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1280, height: 900 },
    timeout: 30_000,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the playground and records what a privacy claim has to be checked against: every request
 * the page makes, every console error and every uncaught page error. `path` may carry a deep
 * link (`/#provider=stripe`).
 */
export async function openPlayground(context, origin, { viewport, path = "/" } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const requests = [];
  const problems = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  await page.goto(`${origin}${path}`, { waitUntil: "load" });
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 });
  return { page, requests, problems };
}

/** Every recorded request that went anywhere but the page's own origin. */
export function foreignRequests(requests, origin) {
  return requests.filter((u) => {
    try {
      return new URL(u).origin !== origin;
    } catch {
      return true;
    }
  });
}

/** The suite's static server and browser, and the current test's tab ({ page, requests,
 * problems }): live bindings that usePlayground() sets. */
export let server;
export let browser;
export let tab;

/** The hooks every page suite shares: one server and one Chromium for the file, a fresh tab per
 * test, and after each test no request that left the page's origin and no console error,
 * warning or page error. */
export function usePlayground() {
  before(async () => {
    server = await serveStatic();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    tab = await openPlayground(browser.context, server.origin);
  });
  afterEach(async () => {
    const { page, requests, problems } = tab;
    await page.close();
    assert.deepEqual(foreignRequests(requests, server.origin), [], "requests left the page's origin");
    assert.deepEqual(problems, [], "console errors, warnings or page errors");
  });
}
