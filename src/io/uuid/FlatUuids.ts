/**
 * UUID text for many UUIDs at once, as flat strings. A UUID built by adding up its hex pairs
 * (as `crypto.randomUUID` and the `uuid` package do) stays in memory as a chain of about 14
 * linked string pieces, some 450 bytes where the text needs 36: at a million objects the
 * fresh UUIDs of one run held over 100 MB that way. Here every UUID's bytes are written into
 * one buffer and decoded once, and each UUID is a slice of that text.
 *
 * @module
 */
import type { FileUuid } from "../../domain/FileUuid.ts"

const hexDigits = new TextEncoder().encode("0123456789abcdef")
// Dashes follow these byte positions: 8-4-4-4-12 hex digits.
const dashAfter = [false, false, false, true, false, true, false, true, false, true, false, false, false, false, false, false]
// getRandomValues fills at most 65,536 bytes a call.
const maxRandomBytes = 65_536

/**
 * The UUID text of each 16 bytes of `bytes`, in order.
 *
 * @example Two UUIDs from 32 bytes
 * ```ts
 * import assert from "node:assert/strict"
 * import { formatUuids } from "./FlatUuids.ts"
 *
 * const bytes = new Uint8Array(32).fill(0xab)
 * assert.deepStrictEqual(formatUuids(bytes), ["abababab-abab-abab-abab-abababababab", "abababab-abab-abab-abab-abababababab"])
 * ```
 * @category formatting
 */
export const formatUuids = (bytes: Uint8Array): Array<FileUuid> => {
  const count = Math.floor(bytes.length / 16)
  const text = new Uint8Array(count * 36)
  let at = 0
  for (let i = 0; i < count * 16; i++) {
    const byte = bytes[i]!
    text[at++] = hexDigits[byte >> 4]!
    text[at++] = hexDigits[byte & 15]!
    if (dashAfter[i & 15]) text[at++] = 45
  }
  const all = new TextDecoder("latin1").decode(text)
  const uuids: Array<FileUuid> = new Array(count)
  for (let i = 0; i < count; i++) uuids[i] = all.slice(i * 36, i * 36 + 36) as FileUuid
  return uuids
}

/**
 * `count` random version-4 UUIDs (RFC 9562 §5.4) from the platform's cryptographic random
 * source.
 *
 * @example One random UUID, version 4
 * ```ts
 * import assert from "node:assert/strict"
 * import { randomV4Uuids } from "./FlatUuids.ts"
 *
 * const [uuid] = randomV4Uuids(1)
 * assert.match(uuid!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
 * ```
 * @category generating
 */
export const randomV4Uuids = (count: number): Array<FileUuid> => {
  const bytes = new Uint8Array(count * 16)
  for (let start = 0; start < bytes.length; start += maxRandomBytes) {
    crypto.getRandomValues(bytes.subarray(start, Math.min(bytes.length, start + maxRandomBytes)))
  }
  for (let i = 0; i < bytes.length; i += 16) {
    bytes[i + 6] = (bytes[i + 6]! & 0x0f) | 0x40
    bytes[i + 8] = (bytes[i + 8]! & 0x3f) | 0x80
  }
  return formatUuids(bytes)
}
