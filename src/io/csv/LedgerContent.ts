/**
 * A ledger with the digest that ties it to its clients CSV: the rows `readLedger` reads, and
 * the `clients_sha256` of its first row. The digest tells a run whether the ledger was
 * committed together with the clients CSV now on disk, or the CSV was edited since.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import type { CsvError } from "../../domain/CsvError.ts"
import type { Mapping } from "../../domain/Mapping.ts"
import { readCsvDocument } from "./CsvReader.ts"
import { cellError } from "./internal/cellError.ts"
import { type FastLedger, readLedgerFast } from "./internal/ledgerFastRead.ts"
import { quoteValue } from "./internal/textPosition.ts"
import { clientsDigestColumn, ledgerReadOptions, optionalColumns, validateLedger } from "./LedgerFile.ts"

/**
 * The columns a ledger may lack: `why` and `metadata` (older files) and `clients_sha256`.
 *
 * @category models
 */
export const optionalLedgerColumns: ReadonlySet<string> = new Set([...optionalColumns, clientsDigestColumn])

/**
 * A read ledger: its rows, and the sha256 of the clients CSV it was committed with, when it
 * records one.
 *
 * @example The digest a ledger was committed with
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { type LedgerContent, readLedgerContent } from "uuidmap"
 *
 * const content: LedgerContent = await Effect.runPromise(readLedgerContent("clients.ledger.csv", new TextEncoder().encode("uuid,key,row_id,status,evidence,confidence,size,etag,last_modified\n")))
 * assert.deepStrictEqual(content, { mappings: [], clientsSha256: undefined })
 * ```
 * @category models
 */
export interface LedgerContent {
  /** The rows, in file order. */
  readonly mappings: ReadonlyArray<Mapping>
  /** The sha256 of the clients CSV the ledger was committed with, when it records one. */
  readonly clientsSha256: string | undefined
}

/**
 * Reads a ledger as `readLedger` does, and its `clients_sha256`. Fails with `"InvalidCell"`,
 * naming the cell, when a digest cell is not a sha256 or two rows give different ones.
 *
 * @example Reading back what renderLedger wrote
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { readLedgerContent, renderLedger, runPipelinePromise } from "uuidmap"
 *
 * const { state } = await runPipelinePromise({
 *   clients: [{ rowId: "502", tracked: false, uuids: [] }],
 *   objects: [{ key: "502/a.pdf", size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]
 * })
 * const sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
 * const content = await Effect.runPromise(readLedgerContent("clients.ledger.csv", new TextEncoder().encode(renderLedger(state.ledger, sha256))))
 * assert.equal(content.clientsSha256, sha256)
 * assert.deepStrictEqual(content.mappings, state.ledger)
 * ```
 * @category reading
 */
export const readLedgerContent = (file: string, bytes: Uint8Array): Effect.Effect<LedgerContent, CsvError> =>
  Effect.suspend(() => {
    const fast = readLedgerFast(file, bytes)
    const digest = fast === undefined ? disagreement : agreedDigest(fast.digests)
    if (fast === undefined || digest === disagreement) return readLedgerContentExact(file, bytes)
    const content: LedgerContent = { mappings: fast.mappings, clientsSha256: digest }
    return Effect.succeed(content)
  })

const digestPattern = /^[0-9a-f]{64}$/
const disagreement = Symbol("disagreement")

// The one digest all the cells give (undefined: none does), or `disagreement` when a cell is
// not a sha256 or two differ; the general reader then names the cell.
const agreedDigest = (digests: FastLedger["digests"]): string | undefined | typeof disagreement => {
  const first = digests[0]?.value
  for (const { value } of digests) if (value !== first || !digestPattern.test(value)) return disagreement
  return first
}

/**
 * `readLedgerContent` through the general CSV reader only, the reader of record that the fast
 * path must agree with (a property test holds them to it).
 *
 * @internal
 */
export const readLedgerContentExact = (file: string, bytes: Uint8Array): Effect.Effect<LedgerContent, CsvError> =>
  Effect.gen(function*() {
    const document = yield* readCsvDocument(file, bytes, ledgerReadOptions)
    const mappings = validateLedger(file, document.header, document.rows)
    if (!Array.isArray(mappings)) return yield* Effect.fail(mappings as CsvError)
    const column = document.header.fields.indexOf(clientsDigestColumn)
    let found: { readonly value: string; readonly line: number } | undefined
    if (column !== -1) {
      for (const row of document.rows) {
        const digest = row.fields[column]!
        if (digest === "") continue
        if (!digestPattern.test(digest)) {
          return yield* cellError(file, row, column, ",", "InvalidCell", `${quoteValue(digest)} is not a sha256 (64 lower-case hex digits)`)
        }
        if (found !== undefined && found.value !== digest) {
          return yield* cellError(file, row, column, ",", "InvalidCell", `A second clients_sha256 ${quoteValue(digest)}; line ${found.line} has ${quoteValue(found.value)}`)
        }
        found = { value: digest, line: row.line }
      }
    }
    const content: LedgerContent = { mappings: mappings as ReadonlyArray<Mapping>, clientsSha256: found?.value }
    return content
  })
