/**
 * A small model of ListObjectsV2, written from the S3 documentation rather than from the code
 * under test, that can misbehave on purpose. It answers `S3ListQuery`s the way a server
 * answers HTTP requests: keys under `Prefix`, after `StartAfter` or the continuation token,
 * at most `pageSize` entries (keys and common prefixes together), and with a `Delimiter` the
 * keys that hold it rolled up into one common prefix each.
 *
 * Its own order is UTF-8 byte order (`Buffer.compare`), or, to model a server that sorts
 * differently, UTF-16 code units or case-insensitive order, used consistently for listing,
 * `StartAfter` and tokens alike.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import type { S3ListAnswer, S3ListQuery, S3ListSource } from "../../src/io/store/S3ListSource.ts"

/**
 * The ways the model can be wrong.
 *
 * - `dropPrefixes`: leave common prefixes out: all but the last of each page, or at random.
 * - `repeatPrefixes`: report each common prefix twice, and the previous page's again.
 * - `shufflePrefixes`: report a page's common prefixes in reverse, plus one from before the
 *   start.
 * - `shortPages`: stop pages early, at random.
 * - `emptyPages`: answer some requests with no entries at all but `IsTruncated` and a token.
 * - `ignoreStartAfterWithDelimiter`: list from the start of the prefix when a delimiter is
 *   given.
 * - `order`: the server's own order.
 */
export interface Misbehaviour {
  readonly dropPrefixes?: "all-but-one" | "random" | undefined
  readonly repeatPrefixes?: boolean | undefined
  readonly shufflePrefixes?: boolean | undefined
  readonly shortPages?: boolean | undefined
  readonly emptyPages?: boolean | undefined
  readonly ignoreStartAfterWithDelimiter?: boolean | undefined
  readonly order?: "utf8" | "utf16" | "case-insensitive" | undefined
}

/** What the model was asked, for assertions about the requests a listing made. */
export interface ModelServer {
  readonly source: S3ListSource
  readonly queries: ReadonlyArray<S3ListQuery>
}

const utf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"))
const orders = {
  "utf8": utf8,
  "utf16": (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0),
  "case-insensitive": (a: string, b: string) => utf8(a.toLowerCase(), b.toLowerCase()) || utf8(a, b)
} as const

/**
 * A model server over `keys` (distinct), with pages of `pageSize`, misbehaving as asked;
 * `random` (0 ≤ x < 1) drives every random choice, so a seed replays a run.
 */
export const makeModelServer = (
  keys: ReadonlyArray<string>,
  pageSize: number,
  misbehaviour: Misbehaviour,
  random: () => number
): ModelServer => {
  const compare = orders[misbehaviour.order ?? "utf8"]
  const sorted = [...keys].sort(compare)
  const queries: Array<S3ListQuery> = []
  // A token names the position in the server's order after the last key a page consumed.
  const tokens = new Map<string, number>()
  let previousPrefixes: Array<string> = []

  const issue = (position: number): string => {
    const token = `token-${tokens.size}`
    tokens.set(token, position)
    return token
  }

  const answer = (query: S3ListQuery): S3ListAnswer => {
    const ignoreStart = misbehaviour.ignoreStartAfterWithDelimiter === true && query.delimiter !== undefined
    const startAfter = ignoreStart ? undefined : query.startAfter
    let start = 0
    if (query.token !== undefined) {
      const position = tokens.get(query.token)
      if (position === undefined) throw new Error(`unknown token ${query.token}`)
      start = position
    } else if (startAfter !== undefined) {
      while (start < sorted.length && compare(sorted[start]!, startAfter) <= 0) start += 1
    }
    if (misbehaviour.emptyPages === true && random() < 0.2) return { entries: [], commonPrefixes: [], next: issue(start) }
    // The keys under the prefix from the position on, a run of keys that share a common
    // prefix rolled up into one item; each item remembers where it ends.
    const items: Array<{ name: string; rolledUp: boolean; end: number }> = []
    for (let i = start; i < sorted.length; i++) {
      const key = sorted[i]!
      if (!key.startsWith(query.prefix)) continue
      const cut = query.delimiter === undefined ? -1 : key.indexOf(query.delimiter, query.prefix.length)
      const name = cut === -1 ? key : key.slice(0, cut + query.delimiter!.length)
      const last = items.at(-1)
      if (cut !== -1 && last?.rolledUp === true && last.name === name) {
        last.end = i + 1
        continue
      }
      items.push({ name, rolledUp: cut !== -1, end: i + 1 })
    }
    const size = misbehaviour.shortPages === true ? 1 + Math.floor(random() * pageSize) : pageSize
    const page = items.slice(0, size)
    const entries = page.filter((item) => !item.rolledUp).map((item) => ({
      key: item.name,
      size: item.name.length,
      etag: `"${item.name.length}"`,
      lastModified: "2024-05-01T10:00:00.000Z"
    }))
    const last = page.at(-1)
    const next = items.length > page.length && last !== undefined ? issue(last.end) : undefined
    return { entries, commonPrefixes: misreport(page.filter((item) => item.rolledUp).map((item) => item.name), query), next }
  }

  const misreport = (prefixes: Array<string>, query: S3ListQuery): Array<string> => {
    let reported = prefixes
    if (misbehaviour.dropPrefixes === "all-but-one") reported = reported.slice(-1)
    if (misbehaviour.dropPrefixes === "random") reported = reported.filter(() => random() < 0.5)
    if (misbehaviour.shufflePrefixes === true) {
      reported = [...reported].reverse()
      const before = sorted.find((key) => key.startsWith(query.prefix) && key.includes("/", query.prefix.length))
      if (before !== undefined) reported.push(before.slice(0, before.indexOf("/", query.prefix.length) + 1))
    }
    if (misbehaviour.repeatPrefixes === true) reported = [...previousPrefixes, ...reported, ...reported]
    previousPrefixes = prefixes
    return reported
  }

  return {
    queries,
    source: (query) =>
      Effect.sync(() => {
        queries.push(query)
        return answer(query)
      })
  }
}
