/**
 * The `run` program: lock the clients CSV, load the state, run the phases, and write the
 * result (or, with `dryRun`, only report what would change). The one place where the pure
 * pipeline and the I/O services meet for a run.
 *
 * @module
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { CsvError } from "../domain/CsvError.ts"
import type { InventoryError } from "../domain/InventoryError.ts"
import type { EvidenceError } from "../domain/EvidenceError.ts"
import type { ObjectKey } from "../domain/ObjectKey.ts"
import type { State } from "../domain/State.ts"
import type { StoreError } from "../domain/StoreError.ts"
import type { UsageError } from "../domain/UsageError.ts"
import type { Disk } from "../io/files/Disk.ts"
import type { ClientsCsv } from "../io/state/ClientsCsv.ts"
import type { Ledger } from "../io/state/Ledger.ts"
import { ObjectStore, type StoreRequests } from "../io/store/ObjectStore.ts"
import type { UuidGenerator } from "../io/uuid/UuidGenerator.ts"
import { computeMetricsIn, type Metrics } from "../pipeline/Metrics.ts"
import { type PhaseName, type PhaseSelection, runPhasesIn } from "../pipeline/Phases.ts"
import { diffStates, hasChanges, type StateChanges } from "../pipeline/StateDiff.ts"
import { loadRun } from "./LoadState.ts"
import type { Settings } from "./Settings.ts"
import { type WrittenFile, writeResult } from "./WriteResult.ts"
import { openWriteSession } from "./WriteSession.ts"

/**
 * What a run should do.
 *
 * @example A dry run writes nothing
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 * import { ClientsCsv, Disk, Ledger, makeSettings, ObjectStore, reconcile, type ReconcileOptions, unsafeObjectKey, UuidGenerator } from "uuidmap"
 *
 * const services = Layer.mergeAll(
 *   ClientsCsv.layerMemory("row_id\n502\n"),
 *   Ledger.layerMemory(),
 *   ObjectStore.layerMemory([{ key: unsafeObjectKey("502/a.pdf"), size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]),
 *   UuidGenerator.layerTest(1),
 *   Disk.layerNode
 * )
 * const options: ReconcileOptions = { phase: "all", dryRun: true }
 * const [outcome, csv] = await Effect.runPromise(
 *   Effect.gen(function*() {
 *     const outcome = yield* reconcile(makeSettings({ clientsFile: "clients.csv", bucket: "memory://" }), options)
 *     return [outcome, new TextDecoder().decode(yield* (yield* ClientsCsv).readBytes)] as const
 *   }).pipe(Effect.provide(services))
 * )
 * assert.equal(outcome.changes.ledger.length, 1) // what a run would change
 * assert.deepStrictEqual(outcome.written, [])
 * assert.equal(csv, "row_id\n502\n") // unchanged
 * ```
 * @category models
 */
export interface ReconcileOptions {
  /** Which phases run. */
  readonly phase: PhaseSelection
  /** Compute and report only; write nothing. */
  readonly dryRun: boolean
}

/**
 * What a run did.
 *
 * @example The metrics before and after
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 * import { ClientsCsv, Disk, Ledger, makeSettings, ObjectStore, reconcile, type ReconcileOutcome, unsafeObjectKey, UuidGenerator } from "uuidmap"
 *
 * const services = Layer.mergeAll(
 *   ClientsCsv.layerMemory("row_id\n502\n503\n"),
 *   Ledger.layerMemory(),
 *   ObjectStore.layerMemory([{ key: unsafeObjectKey("502/a.pdf"), size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]),
 *   UuidGenerator.layerTest(1),
 *   Disk.layerNode
 * )
 * const outcome: ReconcileOutcome = await Effect.runPromise(
 *   reconcile(makeSettings({ clientsFile: "clients.csv", bucket: "memory://" }), { phase: "all", dryRun: true }).pipe(Effect.provide(services))
 * )
 * assert.deepStrictEqual(outcome.ran, ["1", "2", "3"])
 * assert.deepStrictEqual([outcome.metricsBefore.filesMapped, outcome.metricsAfter.filesMapped], [0, 1])
 * assert.deepStrictEqual([outcome.metricsBefore.clientsTracked, outcome.metricsAfter.clientsTracked], [0, 2])
 * ```
 * @category models
 */
export interface ReconcileOutcome {
  /** The state as loaded. */
  readonly before: State
  /** The state the phases left. */
  readonly after: State
  /** What differs between the two. */
  readonly changes: StateChanges
  /** The phases that ran. */
  readonly ran: ReadonlyArray<PhaseName>
  /** The metrics of `before`. */
  readonly metricsBefore: Metrics
  /** The metrics of `after`. */
  readonly metricsAfter: Metrics
  /** The files written, with their backups; empty for a dry run or no change. */
  readonly written: ReadonlyArray<WrittenFile>
  /** S3 folder markers the listing skipped (not files). */
  readonly folderMarkers: ReadonlyArray<ObjectKey>
  /** What taking the lock cleaned up (an interrupted commit, leftover temp files), one line each. */
  readonly notes: ReadonlyArray<string>
  /** The requests the store sent for this run: listing pages and metadata reads. */
  readonly requests: StoreRequests
}

/**
 * Runs the phases and applies the result. The clients CSV and the ledger come from the
 * `ClientsCsv` and `Ledger` services (files, or bytes in memory), and both are written or
 * neither (see `StateBacking`). Bad input fails before anything is written; a listing that
 * fails fails before anything is written. A run that writes first takes the lock
 * and finishes or undoes a commit a killed run left (`openWriteSession`).
 *
 * @example A run over files and a store
 * ```ts
 * import assert from "node:assert/strict"
 * import * as fs from "node:fs/promises"
 * import * as os from "node:os"
 * import * as path from "node:path"
 * import * as Effect from "effect/Effect"
 * import * as Layer from "effect/Layer"
 * import { ClientsCsv, Disk, Ledger, makeSettings, ObjectStore, reconcile, unsafeObjectKey, UuidGenerator } from "uuidmap"
 *
 * const folder = await fs.mkdtemp(path.join(os.tmpdir(), "uuidmap-"))
 * await fs.writeFile(path.join(folder, "clients.csv"), "row_id,name\n502,Sam\n")
 * const store = ObjectStore.layerMemory([{ key: unsafeObjectKey("502/a.pdf"), size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }])
 * const settings = makeSettings({ clientsFile: path.join(folder, "clients.csv"), bucket: "memory://" })
 * const files = Layer.merge(ClientsCsv.layerFile(settings.clientsFile), Ledger.layerFile(settings.ledgerFile))
 * const services = Layer.mergeAll(store, UuidGenerator.layerTest(1), files).pipe(Layer.provideMerge(Disk.layerNode))
 * await Effect.runPromise(reconcile(settings, { phase: "all", dryRun: false }).pipe(Effect.provide(services)))
 * assert.equal(await fs.readFile(path.join(folder, "clients.csv"), "utf8"), "row_id,name,file_uuids,file_count\n502,Sam,00000001-0000-4000-8000-000000000000,1\n")
 * const again = await Effect.runPromise(reconcile(settings, { phase: "all", dryRun: false }).pipe(Effect.provide(services)))
 * assert.deepStrictEqual(again.written, []) // a second run changes nothing
 * await fs.rm(folder, { recursive: true })
 * ```
 * @category programs
 */
export const reconcile: (
  settings: Settings,
  options: ReconcileOptions
) => Effect.Effect<
  ReconcileOutcome,
  CsvError | EvidenceError | InventoryError | StoreError | UsageError,
  ObjectStore | UuidGenerator | ClientsCsv | Ledger | Disk
> = Effect.fn(
  "uuidmap.reconcile"
)(function*(settings: Settings, options: ReconcileOptions) {
  const now = new Date(yield* Clock.currentTimeMillis)
  const session = options.dryRun ? undefined : yield* openWriteSession(settings, now)
  const loaded = yield* loadRun(settings, options.phase)
  const run = runPhasesIn(loaded.state, options.phase, loaded.index)
  const changes = diffStates(loaded.state, run.state)
  const written = session === undefined || !hasChanges(changes) ? [] : yield* writeResult(settings, session, loaded, run.state, now)
  const outcome: ReconcileOutcome = {
    before: loaded.state,
    after: run.state,
    changes,
    ran: run.ran,
    metricsBefore: computeMetricsIn(loaded.state, loaded.index),
    metricsAfter: computeMetricsIn(run.state, loaded.index),
    written,
    folderMarkers: loaded.folderMarkers,
    notes: session?.notes ?? [],
    requests: yield* (yield* ObjectStore).requests
  }
  return outcome
}, Effect.scoped)
