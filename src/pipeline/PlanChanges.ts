/**
 * Applies a recorded set of changes (a plan's) to a state, with no recomputation: no phase
 * runs, no UUID is drawn. Each change says what it expects to find; a state that does not
 * hold it is a conflict, and nothing is applied. `apply(plan(s))` thus gives exactly what the
 * phases gave when the plan was made.
 *
 * @module
 */
import type { ClientRow } from "../domain/ClientRow.ts"
import { compareMappings, type Mapping } from "../domain/Mapping.ts"
import type { State } from "../domain/State.ts"
import { sameMapping } from "./Redecide.ts"
import type { StateChanges } from "./StateDiff.ts"

/**
 * The result: the new state, or every change whose "before" the state does not hold.
 *
 * @example A change list that no longer fits
 * ```ts
 * import assert from "node:assert/strict"
 * import { applyStateChanges, makeState, type PlanApplication, runPipelinePromise } from "uuidmap"
 *
 * const { before, changes } = await runPipelinePromise({ clients: [{ rowId: "502", tracked: false, uuids: [] }], objects: [] })
 * const elsewhere: PlanApplication = applyStateChanges(makeState({ clients: [] }), changes)
 * assert.equal(elsewhere._tag, "Conflict")
 * assert.equal(applyStateChanges(before, changes)._tag, "Applied")
 * ```
 * @category models
 */
export type PlanApplication =
  | { readonly _tag: "Applied"; readonly state: State }
  | { readonly _tag: "Conflict"; readonly conflicts: ReadonlyArray<string> }

const sameTracking = (a: ClientRow, b: ClientRow): boolean =>
  a.tracked === b.tracked && a.uuids.length === b.uuids.length && a.uuids.every((uuid, i) => uuid === b.uuids[i])

const sameRow = (a: Mapping | null | undefined, b: Mapping | null): boolean =>
  a === undefined || a === null ? b === null : b !== null && sameMapping(a, b)

/**
 * Applies the changes. Tracking cells are replaced by row id, ledger rows by UUID (`after`
 * null removes the row); the ledger comes back in canonical order and no fresh UUIDs remain.
 *
 * @example Replaying what the phases did
 * ```ts
 * import assert from "node:assert/strict"
 * import { applyStateChanges, runPipelinePromise } from "uuidmap"
 *
 * const { before, state, changes } = await runPipelinePromise({
 *   clients: [{ rowId: "502", tracked: false, uuids: [] }],
 *   objects: [{ key: "502/a.pdf", size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]
 * })
 * const applied = applyStateChanges(before, changes)
 * assert.equal(applied._tag, "Applied")
 * if (applied._tag === "Applied") {
 *   assert.deepStrictEqual(applied.state.clients, state.clients)
 *   assert.deepStrictEqual(applied.state.ledger, state.ledger)
 * }
 * ```
 * @category plans
 */
export const applyStateChanges = (state: State, changes: StateChanges): PlanApplication => {
  const conflicts: Array<string> = []
  const clientIndex = new Map(state.clients.map((client, index) => [client.rowId as string, index]))
  const clients = [...state.clients]
  for (const change of changes.cells) {
    const index = clientIndex.get(change.rowId)
    if (index === undefined) {
      conflicts.push(`client ${change.rowId} is not in the clients CSV`)
      continue
    }
    if (!sameTracking(clients[index]!, change.before)) {
      conflicts.push(`the tracking cell of client ${change.rowId} is not what the plan expects`)
      continue
    }
    clients[index] = { ...clients[index]!, tracked: change.after.tracked, uuids: [...change.after.uuids] }
  }
  const ledger = new Map(state.ledger.map((mapping) => [mapping.uuid as string, mapping]))
  for (const change of changes.ledger) {
    if (!sameRow(ledger.get(change.uuid), change.before)) {
      conflicts.push(`the ledger row of UUID ${change.uuid} is not what the plan expects`)
      continue
    }
    if (change.after === null) ledger.delete(change.uuid)
    else ledger.set(change.uuid, change.after)
  }
  if (conflicts.length > 0) return { _tag: "Conflict", conflicts }
  return {
    _tag: "Applied",
    state: { ...state, clients, ledger: [...ledger.values()].sort(compareMappings), freshUuids: [] }
  }
}
