import { keptInCell } from "../../src/pipeline/CellsInReview.ts"
import { describe, expect, it } from "vitest"
import { isNoOwnerDecision } from "../../src/domain/Evidence.ts"
import { ownerOf } from "../../src/domain/Mapping.ts"
import type { State } from "../../src/domain/State.ts"
import { runPhases } from "../../src/pipeline/Phases.ts"
import { linkPoolFiles } from "../../src/pipeline/PoolFiles.ts"
import { uuid } from "../../test/pipeline/PoolFilesFixtures.ts"
import { fc } from "../arbitraries/fc.ts"
import { makeReach } from "../arbitraries/Reach.ts"
import { type ClaimSeed, decisionsOf, type Phase2World, phase2WorldArbitrary, withClaims } from "./Phase2Scenario.ts"

const comparable = (state: State) => ({ clients: state.clients, ledger: state.ledger, freshUuids: state.freshUuids })
const all = (state: State) => runPhases(state, "all").state

// A stable permutation of `items` driven by `seed`.
const permute = <A>(items: ReadonlyArray<A>, seed: number): Array<A> =>
  items.map((item, i) => ({ item, rank: (i * 7919 + seed * 104729) % 1000003 })).sort((a, b) => a.rank - b.rank).map(({ item }) => item)

const owners = ["500", "501", "502", "503", "504", "9000"]

/**
 * A world, a pool file that trusted evidence names (and no person decided), and a claim naming
 * a client that evidence does not name: undefined when the world has no such file.
 */
const contradictionArbitrary: fc.Arbitrary<
  { readonly world: Phase2World; readonly target: ReturnType<typeof linkPoolFiles>["ledger"][number]; readonly added: ClaimSeed } | undefined
> = phase2WorldArbitrary.chain((world) => {
  const before = linkPoolFiles(world.state)
  const targets = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((file) => {
    const target = before.ledger.find((m) => m.uuid === uuid(file))
    if (target === undefined || target.evidence.some((e) => e.source === "human")) return []
    const trusted = new Set(target.evidence.filter((e) => e.source !== "weak").map((e) => e.rowId as string))
    const others = owners.filter((owner) => !trusted.has(owner))
    // An object has one set of metadata: a metadata seed for a file that has some replaces
    // it rather than adding to it, which is not what this property is about.
    const kinds: Array<ClaimSeed["kind"]> = ["records", "migration-key", ...(target.evidence.some((e) => e.source === "metadata") ? [] : ["metadata" as const])]
    return trusted.size === 0 || others.length === 0 ? [] : [{ file, target, others, kinds }]
  })
  if (targets.length === 0) return fc.constant(undefined)
  return fc.constantFrom(...targets).chain(({ file, kinds, others, target }) =>
    fc.tuple(fc.constantFrom(...others), fc.constantFrom(...kinds)).map(([owner, kind]) => ({ world, target, added: { kind, file, owner } }))
  )
})

describe("phase 2 invariants", () => {
  it("no file is mapped to two clients, and the CSV and the ledger agree on every owner", () => {
    const reach = makeReach("one owner per file")
    fc.assert(fc.property(phase2WorldArbitrary, reach.counted(({ state }) => {
      for (const next of [linkPoolFiles(state), all(state)]) {
        const cellOwner = new Map<string, string>()
        for (const c of next.clients) {
          for (const id of c.uuids) {
            expect(cellOwner.has(id)).toBe(false)
            cellOwner.set(id, c.rowId)
          }
        }
        const uuids = new Set<string>()
        for (const m of next.ledger) {
          expect(uuids.has(m.uuid)).toBe(false)
          uuids.add(m.uuid)
          // One cell may keep a file in review that names its client, until a person decides.
          const kept = cellOwner.get(m.uuid)
          if (kept !== undefined && keptInCell(m.status, m.evidence, kept)) continue
          expect(cellOwner.get(m.uuid) ?? null).toBe(ownerOf(m))
          if (m.status === "mapped") reach.reached()
        }
      }
    })), { numRuns: 300 })
    reach.expectReached(0.5)
  })

  it("adding evidence that contradicts what names a file never makes it mapped", () => {
    const reach = makeReach("contradicting evidence never maps")
    fc.assert(fc.property(contradictionArbitrary, reach.counted((contradiction) => {
      // Only worlds without a pool file named by trusted evidence have nothing to contradict.
      fc.pre(contradiction !== undefined)
      const { added, target, world } = contradiction
      const after = linkPoolFiles(withClaims(world.state, [...world.seeds, added]))
      const row = after.ledger.find((m) => m.uuid === target.uuid)!
      reach.reached()
      // Metadata keeps the first original-key of a file: the added seed may not take effect.
      if (added.kind !== "metadata") expect(row.status).not.toBe("mapped")
      if (row.status === "mapped") expect(row.rowId).toBe(target.rowId)
    })), { numRuns: 500 })
    reach.expectReached(0.5)
  })

  it("permuting the evidence files or their rows changes no decision", () => {
    const reach = makeReach("evidence order changes nothing")
    fc.assert(fc.property(phase2WorldArbitrary, fc.nat(), reach.counted(({ seeds, state }, seed) => {
      if (seeds.length > 1) reach.reached()
      const original = decisionsOf(linkPoolFiles(state))
      const reordered = decisionsOf(linkPoolFiles(withClaims(state, permute(seeds, seed))))
      expect(reordered).toEqual(original)
      const shuffledClaims = { ...state, evidence: { ...state.evidence, claims: permute(state.evidence.claims, seed) } }
      expect(comparable(linkPoolFiles(shuffledClaims))).toEqual(comparable(linkPoolFiles(state)))
    })), { numRuns: 300 })
    reach.expectReached(0.5)
  })

  it("phase 2 is idempotent", () => {
    const reach = makeReach("phase 2 idempotent")
    fc.assert(fc.property(phase2WorldArbitrary, reach.counted(({ state }) => {
      const once = linkPoolFiles(state)
      if (once.ledger.some((m) => m.key?.startsWith("files/") === true && m.status !== "unmapped")) reach.reached()
      expect(comparable(linkPoolFiles(once))).toEqual(comparable(once))
    })), { numRuns: 300 })
    reach.expectReached(0.3)
  })

  it("phases 1, 2 and 3 together are idempotent", () => {
    const reach = makeReach("all phases idempotent")
    fc.assert(fc.property(phase2WorldArbitrary, reach.counted(({ state }) => {
      const once = all(state)
      if (once.ledger.some((m) => m.key?.startsWith("files/") === true && m.status !== "unmapped")) reach.reached()
      expect(comparable(all(once))).toEqual(comparable(once))
    })), { numRuns: 300 })
    reach.expectReached(0.3)
  })

  it("a person's decision is never overridden by machine evidence", () => {
    const reach = makeReach("a person's decision stands")
    fc.assert(fc.property(phase2WorldArbitrary, reach.counted(({ state }) => {
      const known = new Set<string>(state.clients.map((c) => c.rowId))
      for (const next of [linkPoolFiles(state), all(state)]) {
        for (const m of next.ledger) {
          const decisions = m.evidence.filter((e) => e.source === "human")
          if (decisions.length === 0 || m.status === "missing") continue
          const latest = decisions.reduce((a, b) => (b.detail > a.detail ? b : a))
          reach.reached()
          if (isNoOwnerDecision(latest)) expect([m.status, m.rowId]).toEqual(["unmapped", null])
          else if (known.has(latest.rowId)) expect([m.status, m.rowId]).toEqual(["mapped", latest.rowId])
          else expect(m.status).not.toBe("mapped")
        }
      }
    })), { numRuns: 300 })
    reach.expectReached(0.2)
  })
})
