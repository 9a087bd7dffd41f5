/**
 * What "the same bytes" means for the write path: the same size and the same sha256. A file
 * saved by a spreadsheet within the same second keeps its mtime resolution but not its hash,
 * so the modification time is never used.
 *
 * @module
 */
import { createHash } from "node:crypto"

/**
 * The sha256 of some bytes, lower-case hex.
 *
 * @example
 * ```ts
 * import { sha256Hex } from "./FileDigest.ts"
 * sha256Hex(new Uint8Array()) // "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
 * ```
 * @category hashing
 */
export const sha256Hex = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex")

/**
 * A file's size and sha256.
 *
 * @example
 * ```ts
 * import type { Digest } from "./FileDigest.ts"
 * const digest: Digest = { size: 0, sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" }
 * ```
 * @category models
 */
export interface Digest {
  readonly size: number
  readonly sha256: string
}

/**
 * The digest of some bytes.
 *
 * @example
 * ```ts
 * import { digestOf } from "./FileDigest.ts"
 * digestOf(new TextEncoder().encode("row_id\n")).size // 7
 * ```
 * @category hashing
 */
export const digestOf = (bytes: Uint8Array): Digest => ({ size: bytes.length, sha256: sha256Hex(bytes) })

/**
 * Whether bytes have a digest; the size is compared first, so most changes cost no hashing.
 *
 * @example
 * ```ts
 * import { digestOf, hasDigest } from "./FileDigest.ts"
 * const bytes = new TextEncoder().encode("a")
 * hasDigest(bytes, digestOf(bytes)) // true
 * ```
 * @category hashing
 */
export const hasDigest = (bytes: Uint8Array, digest: Digest): boolean =>
  bytes.length === digest.size && sha256Hex(bytes) === digest.sha256
