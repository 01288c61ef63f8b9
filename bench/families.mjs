// Per scheme family, like for like: hookguard's provider for the family against the peer
// library for it and against node:crypto doing the same checks, all given the same genuine
// delivery (bench/lib/families.mjs). Run by bench/run.mjs in its own process:
//   node bench/families.mjs <config.json>   (config: { entry, reps, minMs, warmMs, sizes, out })
// A family whose provider the installed package lacks is recorded as not measured, with why.

import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { sizeLabel } from "./lib/fixtures.mjs";
import { FAMILIES, absentProviders } from "./lib/families.mjs";
import { checkAll, timeRounds, pairedRatio, opsSummary } from "./lib/rounds.mjs";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const hg = await import(pathToFileURL(config.entry).href);
const log = (s) => process.stderr.write(s + "\n");
const out = { sizes: config.sizes, families: [] };

for (const fam of FAMILIES) {
  const entry = { key: fam.key, name: fam.name, peer: fam.peer, delivery: fam.delivery, providers: fam.providers, implementations: {}, sizes: [] };
  out.families.push(entry);
  const absent = absentProviders(hg, fam);
  if (absent) {
    entry.notMeasured = absent;
    log(`  ${fam.name}: not measured (${absent})`);
    continue;
  }
  for (const size of config.sizes) {
    // Built per size, just before timing: the peers check timestamps against the real clock.
    let built;
    try {
      built = await fam.build(hg, size);
    } catch (e) {
      // One broken family (a peer's API changed, a body that no longer fits) must not cost the
      // rest of the run: recorded, said loudly, and shown in the report.
      entry.notMeasured = `setup failed at ${size} B: ${String(e?.message ?? e).slice(0, 300)}`;
      log(`  ${fam.name}: NOT MEASURED (${entry.notMeasured})`);
      break;
    }
    const { impls, pairs } = built;
    entry.pairs ??= pairs ?? [["hookguard", "peer"]];
    for (const i of impls) {
      entry.implementations[i.key] ??= {
        name: i.name, group: i.group, async: !!i.async, json: i.json, timestamp: i.timestamp, compare: i.compare, does: i.does,
      };
    }
    const { ok, failed, rejected } = await checkAll(impls);
    if (failed["node-crypto"]) throw new Error(`${fam.name} node:crypto baseline at ${size} B: ${failed["node-crypto"]}`);
    for (const [k, why] of Object.entries(failed)) log(`  ${fam.name} ${size} B: ${entry.implementations[k].name} NOT MEASURED: ${why}`);
    const samples = await timeRounds(ok, config);
    const row = { size, label: sizeLabel(size), results: {}, failed, paired: {} };
    for (const i of ok) {
      row.results[i.key] = { ...opsSummary(samples[i.key], size), tamperedRejectedWith: rejected[i.key] };
      if (i.key !== "node-crypto") row.results[i.key].vsNodeCrypto = pairedRatio(samples, i.key, "node-crypto");
    }
    // hookguard ÷ each other implementation, paired per round.
    for (const h of ok.filter((i) => i.group === "hookguard")) {
      row.paired[h.key] = {};
      for (const o of ok.filter((i) => i.group !== "hookguard")) row.paired[h.key][o.key] = pairedRatio(samples, h.key, o.key);
    }
    entry.sizes.push(row);
    log(`  ${fam.name.padEnd(24)} ${sizeLabel(size).padStart(6)}: ` + ok.map((i) => `${i.key}=${Math.round(row.results[i.key].opsPerSec)}`).join(" "));
  }
}

writeFileSync(config.out, JSON.stringify(out, null, 2));
