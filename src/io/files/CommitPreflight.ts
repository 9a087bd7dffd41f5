/**
 * Every check of a commit that can fail, run before its first byte is written: where each
 * file really is (through links), that its folder can be written, that it still holds the
 * bytes the run read, that the backup folder exists or can be created and can be written, and
 * that each file system has room for the temp files and backups. A failed check leaves
 * everything as it was.
 *
 * @module
 */
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { UsageError } from "../../domain/UsageError.ts"
import { backupFolderOf } from "./Backups.ts"
import { Disk, type NewFileOptions } from "./Disk.ts"
import { type DiskError, describeDiskError } from "./DiskError.ts"
import { type Digest, digestOf } from "./FileDigest.ts"
import { resolveTarget, type ResolvedPath } from "./WriteTarget.ts"

/**
 * One file a commit replaces: its path as named, the bytes the run read (`undefined`: there
 * was no file) and the new bytes. A new file takes the mode and owner of `modeFrom` (the
 * ledger takes the clients CSV's: it holds the same clients' data).
 *
 * @category models
 */
export interface FileChange {
  readonly file: string
  readonly before: Uint8Array | undefined
  readonly after: Uint8Array
  readonly modeFrom?: string | undefined
}

/**
 * A change that passed the checks, with what writing it needs.
 *
 * @category models
 */
export interface PreparedChange {
  readonly change: FileChange
  readonly target: ResolvedPath
  readonly before: Digest | null
  readonly after: Digest
  readonly options: NewFileOptions
  /** Where its backup goes; `undefined` for a new file, which needs none. */
  readonly backupFolder: string | undefined
}

// Room kept free beyond the bytes themselves (file-system blocks, the commit record).
const slackBytes = 64 * 1024

/**
 * The error for a file that cannot be written, naming it and, where it helps, its folder.
 *
 * @category errors
 */
export const cannotWrite = (file: string, cause: DiskError, where = cause.path): UsageError =>
  cause.reason === "NoSpace"
    ? new UsageError({ reason: "DiskFull", message: `No space left on the device while writing "${file}" (at "${where}"); nothing was changed` })
    : new UsageError({ reason: "Unwritable", message: `Cannot write "${file}" (at "${where}"): ${describeDiskError(cause)}; nothing was changed` })

/**
 * Fails unless the file on disk has the expected bytes (`null`: no file). Compared by size and
 * sha256, never by modification time.
 *
 * @category checks
 */
export const checkUnchanged = (file: string, real: string, expected: Digest | null): Effect.Effect<void, UsageError, Disk> =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const now = yield* disk.digest(real).pipe(Effect.mapError((error) => cannotWrite(file, error)))
    const same = now === undefined ? expected === null : expected !== null && now.size === expected.size && now.sha256 === expected.sha256
    if (same) return
    return yield* changedOnDisk(file, now === undefined ? "was deleted" : expected === null ? "was created" : "was changed")
  })

/**
 * The error for a file that changed on disk since uuidmap read it: nothing is written.
 *
 * @category checks
 */
export const changedOnDisk = (file: string, what: "was deleted" | "was created" | "was changed"): UsageError =>
  new UsageError({
    reason: "ChangedOnDisk",
    message: `"${file}" ${what} on disk while uuidmap was working (by a spreadsheet or another program?); its new content is kept and uuidmap's changes were not written: run again`
  })

// The nearest folder that exists at or above `folder`, with its facts.
const nearestExisting = (folder: string) =>
  Effect.gen(function*() {
    const disk = yield* Disk
    let current = path.resolve(folder)
    for (;;) {
      // A file on the way ("a/file/backups") reads as a path that is not there yet.
      const facts = yield* disk.stat(current).pipe(
        Effect.catchTag("DiskError", (error) => (error.reason === "NotADirectory" ? Effect.succeed(undefined) : Effect.fail(error)))
      )
      if (facts !== undefined) return { folder: current, facts }
      const parent = path.dirname(current)
      if (parent === current) return { folder: current, facts }
      current = parent
    }
  })

const checkBackupFolder = (folder: string) =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const refuse = (why: string) => new UsageError({ reason: "Unwritable", message: `Backup folder "${folder}" cannot be used: ${why}; nothing was changed` })
    const found = yield* nearestExisting(folder).pipe(Effect.mapError((error) => refuse(describeDiskError(error))))
    if (found.facts === undefined || found.facts.kind !== "folder") {
      return yield* refuse(found.folder === path.resolve(folder) ? "it is not a folder" : `"${found.folder}" is not a folder`)
    }
    yield* disk.checkWritable(found.folder).pipe(
      Effect.mapError((error) => refuse(found.folder === path.resolve(folder) ? describeDiskError(error) : `it does not exist and "${found.folder}" cannot be written (${describeDiskError(error)})`))
    )
    return found
  })

/**
 * Runs every check and returns the prepared changes, in the order given.
 *
 * @category checks
 */
export const prepareChanges = (
  changes: ReadonlyArray<FileChange>,
  backupDir: string | undefined
): Effect.Effect<ReadonlyArray<PreparedChange>, UsageError, Disk> =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const prepared: Array<PreparedChange> = []
    // Bytes each file system must take, by device, and a folder on it to ask.
    const needs = new Map<number, { folder: string; bytes: number }>()
    const need = (dev: number, folder: string, bytes: number) => {
      const entry = needs.get(dev) ?? { folder, bytes: slackBytes }
      needs.set(dev, { folder: entry.folder, bytes: entry.bytes + bytes })
    }
    for (const change of changes) {
      const target = yield* resolveTarget(change.file).pipe(Effect.mapError((error) => cannotWrite(change.file, error)))
      yield* disk.checkWritable(target.folder).pipe(Effect.mapError((error) => cannotWrite(change.file, error, target.folder)))
      const before = change.before === undefined ? null : digestOf(change.before)
      yield* checkUnchanged(change.file, target.real, before)
      const modeSource = target.facts ?? (change.modeFrom === undefined ? undefined : yield* disk.stat(change.modeFrom).pipe(Effect.orElseSucceed(() => undefined)))
      const options: NewFileOptions = modeSource === undefined
        ? { mode: 0o644 }
        : { mode: modeSource.mode & 0o777, owner: { uid: modeSource.uid, gid: modeSource.gid } }
      const folderFacts = yield* disk.stat(target.folder).pipe(Effect.mapError((error) => cannotWrite(change.file, error, target.folder)))
      need(folderFacts?.dev ?? -1, target.folder, change.after.length)
      let backupFolder: string | undefined
      if (change.before !== undefined) {
        backupFolder = backupFolderOf(change.file, backupDir)
        const found = yield* checkBackupFolder(backupFolder)
        need(found.facts.dev, found.folder, change.before.length)
      }
      prepared.push({ change, target, before, after: digestOf(change.after), options, backupFolder })
    }
    for (const { bytes, folder } of needs.values()) {
      const free = yield* disk.freeBytes(folder)
      if (free !== undefined && free < bytes) {
        return yield* new UsageError({
          reason: "DiskFull",
          message: `Not enough free space in "${folder}": the new files and their backups need ${bytes} bytes, ${free} are free; nothing was changed`
        })
      }
    }
    return prepared
  })
