/**
 * The success metrics of the original plan (SPEC §6): how much of the bucket is mapped and
 * how many clients are tracked, computed from a state.
 *
 * @module
 */
import type { State } from "../domain/State.ts"
import { isSortedLedger, keyFinder } from "./internal/LedgerIndex.ts"
import { catalogueOf } from "./ObjectCatalogue.ts"
import { classifierOf } from "./Roster.ts"

/**
 * The metrics. `files` counts the objects uuidmap can map: files in the folders of known
 * clients plus UUID-named pool files; `orphaned` is pool files not mapped.
 *
 * @example
 * ```ts
 * import { computeMetrics } from "./Metrics.ts"
 * const metrics = computeMetrics(state)
 * metrics.filesMapped / metrics.files
 * ```
 * @category models
 */
export interface Metrics {
  readonly files: number
  readonly filesMapped: number
  readonly clientFolderFiles: number
  readonly clientFolderMapped: number
  readonly poolFiles: number
  readonly poolMapped: number
  readonly poolReview: number
  readonly poolUnmapped: number
  readonly orphaned: number
  readonly clients: number
  readonly clientsTracked: number
  readonly missing: number
  readonly findings: number
}

/**
 * Computes the metrics of a state.
 *
 * @example
 * ```ts
 * import { computeMetrics } from "./Metrics.ts"
 * const { clientsTracked, clients } = computeMetrics(state)
 * ```
 * @category metrics
 */
export const computeMetrics = (state: State): Metrics => {
  const { folderKeys, uuidPoolKeys } = catalogueOf(state.objects, classifierOf(state.clients, state.layout))
  let missing = 0
  for (const mapping of state.ledger) if (mapping.status === "missing") missing++
  const statusOf = statusLookup(state.ledger)
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
const statusLookup = (ledger: State["ledger"]): (key: string) => string | undefined => {
  if (isSortedLedger(ledger)) {
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
 * @example
 * ```ts
 * import { formatRatio } from "./Metrics.ts"
 * formatRatio(23, 138) // "23/138 (17%)"
 * formatRatio(4, 483) // "4/483 (0.8%)"
 * ```
 * @category formatting
 */
export const formatRatio = (part: number, whole: number): string => {
  if (whole === 0) return `${part}/0 (-)`
  const percent = (part / whole) * 100
  const shown = percent > 0 && percent < 10 ? percent.toFixed(1) : Math.round(percent).toString()
  return `${part}/${whole} (${shown}%)`
}
