/**
 * Generated phase-2 worlds: a few clients, client-folder files (of known and unknown clients)
 * whose contents sometimes repeat across clients, pool files that are sometimes copies of them
 * (single-part or multipart), evidence of every source (migration logs by key or UUID, records,
 * metadata; some naming row ids missing from the CSV, some old keys outside every folder), and
 * optionally an earlier run with other evidence and a few decisions by a person.
 */
import { type Evidence, noOwnerRowId } from "../../src/domain/Evidence.ts"
import type { Mapping } from "../../src/domain/Mapping.ts"
import { unsafeObjectKey } from "../../src/domain/ObjectKey.ts"
import { type Claim, makePoolEvidence } from "../../src/domain/PoolEvidence.ts"
import { unsafeRowId } from "../../src/domain/RowId.ts"
import type { State } from "../../src/domain/State.ts"
import type { StoredObject } from "../../src/domain/StoredObject.ts"
import { runPhases } from "../../src/pipeline/Phases.ts"
import { client, md5, multipart, poolKey, stored, uuid } from "../../test/pipeline/PoolFilesFixtures.ts"
import { stateOf } from "../../test/support/StateBuilder.ts"
import { fc } from "../arbitraries/fc.ts"

const ownerIds = ["500", "501", "502", "503", "504", "9000"]

/** One generated claim, before it becomes a `Claim` with a file and line. */
export interface ClaimSeed {
  readonly kind: "records" | "migration-key" | "migration-uuid" | "metadata"
  readonly file: number
  readonly owner: string
}

const claimSeed = fc.record({
  kind: fc.constantFrom("records", "migration-key", "migration-uuid", "metadata"),
  file: fc.integer({ min: 1, max: 8 }),
  owner: fc.constantFrom(...ownerIds, "misc.d")
}) as fc.Arbitrary<ClaimSeed>

/** Turns seeds into claims; `line` numbers follow the seeds' order, as rows of a file would. */
export const claimsOf = (seeds: ReadonlyArray<ClaimSeed>): { claims: Array<Claim>; metadata: Map<string, Record<string, string>> } => {
  const claims: Array<Claim> = []
  const metadata = new Map<string, Record<string, string>>()
  seeds.forEach((seed, index) => {
    const line = index + 2
    if (seed.kind === "records") {
      if (seed.owner !== "misc.d") claims.push({ target: { _tag: "ByUuid", uuid: uuid(seed.file) }, source: "records", rowId: seed.owner, detail: `records.csv line ${line}` })
    } else if (seed.kind === "metadata") {
      // An object has one value per metadata name, whatever order the seeds come in: the
      // smallest owner as row-id, the largest in the original key.
      const entry = metadata.get(poolKey(seed.file)) ?? {}
      const owners = [...(entry["x-owners"]?.split(" ") ?? []), seed.owner].sort()
      entry["x-owners"] = owners.join(" ")
      const ids = owners.filter((owner) => owner !== "misc.d")
      if (ids.length > 0) entry["row-id"] = ids[0]!
      entry["original-key"] = `${owners.at(-1)}/old/doc.pdf`
      metadata.set(poolKey(seed.file), entry)
    } else {
      const fromKey = unsafeObjectKey(`${seed.owner}/old/doc-${seed.file}.pdf`)
      const target = seed.kind === "migration-uuid"
        ? { _tag: "ByUuid" as const, uuid: uuid(seed.file) }
        : { _tag: "ByKey" as const, key: poolKey(seed.file) }
      claims.push({ target, source: "migration-log", rowId: seed.owner, detail: `moves.csv line ${line}`, fromKey })
    }
  })
  return { claims, metadata }
}

/** A state with the evidence of `seeds` attached (every outside source read). */
export const withClaims = (state: State, seeds: ReadonlyArray<ClaimSeed>): State => {
  const { claims, metadata } = claimsOf(seeds)
  return {
    ...state,
    evidence: makePoolEvidence({ claims, metadata: new Map([...metadata].map(([key, value]) => [unsafeObjectKey(key), value])) })
  }
}

/** The generated world, and the seeds of its current evidence. */
export interface Phase2World {
  readonly state: State
  readonly seeds: ReadonlyArray<ClaimSeed>
}

const human = (rowId: string, n: number): Evidence => ({
  source: "human",
  rowId: unsafeRowId(rowId),
  detail: `2026-01-0${1 + (n % 9)}T00:00:00.000Z review accept, review.csv line ${n}`
})

export const phase2WorldArbitrary: fc.Arbitrary<Phase2World> = fc
  .record({
    clientIds: fc.uniqueArray(fc.constantFrom("500", "501", "502", "503", "504"), { minLength: 1, maxLength: 5 }),
    folderFiles: fc.array(fc.tuple(fc.constantFrom("500", "501", "502", "503", "504", "507"), fc.integer({ min: 1, max: 6 }), fc.boolean()), { maxLength: 10 }),
    poolFiles: fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { maxLength: 8 }).chain((ns) =>
      fc.tuple(fc.constant(ns), fc.array(fc.option(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.boolean())), { minLength: ns.length, maxLength: ns.length }))
    ),
    earlier: fc.option(fc.array(claimSeed, { maxLength: 10 })),
    seeds: fc.array(claimSeed, { maxLength: 14 }),
    decisions: fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.constantFrom("500", "502", "504", noOwnerRowId)), { maxLength: 3 })
  })
  .map((g) => {
    const objects: Array<StoredObject> = g.folderFiles.map(([owner, content, isMultipart], i) =>
      stored(`${owner}/folder/doc-${i}.pdf`, 1000 + content, isMultipart ? multipart(content) : md5(content))
    )
    const [ns, copies] = g.poolFiles
    ns.forEach((n, i) => {
      const copy = copies[i]
      objects.push(copy ? stored(poolKey(n), 1000 + copy[0], copy[1] ? multipart(copy[0]) : md5(copy[0])) : stored(poolKey(n), 5000 + n, md5(5000 + n)))
    })
    let state = stateOf({ clients: g.clientIds.map((id) => client(id)), objects })
    if (g.earlier !== null) {
      const before = runPhases(withClaims(state, g.earlier), "all").state
      const decided = new Map(g.decisions.map(([n, rowId]) => [uuid(n), rowId]))
      const ledger = before.ledger.map((m): Mapping => {
        const rowId = decided.get(m.uuid)
        return rowId === undefined ? m : { ...m, evidence: [...m.evidence, human(rowId, m.uuid.charCodeAt(35))] }
      })
      state = { ...before, ledger }
    }
    return { state: withClaims(state, g.seeds), seeds: g.seeds }
  })

/** The decision-relevant view of every ledger row, by UUID. */
export const decisionsOf = (state: State) =>
  new Map(state.ledger.map((m) => [m.uuid, {
    status: m.status,
    rowId: m.rowId,
    confidence: m.confidence,
    named: [...new Set(m.evidence.map((e) => `${e.source}:${e.rowId}`))].sort()
  }]))
