/**
 * Publishing a complete temp file under its final name, atomically and never over an existing
 * file: how the lock and the backups appear.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { Disk, type NewFileOptions } from "./Disk.ts"
import type { DiskError } from "./DiskError.ts"

// File systems without hard links (FAT, some network shares) answer `link` with one of these.
const noHardLinks = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV"])

/**
 * Gives the complete temp file `temp` the name `name`, failing with reason `"Exists"` when
 * the name is taken. It is a `link`, so the name appears with its whole content at once; on a
 * file system without hard links the bytes are written to `name` directly (created
 * exclusively, removed again if the write fails).
 *
 * @category operations
 */
export const publishExclusive = (
  temp: string,
  name: string,
  bytes: Uint8Array,
  options: NewFileOptions
): Effect.Effect<void, DiskError, Disk> =>
  Effect.gen(function*() {
    const disk = yield* Disk
    yield* disk.link(temp, name).pipe(
      Effect.catchTag("DiskError", (error) => (noHardLinks.has(error.code) ? disk.createFile(name, bytes, options) : Effect.fail(error)))
    )
  })
