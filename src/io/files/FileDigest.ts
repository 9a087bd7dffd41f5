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
 * @example The empty file
 * ```ts
 * import assert from "node:assert/strict"
 * import { sha256Hex } from "./FileDigest.ts"
 *
 * assert.equal(sha256Hex(new Uint8Array()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
 * ```
 * @category hashing
 */
export const sha256Hex = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex")

/**
 * A file's size and sha256.
 *
 * @example A file's digest, streamed
 * ```ts
 * import assert from "node:assert/strict"
 * import * as fs from "node:fs/promises"
 * import * as os from "node:os"
 * import * as path from "node:path"
 * import * as Effect from "effect/Effect"
 * import { Disk, type Digest } from "uuidmap"
 *
 * const folder = await fs.mkdtemp(path.join(os.tmpdir(), "uuidmap-"))
 * await fs.writeFile(path.join(folder, "empty.csv"), "")
 * const digest: Digest | undefined = await Effect.runPromise(
 *   Effect.flatMap(Effect.service(Disk), (disk) => disk.digest(path.join(folder, "empty.csv"))).pipe(Effect.provide(Disk.layerNode))
 * )
 * assert.deepStrictEqual(digest, { size: 0, sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" })
 * await fs.rm(folder, { recursive: true })
 * ```
 * @category models
 */
export interface Digest {
  /** The size in bytes. */
  readonly size: number
  /** The sha256 of the bytes, lower-case hex. */
  readonly sha256: string
}

/**
 * The digest of some bytes.
 *
 * @example Size and hash
 * ```ts
 * import assert from "node:assert/strict"
 * import { digestOf } from "./FileDigest.ts"
 *
 * assert.equal(digestOf(new TextEncoder().encode("row_id\n")).size, 7)
 * ```
 * @category hashing
 */
export const digestOf = (bytes: Uint8Array): Digest => ({ size: bytes.length, sha256: sha256Hex(bytes) })
