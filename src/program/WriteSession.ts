/**
 * What every command that writes the clients CSV or the ledger (`run`, `apply`,
 * `review accept`) does before it reads them: take the CSV's lock, refuse a ledger that is the
 * CSV itself, then finish or undo a commit that a killed run left and remove the temp files it
 * left, saying so in one line each (on stderr). Only then is the state read, so a run always
 * starts from a consistent pair. The files are those of the `ClientsCsv` and `Ledger` services
 * that are files on disk: the lock is the CSV's (the ledger's when only it is a file), and a
 * run whose two are held in memory takes no lock and touches no disk.
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
import { ClientsCsv } from "../io/state/ClientsCsv.ts"
import { Ledger } from "../io/state/Ledger.ts"
import { backingPath } from "../io/state/StateBacking.ts"
import type { Settings } from "./Settings.ts"

/**
 * An open write session: the lock held for the life of the scope (none when neither file is
 * on disk), and the lines that say what taking it cleaned up.
 *
 * @category models
 */
export interface WriteSession {
  readonly lock: HeldLock | undefined
  readonly notes: ReadonlyArray<string>
}

/**
 * Opens a write session on the clients CSV and ledger of the services.
 *
 * @category programs
 */
export const openWriteSession = (
  settings: Settings,
  now: Date
): Effect.Effect<WriteSession, UsageError, ClientsCsv | Ledger | Disk | Scope.Scope> =>
  Effect.gen(function*() {
    const clientsPath = backingPath((yield* ClientsCsv).backing)
    const ledgerPath = backingPath((yield* Ledger).backing)
    const lockPath = clientsPath ?? ledgerPath
    if (lockPath === undefined) return { lock: undefined, notes: [] }
    const lock = yield* lockFile(lockPath, now, clientsPath === undefined ? "ledger" : "clients")
    const files = [{ real: lock.target.real, folders: [lock.target.folder, backupFolderOf(lockPath, settings.backupDir)] }]
    if (clientsPath !== undefined && ledgerPath !== undefined) {
      const ledger = yield* resolveTarget(ledgerPath).pipe(Effect.mapError((error) => cannotWrite(ledgerPath, error)))
      if (sameFile(lock.target, ledger)) {
        return yield* new UsageError({
          reason: "OutputIsInput",
          message: `--ledger "${ledgerPath}" is the clients CSV "${clientsPath}" itself; name another file`
        })
      }
      files.push({ real: ledger.real, folders: [ledger.folder, backupFolderOf(ledgerPath, settings.backupDir)] })
    }
    const recovered = yield* recoverCommit(lock, files)
    const notes = [...lock.notes, ...recovered]
    for (const note of notes) yield* Console.error(`uuidmap: ${note}`)
    const session: WriteSession = { lock, notes }
    return session
  })
