/**
 * The row-id rules of a clients CSV: every id present, unique, and without surrounding spaces.
 * Ids are matched to folder names byte for byte, so `"502 "` would never find folder `502/`,
 * and `" 1 "` next to `"1"` is the same client typed twice. Both are refused, naming the lines.
 *
 * @internal
 * @module
 */
import type { CsvRecord } from "../CsvReader.ts"
import { quoteValue } from "./textPosition.ts"

/** What is wrong with one row's id. */
export interface RowIdProblem {
  readonly reason: "EmptyRowId" | "DuplicateRowId" | "PaddedRowId"
  readonly message: string
}

const emptyRowId: RowIdProblem = { reason: "EmptyRowId", message: "Row id is empty" }

const paddedRowId = (rowId: string): RowIdProblem => ({
  reason: "PaddedRowId",
  message: `Row id ${quoteValue(rowId)} has spaces around it; remove them (row ids are matched to folder names exactly)`
})

/**
 * The check of an id that no other row shares (by its trimmed text): what `rowIdChecker`
 * says of it, without indexing every row first.
 */
export const unsharedRowIdProblem = (rowId: string): RowIdProblem | undefined => {
  const trimmed = rowId.trim()
  if (trimmed === "") return emptyRowId
  return trimmed === rowId ? undefined : paddedRowId(rowId)
}

interface FirstUse {
  readonly line: number
  readonly rowId: string
}

/**
 * Indexes the ids of `rows` once (by their trimmed text, so a padded duplicate is found even
 * when the padded one comes first) and returns the check of one row.
 */
export const rowIdChecker = (
  rows: ReadonlyArray<CsvRecord>,
  idColumn: number
): (row: CsvRecord) => RowIdProblem | undefined => {
  const uses = new Map<string, FirstUse | Array<FirstUse>>()
  for (const row of rows) {
    const rowId = row.fields[idColumn]!
    const trimmed = rowId.trim()
    const use = { line: row.line, rowId }
    const known = uses.get(trimmed)
    if (known === undefined) uses.set(trimmed, use)
    else if (Array.isArray(known)) known.push(use)
    else uses.set(trimmed, [known, use])
  }
  return (row) => {
    const rowId = row.fields[idColumn]!
    const trimmed = rowId.trim()
    if (trimmed === "") return emptyRowId
    const known = uses.get(trimmed)!
    const others = Array.isArray(known) ? known.filter((use) => use.line !== row.line) : []
    // The first use of an id is fine, unless it is the padded twin of a later one.
    const other = others.find((use) => use.line < row.line) ?? (trimmed === rowId ? undefined : others[0])
    if (other !== undefined) {
      const message = other.rowId === rowId
        ? `Row id ${quoteValue(rowId)} is already used on line ${other.line}`
        : `Row id ${quoteValue(rowId)} is the same as ${quoteValue(other.rowId)} on line ${other.line} apart from spaces around it; ` +
          "row ids must be unique"
      return { reason: "DuplicateRowId", message }
    }
    return trimmed !== rowId ? paddedRowId(rowId) : undefined
  }
}
