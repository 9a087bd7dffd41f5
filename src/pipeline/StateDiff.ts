/**
 * What a run changes: tracking cells and ledger rows, computed from the states before and
 * after. `run --diff`, `--json`, plans and the "nothing changed, write nothing" rule all use it.
 *
 * @module
 */
import type { ClientRow } from "../domain/ClientRow.ts"
import type { Mapping } from "../domain/Mapping.ts"
import type { State } from "../domain/State.ts"
import { sameMapping } from "./Redecide.ts"

/**
 * One client's tracking cell, before and after.
 *
 * @example A tracking cell that changed
 * ```ts
 * import assert from "node:assert/strict"
 * import { type CellChange, runPipelinePromise } from "uuidmap"
 *
 * const { changes } = await runPipelinePromise({ clients: [{ rowId: "502", tracked: false, uuids: [] }], objects: [] })
 * const cell: CellChange = changes.cells[0]!
 * assert.equal(cell.rowId, "502")
 * assert.deepStrictEqual([cell.before.tracked, cell.after.tracked], [false, true])
 * ```
 * @category models
 */
export interface CellChange {
  /** The client. */
  readonly rowId: ClientRow["rowId"]
  /** Its row before. */
  readonly before: ClientRow
  /** Its row after. */
  readonly after: ClientRow
}

/**
 * One ledger row, before (null when new) and after (null when removed).
 *
 * @example A new ledger row
 * ```ts
 * import assert from "node:assert/strict"
 * import { type LedgerChange, runPipelinePromise } from "uuidmap"
 *
 * const { changes } = await runPipelinePromise({
 *   clients: [{ rowId: "502", tracked: false, uuids: [] }],
 *   objects: [{ key: "502/a.pdf", size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]
 * })
 * const row: LedgerChange = changes.ledger[0]!
 * assert.equal(row.before, null) // a new UUID
 * assert.equal(row.after?.key, "502/a.pdf")
 * ```
 * @category models
 */
export interface LedgerChange {
  /** The file. */
  readonly uuid: Mapping["uuid"]
  /** Its row before; null for a new UUID. */
  readonly before: Mapping | null
  /** Its row after; null when removed. */
  readonly after: Mapping | null
}

/**
 * All changes between two states.
 *
 * @example Nothing changes on a second run
 * ```ts
 * import assert from "node:assert/strict"
 * import { type StateChanges, runPipelinePromise } from "uuidmap"
 *
 * const objects = [{ key: "502/a.pdf", size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]
 * const first = await runPipelinePromise({ clients: [{ rowId: "502", tracked: false, uuids: [] }], objects })
 * const second: StateChanges = (await runPipelinePromise({ clients: first.state.clients, ledger: first.state.ledger, objects })).changes
 * assert.deepStrictEqual(second, { cells: [], ledger: [] })
 * ```
 * @category models
 */
export interface StateChanges {
  /** Tracking cells that change, in CSV order. */
  readonly cells: ReadonlyArray<CellChange>
  /** Ledger rows that change. */
  readonly ledger: ReadonlyArray<LedgerChange>
}

/**
 * Diffs two states with the same clients in the same order (phases never add or remove
 * clients). Ledger changes come in the after-state's canonical order, removals last.
 *
 * @example What phase 3 changed
 * ```ts
 * import assert from "node:assert/strict"
 * import { diffStates, makeState, trackAllClients, unsafeRowId } from "uuidmap"
 *
 * const before = makeState({ clients: [{ rowId: unsafeRowId("502"), tracked: false, uuids: [] }] })
 * const changes = diffStates(before, trackAllClients(before))
 * assert.deepStrictEqual(changes.cells.map((cell) => cell.rowId), ["502"])
 * assert.deepStrictEqual(changes.ledger, [])
 * ```
 * @category diffing
 */
export const diffStates = (before: State, after: State): StateChanges => {
  const cells: Array<CellChange> = []
  after.clients.forEach((client, index) => {
    const old = before.clients[index]!
    if (old === client) return
    if (old.tracked !== client.tracked || old.uuids.join(";") !== client.uuids.join(";")) {
      cells.push({ rowId: client.rowId, before: old, after: client })
    }
  })
  // The same ledger array with one row per UUID (what a run that changes nothing leaves) has
  // no change: said without pairing a million rows up.
  if (before.ledger === after.ledger && oneRowPerUuid(after.ledger)) return { cells, ledger: [] }
  const ledger: Array<LedgerChange> = []
  const previous = new Map(before.ledger.map((mapping) => [mapping.uuid, mapping]))
  for (const mapping of after.ledger) {
    const old = previous.get(mapping.uuid)
    previous.delete(mapping.uuid)
    if (old === undefined) ledger.push({ uuid: mapping.uuid, before: null, after: mapping })
    else if (!sameMapping(old, mapping)) ledger.push({ uuid: mapping.uuid, before: old, after: mapping })
  }
  for (const old of previous.values()) ledger.push({ uuid: old.uuid, before: old, after: null })
  return { cells, ledger }
}

const oneRowPerUuid = (ledger: ReadonlyArray<Mapping>): boolean => {
  const seen = new Set<string>()
  for (const mapping of ledger) {
    if (seen.has(mapping.uuid)) return false
    seen.add(mapping.uuid)
  }
  return true
}

/**
 * Tells whether a diff is empty.
 *
 * @example An empty diff
 * ```ts
 * import assert from "node:assert/strict"
 * import { hasChanges } from "./StateDiff.ts"
 *
 * assert.equal(hasChanges({ cells: [], ledger: [] }), false)
 * ```
 * @category diffing
 */
export const hasChanges = (changes: StateChanges): boolean => changes.cells.length > 0 || changes.ledger.length > 0
