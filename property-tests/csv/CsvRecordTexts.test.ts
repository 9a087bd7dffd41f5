/**
 * The reader finds each record's exact text without asking csv-parse for offsets (from the
 * fields' lengths, or field by field through the quotes). The oracle here is csv-parse itself
 * with its `info` option, which reports where each record ends in the input's bytes: on files
 * with quotes (needed and needless), escaped quotes, embedded CR and LF, CRLF, unicode and
 * every delimiter, plus near-valid files mutated by a character, whenever the reader accepts a
 * file, every record's text and fields are csv-parse's, and the trailer is what it read after
 * the last record. The two reading paths (the whole document, the stream) agree, on what they
 * accept and on how they refuse.
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { parse } from "csv-parse/sync"
import { describe, expect, it } from "vitest"
import { CsvError } from "../../src/domain/CsvError.ts"
import type { CsvDelimiter } from "../../src/io/csv/CsvDialect.ts"
import { decodeCsvSource, readCsvDocument, streamCsvRecords } from "../../src/io/csv/CsvReader.ts"
import { parserOptions } from "../../src/io/csv/internal/csvParsing.ts"
import { fc } from "../arbitraries/fc.ts"
import { makeReach } from "../arbitraries/Reach.ts"

const units = ["a", "b", " ", '"', '"', ",", ";", "\t", "\n", "\r", "\r\n", "é", "日", "😀"]
const value = fc.string({ unit: fc.constantFrom(...units), maxLength: 6 })

// A file as tools write it: each field quoted when it must be, or at random when it need not.
const fileArbitrary = fc.record({
  delimiter: fc.constantFrom<CsvDelimiter>(",", ";", "\t"),
  ending: fc.constantFrom("\n", "\r\n"),
  width: fc.integer({ min: 1, max: 4 }),
  finalNewline: fc.boolean(),
  trailer: fc.constantFrom("", "", "\n", "\r\n\n"),
  rows: fc.array(fc.array(fc.tuple(value, fc.boolean()), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
  // A character put somewhere, to make near-valid files too.
  mutation: fc.oneof(
    fc.constant(undefined),
    fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('"', "\r", "\n", ",", "x"))
  )
}).map(({ delimiter, ending, finalNewline, mutation, rows, trailer, width }) => {
  const field = ([text, quote]: readonly [string, boolean]) =>
    quote || /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replaceAll('"', '""')}"` : text
  const lines = rows.map((cells) => cells.slice(0, width).map(field).join(delimiter))
  let text = lines.join(ending) + (finalNewline ? ending + trailer : "")
  if (mutation !== undefined) {
    const at = Math.floor(mutation[0] * text.length)
    text = text.slice(0, at) + mutation[1] + text.slice(at)
  }
  return { delimiter, text }
})

interface OracleRecord {
  readonly record: Array<string>
  readonly info: { readonly bytes: number }
}

/** csv-parse's own cut of the file: each record's text by the byte offsets it reports. */
const oracle = (bytes: Uint8Array, delimiter: CsvDelimiter) => {
  const records = parse(bytes, { ...parserOptions(delimiter), info: true }) as unknown as Array<OracleRecord>
  const decoder = new TextDecoder()
  let start = 0
  return records.map(({ info, record }) => {
    const raw = decoder.decode(bytes.subarray(start, info.bytes))
    start = info.bytes
    return { fields: record, raw }
  })
}

describe("record texts", () => {
  it("are csv-parse's, by its own byte offsets, whenever the reader accepts a file", async () => {
    const quoted = makeReach("accepted files with a quoted field")
    const accepted = makeReach("accepted files")
    await fc.assert(
      fc.asyncProperty(fileArbitrary, accepted.counted(quoted.counted(async ({ delimiter, text }) => {
        const bytes = new TextEncoder().encode(text)
        const read = await Effect.runPromiseExit(readCsvDocument("a.csv", bytes, { delimiter }))
        const source = await Effect.runPromise(decodeCsvSource("a.csv", bytes, { delimiter }))
        const streamed = await Effect.runPromiseExit(Stream.runCollect(streamCsvRecords(source)))
        if (read._tag === "Failure") {
          // Both reading paths refuse a file the same way.
          const refusal = (exit: typeof read | typeof streamed) => {
            const error = exit._tag === "Failure" ? Cause.squash(exit.cause) : undefined
            return error instanceof CsvError ? { ...error, message: error.message } : error
          }
          expect(refusal(read)).toBeInstanceOf(Object)
          expect(refusal(streamed)).toEqual(refusal(read))
          return
        }
        accepted.reached()
        const document = read.value
        const expected = oracle(bytes, delimiter)
        const records = [document.header, ...document.rows]
        expect(records.map(({ fields, raw }) => ({ fields, raw }))).toEqual(expected.slice(0, records.length))
        // What follows the last record is blank lines, kept as the trailer.
        expect(document.trailer).toBe(expected.slice(records.length).map((record) => record.raw).join(""))
        expect(expected.slice(records.length).every((record) => /^\r?\n$/.test(record.raw))).toBe(true)
        expect(streamed._tag === "Success" && streamed.value).toEqual(records)
        if (records.some((record) => record.raw.includes('"'))) quoted.reached()
      }))),
      { numRuns: 400 }
    )
    accepted.expectReached(0.4)
    quoted.expectReached(0.3)
  })
})
