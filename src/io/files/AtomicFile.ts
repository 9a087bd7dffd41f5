/**
 * Atomic writes of the files uuidmap produces for people and machines (plans, reports, review
 * sheets): the content goes to a temp file in the same folder, is flushed, and is renamed over
 * the target, so a reader never sees half a file. On any failure the temp file is removed.
 * The clients CSV and the ledger are written by the commit (`FileCommit.ts`), not here.
 *
 * @module
 */
import { randomUUID } from "node:crypto"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { UsageError } from "../../domain/UsageError.ts"
import { Disk } from "./Disk.ts"
import { describeDiskError, type DiskError } from "./DiskError.ts"

/**
 * The error for a file that could not be written.
 *
 * @category errors
 */
const writeFailed = (file: string) => (error: DiskError): UsageError =>
  new UsageError({
    reason: error.reason === "NoSpace" ? "DiskFull" : "BadFile",
    message: `Cannot write "${file}": ${describeDiskError(error)}`
  })

/**
 * Writes `content` to `file` atomically, through `Disk`: temp file beside it (mode 0644 less
 * the umask, as any new file), flushed, renamed over `file`, then the folder flushed.
 *
 * @category writing
 */
export const writeFileAtomic = (file: string, content: Uint8Array): Effect.Effect<void, UsageError, Disk> =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const folder = path.dirname(file)
    const temp = path.join(folder, `.${path.basename(file)}.${randomUUID()}.uuidmap.tmp`)
    yield* disk.createFile(temp, content, { mode: 0o644, keepUmask: true }).pipe(
      Effect.andThen(disk.rename(temp, file)),
      Effect.tapError(() => disk.remove(temp).pipe(Effect.ignore)),
      Effect.mapError(writeFailed(file))
    )
    yield* disk.syncFolder(folder)
  })
