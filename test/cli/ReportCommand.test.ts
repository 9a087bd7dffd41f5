import parser from "fast-xml-parser"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { formatRatio } from "../../src/pipeline/Metrics.ts"
import { runCli, snapshotTree, tempDir } from "../support/Cli.ts"

let dir: string
let cleanup: () => Promise<void>
let flags: Array<string>

// The demo scenario of the original plan (SPEC §6), as it is before any run: the demo runs all
// phases, so its backups are put back.
beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  expect((await runCli(["demo", "--dir", dir])).code).toBe(0)
  for (const name of await fs.readdir(dir)) {
    const original = /^(clients(?:\.ledger)?\.csv)\..*\.bak$/.exec(name)
    if (original) await fs.rename(path.join(dir, name), path.join(dir, original[1]!))
  }
  const evidence = await fs.readdir(path.join(dir, "evidence")).catch(() => [] as Array<string>)
  flags = [
    "--clients", path.join(dir, "clients.csv"),
    "--bucket", `file://${path.join(dir, "bucket")}`,
    ...evidence.flatMap((name) => [name.includes("records") ? "--records" : "--migration-log", path.join(dir, "evidence", name)])
  ]
})
afterAll(() => cleanup())

const report = (...args: Array<string>) => runCli(["report", ...flags, ...args])

interface PhaseJson {
  readonly label: string
  readonly metrics: Record<string, number>
}

const expectedRows = (phases: ReadonlyArray<PhaseJson>): ReadonlyArray<readonly [string, ReadonlyArray<string>]> => [
  ["Files mapped", phases.map(({ metrics: m }) => formatRatio(m.filesMapped!, m.files!))],
  ["Client-folder files mapped", phases.map(({ metrics: m }) => formatRatio(m.clientFolderMapped!, m.clientFolderFiles!))],
  ["Pool files mapped", phases.map(({ metrics: m }) => formatRatio(m.poolMapped!, m.poolFiles!))],
  ["Pool files in review", phases.map(({ metrics: m }) => String(m.poolReview))],
  ["Pool files unmapped", phases.map(({ metrics: m }) => String(m.poolUnmapped))],
  ["Clients with UUID tracking", phases.map(({ metrics: m }) => formatRatio(m.clientsTracked!, m.clients!))],
  ["Orphaned files", phases.map(({ metrics: m }) => String(m.orphaned))]
]

// Every text inside an element, in document order.
const textsOf = (node: unknown): Array<string> => {
  if (node === null || node === undefined) return []
  if (typeof node !== "object") return [String(node)]
  return Object.entries(node as Record<string, unknown>).filter(([key]) => !key.startsWith("@_")).flatMap(([, value]) =>
    Array.isArray(value) ? value.flatMap(textsOf) : textsOf(value)
  )
}

describe("uuidmap report", () => {
  it("gives the metrics per phase as JSON, starting from the plan's numbers", async () => {
    const result = await report("--format", "json")
    expect(result.code).toBe(0)
    const json = JSON.parse(result.stdout)
    const before = json.phases[0].metrics
    expect(json.phases[0].label).toBe("Before")
    expect(formatRatio(before.filesMapped, before.files)).toBe("23/138 (17%)")
    expect(formatRatio(before.clientsTracked, before.clients)).toBe("4/483 (0.8%)")
    expect(before.orphaned).toBe(99)
    expect(json.phases.at(-1).label).toBe("After phase 3")
    expect(json.phases.at(-1).metrics.clientsTracked).toBe(483)
    expect(json.phases.at(-1).verification.failed).toBe(0)
    expect(json.verification.ok).toBe(false)
  })

  it("renders a self-contained HTML page with the chart, the metrics per phase and the files to look at", async () => {
    const json = JSON.parse((await report("--format", "json")).stdout)
    const out = path.join(dir, "report.html")
    const before = await snapshotTree(dir)
    const result = await report("--format", "html", "--out", out)
    expect(result.code).toBe(0)
    const html = await fs.readFile(out, "utf8")
    const after = await snapshotTree(dir)
    after.delete("report.html")
    expect(after).toEqual(before)

    // Self-contained: no script, no stylesheet or image to fetch, no address at all.
    expect(html).toMatch(/^<!DOCTYPE html>/)
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|url\(|@import|https?:\/\//i)
    expect(html).toContain("<style>")
    expect(parser.validate(html)).toBe(true)
    const page = parser.parse(html, { ignoreAttributes: false, attributeNamePrefix: "@_" })
    const sections: Array<Record<string, unknown>> = page.html.body.main.section
    const byId = (id: string) => sections.find((section) => section["@_id"] === id)!

    // The chart: one labelled bar per phase with its coverage.
    const chart = byId("coverage")["svg"] as Record<string, unknown>
    const chartTexts = textsOf(chart)
    for (const phase of json.phases as ReadonlyArray<PhaseJson>) {
      expect(chartTexts).toContain(phase.label)
      expect(chartTexts).toContain(`${formatRatio(phase.metrics.filesMapped!, phase.metrics.files!)} files`)
      expect(chartTexts).toContain(`${formatRatio(phase.metrics.clientsTracked!, phase.metrics.clients!)} clients`)
    }
    expect(chartTexts).toContain("23/138 (17%) files")

    // The metrics table: one column per phase, the same numbers as the JSON.
    const table = (byId("metrics")["table"] as Record<string, any>)
    expect(table.thead.tr.th.map((cell: any) => textsOf(cell).join(""))).toEqual(["Metric", ...json.phases.map((phase: PhaseJson) => phase.label)])
    const rows = new Map<string, Array<string>>(
      table.tbody.tr.map((row: any) => [textsOf(row.th).join(""), row.td.map((cell: any) => textsOf(cell).join(""))])
    )
    for (const [label, values] of expectedRows(json.phases)) expect(rows.get(label)).toEqual(values)
    expect(rows.get("Files mapped")![0]).toBe("23/138 (17%)")
    expect(rows.get("Clients with UUID tracking")![0]).toBe("4/483 (0.8%)")
    expect(rows.get("Verification")!.at(-1)).toBe("pass")

    // The review and unmapped tables: every file with its why.
    for (const [id, files] of [["review", json.review], ["unmapped", json.unmapped]] as const) {
      const section = byId(id)
      expect(textsOf(section["h2"]).join("")).toContain(`(${files.length})`)
      const body = textsOf(section["table"]).join("\n")
      for (const file of files) {
        expect(body).toContain(file.key)
        expect(body).toContain(file.why)
      }
    }
  })

  it("renders Markdown for a CI job summary", async () => {
    const result = await report("--format", "md")
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^## uuidmap report/)
    expect(result.stdout).toContain("| Metric | Before | After phase 1 |")
    expect(result.stdout).toMatch(/\| Files mapped \| 23\/138 \(17%\) \|/)
    expect(result.stdout).toMatch(/\| Clients with UUID tracking \| 4\/483 \(0\.8%\) \|.*\| 483\/483 \(100%\) \|/)
    expect(result.stdout).toContain("**Verification of the files now:** FAIL")
    expect(result.stdout).toContain("**Verification after a run:** PASS")
  })

  it("prints a text report by default", async () => {
    const result = await report()
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/Files mapped +23\/138 \(17%\)/)
    expect(result.stdout).toContain("Verification after a run: pass")
  })

  it("gives the statistics in a few lines with summary", async () => {
    const result = await runCli(["summary", ...flags])
    expect(result.code).toBe(0)
    const lines = result.stdout.trimEnd().split("\n")
    expect(lines.length).toBeLessThanOrEqual(5)
    expect(lines[0]).toContain("Files mapped: 23/138 (17%)")
    expect(lines[1]).toBe("Clients with UUID tracking: 4/483 (0.8%)")
    expect(lines[2]).toContain("Orphaned files: 99")
    expect(lines[3]).toContain("A run would make")
  })
})

describe("uuidmap report on bad input", () => {
  it("exits 2 naming the file and line, like run", async () => {
    const { dir: bad, cleanup: done } = await tempDir()
    try {
      await fs.writeFile(path.join(bad, "clients.csv"), "row_id\n502\n502\n")
      await fs.mkdir(path.join(bad, "bucket"))
      const result = await runCli(["report", "--clients", path.join(bad, "clients.csv"), "--bucket", `file://${path.join(bad, "bucket")}`])
      expect(result.code).toBe(2)
      expect(result.stderr).toContain("clients.csv:3:1")
    } finally {
      await done()
    }
  })
})
