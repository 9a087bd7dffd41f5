import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import * as Layer from "effect/Layer"
import { writeFileAtomic } from "../../../src/io/files/AtomicFile.ts"
import { Disk } from "../../../src/io/files/Disk.ts"
import { nodeDisk } from "../../../src/io/files/NodeDisk.ts"
import { DiskError } from "../../../src/io/files/DiskError.ts"
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
    await Effect.runPromise(writeFileAtomic(file, new TextEncoder().encode("new")).pipe(Effect.provide(Disk.layerNode)))
    expect(await fs.readFile(file, "utf8")).toBe("new")
    expect(await fs.readdir(dir)).toEqual(["clients.csv"])
  })

  it("fails with a one-line message when the folder cannot be written", async () => {
    const error = await Effect.runPromise(Effect.flip(writeFileAtomic(path.join(dir, "no", "such", "file.csv"), new Uint8Array())).pipe(Effect.provide(Disk.layerNode)))
    expect(error.message).toContain("Cannot write")
    expect(error.message).not.toContain("\n")
  })

  it("goes through Disk: a rename that fails removes the temp file and says the disk is full", async () => {
    const file = path.join(dir, "plan.json")
    const full = Layer.succeed(Disk, {
      ...nodeDisk,
      rename: (_from, to) => Effect.fail(new DiskError({ reason: "NoSpace", code: "ENOSPC", operation: "rename", path: to, detail: "no space left on the device" }))
    })
    const error = await Effect.runPromise(Effect.flip(writeFileAtomic(file, new TextEncoder().encode("{}")).pipe(Effect.provide(full))))
    expect([error.reason, error.message]).toEqual(["DiskFull", `Cannot write "${file}": no space left on the device (ENOSPC)`])
    expect(await fs.readdir(dir)).toEqual([])
  })

  it("lets the umask clear bits of the new file, as for any file the process makes", async () => {
    const file = path.join(dir, "report.html")
    const before = process.umask(0o077)
    try {
      await Effect.runPromise(writeFileAtomic(file, new TextEncoder().encode("<p>")).pipe(Effect.provide(Disk.layerNode)))
    } finally {
      process.umask(before)
    }
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600)
  })
})
