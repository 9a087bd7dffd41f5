/**
 * The success metrics of the original plan (SPEC §6): how much of the bucket is mapped and
 * how many clients are tracked, computed from a state.
 *
 * @module
 */
import type { State } from "../domain/State.ts"
import { makeKeyClassifier } from "./ClassifyKey.ts"

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
  const classify = makeKeyClassifier(new Set(state.clients.map((client) => client.rowId)), state.layout)
  const statusByKey = new Map<string, string>()
  let missing = 0
  for (const mapping of state.ledger) {
    if (mapping.status === "missing") missing++
    else if (mapping.key !== null) statusByKey.set(mapping.key, mapping.status)
  }
  let clientFolderFiles = 0
  let clientFolderMapped = 0
  let poolFiles = 0
  let poolMapped = 0
  let poolReview = 0
  for (const key of state.objects.keys()) {
    const place = classify(key)
    const status = statusByKey.get(key)
    if (place._tag === "ClientFolder") {
      clientFolderFiles++
      if (status === "mapped") clientFolderMapped++
    } else if (place._tag === "Pool" && place.uuid !== undefined) {
      poolFiles++
      if (status === "mapped") poolMapped++
      else if (status === "review") poolReview++
    }
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
