import parser from "fast-xml-parser"
import { describe, expect, it } from "vitest"
import { renderReportHtml } from "../../src/cli/render/report/ReportHtml.ts"
import { escapeMarkdownCell, renderReportMarkdown } from "../../src/cli/render/report/ReportMarkdown.ts"
import { renderReportText } from "../../src/cli/render/report/ReportText.ts"
import { runPhases } from "../../src/pipeline/Phases.ts"
import { defaultVerifyOptions } from "../../src/pipeline/Verify.ts"
import { verifyState } from "../../src/pipeline/VerifyState.ts"
import { buildReportData } from "../../src/program/ReportData.ts"
import { makeSettings } from "../../src/program/Settings.ts"
import { client, object, stateOf, uuid } from "../support/StateBuilder.ts"

const hostile = `files/${uuid(7)}.<b onmouseover="alert(1)">|&'.pdf`
const state = stateOf({
  clients: [client("502"), client("503")],
  objects: [object("502/a.pdf"), object(`files/${uuid(8)}`), object(`files/${uuid(9)}`), object(hostile)]
})
const settings = makeSettings({ clientsFile: "clients.csv", bucket: "file:///bucket" })
const data = buildReportData({
  generatedAt: "2026-01-01T00:00:00.000Z",
  settings,
  before: state,
  phases: runPhases(state, "all"),
  verification: verifyState(state, { clients: "clients.csv", ledger: "clients.ledger.csv" }, defaultVerifyOptions)
})

describe("report rendering", () => {
  it("has a column per phase that ran, the first verified now and the last after a run", () => {
    expect(data.columns.map((column) => column.label)).toEqual(["Before", "After phase 1", "After phase 2", "After phase 3"])
    expect(data.columns[0]!.verification!.ok).toBe(false)
    expect(data.columns.at(-1)!.verification!.ok).toBe(true)
    expect(data.columns.slice(1, -1).every((column) => column.verification === undefined)).toBe(true)
    expect(data.unmapped.map((file) => file.key)).toContain(hostile)
  })

  it("escapes a hostile key in the HTML, which stays valid and script-free", () => {
    const html = renderReportHtml(data, 500)
    expect(parser.validate(html)).toBe(true)
    expect(html).not.toContain("<b ")
    expect(html).toContain("&lt;b onmouseover=&quot;alert(1)&quot;&gt;|&amp;&#39;.pdf")
  })

  it("escapes a hostile key in Markdown, which keeps its table shape", () => {
    const markdown = renderReportMarkdown(data, 50)
    expect(markdown).not.toContain("<b ")
    const row = markdown.split("\n").find((line) => line.includes("alert"))!
    expect(row.split(/(?<!\\)\|/).length).toBe(6)
    expect(escapeMarkdownCell("a|b*c")).toBe("a\\|b\\*c")
  })

  it("caps each file list and says how many more there are", () => {
    expect(renderReportText(data, 1).join("\n")).toMatch(/… and \d+ more; uuidmap files lists every file/)
    expect(renderReportHtml(data, 1)).toMatch(/… and \d+ more; <code>uuidmap files<\/code>/)
    expect(renderReportMarkdown(data, 1)).toMatch(/… and \d+ more/)
  })
})
