/**
 * The lossless CSV layer: read a CSV file into records that keep their exact text, change a
 * few cells, and write it back with every other byte as it was (SPEC §4). Also the ledger file
 * and spreadsheet-safe report rendering.
 *
 * - `CsvEncoding`: bytes ↔ text (strict UTF-8, lossless Windows-1252, BOM);
 * - `CsvDialect`: delimiter and line-ending detection;
 * - `CsvReader`: the streaming reader (`streamCsvRecords`, `readCsvDocument`);
 * - `CsvRawFields`: a record's exact field texts;
 * - `CsvWriter`: `renderCsvDocument` with cell edits and appended columns;
 * - `ClientsTable`: the clients CSV, validated, and its tracking cells rewritten;
 * - `LedgerFile`: the ledger, read and rendered;
 * - `SpreadsheetSafe`: formula neutralisation for report CSVs.
 *
 *
 * @module
 */
export * from "./ClientsTable.ts"
export * from "./CsvDialect.ts"
export * from "./CsvEncoding.ts"
export * from "./CsvRawFields.ts"
export * from "./CsvReader.ts"
export * from "./CsvWriter.ts"
export * from "./LedgerFile.ts"
export * from "./SpreadsheetSafe.ts"
