/**
 * What `lookup ROW_ID` prints: the client's files as aligned text, or as JSON.
 *
 * @module
 */
import type { Mapping } from "../../domain/Mapping.ts"
import type { ClientFiles } from "../../program/LookupClient.ts"

const table = (mappings: ReadonlyArray<Mapping>): ReadonlyArray<string> => {
  const rows = mappings.map((m) => [m.uuid, m.key ?? "(key unknown)", m.size === null ? "" : `${m.size} B`, m.status, m.why])
  const header = ["uuid", "key", "size", "status", "why"]
  // A fold, not Math.max(...): a client may have more files than a call has room for arguments.
  const widths = header.map((_, i) => rows.reduce((width, row) => Math.max(width, row[i]!.length), header[i]!.length))
  const line = (row: ReadonlyArray<string>) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ")
  return [line(header), ...rows.map(line)]
}

/**
 * The client's files as lines of text.
 *
 * @category rendering
 */
export const renderClientFiles = (found: ClientFiles): ReadonlyArray<string> => {
  const { candidateFor, client, owned } = found
  const tracking = client.tracked ? "tracked" : "not tracked yet"
  const lines = [`Client ${client.rowId}: ${owned.length} file${owned.length === 1 ? "" : "s"} (${tracking})`]
  if (owned.length > 0) lines.push("", ...table(owned))
  if (candidateFor.length > 0) {
    lines.push("", `Candidate for ${candidateFor.length} file${candidateFor.length === 1 ? "" : "s"} in review:`, "", ...table(candidateFor))
  }
  return lines
}

const mappingJson = (m: Mapping) => ({
  uuid: m.uuid,
  key: m.key,
  size: m.size,
  status: m.status,
  row_id: m.rowId,
  confidence: m.confidence,
  why: m.why,
  evidence: m.evidence.map((item) => ({ source: item.source, row_id: item.rowId, detail: item.detail }))
})

/**
 * The client's files as a JSON-ready value.
 *
 * @category rendering
 */
export const clientFilesJson = (found: ClientFiles) => ({
  row_id: found.client.rowId,
  tracked: found.client.tracked,
  files: found.owned.map(mappingJson),
  candidate_for: found.candidateFor.map(mappingJson)
})
