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
 * @example
 * ```ts
 * import type { Layout } from "./State.ts"
 * const layout: Layout = { poolPrefix: "files/" }
 * ```
 * @category models
 */
export interface Layout {
  readonly poolPrefix: string
}

/**
 * The state of one run.
 * - `clients`: every client row, in CSV order (order breaks ties, SPEC §2);
 * - `objects`: the listed objects phases can map (client folders of known clients, the pool);
 * - `ledger`: every known file, in canonical order (`compareMappings`);
 * - `findings`: what is reported and never guessed (strays, unknown folders, …);
 * - `freshUuids`: new UUIDs drawn by the program beforehand, taken in order by phase 1, so the
 *   phases themselves need no random source;
 * - `evidence`: outside evidence for phase 2.
 *
 * @example
 * ```ts
 * import { makeState } from "./State.ts"
 * const state = makeState({ clients: [] })
 * ```
 * @category models
 */
export interface State {
  readonly clients: ReadonlyArray<ClientRow>
  readonly objects: ReadonlyMap<ObjectKey, StoredObject>
  readonly ledger: ReadonlyArray<Mapping>
  readonly findings: ReadonlyArray<Finding>
  readonly freshUuids: ReadonlyArray<FileUuid>
  readonly layout: Layout
  readonly evidence: PoolEvidence
}

/**
 * The default layout: the pool is `files/`.
 *
 * @example
 * ```ts
 * import { defaultLayout } from "./State.ts"
 * defaultLayout.poolPrefix // "files/"
 * ```
 * @category constructors
 */
export const defaultLayout: Layout = { poolPrefix: "files/" }

/**
 * Builds a State, filling every part not given with its empty value.
 *
 * @example
 * ```ts
 * import { makeState } from "./State.ts"
 * const state = makeState({ clients: [], ledger: [] })
 * state.findings.length // 0
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
