/**
 * `apply` checks the state it is about to write against every invariant `verify` checks on the
 * files, so a plan edited by hand can never give a file two owners or leave a ledger that
 * cannot be read: it refuses with exit 2, naming each broken check, and writes nothing.
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { runCli, snapshotTree, tempDir, writeTree } from "../support/Cli.ts"

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  await writeTree(dir, { "clients.csv": "row_id\n502\n503\n", "bucket/502/a.pdf": "a", "bucket/502/b.pdf": "bb", "bucket/503/c.pdf": "ccc" })
  expect((await runCli(["plan", "--out", path.join(dir, "plan.json"), ...flags()])).code).toBe(0)
})
afterEach(() => cleanup())

const flags = () => ["--clients", path.join(dir, "clients.csv"), "--bucket", `file://${path.join(dir, "bucket")}`]

interface Row { uuid: string; key: string | null; row_id: string | null; status: string; confidence: number }
interface Plan {
  changes: {
    tracking_cells: Array<{ row_id: string; after: { tracked: boolean; file_uuids: Array<string> } }>
    ledger: Array<{ uuid: string; after: Row | null }>
  }
}

const tamper = async (edit: (plan: Plan) => void) => {
  const file = path.join(dir, "plan.json")
  const plan = JSON.parse(await fs.readFile(file, "utf8")) as Plan
  edit(plan)
  await fs.writeFile(file, JSON.stringify(plan, null, 2))
}

const expectRefused = async (...checks: ReadonlyArray<string>) => {
  const before = await snapshotTree(dir)
  const result = await runCli(["apply", path.join(dir, "plan.json"), ...flags()])
  expect(result.code).toBe(2)
  expect(result.stderr).toContain(`Plan "${path.join(dir, "plan.json")}" would leave files that break uuidmap's invariants, so nothing was written`)
  for (const check of checks) expect(result.stderr).toContain(`\n  ${check}: `)
  expect(await snapshotTree(dir)).toEqual(before)
}

describe("apply on a tampered plan", () => {
  it("refuses a plan that gives a file two owners", async () => {
    await tamper((plan) => {
      const a = plan.changes.tracking_cells.find((cell) => cell.row_id === "502")!
      const b = plan.changes.tracking_cells.find((cell) => cell.row_id === "503")!
      b.after.file_uuids = [...b.after.file_uuids, a.after.file_uuids[0]!].sort()
    })
    await expectRefused("uuids-single-owner")
  })

  it("refuses a plan whose ledger would not read back (a confidence of 7)", async () => {
    await tamper((plan) => {
      plan.changes.ledger[0]!.after!.confidence = 7
    })
    await expectRefused("ledger-cells-valid")
  })

  it("refuses a ledger row for a key the plan never fingerprinted", async () => {
    await tamper((plan) => {
      plan.changes.ledger[0]!.after!.key = "502/ghost.pdf"
    })
    await expectRefused("keys-in-bucket")
  })

  it("applies the untouched plan", async () => {
    expect((await runCli(["apply", path.join(dir, "plan.json"), ...flags()])).code).toBe(0)
    expect((await runCli(["verify", ...flags()])).code).toBe(0)
  })
})
