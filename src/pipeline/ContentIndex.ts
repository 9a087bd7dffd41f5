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
import { type ObjectCatalogue, ofSize, type SizeIndex } from "./ObjectCatalogue.ts"

/**
 * Client-folder files by content identity: the catalogue and its files by size (the ETag is
 * compared only among files of the pool file's size, in one canonical form).
 *
 * @category models
 */
export interface ContentIndex {
  readonly catalogue: ObjectCatalogue
  readonly sizes: SizeIndex
}

// Most pool files have no copy: that answer allocates nothing.
const noCopies: ReadonlyArray<Evidence> = []

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
  const sameSize = ofSize(index.sizes, object.size)
  if (sameSize.length === 0 || !isContentEtag(object.etag)) return noCopies
  const etag = canonicalEtag(object.etag)
  const { folderObjects, folderRowIds, folderKeys } = index.catalogue
  const copies: Array<{ readonly rowId: RowId; readonly key: ObjectKey }> = []
  for (const position of sameSize) {
    const folderEtag = folderObjects[position]!.etag
    if (isContentEtag(folderEtag) && canonicalEtag(folderEtag) === etag) copies.push({ rowId: folderRowIds[position]!, key: folderKeys[position]! })
  }
  if (copies.length === 0) return noCopies
  const byClient = new Map<RowId, Array<ObjectKey>>()
  for (const copy of copies) byClient.set(copy.rowId, [...(byClient.get(copy.rowId) ?? []), copy.key])
  return [...byClient].map(([rowId, keys]) => {
    const sorted = [...keys].sort()
    const more = sorted.length > 1 ? ` (and ${sorted.length - 1} more)` : ""
    return { source: "content", rowId, detail: `same size (${object.size} B) and ETag ${object.etag} as ${sorted[0]}${more}` }
  })
}
