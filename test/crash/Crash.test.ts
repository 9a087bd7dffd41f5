import * as fs from "node:fs/promises"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { tempDir } from "../support/Cli.ts"
import { runHarness } from "./CrashHarness.ts"
import { buildCrashScenario, type CrashScenario } from "./CrashScenario.ts"

// The suite's short version of `npm run crash` (100 kills): a fixed seed, so CI is
// reproducible, and a smaller scenario, so it stays quick. A failure prints the seed.
const seed = 20261202

let scenario: CrashScenario
let cleanup: () => Promise<void>
beforeAll(async () => {
  const made = await tempDir("uuidmap-crash-")
  cleanup = made.cleanup
  scenario = await buildCrashScenario(made.dir, seed, { clients: 150, folderFiles: 500, poolFiles: 500 })
}, 120_000)
afterAll(() => cleanup())

describe("SIGKILL at random moments (10 kills of run and apply, seed 20261202)", () => {
  it("leaves each file wholly old or new, a backup whenever one changed, and a next run that finishes the job; a person's edit during a run is kept", async () => {
    const lines: Array<string> = []
    const report = await runHarness(scenario, { seed, kills: 10, personEdits: 2, log: (line) => lines.push(line) })
    expect(report.problems, `seed ${seed}:\n${lines.join("\n")}`).toEqual([])
    expect(report.kills).toHaveLength(10)
    // The kills did land: most before the process ended, some of them inside the commit.
    expect(report.kills.filter((kill) => kill.killed).length).toBeGreaterThanOrEqual(7)
    expect(report.kills.filter((kill) => kill.trigger !== "timer").length).toBeGreaterThan(0)
    expect(await fs.readdir(scenario.live)).toContain("clients.csv")
  }, 600_000)
})
