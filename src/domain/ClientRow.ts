/**
 * A client as the pipeline sees it: its id and its tracking cell. The CSV's other columns
 * never enter the pure core, so the core cannot alter them.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { FileUuid } from "./FileUuid.ts"
import { RowId } from "./RowId.ts"

/**
 * `tracked` is false while the count cell is empty ("not tracked yet"); `uuids` is the
 * tracking cell, sorted and without duplicates.
 *
 * @example
 * ```ts
 * import type { ClientRow } from "./ClientRow.ts"
 * import { unsafeRowId } from "./RowId.ts"
 * const client: ClientRow = { rowId: unsafeRowId("502"), tracked: false, uuids: [] }
 * ```
 * @category models
 */
export const ClientRow: Schema.Struct<{
  readonly rowId: typeof RowId
  readonly tracked: Schema.Boolean
  readonly uuids: Schema.$Array<typeof FileUuid>
}> = Schema.Struct({
  rowId: RowId,
  tracked: Schema.Boolean,
  uuids: Schema.Array(FileUuid)
})

/** @category models */
export interface ClientRow extends Schema.Schema.Type<typeof ClientRow> {}
