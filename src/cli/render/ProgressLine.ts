/**
 * The listing progress line (issue 3): one line on stderr, rewritten in place, only when
 * stderr is a terminal and the user did not ask for `--quiet`. CI logs never see it.
 *
 * @module
 */

/**
 * What the line shows.
 *
 * @category models
 */
interface ProgressSnapshot {
  readonly objects: number
  readonly prefixesDone: number
  readonly prefixesTotal: number
  readonly elapsedMs: number
}

/**
 * Formats one progress line.
 *
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
