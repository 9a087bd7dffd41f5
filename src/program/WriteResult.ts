/**
 * Writes a run's result (SPEC §4) as one commit of the ledger and the clients CSV
 * (`FileCommit.ts`): every check first, backups, temp files, a commit record, then the renames,
 * ledger first. Either of the two may be held in memory instead (`StateBacking`): it is
 * replaced once the files are committed, so the pair still changes all at once. A file whose content would not change is not touched and gets no backup. The
 * ledger records the sha256 of the CSV it is committed with (`clients_sha256`).
 *
 * @module
 */
import * as Effect from "effect/Effect"
import type { CsvError } from "../domain/CsvError.ts"
import type { State } from "../domain/State.ts"
import type { UsageError } from "../domain/UsageError.ts"
import { encodeClientsCsv } from "../io/csv/ClientsTable.ts"
import { encodeLedger } from "../io/csv/LedgerFile.ts"
import { changedOnDisk, type FileChange } from "../io/files/CommitPreflight.ts"
import type { Disk } from "../io/files/Disk.ts"
import { commitChanges } from "../io/files/FileCommit.ts"
import { digestOf, sha256Hex } from "../io/files/FileDigest.ts"
import { ClientsCsv } from "../io/state/ClientsCsv.ts"
import { Ledger } from "../io/state/Ledger.ts"
import { backingPath, type StateBacking } from "../io/state/StateBacking.ts"
import type { LoadedRun } from "./LoadState.ts"
import type { Settings } from "./Settings.ts"
import type { WriteSession } from "./WriteSession.ts"

/**
 * One file that a run wrote, and where its backup went (none for a new file, or one held in
 * memory).
 *
 * @example What a run wrote
 * ```ts
 * import assert from "node:assert/strict"
 * import * as fs from "node:fs/promises"
 * import * as os from "node:os"
 * import * as path from "node:path"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 * import { ClientsCsv, Disk, Ledger, makeSettings, ObjectStore, reconcile, unsafeObjectKey, UuidGenerator, type WrittenFile } from "uuidmap"
 *
 * const folder = await fs.mkdtemp(path.join(os.tmpdir(), "uuidmap-"))
 * await fs.writeFile(path.join(folder, "clients.csv"), "row_id,name\n502,Sam\n")
 * const store = ObjectStore.layerMemory([{ key: unsafeObjectKey("502/a.pdf"), size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }])
 * const settings = makeSettings({ clientsFile: path.join(folder, "clients.csv"), bucket: "memory://" })
 * const files = Layer.merge(ClientsCsv.layerFile(settings.clientsFile), Ledger.layerFile(settings.ledgerFile))
 * const outcome = await Effect.runPromise(
 *   reconcile(settings, { phase: "all", dryRun: false }).pipe(
 *     Effect.provide(Layer.mergeAll(store, UuidGenerator.layerTest(1), files).pipe(Layer.provideMerge(Disk.layerNode)))
 *   )
 * )
 * const written: ReadonlyArray<WrittenFile> = outcome.written
 * assert.deepStrictEqual(written.map((file) => [path.basename(file.file), file.backup === undefined]), [
 *   ["clients.ledger.csv", true], // new: nothing to back up
 *   ["clients.csv", false] // replaced: its old bytes are kept in a backup
 * ])
 * await fs.rm(folder, { recursive: true })
 * ```
 * @category models
 */
export interface WrittenFile {
  /** The path written, as the settings give it. */
  readonly file: string
  /** Where the old bytes were kept; undefined when the file is new. */
  readonly backup: string | undefined
}

/**
 * The new bytes of both files, and whether each differs from what is on disk. The ledger
 * carries the sha256 of the CSV as the commit leaves it; a ledger whose rows are unchanged is
 * not rewritten just because a person edited the CSV since it was written.
 *
 * @category rendering
 */
const renderResult = (loaded: LoadedRun, old: Uint8Array | undefined, state: State) => {
  const clientsBytes = encodeClientsCsv(loaded.table, state.clients)
  const clientsChanged = !sameBytes(clientsBytes, loaded.clientsBytes)
  const encode = (digest: string | undefined) => encodeLedger(state.ledger, digest)
  const ledgerBytes = encode(sha256Hex(clientsBytes))
  const ledgerChanged = old === undefined
    // No ledger and nothing to record: writing an empty one would be a change for nothing.
    ? state.ledger.length > 0
    : !sameBytes(ledgerBytes, old) && (clientsChanged || !sameBytes(encode(loaded.ledgerClientsSha256), old))
  return {
    clients: { bytes: clientsBytes, changed: clientsChanged },
    ledger: { bytes: ledgerBytes, changed: ledgerChanged }
  }
}

/**
 * Writes what changed, under the session's lock, all or nothing: the files among the two go
 * in one crash-safe commit (ledger first), and the ones held in memory are replaced only
 * after that commit succeeded, in one step that cannot fail. Returns the files written.
 *
 * @category writing
 */
export const writeResult = (
  settings: Settings,
  session: WriteSession,
  loaded: LoadedRun,
  state: State,
  now: Date
): Effect.Effect<ReadonlyArray<WrittenFile>, UsageError | CsvError, ClientsCsv | Ledger | Disk> =>
  Effect.gen(function*() {
    const clients = yield* ClientsCsv
    const ledger = yield* Ledger
    const old = yield* ledgerAsLoaded(ledger, loaded)
    const rendered = renderResult(loaded, old, state)
    const changes: Array<FileChange> = []
    const inMemory: Array<{ readonly file: string; readonly replace: Effect.Effect<void> }> = []
    const add = (backing: StateBacking, file: string, change: Omit<FileChange, "file">) => {
      if (backing._tag === "File") changes.push({ ...change, file: backing.path })
      else inMemory.push({ file, replace: backing.replace(change.after) })
    }
    if (rendered.ledger.changed) {
      add(ledger.backing, ledger.file, { before: old, after: rendered.ledger.bytes, modeFrom: backingPath(clients.backing) })
    }
    if (rendered.clients.changed) add(clients.backing, clients.file, { before: loaded.clientsBytes, after: rendered.clients.bytes })
    const committed = changes.length === 0 || session.lock === undefined
      ? []
      : yield* commitChanges({ changes, backupDir: settings.backupDir, now, lock: session.lock })
    yield* Effect.uninterruptible(Effect.forEach(inMemory, (item) => item.replace, { discard: true }))
    const written: ReadonlyArray<WrittenFile> = [...committed, ...inMemory.map((item) => ({ file: item.file, backup: undefined }))]
    return written
  })
// The ledger's bytes as the run read them, read again: the run kept only their digest. Bytes
// that differ now were changed by someone else since, and are kept as they are.
const ledgerAsLoaded = (ledger: Ledger["Service"], loaded: LoadedRun): Effect.Effect<Uint8Array | undefined, UsageError | CsvError> =>
  Effect.gen(function*() {
    const now = yield* ledger.readBytes
    const expected = loaded.ledgerDigest
    if (now === undefined) return expected === undefined ? undefined : yield* changedOnDisk(ledger.file, "was deleted")
    if (expected === undefined) return yield* changedOnDisk(ledger.file, "was created")
    const digest = digestOf(now)
    if (digest.size !== expected.size || digest.sha256 !== expected.sha256) return yield* changedOnDisk(ledger.file, "was changed")
    return now
  })

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
