/**
 * Replaces several files as one transaction (SPEC §4: each file wholly old or wholly new; and
 * here also the pair consistent). The steps:
 * 1. every check that can fail (`CommitPreflight`), before any byte is written;
 * 2. backups of the old bytes, then a complete, flushed temp file beside each real target,
 *    with the original's mode and owner;
 * 3. the commit record (`CommitIntent`), which makes the commit recoverable from here on;
 * 4. for each file in order: check it still holds the bytes read at the start, rename;
 * 5. remove the commit record.
 * A failure before 3 removes what was made and changes nothing. A file found changed at 4
 * stops the commit with exit 2 and puts back any file already renamed, so the pair stays
 * consistent and the person's edit is kept. A kill at any instant is finished or undone by
 * the next run (`CommitRecovery`).
 *
 * @module
 */
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type { UsageError } from "../../domain/UsageError.ts"
import { writeBackup } from "./Backups.ts"
import { commitRecordPath, type IntendedFile, writeCommitIntent } from "./CommitIntent.ts"
import { cannotWrite, checkUnchanged, type FileChange, prepareChanges, type PreparedChange } from "./CommitPreflight.ts"
import { Disk } from "./Disk.ts"
import { assertLockHeld, type HeldLock } from "./FileLock.ts"
import { tempPathFor } from "./TempFiles.ts"

/**
 * A file a commit replaced, and its backup (none for a new file).
 *
 * @category models
 */
interface CommittedFile {
  readonly file: string
  readonly backup: string | undefined
}

/**
 * What to commit: the changes in commit order, where backups go, the time that names them,
 * and the lock held on the clients CSV (the commit record lives beside it).
 *
 * @category models
 */
interface CommitRequest {
  readonly changes: ReadonlyArray<FileChange>
  readonly backupDir: string | undefined
  readonly now: Date
  readonly lock: HeldLock
}

// Undoes the renames done so far, newest first: each file gets its old bytes back through a
// temp file and a rename, or is removed when it did not exist before.
const putBack = (renamed: ReadonlyArray<PreparedChange>, nonce: string) =>
  Effect.gen(function*() {
    const disk = yield* Disk
    for (const item of [...renamed].reverse()) {
      const old = item.change.before
      if (old === undefined) {
        yield* disk.remove(item.target.real)
        continue
      }
      const temp = tempPathFor(item.target.real, `${nonce}.restore`)
      yield* disk.createFile(temp, old, item.options)
      yield* disk.rename(temp, item.target.real).pipe(Effect.tapError(() => disk.remove(temp).pipe(Effect.ignore)))
      yield* disk.syncFolder(item.target.folder)
    }
  })

/**
 * Commits the changes; returns the files written, with their backups.
 *
 * @category writing
 */
export const commitChanges = (request: CommitRequest): Effect.Effect<ReadonlyArray<CommittedFile>, UsageError, Disk> =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const { lock, now } = request
    const prepared = yield* prepareChanges(request.changes, request.backupDir)
    if (prepared.length === 0) return []
    yield* assertLockHeld(lock)

    // Everything made before the commit record, so that a failure can take it away again.
    const made: Array<string> = []
    const createdFolders: Array<string> = []
    const undoMade = Effect.gen(function*() {
      for (const file of made) yield* disk.remove(file).pipe(Effect.ignore)
      for (const folder of createdFolders) yield* disk.removeFolder(folder)
    })
    const intended: Array<IntendedFile> = []
    const stage = Effect.gen(function*() {
      for (const item of prepared) {
        const file = item.change.file
        let backup: string | null = null
        if (item.backupFolder !== undefined && item.change.before !== undefined) {
          const created = yield* disk.makeFolder(item.backupFolder).pipe(Effect.mapError((error) => cannotWrite(file, error)))
          if (created !== undefined) createdFolders.unshift(path.resolve(item.backupFolder))
          backup = yield* writeBackup({
            file,
            realTarget: item.target.real,
            bytes: item.change.before,
            options: item.options,
            backupDir: request.backupDir,
            now,
            nonce: lock.nonce
          }).pipe(Effect.mapError((error) => cannotWrite(`a backup of ${file}`, error)))
          made.push(backup)
        }
        const temp = tempPathFor(item.target.real, lock.nonce)
        yield* disk.createFile(temp, item.change.after, item.options).pipe(Effect.mapError((error) => cannotWrite(file, error)))
        made.push(temp)
        intended.push({ file, target: item.target.real, temp, backup, before: item.before, after: item.after })
      }
      yield* assertLockHeld(lock)
      yield* writeCommitIntent(commitRecordPath(lock.target.real), { nonce: lock.nonce, created: now.toISOString(), files: intended })
        .pipe(Effect.mapError((error) => cannotWrite(lock.target.given, error)))
    })
    yield* stage.pipe(Effect.tapError(() => undoMade))

    const renamed: Array<PreparedChange> = []
    const renameAll = Effect.gen(function*() {
      for (const [index, item] of prepared.entries()) {
        yield* checkUnchanged(item.change.file, item.target.real, item.before)
        yield* disk.rename(intended[index]!.temp, item.target.real).pipe(Effect.mapError((error) => cannotWrite(item.change.file, error)))
        renamed.push(item)
        yield* disk.syncFolder(item.target.folder)
      }
    })
    yield* renameAll.pipe(
      Effect.tapError(() =>
        Effect.gen(function*() {
          // The pair goes back to the old state; only if that works are the record and the
          // now useless backups removed, else the next run finishes the job from the record.
          const restored = yield* putBack(renamed, lock.nonce).pipe(Effect.as(true), Effect.orElseSucceed(() => false))
          if (!restored) return
          yield* undoMade
          yield* disk.remove(commitRecordPath(lock.target.real)).pipe(Effect.ignore)
        })
      )
    )
    yield* disk.remove(commitRecordPath(lock.target.real)).pipe(Effect.ignore)
    yield* disk.syncFolder(path.dirname(lock.target.real))
    return intended.map((item): CommittedFile => ({ file: item.file, backup: item.backup ?? undefined }))
  })
