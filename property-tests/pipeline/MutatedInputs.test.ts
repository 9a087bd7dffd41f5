/**
 * The core is pure in fact (issue 10): the phases keep nothing between calls, so running them
 * on inputs a caller has changed in place (the same Map and arrays, given to an earlier run
 * and then mutated) gives exactly what running them on fresh copies of those inputs gives.
 * Every entry point is checked: `runPhases`, each phase alone, `keysNeedingUuids` and
 * `computeMetrics`.
 */
import { describe, expect, it } from "vitest"
import type { ClientRow } from "../../src/domain/ClientRow.ts"
import type { Mapping } from "../../src/domain/Mapping.ts"
import type { ObjectKey } from "../../src/domain/ObjectKey.ts"
import type { State } from "../../src/domain/State.ts"
import type { StoredObject } from "../../src/domain/StoredObject.ts"
import { keysNeedingUuids } from "../../src/pipeline/ClientFolders.ts"
import { computeMetrics } from "../../src/pipeline/Metrics.ts"
import { phaseFunctions, runPhases } from "../../src/pipeline/Phases.ts"
import { client, object, uuid } from "../../test/support/StateBuilder.ts"
import { fc } from "../arbitraries/fc.ts"
import { makeReach } from "../arbitraries/Reach.ts"
import { scenarioArbitrary } from "../arbitraries/Scenario.ts"
import { phase2WorldArbitrary } from "../phase2/Phase2Scenario.ts"
import { handEditedArbitrary, untrackedCellsArbitrary } from "./OddScenarios.ts"

// A state whose containers a test may change in place.
interface Mutable {
  readonly state: State
  readonly objects: Map<ObjectKey, StoredObject>
  readonly clients: Array<ClientRow>
  readonly ledger: Array<Mapping>
}

const mutable = (state: State): Mutable => {
  const objects = new Map(state.objects)
  const clients = [...state.clients]
  const ledger = [...state.ledger]
  return { state: { ...state, objects, clients, ledger, freshUuids: [...state.freshUuids] }, objects, clients, ledger }
}

// A deep copy sharing no map, array or record with the original.
const fresh = (state: State): State => ({
  ...state,
  clients: state.clients.map((row) => ({ ...row, uuids: [...row.uuids] })),
  objects: new Map([...state.objects].map(([key, stored]) => [key, { ...stored }])),
  ledger: state.ledger.map((mapping) => ({ ...mapping, evidence: mapping.evidence.map((item) => ({ ...item })) })),
  findings: [...state.findings],
  freshUuids: [...state.freshUuids]
})

type Change =
  | { readonly op: "add folder file"; readonly client: number; readonly n: number }
  | { readonly op: "add pool file"; readonly n: number }
  | { readonly op: "delete object"; readonly at: number }
  | { readonly op: "add client"; readonly id: number }
  | { readonly op: "drop client"; readonly at: number }
  | { readonly op: "drop ledger row"; readonly at: number }
  | { readonly op: "claim in a cell"; readonly client: number; readonly n: number }

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ op: fc.constant("add folder file" as const), client: fc.nat(8), n: fc.nat(6) }),
  fc.record({ op: fc.constant("add pool file" as const), n: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant("delete object" as const), at: fc.nat(30) }),
  fc.record({ op: fc.constant("add client" as const), id: fc.integer({ min: 500, max: 512 }) }),
  fc.record({ op: fc.constant("drop client" as const), at: fc.nat(8) }),
  fc.record({ op: fc.constant("drop ledger row" as const), at: fc.nat(30) }),
  fc.record({ op: fc.constant("claim in a cell" as const), client: fc.nat(8), n: fc.integer({ min: 1, max: 40 }) })
)

// Changes the containers in place; records (client rows, objects, mappings) are replaced, as
// a caller of an immutable API would.
const apply = (target: Mutable, c: Change): void => {
  const { objects, clients, ledger } = target
  const keys = [...objects.keys()]
  switch (c.op) {
    case "add folder file": {
      const rowId = clients[c.client % Math.max(clients.length, 1)]?.rowId ?? "500"
      const added = object(`${rowId}/added-${c.n}.pdf`, 300 + c.n)
      objects.set(added.key, added)
      break
    }
    case "add pool file": {
      const added = object(`files/${uuid(c.n)}.pdf`, 200 + c.n)
      objects.set(added.key, added)
      break
    }
    case "delete object":
      if (keys.length > 0) objects.delete(keys[c.at % keys.length]!)
      break
    case "add client":
      if (!clients.some((row) => row.rowId === String(c.id))) clients.push(client(String(c.id)))
      break
    case "drop client":
      if (clients.length > 1) clients.splice(c.at % clients.length, 1)
      break
    case "drop ledger row":
      if (ledger.length > 0) ledger.splice(c.at % ledger.length, 1)
      break
    case "claim in a cell": {
      const at = c.client % Math.max(clients.length, 1)
      const row = clients[at]
      if (row !== undefined && !row.uuids.includes(uuid(c.n))) clients[at] = { ...row, tracked: true, uuids: [...row.uuids, uuid(c.n)].sort() }
      break
    }
  }
}

// Everything each entry point gives on a state.
const results = (state: State) => {
  const all = runPhases(state, "all")
  return {
    steps: all.steps.map((step) => step.state),
    again: runPhases(all.state, "all").steps.map((step) => step.state),
    alone: (["1", "2", "3"] as const).map((phase) => phaseFunctions[phase](state)),
    keys: keysNeedingUuids(state),
    metrics: computeMetrics(state)
  }
}

// Plain data, for comparing two states.
const plain = (state: State) => ({
  clients: state.clients,
  objects: [...state.objects],
  ledger: state.ledger,
  findings: state.findings,
  freshUuids: state.freshUuids
})

const plainResults = (state: State) => {
  const r = results(state)
  return { ...r, steps: r.steps.map(plain), again: r.again.map(plain), alone: r.alone.map(plain) }
}

const reach = makeReach("a run on mutated inputs = a run on fresh ones")

const agree = (original: State, changes: ReadonlyArray<Change>): void => {
  const target = mutable(original)
  // Every entry point sees the inputs once before they change.
  results(target.state)
  for (const c of changes) apply(target, c)
  // Enough fresh UUIDs for any folder file added.
  const state = { ...target.state, freshUuids: [...target.state.freshUuids, ...Array.from({ length: 60 }, (_, i) => uuid(5000 + i))] }
  const onMutated = plainResults(state)
  if (changes.length > 0 && onMutated.steps.at(-1)!.ledger.length > 0) reach.reached()
  expect(onMutated).toEqual(plainResults(fresh(state)))
}

const changes = fc.array(change, { minLength: 1, maxLength: 5 })

describe("running on inputs mutated in place gives what running on fresh inputs gives", () => {
  it("on generated scenarios", () => {
    fc.assert(fc.property(scenarioArbitrary, changes, reach.counted(agree)), { numRuns: 200 })
  })

  it("on phase-2 worlds", () => {
    fc.assert(fc.property(phase2WorldArbitrary, changes, reach.counted((world, cs) => agree(world.state, cs))), { numRuns: 200 })
  })

  it("on scenarios with untracked clients whose cells hold UUIDs", () => {
    fc.assert(fc.property(untrackedCellsArbitrary, changes, reach.counted(agree)), { numRuns: 150 })
  })

  it("on scenarios with a ledger edited by hand", () => {
    fc.assert(fc.property(handEditedArbitrary, changes, reach.counted(agree)), { numRuns: 150 })
  })

  it("on ledgers out of canonical order", () => {
    fc.assert(fc.property(scenarioArbitrary, changes, reach.counted((state, cs) => agree({ ...state, ledger: [...state.ledger].reverse() }, cs))), { numRuns: 150 })
  })

  it("reached a mutated run with ledger rows in most cases", () => {
    reach.expectReached(0.6)
  })
})
