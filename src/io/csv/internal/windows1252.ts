/**
 * The Windows-1252 code page as the WHATWG decoder reads it, and its exact inverse. The
 * decoder maps the 256 bytes to 256 distinct characters (0x81, 0x8D, 0x8F, 0x90 and 0x9D to
 * the matching C1 controls), so the inverse encodes every decoded text back byte for byte.
 *
 * @internal
 * @module
 */

/** The WHATWG Windows-1252 decoder (it never fails). */
export const windows1252Decoder = new TextDecoder("windows-1252")

const bytesByCharacter = ((): ReadonlyMap<number, number> => {
  const characters = windows1252Decoder.decode(Uint8Array.from({ length: 256 }, (_, byte) => byte))
  const table = new Map<number, number>()
  for (let byte = 0; byte < 256; byte++) table.set(characters.charCodeAt(byte), byte)
  return table
})()

/** The byte that stores UTF-16 code unit `code`, or undefined when Windows-1252 has none. */
export const windows1252Byte = (code: number): number | undefined => (code < 0x80 ? code : bytesByCharacter.get(code))
