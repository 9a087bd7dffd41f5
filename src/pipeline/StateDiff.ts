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
 * @example
 * ```ts
 * import type { CellChange } from "./StateDiff.ts"
 * ```
 * @category models
 */
export interface CellChange {
  readonly rowId: ClientRow["rowId"]
  readonly before: ClientRow
  readonly after: ClientRow
}

/**
 * One ledger row, before (null when new) and after (null when removed).
 *
 * @example
 * ```ts
 * import type { LedgerChange } from "./StateDiff.ts"
 * ```
 * @category models
 */
export interface LedgerChange {
  readonly uuid: Mapping["uuid"]
  readonly before: Mapping | null
  readonly after: Mapping | null
}

/**
 * All changes between two states.
 *
 * @example
 * ```ts
 * import { diffStates } from "./StateDiff.ts"
 * const changes = diffStates(before, after)
 * changes.cells.length + changes.ledger.length // 0 when nothing changes
 * ```
 * @category models
 */
export interface StateChanges {
  readonly cells: ReadonlyArray<CellChange>
  readonly ledger: ReadonlyArray<LedgerChange>
}

/**
 * Diffs two states with the same clients in the same order (phases never add or remove
 * clients). Ledger changes come in the after-state's canonical order, removals last.
 *
 * @example
 * ```ts
 * import { diffStates } from "./StateDiff.ts"
 * const { cells, ledger } = diffStates(before, after)
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

/**
 * Tells whether a diff is empty.
 *
 * @example
 * ```ts
 * import { hasChanges } from "./StateDiff.ts"
 * hasChanges({ cells: [], ledger: [] }) // false
 * ```
 * @category diffing
 */
export const hasChanges = (changes: StateChanges): boolean => changes.cells.length > 0 || changes.ledger.length > 0
