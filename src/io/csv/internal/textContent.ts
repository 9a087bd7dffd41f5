/**
 * Checks that a file holds CSV text at all, before and after decoding: a workbook, a PDF or an
 * archive passed by mistake, a UTF-16 export, a NUL byte, or a byte-order mark in the middle
 * of the text (two files joined together). Each gets a message that says what the file seems
 * to be and how to get a CSV out of it, instead of a confusing complaint about some byte.
 *
 * @internal
 * @module
 */
import { CsvError } from "../../../domain/CsvError.ts"
import { positionIn } from "./textPosition.ts"

interface Signature {
  readonly bytes: ReadonlyArray<number>
  readonly looksLike: string
}

// The formats people most often give instead of a CSV export.
const signatures: ReadonlyArray<Signature> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], looksLike: "an Excel or LibreOffice workbook (or another zip archive)" },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], looksLike: "an old Excel workbook (.xls)" },
  { bytes: [0x25, 0x50, 0x44, 0x46], looksLike: "a PDF document" },
  { bytes: [0x1f, 0x8b], looksLike: "a gzip archive" },
  { bytes: [0xff, 0xfe], looksLike: "UTF-16 text" },
  { bytes: [0xfe, 0xff], looksLike: "UTF-16 text" }
]

const startsWith = (bytes: Uint8Array, prefix: ReadonlyArray<number>): boolean =>
  bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte)

const notText = (file: string, line: number, column: number, message: string): CsvError =>
  new CsvError({ reason: "NotText", file, line, column, message })

/**
 * The error for bytes that are plainly not CSV text (a workbook, a PDF, an archive, UTF-16),
 * or undefined.
 */
export const binaryFileError = (file: string, bytes: Uint8Array): CsvError | undefined => {
  const signature = signatures.find((candidate) => startsWith(bytes, candidate.bytes))
  if (signature === undefined) return undefined
  const fix = signature.looksLike === "UTF-16 text"
    ? "save it again as UTF-8 CSV"
    : "open it and save or export it as CSV (UTF-8)"
  return notText(file, 1, 1, `File looks like ${signature.looksLike}, not CSV text; ${fix}`)
}

/**
 * The error for a decoded text that holds a NUL (binary data) or a byte-order mark anywhere
 * (the leading one is already removed), or undefined.
 */
export const forbiddenCharacterError = (file: string, text: string): CsvError | undefined => {
  const nul = text.indexOf("\u0000")
  const bom = text.indexOf("\uFEFF")
  if (nul === -1 && bom === -1) return undefined
  const index = nul === -1 ? bom : bom === -1 ? nul : Math.min(nul, bom)
  const { column, line } = positionIn(text, index, 1)
  return text[index] === "\u0000"
    ? notText(file, line, column, "File holds a NUL byte, so it is binary data or UTF-16 text, not CSV text; export it again as CSV (UTF-8)")
    : notText(
      file,
      line,
      column,
      "Byte-order mark (U+FEFF) inside the file, usually left where two files were joined; delete it (and any repeated header line)"
    )
}
