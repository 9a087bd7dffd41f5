/**
 * The ledger's `evidence` cell: a compact JSON array of `{"source","row_id","detail"}`, and
 * back. Internal to `LedgerFile`.
 *
 * @module
 */
import { type Evidence, EvidenceSource } from "../../../domain/Evidence.ts"
import { unsafeRowId } from "../../../domain/RowId.ts"
import { quoteValue } from "./textPosition.ts"

/**
 * Evidence as its cell text.
 *
 */
export const renderEvidence = (evidence: ReadonlyArray<Evidence>): string =>
  JSON.stringify(evidence.map(({ detail, rowId, source }) => ({ source, row_id: rowId, detail })))

/**
 * The evidence of a ledger cell (none when empty), or the message saying why it is not what
 * uuidmap writes.
 *
 */
export const parseEvidence = (text: string): Array<Evidence> | string => {
  if (text === "") return []
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return `Evidence ${quoteValue(text)} is not valid JSON`
  }
  if (!Array.isArray(parsed)) return `Evidence ${quoteValue(text)} is not a JSON array`
  const evidence: Array<Evidence> = []
  for (const item of parsed as Array<unknown>) {
    const { detail, row_id, source } = (typeof item === "object" && item !== null ? item : {}) as Record<
      string,
      unknown
    >
    if (
      typeof source !== "string" || !(EvidenceSource.literals as ReadonlyArray<string>).includes(source) ||
      typeof row_id !== "string" || row_id === "" || typeof detail !== "string"
    ) {
      const shown = quoteValue(JSON.stringify(item) ?? "")
      return `Evidence item ${shown} needs a known "source", a non-empty "row_id" and a "detail"`
    }
    evidence.push({ source: source as EvidenceSource, rowId: unsafeRowId(row_id), detail })
  }
  return evidence
}
