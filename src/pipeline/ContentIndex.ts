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
import { isContentEtag, type StoredObject } from "../domain/StoredObject.ts"
import type { ObjectCatalogue } from "./ObjectCatalogue.ts"

/**
 * Client-folder files by content identity, each with its client: by size, then by ETag in one
 * canonical form (`"` + the MD5 in lower case + `"`), so a pool file whose size no folder file
 * has is answered by one numeric look-up, without building an identity string.
 *
 * @category models
 */
export type ContentIndex = ReadonlyMap<number, ReadonlyMap<string, ReadonlyArray<{ readonly rowId: RowId; readonly key: ObjectKey }>>>

/**
 * The content index phase 2 uses: the files in the folders of known clients (the catalogue)
 * whose content identity is that of a pool file, since only pool files are ever looked up.
 * Memory is bounded by the client-folder files, never by the pool (SPEC §7). Lists hold their
 * files in key order.
 *
 * @category indexing
 */
export const buildContentIndex = (catalogue: ObjectCatalogue): ContentIndex => {
  // Pool files' content, by size and then by ETag in one canonical form (`"` + lower-case
  // MD5 + `"`, which most ETags already are): no identity string is built for a folder file
  // that matches nothing.
  const wanted = new Map<number, Set<string>>()
  const { poolObjects, poolFirst } = catalogue
  for (let i = 0; i < poolObjects.length; i++) {
    const object = poolObjects[i]!
    if (!poolFirst[i]) continue
    if (!(object.size > 0) || !isContentEtag(object.etag)) continue
    const etags = wanted.get(object.size) ?? new Set<string>()
    etags.add(canonicalEtag(object.etag))
    wanted.set(object.size, etags)
  }
  const index = new Map<number, Map<string, Array<{ rowId: RowId; key: ObjectKey }>>>()
  const { folderKeys, folderObjects, folderRowIds } = catalogue
  for (let i = 0; i < folderKeys.length; i++) {
    const object = folderObjects[i]!
    const etags = wanted.get(object.size)
    if (etags === undefined || !isContentEtag(object.etag)) continue
    const etag = canonicalEtag(object.etag)
    if (!etags.has(etag)) continue
    let byEtag = index.get(object.size)
    if (byEtag === undefined) index.set(object.size, byEtag = new Map())
    const list = byEtag.get(etag)
    const entry = { rowId: folderRowIds[i]!, key: folderKeys[i]! }
    if (list) list.push(entry)
    else byEtag.set(etag, [entry])
  }
  return index
}

// `"` + the MD5 in lower case + `"`: the same for two content ETags exactly when their
// identities (given the same size) are the same.
const canonicalEtag = (etag: string): string => {
  if (etag.length === 34 && etag.charCodeAt(0) === 34 && etag.charCodeAt(33) === 34) {
    let lower = true
    for (let i = 1; i < 33 && lower; i++) {
      const code = etag.charCodeAt(i)
      lower = (code >= 48 && code <= 57) || (code >= 97 && code <= 102)
    }
    if (lower) return etag
  }
  return `"${etag.replaceAll("\"", "").toLowerCase()}"`
}

/**
 * The content evidence for one pool file: one item per client whose folder holds an identical
 * file, naming the first such file by key (and how many more there are).
 *
 * @category evidence
 */
export const contentEvidence = (index: ContentIndex, object: StoredObject): ReadonlyArray<Evidence> => {
  const byEtag = index.get(object.size)
  if (byEtag === undefined || !(object.size > 0) || !isContentEtag(object.etag)) return []
  const copies = byEtag.get(canonicalEtag(object.etag))
  if (copies === undefined) return []
  const byClient = new Map<RowId, Array<ObjectKey>>()
  for (const copy of copies) byClient.set(copy.rowId, [...(byClient.get(copy.rowId) ?? []), copy.key])
  return [...byClient].map(([rowId, keys]) => {
    const sorted = [...keys].sort()
    const more = sorted.length > 1 ? ` (and ${sorted.length - 1} more)` : ""
    return { source: "content", rowId, detail: `same size (${object.size} B) and ETag ${object.etag} as ${sorted[0]}${more}` }
  })
}
