/**
 * The rows of a ledger, each checked and read into a `Mapping`, with no UUID and no key on
 * two rows. At a million rows, indexing every UUID and key in a `Map` (with the line each was
 * first seen on, for the message) took a second and two million entries for the collector;
 * the fast pass only proves them unique, with repeat finders, and the exact pass, the one
 * that names the earlier line, runs only on a ledger that repeats one (and will be refused).
 * No check looks ahead, so every other answer of the fast pass is already the exact one.
 *
 * Internal to `LedgerFile`.
 *
 * @internal
 * @module
 */
import type { CsvError } from "../../../domain/CsvError.ts"
import { isFileUuid } from "../../../domain/FileUuid.ts"
import type { Mapping } from "../../../domain/Mapping.ts"
import { MappingStatus } from "../../../domain/MappingStatus.ts"
import { unsafeObjectKey } from "../../../domain/ObjectKey.ts"
import { unsafeRowId } from "../../../domain/RowId.ts"
import type { CsvRecord } from "../CsvReader.ts"
import { cellError } from "./cellError.ts"
import type { LedgerColumn, LedgerColumnIndexes } from "./ledgerColumns.ts"
import { parseEvidence } from "./evidenceCell.ts"
import { parseReading } from "./metadataCell.ts"
import { makeRepeatFinder } from "./repeatFinder.ts"
import { quoteValue } from "./textPosition.ts"

/** Reads every row, or returns the first problem. */
export const readLedgerRows = (
  file: string,
  rows: ReadonlyArray<CsvRecord>,
  columns: LedgerColumnIndexes
): ReadonlyArray<Mapping> | CsvError => readRows(file, rows, columns, "fast") ?? readRows(file, rows, columns, "exact")!

/** One pass; undefined when the fast pass met a repeat. */
const readRows = (
  file: string,
  rows: ReadonlyArray<CsvRecord>,
  columns: LedgerColumnIndexes,
  pass: LedgerPass
): ReadonlyArray<Mapping> | CsvError | undefined => {
  const reader = makeLedgerRowReader(file, columns, pass, rows.length)
  for (let index = 0; index < rows.length; index++) {
    const problem = reader.add(rows[index]!)
    if (problem === repeated) return undefined
    if (problem !== undefined) return problem
  }
  return reader.mappings
}

/**
 * What a pass says of a UUID or key seen before: the earlier line (and UUID), or, in the fast
 * pass, only that there was one.
 */
export const repeated = "repeated"

/** The fast pass proves UUIDs and keys unique; the exact one names the earlier line of a repeat. */
export type LedgerPass = "fast" | "exact"

/** Reads a ledger's rows one at a time, in file order, into `mappings`. */
export interface LedgerRowReader {
  /** Reads the next row: undefined when it is read, else its problem (`repeated`: fast pass only). */
  readonly add: (row: CsvRecord) => CsvError | typeof repeated | undefined
  /** The rows read so far. */
  readonly mappings: ReadonlyArray<Mapping>
}

/** A reader for the rows of one ledger, whose header gave `columns`, sized for about `expectedRows`. */
export const makeLedgerRowReader = (
  file: string,
  columns: LedgerColumnIndexes,
  pass: LedgerPass,
  expectedRows: number
): LedgerRowReader => {
  const mappings: Array<Mapping> = []
  const uniqueness = pass === "fast" ? fastUniqueness(mappings, expectedRows) : exactUniqueness()
  return {
    mappings,
    add: (row) => {
      const mapping = readMapping(file, row, mappings.length, columns, uniqueness)
      if (mapping === repeated) return repeated
      if (!("uuid" in mapping)) return mapping
      // One key is one object, so it has one UUID: two rows for a key would spread two UUIDs
      // for one file into the CSV (verify's ledger-keys-unique check).
      if (mapping.key !== null) {
        const earlier = uniqueness.key(mapping.key, mapping.uuid, row)
        if (earlier === repeated) return repeated
        if (earlier !== undefined) {
          return cellError(
            file,
            row,
            columns.key ?? 0,
            ",",
            "DuplicateKey",
            `Key ${quoteValue(mapping.key)} is already listed on line ${earlier.line} with UUID ${quoteValue(earlier.uuid)}; ` +
              "one file has one UUID: delete one of the two rows (uuidmap verify lists every such row)"
          )
        }
      }
      mappings.push(mapping)
      return undefined
    }
  }
}

interface Uniqueness {
  readonly uuid: (uuid: string, row: CsvRecord, index: number) => number | typeof repeated | undefined
  readonly key: (key: string, uuid: string, row: CsvRecord) => { readonly line: number; readonly uuid: string } | typeof repeated | undefined
}

const exactUniqueness = (): Uniqueness => {
  const uuidLines = new Map<string, number>()
  const keyLines = new Map<string, { readonly line: number; readonly uuid: string }>()
  return {
    uuid: (uuid, row) => {
      const earlier = uuidLines.get(uuid)
      if (earlier === undefined) uuidLines.set(uuid, row.line)
      return earlier
    },
    key: (key, uuid, row) => {
      const earlier = keyLines.get(key)
      if (earlier === undefined) keyLines.set(key, { line: row.line, uuid })
      return earlier
    }
  }
}

// A finder only looks back at strings added before, so the UUIDs of the rows already read
// serve as its list: row `index` is `mappings[index]`.
const fastUniqueness = (mappings: ReadonlyArray<Mapping>, expectedRows: number): Uniqueness => {
  const uuids = makeRepeatFinder(expectedRows, (index) => mappings[index]!.uuid)
  const keys: Array<string> = []
  const keyFinder = makeRepeatFinder(expectedRows, (index) => keys[index]!)
  return {
    uuid: (uuid, _, index) => (uuids.add(index, uuid) ? repeated : undefined),
    key: (key) => (keyFinder.add(keys.push(key) - 1, key) ? repeated : undefined)
  }
}

const confidencePattern = /^[0-9]+(\.[0-9]+)?$/
const digitsPattern = /^[0-9]+$/
const statuses: ReadonlyArray<string> = MappingStatus.literals

const readMapping = (
  file: string,
  row: CsvRecord,
  index: number,
  columns: LedgerColumnIndexes,
  uniqueness: Uniqueness
): Mapping | CsvError | typeof repeated => {
  const fields = row.fields
  const cell = (column: number | undefined): string => (column === undefined ? "" : fields[column]!)
  const error = (name: LedgerColumn, reason: "InvalidUuid" | "DuplicateUuid" | "InvalidCell", message: string) =>
    cellError(file, row, columns[name] ?? 0, ",", reason, message)

  const uuid = cell(columns.uuid)
  if (!isFileUuid(uuid)) return error("uuid", "InvalidUuid", `Ledger UUID ${quoteValue(uuid)} is not a lower-case UUID`)
  const earlier = uniqueness.uuid(uuid, row, index)
  if (earlier === repeated) return repeated
  if (earlier !== undefined) {
    return error("uuid", "DuplicateUuid", `UUID ${quoteValue(uuid)} is already listed on line ${earlier}`)
  }

  const statusText = cell(columns.status)
  // The literal itself rather than the cell's copy of it: a million copies are 24 MB.
  const status = statuses[statuses.indexOf(statusText)]
  if (status === undefined) {
    return error("status", "InvalidCell", `Status ${quoteValue(statusText)} is not one of ${statuses.map(quoteValue).join(", ")}`)
  }
  const rowId = cell(columns.row_id)
  if ((status === "mapped" || status === "review") && rowId === "") {
    return error("row_id", "InvalidCell", `Status is ${quoteValue(status)} but row_id is empty; a ${status} file names its client`)
  }
  const key = cell(columns.key)
  const evidence = parseEvidence(cell(columns.evidence), { rowId, key })
  if (typeof evidence === "string") return error("evidence", "InvalidCell", evidence)
  const confidence = cell(columns.confidence)
  if (!confidencePattern.test(confidence) || Number(confidence) > 1) {
    return error("confidence", "InvalidCell", `Confidence ${quoteValue(confidence)} is not a number from 0 to 1`)
  }
  const size = cell(columns.size)
  if (size !== "" && !(digitsPattern.test(size) && Number.isSafeInteger(Number(size)))) {
    return error("size", "InvalidCell", `Size ${quoteValue(size)} is not a non-negative integer`)
  }
  const metadata = parseReading(cell(columns.metadata))
  if (typeof metadata === "string") return error("metadata", "InvalidCell", metadata)
  const etag = cell(columns.etag)
  const lastModified = cell(columns.last_modified)
  return {
    uuid,
    key: key === "" ? null : unsafeObjectKey(key),
    rowId: rowId === "" ? null : unsafeRowId(rowId),
    status: status as MappingStatus,
    evidence,
    confidence: Number(confidence),
    why: cell(columns.why),
    size: size === "" ? null : Number(size),
    etag: etag === "" ? null : etag,
    lastModified: lastModified === "" ? null : lastModified,
    metadata
  }
}
