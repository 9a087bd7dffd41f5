/**
 * Writes a run's result (SPEC §4): the ledger, then the clients CSV, each backed up first and
 * replaced atomically. A file whose bytes would not change is not touched and gets no backup.
 * The ledger goes first: if a run stops between the two, the next run re-derives the cells
 * from the ledger.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import type { State } from "../domain/State.ts"
import type { UsageError } from "../domain/UsageError.ts"
import { encodeClientsCsv } from "../io/csv/ClientsTable.ts"
import { renderLedger } from "../io/csv/LedgerFile.ts"
import { backupFile, writeFileAtomic } from "../io/files/AtomicFile.ts"
import type { LoadedRun } from "./LoadState.ts"
import type { Settings } from "./Settings.ts"

/**
 * One file that a run wrote, and where its backup went (none for a new file).
 *
 * @example
 * ```ts
 * import type { WrittenFile } from "./WriteResult.ts"
 * const written: WrittenFile = { file: "clients.csv", backup: "clients.csv.20260101T000000.000Z.bak" }
 * ```
 * @category models
 */
export interface WrittenFile {
  readonly file: string
  readonly backup: string | undefined
}

/**
 * The new bytes of both files, and whether each differs from what is on disk.
 *
 * @example
 * ```ts
 * import { renderResult } from "./WriteResult.ts"
 * const { clients, ledger } = renderResult(loaded, finalState)
 * ```
 * @category rendering
 */
export const renderResult = (loaded: LoadedRun, state: State) => {
  const clientsBytes = encodeClientsCsv(loaded.table, state.clients)
  const ledgerBytes = new TextEncoder().encode(renderLedger(state.ledger))
  return {
    clients: { bytes: clientsBytes, changed: !sameBytes(clientsBytes, loaded.clientsBytes) },
    ledger: {
      bytes: ledgerBytes,
      // No ledger and nothing to record: writing an empty one would be a change for nothing.
      changed: loaded.ledgerBytes === undefined ? state.ledger.length > 0 : !sameBytes(ledgerBytes, loaded.ledgerBytes)
    }
  }
}

/**
 * Writes what changed. Returns the files written.
 *
 * @example
 * ```ts
 * import { writeResult } from "./WriteResult.ts"
 * const written = writeResult(settings, loaded, finalState, new Date())
 * ```
 * @category writing
 */
export const writeResult = (
  settings: Settings,
  loaded: LoadedRun,
  state: State,
  now: Date
): Effect.Effect<ReadonlyArray<WrittenFile>, UsageError> =>
  Effect.gen(function*() {
    const rendered = renderResult(loaded, state)
    const written: Array<WrittenFile> = []
    const targets = [
      { file: settings.ledgerFile, ...rendered.ledger },
      { file: settings.clientsFile, ...rendered.clients }
    ]
    for (const target of targets) {
      if (!target.changed) continue
      const backup = yield* backupFile(target.file, settings.backupDir, now)
      yield* writeFileAtomic(target.file, target.bytes)
      written.push({ file: target.file, backup })
    }
    return written
  })

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
