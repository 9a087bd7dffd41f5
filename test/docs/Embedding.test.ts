/**
 * docs/embedding.md stays true: each code block is the example file it names (the files are
 * what the package test runs on Node), the versions it gives are the package's, and the Deno
 * example runs, importing the package by its JSR name through the workspace.
 */
import { spawn } from "node:child_process"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { planFormatVersion } from "../../src/domain/Plan.ts"

const root = path.resolve(import.meta.dirname, "..", "..")
const read = (file: string) => fs.readFile(path.join(root, file), "utf8")

// The fenced block right after each `<!-- LABEL -->` line.
const blocksAfterMarkers = (markdown: string): Map<string, string> => {
  const blocks = new Map<string, string>()
  for (const match of markdown.matchAll(/^<!-- (.+?) -->\n```[a-z]*\n([\s\S]*?)^```$/gm)) blocks.set(match[1]!, match[2]!)
  return blocks
}

const runDeno = (args: ReadonlyArray<string>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules", ".bin", "deno"), args, { cwd, env: { ...process.env, NO_COLOR: "1" } })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.on("error", reject)
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })

describe("docs/embedding.md", () => {
  it("shows each example file byte for byte, and every example file", async () => {
    const blocks = blocksAfterMarkers(await read("docs/embedding.md"))
    const examples = [...blocks.keys()].filter((label) => label.startsWith("example: ")).map((label) => label.slice("example: ".length))
    expect(examples).toEqual(["docs/examples/node-promises.mjs", "docs/examples/effect-program.ts", "docs/examples/deno/main.ts"])
    for (const file of examples) expect(blocks.get(`example: ${file}`), file).toBe(await read(file))
    const onDisk = (await fs.readdir(path.join(root, "docs", "examples"), { recursive: true }))
      .filter((entry) => /\.(?:m?js|ts)$/.test(entry))
      .map((entry) => `docs/examples/${entry}`)
      .sort()
    expect(onDisk).toEqual([...examples].sort())
  })

  it("gives the package's own versions of uuidmap and effect", async () => {
    const pkg = JSON.parse(await read("package.json"))
    const markdown = await read("docs/embedding.md")
    const denoJson = JSON.parse(blocksAfterMarkers(markdown).get("deno.json")!)
    expect(denoJson.imports).toEqual({
      "@uuidmap/uuidmap": `jsr:@uuidmap/uuidmap@^${pkg.version}`,
      "effect": `npm:effect@${pkg.dependencies.effect}`
    })
    expect(markdown).toContain(`npm install uuidmap effect@${pkg.dependencies.effect}\n`)
    expect(markdown).toContain(`deno add jsr:@uuidmap/uuidmap npm:effect@${pkg.dependencies.effect}\n`)
    expect(markdown).toContain(`writes exactly one format version (now \`${planFormatVersion}\`)`)
  })

  it("runs the Deno example, which imports @uuidmap/uuidmap by name through deno.json exports", async () => {
    const result = await runDeno(["run", "-A", "main.ts"], path.join(root, "docs", "examples", "deno"))
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    const lines = result.stdout.trim().split("\n")
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12} 502\/Sam_Torode\/resume\.pdf -> 502 \(mapped\)$/)
    expect(lines[1]).toMatch(/^[0-9a-f-]{36} 503\/Ann_Lee\/contract\.docx -> 503 \(mapped\)$/)
    expect(lines[2]).toBe("reported stray: misc/readme.txt")
  })
})
