import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { runCli, snapshotTree, tempDir, writeTree } from "../support/Cli.ts"

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterEach(() => cleanup())

const run = (...args: Array<string>) =>
  runCli(["run", "--clients", path.join(dir, "clients.csv"), "--bucket", `file://${path.join(dir, "bucket")}`, ...args])

// Splits CRLF records without breaking quoted newlines (fields here never contain CRLF).
const records = (text: string) => text.split("\r\n")

describe("run on a quirky clients CSV", () => {
  it("keeps every byte outside the tracking cells, and a second run changes nothing", async () => {
    const header = "\uFEFFname,notes,row_id,city"
    const rows = [
      "\"Torode, Sam\",\"line one\nline two\",502,Zürich",
      "Ann Lee,\"=HYPERLINK(\"\"http://x\"\")\",503,\"São Paulo\"",
      "\"Bo \"\"the\"\" Builder\",@SUM(A1),504,東京",
      "Zed,+1 555,505,-",
      "Quinn,=HYPERLINK(\"http://y\") 5\" disk,506,x"
    ]
    await writeTree(dir, {
      "clients.csv": [header, ...rows].join("\r\n") + "\r\n",
      "bucket/502/a.pdf": "a",
      "bucket/504/b.pdf": "b"
    })
    const first = await run()
    expect(first.code).toBe(0)
    const after = await fs.readFile(path.join(dir, "clients.csv"), "utf8")
    expect(after.startsWith("\uFEFF")).toBe(true)
    const lines = records(after)
    expect(lines[0]).toBe(`${header},file_uuids,file_count`)
    expect(lines[1]).toMatch(new RegExp(`^${escape(rows[0]!)},[0-9a-f-]{36},1$`))
    expect(lines[2]).toBe(`${rows[1]},,0`)
    expect(lines[3]).toMatch(new RegExp(`^${escape(rows[2]!)},[0-9a-f-]{36},1$`))
    expect(lines[4]).toBe(`${rows[3]},,0`)
    expect(lines[5]).toBe(`${rows[4]},,0`)
    expect(lines[6]).toBe("")

    const snapshot = await snapshotTree(dir)
    expect((await run()).code).toBe(0)
    expect(await snapshotTree(dir)).toEqual(snapshot)
  })

  it("keeps a semicolon delimiter, LF endings and rows whose cells do not change", async () => {
    const csv = "row_id;name;file_uuids;file_count\n502;\"Torode; Sam\";;\n503;Lee;;0\n"
    await writeTree(dir, { "clients.csv": csv, "bucket/502/a.pdf": "a" })
    expect((await run()).code).toBe(0)
    const lines = (await fs.readFile(path.join(dir, "clients.csv"), "utf8")).split("\n")
    expect(lines[0]).toBe("row_id;name;file_uuids;file_count")
    expect(lines[1]).toMatch(/^502;"Torode; Sam";[0-9a-f-]{36};1$/)
    expect(lines[2]).toBe("503;Lee;;0")
  })

  it("reads and writes windows-1252 byte for byte with --encoding windows-1252", async () => {
    const bytes = Buffer.from([...Buffer.from("row_id,name\n502,Ren"), 0xe9, 0x80, ...Buffer.from("\n503,x\n")])
    await writeTree(dir, { "clients.csv": bytes, "bucket/503/a.pdf": "a" })
    expect((await run("--encoding", "windows-1252")).code).toBe(0)
    const after = await fs.readFile(path.join(dir, "clients.csv"))
    const expectedPrefix = Buffer.from([...Buffer.from("row_id,name,file_uuids,file_count\n502,Ren"), 0xe9, 0x80, ...Buffer.from(",,0\n503,x,")])
    expect(after.subarray(0, expectedPrefix.length)).toEqual(expectedPrefix)
  })

  it("refuses windows-1252 bytes read as UTF-8, suggesting --encoding", async () => {
    const bytes = Buffer.from([...Buffer.from("row_id,name\n502,Ren"), 0xe9, ...Buffer.from("\n")])
    await writeTree(dir, { "clients.csv": bytes, "bucket/502/a.pdf": "a" })
    const result = await run()
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("clients.csv:2:")
    expect(result.stderr).toContain("--encoding windows-1252")
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
}
