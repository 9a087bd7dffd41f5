import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { Disk } from "../../../src/io/files/Disk.ts"
import { lockFile } from "../../../src/io/files/FileLock.ts"
import { currentProcess } from "../../../src/io/files/ProcessIdentity.ts"
import { tempDir } from "../../support/Cli.ts"
import { faultyDisk } from "../../support/FaultyDisk.ts"

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  await fs.writeFile(path.join(dir, "clients.csv"), "row_id\n502\n")
})
afterEach(() => cleanup())

const csv = () => path.join(dir, "clients.csv")
const lock = () => path.join(dir, "clients.csv.lock")
const now = new Date("2026-01-02T03:04:05.678Z")
const me = await Effect.runPromise(currentProcess.pipe(Effect.provide(Disk.layerNode)))

/** Takes the lock and, while holding it, reads the lock file; returns what taking it noted. */
const take = (disk: Layer.Layer<Disk> = Disk.layerNode, target = csv()) =>
  Effect.runPromise(
    Effect.scoped(Effect.gen(function*() {
      const held = yield* lockFile(target, now)
      return { notes: held.notes, content: JSON.parse(yield* Effect.promise(() => fs.readFile(held.file, "utf8"))) }
    })).pipe(Effect.provide(disk), Effect.flip, Effect.map((error) => ({ error })), Effect.catch((held) => Effect.succeed(held)))
  ) as Promise<{ error: { reason: string; message: string } } | { notes: ReadonlyArray<string>; content: Record<string, unknown> }>

const refused = async (disk?: Layer.Layer<Disk>, target?: string) => {
  const result = await take(disk, target)
  if (!("error" in result)) throw new Error("the lock was taken")
  return { reason: result.error.reason, message: result.error.message }
}
const taken = async (disk?: Layer.Layer<Disk>) => {
  const result = await take(disk)
  if ("error" in result) throw new Error(`the lock was refused: ${result.error.message}`)
  return result
}
const writeLock = (content: object | string) => fs.writeFile(lock(), typeof content === "string" ? content : JSON.stringify(content))
const names = async () => (await fs.readdir(dir)).sort()

describe("taking the lock", () => {
  it("writes pid, host, process start time, boot id, time and nonce, and removes the lock afterwards", async () => {
    const { content } = await taken()
    expect(content).toMatchObject({ tool: "uuidmap", pid: process.pid, host: os.hostname(), since: now.toISOString() })
    expect(content.start).toBe(me.start)
    expect(content.boot).toBe(me.boot)
    expect(content.nonce).toMatch(/^[0-9a-f-]{36}$/)
    expect(await names()).toEqual(["clients.csv"])
  })

  it("a full disk leaves no lock and no temp file, and says so naming the CSV", async () => {
    const error = await refused(faultyDisk([{ operation: "createFile", fail: "ENOSPC" }]).layer)
    expect(error).toEqual({
      reason: "DiskFull",
      message: `Cannot lock the clients CSV "${csv()}": no space left on the device of "${dir}"; free some space and run again`
    })
    expect(await names()).toEqual(["clients.csv"])
    expect("notes" in await take()).toBe(true)
  })

  it("a read-only folder says so, naming the CSV, not \"Locked\"", async () => {
    const error = await refused(faultyDisk([{ operation: "createFile", fail: "EROFS" }]).layer)
    expect(error.reason).toBe("Unwritable")
    expect(error.message).toBe(
      `Cannot lock the clients CSV "${csv()}": its folder "${dir}" cannot be written (the file system is read-only (EROFS)); uuidmap writes its lock, the backups and the new CSV there`
    )
  })

  it("a CSV in a folder that does not exist names the CSV and the folder", async () => {
    const missing = path.join(dir, "nope", "clients.csv")
    expect(await refused(undefined, missing)).toEqual({
      reason: "Unwritable",
      message: `Clients CSV "${missing}" cannot be used: its folder "${path.join(dir, "nope")}" does not exist`
    })
  })

  it("refuses a live owner's lock and leaves it", async () => {
    await writeLock({ ...me, since: "2026-01-01T00:00:00.000Z", nonce: "x" })
    const before = await fs.readFile(lock(), "utf8")
    const error = await refused()
    expect(error.message).toBe(`${csv()} is in use by uuidmap process ${process.pid} on ${os.hostname()} since 2026-01-01T00:00:00.000Z; wait for it to finish`)
    expect(await fs.readFile(lock(), "utf8")).toBe(before)
  })

  it("refuses a second lock while the first is held", async () => {
    const second = await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      yield* lockFile(csv(), now)
      return yield* Effect.flip(Effect.scoped(lockFile(csv(), now)))
    })).pipe(Effect.provide(Disk.layerNode)))
    expect(second.reason).toBe("Locked")
    expect(second.message).toContain(`is in use by uuidmap process ${process.pid} on ${os.hostname()} since ${now.toISOString()}`)
    expect(await names()).toEqual(["clients.csv"])
  })

  it("recognises a reused pid by its start time and takes the lock over", async () => {
    expect(me.start).not.toBeNull()
    await writeLock({ pid: process.pid, host: os.hostname(), start: "1", boot: me.boot, since: "2026-01-01T00:00:00.000Z", nonce: "old" })
    const { content, notes } = await taken()
    expect(content.nonce).not.toBe("old")
    expect(notes).toEqual([`Took over the lock of uuidmap process ${process.pid} on ${os.hostname()} since 2026-01-01T00:00:00.000Z, which is no longer running`])
  })

  it("takes over a lock from before a reboot (another boot id)", async () => {
    await writeLock({ ...me, boot: "00000000-0000-0000-0000-000000000000", since: "2026-01-01T00:00:00.000Z", nonce: "old" })
    expect((await taken()).notes).toHaveLength(1)
  })

  it("refuses a lock from another host, saying it cannot check it and what to do", async () => {
    await writeLock({ pid: 1, host: "elsewhere.example", since: "2026-01-01T00:00:00.000Z" })
    const error = await refused()
    expect(error.message).toBe(
      `${csv()} is locked by uuidmap process 1 on elsewhere.example since 2026-01-01T00:00:00.000Z; uuidmap cannot check a process on another host: if none runs there, delete "${lock()}" and run again`
    )
  })

  it.each([
    ["", "it is empty"],
    ["{\"pid\":", "it is not JSON"],
    ["[1]", "it is not a JSON object"],
    ["{\"pid\":\"x\",\"host\":\"h\"}", "its \"pid\" is not a process id"],
    ["{\"pid\":12}", "its \"host\" is missing"]
  ])("refuses a malformed lock %j with what is wrong and what to do", async (content, problem) => {
    await writeLock(content)
    const error = await refused()
    expect(error).toEqual({
      reason: "Locked",
      message: `Lock file "${lock()}" is not a uuidmap lock (${problem}); if no uuidmap is running on "${csv()}", delete it and run again`
    })
    expect(await fs.readFile(lock(), "utf8")).toBe(content)
  })

  it("removes the lock temp file of a killed process and says so", async () => {
    const leftover = path.join(dir, ".clients.csv.lock.999999999.abc.uuidmap.tmp")
    await fs.writeFile(leftover, "{}")
    const { notes } = await taken()
    expect(notes).toEqual([`Removed "${leftover}", a temp file left by a uuidmap process that was killed`])
    expect(await names()).toEqual(["clients.csv"])
  })

  it("never removes another process's lock when it ends", async () => {
    const other = JSON.stringify({ pid: 1, host: "elsewhere.example", since: "x", nonce: "other" })
    await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      yield* lockFile(csv(), now)
      yield* Effect.promise(() => fs.writeFile(lock(), other))
    })).pipe(Effect.provide(Disk.layerNode)))
    expect(await fs.readFile(lock(), "utf8")).toBe(other)
  })
})
