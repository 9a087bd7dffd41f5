/**
 * JSON Lines evidence files: one JSON object per line, each line a row whose cells are the
 * object's string and number fields, every cell at the column where its name is written.
 * Read line by line without splitting the text, so a file of millions of lines is never held
 * twice.
 *
 * @internal
 * @module
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { EvidenceError } from "../../../domain/EvidenceError.ts"
import { decodeCsvBytes } from "../../csv/CsvEncoding.ts"
import type { EvidenceCell, EvidenceHeader, EvidenceRow, EvidenceVisitor } from "../EvidenceRows.ts"
import { fromCsvError } from "./fromCsvError.ts"

// A field that becomes a cell; `null` is a field left out.
const isCellValue = Schema.is(Schema.Union([Schema.String, Schema.Number]))
// `JSON.parse` gives plain data, so an object that is not an array is a JSON object.
const isJsonObject = (value: unknown): value is object => typeof value === "object" && value !== null && !Array.isArray(value)

const jsonColumn = (message: string): number => {
  const position = /position (\d+)/.exec(message)
  return position === null ? 1 : Number(position[1]) + 1
}

// One line of a JSON Lines file as a row, or why it is not one.
const jsonRow = (file: string, lineText: string, line: number): EvidenceRow | EvidenceError => {
  const result = parseJson(lineText)
  if (!result.ok) {
    return new EvidenceError({
      reason: "Unparseable",
      file,
      line,
      column: jsonColumn(result.message),
      message: `Line is not valid JSON (${result.message}); JSON Lines holds one whole JSON object per line`
    })
  }
  const parsed = result.value
  if (!isJsonObject(parsed)) {
    return new EvidenceError({ reason: "Unparseable", file, line, column: 1, message: "Line is not a JSON object; JSON Lines holds one JSON object per line" })
  }
  const cells = new Map<string, EvidenceCell>()
  for (const [name, value] of Object.entries(parsed)) {
    const column = lineText.indexOf(JSON.stringify(name)) + 1 || 1
    if (value === null) continue
    if (!isCellValue(value)) {
      return new EvidenceError({ reason: "InvalidValue", file, line, column, message: `Field ${JSON.stringify(name)} must be a string or a number` })
    }
    cells.set(name, { text: String(value), line, column })
  }
  return { line, cells }
}

/** Visits the rows of a JSON Lines file, one object per line; blank lines are skipped. */
export const visitJsonLines = (file: string, bytes: Uint8Array, visitor: EvidenceVisitor): Effect.Effect<void, EvidenceError> =>
  Effect.gen(function*() {
    const { text } = yield* decodeCsvBytes(file, bytes).pipe(Effect.mapError(fromCsvError))
    const header: EvidenceHeader = { file, format: "jsonl", columns: undefined }
    const refusedHeader = visitor.header(header)
    if (refusedHeader !== undefined) return yield* refusedHeader
    // Line by line without splitting, so a file of millions of lines is never held twice.
    let start = 0
    for (let line = 1; start < text.length || start === 0; line++) {
      const newline = text.indexOf("\n", start)
      const end = newline === -1 ? text.length : newline
      const lineText = text.slice(start, end).replace(/\r$/, "")
      start = end + 1
      if (lineText.trim() !== "") {
        const row = jsonRow(file, lineText, line)
        if (row instanceof EvidenceError) return yield* row
        const refused = visitor.row(header, row)
        if (refused !== undefined) return yield* refused
      }
      if (newline === -1) break
    }
  })

const parseJson = (text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string } => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    return { ok: false, message: (error as Error).message }
  }
}
