/**
 * Safe file replacement (SPEC §4): a backup first, then the new content written to a temp file
 * in the same folder, flushed to disk and renamed over the old one, so an interruption at any
 * instant leaves the file wholly old or wholly new.
 *
 * @module
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { UsageError } from "../../domain/UsageError.ts"

/**
 * The error for a file that could not be written or backed up.
 *
 * @example
 * ```ts
 * import { writeFailed } from "./AtomicFile.ts"
 * const error = writeFailed("clients.csv")(new Error("EACCES"))
 * ```
 * @category errors
 */
export const writeFailed = (file: string) => (cause: unknown): UsageError =>
  new UsageError({ reason: "BadFile", message: `Cannot write ${file}: ${(cause as Error)?.message ?? String(cause)}` })

/**
 * Writes `content` to `file` atomically: temp file beside it, fsync, rename, fsync of the folder.
 *
 * @example
 * ```ts
 * import { writeFileAtomic } from "./AtomicFile.ts"
 * const write = writeFileAtomic("clients.csv", new TextEncoder().encode("row_id\n"))
 * ```
 * @category writing
 */
export const writeFileAtomic = (file: string, content: Uint8Array): Effect.Effect<void, UsageError> =>
  Effect.tryPromise({
    try: async () => {
      const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`)
      const handle = await fs.open(temp, "w", 0o644)
      try {
        await handle.writeFile(content)
        await handle.sync()
      } finally {
        await handle.close()
      }
      try {
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

/**
 * The backup name of a file: `<file>.<UTC timestamp>.bak`, beside it or in `backupDir`.
 * The timestamp has no colons so the name is valid on every file system.
 *
 * @example
 * ```ts
 * import { backupPath } from "./AtomicFile.ts"
 * backupPath("/data/clients.csv", undefined, new Date("2026-01-02T03:04:05.678Z"))
 * // "/data/clients.csv.20260102T030405.678Z.bak"
 * ```
 * @category naming
 */
export const backupPath = (file: string, backupDir: string | undefined, now: Date): string => {
  const stamp = now.toISOString().replace(/[-:]/g, "")
  const name = `${path.basename(file)}.${stamp}.bak`
  return path.join(backupDir ?? path.dirname(file), name)
}

/**
 * Copies the current file to its backup name, if the file exists. Returns the backup path.
 *
 * @example
 * ```ts
 * import { backupFile } from "./AtomicFile.ts"
 * const made = backupFile("clients.csv", undefined, new Date())
 * ```
 * @category writing
 */
export const backupFile = (
  file: string,
  backupDir: string | undefined,
  now: Date
): Effect.Effect<string | undefined, UsageError> =>
  Effect.tryPromise({
    try: async () => {
      const exists = await fs.stat(file).then(() => true, () => false)
      if (!exists) return undefined
      const target = backupPath(file, backupDir, now)
      if (backupDir !== undefined) await fs.mkdir(backupDir, { recursive: true })
      await fs.copyFile(file, target, fs.constants.COPYFILE_EXCL)
      return target
    },
    catch: writeFailed(`a backup of ${file}`)
  })
