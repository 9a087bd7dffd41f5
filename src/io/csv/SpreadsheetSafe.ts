/**
 * Spreadsheet safety for what uuidmap writes for people (`files --format csv`, review exports,
 * and the file tables of the Markdown and HTML reports, which get pasted into spreadsheets):
 * a cell a spreadsheet would run as a formula is defused, following OWASP's CSV-injection
 * advice. Object keys and CRM fields are user-controlled, so `=HYPERLINK(…)` in a key must
 * not become a live formula on a reviewer's machine (SPEC §4).
 *
 * Never used on the clients CSV, which uuidmap must not alter, nor on the ledger, which it
 * reads back and which must round-trip exactly.
 *
 * @module
 */
import type { CsvDelimiter } from "./CsvDialect.ts"
import { quoteCsvField } from "./CsvWriter.ts"

// OWASP: =, +, -, @, tab and carriage return can start a formula or hide one.
const formulaStart = /^[=+\-@\t\r]/

/**
 * Prefixes a cell that a spreadsheet could read as a formula with `'`, which makes it text.
 * A negative number such as `-5` is prefixed too: telling numbers from formulas (`-5+A1`) is
 * exactly what attackers exploit, and report cells (keys, ids, details) are text anyway.
 *
 * @category safety
 */
export const neutraliseFormula = (cell: string): string => (formulaStart.test(cell) ? `'${cell}` : cell)

/**
 * Renders a report as CSV that is safe to open in a spreadsheet: every cell neutralised and
 * quoted when needed, comma-separated (or `delimiter`), `\n` after every line, UTF-8 text.
 *
 * @category rendering
 */
export const renderReportCsv = (
  header: ReadonlyArray<string>,
  rows: Iterable<ReadonlyArray<string>>,
  delimiter: CsvDelimiter = ","
): string => {
  const line = (cells: ReadonlyArray<string>): string =>
    cells.map((cell) => quoteCsvField(neutraliseFormula(cell), delimiter)).join(delimiter) + "\n"
  const output = [line(header)]
  for (const row of rows) output.push(line(row))
  return output.join("")
}
