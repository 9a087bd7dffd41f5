import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { describe, expect, it } from "vitest"
import type { PlanFile } from "../../src/domain/Plan.ts"
import { compareObjects, touchedKeys } from "../../src/program/Fingerprint.ts"
import { buildPlanFile, changesOfPlan, decodePlanText, planSettingsOf } from "../../src/program/PlanFile.ts"
import { compareInputFiles, compareSettings } from "../../src/program/PlanStaleness.ts"
import { makeSettings } from "../../src/program/Settings.ts"
import { mapped, object, uuid } from "../support/StateBuilder.ts"

const settings = makeSettings({ clientsFile: "clients.csv", bucket: "file:///bucket", evidence: { migrationLogs: ["moves.csv"], records: [] } })

const changes = {
  cells: [{ rowId: "502" as never, before: { rowId: "502" as never, tracked: false, uuids: [] }, after: { rowId: "502" as never, tracked: true, uuids: [uuid(1)] } }],
  ledger: [{ uuid: uuid(1), before: null, after: { ...mapped(uuid(1), "502/a.pdf", "502"), size: 3, etag: "\"e\"", lastModified: "2024-05-01T12:00:00.000Z" } }]
}

const parts = {
  createdAt: "2026-01-01T00:00:00.000Z",
  tool: "uuidmap",
  phase: "all",
  ran: ["1", "2", "3"],
  settings,
  clients: { file: "clients.csv", sha256: "a".repeat(64) },
  ledger: { file: "clients.ledger.csv", sha256: null },
  evidence: [{ file: "moves.csv", sha256: "b".repeat(64) }],
  objects: [{ key: "502/a.pdf" as never, size: 3, etag: "\"e\"" }],
  changes
} as const
const plan: PlanFile = buildPlanFile(parts)

const decode = (text: string) => Effect.runSyncExit(decodePlanText("plan.json", text))
const failure = (text: string): string => {
  const exit = decode(text)
  if (Exit.isSuccess(exit)) throw new Error("expected the plan to be refused")
  return JSON.stringify(exit.cause)
}

describe("plan file", () => {
  it("records format_version 1, the summary and the changes with their evidence", () => {
    expect(plan.format_version).toBe(1)
    expect(plan.summary).toEqual({ new_uuids: 1, ledger_rows: 1, tracking_cells: 1 })
    expect(plan.changes.ledger[0]!.after!.evidence).toEqual([{ source: "client-folder", row_id: "502", detail: "502/a.pdf" }])
    expect(plan.changes.tracking_cells[0]!.after).toEqual({ tracked: true, file_uuids: [uuid(1)] })
  })

  it("reads back, through JSON, into the very changes it was made from", () => {
    const exit = decode(JSON.stringify(plan))
    expect(Exit.isSuccess(exit)).toBe(true)
    if (Exit.isSuccess(exit)) expect(changesOfPlan(exit.value)).toEqual(changes)
  })

  it("carries a pool file's metadata reading, and reads a plan written before readings as having none", () => {
    const reading = { etag: "\"e\"", lastModified: "2024-05-01T12:00:00.000Z", names: ["row-id"], values: { "row-id": "502" } }
    const withReading = { ...changes, ledger: [{ ...changes.ledger[0]!, after: { ...changes.ledger[0]!.after, metadata: reading } }] }
    const built = buildPlanFile({ ...parts, changes: withReading })
    expect(built.changes.ledger[0]!.after!.metadata).toEqual({ etag: "\"e\"", last_modified: "2024-05-01T12:00:00.000Z", names: ["row-id"], values: { "row-id": "502" } })
    const roundTrip = decode(JSON.stringify(built))
    if (Exit.isSuccess(roundTrip)) expect(changesOfPlan(roundTrip.value)).toEqual(withReading)
    else throw new Error("expected the plan to read")
    const older = JSON.parse(JSON.stringify(plan))
    delete older.changes.ledger[0].after.metadata
    const read = decode(JSON.stringify(older))
    if (Exit.isSuccess(read)) expect(changesOfPlan(read.value).ledger[0]!.after!.metadata).toBeNull()
    else throw new Error("expected the older plan to read")
  })

  it("refuses a plan of another format_version, naming both versions", () => {
    const message = failure(JSON.stringify({ ...plan, format_version: 2 }))
    expect(message).toContain("format_version 2")
    expect(message).toContain("reads format_version 1")
  })

  it("refuses text that is not JSON, and JSON that is not a plan", () => {
    expect(failure("{not json")).toContain("is not valid JSON")
    expect(failure(JSON.stringify({ ...plan, changes: { tracking_cells: "x", ledger: [] } }))).toContain("is not a valid uuidmap plan")
    expect(failure(JSON.stringify({ ...plan, changes: { ...plan.changes, ledger: [{ uuid: "nope", before: null, after: null }] } }))).toContain("is not a valid uuidmap plan")
  })
})

describe("plan file refusals name the line and column", () => {
  const pretty = JSON.stringify(plan, null, 2)
  const lineOf = (needle: string) => pretty.slice(0, pretty.indexOf(needle)).split("\n").length
  const message = (text: string): string => {
    const exit = decode(text)
    if (Exit.isSuccess(exit) || exit.cause.reasons[0]?._tag !== "Fail") throw new Error("expected the plan to be refused")
    return (exit.cause.reasons[0].error as { message: string }).message
  }

  it("points a truncated plan at its end and says it looks truncated", () => {
    const cut = pretty.slice(0, pretty.indexOf('"changes"') + 20)
    const lines = cut.split("\n")
    expect(message(cut)).toMatch(new RegExp(`^plan\\.json:${lines.length}:${lines.at(-1)!.length + 1}: Plan is not valid JSON \\(.*\\); the file looks truncated`))
  })

  it("points a stray character at itself", () => {
    const broken = pretty.replace('"tool": "uuidmap"', '"tool": "uuidmap" x')
    expect(message(broken)).toMatch(new RegExp(`^plan\\.json:${lineOf('"tool"')}:\\d+: Plan is not valid JSON`))
  })

  it("points another format_version at the field", () => {
    expect(message(pretty.replace('"format_version": 1', '"format_version": 7'))).toMatch(/^plan\.json:2:21: Plan has format_version 7; this uuidmap reads format_version 1/)
  })

  it("points a tampered value at the value, with its path", () => {
    const tampered = pretty.replace('"status": "mapped"', '"status": "owned"')
    const line = lineOf('"status": "mapped"')
    expect(message(tampered)).toMatch(new RegExp(`^plan\\.json:${line}:\\d+: Plan is not a valid uuidmap plan at changes\\.ledger\\[0\\]\\.after\\.status: `))
    const noUuid = JSON.stringify({ ...plan, changes: { ...plan.changes, ledger: [{ uuid: "nope", before: null, after: null }] } }, null, 2)
    expect(message(noUuid)).toContain("at changes.ledger[0].uuid")
  })
})

describe("stale-plan detection", () => {
  const current = {
    clients: { file: "clients.csv", sha256: "a".repeat(64) },
    ledger: { file: "clients.ledger.csv", sha256: null },
    evidence: [{ file: "moves.csv", sha256: "b".repeat(64) }]
  }

  it("finds nothing stale when every fingerprint matches", () => {
    expect(compareInputFiles(plan, current)).toEqual([])
    expect(compareSettings(plan.settings, planSettingsOf(settings))).toEqual([])
    expect(compareObjects(plan.inputs.objects, new Map([["502/a.pdf", object("502/a.pdf", 3, "\"e\"")]]))).toEqual([])
  })

  it("names an edited CSV, a ledger that appeared and a changed evidence file", () => {
    const causes = compareInputFiles(plan, {
      clients: { file: "clients.csv", sha256: "c".repeat(64) },
      ledger: { file: "clients.ledger.csv", sha256: "d".repeat(64) },
      evidence: [{ file: "moves.csv", sha256: "e".repeat(64) }]
    })
    expect(causes.map((cause) => cause.reason)).toEqual(["ClientsChanged", "LedgerChanged", "EvidenceChanged"])
    expect(causes[1]!.detail).toContain("exists now but did not")
  })

  it("names a different list of evidence files as a changed setting", () => {
    const causes = compareInputFiles(plan, { ...current, evidence: [] })
    expect(causes.map((cause) => cause.reason)).toEqual(["SettingsChanged"])
  })

  it("names each changed flag", () => {
    const other = planSettingsOf({ ...settings, columns: { ...settings.columns, uuids: "uuids" }, layout: { poolPrefix: "pool/" } })
    expect(compareSettings(plan.settings, other).map((cause) => cause.subject)).toEqual(["--uuids-column", "--pool-prefix"])
  })

  it("names a touched object that changed, that is gone, and one that came back", () => {
    const recorded = [
      { key: "502/a.pdf" as never, size: 3, etag: "\"e\"" },
      { key: "502/b.pdf" as never, size: 3, etag: "\"e\"" },
      { key: "502/c.pdf" as never, size: null, etag: null }
    ]
    const objects = new Map([["502/a.pdf", object("502/a.pdf", 4, "\"f\"")], ["502/c.pdf", object("502/c.pdf")]])
    expect(compareObjects(recorded, objects).map((cause) => `${cause.reason} ${cause.subject}`)).toEqual([
      "ObjectChanged 502/a.pdf",
      "ObjectGone 502/b.pdf",
      "ObjectAppeared 502/c.pdf"
    ])
  })

  it("fingerprints every key a change touches, before and after", () => {
    const moved = { uuid: uuid(2), before: mapped(uuid(2), "files/old.pdf", "502"), after: mapped(uuid(2), "files/new.pdf", "502") }
    expect(touchedKeys({ cells: [], ledger: [...changes.ledger, moved] })).toEqual(["502/a.pdf", "files/new.pdf", "files/old.pdf"])
  })
})
