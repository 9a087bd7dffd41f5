/**
 * The listing progress line (issue 3): one line on stderr, rewritten in place, only when
 * stderr is a terminal and the user did not ask for `--quiet`. CI logs never see it.
 *
 * @module
 */

/**
 * What the line shows.
 *
 * @example
 * ```ts
 * import type { ProgressSnapshot } from "./ProgressLine.ts"
 * const snapshot: ProgressSnapshot = { objects: 1000, prefixesDone: 2, prefixesTotal: 8, elapsedMs: 500 }
 * ```
 * @category models
 */
export interface ProgressSnapshot {
  readonly objects: number
  readonly prefixesDone: number
  readonly prefixesTotal: number
  readonly elapsedMs: number
}

/**
 * Formats one progress line.
 *
 * @example
 * ```ts
 * import { formatProgress } from "./ProgressLine.ts"
 * formatProgress({ objects: 12000, prefixesDone: 3, prefixesTotal: 8, elapsedMs: 2000 })
 * // "Listing: 12,000 objects (6,000/s), prefixes 3/8"
 * ```
 * @category rendering
 */
export const formatProgress = (p: ProgressSnapshot): string => {
  const rate = p.elapsedMs > 0 ? Math.round((p.objects * 1000) / p.elapsedMs) : 0
  const prefixes = p.prefixesTotal > 0 ? `, prefixes ${p.prefixesDone}/${p.prefixesTotal}` : ""
  return `Listing: ${p.objects.toLocaleString("en")} objects (${rate.toLocaleString("en")}/s)${prefixes}`
}

/**
 * A progress callback for the store, or undefined when no line should be drawn. Redraws at
 * most ten times a second; `finish` clears the line.
 *
 * @example
 * ```ts
 * import { makeProgressLine } from "./ProgressLine.ts"
 * const line = makeProgressLine(false)
 * line?.update({ objects: 1, prefixesDone: 0, prefixesTotal: 0, elapsedMs: 1 })
 * line?.finish()
 * ```
 * @category rendering
 */
export const makeProgressLine = (quiet: boolean) => {
  if (quiet || process.stderr.isTTY !== true) return undefined
  let last = 0
  let drawn = false
  return {
    update: (p: ProgressSnapshot) => {
      const now = performance.now()
      if (now - last < 100) return
      last = now
      drawn = true
      process.stderr.write(`\r\u001b[2K${formatProgress(p)}`)
    },
    finish: () => {
      if (drawn) process.stderr.write("\r\u001b[2K")
    }
  }
}
