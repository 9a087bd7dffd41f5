import { renderCsvDocument } from "../../../src/io/csv/CsvWriter.ts"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { CsvError } from "../../../src/domain/CsvError.ts"
import { decodeCsvSource, readCsvDocument, streamCsvRecords } from "../../../src/io/csv/CsvReader.ts"

const utf8 = (text: string) => new TextEncoder().encode(text)
const read = (text: string) => readCsvDocument("clients.csv", utf8(text))
const failure = (text: string) => Effect.map(Effect.flip(read(text)), located)
const located = ({ column, file, line, reason }: CsvError) => ({ reason, file, line, column })

describe("readCsvDocument", () => {
  it.effect("keeps each record's exact text, CRLF included, and detects the dialect", () =>
    Effect.gen(function*() {
      const document = yield* readCsvDocument(
        "clients.csv",
        utf8('\uFEFFname;row_id\r\n"Torode; Sam";502\r\nAnn;503\r\n')
      )
      assert.deepStrictEqual(document.dialect, { delimiter: ";", bom: true, lineEnding: "\r\n", encoding: "utf-8" })
      assert.deepStrictEqual(document.header, { fields: ["name", "row_id"], raw: "name;row_id\r\n", line: 1 })
      assert.deepStrictEqual(document.rows, [
        { fields: ["Torode; Sam", "502"], raw: '"Torode; Sam";502\r\n', line: 2 },
        { fields: ["Ann", "503"], raw: "Ann;503\r\n", line: 3 }
      ])
      assert.strictEqual(document.trailer, "")
    }))

  it.effect("numbers lines across quoted line breaks", () =>
    Effect.gen(function*() {
      const document = yield* read('id,note\n1,"two\nlines"\n2,"three\r\nmore\nlines"\n3,x\n')
      assert.deepStrictEqual(document.rows.map((row) => row.line), [2, 4, 7])
      assert.deepStrictEqual(document.rows[1]?.fields, ["2", "three\r\nmore\nlines"])
    }))

  it.effect("keeps unicode text exact, whatever the byte offsets", () =>
    Effect.gen(function*() {
      const text = 'id,name\n1,Zoë 😀\n2,"日本, 東京"\n'
      const document = yield* read(text)
      assert.deepStrictEqual(document.rows.map((row) => row.raw), ["1,Zoë 😀\n", '2,"日本, 東京"\n'])
      assert.deepStrictEqual(document.rows[1]?.fields, ["2", "日本, 東京"])
    }))

  it.effect("refuses a byte-order mark after the start of the file, where two files were joined", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* failure("id,name\n1,a\n\uFEFFid,name\n"), { reason: "NotText", file: "clients.csv", line: 3, column: 1 })
      assert.deepStrictEqual(yield* failure("id,name\n1,\"a\uFEFF\"\n"), { reason: "NotText", file: "clients.csv", line: 2, column: 5 })
    }))

  it.effect("cuts exact record texts from a large non-ASCII file, across parser chunks", () =>
    Effect.gen(function*() {
      const rows = Array.from({ length: 20_000 }, (_, index) => `${index},"é😀\r\n${"日".repeat(index % 7)}"\r\n`)
      const document = yield* read(`id,name\r\n${rows.join("")}`)
      assert.deepStrictEqual(document.rows.map((row) => row.raw), rows)
      assert.deepStrictEqual(document.rows.at(-1)?.line, 40_000)
    }))

  it.effect("keeps a last line without terminator as is", () =>
    Effect.gen(function*() {
      const document = yield* read("id,name\r\n1,a\r\n2,b")
      assert.deepStrictEqual(document.rows.at(-1), { fields: ["2", "b"], raw: "2,b", line: 3 })
    }))

  it.effect("keeps blank lines at the end of the file as the trailer", () =>
    Effect.gen(function*() {
      const document = yield* read("id,name\n1,a\n\n\r\n")
      assert.strictEqual(document.rows.length, 1)
      assert.strictEqual(document.trailer, "\n\r\n")
    }))

  it.effect("reads a blank line inside a one-column file as an empty value", () =>
    Effect.gen(function*() {
      const document = yield* read("id\n1\n\n2\n")
      assert.deepStrictEqual(document.rows.map((row) => row.fields), [["1"], [""], ["2"]])
    }))

  it.effect("refuses a line whose ending differs from the header's, at the line ending", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* failure("a,b\r\n1,2\n3,4\r\n"), { reason: "LineEnding", file: "clients.csv", line: 2, column: 4 })
      assert.deepStrictEqual(yield* failure("a,b\n1,2\n3,44\r\n"), { reason: "LineEnding", file: "clients.csv", line: 3, column: 5 })
    }))

  it.effect("keeps line breaks inside quotes whatever the line endings", () =>
    Effect.gen(function*() {
      const document = yield* read("a,b\r\n1,\"x\ny\rz\"\r\n")
      assert.deepStrictEqual(document.rows[0]?.fields, ["1", "x\ny\rz"])
    }))

  it.effect("refuses a lone carriage return outside quotes, and a file with CR-only line endings", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* failure("a,b\n1,x\ry\n"), { reason: "LineEnding", file: "clients.csv", line: 2, column: 4 })
      assert.deepStrictEqual(yield* failure("a,b\r1,2\r3,4\r"), { reason: "LineEnding", file: "clients.csv", line: 1, column: 4 })
      assert.deepStrictEqual(yield* failure('"a","b"\r"1","2"\r'), { reason: "LineEnding", file: "clients.csv", line: 1, column: 8 })
    }))

  it.effect("uses the delimiter it is given instead of detecting one", () =>
    Effect.gen(function*() {
      const document = yield* readCsvDocument("a.csv", utf8("a;b,c\n1;2,3\n"), { delimiter: ";" })
      assert.deepStrictEqual(document.rows[0]?.fields, ["1", "2,3"])
    }))

  it.effect("reads tab-separated files", () =>
    Effect.gen(function*() {
      const document = yield* read('id\tname\n1\t"a\tb"\n')
      assert.strictEqual(document.dialect.delimiter, "\t")
      assert.deepStrictEqual(document.rows[0]?.fields, ["1", "a\tb"])
    }))

  it.effect("reads Windows-1252 files", () =>
    Effect.gen(function*() {
      const bytes = Uint8Array.of(...utf8("id,name\r\n1,Caf"), 0xe9, 0x80, 0x81, 0x0d, 0x0a)
      const document = yield* readCsvDocument("a.csv", bytes, { encoding: "windows-1252" })
      assert.strictEqual(document.dialect.encoding, "windows-1252")
      assert.deepStrictEqual(document.rows[0], { fields: ["1", "Café€\u0081"], raw: "1,Café€\u0081\r\n", line: 2 })
    }))

  it.effect("reads 100 000 rows, the last one whole and on its line", () =>
    Effect.gen(function*() {
      const lines = ["row_id,name,email,file_uuids,file_count"]
      for (let index = 0; index < 100_000; index++) lines.push(`${index},"Name ${index}, Jr",n${index}@example.com,,`)
      const bytes = utf8(lines.join("\r\n") + "\r\n")
      const document = yield* readCsvDocument("big.csv", bytes)
      assert.strictEqual(document.rows.length, 100_000)
      assert.deepStrictEqual(document.rows[99_999], {
        fields: ["99999", "Name 99999, Jr", "n99999@example.com", "", ""],
        raw: '99999,"Name 99999, Jr",n99999@example.com,,\r\n',
        line: 100_001
      })
    }))
})

describe("readCsvDocument failures", () => {
  const bytesFailure = (bytes: Uint8Array, options = {}) =>
    Effect.map(Effect.flip(readCsvDocument("clients.csv", bytes, options)), (error) => ({ ...located(error), message: error.message }))

  it.effect("says what a binary file looks like instead of naming a byte", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [ReadonlyArray<number>, string]> = [
        [[0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], "Excel or LibreOffice workbook"],
        [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1], "old Excel workbook"],
        [[0x25, 0x50, 0x44, 0x46, 0x2d, 0x31], "PDF document"],
        [[0x1f, 0x8b, 0x08, 0x00], "gzip archive"],
        [[0xff, 0xfe, 0x72, 0x00, 0x6f, 0x00], "UTF-16 text"],
        [[0xfe, 0xff, 0x00, 0x72, 0x00, 0x6f], "UTF-16 text"]
      ]
      for (const [bytes, looksLike] of cases) {
        for (const encoding of ["utf-8", "windows-1252"] as const) {
          const error = yield* bytesFailure(Uint8Array.from(bytes), { encoding })
          assert.deepStrictEqual([error.reason, error.line, error.column], ["NotText", 1, 1])
          assert.include(error.message, looksLike)
        }
      }
    }))

  it.effect("refuses a NUL byte where it is, in either encoding", () =>
    Effect.gen(function*() {
      for (const encoding of ["utf-8", "windows-1252"] as const) {
        const error = yield* bytesFailure(utf8("id,name\n1,ab\u0000c\n"), { encoding })
        assert.deepStrictEqual([error.reason, error.line, error.column], ["NotText", 2, 5])
        assert.include(error.message, "NUL byte")
      }
    }))

  it.effect("refuses a row larger than the limit, and names an unclosed quote as the cause when it is one", () =>
    Effect.gen(function*() {
      const big = "x".repeat(9 * 1024 * 1024)
      const tooLarge = yield* bytesFailure(utf8(`id,note\n1,a\n2,"${big}"\n3,b\n`))
      assert.deepStrictEqual([tooLarge.reason, tooLarge.line, tooLarge.column], ["RecordTooLarge", 3, 1])
      assert.include(tooLarge.message, "larger than 8 MiB")
      const unclosed = yield* bytesFailure(utf8(`id,note\n1,a\n2,"${big}\n3,b\n`))
      assert.deepStrictEqual([unclosed.reason, unclosed.line, unclosed.column], ["UnbalancedQuote", 3, 3])
    }))

  it.effect("points an unclosed quote at its opening quote", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* failure('name,row_id\n"Sam,502\nAnn,503\n'), {
        reason: "UnbalancedQuote",
        file: "clients.csv",
        line: 2,
        column: 1
      })
    }))

  it.effect("points an unclosed quote after many chunks at its opening quote", () =>
    Effect.gen(function*() {
      const rows = Array.from({ length: 20_000 }, (_, index) => `${index},"a\nb"`).join("\n")
      // `x"y` is text; the first problem is the quote that never closes, a line later.
      assert.deepStrictEqual(yield* failure(`id,note\n${rows}\n7,x"y\n8,"open\n9,z\n`), {
        reason: "UnbalancedQuote",
        file: "clients.csv",
        line: 40_003,
        column: 3
      })
      assert.deepStrictEqual(yield* failure(`id,note\n${rows}\n8,"open\n9,z\n`), {
        reason: "UnbalancedQuote",
        file: "clients.csv",
        line: 40_002,
        column: 3
      })
    }))

  it.effect("refuses text after a closing quote", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(read('id,name\n1,"Sam"x\n'))
      assert.deepStrictEqual(located(error), { reason: "Unparseable", file: "clients.csv", line: 2, column: 8 })
      assert.include(error.message, '"x"')
    }))

  it.effect("keeps a quote inside an unquoted field as text, as spreadsheets do", () =>
    Effect.gen(function*() {
      const document = yield* read('id,name,formula\n1,5" disk,=HYPERLINK("x")\n')
      assert.deepStrictEqual(document.rows[0]!.fields, ["1", '5" disk', '=HYPERLINK("x")'])
      assert.strictEqual(renderCsvDocument(document), 'id,name,formula\n1,5" disk,=HYPERLINK("x")\n')
    }))

  it.effect("points a long row at its first extra field", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(read('name,row_id\nSam,502\n"A\nnn",503,extra,more\n'))
      assert.deepStrictEqual(located(error), { reason: "FieldCount", file: "clients.csv", line: 4, column: 9 })
      assert.strictEqual(error.message, 'Row has 4 fields but the header has 2; the first extra field is "extra"')
    }))

  it.effect("points a short row at its end", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(read("name,row_id,email\r\nSam,502,s@x\r\nAnné,503\r\n"))
      assert.deepStrictEqual(located(error), { reason: "FieldCount", file: "clients.csv", line: 3, column: 9 })
      assert.strictEqual(error.message, "Row has 2 fields but the header has 3")
    }))

  it.effect("refuses a blank line inside the file", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* failure("name,row_id\nSam,502\n\nAnn,503\n"), {
        reason: "FieldCount",
        file: "clients.csv",
        line: 3,
        column: 1
      })
    }))

  it.effect("refuses an empty file and a blank header", () =>
    Effect.gen(function*() {
      const empty = yield* Effect.flip(read(""))
      assert.deepStrictEqual(located(empty), { reason: "Unparseable", file: "clients.csv", line: 1, column: 1 })
      assert.strictEqual(empty.message, "File is empty; expected a header line")
      assert.deepStrictEqual(yield* failure("\uFEFF"), {
        reason: "Unparseable",
        file: "clients.csv",
        line: 1,
        column: 1
      })
      assert.deepStrictEqual(yield* failure("\n\n"), { reason: "Unparseable", file: "clients.csv", line: 1, column: 1 })
    }))

  it.effect("refuses invalid UTF-8 with its position", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(readCsvDocument("clients.csv", Uint8Array.of(...utf8("a,b\n1,"), 0xe9, 0x0a)))
      assert.deepStrictEqual(located(error), { reason: "Encoding", file: "clients.csv", line: 2, column: 3 })
    }))
})

describe("streamCsvRecords", () => {
  it.effect("streams the header first, then the rows, in batches that keep order", () =>
    Effect.gen(function*() {
      const text = ["n", ...Array.from({ length: 2500 }, (_, index) => String(index))].join("\n") + "\n"
      const source = yield* decodeCsvSource("a.csv", utf8(text))
      const lines = yield* Stream.runCollect(Stream.map(streamCsvRecords(source), (record) => record.line))
      assert.deepStrictEqual(lines, Array.from({ length: 2501 }, (_, index) => index + 1))
    }))

  it.effect("can be consumed partly", () =>
    Effect.gen(function*() {
      const text = ["n", ...Array.from({ length: 5000 }, (_, index) => String(index))].join("\n")
      const source = yield* decodeCsvSource("a.csv", utf8(text))
      const first = yield* Stream.runCollect(Stream.take(streamCsvRecords(source), 3))
      assert.deepStrictEqual(first.map((record) => record.raw), ["n\n", "0\n", "1\n"])
    }))

  it.effect("fails the stream at the first bad row", () =>
    Effect.gen(function*() {
      const source = yield* decodeCsvSource("a.csv", utf8("a,b\n1,2\n3\n"))
      const error = yield* Effect.flip(Stream.runCollect(streamCsvRecords(source)))
      assert.deepStrictEqual(located(error), { reason: "FieldCount", file: "a.csv", line: 3, column: 2 })
    }))
})
