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
import { quoteValue } from "./internal/textPosition.ts"
import { clientsDigestColumn, ledgerReadOptions, optionalColumns, validateLedger } from "./LedgerFile.ts"

/**
 * The columns a ledger may lack: `why` and `metadata` (older files) and `clients_sha256`.
 *
 * @example
 * ```ts
 * import { optionalLedgerColumns } from "./LedgerContent.ts"
 * optionalLedgerColumns.has("clients_sha256") // true
 * ```
 * @category models
 */
export const optionalLedgerColumns: ReadonlySet<string> = new Set([...optionalColumns, clientsDigestColumn])

/**
 * A read ledger: its rows, and the sha256 of the clients CSV it was committed with, when it
 * records one.
 *
 * @example
 * ```ts
 * import type { LedgerContent } from "./LedgerContent.ts"
 * const content: LedgerContent = { mappings: [], clientsSha256: undefined }
 * ```
 * @category models
 */
export interface LedgerContent {
  readonly mappings: ReadonlyArray<Mapping>
  readonly clientsSha256: string | undefined
}

/**
 * Reads a ledger as `readLedger` does, and its `clients_sha256`. Fails with `"InvalidCell"`,
 * naming the cell, when a digest cell is not a sha256 or two rows give different ones.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { readLedgerContent } from "./LedgerContent.ts"
 * import { renderLedger } from "./LedgerFile.ts"
 * const bytes = new TextEncoder().encode(renderLedger([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
 * const content = await Effect.runPromise(readLedgerContent("clients.ledger.csv", bytes))
 * content.clientsSha256 // undefined: a ledger without rows has nowhere to keep it
 * ```
 * @category reading
 */
export const readLedgerContent = (file: string, bytes: Uint8Array): Effect.Effect<LedgerContent, CsvError> =>
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
        if (!/^[0-9a-f]{64}$/.test(digest)) {
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
