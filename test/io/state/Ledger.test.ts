/**
 * The in-memory ledger, `Ledger.layerMemory`: no ledger before the first run, what it reads,
 * that its errors name the file, line and column, and that a replace is what it reads next.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { formatCsvError } from "../../../src/domain/CsvError.ts"
import { unsafeObjectKey } from "../../../src/domain/ObjectKey.ts"
import { encodeLedger, renderLedger } from "../../../src/io/csv/LedgerFile.ts"
import { Ledger } from "../../../src/io/state/Ledger.ts"
import { runPipelinePromise } from "../../../src/program/RunPipelinePromise.ts"

const header = "uuid,key,row_id,status,evidence,confidence,size,etag,last_modified\n"
const digest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

const mappedLedger = async () => {
  const { state } = await runPipelinePromise({
    clients: [{ rowId: "502", tracked: false, uuids: [] }],
    objects: [{ key: "502/a.pdf", size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]
  })
  return state.ledger
}

describe("Ledger.layerMemory", () => {
  it.effect("holds no ledger when given none", () =>
    Effect.gen(function*() {
      const ledger = yield* Ledger
      assert.strictEqual(yield* ledger.readBytes, undefined)
      assert.strictEqual(yield* ledger.read, undefined)
      assert.strictEqual(ledger.file, "clients.ledger.csv")
    }).pipe(Effect.provide(Ledger.layerMemory())))

  it.effect("reads the rows, the clients_sha256 and the bytes", () =>
    Effect.gen(function*() {
      const rows = yield* Effect.promise(mappedLedger)
      const snapshot = yield* Effect.flatMap(Effect.service(Ledger), (ledger) => ledger.read).pipe(
        Effect.provide(Ledger.layerMemory(renderLedger(rows, digest)))
      )
      assert.deepStrictEqual(snapshot?.mappings, rows)
      assert.strictEqual(snapshot?.clientsSha256, digest)
      assert.deepStrictEqual(snapshot?.bytes, encodeLedger(rows, digest))
      assert.strictEqual(snapshot?.mappings[0]?.key, unsafeObjectKey("502/a.pdf"))
    }))

  it.effect("refuses a bad cell naming the given file, line and column", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.flatMap(Effect.service(Ledger), (ledger) => ledger.read))
      assert.strictEqual(formatCsvError(error).slice(0, "old.csv:2:1: ".length), "old.csv:2:1: ")
    }).pipe(Effect.provide(Ledger.layerMemory(`${header}not-a-uuid,502/a.pdf,502,mapped,[],1,10,"""e""",2024-05-01T12:00:00.000Z\n`, { file: "old.csv" }))))

  it.effect("after a replace, reads the new bytes", () =>
    Effect.gen(function*() {
      const ledger = yield* Ledger
      const rows = yield* Effect.promise(mappedLedger)
      if (ledger.backing._tag !== "Memory") return assert.fail("expected a memory backing")
      yield* ledger.backing.replace(encodeLedger(rows))
      assert.deepStrictEqual((yield* ledger.read)?.mappings, rows)
    }).pipe(Effect.provide(Ledger.layerMemory(header))))
})
