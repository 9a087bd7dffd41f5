import { keptInCell } from "../../src/pipeline/CellsInReview.ts"
import { describe, expect, it } from "vitest"
import { isNoOwnerDecision } from "../../src/domain/Evidence.ts"
import { ownerOf } from "../../src/domain/Mapping.ts"
import type { State } from "../../src/domain/State.ts"
import { runPhases } from "../../src/pipeline/Phases.ts"
import { linkPoolFiles } from "../../src/pipeline/PoolFiles.ts"
import { uuid } from "../../test/pipeline/PoolFilesFixtures.ts"
import { fc } from "../arbitraries/fc.ts"
import { type ClaimSeed, decisionsOf, phase2WorldArbitrary, withClaims } from "./Phase2Scenario.ts"

const comparable = (state: State) => ({ clients: state.clients, ledger: state.ledger, freshUuids: state.freshUuids })
const all = (state: State) => runPhases(state, "all").state

// A stable permutation of `items` driven by `seed`.
const permute = <A>(items: ReadonlyArray<A>, seed: number): Array<A> =>
  items.map((item, i) => ({ item, rank: (i * 7919 + seed * 104729) % 1000003 })).sort((a, b) => a.rank - b.rank).map(({ item }) => item)

describe("phase 2 invariants", () => {
  it("no file is mapped to two clients, and the CSV and the ledger agree on every owner", () => {
    fc.assert(fc.property(phase2WorldArbitrary, ({ state }) => {
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
        }
      }
    }), { numRuns: 300 })
  })

  it("adding evidence that contradicts what names a file never makes it mapped", () => {
    fc.assert(fc.property(phase2WorldArbitrary, fc.integer({ min: 1, max: 8 }), fc.constantFrom("500", "501", "502", "503", "504", "9000"), fc.constantFrom("records", "migration-key", "metadata"), ({ seeds, state }, file, owner, kind) => {
      const before = linkPoolFiles(state)
      const target = before.ledger.find((m) => m.uuid === uuid(file))
      if (target === undefined || target.evidence.some((e) => e.source === "human")) return
      const trusted = new Set(target.evidence.filter((e) => e.source !== "weak").map((e) => e.rowId as string))
      if (trusted.size === 0 || trusted.has(owner)) return
      // An object has one set of metadata: a metadata seed for a file that has some replaces
      // it rather than adding to it, which is not what this property is about.
      if (kind === "metadata" && target.evidence.some((e) => e.source === "metadata")) return
      const added: ClaimSeed = { kind: kind as ClaimSeed["kind"], file, owner }
      const after = linkPoolFiles(withClaims(state, [...seeds, added]))
      const row = after.ledger.find((m) => m.uuid === uuid(file))!
      // Metadata keeps the first original-key of a file: the added seed may not take effect.
      if (kind !== "metadata") expect(row.status).not.toBe("mapped")
      if (row.status === "mapped") expect(row.rowId).toBe(target.rowId)
    }), { numRuns: 500 })
  })

  it("permuting the evidence files or their rows changes no decision", () => {
    fc.assert(fc.property(phase2WorldArbitrary, fc.nat(), ({ seeds, state }, seed) => {
      const original = decisionsOf(linkPoolFiles(state))
      const reordered = decisionsOf(linkPoolFiles(withClaims(state, permute(seeds, seed))))
      expect(reordered).toEqual(original)
      const shuffledClaims = { ...state, evidence: { ...state.evidence, claims: permute(state.evidence.claims, seed) } }
      expect(comparable(linkPoolFiles(shuffledClaims))).toEqual(comparable(linkPoolFiles(state)))
    }), { numRuns: 300 })
  })

  it("phase 2 is idempotent", () => {
    fc.assert(fc.property(phase2WorldArbitrary, ({ state }) => {
      const once = linkPoolFiles(state)
      expect(comparable(linkPoolFiles(once))).toEqual(comparable(once))
    }), { numRuns: 300 })
  })

  it("phases 1, 2 and 3 together are idempotent", () => {
    fc.assert(fc.property(phase2WorldArbitrary, ({ state }) => {
      const once = all(state)
      expect(comparable(all(once))).toEqual(comparable(once))
    }), { numRuns: 300 })
  })

  it("a person's decision is never overridden by machine evidence", () => {
    fc.assert(fc.property(phase2WorldArbitrary, ({ state }) => {
      const known = new Set<string>(state.clients.map((c) => c.rowId))
      for (const next of [linkPoolFiles(state), all(state)]) {
        for (const m of next.ledger) {
          const decisions = m.evidence.filter((e) => e.source === "human")
          if (decisions.length === 0 || m.status === "missing") continue
          const latest = decisions.reduce((a, b) => (b.detail > a.detail ? b : a))
          if (isNoOwnerDecision(latest)) expect([m.status, m.rowId]).toEqual(["unmapped", null])
          else if (known.has(latest.rowId)) expect([m.status, m.rowId]).toEqual(["mapped", latest.rowId])
          else expect(m.status).not.toBe("mapped")
        }
      }
    }), { numRuns: 300 })
  })
})
