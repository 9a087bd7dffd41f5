/**
 * The UUID uuidmap gives a file. Once written it never changes.
 *
 * @module
 */
import * as Schema from "effect/Schema"

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * A lower-case, hyphenated RFC 9562 UUID of any version.
 *
 * @example Decoding a UUID
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Schema from "effect/Schema"
 * import { FileUuid } from "uuidmap"
 *
 * const decode = Schema.decodeUnknownSync(FileUuid)
 * assert.equal(decode("3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f"), "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f")
 * assert.throws(() => decode("3F2A9C4E-1B7D-4C1E-9F00-0A1B2C3D4E5F")) // upper case is not the canonical form
 * ```
 * @category models
 */
export const FileUuid: Schema.brand<Schema.String, "uuidmap/FileUuid"> = Schema.String.check(Schema.isPattern(uuidPattern)).pipe(Schema.brand("uuidmap/FileUuid"))

/**
 * A file UUID as a value: a string branded `uuidmap/FileUuid`.
 *
 * @category models
 */
export type FileUuid = typeof FileUuid.Type

/**
 * Tells whether a string is a UUID in the canonical lower-case form uuidmap writes.
 *
 * @example Checking a tracking cell's item
 * ```ts
 * import assert from "node:assert/strict"
 * import { isFileUuid } from "uuidmap"
 *
 * assert.equal(isFileUuid("3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f"), true)
 * assert.equal(isFileUuid("not-a-uuid"), false)
 * ```
 * @category guards
 */
export const isFileUuid = (value: string): value is FileUuid => uuidPattern.test(value)

/**
 * Reads the UUID at the start of a pool object's file name, with or without an extension
 * (`3f2a…e5f.pdf`). Upper-case hex is accepted and lower-cased.
 *
 * @example Reading a pool file's name
 * ```ts
 * import assert from "node:assert/strict"
 * import { uuidFromFileName } from "./FileUuid.ts"
 *
 * assert.equal(uuidFromFileName("3F2A9C4E-1B7D-4C1E-9F00-0A1B2C3D4E5F.pdf"), "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f")
 * assert.equal(uuidFromFileName("readme.txt"), undefined)
 * ```
 * @category parsing
 */
export const uuidFromFileName = (fileName: string): FileUuid | undefined => {
  const dot = fileName.indexOf(".")
  const stem = dot === -1 ? fileName : fileName.slice(0, dot)
  // Already lower case (as nearly all are): the slice of the name itself, not a copy of it.
  if (isFileUuid(stem)) return stem
  const lower = stem.toLowerCase()
  return isFileUuid(lower) ? lower : undefined
}
