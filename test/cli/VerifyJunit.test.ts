import parser from "fast-xml-parser"
import { describe, expect, it } from "vitest"
import { renderJunit } from "../../src/cli/render/Junit.ts"
import { escapeMarkup } from "../../src/cli/render/report/MarkupEscape.ts"
import type { VerifyReport } from "../../src/pipeline/Verify.ts"

const report: VerifyReport = {
  ok: false,
  passed: 1,
  failedErrors: 1,
  failedWarnings: 1,
  checks: [
    { name: "row-ids-unique", description: "no row id twice", severity: "error", passed: true, count: 0, offences: [] },
    {
      name: "keys-in-bucket",
      description: "keys exist",
      severity: "error",
      passed: false,
      count: 3,
      offences: [
        { location: "a<b>&\"c\"'.pdf", message: "bell \u0007 and a lone \uD800 surrogate ]]> end" },
        { location: "x", message: "second" }
      ]
    },
    { name: "idempotent", description: "no changes", severity: "warn", passed: false, count: 1, offences: [{ location: "y", message: "pending" }] }
  ]
}

describe("JUnit rendering", () => {
  const xml = renderJunit(report)

  it("is valid XML whatever the keys and messages hold", () => {
    expect(parser.validate(xml)).toBe(true)
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/)
    expect(xml).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
  })

  it("has one testcase per check, failures for failed errors only, and says how many rows were left out", () => {
    const suites = parser.parse(xml, { ignoreAttributes: false, attributeNamePrefix: "" }).testsuites
    expect(suites).toMatchObject({ tests: "3", failures: "1", errors: "0" })
    expect(suites.testsuite.testcase.map((testcase: { name: string }) => testcase.name)).toEqual(["row-ids-unique", "keys-in-bucket", "idempotent"])
    expect(xml).toContain("… and 1 more")
    expect(xml.match(/<failure /g)).toHaveLength(1)
    expect(xml).toContain("<system-out>warning (severity warn)")
  })

  it("escapes markup characters and replaces characters XML forbids", () => {
    expect(escapeMarkup(`<&>"'`)).toBe("&lt;&amp;&gt;&quot;&#39;")
    expect(escapeMarkup("a\u0000b\uDC00c\uD83D\uDE00")).toBe("a\uFFFDb\uFFFDc\uD83D\uDE00")
  })
})
