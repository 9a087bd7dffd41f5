/**
 * The share of an inventory run that is uuidmap's inventory reading: the inventory store's
 * listing alone (checked, decoded, objects built) against the floor (gunzip + csv-parse, or
 * hyparquet, of the same files), alternating, on the P2 scenario's CSV and Parquet reports.
 * `npm run bench -- inventory-read [--objects N] [--clients C] [--runs R]`
 */
import * as path from "node:path"
import { parseArgs } from "node:util"
import { type Format, scenarioDir, scenarioIn } from "./inventory/EndToEnd.ts"
import { loadNote, repoRoot, showSpread, spread, timeChild } from "./inventory/Figures.ts"

const { values } = parseArgs({
  options: {
    objects: { type: "string", default: "1000000" },
    clients: { type: "string", default: "100000" },
    runs: { type: "string", default: "5" }
  }
})
const objects = Number(values.objects)
const clients = Number(values.clients)
console.log(`Inventory reading alone; ${await loadNote()}`)
const scenario = await scenarioIn(scenarioDir(objects, clients), objects, clients)
for (const format of ["CSV", "Parquet"] as Array<Format>) {
  const inventory = scenario.inventories[format]!
  const floor: Array<number> = []
  const listed: Array<number> = []
  const peaks: Array<number> = []
  for (let run = 0; run < Number(values.runs); run++) {
    floor.push((await timeChild([path.join(repoRoot, "bench/inventory/floor.ts"), inventory.manifestPath])).seconds)
    const figures = await timeChild([path.join(repoRoot, "bench/inventory/list-only.ts"), `file://${inventory.configFolder}/`])
    listed.push(figures.seconds)
    peaks.push(figures.peakMiB)
  }
  const f = spread(floor)
  const l = spread(listed)
  console.log(`${format}, ${objects.toLocaleString("en")} objects (min / median / max of ${values.runs} runs)`)
  console.log(`  floor:                 ${showSpread(f, "s")}`)
  console.log(`  inventory store list:  ${showSpread(l, "s")} (${(l.median / f.median).toFixed(2)}x), peak RSS ${showSpread(spread(peaks), "MiB", 0)}`)
}
