/**
 * One shape for every evidence file: rows of named cells, each cell with the line and column
 * where it was written, whether the file is CSV (read with the lossless CSV reader) or JSON
 * Lines (one object per line). The readers of migration logs, records and review sheets
 * interpret these rows; this module only knows the formats and how to point at a cell.
 *
 * @module
 */
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { CsvError } from "../../domain/CsvError.ts"
import { EvidenceError } from "../../domain/EvidenceError.ts"
import { cellPosition } from "../csv/CsvRawFields.ts"
import { decodeCsvSource, streamCsvRecords } from "../csv/CsvReader.ts"

/**
 * A cell's text and where it starts (1-based).
 *
 * @example
 * ```ts
 * import type { EvidenceCell } from "./EvidenceRows.ts"
 * const cell: EvidenceCell = { text: "502", line: 3, column: 38 }
 * ```
 * @category models
 */
export interface EvidenceCell {
  readonly text: string
  readonly line: number
  readonly column: number
}

/**
 * One row: the line it starts on and its cells by column name (a JSON Lines row has only the
 * names its object has).
 *
 * @example
 * ```ts
 * import type { EvidenceRow } from "./EvidenceRows.ts"
 * const row: EvidenceRow = { line: 2, cells: new Map([["uuid", { text: "3f2a…", line: 2, column: 1 }]]) }
 * ```
 * @category models
 */
export interface EvidenceRow {
  readonly line: number
  readonly cells: ReadonlyMap<string, EvidenceCell>
}

/**
 * A whole evidence file. `columns` is the CSV header (undefined for JSON Lines, whose rows each
 * name their own fields).
 *
 * @example
 * ```ts
 * import type { EvidenceTable } from "./EvidenceRows.ts"
 * ```
 * @category models
 */
export interface EvidenceTable {
  readonly file: string
  readonly format: "csv" | "jsonl"
  readonly columns: ReadonlyArray<string> | undefined
  readonly rows: ReadonlyArray<EvidenceRow>
}

/**
 * A row's cell by column name: the exact name first, else the same name in another case
 * (`Old_Key` for `old_key`), since exports capitalise headers freely.
 *
 * @example
 * ```ts
 * import { cellNamed } from "./EvidenceRows.ts"
 * const row = { line: 2, cells: new Map([["UUID", { text: "x", line: 2, column: 1 }]]) }
 * cellNamed(row, "uuid")?.text // "x"
 * ```
 * @category accessors
 */
export const cellNamed = (row: EvidenceRow, name: string): EvidenceCell | undefined => {
  const exact = row.cells.get(name)
  if (exact !== undefined) return exact
  const lower = name.toLowerCase()
  for (const [column, cell] of row.cells) if (column.toLowerCase() === lower) return cell
  return undefined
}

/**
 * Tells whether a CSV table has a column (in any case); a JSON Lines table has every column
 * its rows name, so it is checked row by row instead.
 *
 * @example
 * ```ts
 * import { hasColumn } from "./EvidenceRows.ts"
 * hasColumn({ file: "a.csv", format: "csv", columns: ["Row_ID"], rows: [] }, "row_id") // true
 * ```
 * @category accessors
 */
export const hasColumn = (table: EvidenceTable, name: string): boolean =>
  table.columns === undefined || table.columns.some((column) => column.toLowerCase() === name.toLowerCase())

/**
 * Tells JSON Lines from CSV: a `.jsonl`, `.ndjson` or `.json` name, or text whose first
 * non-blank character opens an object.
 *
 * @example
 * ```ts
 * import { isJsonLines } from "./EvidenceRows.ts"
 * isJsonLines("moves.jsonl", "") // true
 * isJsonLines("moves.txt", "{\"old_key\":\"502/a.pdf\"}\n") // true
 * isJsonLines("moves.csv", "old_key,new_key\n") // false
 * ```
 * @category formats
 */
export const isJsonLines = (file: string, text: string): boolean =>
  /\.(jsonl|ndjson|json)$/i.test(file) || /^\uFEFF?\s*\{/.test(text)

const fromCsvError = (error: CsvError): EvidenceError =>
  new EvidenceError({
    reason: error.reason === "Unreadable" ? "Unreadable" : "Unparseable",
    file: error.file,
    line: error.line,
    column: error.column,
    message: error.message
  })

const readCsvRows = (file: string, bytes: Uint8Array): Effect.Effect<EvidenceTable, EvidenceError> =>
  Effect.gen(function*() {
    const source = yield* decodeCsvSource(file, bytes)
    const records = yield* Stream.runCollect(streamCsvRecords(source))
    const [header, ...data] = records
    const columns = (header?.fields ?? []).map((name) => name.trim())
    const rows = data.map((record): EvidenceRow => ({
      line: record.line,
      cells: new Map(columns.map((name, index) => {
        const position = cellPosition(record, index, source.dialect.delimiter)
        return [name, { text: record.fields[index] ?? "", line: position.line, column: position.column }] as const
      }))
    }))
    return { file, format: "csv" as const, columns, rows }
  }).pipe(Effect.mapError(fromCsvError))

const jsonColumn = (message: string): number => {
  const position = /position (\d+)/.exec(message)
  return position === null ? 1 : Number(position[1]) + 1
}

const readJsonLinesRows = (file: string, text: string): Effect.Effect<EvidenceTable, EvidenceError> =>
  Effect.gen(function*() {
    const rows: Array<EvidenceRow> = []
    const lines = text.replace(/^\uFEFF/, "").split("\n")
    for (let index = 0; index < lines.length; index++) {
      const lineText = lines[index]!.replace(/\r$/, "")
      const line = index + 1
      if (lineText.trim() === "") continue
      const result = parseJson(lineText)
      if (!result.ok) {
        return yield* new EvidenceError({ reason: "Unparseable", file, line, column: jsonColumn(result.message), message: `Line is not valid JSON: ${result.message}` })
      }
      const parsed = result.value
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        return yield* new EvidenceError({ reason: "Unparseable", file, line, column: 1, message: "Line is not a JSON object" })
      }
      const cells = new Map<string, EvidenceCell>()
      for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
        const column = lineText.indexOf(JSON.stringify(name)) + 1 || 1
        if (value === null) continue
        if (typeof value !== "string" && typeof value !== "number") {
          return yield* new EvidenceError({ reason: "InvalidValue", file, line, column, message: `Field ${JSON.stringify(name)} must be a string or a number` })
        }
        cells.set(name, { text: String(value), line, column })
      }
      rows.push({ line, cells })
    }
    return { file, format: "jsonl" as const, columns: undefined, rows }
  })

const parseJson = (text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string } => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    return { ok: false, message: (error as Error).message }
  }
}

/**
 * Reads an evidence file's bytes as CSV or JSON Lines. `file` names it in errors as given.
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { readEvidenceRows } from "./EvidenceRows.ts"
 * const table = await Effect.runPromise(readEvidenceRows("records.csv", new TextEncoder().encode("uuid,row_id\nx,502\n")))
 * table.rows[0]?.cells.get("row_id") // { text: "502", line: 2, column: 3 }
 * ```
 * @category reading
 */
export const readEvidenceRows = (file: string, bytes: Uint8Array): Effect.Effect<EvidenceTable, EvidenceError> => {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 64))
  return isJsonLines(file, text) ? readJsonLinesRows(file, new TextDecoder().decode(bytes)) : readCsvRows(file, bytes)
}

/**
 * The name evidence details use for a file: its base name, so that details do not change with
 * the working directory.
 *
 * @example
 * ```ts
 * import { evidenceFileLabel } from "./EvidenceRows.ts"
 * evidenceFileLabel("/data/in/moves.csv") // "moves.csv"
 * ```
 * @category formatting
 */
export const evidenceFileLabel = (file: string): string => path.basename(file)

/**
 * Reads an evidence file into claims: checks its header, then turns each row into a claim,
 * failing at the first bad row (nothing half-read is ever used).
 *
 * @example
 * ```ts
 * import { readClaims } from "./EvidenceRows.ts"
 * const claims = readClaims("records.csv", bytes, columns, checkHeader, readRow)
 * ```
 * @category reading
 */
export const readClaims = <Columns, A>(
  file: string,
  bytes: Uint8Array,
  columns: Columns,
  checkHeader: (table: EvidenceTable, columns: Columns) => EvidenceError | undefined,
  readRow: (table: EvidenceTable, row: EvidenceRow, columns: Columns) => A | EvidenceError
): Effect.Effect<ReadonlyArray<A>, EvidenceError> =>
  Effect.gen(function*() {
    const table = yield* readEvidenceRows(file, bytes)
    const headerError = checkHeader(table, columns)
    if (headerError !== undefined) return yield* headerError
    const claims: Array<A> = []
    for (const row of table.rows) {
      const claim = readRow(table, row, columns)
      if (claim instanceof EvidenceError) return yield* claim
      claims.push(claim)
    }
    return claims
  })
