import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { decodeCsvBytes, encodeCsvText, findUnencodable } from "../../../src/io/csv/CsvEncoding.ts"

const utf8 = (text: string) => new TextEncoder().encode(text)
const located = ({ column, file, line, reason }: { reason: string; file: string; line: number; column: number }) => ({
  reason,
  file,
  line,
  column
})

describe("decodeCsvBytes", () => {
  it.effect("strips a UTF-8 byte-order mark and reports it", () =>
    Effect.gen(function*() {
      const decoded = yield* decodeCsvBytes("a.csv", Uint8Array.of(0xef, 0xbb, 0xbf, 0x61, 0x0a))
      assert.deepStrictEqual(decoded, { text: "a\n", bom: true })
    }))

  it.effect("keeps a second byte-order mark as data", () =>
    Effect.gen(function*() {
      const decoded = yield* decodeCsvBytes("a.csv", utf8("\uFEFF\uFEFFa"))
      assert.deepStrictEqual(decoded, { text: "\uFEFFa", bom: true })
    }))

  it.effect("refuses invalid UTF-8 at its line and column, suggesting windows-1252", () =>
    Effect.gen(function*() {
      // "row_id\nCafé😀" with the é as a Windows-1252 byte: column counts characters.
      const bytes = Uint8Array.of(...utf8("row_id\n😀Caf"), 0xe9, 0x0a)
      const error = yield* Effect.flip(decodeCsvBytes("clients.csv", bytes))
      assert.deepStrictEqual(located(error), { reason: "Encoding", file: "clients.csv", line: 2, column: 5 })
      assert.include(error.message, '"0xE9"')
      assert.include(error.message, "--encoding windows-1252")
    }))

  it.effect("refuses truncated, overlong and surrogate sequences", () =>
    Effect.gen(function*() {
      for (const bad of [[0xc3], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]]) {
        const error = yield* Effect.flip(decodeCsvBytes("a.csv", Uint8Array.of(0x61, 0x62, ...bad)))
        assert.deepStrictEqual(located(error), { reason: "Encoding", file: "a.csv", line: 1, column: 3 })
      }
    }))

  it.effect("decodes Windows-1252 without ever failing", () =>
    Effect.gen(function*() {
      const decoded = yield* decodeCsvBytes("a.csv", Uint8Array.of(0x43, 0x61, 0x66, 0xe9, 0x80, 0x81), "windows-1252")
      assert.deepStrictEqual(decoded, { text: "Café€\u0081", bom: false })
    }))
})

describe("encodeCsvText", () => {
  it.effect("round-trips all 256 Windows-1252 bytes", () =>
    Effect.gen(function*() {
      const bytes = Uint8Array.from({ length: 256 }, (_, byte) => byte)
      const { text } = yield* decodeCsvBytes("a.csv", bytes, "windows-1252")
      assert.deepStrictEqual(encodeCsvText(text, { bom: false, encoding: "windows-1252" }), bytes)
    }))

  it("re-adds the UTF-8 byte-order mark", () => {
    assert.deepStrictEqual(
      encodeCsvText("é", { bom: true, encoding: "utf-8" }),
      Uint8Array.of(0xef, 0xbb, 0xbf, 0xc3, 0xa9)
    )
    assert.deepStrictEqual(encodeCsvText("é", { bom: false, encoding: "utf-8" }), Uint8Array.of(0xc3, 0xa9))
  })

  it("throws a RangeError for a character Windows-1252 cannot store", () => {
    assert.throws(() => encodeCsvText("a文", { bom: false, encoding: "windows-1252" }), RangeError)
  })
})

describe("findUnencodable", () => {
  it("finds the first character an encoding cannot store", () => {
    assert.strictEqual(findUnencodable("file_uuids", "windows-1252"), -1)
    assert.strictEqual(findUnencodable("Café€", "windows-1252"), -1)
    assert.strictEqual(findUnencodable("ab文件", "windows-1252"), 2)
    assert.strictEqual(findUnencodable("文件😀", "utf-8"), -1)
    assert.strictEqual(findUnencodable("a\uD800b", "utf-8"), 1)
  })
})
