/**
 * Generated pipeline states: a few clients (some with tracking cells, some claims pointing at
 * pool files, some at nothing, some shared by two clients), client-folder files of known and
 * unknown clients, pool files and strays, optionally after an earlier run whose objects were
 * then partly deleted.
 */
import type { FileUuid } from "../../src/domain/FileUuid.ts"
import type { ObjectKey } from "../../src/domain/ObjectKey.ts"
import type { State } from "../../src/domain/State.ts"
import type { StoredObject } from "../../src/domain/StoredObject.ts"
import { runPhases } from "../../src/pipeline/Phases.ts"
import { keysNeedingUuids } from "../../src/pipeline/ClientFolders.ts"
import { client, object, stateOf, uuid } from "../../test/support/StateBuilder.ts"
import { fc } from "./fc.ts"

const withFreshUuids = (state: State, from: number): State => ({
  ...state,
  freshUuids: Array.from({ length: keysNeedingUuids(state).length }, (_, i) => uuid(from + i))
})

export const scenarioArbitrary: fc.Arbitrary<State> = fc
  .record({
    clientIds: fc.uniqueArray(fc.integer({ min: 500, max: 509 }), { minLength: 1, maxLength: 6 }),
    tracked: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    folderFiles: fc.array(fc.tuple(fc.integer({ min: 500, max: 512 }), fc.integer({ min: 0, max: 4 })), { maxLength: 12 }),
    poolFiles: fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 8 }),
    strays: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
    claims: fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 40 })), { maxLength: 6 }),
    priorRun: fc.boolean(),
    removed: fc.array(fc.nat({ max: 30 }), { maxLength: 4 })
  })
  .map((g) => {
    const ids = g.clientIds.map(String)
    const cells = new Map<string, Array<FileUuid>>()
    for (const [index, n] of g.claims) {
      const rowId = ids[index % ids.length]!
      const list = cells.get(rowId) ?? []
      if (!list.includes(uuid(n))) cells.set(rowId, [...list, uuid(n)])
    }
    const clients = ids.map((id, i) => client(id, cells.get(id) ?? (g.tracked[i] ? [] : undefined)))
    const objects: Array<StoredObject> = [
      ...g.folderFiles.map(([rowId, n]) => object(`${rowId}/doc-${n}.pdf`, 100 + n)),
      ...g.poolFiles.map((n) => object(`files/${uuid(n)}${n % 2 === 0 ? ".pdf" : ""}`, 200 + n)),
      ...g.strays.map((n) => object(`misc/stray-${n}.txt`))
    ]
    let state = stateOf({ clients, objects })
    if (g.priorRun) {
      const earlier = runPhases(state, "all").state
      const gone = new Set(g.removed.map((i) => objects[i % Math.max(objects.length, 1)]?.key))
      const remaining = new Map<ObjectKey, StoredObject>([...earlier.objects].filter(([key]) => !gone.has(key)))
      state = withFreshUuids({ ...earlier, objects: remaining }, 2000)
    }
    return state
  })

/** The same state with its objects inserted in another order (listing order must not matter). */
export const reorderObjects = (state: State, seed: number): State => {
  const entries = [...state.objects]
  const shuffled = entries.map((entry, i) => ({ entry, rank: (i * 7919 + seed * 104729) % 1000003 })).sort((a, b) => a.rank - b.rank)
  return { ...state, objects: new Map(shuffled.map(({ entry }) => entry)) }
}
