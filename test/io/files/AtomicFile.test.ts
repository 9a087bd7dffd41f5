import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { backupFile, backupPath, writeFileAtomic } from "../../../src/io/files/AtomicFile.ts"
import { tempDir } from "../../support/Cli.ts"

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterEach(() => cleanup())

describe("atomic writes and backups", () => {
  it("replaces a file's content and leaves no temp file behind", async () => {
    const file = path.join(dir, "clients.csv")
    await fs.writeFile(file, "old")
    await Effect.runPromise(writeFileAtomic(file, new TextEncoder().encode("new")))
    expect(await fs.readFile(file, "utf8")).toBe("new")
    expect(await fs.readdir(dir)).toEqual(["clients.csv"])
  })

  it("names backups with a colon-free UTC timestamp", () => {
    expect(backupPath("/data/clients.csv", undefined, new Date("2026-01-02T03:04:05.678Z"))).toBe("/data/clients.csv.20260102T030405.678Z.bak")
    expect(backupPath("/data/clients.csv", "/backups", new Date("2026-01-02T03:04:05.678Z"))).toBe("/backups/clients.csv.20260102T030405.678Z.bak")
  })

  it("copies the old bytes to the backup and makes none for a new file", async () => {
    const file = path.join(dir, "clients.csv")
    const now = new Date("2026-01-02T03:04:05.678Z")
    expect(await Effect.runPromise(backupFile(file, undefined, now))).toBeUndefined()
    await fs.writeFile(file, "old bytes")
    const backup = await Effect.runPromise(backupFile(file, undefined, now))
    expect(await fs.readFile(backup!, "utf8")).toBe("old bytes")
  })

  it("fails with a one-line message when the folder cannot be written", async () => {
    const error = await Effect.runPromise(Effect.flip(writeFileAtomic(path.join(dir, "no", "such", "file.csv"), new Uint8Array())))
    expect(error.message).toContain("Cannot write")
    expect(error.message).not.toContain("\n")
  })
})
