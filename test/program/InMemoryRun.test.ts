/**
 * Whole programs on in-memory layers: `reconcile` and `verifyFiles` read the clients CSV and
 * the ledger from `ClientsCsv.layerMemory` and `Ledger.layerMemory`, write them back there,
 * and never touch the disk (every `Disk` operation here is a defect). With one file among the
 * pair, a failed file commit leaves the in-memory one unchanged too.
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import { unsafeObjectKey } from "../../src/domain/ObjectKey.ts"
import type { StoredObject } from "../../src/domain/StoredObject.ts"
import { Disk, type DiskShape } from "../../src/io/files/Disk.ts"
import { nodeDisk } from "../../src/io/files/NodeDisk.ts"
import { DiskError } from "../../src/io/files/DiskError.ts"
import { ClientsCsv } from "../../src/io/state/ClientsCsv.ts"
import { Ledger } from "../../src/io/state/Ledger.ts"
import { ObjectStore } from "../../src/io/store/ObjectStore.ts"
import { UuidGenerator } from "../../src/io/uuid/UuidGenerator.ts"
import { reconcile } from "../../src/program/Reconcile.ts"
import { makeSettings } from "../../src/program/Settings.ts"
import { verifyFiles } from "../../src/program/VerifyProgram.ts"
import { defaultVerifyOptions } from "../../src/pipeline/Verify.ts"
import { tempDir } from "../support/Cli.ts"

const stored = (key: string): StoredObject => ({
  key: unsafeObjectKey(key),
  size: 10,
  etag: "\"0123456789abcdef0123456789abcdef\"",
  lastModified: "2024-05-01T12:00:00.000Z"
})

// A disk that must not be used: any operation is a defect naming it.
const noDisk: Layer.Layer<Disk> = Layer.succeed(
  Disk,
  Object.fromEntries(Object.keys(nodeDisk).map((name) => [name, () => Effect.die(new Error(`the disk was used: ${name}`))])) as unknown as DiskShape
)

// Paths that do not exist: a program that read or wrote them would fail.
const settings = makeSettings({ clientsFile: "/nonexistent/clients.csv", bucket: "memory://" })
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes)

const inMemory = (clientsCsv: string, ledger?: string) =>
  Layer.mergeAll(
    ClientsCsv.layerMemory(clientsCsv),
    Ledger.layerMemory(ledger),
    ObjectStore.layerMemory([stored("502/a.pdf"), stored("503/b.pdf"), stored("misc/x.txt")]),
    UuidGenerator.layerTest(1),
    noDisk
  )

describe("programs on in-memory layers", () => {
  it.effect("reconcile writes the clients CSV and the ledger back to memory, and a second run changes nothing", () =>
    Effect.gen(function*() {
      const outcome = yield* reconcile(settings, { phase: "all", dryRun: false })
      assert.deepStrictEqual(outcome.written, [
        { file: "clients.ledger.csv", backup: undefined },
        { file: "clients.csv", backup: undefined }
      ])
      assert.deepStrictEqual(outcome.notes, [])
      assert.strictEqual(
        text(yield* (yield* ClientsCsv).readBytes),
        "row_id,name,file_uuids,file_count\n" +
          "502,Sam,00000001-0000-4000-8000-000000000000,1\n" +
          "503,Ann,00000001-0000-4000-8000-000000000001,1\n"
      )
      const ledger = yield* (yield* Ledger).read
      assert.deepStrictEqual(ledger?.mappings.map((row): ReadonlyArray<string | null> => [row.key, row.rowId, row.status]), [
        ["502/a.pdf", "502", "mapped"],
        ["503/b.pdf", "503", "mapped"]
      ])
      const again = yield* reconcile(settings, { phase: "all", dryRun: false })
      assert.deepStrictEqual(again.written, [])
      assert.deepStrictEqual(again.after.ledger, outcome.after.ledger)
    }).pipe(Effect.provide(inMemory("row_id,name\n502,Sam\n503,Ann\n"))))

  it.effect("a dry run leaves both as they were", () =>
    Effect.gen(function*() {
      const outcome = yield* reconcile(settings, { phase: "all", dryRun: true })
      assert.strictEqual(outcome.changes.ledger.length, 2)
      assert.strictEqual(text(yield* (yield* ClientsCsv).readBytes), "row_id\n502\n503\n")
      assert.strictEqual(yield* (yield* Ledger).readBytes, undefined)
    }).pipe(Effect.provide(inMemory("row_id\n502\n503\n"))))

  it.effect("verify checks what a run left in memory, naming the in-memory files", () =>
    Effect.gen(function*() {
      yield* reconcile(settings, { phase: "all", dryRun: false })
      const { report } = yield* verifyFiles(settings, defaultVerifyOptions)
      assert.strictEqual(report.ok, true)
      assert.deepStrictEqual(report.checks.filter((check) => !check.passed).map((check) => check.name), [])
    }).pipe(Effect.provide(inMemory("row_id\n502\n503\n"))))

  it.effect("bad input in memory fails naming the in-memory file, line and column, and nothing is replaced", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(reconcile(settings, { phase: "all", dryRun: false }))
      assert.deepStrictEqual(error._tag === "CsvError" ? [error.reason, error.file, error.line, error.column] : error, ["DuplicateRowId", "clients.csv", 3, 1])
      assert.strictEqual(text(yield* (yield* ClientsCsv).readBytes), "row_id\n502\n502\n")
      assert.strictEqual(yield* (yield* Ledger).readBytes, undefined)
    }).pipe(Effect.provide(inMemory("row_id\n502\n502\n"))))

  it.effect("with the ledger a file and the CSV in memory, a commit that fails on disk leaves the CSV as it was", () =>
    Effect.gen(function*() {
      const dir = yield* Effect.acquireRelease(Effect.promise(() => tempDir()), (made) => Effect.promise(made.cleanup))
      const ledgerFile = path.join(dir.dir, "clients.ledger.csv")
      const full: Layer.Layer<Disk> = Layer.succeed(Disk, {
        ...nodeDisk,
        createFile: (file, bytes, options) =>
          path.basename(file).startsWith(".clients.ledger.csv.")
            ? Effect.fail(new DiskError({ reason: "NoSpace", code: "ENOSPC", operation: "write", path: file, detail: "no space left on the device" }))
            : nodeDisk.createFile(file, bytes, options)
      })
      const services = Layer.mergeAll(
        ClientsCsv.layerMemory("row_id\n502\n"),
        Ledger.layerFile(ledgerFile),
        ObjectStore.layerMemory([stored("502/a.pdf")]),
        UuidGenerator.layerTest(1)
      ).pipe(Layer.provideMerge(full))
      const result = yield* Effect.gen(function*() {
        const exit = yield* Effect.exit(reconcile(settings, { phase: "all", dryRun: false }))
        return { exit, csv: text(yield* (yield* ClientsCsv).readBytes) }
      }).pipe(Effect.provide(services))
      assert.isTrue(Exit.isFailure(result.exit))
      assert.include(String(Exit.isFailure(result.exit) ? result.exit.cause : ""), "no space left on the device")
      assert.strictEqual(result.csv, "row_id\n502\n")
      // Nothing of the ledger was left: no file, no temp file, only the lock's folder as it was.
      assert.deepStrictEqual((yield* Effect.promise(() => fs.readdir(dir.dir))).filter((name) => name.includes("ledger") && !name.endsWith(".lock")), [])
    }).pipe(Effect.scoped))

  it.effect("with the ledger a file in a folder that does not exist and the CSV in memory, the error names the ledger", () =>
    Effect.gen(function*() {
      const dir = yield* Effect.acquireRelease(Effect.promise(() => tempDir()), (made) => Effect.promise(made.cleanup))
      const ledgerFile = path.join(dir.dir, "missing", "clients.ledger.csv")
      const services = Layer.mergeAll(
        ClientsCsv.layerMemory("row_id\n502\n"),
        Ledger.layerFile(ledgerFile),
        ObjectStore.layerMemory([stored("502/a.pdf")]),
        UuidGenerator.layerTest(1)
      ).pipe(Layer.provideMerge(Layer.succeed(Disk, nodeDisk)))
      const result = yield* Effect.gen(function*() {
        const exit = yield* Effect.exit(reconcile(settings, { phase: "all", dryRun: false }))
        return { exit, csv: text(yield* (yield* ClientsCsv).readBytes) }
      }).pipe(Effect.provide(services))
      const failure = String(Exit.isFailure(result.exit) ? result.exit.cause : "")
      assert.include(failure, `Ledger "${ledgerFile}" cannot be used: its folder "${path.dirname(ledgerFile)}" does not exist`)
      assert.notInclude(failure, "clients CSV")
      assert.strictEqual(result.csv, "row_id\n502\n")
    }).pipe(Effect.scoped))
})
