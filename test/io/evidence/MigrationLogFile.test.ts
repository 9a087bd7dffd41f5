import * as Effect from "effect/Effect"
import { describe, expect, it } from "vitest"
import type { EvidenceError } from "../../../src/domain/EvidenceError.ts"
import { defaultMigrationColumns, readMigrationLog } from "../../../src/io/evidence/MigrationLogFile.ts"

const U = "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f"
const read = (text: string, file = "moves.csv", columns = defaultMigrationColumns) =>
  Effect.runPromise(readMigrationLog(file, new TextEncoder().encode(text), columns))
const failure = (text: string, file = "moves.csv") =>
  Effect.runPromise(Effect.flip(readMigrationLog(file, new TextEncoder().encode(text), defaultMigrationColumns))) as Promise<EvidenceError>

describe("readMigrationLog", () => {
  it("reads CSV rows with a new key or a UUID into claims naming the old key's folder", async () => {
    const claims = await read(`old_key,new_key,uuid\r\n502/Sam/a.pdf,files/${U}.pdf,\r\n/503/Ann/b.pdf,,${U.toUpperCase()}\r\n`)
    expect(claims).toEqual([
      { source: "migration-log", rowId: "502", fromKey: "502/Sam/a.pdf", target: { _tag: "ByKey", key: `files/${U}.pdf` }, detail: "moves.csv line 2" },
      { source: "migration-log", rowId: "503", fromKey: "503/Ann/b.pdf", target: { _tag: "ByUuid", uuid: U }, detail: "moves.csv line 3" }
    ])
  })

  it("reads JSON Lines, skipping blank lines, with line numbers of the file", async () => {
    const claims = await read(`{"old_key":"502/a.pdf","new_key":"files/${U}"}\n\n{"old_key":"503/b.pdf","uuid":"${U}"}\n`, "moves.jsonl")
    expect(claims.map((c) => [c.rowId, c.detail])).toEqual([["502", "moves.jsonl line 1"], ["503", "moves.jsonl line 3"]])
  })

  it("matches column names in any case, and reads old keys written as s3:// URLs", async () => {
    const claims = await read(`Old_Key,New_Key\ns3://bucket/502/Sam/a.pdf,files/${U}\n`)
    expect(claims[0]).toMatchObject({ rowId: "502", fromKey: "502/Sam/a.pdf" })
  })

  it("takes other column names when told", async () => {
    const claims = await read(`from;to\n502/a.pdf;files/${U}\n`, "m.csv", { old: "from", new: "to", uuid: "id" })
    expect(claims[0]!.fromKey).toBe("502/a.pdf")
  })

  it("refuses a file without the old key column, at line 1", async () => {
    const error = await failure("source,new_key\n502/a.pdf,files/x\n")
    expect(error).toMatchObject({ _tag: "EvidenceError", reason: "MissingColumn", file: "moves.csv", line: 1 })
  })

  it("refuses a row with an empty old key, naming its line and column", async () => {
    const error = await failure(`old_key,new_key\n502/a.pdf,files/${U}\n,files/${U}\n`)
    expect(error).toMatchObject({ reason: "EmptyValue", line: 3, column: 1 })
  })

  it("refuses a row with neither new key nor UUID, and a UUID that is not one", async () => {
    expect(await failure("old_key,new_key,uuid\n502/a.pdf,,\n")).toMatchObject({ reason: "EmptyValue", line: 2 })
    expect(await failure("old_key,new_key,uuid\n502/a.pdf,,not-a-uuid\n")).toMatchObject({ reason: "InvalidValue", line: 2, column: 12 })
  })

  it("refuses broken CSV and broken JSON with their position", async () => {
    expect(await failure(`old_key,new_key\n"502/a.pdf,files/x\n`)).toMatchObject({ reason: "Unparseable", line: 2 })
    expect(await failure(`old_key,new_key\n502/a.pdf,files/x,extra\n`)).toMatchObject({ reason: "Unparseable", line: 2 })
    expect(await failure(`{"old_key":"502/a.pdf","uuid":"${U}"}\n{"old_key": oops}\n`, "m.jsonl")).toMatchObject({ reason: "Unparseable", line: 2 })
  })
})
