import { describe, expect, it } from "vitest"
import { encodeCsvText } from "../../../../src/io/csv/CsvEncoding.ts"
import { makeByteSink } from "../../../../src/io/csv/internal/byteSink.ts"

// Writes `pieces` through a sink and also returns what `encodeCsvText` makes of their text.
const both = (pieces: ReadonlyArray<string>, dialect: Parameters<typeof makeByteSink>[0], expected?: number) => {
  const sink = makeByteSink(dialect, expected)
  for (const piece of pieces) sink.copy(`<${piece}>`, 1, piece.length + 1)
  return { sink: sink.bytes(), whole: encodeCsvText(pieces.join(""), dialect) }
}

describe("makeByteSink", () => {
  it("writes what encodeCsvText writes, across many batches and chunks", () => {
    // About 14 MB: more than one 8 MiB chunk, and dozens of batches.
    const pieces = Array.from({ length: 400_000 }, (_, index) => `${index},Zoë 😀 日本,"a ""b"""\r\n`)
    const { sink, whole } = both(pieces, { bom: true, encoding: "utf-8" })
    expect(sink.length).toBeGreaterThan(8 * 1024 * 1024)
    expect(sink).toEqual(whole)
  })

  it("keeps a surrogate pair whole when the two halves come in separate pieces at a batch's end", () => {
    const pieces = ["x".repeat(300_000) + "\uD83D", "\uDE00 after", "\uDC00 lone", "lone \uD800"]
    const { sink, whole } = both(pieces, { bom: false, encoding: "utf-8" })
    expect(sink).toEqual(whole)
    expect(new TextDecoder().decode(sink)).toContain("😀 after")
  })

  it("returns the first chunk's bytes when they fit, with the byte-order mark", () => {
    const { sink, whole } = both(["row_id\n", "502\n"], { bom: true, encoding: "utf-8" }, 64)
    expect(sink).toEqual(whole)
    expect([...sink.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  })

  it("writes Windows-1252, and refuses a character it cannot store as encodeCsvText does", () => {
    const dialect = { bom: true, encoding: "windows-1252" } as const
    const { sink, whole } = both(["Café €", "\u0081 ok\r\n"], dialect)
    expect(sink).toEqual(whole)
    expect(() => both(["日"], dialect)).toThrow(new RangeError('Character "日" cannot be written in Windows-1252'))
  })
})
