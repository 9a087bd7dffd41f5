/**
 * The outside evidence phase 2 weighs for pool files: claims read from migration logs and
 * database records, and object metadata read with HeadObject. Human decisions are not here:
 * they live in the ledger, as evidence with source `human`, so that no later run loses them.
 *
 * @module
 */
import type { EvidenceSource } from "./Evidence.ts"
import type { FileUuid } from "./FileUuid.ts"
import type { MetadataReading } from "./MetadataReading.ts"
import type { ObjectKey } from "./ObjectKey.ts"

/**
 * What a claim is about: a pool file by UUID, or an object by key.
 *
 * @example Two ways to name a file
 * ```ts
 * import assert from "node:assert/strict"
 * import { type ClaimTarget, type FileUuid, unsafeObjectKey } from "uuidmap"
 *
 * const byUuid: ClaimTarget = { _tag: "ByUuid", uuid: "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f" as FileUuid }
 * const byKey: ClaimTarget = { _tag: "ByKey", key: unsafeObjectKey("files/3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f.pdf") }
 * assert.deepStrictEqual([byUuid._tag, byKey._tag], ["ByUuid", "ByKey"])
 * ```
 * @category models
 */
export type ClaimTarget =
  | { readonly _tag: "ByUuid"; readonly uuid: FileUuid }
  | { readonly _tag: "ByKey"; readonly key: ObjectKey }

/**
 * One claim that `rowId` owns the target. `rowId` is a raw string: it may name a client that
 * is not in the CSV, which is reported and never mapped. `detail` says where the claim came
 * from (`migration.csv line 12`). A claim with `fromKey` (a migration log's old key, an
 * `original-key` metadata value) names whoever owns that key's folder: phase 2 classifies the
 * key itself, so a key outside every client folder names nobody, and `rowId` is only its first
 * segment, kept for messages.
 *
 * @example A database record names the owner of a pool file
 * ```ts
 * import assert from "node:assert/strict"
 * import { type Claim, type FileUuid, makePoolEvidence, runPipelinePromise } from "uuidmap"
 *
 * const uuid = "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f"
 * const claim: Claim = { target: { _tag: "ByUuid", uuid: uuid as FileUuid }, source: "records", rowId: "502", detail: "records.csv line 2" }
 * const { state } = await runPipelinePromise({
 *   clients: [{ rowId: "502", tracked: false, uuids: [] }],
 *   objects: [{ key: `files/${uuid}.pdf`, size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }],
 *   evidence: makePoolEvidence({ claims: [claim] })
 * })
 * assert.deepStrictEqual(state.clients[0]?.uuids, [uuid])
 * ```
 * @category models
 */
export interface Claim {
  /** The file the claim is about. */
  readonly target: ClaimTarget
  /** Where the claim came from (`migration-log`, `records` or `metadata` for outside evidence). */
  readonly source: EvidenceSource
  /** The client claimed to own the file, as written in the source. */
  readonly rowId: string
  /** Where in the source the claim was read, for people. */
  readonly detail: string
  /** The key whose client folder names the owner, when the claim names a key rather than a client. */
  readonly fromKey?: ObjectKey | undefined
}

/**
 * The metadata names (lower case, without `x-amz-meta-`) that name a pool object's owner:
 * `row-id` and `client-id` hold a row id, `original-key` the key the object had in a client
 * folder.
 *
 * @example Metadata names of your own
 * ```ts
 * import assert from "node:assert/strict"
 * import { makePoolEvidence, type MetadataNames } from "uuidmap"
 *
 * const names: MetadataNames = { rowId: "owner", clientId: "customer", originalKey: "source-key" }
 * assert.equal(makePoolEvidence({ metadataNames: names }).metadataNames.rowId, "owner")
 * ```
 * @category models
 */
export interface MetadataNames {
  /** The name whose value is a row id (default `row-id`). */
  readonly rowId: string
  /** A second name whose value is a row id (default `client-id`). */
  readonly clientId: string
  /** The name whose value is the key the object had in a client folder (default `original-key`). */
  readonly originalKey: string
}

/**
 * The default metadata names (SPEC §2).
 *
 * @example The names of SPEC §2
 * ```ts
 * import assert from "node:assert/strict"
 * import { defaultMetadataNames } from "uuidmap"
 *
 * assert.deepStrictEqual(defaultMetadataNames, { rowId: "row-id", clientId: "client-id", originalKey: "original-key" })
 * ```
 * @category constructors
 */
export const defaultMetadataNames: MetadataNames = { rowId: "row-id", clientId: "client-id", originalKey: "original-key" }

/**
 * The default weak-signal window: timestamps at most 24 hours apart.
 *
 * @example A day
 * ```ts
 * import assert from "node:assert/strict"
 * import { defaultWeakWindowMs } from "uuidmap"
 *
 * assert.equal(defaultWeakWindowMs / 3_600_000, 24)
 * ```
 * @category constructors
 */
export const defaultWeakWindowMs = 24 * 60 * 60 * 1000

/**
 * The outside sources phase 2 reads from files or the store.
 *
 * @example Saying which sources were read
 * ```ts
 * import assert from "node:assert/strict"
 * import { makePoolEvidence, type OutsideSource } from "uuidmap"
 *
 * const read: ReadonlyArray<OutsideSource> = ["records"]
 * assert.deepStrictEqual(makePoolEvidence({ sources: read }).sources, ["records"])
 * ```
 * @category models
 */
export type OutsideSource = Extract<EvidenceSource, "migration-log" | "records" | "metadata">

/**
 * All outside evidence of one run. `metadata` holds the user metadata of pool objects, by key,
 * with lower-case names and without the `x-amz-meta-` prefix, read through `metadataNames`.
 * `metadataReadings` holds, by key, the reading behind it (fresh or reused from the ledger),
 * which phase 2 records in the pool file's ledger row so a later run can reuse it.
 * `sources` lists the outside sources this run actually read: phase 2 replaces their earlier
 * evidence in the ledger, and keeps what earlier runs recorded for a source not read this time
 * (a run without `--records` does not forget the records of the last run). `weakWindowMs` is
 * how far apart timestamps may be for a weak signal.
 *
 * @example Object metadata names the owner
 * ```ts
 * import assert from "node:assert/strict"
 * import { makePoolEvidence, runPipelinePromise, unsafeObjectKey } from "uuidmap"
 *
 * const key = "files/3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f.pdf"
 * const { state } = await runPipelinePromise({
 *   clients: [{ rowId: "502", tracked: false, uuids: [] }, { rowId: "503", tracked: false, uuids: [] }],
 *   objects: [{ key, size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }],
 *   evidence: makePoolEvidence({ metadata: new Map([[unsafeObjectKey(key), { "row-id": "503" }]]) })
 * })
 * assert.equal(state.ledger[0]?.rowId, "503")
 * assert.equal(state.ledger[0]?.status, "mapped")
 * ```
 * @category models
 */
export interface PoolEvidence {
  /** Claims read from migration logs and records. */
  readonly claims: ReadonlyArray<Claim>
  /** User metadata of pool objects, by key. */
  readonly metadata: ReadonlyMap<ObjectKey, Readonly<Record<string, string>>>
  /** The reading behind each entry of `metadata`, by key. */
  readonly metadataReadings: ReadonlyMap<ObjectKey, MetadataReading>
  /** The outside sources read this run. */
  readonly sources: ReadonlyArray<OutsideSource>
  /** The metadata names that name an owner. */
  readonly metadataNames: MetadataNames
  /** How far apart, in milliseconds, timestamps may be for a weak signal. */
  readonly weakWindowMs: number
}

/**
 * No outside evidence read at all: phase 2 keeps the outside evidence earlier runs recorded,
 * and recomputes only identical content and weak signals from the listing.
 *
 * @example Nothing read, nothing forgotten
 * ```ts
 * import assert from "node:assert/strict"
 * import { emptyPoolEvidence } from "uuidmap"
 *
 * assert.deepStrictEqual(emptyPoolEvidence.claims, [])
 * assert.deepStrictEqual(emptyPoolEvidence.sources, []) // so no earlier outside evidence is replaced
 * ```
 * @category constructors
 */
export const emptyPoolEvidence: PoolEvidence = {
  claims: [],
  metadata: new Map(),
  metadataReadings: new Map(),
  sources: [],
  metadataNames: defaultMetadataNames,
  weakWindowMs: defaultWeakWindowMs
}

/**
 * Builds pool evidence. Unless `sources` says otherwise, the evidence given is taken as the
 * complete word of every outside source (a program feeding its own claims means "this is all
 * there is").
 *
 * @example The claims given are all there is
 * ```ts
 * import assert from "node:assert/strict"
 * import { defaultMetadataNames, makePoolEvidence } from "uuidmap"
 *
 * const evidence = makePoolEvidence({ claims: [] })
 * assert.deepStrictEqual(evidence.sources, ["migration-log", "records", "metadata"])
 * assert.deepStrictEqual(evidence.metadataNames, defaultMetadataNames)
 * ```
 * @category constructors
 */
export const makePoolEvidence = (parts: Partial<PoolEvidence>): PoolEvidence => ({
  claims: parts.claims ?? [],
  metadata: parts.metadata ?? new Map(),
  metadataReadings: parts.metadataReadings ?? new Map(),
  sources: parts.sources ?? ["migration-log", "records", "metadata"],
  metadataNames: parts.metadataNames ?? defaultMetadataNames,
  weakWindowMs: parts.weakWindowMs ?? defaultWeakWindowMs
})
