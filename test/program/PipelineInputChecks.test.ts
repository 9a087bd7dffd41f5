/**
 * The rules `runPipeline` holds a caller's client rows and ledger to: the rules the CLI holds
 * its files to (SPEC §4), refused with a `PipelineInputError` that names the value.
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { describe, expect, it } from "vitest"
import type { ClientRow } from "../../src/domain/ClientRow.ts"
import type { Mapping } from "../../src/domain/Mapping.ts"
import { unsafeRowId } from "../../src/domain/RowId.ts"
import { UuidGenerator } from "../../src/io/uuid/UuidGenerator.ts"
import { checkClientRows, checkLedgerRows } from "../../src/program/PipelineInputChecks.ts"
import { runPipeline } from "../../src/program/RunPipeline.ts"
import { client, mapped, object, uuid } from "../support/StateBuilder.ts"

const untracked = (rowId: string): ClientRow => ({ rowId: unsafeRowId(rowId), tracked: false, uuids: [] })

describe("client row checks", () => {
  it("accepts distinct rows with distinct UUIDs", () => {
    expect(checkClientRows([client("502", [uuid(1), uuid(2)]), client("503", [uuid(3)]), untracked("504")])).toBeUndefined()
  })

  it("refuses a row id used twice, naming both places", () => {
    expect(checkClientRows([untracked("502"), untracked("503"), untracked("502")])).toMatchObject({
      reason: "DuplicateRowId",
      path: "clients[2].rowId",
      message: "Row id \"502\" is already used by clients[0]"
    })
  })

  it("refuses a UUID listed for two clients", () => {
    expect(checkClientRows([client("502", [uuid(1)]), client("503", [uuid(1)])])).toMatchObject({
      reason: "DuplicateUuid",
      path: "clients[1].uuids[0]",
      message: `UUID "${uuid(1)}" is listed for client "502" (clients[0]) too`
    })
  })

  it("refuses a UUID listed twice in one cell", () => {
    const row: ClientRow = { rowId: unsafeRowId("502"), tracked: true, uuids: [uuid(1), uuid(1)] }
    expect(checkClientRows([row])).toMatchObject({ reason: "DuplicateUuid", path: "clients[0].uuids[1]" })
  })

  it("refuses UUIDs on a client that is not tracked yet (an empty count with a list, in the CSV)", () => {
    const row: ClientRow = { rowId: unsafeRowId("502"), tracked: false, uuids: [uuid(1)] }
    expect(checkClientRows([row])).toMatchObject({ reason: "UntrackedWithUuids", path: "clients[0].uuids" })
  })
})

describe("ledger row checks", () => {
  it("accepts one row per UUID and per key, and several rows without a key", () => {
    expect(checkLedgerRows([mapped(uuid(1), "502/a.pdf", "502"), mapped(uuid(2), null, "502"), mapped(uuid(3), null, "503")])).toBeUndefined()
  })

  it("refuses a UUID with two rows", () => {
    expect(checkLedgerRows([mapped(uuid(1), "502/a.pdf", "502"), mapped(uuid(1), "502/b.pdf", "502")])).toMatchObject({
      reason: "DuplicateUuid",
      path: "ledger[1].uuid"
    })
  })

  it("refuses a key with two rows", () => {
    const rows: ReadonlyArray<Mapping> = [mapped(uuid(1), "502/a.pdf", "502"), mapped(uuid(2), "502/a.pdf", "502")]
    expect(checkLedgerRows(rows)).toMatchObject({ reason: "DuplicateKey", path: "ledger[1].key", message: "Key \"502/a.pdf\" already has a ledger row: ledger[0]" })
  })
})

describe("runPipeline with bad input", () => {
  it("fails with the first broken rule and never reads the stream", async () => {
    let pulled = 0
    const objects = Stream.fromIterable([object("502/a.pdf")]).pipe(Stream.tap(() => Effect.sync(() => pulled++)))
    const error = await Effect.runPromise(
      Effect.flip(runPipeline({ clients: [untracked("502"), untracked("502")], objects }).pipe(Effect.provide(UuidGenerator.layerTest(1))))
    )
    expect(error).toMatchObject({ _tag: "PipelineInputError", reason: "DuplicateRowId" })
    expect(pulled).toBe(0)
  })

  it("checks the ledger as given, before sorting it", async () => {
    const ledger = [mapped(uuid(2), "502/b.pdf", "502"), mapped(uuid(1), "502/a.pdf", "502"), mapped(uuid(2), "502/c.pdf", "502")]
    const error = await Effect.runPromise(
      Effect.flip(runPipeline({ clients: [client("502", [uuid(1), uuid(2)])], ledger, objects: Stream.empty }).pipe(Effect.provide(UuidGenerator.layerTest(1))))
    )
    expect(error).toMatchObject({ reason: "DuplicateUuid", path: "ledger[2].uuid" })
  })
})
