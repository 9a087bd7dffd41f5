/**
 * P5, the daily run: the P2 scenario after a first `uuidmap run` has applied its changes (the
 * ledger exists, the tracking cells are filled), run again with `run --diff` over the same
 * inventory: nothing changes, so this is what a scheduled run costs on most days. Compared with
 * the floor, on the CSV and the Parquet report. Targets (P2's): <= 2x the floor, peak RSS <= 1 GiB.
 * `npm run bench -- p5 [--objects N] [--clients C] [--runs R] [--formats CSV,Parquet]`
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { parseArgs } from "node:util"
import { loadNote, timeChild } from "./inventory/Figures.ts"
import { type Format, measureEndToEnd, printEndToEnd, runArgs, scenarioDir, scenarioIn } from "./inventory/EndToEnd.ts"

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
console.log(`P5 second run over the same inventory; ${await loadNote()}`)
const dir = scenarioDir(objects, clients)
const scenario = await scenarioIn(dir, objects, clients)
for (const format of values.formats.split(",") as Array<Format>) {
  const applied = path.join(dir, `applied-${format.toLowerCase()}`)
  await fs.rm(applied, { recursive: true, force: true })
  await fs.mkdir(applied)
  const clientsFile = path.join(applied, "clients.csv")
  await fs.copyFile(scenario.clientsFile, clientsFile)
  const first = await timeChild(runArgs(scenario, format, clientsFile).filter((arg) => arg !== "--diff"))
  if (first.code !== 0) throw new Error(`first run exited ${first.code}: ${first.stderr}`)
  console.log(`  first run (applied): ${first.seconds.toFixed(2)} s, peak RSS ${first.peakMiB.toFixed(0)} MiB`)
  const figures = await measureEndToEnd(scenario, clients, format, Number(values.runs), runArgs(scenario, format, clientsFile))
  printEndToEnd("P5", figures)
  console.log(`  targets: time <= 2x floor: ${figures.ratio <= 2 ? "met" : "MISSED"}; peak RSS <= 1024 MiB: ${figures.peakMiB.max <= 1024 ? "met" : "MISSED"}`)
}
