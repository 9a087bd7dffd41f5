import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { FileUuid } from "../../../src/domain/FileUuid.ts"
import type { Mapping } from "../../../src/domain/Mapping.ts"
import { readLedgerContent } from "../../../src/io/csv/LedgerContent.ts"
import { ledgerColumns, renderLedger } from "../../../src/io/csv/LedgerFile.ts"

const utf8 = (text: string) => new TextEncoder().encode(text)
const u1 = "11111111-1111-4111-8111-111111111111" as FileUuid
const u2 = "22222222-2222-4222-8222-222222222222" as FileUuid
const row = (uuid: FileUuid): Mapping => ({
  uuid,
  key: null,
  rowId: null,
  status: "unmapped",
  evidence: [],
  confidence: 0,
  why: "",
  size: null,
  etag: null,
  lastModified: null,
  metadata: null
})
const digest = "a".repeat(64)

describe("readLedgerContent", () => {
  it.effect("reads back the rows and the clients CSV's sha256 that renderLedger wrote", () =>
    Effect.gen(function*() {
      const content = yield* readLedgerContent("l.csv", utf8(renderLedger([row(u1), row(u2)], digest)))
      assert.deepStrictEqual(content, { mappings: [row(u1), row(u2)], clientsSha256: digest })
    }))

  it.effect("reads a ledger of an older version, without the column, as recording no sha256", () =>
    Effect.gen(function*() {
      const content = yield* readLedgerContent("l.csv", utf8(`${ledgerColumns.join(",")}\n${u1},,,unmapped,[],0,,,,,\n`))
      assert.deepStrictEqual(content, { mappings: [row(u1)], clientsSha256: undefined })
    }))

  it.effect("refuses a cell that is not a sha256, naming its line and column", () =>
    Effect.gen(function*() {
      const text = renderLedger([row(u1)], digest).replace(digest, "not-a-digest")
      const error = yield* Effect.flip(readLedgerContent("l.csv", utf8(text)))
      assert.deepStrictEqual([error.reason, error.line, error.column], ["InvalidCell", 2, 59])
      assert.include(error.message, `"not-a-digest" is not a sha256`)
    }))

  it.effect("refuses two different sha256 values", () =>
    Effect.gen(function*() {
      const lines = renderLedger([row(u1), row(u2)], digest).split("\n")
      const text = [lines[0], lines[1], `${lines[2]}${"b".repeat(64)}`, ""].join("\n")
      const error = yield* Effect.flip(readLedgerContent("l.csv", utf8(text)))
      assert.strictEqual(error.line, 3)
      assert.include(error.message, "line 2 has")
    }))
})

describe("the clients_sha256 column", () => {
  it.effect("appearing twice is refused as a repeated column", () =>
    Effect.gen(function*() {
      const text = `${ledgerColumns.join(",")},clients_sha256,clients_sha256\n`
      const error = yield* Effect.flip(readLedgerContent("l.csv", utf8(text)))
      assert.include(error.message, `Ledger column "clients_sha256" appears twice`)
    }))
})
