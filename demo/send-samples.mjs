#!/usr/bin/env node
// Sends a signed sample delivery of every known event (5 inSigner, 9 Inspakt) to the local
// worker, then replays the first one to show replay protection.
//
//   node demo/send-samples.mjs [--url http://127.0.0.1:8787]
//
// The deliveries are built and signed by the Rust core (`cargo run --example demo-samples`),
// with the secrets from .dev.vars (or the environment), so they are exactly what the providers
// would send.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const urlAt = args.indexOf("--url");
const base = (urlAt >= 0 ? args[urlAt + 1] : "http://127.0.0.1:8787").replace(/\/$/, "");

function devVar(name) {
  if (process.env[name]) return process.env[name];
  for (const file of [".dev.vars", ".dev.vars.example"]) {
    try {
      const m = readFileSync(`${root}/${file}`, "utf8").match(new RegExp(`^${name}=(.*)$`, "m"));
      if (m) return m[1].trim();
    } catch {}
  }
  throw new Error(`${name} is not set (.dev.vars or the environment)`);
}

const paths = { insigner: "/hooks/insigner", inspakt: "/hooks/inspakt" };
const now = Math.floor(Date.now() / 1000);
const out = execFileSync(
  "cargo",
  ["run", "-q", "--example", "demo-samples", "--", devVar("INSIGNER_SECRET"), devVar("INSPAKT_TOKEN"), "X-Inspakt-Webhook-Token", String(now)],
  { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
const samples = out.trim().split("\n").map((l) => JSON.parse(l));

let failures = 0;
async function send(s, label = "") {
  const res = await fetch(base + paths[s.provider], { method: "POST", headers: s.headers, body: s.body });
  const text = await res.text();
  const ok = res.status < 300;
  if (!ok) failures += 1;
  console.log(`${String(res.status).padEnd(4)} ${s.provider.padEnd(9)} ${s.event.padEnd(30)} ${text}${label}`);
}
for (const s of samples) await send(s);
// The same inSigner delivery again: the worker answers 200 {"status":"duplicate"} and does not forward it.
await send(samples[0], "   <- replay of the first");
console.log(`${samples.length} samples sent to ${base}; ${failures} not accepted`);
process.exit(failures ? 1 : 0);
