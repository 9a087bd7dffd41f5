import { assert, describe, it } from "@effect/vitest"
import { detectDelimiter, detectLineEnding } from "../../../src/io/csv/CsvDialect.ts"

describe("detectDelimiter", () => {
  it("picks the candidate that occurs most often in the header line", () => {
    assert.strictEqual(detectDelimiter("row_id,name,email\n"), ",")
    assert.strictEqual(detectDelimiter("row_id;name;email\r\n"), ";")
    assert.strictEqual(detectDelimiter("row_id\tname\temail\n"), "\t")
  })

  it("ignores delimiters inside quotes", () => {
    assert.strictEqual(detectDelimiter('row_id;"name, full, really";email\n'), ";")
  })

  it("looks at the header line only", () => {
    assert.strictEqual(detectDelimiter("a;b\n1,2,3,4,5\n"), ";")
  })

  it("counts a quoted line break as part of the header line", () => {
    assert.strictEqual(detectDelimiter('"a\nb";c;d\n1,2,3,4,5\n'), ";")
  })

  it("defaults to a comma for a one-column header and on ties", () => {
    assert.strictEqual(detectDelimiter("row_id\n502\n"), ",")
    assert.strictEqual(detectDelimiter("a;b,c\n"), ",")
    assert.strictEqual(detectDelimiter(""), ",")
  })
})

describe("detectLineEnding", () => {
  it("takes the first record's terminator", () => {
    assert.strictEqual(detectLineEnding("a,b\r\n1,2\n"), "\r\n")
    assert.strictEqual(detectLineEnding("a,b\n1,2\r\n"), "\n")
  })

  it("skips line breaks inside a quoted header name", () => {
    assert.strictEqual(detectLineEnding('"a\nb",c\r\n1,2\r\n'), "\r\n")
  })

  it("defaults to LF for a single line", () => {
    assert.strictEqual(detectLineEnding("a,b"), "\n")
  })
})
