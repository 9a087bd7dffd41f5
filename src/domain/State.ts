/**
 * The pipeline state: everything the phases read and write, as plain immutable values.
 * Phases are functions `State -> State`; the program loads a State through the services and
 * writes the final one back.
 *
 * @module
 */
import type { ClientRow } from "./ClientRow.ts"
import type { FileUuid } from "./FileUuid.ts"
import type { Finding } from "./Finding.ts"
import type { Mapping } from "./Mapping.ts"
import type { ObjectKey } from "./ObjectKey.ts"
import { emptyPoolEvidence, type PoolEvidence } from "./PoolEvidence.ts"
import type { StoredObject } from "./StoredObject.ts"

/**
 * Where things live in the bucket: the UUID pool prefix (default `files/`).
 *
 * @example A pool under another prefix
 * ```ts
 * import assert from "node:assert/strict"
 * import { type Layout, runPipelinePromise } from "uuidmap"
 *
 * const layout: Layout = { poolPrefix: "uploads/" }
 * const { state } = await runPipelinePromise({
 *   clients: [{ rowId: "502", tracked: false, uuids: [] }],
 *   objects: [{ key: "uploads/readme.txt", size: 12, etag: "\"d41d8cd98f00b204e9800998ecf8427e\"", lastModified: "2024-05-03T08:00:00.000Z" }],
 *   layout
 * })
 * assert.equal(state.findings[0]?.kind, "non-uuid-pool-name")
 * ```
 * @category models
 */
export interface Layout {
  /** The prefix of the UUID pool, ending in `/` (default `files/`). */
  readonly poolPrefix: string
}

/**
 * The state of one run.
 * - `clients`: every client row, in CSV order (order breaks ties, SPEC §2);
 * - `objects`: the listed objects phases can map (client folders of known clients, the pool);
 * - `ledger`: every known file, in canonical order (`compareMappings`);
 * - `findings`: what is reported and never guessed (strays, unknown folders, …);
 * - `freshUuids`: new UUIDs drawn by the program beforehand, taken in order by phase 1, so the
 *   phases themselves need no random source (phase 1 passes over any the state already uses);
 * - `evidence`: outside evidence for phase 2.
 *
 * @example The state phase 1 starts from, and the one it leaves
 * ```ts
 * import assert from "node:assert/strict"
 * import { assignClientFolderUuids, type FileUuid, makeState, type State, unsafeObjectKey, unsafeRowId } from "uuidmap"
 *
 * const key = unsafeObjectKey("502/a.pdf")
 * const before: State = makeState({
 *   clients: [{ rowId: unsafeRowId("502"), tracked: false, uuids: [] }],
 *   objects: new Map([[key, { key, size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]]),
 *   freshUuids: ["00000000-0000-4000-8000-000000000001" as FileUuid]
 * })
 * const after = assignClientFolderUuids(before)
 * assert.deepStrictEqual(after.clients[0]?.uuids, ["00000000-0000-4000-8000-000000000001"])
 * assert.deepStrictEqual(after.freshUuids, []) // taken
 * ```
 * @category models
 */
export interface State {
  /** Every client row, in CSV order. */
  readonly clients: ReadonlyArray<ClientRow>
  /** The listed objects phases can map, by key. */
  readonly objects: ReadonlyMap<ObjectKey, StoredObject>
  /** Every known file, in canonical order. */
  readonly ledger: ReadonlyArray<Mapping>
  /** What is reported and never guessed. */
  readonly findings: ReadonlyArray<Finding>
  /** New UUIDs drawn beforehand, taken in order by phase 1. */
  readonly freshUuids: ReadonlyArray<FileUuid>
  /** Where the pool is. */
  readonly layout: Layout
  /** Outside evidence for phase 2. */
  readonly evidence: PoolEvidence
}

/**
 * The default layout: the pool is `files/`.
 *
 * @example The pool of SPEC §1
 * ```ts
 * import assert from "node:assert/strict"
 * import { defaultLayout } from "uuidmap"
 *
 * assert.deepStrictEqual(defaultLayout, { poolPrefix: "files/" })
 * ```
 * @category constructors
 */
export const defaultLayout: Layout = { poolPrefix: "files/" }

/**
 * Builds a State, filling every part not given with its empty value.
 *
 * @example Everything not given is empty
 * ```ts
 * import assert from "node:assert/strict"
 * import { defaultLayout, emptyPoolEvidence, makeState } from "uuidmap"
 *
 * const state = makeState({ clients: [] })
 * assert.deepStrictEqual(state.ledger, [])
 * assert.equal(state.objects.size, 0)
 * assert.equal(state.layout, defaultLayout)
 * assert.equal(state.evidence, emptyPoolEvidence)
 * ```
 * @category constructors
 */
export const makeState = (parts: Partial<State>): State => ({
  clients: parts.clients ?? [],
  objects: parts.objects ?? new Map(),
  ledger: parts.ledger ?? [],
  findings: parts.findings ?? [],
  freshUuids: parts.freshUuids ?? [],
  layout: parts.layout ?? defaultLayout,
  evidence: parts.evidence ?? emptyPoolEvidence
})
