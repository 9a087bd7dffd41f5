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
import { isContentEtag, type StoredObject } from "../domain/StoredObject.ts"
import { type ObjectCatalogue, ofSize, type SizeIndex } from "./ObjectCatalogue.ts"

/**
 * More clients than this sharing a weak signal make it noise.
 *
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
 * Client-folder files by size, as positions in the catalogue. What a comparison needs of a
 * file (extension, parsed time) is worked out when it is first compared, and kept: most files
 * are never compared, or only with the first few of their size.
 *
 * @category models
 */
export interface WeakIndex {
  readonly sizes: SizeIndex
  readonly file: (position: number) => FolderFile
}

/**
 * The weak-signal index phase 2 uses, on the catalogue's client-folder files by size.
 *
 * @category indexing
 */
export const buildWeakIndex = (catalogue: ObjectCatalogue, sizes: SizeIndex): WeakIndex => {
  const { folderKeys, folderRowIds, folderObjects } = catalogue
  const files = new Map<number, FolderFile>()
  const file = (i: number): FolderFile => {
    let found = files.get(i)
    if (found === undefined) {
      const key = folderKeys[i]!
      const object = folderObjects[i]!
      found = { rowId: folderRowIds[i]!, key, extension: extensionOf(key), time: Date.parse(object.lastModified), etag: object.etag }
      files.set(i, found)
    }
    return found
  }
  return { sizes, file }
}

/**
 * The lower-case extension of a key's file name, without the dot (`""` when there is none).
 *
 * @category accessors
 */
export const extensionOf = (key: string): string => {
  const name = fileName(key)
  const dot = name.lastIndexOf(".")
  return dot <= 0 ? "" : name.slice(dot + 1).toLowerCase()
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

// Whether a folder file resembles the pool file, and how; undefined when it does not.
const resemblance = (pool: PoolSide, file: FolderFile, windowMs: number): "multipart" | "type and time" | undefined => {
  const { object, extension, time } = pool
  if (pool.multipart && object.etag === file.etag) return "multipart"
  const close = Number.isFinite(time) && Number.isFinite(file.time) && Math.abs(time - file.time) <= windowMs
  return extension !== "" && extension === file.extension && close ? "type and time" : undefined
}

const describeResemblance = (pool: PoolSide, file: FolderFile, how: "multipart" | "type and time", windowMs: number): string => {
  const { object, extension } = pool
  return how === "multipart"
    ? `same size (${object.size} B) and multipart ETag ${object.etag} as ${file.key}`
    : `same size (${object.size} B), type .${extension} and time within ${describeWindow(windowMs)} as ${file.key}`
}

/**
 * The weak evidence for one pool file: one item per resembling client (the first resembling
 * file by key), or nothing when more than `maxWeakCandidates` clients resemble it.
 *
 * @category evidence
 */
export const weakEvidence = (index: WeakIndex, object: StoredObject, windowMs: number): ReadonlyArray<Evidence> => {
  const sameSize = ofSize(index.sizes, object.size)
  if (sameSize.length === 0) return []
  const pool: PoolSide = {
    object,
    multipart: !isContentEtag(object.etag),
    extension: extensionOf(object.key),
    time: Date.parse(object.lastModified)
  }
  // The details are written only for the files kept, once the look-alikes are known.
  const byClient = new Map<RowId, { file: FolderFile; how: "multipart" | "type and time" }>()
  for (const position of sameSize) {
    const file = index.file(position)
    const how = resemblance(pool, file, windowMs)
    if (how === undefined) continue
    const earlier = byClient.get(file.rowId)
    if (earlier === undefined || file.key < earlier.file.key) byClient.set(file.rowId, { file, how })
    // Too many look-alikes say nothing: stop comparing as soon as that is certain.
    if (byClient.size > maxWeakCandidates) return []
  }
  return [...byClient].map(([rowId, { file, how }]) => ({ source: "weak", rowId, detail: describeResemblance(pool, file, how, windowMs) }))
}
