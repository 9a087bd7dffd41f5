/**
 * The ledger file: one row per file uuidmap knows, with its UUID, key, owner, status and the
 * evidence behind it (SPEC §1), and, in its `clients_sha256` column, the sha256 of the clients
 * CSV it was committed with. uuidmap owns the ledger outright, so it is always written
 * whole in one canonical form (comma, `\n`, UTF-8 without BOM, fixed columns), which makes a
 * second run byte-identical; reading checks every cell, so a hand edit gone wrong fails with
 * its line and column instead of corrupting a run.
 *
 * The `metadata` column keeps a pool file's last metadata reading (`MetadataReading`) as
 * compact JSON, `{"etag","last_modified","names","values"}`, empty when never read; ledgers
 * written before it existed read as having none.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { CsvError } from "../../domain/CsvError.ts"
import type { Mapping } from "../../domain/Mapping.ts"
import { type CsvRecord, readCsvDocument } from "./CsvReader.ts"
import { quoteCsvField } from "./CsvWriter.ts"
import { makeByteSink } from "./internal/byteSink.ts"
import { type CsvSink, makeTextSink, write } from "./internal/csvSink.ts"
import { renderEvidence } from "./internal/evidenceCell.ts"
import { clientsDigestColumn, type LedgerColumn, ledgerColumnIndexes, ledgerColumns, optionalColumns } from "./internal/ledgerColumns.ts"
import { readLedgerFast } from "./internal/ledgerFastRead.ts"
import { readLedgerRows } from "./internal/ledgerRows.ts"
import { renderReading } from "./internal/metadataCell.ts"

export { clientsDigestColumn, type LedgerColumn, ledgerColumns, optionalColumns }

/** How a ledger is read: always comma-separated UTF-8; any character in a cell (keys are bytes). */
export const ledgerReadOptions = { delimiter: ",", encoding: "utf-8", anyCharacter: true } as const

/**
 * Formats a confidence for the ledger: rounded to two decimals, shortest form, no trailing
 * zeros (`1`, `0.5`, `0.33`). Rounding makes the text stable, so a second run writes the same
 * bytes; a confidence with more decimals reads back rounded.
 *
 * @example Two decimals, shortest form
 * ```ts
 * import assert from "node:assert/strict"
 * import { formatConfidence } from "./LedgerFile.ts"
 *
 * assert.deepStrictEqual([1, 0.5, 2 / 3].map(formatConfidence), ["1", "0.5", "0.67"])
 * ```
 * @category rendering
 */
export const formatConfidence = (confidence: number): string => {
  const rounded = Math.round(confidence * 100) / 100
  // `+ 0` turns -0 into 0, which would otherwise print as "0" but compare as -0.
  return String(rounded + 0)
}

/**
 * Renders the ledger: the header, then one row per mapping in the given order, empty cells for
 * nulls, evidence as a compact JSON array of `{"source","row_id","detail"}` objects, `\n` after
 * every line, and `clientsSha256` (when given) in the last column of the first row. Plain
 * UTF-8 text without BOM.
 *
 * @example A ledger's text
 * ```ts
 * import assert from "node:assert/strict"
 * import { renderLedger, runPipelinePromise } from "uuidmap"
 *
 * assert.equal(renderLedger([]), "uuid,key,row_id,status,evidence,confidence,size,etag,last_modified,why,metadata,clients_sha256\n")
 * const { state } = await runPipelinePromise({
 *   clients: [{ rowId: "502", tracked: false, uuids: [] }],
 *   objects: [{ key: "502/a.pdf", size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }],
 *   uuids: { testSeed: 1 }
 * })
 * const row = renderLedger(state.ledger).split("\n")[1]!
 * assert.equal(row.split(",").slice(0, 4).join(","), "00000001-0000-4000-8000-000000000000,502/a.pdf,502,mapped")
 * ```
 * @category rendering
 */
export const renderLedger = (mappings: Iterable<Mapping>, clientsSha256?: string): string => {
  const sink = makeTextSink()
  writeLedger(mappings, clientsSha256, sink)
  return sink.text()
}

/**
 * The ledger's bytes: exactly `new TextEncoder().encode(renderLedger(mappings, clientsSha256))`,
 * encoded as the rows are rendered rather than from one joined text (at a million rows, the
 * text alone would be some 300 MB).
 *
 * @example A ledger's bytes, as a run writes them
 * ```ts
 * import assert from "node:assert/strict"
 * import { encodeLedger, renderLedger } from "uuidmap"
 *
 * const written = encodeLedger([])
 * assert.deepStrictEqual(written, new TextEncoder().encode(renderLedger([])))
 * assert.equal(written.length, 95)
 * ```
 * @category rendering
 */
export const encodeLedger = (mappings: Iterable<Mapping>, clientsSha256?: string): Uint8Array => {
  // Room for rows of up to 512 bytes in the first chunk, so the result is a view of it
  // rather than a copy of chunks (pages never written cost no memory).
  const sink = makeByteSink({ bom: false, encoding: "utf-8" }, Array.isArray(mappings) ? 512 * mappings.length : undefined)
  writeLedger(mappings, clientsSha256, sink)
  return sink.bytes()
}

const header = ledgerColumns.join(",") + "," + clientsDigestColumn + "\n"

const writeLedger = (mappings: Iterable<Mapping>, clientsSha256: string | undefined, sink: CsvSink): void => {
  write(sink, header)
  let digest = clientsSha256 ?? ""
  for (const mapping of mappings) {
    // One string per row, built by concatenation: no array of cells per row.
    const line = cell(mapping.uuid) + "," + cell(mapping.key ?? "") + "," + cell(mapping.rowId ?? "") + "," +
      mapping.status + "," + cell(renderEvidence(mapping.evidence)) + "," + formatConfidence(mapping.confidence) + "," +
      (mapping.size === null ? "" : String(mapping.size)) + "," + cell(mapping.etag ?? "") + "," +
      cell(mapping.lastModified ?? "") + "," + cell(mapping.why) + "," +
      (mapping.metadata === null ? "" : cell(renderReading(mapping.metadata))) + "," + cell(digest) + "\n"
    write(sink, line)
    digest = ""
  }
}

const cell = (value: string): string => quoteCsvField(value, ",")

/**
 * Reads and validates a ledger (UTF-8, LF or CRLF, BOM tolerated). Fails, naming the file
 * and the cell's line and column, with reason `"InvalidUuid"` (not a lower-case UUID),
 * `"DuplicateUuid"` (a UUID on two rows, that is two keys for one UUID; the message names the
 * first line), `"DuplicateKey"` (a key on two rows, that is two UUIDs for one file) or
 * `"InvalidCell"` (an unknown, repeated or missing column, an unknown status, a `mapped` or
 * `review` row without a row_id, evidence that is not the JSON
 * uuidmap writes, a confidence that is not a number from 0 to 1, a size that is not a
 * non-negative integer, metadata that is not the JSON uuidmap writes), besides the reader's
 * own errors. A missing `why` column reads as `""`, a missing `metadata` column as no reading.
 *
 * @example A ledger that names one key twice
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { readLedger } from "uuidmap"
 *
 * const header = "uuid,key,row_id,status,evidence,confidence,size,etag,last_modified\n"
 * const row = (uuid: string) => `${uuid},502/a.pdf,502,mapped,[],1,10,,\n`
 * const bytes = new TextEncoder().encode(header + row("3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f") + row("8b1d0c2e-5f3a-4e6b-9c7d-1a2b3c4d5e6f"))
 * const error = await Effect.runPromise(Effect.flip(readLedger("clients.ledger.csv", bytes)))
 * assert.equal(error.reason, "DuplicateKey")
 * assert.equal(error.line, 3)
 * ```
 * @category reading
 */
export const readLedger = (file: string, bytes: Uint8Array): Effect.Effect<ReadonlyArray<Mapping>, CsvError> =>
  Effect.suspend(() => {
    const fast = readLedgerFast(file, bytes)
    return fast === undefined ? readLedgerExact(file, bytes) : Effect.succeed(fast.mappings)
  })

const readLedgerExact = (file: string, bytes: Uint8Array): Effect.Effect<ReadonlyArray<Mapping>, CsvError> =>
  Effect.gen(function*() {
    const document = yield* readCsvDocument(file, bytes, ledgerReadOptions)
    const result = validateLedger(file, document.header, document.rows)
    return Array.isArray(result) ? result : yield* Effect.fail(result as CsvError)
  })

/**
 * Validates a read ledger document (see `readLedger`), accepting `clients_sha256`.
 *
 * @category reading
 */
export const validateLedger = (
  file: string,
  header: CsvRecord,
  rows: ReadonlyArray<CsvRecord>
): ReadonlyArray<Mapping> | CsvError => {
  const columns = ledgerColumnIndexes(file, header)
  return columns instanceof CsvError ? columns : readLedgerRows(file, rows, columns)
}
