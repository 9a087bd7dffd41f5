/**
 * What the phases need to know about the clients' row ids, apart from their tracking cells:
 * each row id's position in the CSV and the key classifier built on them. Phases rewrite the
 * tracking cells (a new clients array) but never the row ids, so the roster of a clients array
 * is remembered and handed on to the arrays derived from it; the indexes built on a roster
 * (see `ObjectCatalogue`) then survive from phase to phase. Pure memoisation: the arrays are
 * immutable, so nothing observable changes.
 *
 * @module
 */
import type { Layout } from "../domain/State.ts"
import type { RowId } from "../domain/RowId.ts"
import { type KeyPlace, makeKeyClassifier } from "./ClassifyKey.ts"
import { clientOrderOf } from "./Redecide.ts"

type Clients = ReadonlyArray<{ readonly rowId: RowId }>

/**
 * Each row id's position in the CSV (what `clientOrderOf` gives) and the set of row ids.
 *
 * @category models
 */
export interface Roster {
  readonly order: ReadonlyMap<RowId, number>
  readonly rowIds: ReadonlySet<string>
}

const rosters = new WeakMap<Clients, Roster>()
// The classifiers built on each roster, one per pool prefix.
const classifiers = new WeakMap<Roster, Map<string, (key: string) => KeyPlace>>()

/**
 * The roster of a clients array, built once per array (or per family of arrays with the same
 * row ids in the same order, see `keepRoster`).
 *
 * @category constructors
 */
export const rosterOf = (clients: Clients): Roster => {
  let roster = rosters.get(clients)
  if (roster === undefined) {
    const order = clientOrderOf(clients)
    roster = { order, rowIds: new Set(order.keys()) }
    rosters.set(clients, roster)
  }
  return roster
}

/**
 * Hands a roster on to a clients array with the same row ids in the same order (only the
 * tracking cells differ), so that indexes built on it are reused.
 *
 * @category constructors
 */
export const keepRoster = (from: Clients, to: Clients): void => {
  const roster = rosters.get(from)
  if (roster !== undefined && from !== to) rosters.set(to, roster)
}

/**
 * The key classifier of a clients array and layout, the same function every time they are the
 * same (so it can key further memoisation).
 *
 * @category classification
 */
export const classifierOf = (clients: Clients, layout: Layout): (key: string) => KeyPlace => {
  const roster = rosterOf(clients)
  let byPrefix = classifiers.get(roster)
  if (byPrefix === undefined) {
    byPrefix = new Map()
    classifiers.set(roster, byPrefix)
  }
  let classify = byPrefix.get(layout.poolPrefix)
  if (classify === undefined) {
    // Only the prefix of the layout matters to the classifier.
    classify = makeKeyClassifier(roster.rowIds, { poolPrefix: layout.poolPrefix })
    byPrefix.set(layout.poolPrefix, classify)
  }
  return classify
}
