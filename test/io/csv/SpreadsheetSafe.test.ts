import { assert, describe, it } from "@effect/vitest"
import { neutraliseFormula, renderReportCsv } from "../../../src/io/csv/SpreadsheetSafe.ts"

describe("neutraliseFormula", () => {
  it("prefixes cells a spreadsheet would run as a formula", () => {
    for (const cell of ["=1+1", "+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]) {
      assert.strictEqual(neutraliseFormula(cell), `'${cell}`)
    }
  })

  it("prefixes negative numbers too", () => {
    assert.strictEqual(neutraliseFormula("-5"), "'-5")
  })

  it("leaves other cells alone", () => {
    for (const cell of ["", "502", "502/Sam_Torode/resume.pdf", " =1", "a=b", "'quoted"]) {
      assert.strictEqual(neutraliseFormula(cell), cell)
    }
  })
})

describe("renderReportCsv", () => {
  it("neutralises and quotes every cell, header included", () => {
    const rendered = renderReportCsv(["key", "=row_id"], [["=cmd|' /C calc'!A0", "502"], ["a,b", "\r-1"]])
    assert.strictEqual(rendered, "key,'=row_id\n'=cmd|' /C calc'!A0,502\n\"a,b\",\"'\r-1\"\n")
  })

  it("uses the given delimiter", () => {
    assert.strictEqual(renderReportCsv(["a", "b"], [["1;2", "x"]], ";"), 'a;b\n"1;2";x\n')
  })
})
