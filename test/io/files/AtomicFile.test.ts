import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { writeFileAtomic } from "../../../src/io/files/AtomicFile.ts"
import { tempDir } from "../../support/Cli.ts"

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterEach(() => cleanup())

describe("atomic writes of outputs", () => {
  it("replaces a file's content and leaves no temp file behind", async () => {
    const file = path.join(dir, "clients.csv")
    await fs.writeFile(file, "old")
    await Effect.runPromise(writeFileAtomic(file, new TextEncoder().encode("new")))
    expect(await fs.readFile(file, "utf8")).toBe("new")
    expect(await fs.readdir(dir)).toEqual(["clients.csv"])
  })

  it("fails with a one-line message when the folder cannot be written", async () => {
    const error = await Effect.runPromise(Effect.flip(writeFileAtomic(path.join(dir, "no", "such", "file.csv"), new Uint8Array())))
    expect(error.message).toContain("Cannot write")
    expect(error.message).not.toContain("\n")
  })
})
