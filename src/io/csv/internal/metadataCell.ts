/**
 * The ledger's `metadata` cell: a pool file's last metadata reading as compact JSON,
 * `{"etag","last_modified","names","values"}`, and back. Internal to `LedgerFile`.
 *
 * @module
 */
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

/**
 * The reading of a metadata cell (null when empty), or the message saying why it is not what
 * uuidmap writes.
 *
 */
export const parseReading = (text: string): MetadataReading | null | string => {
  if (text === "") return null
  const wrong = `Metadata ${quoteValue(text)} is not the JSON uuidmap writes: {"etag","last_modified","names","values"}`
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return wrong
  }
  const { etag, last_modified, names, values } = (typeof parsed === "object" && parsed !== null ? parsed : {}) as Record<string, unknown>
  const isText = (value: unknown): value is string => typeof value === "string"
  if (
    !isText(etag) || !isText(last_modified) || !Array.isArray(names) || !names.every(isText) ||
    typeof values !== "object" || values === null || Array.isArray(values) || !Object.values(values).every(isText)
  ) return wrong
  return { etag, lastModified: last_modified, names, values: values as Record<string, string> }
}
