/**
 * A `CsvSink` that encodes as it goes, into the bytes of the file to write: UTF-8 (with the
 * byte-order mark when the file had one) or Windows-1252. Its output is byte for byte what
 * `encodeCsvText` makes of the whole text, without that text: pieces are joined and encoded a
 * few hundred kilobytes at a time, so neither a text as large as the file nor an array of
 * millions of pieces lives long enough to burden the garbage collector.
 *
 * @internal
 * @module
 */
import type { CsvEncoding } from "../CsvEncoding.ts"
import type { CsvSink } from "./csvSink.ts"
import { quoteValue } from "./textPosition.ts"
import { windows1252Byte } from "./windows1252.ts"

/** A sink that collects bytes. */
export interface ByteSink extends CsvSink {
  readonly bytes: () => Uint8Array
}

// How much text to gather before encoding it, and how large the byte chunks are.
const batchLength = 256 * 1024
const chunkSize = 8 * 1024 * 1024
const encoder = new TextEncoder()

/**
 * A sink encoding to `encoding`, starting with the UTF-8 byte-order mark when `bom`.
 * `expectedLength` (in bytes) sizes the first chunk: output that fits in it is returned as a
 * view of it, without the copy that joins chunks. Pages of it never written cost no memory.
 */
export const makeByteSink = (
  dialect: { readonly bom: boolean; readonly encoding: CsvEncoding },
  expectedLength = chunkSize
): ByteSink => {
  const utf8 = dialect.encoding === "utf-8"
  const done: Array<Uint8Array> = []
  let chunk = new Uint8Array(Math.max(chunkSize, expectedLength))
  let length = 0
  let pieces: Array<string> = []
  let pending = 0

  const encode = (text: string): void => {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit; Windows-1252 one.
    const needed = utf8 ? 3 * text.length : text.length
    if (length + needed > chunk.length) {
      done.push(chunk.subarray(0, length))
      chunk = new Uint8Array(Math.max(chunkSize, needed))
      length = 0
    }
    length += utf8 ? encoder.encodeInto(text, chunk.subarray(length)).written : encodeWindows1252(text, chunk, length)
  }
  const flush = (): void => {
    if (pieces.length === 0) return
    encode(pieces.join(""))
    pieces = []
    pending = 0
  }
  if (dialect.bom && utf8) {
    chunk.set([0xef, 0xbb, 0xbf])
    length = 3
  }
  return {
    copy: (text, start, end) => {
      const piece = start === 0 && end === text.length ? text : text.slice(start, end)
      pieces.push(piece)
      pending += piece.length
      // Never between the two halves of a surrogate pair, which encode together.
      if (pending >= batchLength && !isHighSurrogate(piece.charCodeAt(piece.length - 1))) flush()
    },
    bytes: () => {
      flush()
      if (done.length === 0) return chunk.subarray(0, length)
      const parts = [...done, chunk.subarray(0, length)]
      const bytes = new Uint8Array(parts.reduce((total, part) => total + part.length, 0))
      let offset = 0
      for (const part of parts) {
        bytes.set(part, offset)
        offset += part.length
      }
      return bytes
    }
  }
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff

const encodeWindows1252 = (text: string, out: Uint8Array, at: number): number => {
  for (let index = 0; index < text.length; index++) {
    const byte = windows1252Byte(text.charCodeAt(index))
    if (byte === undefined) throw new RangeError(`Character ${quoteValue(text[index] ?? "")} cannot be written in Windows-1252`)
    out[at + index] = byte
  }
  return text.length
}
