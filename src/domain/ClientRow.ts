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
 * @example Decoding a client row
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Schema from "effect/Schema"
 * import { ClientRow } from "uuidmap"
 *
 * const client = Schema.decodeUnknownSync(ClientRow)({ rowId: "502", tracked: true, uuids: ["3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f"] })
 * assert.deepStrictEqual(client.uuids, ["3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f"])
 * assert.throws(() => Schema.decodeUnknownSync(ClientRow)({ rowId: "502", tracked: true, uuids: ["not-a-uuid"] }))
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

/**
 * A client row as a value.
 *
 * @category models
 */
export interface ClientRow extends Schema.Schema.Type<typeof ClientRow> {}
