/**
 * Weak signals (SPEC §2, source 5): a pool file that has the same size and extension as a file
 * in a client's folder, with timestamps within a window, or the same size and the same
 * multipart ETag (which is no content hash, but seldom matches by chance). Never enough on its
 * own: at most it puts candidates into review. A signal shared by more than a few clients says
 * nothing about any of them, so it is dropped.
 *
 * @module
 */
import type { Evidence } from "../domain/Evidence.ts"
import { fileName, type ObjectKey } from "../domain/ObjectKey.ts"
import type { RowId } from "../domain/RowId.ts"
import type { State } from "../domain/State.ts"
import { isContentEtag, type StoredObject } from "../domain/StoredObject.ts"
import type { KeyPlace } from "./ClassifyKey.ts"

/**
 * More clients than this sharing a weak signal make it noise.
 *
 * @example
 * ```ts
 * import { maxWeakCandidates } from "./WeakSignals.ts"
 * maxWeakCandidates // 3
 * ```
 * @category models
 */
export const maxWeakCandidates = 3

interface FolderFile {
  readonly rowId: RowId
  readonly key: ObjectKey
  readonly extension: string
  readonly time: number
  readonly etag: string
}

/**
 * Client-folder files by size.
 *
 * @example
 * ```ts
 * import type { WeakIndex } from "./WeakSignals.ts"
 * ```
 * @category models
 */
export type WeakIndex = ReadonlyMap<number, ReadonlyArray<FolderFile>>

/**
 * The lower-case extension of a key's file name, without the dot (`""` when there is none).
 *
 * @example
 * ```ts
 * import { extensionOf } from "./WeakSignals.ts"
 * extensionOf("files/3f2a.PDF") // "pdf"
 * extensionOf("files/3f2a") // ""
 * ```
 * @category accessors
 */
export const extensionOf = (key: string): string => {
  const name = fileName(key)
  const dot = name.lastIndexOf(".")
  return dot <= 0 ? "" : name.slice(dot + 1).toLowerCase()
}

/**
 * Indexes the files in the folders of known clients by size.
 *
 * @example
 * ```ts
 * import { indexWeakSignals } from "./WeakSignals.ts"
 * const index = indexWeakSignals(state, classify)
 * ```
 * @category indexing
 */
export const indexWeakSignals = (state: State, classify: (key: string) => KeyPlace): WeakIndex => {
  const index = new Map<number, Array<FolderFile>>()
  for (const [key, object] of state.objects) {
    const place = classify(key)
    if (place._tag !== "ClientFolder" || object.size === 0) continue
    const file: FolderFile = { rowId: place.rowId, key, extension: extensionOf(key), time: Date.parse(object.lastModified), etag: object.etag }
    const list = index.get(object.size)
    if (list) list.push(file)
    else index.set(object.size, [file])
  }
  return index
}

const describeWindow = (windowMs: number): string =>
  windowMs % 3_600_000 === 0 ? `${windowMs / 3_600_000}h` : windowMs % 60_000 === 0 ? `${windowMs / 60_000}m` : `${windowMs / 1000}s`

// The pool file's side of a comparison, computed once per pool file rather than per candidate.
interface PoolSide {
  readonly object: StoredObject
  readonly multipart: boolean
  readonly extension: string
  readonly time: number
}

// Why a folder file resembles the pool file, or undefined when it does not.
const resemblance = (pool: PoolSide, file: FolderFile, windowMs: number): string | undefined => {
  const { object, extension, time } = pool
  if (pool.multipart && object.etag === file.etag) {
    return `same size (${object.size} B) and multipart ETag ${object.etag} as ${file.key}`
  }
  const close = Number.isFinite(time) && Number.isFinite(file.time) && Math.abs(time - file.time) <= windowMs
  if (extension !== "" && extension === file.extension && close) {
    return `same size (${object.size} B), type .${extension} and time within ${describeWindow(windowMs)} as ${file.key}`
  }
  return undefined
}

/**
 * The weak evidence for one pool file: one item per resembling client (the first resembling
 * file by key), or nothing when more than `maxWeakCandidates` clients resemble it.
 *
 * @example
 * ```ts
 * import { weakEvidence } from "./WeakSignals.ts"
 * const evidence = weakEvidence(index, poolObject, 24 * 3_600_000)
 * ```
 * @category evidence
 */
export const weakEvidence = (index: WeakIndex, object: StoredObject, windowMs: number): ReadonlyArray<Evidence> => {
  const sameSize = object.size === 0 ? undefined : index.get(object.size)
  if (sameSize === undefined) return []
  const pool: PoolSide = {
    object,
    multipart: !isContentEtag(object.etag),
    extension: extensionOf(object.key),
    time: Date.parse(object.lastModified)
  }
  const byClient = new Map<RowId, { key: ObjectKey; detail: string }>()
  for (const file of sameSize) {
    const detail = resemblance(pool, file, windowMs)
    if (detail === undefined) continue
    const earlier = byClient.get(file.rowId)
    if (earlier === undefined || file.key < earlier.key) byClient.set(file.rowId, { key: file.key, detail })
    // Too many look-alikes say nothing: stop comparing as soon as that is certain.
    if (byClient.size > maxWeakCandidates) return []
  }
  return [...byClient].map(([rowId, { detail }]) => ({ source: "weak", rowId, detail }))
}
