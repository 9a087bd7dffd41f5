import * as path from "node:path"
import * as Effect from "effect/Effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { fileName } from "../../src/domain/ObjectKey.ts"
import type { ReconcileOutcome } from "../../src/program/Reconcile.ts"
import { Disk } from "../../src/io/files/Disk.ts"
import { buildDemo } from "../../src/program/demo/BuildDemo.ts"
import { makeDemoScenario } from "../../src/program/demo/DemoScenario.ts"
import { reconcile } from "../../src/program/Reconcile.ts"
import { runServices } from "../../src/program/Services.ts"
import { makeSettings, type Settings } from "../../src/program/Settings.ts"
import { tempDir } from "../support/Cli.ts"

// The owner the scenario built each pool file for, or undefined when no owner is knowable.
const intendedOwners = (): Map<string, string | undefined> => {
  const scenario = makeDemoScenario()
  const records = new Map(scenario.recordsCsv.trim().split("\n").slice(1).map((line) => line.split(",") as [string, string]))
  const folderContent = new Map<string, Set<string>>()
  for (const file of scenario.files) {
    if (file.key.startsWith("files/")) continue
    folderContent.set(file.content, (folderContent.get(file.content) ?? new Set()).add(file.key.split("/")[0]!))
  }
  const owners = new Map<string, string | undefined>()
  for (const file of scenario.files.filter((f) => f.key.startsWith("files/"))) {
    const uuid = fileName(file.key).slice(0, 36)
    const moved = /^moved file \d+ of client (\d+)/.exec(file.content)
    const copies = folderContent.get(file.content)
    owners.set(
      file.key,
      moved ? moved[1] : file.content.startsWith("exported file") ? records.get(uuid) : copies?.size === 1 ? [...copies][0] : undefined
    )
  }
  return owners
}

let dir: { dir: string; cleanup: () => Promise<void> }
let settings: Settings
let outcome: ReconcileOutcome

beforeAll(async () => {
  dir = await tempDir("uuidmap-demo-")
  const paths = await Effect.runPromise(buildDemo(path.join(dir.dir, "demo")).pipe(Effect.provide(Disk.layerNode)))
  settings = makeSettings({
    clientsFile: paths.clientsFile,
    bucket: `file://${paths.bucket}`,
    evidence: { migrationLogs: [paths.migrationLog], records: [paths.records] }
  })
  outcome = await Effect.runPromise(reconcile(settings, { phase: "all", dryRun: false }).pipe(Effect.provide(runServices(settings))))
})
afterAll(() => dir.cleanup())

describe("the demo after phase 2", () => {
  // Evidence naming only row ids that are not in the CSV sends a file to review (4 of them).
  it("splits the 99 pool files into 77 mapped, 15 in review and 7 unmapped", () => {
    const { poolFiles, poolMapped, poolReview, poolUnmapped } = outcome.metricsAfter
    expect({ poolFiles, poolMapped, poolReview, poolUnmapped }).toEqual({ poolFiles: 99, poolMapped: 77, poolReview: 15, poolUnmapped: 7 })
  })

  it("maps not one pool file to a wrong owner, and maps every file whose owner is knowable", () => {
    const intended = intendedOwners()
    for (const mapping of outcome.after.ledger.filter((m) => m.key?.startsWith("files/"))) {
      const owner = intended.get(mapping.key!)
      if (mapping.status === "mapped") expect(mapping.rowId, mapping.key!).toBe(owner)
      else expect(owner, `${mapping.key} is ${mapping.status}: ${mapping.why}`).toBeUndefined()
    }
  })

  it("reports the records that name clients missing from the CSV", () => {
    expect(outcome.after.findings.filter((f) => f.kind === "unknown-row-id")).toHaveLength(4)
  })

  it("changes nothing on a second run", async () => {
    const again = await Effect.runPromise(reconcile(settings, { phase: "all", dryRun: true }).pipe(Effect.provide(runServices(settings))))
    expect(again.changes).toEqual({ cells: [], ledger: [] })
  })
})
