/**
 * Atomic writes of the files uuidmap produces for people and machines (plans, reports, review
 * sheets): the content goes to a temp file in the same folder, is flushed, and is renamed over
 * the target, so a reader never sees half a file. On any failure the temp file is removed.
 * The clients CSV and the ledger are written by the commit (`FileCommit.ts`), not here.
 *
 * @module
 */
import { randomUUID } from "node:crypto"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { UsageError } from "../../domain/UsageError.ts"
import { describeDiskError, toDiskError } from "./DiskError.ts"

/**
 * The error for a file that could not be written.
 *
 * @category errors
 */
const writeFailed = (file: string) => (cause: unknown): UsageError => {
  const error = toDiskError("write", file)(cause)
  return new UsageError({
    reason: error.reason === "NoSpace" ? "DiskFull" : "BadFile",
    message: `Cannot write "${file}": ${describeDiskError(error)}`
  })
}

/**
 * Writes `content` to `file` atomically: temp file beside it, fsync, rename, fsync of the folder.
 *
 * @category writing
 */
export const writeFileAtomic = (file: string, content: Uint8Array): Effect.Effect<void, UsageError> =>
  Effect.tryPromise({
    try: async () => {
      const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.uuidmap.tmp`)
      try {
        const handle = await fs.open(temp, "wx", 0o644)
        try {
          await handle.writeFile(content)
          await handle.sync()
        } finally {
          await handle.close()
        }
        await fs.rename(temp, file)
      } catch (error) {
        await fs.rm(temp, { force: true })
        throw error
      }
      await syncFolder(path.dirname(file))
    },
    catch: writeFailed(file)
  })

// Makes the rename itself durable; some platforms cannot open a folder, which is harmless.
const syncFolder = async (folder: string): Promise<void> => {
  const handle = await fs.open(folder, "r").catch(() => undefined)
  if (handle === undefined) return
  await handle.sync().catch(() => undefined)
  await handle.close()
}
