/**
 * After `review accept`, the files are a finished run's result: `verify` passes, its
 * idempotence check included, and `run` changes nothing, whatever the decisions (a candidate,
 * another client, `none`, blank), with or without the evidence flags given again.
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli, tempDir } from "../support/Cli.ts"

let dir: string
let cleanup: () => Promise<void>
beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir("uuidmap-accept-"))
  expect((await runCli(["demo", "--dir", dir])).code).toBe(0)
})
afterAll(() => cleanup())

const base = () => ["--clients", path.join(dir, "clients.csv"), "--bucket", `file://${path.join(dir, "bucket")}`]
const evidence = () => ["--migration-log", path.join(dir, "evidence", "migration-log.csv"), "--records", path.join(dir, "evidence", "records.csv")]

// Fills the decision column: the best candidate, another candidate, none, or blank, in turn.
const decide = (sheet: string): string => {
  const [header, ...rows] = sheet.trimEnd().split("\n")
  return [header, ...rows.map((row, i) => {
    // uuid,key,size,best_candidate,candidates,…: the demo's first five cells hold no comma.
    const candidates = row.split(",")[4]!.split("; ").filter((id) => id !== "")
    const choice = [candidates[0] ?? "none", candidates[1] ?? "none", "none", ""][i % 4]!
    return row.replace(/,,$/, `,${choice},decided in a test`)
  })].join("\n") + "\n"
}

describe("review accept, then verify", () => {
  for (const [label, flags] of [["with the evidence flags", true], ["without them", false]] as const) {
    it(`passes every check, idempotence included, ${label}`, async () => {
      const args = flags ? [...base(), ...evidence()] : base()
      const sheet = path.join(dir, `review-${flags}.csv`)
      const exported = await runCli(["review", "export", sheet, ...args])
      expect(exported.stderr).toBe("")
      expect(exported.code).toBe(0)
      await fs.writeFile(sheet, decide(await fs.readFile(sheet, "utf8")))
      const accepted = await runCli(["review", "accept", sheet, ...args])
      expect(accepted.stderr).toBe("")
      expect(accepted.code).toBe(0)
      const verified = await runCli(["verify", ...args])
      expect(verified.stdout).toMatch(/PASS {2}idempotent/)
      expect(verified.code).toBe(0)
      expect((await runCli(["run", ...args])).stdout).toContain("Nothing to change.")
    })
  }
})
