/**
 * One version everywhere: npm (package.json), JSR (deno.json) and the CHANGELOG agree, and the
 * CHANGELOG keeps the Keep a Changelog shape.
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { describe, expect, it } from "vitest"

const root = path.resolve(import.meta.dirname, "..", "..")
const read = (file: string) => fs.readFile(path.join(root, file), "utf8")

describe("versions", () => {
  it("package.json and deno.json give the same version, and deno.json the JSR name", async () => {
    const pkg = JSON.parse(await read("package.json"))
    const deno = JSON.parse(await read("deno.json"))
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/)
    expect(deno.version).toBe(pkg.version)
    expect(deno.name).toBe("@uuidmap/uuidmap")
    expect(deno.license).toBe(pkg.license)
  })

  it("the CHANGELOG opens with Unreleased, then the current version with its date", async () => {
    const pkg = JSON.parse(await read("package.json"))
    const releases = [...(await read("CHANGELOG.md")).matchAll(/^## \[(.+?)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)]
    expect(releases[0]?.[1]).toBe("Unreleased")
    expect(releases[1]?.[1]).toBe(pkg.version)
    expect(releases[1]?.[2]).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  it("the CHANGELOG uses only Keep a Changelog's kinds of change", async () => {
    const kinds = [...(await read("CHANGELOG.md")).matchAll(/^### (.+)$/gm)].map((match) => match[1])
    expect(kinds.length).toBeGreaterThan(0)
    for (const kind of kinds) expect(["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]).toContain(kind)
  })
})
