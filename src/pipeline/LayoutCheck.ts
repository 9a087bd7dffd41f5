/**
 * A bucket layout must keep the UUID pool and the client folders apart: a `--pool-prefix`
 * inside a client's folder (`502/` or `502/scans/`), or a client whose row id is the pool's
 * folder name (`files`), would make that client's files read as pool files, and the ledger's
 * client-folder files as missing. Such a layout is refused rather than guessed at.
 *
 * @module
 */
import { firstSegment } from "../domain/ObjectKey.ts"
import type { Layout } from "../domain/State.ts"

/**
 * The index of the first client whose folder the pool prefix covers, or `undefined`.
 *
 * @category checks
 */
export const poolOverlap = (rowIds: ReadonlyArray<string>, layout: Layout): number | undefined => {
  const folder = firstSegment(layout.poolPrefix)
  if (folder === undefined) return undefined
  const index = rowIds.indexOf(folder)
  return index === -1 ? undefined : index
}
