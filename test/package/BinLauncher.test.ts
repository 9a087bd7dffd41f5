/**
 * bin/uuidmap.js, the `uuidmap` command: in a checkout (sources present) it runs src/main.ts,
 * even when a build left dist/ behind, so a stale build is never run; in the installed package
 * (no src/) it runs dist/main.js.
 */
import { execFile } from "node:child_process"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { promisify } from "node:util"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { tempDir, writeTree } from "../support/Cli.ts"

const root = path.resolve(import.meta.dirname, "..", "..")
let dir: Awaited<ReturnType<typeof tempDir>>

beforeEach(async () => {
  dir = await tempDir("uuidmap-bin-")
  await writeTree(dir.dir, {
    "bin/uuidmap.js": await fs.readFile(path.join(root, "bin", "uuidmap.js")),
    "package.json": JSON.stringify({ type: "module" }),
    "src/main.ts": "console.log(\"ran src\")\n",
    "dist/main.js": "console.log(\"ran dist\")\n"
  })
})
afterEach(() => dir.cleanup())

const launch = async () => (await promisify(execFile)(process.execPath, [path.join(dir.dir, "bin", "uuidmap.js")])).stdout.trim()

describe("bin/uuidmap.js", () => {
  it("runs the sources when they are there, whatever dist/ holds", async () => {
    expect(await launch()).toBe("ran src")
  })

  it("runs dist/ when there are no sources, as in the npm package", async () => {
    await fs.rm(path.join(dir.dir, "src"), { recursive: true })
    expect(await launch()).toBe("ran dist")
  })
})
