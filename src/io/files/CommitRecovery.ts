/**
 * Finishes or undoes a commit that a killed run left, before the next run reads anything
 * (under the lock, so nobody else is committing). The commit record says, for each file, what
 * it held before and what it was to hold after. Each file on disk is one of: the new bytes
 * (renamed already), the old bytes (not yet), or something else (a person saved the file since
 * the crash). When no file was changed by anyone else and every file not yet renamed still has
 * its complete temp file, the commit is finished; otherwise it is undone from the backups, and
 * the person's version is kept. Either way the pair is consistent again, and one line says
 * what was done. Then every temp file of these files that a killed run left is removed.
 *
 * @module
 */
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type { UsageError } from "../../domain/UsageError.ts"
import { commitRecordPath, type IntendedFile, readCommitIntent } from "./CommitIntent.ts"
import { cannotWrite } from "./CommitPreflight.ts"
import { Disk } from "./Disk.ts"
import { type Digest, digestOf } from "./FileDigest.ts"
import type { HeldLock } from "./FileLock.ts"
import { sweepTemps, tempPathFor } from "./TempFiles.ts"

/**
 * Files whose leftover temp files are swept: real paths, with the folders their temp files
 * and backup temps live in.
 *
 * @category models
 */
interface SweepTarget {
  readonly real: string
  readonly folders: ReadonlyArray<string>
}

type FileState = "after" | "before" | "other"

const same = (now: Digest | undefined, expected: Digest | null): boolean =>
  now === undefined ? expected === null : expected !== null && now.size === expected.size && now.sha256 === expected.sha256

const stateOf = (file: IntendedFile) =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const now = yield* disk.digest(file.target).pipe(Effect.mapError((error) => cannotWrite(file.file, error)))
    const state: FileState = same(now, file.after) ? "after" : same(now, file.before) ? "before" : "other"
    return state
  })

const hasTemp = (file: IntendedFile) =>
  Effect.gen(function*() {
    const disk = yield* Disk
    return same(yield* disk.digest(file.temp).pipe(Effect.orElseSucceed(() => undefined)), file.after)
  })

const quoted = (files: ReadonlyArray<IntendedFile>) => files.map((file) => `"${file.file}"`).join(" and ")

// Puts a file back to its old bytes from its backup (checked against the recorded digest), or
// removes it when it did not exist before. Returns false when no usable backup is left.
const restore = (file: IntendedFile, nonce: string) =>
  Effect.gen(function*() {
    const disk = yield* Disk
    if (file.before === null) {
      yield* disk.remove(file.target).pipe(Effect.mapError((error) => cannotWrite(file.file, error)))
      return true
    }
    if (file.backup === null) return false
    const bytes = yield* disk.readFile(file.backup).pipe(Effect.orElseSucceed(() => undefined))
    if (bytes === undefined || !same(digestOf(bytes), file.before)) return false
    const facts = yield* disk.stat(file.target).pipe(Effect.orElseSucceed(() => undefined))
    const temp = tempPathFor(file.target, `${nonce}.restore`)
    const options = facts === undefined ? { mode: 0o644 } : { mode: facts.mode & 0o777, owner: { uid: facts.uid, gid: facts.gid } }
    yield* disk.createFile(temp, bytes, options).pipe(Effect.mapError((error) => cannotWrite(file.file, error)))
    yield* disk.rename(temp, file.target).pipe(Effect.mapError((error) => cannotWrite(file.file, error)))
    yield* disk.syncFolder(path.dirname(file.target))
    return true
  })

const finishOrUndo = (files: ReadonlyArray<IntendedFile>, nonce: string) =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const states = yield* Effect.forEach(files, stateOf)
    const pending = files.filter((_, index) => states[index] === "before")
    if (pending.length === 0 && states.every((state) => state === "after")) {
      return `An interrupted run had written ${quoted(files)} but not cleared its commit record; cleared it`
    }
    const temps = yield* Effect.forEach(pending, hasTemp)
    if (states.every((state) => state !== "other") && temps.every(Boolean)) {
      for (const file of pending) {
        yield* disk.rename(file.temp, file.target).pipe(Effect.mapError((error) => cannotWrite(file.file, error)))
        yield* disk.syncFolder(path.dirname(file.target))
      }
      const done = files.filter((_, index) => states[index] === "after")
      return `Finished the commit of an interrupted run: wrote ${quoted(pending)}${done.length > 0 ? ` (${quoted(done)} had been written)` : ""}`
    }
    const edited = files.filter((_, index) => states[index] === "other")
    const written = files.filter((_, index) => states[index] === "after")
    const lost: Array<IntendedFile> = []
    for (const file of written) if (!(yield* restore(file, nonce))) lost.push(file)
    const because = edited.length > 0 ? `${quoted(edited)} had been changed since, and that version is kept` : "its temp files were incomplete"
    const restored = written.filter((file) => !lost.includes(file))
    return `Undid the commit of an interrupted run: ${because}` +
      (restored.length > 0 ? `; put back the previous ${quoted(restored)}` : "") +
      (lost.length > 0 ? `; no usable backup of ${quoted(lost)} was left, so it keeps the interrupted run's version` : "")
  })

/**
 * Recovers the commit recorded beside the lock, if any, and sweeps leftover temp files.
 * Returns one line per thing done (nothing when there was nothing to do).
 *
 * @category recovering
 */
export const recoverCommit = (
  lock: HeldLock,
  sweep: ReadonlyArray<SweepTarget>
): Effect.Effect<ReadonlyArray<string>, UsageError, Disk> =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const notes: Array<string> = []
    const recordFile = commitRecordPath(lock.target.real)
    const intent = yield* readCommitIntent(recordFile)
    const targets = [...sweep]
    if (intent !== undefined) {
      notes.push(yield* finishOrUndo(intent.files, lock.nonce))
      for (const file of intent.files) {
        yield* disk.remove(file.temp).pipe(Effect.ignore)
        targets.push({ real: file.target, folders: [path.dirname(file.target), ...(file.backup === null ? [] : [path.dirname(file.backup)])] })
      }
      yield* disk.remove(recordFile).pipe(Effect.mapError((error) => cannotWrite(recordFile, error)))
      yield* disk.syncFolder(path.dirname(recordFile))
    }
    targets.push({ real: recordFile, folders: [path.dirname(recordFile)] })
    const swept = new Set<string>()
    for (const target of targets) {
      for (const folder of target.folders) {
        const key = `${target.real}\u0000${path.resolve(folder)}`
        if (swept.has(key)) continue
        swept.add(key)
        notes.push(...yield* sweepTemps(target.real, folder))
      }
    }
    return notes
  })
