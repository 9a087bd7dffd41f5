/**
 * The success metrics of the original plan (SPEC §6): how much of the bucket is mapped and
 * how many clients are tracked, computed from a state.
 *
 * @module
 */
import type { State } from "../domain/State.ts"
import { type IndexedLedger, indexLedger, keyFinder } from "./internal/LedgerIndex.ts"
import { buildRunIndex, type RunIndex } from "./RunIndex.ts"

/**
 * The metrics. `files` counts the objects uuidmap can map: files in the folders of known
 * clients plus UUID-named pool files; `orphaned` is pool files not mapped.
 *
 * @example The plan's success metrics
 * ```ts
 * import assert from "node:assert/strict"
 * import { computeMetrics, type Metrics, runPipelinePromise } from "uuidmap"
 *
 * const { before, state } = await runPipelinePromise({
 *   clients: [{ rowId: "502", tracked: false, uuids: [] }, { rowId: "503", tracked: false, uuids: [] }],
 *   objects: [{ key: "502/a.pdf", size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]
 * })
 * const was: Metrics = computeMetrics(before)
 * const now: Metrics = computeMetrics(state)
 * assert.deepStrictEqual([was.filesMapped, was.files, was.clientsTracked], [0, 1, 0])
 * assert.deepStrictEqual([now.filesMapped, now.files, now.clientsTracked], [1, 1, 2])
 * ```
 * @category models
 */
export interface Metrics {
  /** Objects uuidmap can map: client-folder files of known clients and UUID-named pool files. */
  readonly files: number
  /** Of those, the mapped ones. */
  readonly filesMapped: number
  /** Files in the folders of clients in the CSV. */
  readonly clientFolderFiles: number
  /** Of those, the mapped ones. */
  readonly clientFolderMapped: number
  /** UUID-named files in the pool. */
  readonly poolFiles: number
  /** Pool files with an owner. */
  readonly poolMapped: number
  /** Pool files waiting for a person. */
  readonly poolReview: number
  /** Pool files without evidence. */
  readonly poolUnmapped: number
  /** Pool files not mapped (in review or unmapped). */
  readonly orphaned: number
  /** Client rows. */
  readonly clients: number
  /** Client rows with tracking columns filled. */
  readonly clientsTracked: number
  /** Ledger rows whose file is no longer in the bucket. */
  readonly missing: number
  /** Things reported and never guessed. */
  readonly findings: number
}

/**
 * Computes the metrics of a state.
 *
 * @example Orphaned pool files
 * ```ts
 * import assert from "node:assert/strict"
 * import { computeMetrics, runPipelinePromise } from "uuidmap"
 *
 * const { state } = await runPipelinePromise({
 *   clients: [{ rowId: "502", tracked: false, uuids: [] }],
 *   objects: [{ key: "files/3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f.pdf", size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]
 * })
 * const metrics = computeMetrics(state)
 * assert.equal(metrics.poolFiles, 1)
 * assert.equal(metrics.orphaned, 1) // no evidence names an owner
 * assert.equal(metrics.poolUnmapped, 1)
 * ```
 * @category metrics
 */
export const computeMetrics = (state: State): Metrics => computeMetricsIn(state, buildRunIndex(state))

/**
 * `computeMetrics` on an index of the state's inputs (`buildRunIndex`).
 *
 * @category metrics
 */
export const computeMetricsIn = (state: State, index: RunIndex): Metrics => {
  const { folderKeys, uuidPoolKeys } = index.catalogue
  let missing = 0
  for (const mapping of state.ledger) if (mapping.status === "missing") missing++
  const statusOf = statusLookup(indexLedger(state.ledger))
  const clientFolderFiles = folderKeys.length
  let clientFolderMapped = 0
  for (const key of folderKeys) if (statusOf(key) === "mapped") clientFolderMapped++
  const poolFiles = uuidPoolKeys.length
  let poolMapped = 0
  let poolReview = 0
  for (const key of uuidPoolKeys) {
    const status = statusOf(key)
    if (status === "mapped") poolMapped++
    else if (status === "review") poolReview++
  }
  return {
    files: clientFolderFiles + poolFiles,
    filesMapped: clientFolderMapped + poolMapped,
    clientFolderFiles,
    clientFolderMapped,
    poolFiles,
    poolMapped,
    poolReview,
    poolUnmapped: poolFiles - poolMapped - poolReview,
    orphaned: poolFiles - poolMapped,
    clients: state.clients.length,
    clientsTracked: state.clients.filter((client) => client.tracked).length,
    missing,
    findings: state.findings.length
  }
}

// The status of the last row (in ledger order) with a key that is not missing. A sorted
// ledger has one row per key, found by searching it; any other gets a map built here.
const statusLookup = (indexed: IndexedLedger): (key: string) => string | undefined => {
  const ledger = indexed.rows
  if (indexed.sorted) {
    const find = keyFinder(ledger)
    return (key) => {
      const mapping = find(key)
      return mapping === undefined || mapping.status === "missing" ? undefined : mapping.status
    }
  }
  const statusByKey = new Map<string, string>()
  for (const mapping of ledger) if (mapping.status !== "missing" && mapping.key !== null) statusByKey.set(mapping.key, mapping.status)
  return (key) => statusByKey.get(key)
}

/**
 * Formats `part/whole (p%)` the way the plan's table does: whole percents, one decimal below 10%.
 *
 * @example As the plan's table shows them
 * ```ts
 * import assert from "node:assert/strict"
 * import { formatRatio } from "./Metrics.ts"
 *
 * assert.equal(formatRatio(23, 138), "23/138 (17%)")
 * assert.equal(formatRatio(4, 483), "4/483 (0.8%)")
 * ```
 * @category formatting
 */
export const formatRatio = (part: number, whole: number): string => {
  if (whole === 0) return `${part}/0 (-)`
  const percent = (part / whole) * 100
  const shown = percent > 0 && percent < 10 ? percent.toFixed(1) : Math.round(percent).toString()
  return `${part}/${whole} (${shown}%)`
}
