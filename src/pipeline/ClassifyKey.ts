/**
 * Sorts a key into the part of the bucket it belongs to (SPEC §1): a client folder, the UUID
 * pool, a folder of a client the CSV does not know, or a stray.
 *
 * @module
 */
import type { FileUuid } from "../domain/FileUuid.ts"
import { uuidFromFileName } from "../domain/FileUuid.ts"
import { fileName, firstSegment } from "../domain/ObjectKey.ts"
import type { RowId } from "../domain/RowId.ts"
import type { Layout } from "../domain/State.ts"

/**
 * Where a key sits. A pool key carries its UUID when its name is one.
 *
 * @category models
 */
export type KeyPlace =
  | { readonly _tag: "ClientFolder"; readonly rowId: RowId }
  | { readonly _tag: "Pool"; readonly uuid: FileUuid | undefined }
  | { readonly _tag: "UnknownClientFolder"; readonly folder: string }
  | { readonly _tag: "Stray" }

/**
 * Builds a classifier for one CSV. The pool prefix wins over a client whose row id happens to
 * equal the pool folder's name. A folder whose row id is not in the CSV counts as an unknown
 * client's folder only when its name has the shape of the CSV's ids (all digits when every
 * known id is digits; otherwise no dot or space), so `misc/readme.txt` is a stray.
 *
 * @category classification
 */
export const makeKeyClassifier = (knownRowIds: ReadonlySet<string>, layout: Layout): (key: string) => KeyPlace => {
  const idShape = [...knownRowIds].every((id) => /^[0-9]+$/.test(id)) ? /^[0-9]+$/ : /^[^.\s]+$/
  // One place per client, shared by all its files: the row id is the CSV's own string, not a
  // copy sliced from each key (a million keys held a million copies).
  const clientPlaces = new Map<string, KeyPlace>()
  for (const rowId of knownRowIds) clientPlaces.set(rowId, { _tag: "ClientFolder", rowId: rowId as RowId })
  return (key) => {
    if (layout.poolPrefix !== "" && key.startsWith(layout.poolPrefix)) {
      return { _tag: "Pool", uuid: uuidFromFileName(fileName(key)) }
    }
    const folder = firstSegment(key)
    if (folder === undefined) return { _tag: "Stray" }
    const place = clientPlaces.get(folder)
    if (place !== undefined) return place
    return idShape.test(folder) ? { _tag: "UnknownClientFolder", folder } : { _tag: "Stray" }
  }
}
