/**
 * Every CSV (and HTML or Markdown table) uuidmap writes for people to open defuses cells that a
 * spreadsheet would run: object keys, row ids and evidence are the user's, and any of them may
 * start with `=`, `+`, `-`, `@`, a tab or a carriage return. The clients CSV and the ledger
 * keep those values exactly: they are data, read back by uuidmap.
 */
import { parse } from "csv-parse/sync"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli, tempDir, writeTree } from "../support/Cli.ts"

const pooled = "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f"
const hostileKeys = [
  `=2+3/=HYPERLINK("x","click").pdf`,
  "=2+3/\tinvoice.pdf",
  "+7/\rcr.pdf",
  "-5/-draft.pdf",
  "@SUM(A1)/@note.txt",
  `=cmd|' -C calc'!A0.txt`,
  "@evil/x.txt",
  `files/${pooled}.pdf`
]
const dangerous = /^[=+\-@\t\r]/

let dir: string
let cleanup: () => Promise<void>
const at = (name: string) => path.join(dir, name)
const common = () => ["--clients", at("clients.csv"), "--bucket", `file://${at("bucket")}`, "--records", at("records.csv"), "--migration-log", at("moves.csv")]
const clientsCsv = "row_id,name\n=2+3,\"=HYPERLINK(\"\"http://x\"\")\"\n+7,plus\n-5,minus\n@SUM(A1),at\n"

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir("uuidmap-spreadsheet-"))
  await writeTree(dir, {
    "clients.csv": clientsCsv,
    // Two sources disagree about the pool file, so it goes to review with both candidates.
    "records.csv": `uuid,row_id\n${pooled},-5\n`,
    "moves.csv": `old_key,new_key\n+7/=old.pdf,files/${pooled}.pdf\n`,
    ...Object.fromEntries(hostileKeys.map((key) => [`bucket/${key}`, key]))
  })
  const run = await runCli(["run", ...common()])
  expect(run.stderr).toBe("")
  expect(run.code).toBe(0)
})
afterAll(() => cleanup())

const cells = (csv: string): ReadonlyArray<string> => (parse(csv, { relax_column_count: true }) as Array<Array<string>>).flat()

describe("spreadsheet-safe outputs", () => {
  it("review export: no cell starts a formula, and review accept reads a defused candidate back", async () => {
    const exported = await runCli(["review", "export", at("review.csv"), ...common()])
    expect(exported.code).toBe(0)
    const sheet = await fs.readFile(at("review.csv"), "utf8")
    const all = cells(sheet)
    expect(all.some((cell) => cell.includes("-5"))).toBe(true)
    expect(all.filter((cell) => dangerous.test(cell))).toEqual([])
    // A person copies the candidate as the sheet shows it, quote included.
    const rows = parse(sheet) as Array<Array<string>>
    const header = rows[0]!
    const row = rows.find((cells) => cells[0] === pooled)!
    const candidate = row[header.indexOf("best_candidate")]!
    expect(["'-5", "'+7"]).toContain(candidate)
    row[header.indexOf("decision")] = candidate
    await fs.writeFile(at("review.csv"), [header, row].map((cells) => cells.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(",")).join("\n") + "\n")
    const accepted = await runCli(["review", "accept", at("review.csv"), ...common()])
    expect(accepted.stderr).toBe("")
    expect(accepted.code).toBe(0)
    const ledger = await fs.readFile(at("clients.ledger.csv"), "utf8")
    expect(ledger.split("\n").find((line) => line.startsWith(pooled))).toMatch(new RegExp(`^[^,]+,files/[^,]+,\\${candidate.slice(1)},mapped,`))
  })

  it("files --format csv: no cell starts a formula", async () => {
    const result = await runCli(["files", "--format", "csv", ...common()])
    expect(result.code).toBe(0)
    const all = cells(result.stdout)
    expect(all.some((cell) => cell.includes("HYPERLINK"))).toBe(true)
    expect(all.filter((cell) => dangerous.test(cell))).toEqual([])
  })

  it("report --format md and html: no file-table cell starts a formula", async () => {
    const markdown = await runCli(["report", "--format", "md", ...common()])
    expect(markdown.code).toBe(0)
    // The file tables (the metrics table holds only uuidmap's own figures).
    const fileTables = markdown.stdout.split("<details>").slice(1).join("\n")
    const tableCells = fileTables.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| ---"))
      .flatMap((line) => line.slice(2, -2).split(/(?<!\\)\|/).map((cell) => cell.trim()))
    expect(tableCells.some((cell) => cell.includes("calc"))).toBe(true)
    expect(tableCells.filter((cell) => dangerous.test(cell))).toEqual([])
    const html = await runCli(["report", "--format", "html", ...common()])
    expect(html.code).toBe(0)
    const tds = [...html.stdout.matchAll(/<td(?! class="num")[^>]*>([^<]*)<\/td>/g)].map((match) => match[1]!.replaceAll("&#39;", "'").replaceAll("&quot;", "\""))
    expect(tds.some((cell) => cell.includes("calc"))).toBe(true)
    expect(tds.filter((cell) => dangerous.test(cell))).toEqual([])
  })

  it("keeps the clients CSV and the ledger exact: their values are data, never defused", async () => {
    const clients = await fs.readFile(at("clients.csv"), "utf8")
    const rows = parse(clients) as Array<Array<string>>
    expect(rows.map((row) => row.slice(0, 2))).toEqual(parse(clientsCsv))
    expect(clients.split("\n")[1]!.startsWith(`=2+3,"=HYPERLINK(""http://x"")"`)).toBe(true)
    const ledger = parse(await fs.readFile(at("clients.ledger.csv"), "utf8"), { columns: true }) as Array<Record<string, string>>
    const keys = ledger.map((row) => row["key"]).filter((key) => key !== "")
    expect(keys).toContain(`=2+3/=HYPERLINK("x","click").pdf`)
    expect(keys).toContain("=2+3/\tinvoice.pdf")
    expect(keys).toContain("+7/\rcr.pdf")
    expect(keys).toContain("-5/-draft.pdf")
  })
})
