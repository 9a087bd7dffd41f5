/**
 * The plan file's `format_version` as a compatibility promise (docs/embedding.md, README):
 * a uuidmap applies only plans of the one version it writes, older and newer ones alike are
 * refused by name, and a field added without a version change is ignored by the reader.
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { describe, expect, it } from "vitest"
import { planFormatVersion } from "../../src/domain/Plan.ts"
import { buildPlanFile, changesOfPlan, decodePlanText } from "../../src/program/PlanFile.ts"
import { makeSettings } from "../../src/program/Settings.ts"
import { mapped, uuid } from "../support/StateBuilder.ts"

const changes = {
  cells: [],
  ledger: [{ uuid: uuid(1), before: null, after: { ...mapped(uuid(1), "502/a.pdf", "502"), size: 3, etag: "\"e\"", lastModified: "2024-05-01T12:00:00.000Z" } }]
}
const plan = buildPlanFile({
  createdAt: "2026-01-01T00:00:00.000Z",
  tool: "uuidmap",
  phase: "1",
  ran: ["1"],
  settings: makeSettings({ clientsFile: "clients.csv", bucket: "file:///bucket" }),
  clients: { file: "clients.csv", sha256: "a".repeat(64) },
  ledger: { file: "clients.ledger.csv", sha256: null },
  evidence: [],
  objects: [{ key: "502/a.pdf" as never, size: 3, etag: "\"e\"" }],
  changes
})

const decode = (value: unknown) => Effect.runSyncExit(decodePlanText("plan.json", JSON.stringify(value)))

describe("plan format_version", () => {
  it("is written as the one version this uuidmap reads", () => {
    expect(plan.format_version).toBe(planFormatVersion)
    expect(Exit.isSuccess(decode(plan))).toBe(true)
  })

  it.each([planFormatVersion - 1, planFormatVersion + 1, "1", null])("refuses a plan of format_version %j, naming both versions", (version) => {
    const exit = decode({ ...plan, format_version: version })
    expect(Exit.isFailure(exit)).toBe(true)
    const message = Exit.isFailure(exit) ? String((Cause.squash(exit.cause) as Error).message) : ""
    expect(message).toContain(`has format_version ${JSON.stringify(version)}`)
    expect(message).toContain(`reads format_version ${planFormatVersion}`)
  })

  it("ignores a field it does not know in a plan of its own version (an additive change)", () => {
    const exit = decode({ ...plan, reviewed_by: "Ann", changes: { ...plan.changes, note: "checked" } })
    expect(Exit.isSuccess(exit)).toBe(true)
    if (Exit.isSuccess(exit)) expect(changesOfPlan(exit.value)).toEqual(changes)
  })
})
