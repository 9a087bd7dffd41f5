import { assert, describe, it } from "@effect/vitest"
import { cellPosition, fieldOffset, rawTerminator, splitRawRecord } from "../../../src/io/csv/CsvRawFields.ts"

describe("splitRawRecord", () => {
  it("keeps each field's exact text, quotes and doubled quotes included", () => {
    assert.deepStrictEqual(splitRawRecord('502,"Torode, Sam","5"" disk",\n', ","), {
      fields: ["502", '"Torode, Sam"', '"5"" disk"', ""],
      terminator: "\n"
    })
  })

  it("keeps line breaks inside quoted fields and separates the CRLF terminator", () => {
    assert.deepStrictEqual(splitRawRecord('"a\r\nb";c\r\n', ";"), { fields: ['"a\r\nb"', "c"], terminator: "\r\n" })
  })

  it("splits tab-separated records and a last line without terminator", () => {
    assert.deepStrictEqual(splitRawRecord('a\t"b\tc"\t', "\t"), { fields: ["a", '"b\tc"', ""], terminator: "" })
  })

  it("gives one empty field for a blank line", () => {
    assert.deepStrictEqual(splitRawRecord("\n", ","), { fields: [""], terminator: "\n" })
  })

  it("joins back to the record", () => {
    const raw = 'x,"""","","a,""b"""\r\n'
    const { fields, terminator } = splitRawRecord(raw, ",")
    assert.strictEqual(fields.join(",") + terminator, raw)
    assert.strictEqual(fields.length, 4)
  })
})

describe("rawTerminator", () => {
  it("tells CRLF, LF and none apart", () => {
    assert.strictEqual(rawTerminator("a\r\n"), "\r\n")
    assert.strictEqual(rawTerminator("a\n"), "\n")
    assert.strictEqual(rawTerminator("a\r"), "")
  })
})

describe("fieldOffset and cellPosition", () => {
  it("finds where a field starts and where the last one ends", () => {
    const record = splitRawRecord('a,"b,b",c\n', ",")
    assert.deepStrictEqual([0, 1, 2, 3].map((index) => fieldOffset(record, index)), [0, 2, 8, 9])
  })

  it("counts lines inside the record and columns in characters", () => {
    assert.deepStrictEqual(cellPosition({ raw: '"é\n😀x",c\n', line: 7 }, 1, ","), { line: 8, column: 5 })
    assert.deepStrictEqual(cellPosition({ raw: "é,😀,c\n", line: 2 }, 2, ","), { line: 2, column: 5 })
  })
})
