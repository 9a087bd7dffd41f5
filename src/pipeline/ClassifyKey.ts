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
 * @example
 * ```ts
 * import type { KeyPlace } from "./ClassifyKey.ts"
 * const place: KeyPlace = { _tag: "Stray" }
 * ```
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
 * @example
 * ```ts
 * import { makeKeyClassifier } from "./ClassifyKey.ts"
 * const classify = makeKeyClassifier(new Set(["502"]), { poolPrefix: "files/" })
 * classify("502/Sam/resume.pdf") // { _tag: "ClientFolder", rowId: "502" }
 * classify("files/3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f.pdf") // { _tag: "Pool", uuid: "3f2a…" }
 * classify("999/x.pdf") // { _tag: "UnknownClientFolder", folder: "999" }
 * classify("misc/readme.txt") // { _tag: "Stray" }
 * ```
 * @category classification
 */
export const makeKeyClassifier = (knownRowIds: ReadonlySet<string>, layout: Layout): (key: string) => KeyPlace => {
  const idShape = [...knownRowIds].every((id) => /^[0-9]+$/.test(id)) ? /^[0-9]+$/ : /^[^.\s]+$/
  return (key) => {
    if (layout.poolPrefix !== "" && key.startsWith(layout.poolPrefix)) {
      return { _tag: "Pool", uuid: uuidFromFileName(fileName(key)) }
    }
    const folder = firstSegment(key)
    if (folder === undefined) return { _tag: "Stray" }
    if (knownRowIds.has(folder)) return { _tag: "ClientFolder", rowId: folder as RowId }
    return idShape.test(folder) ? { _tag: "UnknownClientFolder", folder } : { _tag: "Stray" }
  }
}
