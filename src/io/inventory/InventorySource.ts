/**
 * Where an inventory's files are read from: a local mirror of the destination bucket or the
 * destination bucket itself on S3. Both give the decoded manifest and, for each data file (by
 * its key in the destination bucket), a byte stream and random access for Parquet.
 *
 * @module
 */
import type * as Effect from "effect/Effect"
import type { AsyncBuffer } from "hyparquet"
import type { InventoryError } from "../../domain/InventoryError.ts"
import type { StoreError } from "../../domain/StoreError.ts"
import type { InventoryManifest } from "./InventoryManifest.ts"

/**
 * Access to the files of a located inventory.
 * - `name(key)`: the file's name in messages (a path, or an `s3://` URL);
 * - `stream(key)`: its bytes; a missing file fails with a `MissingFile` InventoryError, a read
 *   that fails later errors the stream with a StoreError (S3) or an InventoryError (disk);
 * - `randomAccess(key, size)`: the same file for hyparquet's ranged reads.
 *
 * @category models
 */
export interface InventoryFiles {
  readonly name: (key: string) => string
  readonly stream: (key: string) => Effect.Effect<ReadableStream<Uint8Array>, StoreError | InventoryError>
  readonly randomAccess: (key: string, size: number) => Effect.Effect<AsyncBuffer, StoreError | InventoryError>
}

/**
 * An inventory found from a `--inventory` URL: the manifest chosen (the one named, or the
 * newest dated one of a config folder), its name in messages, and its files.
 *
 * @category models
 */
export interface LocatedInventory {
  readonly manifestName: string
  readonly manifest: InventoryManifest
  readonly files: InventoryFiles
}

/**
 * Tells whether a folder name is a dated manifest folder of an inventory configuration
 * (`2024-05-01T01-00Z`); the `data/` and `hive/` folders beside them are not.
 *
 * @category predicates
 */
export const isDatedFolder = (name: string): boolean => /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}Z$/.test(name)
