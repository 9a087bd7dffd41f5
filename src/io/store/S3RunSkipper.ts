/**
 * After a fallback, the flat listing must not yield again what the tiles already yielded.
 * Each tile yielded a run of consecutive keys of the server's own order (its pages were
 * checked to be in order), from its first key to its last; a server that lists the same keys
 * in the same order every time shows each run whole, once, in a flat listing. Remembering two
 * keys a tile is enough to skip exactly those keys, with memory bounded by the number of
 * tiles, not of keys; a flat listing that shows the runs otherwise is reported, never guessed
 * around.
 *
 * @module
 */

/**
 * The keys a tile yielded before the listing fell back: a run of consecutive keys of the
 * server's own order, from `first` to `last`.
 *
 * @category models
 */
export interface YieldedRun {
  readonly first: string
  readonly last: string
}

/**
 * Tells, key by key along a flat listing of the same server, whether a key was already
 * yielded by a tile: inside a run, from its first key to its last. A server that lists the
 * same keys in the same order every time shows each run whole and once; anything else is a
 * problem, reported by `problem` (checked after each page and at the end).
 *
 * @category checks
 */
export const makeRunSkipper = (runs: ReadonlyArray<YieldedRun>) => {
  const ends = new Map(runs.map((run) => [run.first, run.last]))
  let from: string | undefined
  let until: string | undefined
  let found = 0
  let trouble: string | undefined
  return {
    isNew: (key: string): boolean => {
      if (until !== undefined) {
        if (ends.has(key)) trouble ??= `listed "${key}" between "${from}" and "${until}", which it had listed together`
        if (key === until) until = undefined
        return false
      }
      const end = ends.get(key)
      if (end === undefined) return true
      found += 1
      from = key
      if (end !== key) until = end
      return false
    },
    problem: (ended: boolean): string | undefined => {
      if (trouble !== undefined || !ended) return trouble
      if (until !== undefined) return `never listed "${until}" again`
      return found < ends.size ? `listed only ${found} of the ${ends.size} stretches of keys it had listed before` : undefined
    }
  }
}
