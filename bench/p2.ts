/**
 * P2, end to end: 1,000,000 objects from an S3 Inventory plus 100,000 clients through
 * `uuidmap run --diff`, against the floor (reading the same report files), on the CSV and the
 * Parquet report. Targets: time <= 2x the floor, peak RSS <= 1 GiB.
 * `npm run bench -- p2 [--objects N] [--clients C] [--runs R] [--formats CSV,Parquet]`
 */
import { parseArgs } from "node:util"
import { loadNote } from "./inventory/Figures.ts"
import { type Format, measureEndToEnd, printEndToEnd, scenarioDir, scenarioIn } from "./inventory/EndToEnd.ts"

const { values } = parseArgs({
  options: {
    objects: { type: "string", default: "1000000" },
    clients: { type: "string", default: "100000" },
    runs: { type: "string", default: "5" },
    formats: { type: "string", default: "CSV,Parquet" }
  }
})
const objects = Number(values.objects)
const clients = Number(values.clients)
console.log(`P2 end to end; ${await loadNote()}`)
const scenario = await scenarioIn(scenarioDir(objects, clients), objects, clients)
for (const format of values.formats.split(",") as Array<Format>) {
  const figures = await measureEndToEnd(scenario, clients, format, Number(values.runs))
  printEndToEnd("P2", figures)
  console.log(`  targets: time <= 2x floor: ${figures.ratio <= 2 ? "met" : "MISSED"}; peak RSS <= 1024 MiB: ${figures.peakMiB.max <= 1024 ? "met" : "MISSED"}`)
}
