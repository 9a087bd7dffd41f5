import * as Effect from "effect/Effect"
import { describe, expect, it } from "vitest"
import type { EvidenceError } from "../../../src/domain/EvidenceError.ts"
import { formatEvidenceError } from "../../../src/domain/EvidenceError.ts"
import { defaultRecordsColumns, readRecords } from "../../../src/io/evidence/RecordsFile.ts"

const U = "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f"
const bytes = (text: string) => new TextEncoder().encode(text)
const failure = (text: string, file = "records.csv") =>
  Effect.runPromise(Effect.flip(readRecords(file, bytes(text), defaultRecordsColumns))) as Promise<EvidenceError>

describe("readRecords", () => {
  it("reads uuid,row_id rows into claims, ignoring other columns", async () => {
    const claims = await Effect.runPromise(readRecords("/data/records.csv", bytes(`uuid,row_id,exported_at\n${U},502,2024-03-01\n`), defaultRecordsColumns))
    expect(claims).toEqual([{ target: { _tag: "ByUuid", uuid: U }, source: "records", rowId: "502", detail: "records.csv line 2" }])
  })

  it("reads JSON Lines whose row id is a number", async () => {
    const claims = await Effect.runPromise(readRecords("r.ndjson", bytes(`{"uuid":"${U}","row_id":502}\n`), defaultRecordsColumns))
    expect(claims[0]!.rowId).toBe("502")
  })

  it("keeps a row id that may not be in the CSV: that is phase 2's to report", async () => {
    const claims = await Effect.runPromise(readRecords("r.csv", bytes(`uuid,row_id\n${U},9000\n`), defaultRecordsColumns))
    expect(claims[0]!.rowId).toBe("9000")
  })

  it("refuses an invalid UUID, naming file, line and column", async () => {
    const error = await failure(`uuid,row_id\n${U},502\nabc,503\n`)
    expect(formatEvidenceError(error)).toBe("records.csv:3:1: UUID \"abc\" is not a UUID")
  })

  it("refuses an empty row id and a missing column", async () => {
    expect(await failure(`uuid,row_id\n${U},\n`)).toMatchObject({ reason: "EmptyValue", line: 2, column: 38 })
    expect(await failure(`uuid,client\n${U},502\n`)).toMatchObject({ reason: "MissingColumn", line: 1 })
  })
})
