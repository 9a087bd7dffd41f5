/**
 * What every command that writes the clients CSV or the ledger (`run`, `apply`,
 * `review accept`) does before it reads them: take the CSV's lock, refuse a ledger that is the
 * CSV itself, then finish or undo a commit that a killed run left and remove the temp files it
 * left, saying so in one line each (on stderr). Only then is the state read, so a run always
 * starts from a consistent pair.
 *
 * @module
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { UsageError } from "../domain/UsageError.ts"
import { backupFolderOf } from "../io/files/Backups.ts"
import { cannotWrite } from "../io/files/CommitPreflight.ts"
import { recoverCommit } from "../io/files/CommitRecovery.ts"
import type { Disk } from "../io/files/Disk.ts"
import { type HeldLock, lockFile } from "../io/files/FileLock.ts"
import { resolveTarget, sameFile } from "../io/files/WriteTarget.ts"
import type { Settings } from "./Settings.ts"

/**
 * An open write session: the lock held for the life of the scope, and the lines that say
 * what taking it cleaned up.
 *
 * @category models
 */
export interface WriteSession {
  readonly lock: HeldLock
  readonly notes: ReadonlyArray<string>
}

/**
 * Opens a write session on the settings' clients CSV and ledger.
 *
 * @category programs
 */
export const openWriteSession = (settings: Settings, now: Date): Effect.Effect<WriteSession, UsageError, Disk | Scope.Scope> =>
  Effect.gen(function*() {
    const lock = yield* lockFile(settings.clientsFile, now)
    const ledger = yield* resolveTarget(settings.ledgerFile).pipe(Effect.mapError((error) => cannotWrite(settings.ledgerFile, error)))
    if (sameFile(lock.target, ledger)) {
      return yield* new UsageError({
        reason: "OutputIsInput",
        message: `--ledger "${settings.ledgerFile}" is the clients CSV "${settings.clientsFile}" itself; name another file`
      })
    }
    const recovered = yield* recoverCommit(lock, [
      { real: lock.target.real, folders: [lock.target.folder, backupFolderOf(settings.clientsFile, settings.backupDir)] },
      { real: ledger.real, folders: [ledger.folder, backupFolderOf(settings.ledgerFile, settings.backupDir)] }
    ])
    const notes = [...lock.notes, ...recovered]
    for (const note of notes) yield* Console.error(`uuidmap: ${note}`)
    const session: WriteSession = { lock, notes }
    return session
  })
