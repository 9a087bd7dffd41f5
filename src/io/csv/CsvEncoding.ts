/**
 * Bytes to text and back, losslessly. A clients CSV comes from a CRM or a spreadsheet: UTF-8
 * (often with a byte-order mark) or, from Excel on Windows, Windows-1252. uuidmap must write
 * back exactly the bytes it read for every row it does not change, so decoding never
 * replaces a byte: invalid UTF-8 is refused (with the spot and the fix), and Windows-1252 is
 * re-encoded through the reverse of the decoder's own table, under which all 256 bytes
 * round-trip.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { CsvError } from "../../domain/CsvError.ts"
import { countCodePoints, quoteValue } from "./internal/textPosition.ts"
import { windows1252Byte, windows1252Decoder } from "./internal/windows1252.ts"

/**
 * The text encodings uuidmap reads and writes. `windows-1252` is the WHATWG one, which also
 * covers ISO-8859-1 files.
 *
 * @example Reading a Windows-1252 file
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { type CsvEncoding, readClientsTable } from "uuidmap"
 *
 * const encoding: CsvEncoding = "windows-1252"
 * const bytes = new Uint8Array([...new TextEncoder().encode("row_id,name\n502,Jos"), 0xe9, 0x0a]) // "José" in Windows-1252
 * const table = await Effect.runPromise(readClientsTable("clients.csv", bytes, { encoding }))
 * assert.equal(table.document.rows[0]?.fields[1], "José")
 * ```
 * @category models
 */
export type CsvEncoding = "utf-8" | "windows-1252"

/**
 * A decoded CSV file: its text without the byte-order mark, and whether there was one.
 *
 * @category models
 */
interface DecodedCsvText {
  readonly text: string
  readonly bom: boolean
}

const utf8Bom = [0xef, 0xbb, 0xbf] as const

const hasUtf8Bom = (bytes: Uint8Array): boolean =>
  bytes.length >= 3 && bytes[0] === utf8Bom[0] && bytes[1] === utf8Bom[1] && bytes[2] === utf8Bom[2]

// `ignoreBOM: true` keeps a second, in-text BOM as data; the leading one is sliced off first.
const strictUtf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })
const lenientUtf8Decoder = new TextDecoder("utf-8", { ignoreBOM: true })

/**
 * Decodes a CSV file. UTF-8 (the default) is decoded strictly: an invalid byte fails with
 * reason `"Encoding"` at its line and column, suggesting `--encoding windows-1252`. A leading
 * UTF-8 byte-order mark is removed and reported in `bom`. Windows-1252 never fails and has no
 * byte-order mark.
 *
 * @category decoding
 */
export const decodeCsvBytes = (
  file: string,
  bytes: Uint8Array,
  encoding: CsvEncoding = "utf-8"
): Effect.Effect<DecodedCsvText, CsvError> => {
  if (encoding === "windows-1252") {
    return Effect.succeed({ text: windows1252Decoder.decode(bytes), bom: false })
  }
  const bom = hasUtf8Bom(bytes)
  const body = bom ? bytes.subarray(3) : bytes
  return Effect.try({
    try: () => ({ text: strictUtf8Decoder.decode(body), bom }),
    catch: () => invalidUtf8Error(file, body)
  })
}

/**
 * Encodes text for writing, re-adding the byte-order mark when `bom` is set (UTF-8 only).
 * Every text `decodeCsvBytes` produced encodes back to the same bytes. A character that
 * Windows-1252 cannot store is a programming error (a RangeError): check new text with
 * `findUnencodable` before it goes into a file.
 *
 * @example Bytes in the file's own encoding
 * ```ts
 * import assert from "node:assert/strict"
 * import { encodeCsvText } from "uuidmap"
 *
 * assert.deepStrictEqual(encodeCsvText("é\n", { bom: false, encoding: "windows-1252" }), new Uint8Array([0xe9, 0x0a]))
 * assert.deepStrictEqual(encodeCsvText("é\n", { bom: true, encoding: "utf-8" }), new Uint8Array([0xef, 0xbb, 0xbf, 0xc3, 0xa9, 0x0a]))
 * assert.throws(() => encodeCsvText("文件", { bom: false, encoding: "windows-1252" }), RangeError)
 * ```
 * @category encoding
 */
export const encodeCsvText = (
  text: string,
  dialect: { readonly bom: boolean; readonly encoding: CsvEncoding }
): Uint8Array => {
  if (dialect.encoding === "windows-1252") {
    const bytes = new Uint8Array(text.length)
    for (let index = 0; index < text.length; index++) {
      const byte = windows1252Byte(text.charCodeAt(index))
      if (byte === undefined) {
        throw new RangeError(`Character ${quoteValue(text[index] ?? "")} cannot be written in Windows-1252`)
      }
      bytes[index] = byte
    }
    return bytes
  }
  const body = new TextEncoder().encode(text)
  if (!dialect.bom) return body
  const bytes = new Uint8Array(body.length + 3)
  bytes.set(utf8Bom)
  bytes.set(body, 3)
  return bytes
}

/**
 * The index of the first character of `text` that `encoding` cannot store (for UTF-8: a lone
 * UTF-16 surrogate), or -1. Use it to refuse a new value (a column name from a flag, say)
 * before anything is written.
 *
 * @example What Windows-1252 cannot hold
 * ```ts
 * import assert from "node:assert/strict"
 * import { findUnencodable } from "./CsvEncoding.ts"
 *
 * assert.equal(findUnencodable("file_uuids", "windows-1252"), -1)
 * assert.equal(findUnencodable("文件", "windows-1252"), 0)
 * ```
 * @category encoding
 */
export const findUnencodable = (text: string, encoding: CsvEncoding): number => {
  if (encoding === "utf-8") return text.search(loneSurrogatePattern)
  for (let index = 0; index < text.length; index++) {
    if (windows1252Byte(text.charCodeAt(index)) === undefined) return index
  }
  return -1
}

const loneSurrogatePattern = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const invalidUtf8Error = (file: string, bytes: Uint8Array): CsvError => {
  const offset = firstInvalidUtf8Offset(bytes)
  const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1
  let line = 1
  for (let index = 0; index < lineStart; index++) if (bytes[index] === 0x0a) line++
  const before = lenientUtf8Decoder.decode(bytes.subarray(lineStart, offset))
  const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, "0")
  return new CsvError({
    reason: "Encoding",
    file,
    line,
    column: 1 + countCodePoints(before, 0, before.length),
    message: `Byte "0x${byte}" is not valid UTF-8; if the file was saved as Windows-1252 (Excel on Windows), ` +
      "rerun with --encoding windows-1252"
  })
}

/** The offset of the first byte that starts an invalid UTF-8 sequence (RFC 3629). */
const firstInvalidUtf8Offset = (bytes: Uint8Array): number => {
  const isContinuation = (offset: number, low = 0x80, high = 0xbf): boolean => {
    const byte = bytes[offset]
    return byte !== undefined && byte >= low && byte <= high
  }
  let offset = 0
  while (offset < bytes.length) {
    const lead = bytes[offset]!
    if (lead < 0x80) {
      offset++
    } else if (lead >= 0xc2 && lead <= 0xdf && isContinuation(offset + 1)) {
      offset += 2
    } else if (
      lead >= 0xe0 && lead <= 0xef &&
      isContinuation(offset + 1, lead === 0xe0 ? 0xa0 : 0x80, lead === 0xed ? 0x9f : 0xbf) &&
      isContinuation(offset + 2)
    ) {
      offset += 3
    } else if (
      lead >= 0xf0 && lead <= 0xf4 &&
      isContinuation(offset + 1, lead === 0xf0 ? 0x90 : 0x80, lead === 0xf4 ? 0x8f : 0xbf) &&
      isContinuation(offset + 2) && isContinuation(offset + 3)
    ) {
      offset += 4
    } else {
      return offset
    }
  }
  return bytes.length
}
