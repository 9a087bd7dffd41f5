/**
 * The byte cutter (inventory data files, the ledger) reads every CSV the way csv-parse (as the reader used it before:
 * `relax_column_count`, `skip_empty_lines`) reads it, however the bytes are split into chunks:
 * quoted and unquoted fields, escaped quotes, quoted line breaks and commas, unicode, `\r\n`,
 * empty lines and a last row with or without a line break. Each record's line is the line
 * its first byte is on.
 */
import { parse } from "csv-parse/sync"
import { describe, expect, it } from "vitest"
import { type CsvRecords, makeCsvCutter } from "../../src/io/csv/CsvByteCutter.ts"
import { fc } from "../arbitraries/fc.ts"

const fieldArbitrary = fc.string({
  unit: fc.constantFrom("a", "Z", "1", " ", "\"", ",", "\n", "\r\n", "é", "日", "😀", "-", "%"),
  maxLength: 12
})

// A field as text: quoted when it must be (or when `quoteAll`), with quotes doubled.
const written = (field: string, quoteAll: boolean): string =>
  quoteAll || /[",\r\n]/.test(field) || field === "" ? `"${field.replaceAll("\"", "\"\"")}"` : field

const fileArbitrary = fc.record({
  records: fc.array(fc.array(fieldArbitrary, { minLength: 1, maxLength: 5 }), { maxLength: 12 }),
  quoteAll: fc.boolean(),
  lineBreak: fc.constantFrom("\n", "\r\n"),
  finalBreak: fc.boolean(),
  emptyLinesAfter: fc.array(fc.nat({ max: 11 }), { maxLength: 3 }),
  cuts: fc.array(fc.nat({ max: 400 }), { maxLength: 8 })
})

const cutAll = (bytes: Uint8Array, cuts: ReadonlyArray<number>): CsvRecords => {
  const cutter = makeCsvCutter()
  const records: Array<Array<string>> = []
  const lines: Array<number> = []
  const take = (part: CsvRecords) => {
    records.push(...part.records)
    lines.push(...part.lines)
  }
  let from = 0
  for (const at of [...new Set(cuts.map((cut) => Math.min(cut, bytes.length)))].sort((a, b) => a - b)) {
    take(cutter.push(bytes.subarray(from, at)))
    from = at
  }
  take(cutter.push(bytes.subarray(from)))
  take(cutter.end())
  return { records, lines }
}

describe("inventory CSV cutter", () => {
  it("gives csv-parse's records and each record's first line, however the bytes are chunked", () => {
    fc.assert(
      fc.property(fileArbitrary, ({ records, quoteAll, lineBreak, finalBreak, emptyLinesAfter, cuts }) => {
        const rows = records.map((record) => record.map((field) => written(field, quoteAll)).join(","))
        const lines: Array<string> = []
        rows.forEach((row, i) => {
          lines.push(row)
          for (const after of emptyLinesAfter) if (after === i) lines.push("")
        })
        const text = lines.join(lineBreak) + (finalBreak && lines.length > 0 ? lineBreak : "")
        const expected: Array<Array<string>> = parse(text, { relax_column_count: true, skip_empty_lines: true })
        const got = cutAll(new TextEncoder().encode(text), cuts)
        expect(got.records).toEqual(expected)
        // The line of each record: one more than the line breaks before its first byte.
        const starts: Array<number> = []
        let line = 1
        for (const piece of lines) {
          if (piece !== "") starts.push(line)
          line += piece.split("\n").length
        }
        expect(got.lines).toEqual(starts)
      }),
      { numRuns: 400 }
    )
  })
})

describe("a record that never ends", () => {
  it("is refused, at the line it starts on, once the bytes held for it pass the limit", () => {
    const cutter = makeCsvCutter({ maxRecordBytes: 100 })
    const encode = (text: string) => new TextEncoder().encode(text)
    expect(cutter.push(encode("a,b\n\"open,")).records).toEqual([["a", "b"]])
    // Still within the limit: held, as any record split across chunks is.
    expect(cutter.push(encode("x".repeat(80))).records).toEqual([])
    let thrown: unknown
    try {
      cutter.push(encode("\n" + "y".repeat(30)))
    } catch (error) {
      thrown = error
    }
    expect(thrown).toMatchObject({ line: 2, column: 1, message: "a record longer than 100 bytes: a quote is probably never closed" })
  })

  it("a record of exactly the limit is read", () => {
    const cutter = makeCsvCutter({ maxRecordBytes: 10 })
    const encode = (text: string) => new TextEncoder().encode(text)
    expect(cutter.push(encode("\"12345678\"")).records).toEqual([])
    expect(cutter.end().records).toEqual([["12345678"]])
  })
})
