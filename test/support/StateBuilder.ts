/**
 * Builds pipeline states for tests from a compact description: clients (with optional tracking
 * cells), object keys, and ledger rows.
 */
import type { ClientRow } from "../../src/domain/ClientRow.ts"
import type { FileUuid } from "../../src/domain/FileUuid.ts"
import type { Mapping } from "../../src/domain/Mapping.ts"
import { type ObjectKey, unsafeObjectKey } from "../../src/domain/ObjectKey.ts"
import { unsafeRowId } from "../../src/domain/RowId.ts"
import { makeState, type State } from "../../src/domain/State.ts"
import type { StoredObject } from "../../src/domain/StoredObject.ts"
import { deterministicUuid } from "../../src/io/uuid/UuidGenerator.ts"
import { keysNeedingUuids } from "../../src/pipeline/ClientFolders.ts"

export const uuid = (n: number): FileUuid => deterministicUuid(0xabc, n)

export const client = (rowId: string, uuids?: ReadonlyArray<FileUuid>): ClientRow => ({
  rowId: unsafeRowId(rowId),
  tracked: uuids !== undefined,
  uuids: [...(uuids ?? [])].sort()
})

export const object = (key: string, size = key.length, etag = `"${key.length.toString(16).padStart(32, "0")}"`): StoredObject => ({
  key: unsafeObjectKey(key),
  size,
  etag,
  lastModified: "2024-05-01T12:00:00.000Z"
})

export const mapped = (id: FileUuid, key: string | null, rowId: string): Mapping => ({
  uuid: id,
  key: key === null ? null : unsafeObjectKey(key),
  rowId: unsafeRowId(rowId),
  status: "mapped",
  evidence: [{ source: "client-folder", rowId: unsafeRowId(rowId), detail: key ?? "" }],
  confidence: 1,
  why: "",
  size: null,
  etag: null,
  lastModified: null,
  metadata: null
})

/** A state with enough fresh UUIDs drawn for phase 1 (numbered from 1000). */
export const stateOf = (parts: {
  readonly clients: ReadonlyArray<ClientRow>
  readonly objects?: ReadonlyArray<StoredObject>
  readonly ledger?: ReadonlyArray<Mapping>
}): State => {
  const base = makeState({
    clients: parts.clients,
    objects: new Map<ObjectKey, StoredObject>((parts.objects ?? []).map((o) => [o.key, o])),
    ledger: parts.ledger ?? []
  })
  const needed = keysNeedingUuids(base).length
  return { ...base, freshUuids: Array.from({ length: needed }, (_, i) => uuid(1000 + i)) }
}

/** Every owner of each UUID, across the ledger and the tracking cells. */
export const ownersByUuid = (state: State): Map<string, Set<string>> => {
  const owners = new Map<string, Set<string>>()
  const add = (id: string, rowId: string) => owners.set(id, (owners.get(id) ?? new Set()).add(rowId))
  for (const c of state.clients) for (const id of c.uuids) add(id, c.rowId)
  for (const m of state.ledger) if (m.status === "mapped" && m.rowId !== null) add(m.uuid, m.rowId)
  return owners
}
