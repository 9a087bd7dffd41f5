/**
 * Identical content (SPEC §2, source 4): a pool file with the same size and the same
 * single-part ETag (the MD5 of the bytes) as files in a client's folder is a copy of them. A
 * multipart ETag (`"…-N"`) is an MD5 of part MD5s, which depends on how the upload was cut, so
 * it never counts; an empty file is identical to every other empty file, so it never counts
 * either. When the copies sit in the folders of two or more clients, each of them is a
 * candidate and the decision goes to review.
 *
 * @module
 */
import type { Evidence } from "../domain/Evidence.ts"
import type { ObjectKey } from "../domain/ObjectKey.ts"
import type { RowId } from "../domain/RowId.ts"
import type { State } from "../domain/State.ts"
import { isContentEtag, type StoredObject } from "../domain/StoredObject.ts"
import type { KeyPlace } from "./ClassifyKey.ts"

/**
 * Client-folder files by content identity (`size:md5`), each with its client.
 *
 * @example
 * ```ts
 * import type { ContentIndex } from "./ContentIndex.ts"
 * ```
 * @category models
 */
export type ContentIndex = ReadonlyMap<string, ReadonlyArray<{ readonly rowId: RowId; readonly key: ObjectKey }>>

/**
 * The content identity of an object, or undefined when its ETag is no content hash or it is
 * empty.
 *
 * @example
 * ```ts
 * import { contentIdentity } from "./ContentIndex.ts"
 * contentIdentity({ key: "a" as never, size: 3, etag: "\"900150983CD24FB0D6963F7D28E17F72\"", lastModified: "" })
 * // "3:900150983cd24fb0d6963f7d28e17f72"
 * ```
 * @category indexing
 */
export const contentIdentity = (object: StoredObject): string | undefined =>
  object.size > 0 && isContentEtag(object.etag) ? `${object.size}:${object.etag.replaceAll("\"", "").toLowerCase()}` : undefined

/**
 * Indexes the files in the folders of known clients. Memory is bounded by the client-folder
 * files, never by the pool (SPEC §7).
 *
 * @example
 * ```ts
 * import { indexClientFolderContent } from "./ContentIndex.ts"
 * const index = indexClientFolderContent(state, classify)
 * ```
 * @category indexing
 */
export const indexClientFolderContent = (state: State, classify: (key: string) => KeyPlace): ContentIndex => {
  const index = new Map<string, Array<{ rowId: RowId; key: ObjectKey }>>()
  for (const [key, object] of state.objects) {
    const place = classify(key)
    if (place._tag !== "ClientFolder") continue
    const identity = contentIdentity(object)
    if (identity === undefined) continue
    const list = index.get(identity)
    if (list) list.push({ rowId: place.rowId, key })
    else index.set(identity, [{ rowId: place.rowId, key }])
  }
  return index
}

/**
 * The content evidence for one pool file: one item per client whose folder holds an identical
 * file, naming the first such file by key (and how many more there are).
 *
 * @example
 * ```ts
 * import { contentEvidence } from "./ContentIndex.ts"
 * const evidence = contentEvidence(index, poolObject)
 * // [{ source: "content", rowId: "502", detail: "same size (1024 B) and ETag \"9e10…\" as 502/Sam/resume.pdf" }]
 * ```
 * @category evidence
 */
export const contentEvidence = (index: ContentIndex, object: StoredObject): ReadonlyArray<Evidence> => {
  const identity = contentIdentity(object)
  const copies = identity === undefined ? undefined : index.get(identity)
  if (copies === undefined) return []
  const byClient = new Map<RowId, Array<ObjectKey>>()
  for (const copy of copies) byClient.set(copy.rowId, [...(byClient.get(copy.rowId) ?? []), copy.key])
  return [...byClient].map(([rowId, keys]) => {
    const sorted = [...keys].sort()
    const more = sorted.length > 1 ? ` (and ${sorted.length - 1} more)` : ""
    return { source: "content", rowId, detail: `same size (${object.size} B) and ETag ${object.etag} as ${sorted[0]}${more}` }
  })
}
