/**
 * Small builders for phase-2 tests: pool objects, content ETags, claims of each source, and a
 * state with outside evidence attached.
 */
import type { Evidence } from "../../src/domain/Evidence.ts"
import type { FileUuid } from "../../src/domain/FileUuid.ts"
import type { Mapping } from "../../src/domain/Mapping.ts"
import { type ObjectKey, unsafeObjectKey } from "../../src/domain/ObjectKey.ts"
import { type Claim, makePoolEvidence, type OutsideSource, type PoolEvidence } from "../../src/domain/PoolEvidence.ts"
import { unsafeRowId } from "../../src/domain/RowId.ts"
import type { State } from "../../src/domain/State.ts"
import type { StoredObject } from "../../src/domain/StoredObject.ts"
import { client, object, stateOf, uuid } from "../support/StateBuilder.ts"

export { client, uuid }

/** A single-part ETag (quoted MD5-shaped hex) derived from a number. */
export const md5 = (n: number): string => `"${n.toString(16).padStart(32, "0")}"`

/** A multipart ETag. */
export const multipart = (n: number, parts = 3): string => `"${n.toString(16).padStart(32, "0")}-${parts}"`

/** A stored object with explicit facts. */
export const stored = (key: string, size: number, etag: string, lastModified = "2024-05-01T12:00:00.000Z"): StoredObject => ({
  key: unsafeObjectKey(key),
  size,
  etag,
  lastModified
})

/** The pool key of UUID number `n`. */
export const poolKey = (n: number, ext = ".pdf"): ObjectKey => unsafeObjectKey(`files/${uuid(n)}${ext}`)

/** A pool object for UUID number `n`, with a size and ETag that match nothing unless given. */
export const poolFile = (n: number, size = 10_000 + n, etag = md5(90_000 + n), ext = ".pdf", lastModified?: string): StoredObject =>
  stored(poolKey(n, ext), size, etag, lastModified)

export const migrationByKey = (oldKey: string, newKey: string, line = 2, file = "moves.csv"): Claim => ({
  target: { _tag: "ByKey", key: unsafeObjectKey(newKey) },
  source: "migration-log",
  rowId: oldKey.split("/")[0] ?? "",
  detail: `${file} line ${line}`,
  fromKey: unsafeObjectKey(oldKey)
})

export const migrationByUuid = (oldKey: string, id: FileUuid, line = 2, file = "moves.csv"): Claim => ({
  target: { _tag: "ByUuid", uuid: id },
  source: "migration-log",
  rowId: oldKey.split("/")[0] ?? "",
  detail: `${file} line ${line}`,
  fromKey: unsafeObjectKey(oldKey)
})

export const record = (id: FileUuid, rowId: string, line = 2, file = "records.csv"): Claim => ({
  target: { _tag: "ByUuid", uuid: id },
  source: "records",
  rowId,
  detail: `${file} line ${line}`
})

/** A state of clients, objects and ledger, with outside evidence. */
export const phase2State = (parts: {
  readonly clients: ReadonlyArray<ReturnType<typeof client>>
  readonly objects?: ReadonlyArray<StoredObject>
  readonly ledger?: ReadonlyArray<Mapping>
  readonly claims?: ReadonlyArray<Claim>
  readonly metadata?: ReadonlyArray<readonly [string, Record<string, string>]>
  readonly sources?: ReadonlyArray<OutsideSource>
}): State => {
  const base = stateOf({ clients: parts.clients, objects: parts.objects ?? [], ledger: parts.ledger ?? [] })
  const evidence: PoolEvidence = makePoolEvidence({
    claims: parts.claims ?? [],
    metadata: new Map((parts.metadata ?? []).map(([key, value]) => [unsafeObjectKey(key), value])),
    ...(parts.sources === undefined ? {} : { sources: parts.sources })
  })
  return { ...base, evidence }
}

/** The ledger row of a key. */
export const rowOf = (state: State, key: string): Mapping => {
  const found = state.ledger.find((mapping) => mapping.key === key)
  if (found === undefined) throw new Error(`no ledger row for ${key}`)
  return found
}

/** A person's decision as ledger evidence. */
export const humanSays = (rowId: string, time = "2026-01-01T00:00:00.000Z"): Evidence => ({
  source: "human",
  rowId: unsafeRowId(rowId),
  detail: `${time} review accept, review.csv line 2`
})

/** A ledger row for a pool file. */
export const poolMapping = (n: number, status: Mapping["status"], rowId: string | null, evidence: ReadonlyArray<Evidence>): Mapping => ({
  uuid: uuid(n),
  key: poolKey(n),
  rowId: rowId === null ? null : unsafeRowId(rowId),
  status,
  evidence,
  confidence: status === "mapped" ? 1 : 0,
  why: "",
  size: null,
  etag: null,
  lastModified: null,
  metadata: null
})

export { object }
