/**
 * The ledger's columns, and where each is in a ledger's header.
 *
 * @internal
 * @module
 */
import type { CsvError } from "../../../domain/CsvError.ts"
import type { CsvRecord } from "../CsvReader.ts"
import { cellError } from "./cellError.ts"
import { quoteValue } from "./textPosition.ts"

/**
 * The ledger's columns, in the order they are written. `why` and `metadata` may be absent
 * from older files.
 *
 * @category models
 */
export const ledgerColumns = [
  "uuid",
  "key",
  "row_id",
  "status",
  "evidence",
  "confidence",
  "size",
  "etag",
  "last_modified",
  "why",
  "metadata"
] as const

/**
 * A ledger column name.
 *
 * @category models
 */
export type LedgerColumn = typeof ledgerColumns[number]

/** Columns an older ledger may lack (`clients_sha256` is handled on its own). */
export const optionalColumns: ReadonlySet<string> = new Set(["why", "metadata"])

/**
 * The column tying a ledger to its clients CSV: the CSV's sha256 on the first row (LedgerContent.ts).
 *
 * @category models
 */
export const clientsDigestColumn = "clients_sha256"

/** Where each ledger column is in the header (undefined: absent). */
export type LedgerColumnIndexes = { readonly [Column in LedgerColumn]: number | undefined }

/**
 * Where each ledger column is in `header`, or the problem with it: an unknown, repeated or
 * missing column.
 */
export const ledgerColumnIndexes = (file: string, header: CsvRecord): LedgerColumnIndexes | CsvError => {
  const indexes = new Map<LedgerColumn, number>()
  let digestSeen = false
  for (let column = 0; column < header.fields.length; column++) {
    const name = header.fields[column]!
    if (name === clientsDigestColumn && !digestSeen) {
      digestSeen = true
      continue
    }
    if (indexes.has(name as LedgerColumn) || name === clientsDigestColumn) {
      return cellError(file, header, column, ",", "InvalidCell", `Ledger column ${quoteValue(name)} appears twice`)
    }
    if (!(ledgerColumns as ReadonlyArray<string>).includes(name)) {
      const expected = `${ledgerColumns.join(",")},${clientsDigestColumn}`
      return cellError(file, header, column, ",", "InvalidCell", `Unknown ledger column ${quoteValue(name)}; expected ${expected}`)
    }
    indexes.set(name as LedgerColumn, column)
  }
  for (const name of ledgerColumns) {
    if (!indexes.has(name) && !optionalColumns.has(name)) {
      return cellError(
        file,
        header,
        header.fields.length,
        ",",
        "InvalidCell",
        `Ledger header lacks the ${quoteValue(name)} column`
      )
    }
  }
  return Object.fromEntries(ledgerColumns.map((name) => [name, indexes.get(name)])) as LedgerColumnIndexes
}
