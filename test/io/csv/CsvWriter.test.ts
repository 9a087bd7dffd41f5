import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { encodeCsvText } from "../../../src/io/csv/CsvEncoding.ts"
import { type CsvReadOptions, readCsvDocument } from "../../../src/io/csv/CsvReader.ts"
import { type CsvEdits, quoteCsvField, renderCsvDocument } from "../../../src/io/csv/CsvWriter.ts"

const utf8 = (text: string) => new TextEncoder().encode(text)
const edits = (
  cells: ReadonlyArray<readonly [number, number, string]>,
  appendColumns: ReadonlyArray<string> = []
): CsvEdits => {
  const byRow = new Map<number, Map<number, string>>()
  for (const [row, column, value] of cells) byRow.set(row, (byRow.get(row) ?? new Map()).set(column, value))
  return { appendColumns, cells: byRow }
}
const renderText = (text: string, csvEdits: CsvEdits) =>
  Effect.map(readCsvDocument("a.csv", utf8(text)), (document) => renderCsvDocument(document, csvEdits))

// Files as CRMs and spreadsheets write them.
const quirkyFiles: ReadonlyArray<readonly [string, Uint8Array, CsvReadOptions]> = [
  [
    "BOM, CRLF, semicolons, id not first, quoted delimiter and line break",
    utf8('\uFEFFname;row_id;note\r\n"Torode; Sam";502;"multi\r\nline"\r\nAnn;503;=SUM(A1)\r\n'),
    {}
  ],
  ["tabs and no final newline", utf8('row_id\tname\n502\t"a\tb"\n503\tZoë 😀'), {}],
  ["Windows-1252 bytes", Uint8Array.of(...utf8("row_id,name\r\n502,Caf"), 0xe9, 0x80, 0x81, 0x0d, 0x0a), {
    encoding: "windows-1252"
  }],
  [
    "unicode and formula-like cells",
    utf8('row_id,name,formula\n502,日本,-5\n503,"""quoted""",@cmd\n504,+1,"=HYPERLINK(""x"")"\n'),
    {}
  ],
  ["blank lines at the end", utf8("row_id,name\n502,a\n\n\r\n"), {}],
  ["a header and nothing else, without newline", utf8("row_id,name"), {}],
  ["needless quotes and unquoted spaces", utf8('"row_id", name \n"502", x \n503,""\n'), {}],
  ["line breaks inside quotes that differ from the line endings", utf8('row_id,name\r\n502,"a\nb"\r\n503,b\r\n'), {}]
]

describe("renderCsvDocument", () => {
  for (const [name, bytes, options] of quirkyFiles) {
    it.effect(`gives back the same bytes without edits: ${name}`, () =>
      Effect.gen(function*() {
        const document = yield* readCsvDocument("a.csv", bytes, options)
        assert.deepStrictEqual(encodeCsvText(renderCsvDocument(document), document.dialect), bytes)
      }))
  }

  it.effect("changes only the edited cell, keeping other fields' quoting and the row's terminator", () =>
    Effect.gen(function*() {
      const text = 'name;row_id;note\r\n"Torode; Sam";502;"multi\r\nline"\r\n"Ann";503;x\r\n'
      const rendered = yield* renderText(text, edits([[0, 2, "new"], [1, 0, "Ann Lee"]]))
      assert.strictEqual(rendered, 'name;row_id;note\r\n"Torode; Sam";502;new\r\nAnn Lee;503;x\r\n')
    }))

  it.effect("keeps a cell's original text when the edit does not change its value", () =>
    Effect.gen(function*() {
      const text = 'row_id,name\n"502","Sam"\n'
      assert.strictEqual(yield* renderText(text, edits([[0, 1, "Sam"]])), text)
      assert.strictEqual(yield* renderText(text, edits([[0, 1, "Sam T"]])), 'row_id,name\n"502",Sam T\n')
    }))

  it.effect("quotes new values only when needed", () =>
    Effect.gen(function*() {
      const rendered = yield* renderText(
        "a,b,c,d\n1,2,3,4\n",
        edits([[0, 0, "x,y"], [0, 1, 'say "hi"'], [0, 2, " pad"], [0, 3, "l1\nl2"]])
      )
      assert.strictEqual(rendered, 'a,b,c,d\n"x,y","say ""hi"""," pad","l1\nl2"\n')
    }))

  it.effect("appends columns to the header and every row, before each row's own terminator", () =>
    Effect.gen(function*() {
      const text = "row_id,name\r\n502,a\r\n503,b\r\n504,c"
      const rendered = yield* renderText(text, edits([[1, 3, "2"]], ["file_uuids", "file count"]))
      assert.strictEqual(rendered, "row_id,name,file_uuids,file count\r\n502,a,,\r\n503,b,,2\r\n504,c,,")
    }))

  it.effect("keeps the trailer after appended columns", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* renderText("row_id\n502\n\n", edits([], ["n"])), "row_id,n\n502,\n\n")
    }))

  it.effect("writes an emptied one-column row as a quoted empty value, so it is not read back as a blank line", () =>
    Effect.gen(function*() {
      const rendered = yield* renderText("row_id\n502\n503\n", edits([[1, 0, ""]]))
      assert.strictEqual(rendered, 'row_id\n502\n""\n')
      const reread = yield* readCsvDocument("a.csv", utf8(rendered))
      assert.deepStrictEqual(reread.rows.map((row) => row.fields), [["502"], [""]])
    }))

  it.effect("throws a RangeError for an edit outside the document", () =>
    Effect.gen(function*() {
      const document = yield* readCsvDocument("a.csv", utf8("a,b\n1,2\n"))
      assert.throws(() => renderCsvDocument(document, edits([[1, 0, "x"]])), RangeError)
      assert.throws(() => renderCsvDocument(document, edits([[0, 2, "x"]])), RangeError)
      assert.strictEqual(renderCsvDocument(document, edits([[0, 2, "x"]], ["c"])), "a,b,c\n1,2,x\n")
    }))
})

describe("quoteCsvField", () => {
  it("quotes values holding the delimiter, a quote, a line break or edge spaces", () => {
    assert.strictEqual(quoteCsvField("a,b", ","), '"a,b"')
    assert.strictEqual(quoteCsvField("a,b", ";"), "a,b")
    assert.strictEqual(quoteCsvField("a;b", ";"), '"a;b"')
    assert.strictEqual(quoteCsvField("a\tb", "\t"), '"a\tb"')
    assert.strictEqual(quoteCsvField('5" disk', ","), '"5"" disk"')
    assert.strictEqual(quoteCsvField("a\rb", ","), '"a\rb"')
    assert.strictEqual(quoteCsvField(" a", ","), '" a"')
    assert.strictEqual(quoteCsvField("a ", ","), '"a "')
  })

  it("leaves other values as they are", () => {
    assert.strictEqual(quoteCsvField("", ","), "")
    assert.strictEqual(quoteCsvField("Zoë 😀 a b", ","), "Zoë 😀 a b")
    assert.strictEqual(quoteCsvField("=SUM(A1)", ","), "=SUM(A1)")
  })
})
