/**
 * Which format an evidence file is in: CSV (any delimiter uuidmap detects) or JSON Lines (one
 * object per line). Anything else is refused up front with what it looks like and how to turn
 * it into one of the two: a workbook, a PDF or an archive, a Parquet file, XML or HTML, or a
 * JSON document holding an array rather than one object per line.
 *
 * @module
 */
import { EvidenceError } from "../../domain/EvidenceError.ts"

/**
 * The formats evidence files come in.
 *
 * @category models
 */
export type EvidenceFormat = "csv" | "jsonl"

const magic: ReadonlyArray<readonly [ReadonlyArray<number>, string]> = [
  [[0x50, 0x4b, 0x03, 0x04], "an Excel or LibreOffice workbook (or another zip archive)"],
  [[0xd0, 0xcf, 0x11, 0xe0], "an old Excel workbook (.xls)"],
  [[0x25, 0x50, 0x44, 0x46], "a PDF document"],
  [[0x1f, 0x8b], "a gzip archive"],
  [[0x50, 0x41, 0x52, 0x31], "a Parquet file"],
  [[0xff, 0xfe], "UTF-16 text"],
  [[0xfe, 0xff], "UTF-16 text"]
]

const unknownFormat = (file: string, message: string): EvidenceError =>
  new EvidenceError({ reason: "UnknownFormat", file, line: 1, column: 1, message })

const howToFix = "give a CSV file (with a header line) or a JSON Lines file (one JSON object per line)"

/**
 * Tells the format of an evidence file from its name and its first bytes: a `.jsonl`,
 * `.ndjson` or `.json` name, or text whose first non-blank character opens an object, is JSON
 * Lines; other text is CSV. Fails with reason `"UnknownFormat"` for a binary file, XML or HTML,
 * or a JSON array.
 *
 * @category formats
 */
export const evidenceFormatOf = (file: string, bytes: Uint8Array): EvidenceFormat | EvidenceError => {
  const found = magic.find(([prefix]) => prefix.every((byte, index) => bytes[index] === byte))
  if (found !== undefined) return unknownFormat(file, `File looks like ${found[1]}, not an evidence file; ${howToFix}`)
  const start = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 256)).replace(/^\uFEFF/, "").trimStart()
  if (start.startsWith("[")) {
    return unknownFormat(
      file,
      "File is one JSON array, not JSON Lines; write one JSON object per line (for example with jq -c '.[]')"
    )
  }
  if (start.startsWith("<")) return unknownFormat(file, `File looks like XML or HTML, not an evidence file; ${howToFix}`)
  return /\.(jsonl|ndjson|json)$/i.test(file) || start.startsWith("{") ? "jsonl" : "csv"
}
