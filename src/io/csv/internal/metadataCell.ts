/**
 * The ledger's `metadata` cell: a pool file's last metadata reading as compact JSON,
 * `{"etag","last_modified","names","values"}`, and back. Internal to `LedgerFile`.
 *
 * @module
 */
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type { MetadataReading } from "../../../domain/MetadataReading.ts"
import { quoteValue } from "./textPosition.ts"

/**
 * A reading as its cell text, values in name order, so the same reading always renders the
 * same bytes.
 *
 */
export const renderReading = (reading: MetadataReading): string =>
  JSON.stringify({
    etag: reading.etag,
    last_modified: reading.lastModified,
    names: reading.names,
    values: Object.fromEntries(Object.entries(reading.values).sort(([a], [b]) => (a < b ? -1 : 1)))
  })

// The cell as `renderReading` writes it.
const ReadingCell = Schema.fromJsonString(Schema.Struct({
  etag: Schema.String,
  last_modified: Schema.String,
  names: Schema.Array(Schema.String),
  values: Schema.Record(Schema.String, Schema.String)
}))
const decodeCell = Schema.decodeUnknownOption(ReadingCell)

/**
 * The reading of a metadata cell (null when empty), or the message saying why it is not what
 * uuidmap writes.
 *
 */
export const parseReading = (text: string): MetadataReading | null | string => {
  if (text === "") return null
  const decoded = decodeCell(text)
  if (Option.isNone(decoded)) return `Metadata ${quoteValue(text)} is not the JSON uuidmap writes: {"etag","last_modified","names","values"}`
  const { etag, last_modified, names, values } = decoded.value
  return { etag, lastModified: last_modified, names, values }
}
