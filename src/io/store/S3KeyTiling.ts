/**
 * The arithmetic of the tiled listing, with no I/O: how the key space after the first page
 * is cut into tiles, what a tile keeps, and the checks that catch a server whose order or
 * `StartAfter` differs from S3's.
 *
 * After the first flat page (last key L), the key space under the listed prefix is tiled
 * with half-open intervals (c0, c1], (c1, c2], …, (ck, end) with c0 = L. The cuts form a
 * strictly increasing chain: a candidate is accepted only when it sorts after the last cut
 * accepted (the frontier), so a common prefix that a server leaves out, repeats, reports out
 * of order or reports before L can only make a tile longer. Every key after L lies in
 * exactly one interval, whatever the cuts are; discovery only decides where they fall.
 *
 * A tile is listed flat with `StartAfter = ci`. It keeps the keys of its interval and stops
 * after the first page that goes past ci+1. Tiles start before their end is known: the open
 * tile runs towards the end of the prefix until a cut closes it, so a cut is accepted only
 * after the frontier, which is also past every key the open tile has read. That stop, and `StartAfter` itself, rely on the
 * server sorting keys as S3 does (UTF-8 bytes), so every tile checks what it is given:
 *
 * 1. each key sorts after `StartAfter`, and after the key before it in the same listing;
 * 2. the first key a tile sees is the first key past the end of the tile before it (S3
 *    lists the same successor of ci+1 to both), or neither tile sees one.
 *
 * A server that lists keys in any other order, drops or repeats keys at a page boundary, or
 * ignores `StartAfter` fails one of these; `S3TiledListing` then lists the rest flat, skipping
 * what the tiles already yielded (`S3RunSkipper`).
 *
 * @module
 */
import { compareS3Keys } from "./S3KeyOrder.ts"
import type { S3ListedEntry } from "./S3ListSource.ts"
import { firstLevelPrefixOf } from "./S3PrefixParallelListing.ts"

/**
 * One tile: the keys after `after` up to and including `upTo`, or to the end of the listed
 * prefix while `upTo` is undefined (the open tile). Tiles are created open, one at a time;
 * the next cut closes the open tile and opens the next. `index` orders tiles from 0.
 * `lastSeen` is the last key the tile's listing has read and `ended` says it read to the end
 * of the listing while open: both bound where a later cut may fall.
 *
 * @category models
 */
export interface KeyTile {
  readonly index: number
  readonly after: string
  upTo: string | undefined
  lastSeen: string | undefined
  ended: boolean
}

/**
 * Builds the chain of cuts from candidates as they arrive. `first` is the open tile after
 * `start`. A candidate is accepted only when it sorts after the frontier: the last cut
 * accepted and the last key the open tile has read (a cut behind it would list keys twice);
 * once the open tile has read to the end, nothing is. Every `prefixesPerTile` accepted
 * candidates, `offer` closes the open tile at the candidate and returns the next open tile.
 *
 * @category constructors
 */
export const makeTilePlanner = (listPrefix: string, start: string, prefixesPerTile: number) => {
  const perTile = Math.max(1, Math.floor(prefixesPerTile))
  const openTile = (index: number, after: string): KeyTile => ({ index, after, upTo: undefined, lastSeen: undefined, ended: false })
  const first = openTile(0, start)
  let open = first
  let accepted = start
  let sinceCut = 0
  const frontier = (): string => {
    const seen = open.lastSeen
    return seen !== undefined && compareS3Keys(seen, accepted) > 0 ? seen : accepted
  }
  return {
    first,
    offer: (candidate: string): KeyTile | undefined => {
      // A prefix outside the listed one would only cut off an empty stretch.
      if (open.ended || !candidate.startsWith(listPrefix) || compareS3Keys(candidate, frontier()) <= 0) return undefined
      accepted = candidate
      sinceCut += 1
      if (sinceCut < perTile) return undefined
      sinceCut = 0
      open.upTo = candidate
      open = openTile(open.index + 1, candidate)
      return open
    }
  }
}

/**
 * How many first-level prefixes a tile should span so that it holds about `targetKeys`
 * keys, estimated from the keys of the first page: a page that spans n prefixes holds about
 * n − 1 whole ones (the last goes on past it). A page within a single prefix means large
 * prefixes: one each.
 *
 * @category constructors
 */
export const prefixesPerTileFor = (listPrefix: string, keys: ReadonlyArray<string>, targetKeys: number): number => {
  const spanned = new Set<string>()
  for (const key of keys) {
    const prefix = firstLevelPrefixOf(listPrefix, key)
    if (prefix !== undefined) spanned.add(prefix)
  }
  if (spanned.size <= 1) return 1
  const keysPerPrefix = keys.length / (spanned.size - 1)
  return Math.max(1, Math.round(targetKeys / keysPerPrefix))
}

/**
 * The first pair of neighbours in `keys` that is not in strictly increasing S3 order, as a
 * sentence, or undefined when the sequence is in order.
 *
 * @category checks
 */
export const orderViolationIn = (keys: ReadonlyArray<string>): string | undefined => {
  for (let i = 1; i < keys.length; i++) {
    if (compareS3Keys(keys[i]!, keys[i - 1]!) <= 0) return `listed "${keys[i]}" after "${keys[i - 1]}"`
  }
  return undefined
}

/**
 * What one page of a tile gave: the entries to yield, whether the tile is done (a key past
 * its end, or past the listed prefix), and the broken rule when the page breaks one (then
 * nothing of it may be used).
 *
 * @category models
 */
interface TilePage {
  readonly kept: ReadonlyArray<S3ListedEntry>
  readonly passedEnd: boolean
  readonly violation: string | undefined
}

/**
 * Reads the pages of one tile in order, checking rule 1 across pages and keeping the tile's
 * `lastSeen` up to date. It reads `upTo` afresh for every key, since a cut may close the
 * tile while it is listed. `first` is the first key under the listed prefix the tile saw,
 * `beyond` the first one past its end (both undefined until seen), for rule 2.
 *
 * @category checks
 */
export const makeTileScanner = (listPrefix: string, tile: KeyTile) => {
  let previous: string | undefined
  let first: string | undefined
  let beyond: string | undefined
  const scan = (entries: ReadonlyArray<S3ListedEntry>): TilePage => {
    const kept: Array<S3ListedEntry> = []
    let passedEnd = false
    for (const entry of entries) {
      const key = entry.key
      if (compareS3Keys(key, tile.after) <= 0) {
        return { kept: [], passedEnd, violation: `listed "${key}" in a listing asked to start after "${tile.after}"` }
      }
      if (previous !== undefined && compareS3Keys(key, previous) <= 0) {
        return { kept: [], passedEnd, violation: `listed "${key}" after "${previous}"` }
      }
      previous = key
      tile.lastSeen = key
      if (!key.startsWith(listPrefix)) {
        // Keys before the prefix sort before `after`; this one is past every key under it.
        passedEnd = true
        continue
      }
      first ??= key
      if (tile.upTo !== undefined && compareS3Keys(key, tile.upTo) > 0) {
        beyond ??= key
        passedEnd = true
        continue
      }
      kept.push(entry)
    }
    return { kept, passedEnd, violation: undefined }
  }
  return { scan, first: () => first, beyond: () => beyond }
}

/**
 * Rule 2 for every boundary between tiles: tile j−1 reports the first key it saw past its
 * end (null: its listing ended first), tile j the first key it saw (null: none). Whichever
 * reports second gets the verdict: the broken rule as a sentence, or undefined.
 *
 * @category checks
 */
export const makeBoundaryChecks = () => {
  const beyond = new Map<number, string | null>()
  const first = new Map<number, string | null>()
  const verdict = (boundary: number, cut: string): string | undefined => {
    const before = beyond.get(boundary)
    const after = first.get(boundary)
    if (before === undefined || after === undefined || before === after) return undefined
    const end = before === null ? "nothing" : `"${before}"`
    const start = after === null ? "nothing" : `"${after}"`
    return `listed ${start} first after "${cut}", but ${end} first past it in the listing before`
  }
  return {
    beyondEnd: (tile: KeyTile, key: string | null): string | undefined => {
      if (tile.upTo === undefined) return undefined
      beyond.set(tile.index + 1, key)
      return verdict(tile.index + 1, tile.upTo)
    },
    firstSeen: (tile: KeyTile, key: string | null): string | undefined => {
      if (tile.index === 0) return undefined
      first.set(tile.index, key)
      return verdict(tile.index, tile.after)
    }
  }
}
