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
import { ObjectStore, type StoreRequests } from "../io/store/ObjectStore.ts"
import type { UuidGenerator } from "../io/uuid/UuidGenerator.ts"
import { computeMetrics, type Metrics } from "../pipeline/Metrics.ts"
import { type PhaseName, type PhaseSelection, runPhases } from "../pipeline/Phases.ts"
import { diffStates, hasChanges, type StateChanges } from "../pipeline/StateDiff.ts"
import { loadRun } from "./LoadState.ts"
import type { Settings } from "./Settings.ts"
import { type WrittenFile, writeResult } from "./WriteResult.ts"
import { openWriteSession } from "./WriteSession.ts"

/**
 * What a run should do.
 *
 * @example
 * ```ts
 * import type { ReconcileOptions } from "./Reconcile.ts"
 * const options: ReconcileOptions = { phase: "all", dryRun: true }
 * ```
 * @category models
 */
export interface ReconcileOptions {
  readonly phase: PhaseSelection
  readonly dryRun: boolean
}

/**
 * What a run did.
 *
 * @example
 * ```ts
 * import type { ReconcileOutcome } from "./Reconcile.ts"
 * ```
 * @category models
 */
export interface ReconcileOutcome {
  readonly before: State
  readonly after: State
  readonly changes: StateChanges
  readonly ran: ReadonlyArray<PhaseName>
  readonly metricsBefore: Metrics
  readonly metricsAfter: Metrics
  readonly written: ReadonlyArray<WrittenFile>
  /** S3 folder markers the listing skipped (not files). */
  readonly folderMarkers: ReadonlyArray<ObjectKey>
  /** What taking the lock cleaned up (an interrupted commit, leftover temp files), one line each. */
  readonly notes: ReadonlyArray<string>
  /** The requests the store sent for this run: listing pages and metadata reads. */
  readonly requests: StoreRequests
}

/**
 * Runs the phases and applies the result. Bad input fails before anything is written; a
 * listing that fails fails before anything is written. A run that writes first takes the lock
 * and finishes or undoes a commit a killed run left (`openWriteSession`).
 *
 * @example
 * ```ts
 * import { reconcile } from "./Reconcile.ts"
 * import { makeSettings } from "./Settings.ts"
 * const outcome = reconcile(makeSettings({ clientsFile: "clients.csv", bucket: "file:///bucket" }), { phase: "all", dryRun: false })
 * ```
 * @category programs
 */
export const reconcile: (
  settings: Settings,
  options: ReconcileOptions
) => Effect.Effect<
  ReconcileOutcome,
  CsvError | EvidenceError | InventoryError | StoreError | UsageError,
  ObjectStore | UuidGenerator | Disk
> = Effect.fn(
  "uuidmap.reconcile"
)(function*(settings: Settings, options: ReconcileOptions) {
  const now = new Date(yield* Clock.currentTimeMillis)
  const session = options.dryRun ? undefined : yield* openWriteSession(settings, now)
  const loaded = yield* loadRun(settings, options.phase)
  const run = runPhases(loaded.state, options.phase)
  const changes = diffStates(loaded.state, run.state)
  const written = session === undefined || !hasChanges(changes) ? [] : yield* writeResult(settings, session, loaded, run.state, now)
  const outcome: ReconcileOutcome = {
    before: loaded.state,
    after: run.state,
    changes,
    ran: run.ran,
    metricsBefore: computeMetrics(loaded.state),
    metricsAfter: computeMetrics(run.state),
    written,
    folderMarkers: loaded.folderMarkers,
    notes: session?.notes ?? [],
    requests: yield* (yield* ObjectStore).requests
  }
  return outcome
}, Effect.scoped)
