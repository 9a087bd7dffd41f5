/**
 * Contiguous key ranges for the range-parallel listing: runs of consecutive first-level
 * prefixes (client folders), each listed by one flat paginated listing that starts just
 * below its first prefix and stops once it passes its last. A bucket of 100,000 small folders
 * then costs about one request per page of objects, not one per folder.
 *
 * A range holds the non-direct keys of its key interval: from its first prefix up to and
 * including everything under its last. Keys directly under the listed prefix (no `/` after
 * it) never belong to a range: the `Delimiter` listing that found the prefixes returns them.
 * Neighbours that sort between prefixes, such as `502-x/a.txt` or `502.txt` between `502`
 * and `502/`, thus belong to exactly one place: their own prefix's range, or the discovery.
 * All comparisons use S3's order (`compareS3Keys`).
 *
 * @module
 */
import { compareS3Keys } from "./S3KeyOrder.ts"

/**
 * A run of consecutive first-level prefixes (full S3 prefixes, each ending in `/`): the
 * first, the last and how many there are (progress counts them).
 *
 * @example
 * ```ts
 * import type { S3KeyRange } from "./S3KeyRange.ts"
 * const range: S3KeyRange = { first: "tenant/502/", last: "tenant/517/", prefixes: 16 }
 * ```
 * @category models
 */
export interface S3KeyRange {
  readonly first: string
  readonly last: string
  readonly prefixes: number
}

/**
 * How many ranges to cut a batch of `prefixCount` prefixes into: a multiple of
 * `concurrency` (so the workers finish together) from `concurrency` to `concurrency × 4`,
 * aiming at `minPrefixesPerRange` prefixes a range, and never more ranges than prefixes.
 * Few large ranges waste little: a range's last page also holds keys beyond it, up to a page
 * listed for nothing; many small ones balance the workers better.
 *
 * @example
 * ```ts
 * import { rangeCountFor } from "./S3KeyRange.ts"
 * rangeCountFor(380, 8, 40) // 8: about 2 pages of 50-object folders each
 * rangeCountFor(380, 8, 1) // 32
 * rangeCountFor(3, 8, 1) // 3
 * ```
 * @category constructors
 */
export const rangeCountFor = (prefixCount: number, concurrency: number, minPrefixesPerRange: number): number => {
  const workers = Math.max(1, Math.floor(concurrency))
  const perWorker = Math.round(prefixCount / (Math.max(1, minPrefixesPerRange) * workers))
  return Math.max(1, Math.min(prefixCount, workers * Math.min(4, Math.max(1, perWorker))))
}

/**
 * Splits first-level prefixes into at most `rangeCount` ranges of consecutive prefixes, as
 * even as possible and at least one prefix each. The prefixes are sorted in S3's order first;
 * each should appear once.
 *
 * @example
 * ```ts
 * import { groupPrefixesIntoRanges } from "./S3KeyRange.ts"
 * groupPrefixesIntoRanges(["a/", "b/", "c/", "d/", "e/"], 2)
 * // [{ first: "a/", last: "c/", prefixes: 3 }, { first: "d/", last: "e/", prefixes: 2 }]
 * ```
 * @category constructors
 */
export const groupPrefixesIntoRanges = (
  prefixes: ReadonlyArray<string>,
  rangeCount: number
): Array<S3KeyRange> => {
  const sorted = [...prefixes].sort(compareS3Keys)
  const count = Math.min(sorted.length, Math.max(1, Math.floor(rangeCount)))
  const ranges: Array<S3KeyRange> = []
  let start = 0
  for (let i = 0; i < count; i++) {
    // The first (length % count) ranges take one prefix more.
    const size = Math.floor(sorted.length / count) + (i < sorted.length % count ? 1 : 0)
    const first = sorted[start]
    const last = sorted[start + size - 1]
    if (first !== undefined && last !== undefined) ranges.push({ first, last, prefixes: size })
    start += size
  }
  return ranges
}

/**
 * The `StartAfter` that makes a listing begin just below `prefix`: every key under it sorts
 * later, and almost nothing else does. For `502/` it is `502.` followed by U+FFFD, so `502.txt`
 * and `502-x/` (which sort before `502/`) are skipped. Without a trailing `/` it falls back to
 * the prefix minus its last character, which also sorts before every key under it.
 *
 * @example
 * ```ts
 * import { startAfterBelow } from "./S3KeyRange.ts"
 * startAfterBelow("tenant/502/") // "tenant/502.\uFFFD"
 * ```
 * @category ordering
 */
export const startAfterBelow = (prefix: string): string => {
  if (prefix.endsWith("/")) return `${prefix.slice(0, -1)}.\uFFFD`
  return Array.from(prefix).slice(0, -1).join("")
}

/**
 * Tells whether `key` sorts after every key of `range`, so a listing of the range can stop:
 * it is not under the range's last prefix and sorts after it.
 *
 * @example
 * ```ts
 * import { isKeyBeyondRange } from "./S3KeyRange.ts"
 * const range = { first: "502/", last: "503/", prefixes: 2 }
 * isKeyBeyondRange(range, "503/Ann/a.pdf") // false
 * isKeyBeyondRange(range, "503a/x.pdf") // true
 * ```
 * @category ordering
 */
export const isKeyBeyondRange = (range: S3KeyRange, key: string): boolean =>
  !key.startsWith(range.last) && compareS3Keys(key, range.last) > 0

/**
 * Tells whether a range's listing keeps `key` (a full key under `listPrefix`): a key with a
 * `/` after `listPrefix` that sorts from the range's first prefix up to the end of its last.
 * Direct keys are left to the `Delimiter` listing that found the prefixes.
 *
 * @example
 * ```ts
 * import { isKeyInRange } from "./S3KeyRange.ts"
 * const range = { first: "502/", last: "503/", prefixes: 2 }
 * isKeyInRange("", range, "502/Sam/a.pdf") // true
 * isKeyInRange("", range, "502.txt") // false: before 502/, and direct
 * isKeyInRange("", range, "502a.txt") // false: direct
 * ```
 * @category ordering
 */
export const isKeyInRange = (listPrefix: string, range: S3KeyRange, key: string): boolean =>
  key.indexOf("/", listPrefix.length) !== -1 &&
  compareS3Keys(key, range.first) >= 0 &&
  !isKeyBeyondRange(range, key)
