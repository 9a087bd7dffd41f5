/**
 * The end-to-end measurement behind P2, P3 and P5: `uuidmap run --diff` on an inventory (with
 * the scenario's migration log and records), interleaved with the floor (reading the same data
 * files and nothing else) so both see the same machine noise.
 */
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { generateScenario, type GeneratedScenario } from "../scenario/GenerateScenario.ts"
import { type ChildFigures, mainScript, repoRoot, showSpread, spread, type Spread, timeChild } from "./Figures.ts"

export type Format = "CSV" | "Parquet"

export interface EndToEndFigures {
  readonly format: Format
  readonly objects: number
  readonly clients: number
  readonly floor: Spread
  readonly uuidmap: Spread
  readonly peakMiB: Spread
  readonly ratio: number
  readonly runs: number
}

/** Generates (or reuses, when `<dir>/clients.csv` exists from the same parameters) a scenario. */
export const scenarioIn = async (dir: string, objects: number, clients: number): Promise<GeneratedScenario> => {
  const marker = path.join(dir, "scenario.json")
  const wanted = JSON.stringify({ objects, clients, seed: 1, generator: 1 })
  const existing = await fs.readFile(marker, "utf8").catch(() => undefined)
  if (existing !== undefined && JSON.parse(existing).parameters === wanted) return JSON.parse(existing).generated as GeneratedScenario
  await fs.rm(dir, { recursive: true, force: true })
  const generated = await generateScenario({ objects, clients, seed: 1, out: dir })
  await fs.writeFile(marker, JSON.stringify({ parameters: wanted, generated }))
  return generated
}

export const scenarioDir = (objects: number, clients: number) => path.join(os.tmpdir(), `uuidmap-bench-${objects}-${clients}`)

const check = (figures: ChildFigures, what: string) => {
  if (figures.code !== 0 && figures.code !== 5) throw new Error(`${what} exited ${figures.code}: ${figures.stderr.slice(-1000)}`)
  return figures
}

/** Arguments of a `run --diff` on the scenario's inventory, with the clients CSV `clientsFile`. */
export const runArgs = (scenario: GeneratedScenario, format: Format, clientsFile = scenario.clientsFile) => [
  mainScript,
  "run",
  "--diff",
  "--quiet",
  "--clients",
  clientsFile,
  "--inventory",
  `file://${scenario.inventories[format]!.configFolder}/`,
  "--migration-log",
  scenario.migrationLog,
  "--records",
  scenario.records
]

/** Runs the floor and uuidmap `runs` times each, alternating. */
export const measureEndToEnd = async (
  scenario: GeneratedScenario,
  clients: number,
  format: Format,
  runs: number,
  args: ReadonlyArray<string> = runArgs(scenario, format)
): Promise<EndToEndFigures> => {
  const floor: Array<number> = []
  const times: Array<number> = []
  const peaks: Array<number> = []
  for (let run = 0; run < runs; run++) {
    floor.push(check(await timeChild([path.join(repoRoot, "bench/inventory/floor.ts"), scenario.inventories[format]!.manifestPath]), "floor").seconds)
    const measured = check(await timeChild(args), "uuidmap")
    times.push(measured.seconds)
    peaks.push(measured.peakMiB)
  }
  const f = spread(floor)
  const u = spread(times)
  return { format, objects: scenario.objects, clients, floor: f, uuidmap: u, peakMiB: spread(peaks), ratio: u.median / f.median, runs }
}

export const printEndToEnd = (label: string, figures: EndToEndFigures) => {
  console.log(`${label} ${figures.format}, ${figures.objects.toLocaleString("en")} objects, ${figures.clients.toLocaleString("en")} clients (min / median / max of ${figures.runs} runs)`)
  console.log(`  floor (read the report only): ${showSpread(figures.floor, "s")}`)
  console.log(`  uuidmap run --diff:           ${showSpread(figures.uuidmap, "s")}`)
  console.log(`  peak RSS:                     ${showSpread(figures.peakMiB, "MiB", 0)}`)
  console.log(`  time / floor (medians):       ${figures.ratio.toFixed(2)}x`)
}
