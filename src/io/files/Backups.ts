/**
 * Backups (SPEC §4): before a file is replaced, its old bytes are kept as
 * `<file>.<UTC timestamp>.bak`, beside the file as it was named (beside the link, for a
 * linked CSV) or in `--backup-dir`. A backup is written whole to a temp file and `link`ed to
 * its name, so a backup is never partial and never replaces another: when the name is taken
 * (a CSV and a ledger of one name sharing a backup folder, two runs in one millisecond) the
 * next free `<file>.<timestamp>.<n>.bak` is used. It keeps the mode and owner of the original.
 *
 * @module
 */
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { Disk, type NewFileOptions } from "./Disk.ts"
import { publishExclusive } from "./PublishExclusive.ts"
import { DiskError } from "./DiskError.ts"
import { tempPathFor } from "./TempFiles.ts"

/**
 * The backup name of a file: `<file>.<UTC timestamp>.bak`, beside it or in `backupDir`, and
 * `<file>.<UTC timestamp>.<n>.bak` for the n-th name when earlier ones are taken. The
 * timestamp has no colons so the name is valid on every file system.
 *
 * @category naming
 */
const backupPath = (file: string, backupDir: string | undefined, now: Date, attempt = 1): string => {
  const stamp = now.toISOString().replace(/[-:]/g, "")
  const name = `${path.basename(file)}.${stamp}${attempt > 1 ? `.${attempt}` : ""}.bak`
  return path.join(backupDir ?? path.dirname(file), name)
}

/**
 * The folder a file's backups go to.
 *
 * @category naming
 */
export const backupFolderOf = (file: string, backupDir: string | undefined): string => backupDir ?? path.dirname(file)

const maxNames = 1000

/**
 * Writes `bytes` as a new backup of `file` and returns its path.
 *
 * @category writing
 */
export const writeBackup = (backup: {
  readonly file: string
  readonly realTarget: string
  readonly bytes: Uint8Array
  readonly options: NewFileOptions
  readonly backupDir: string | undefined
  readonly now: Date
  readonly nonce: string
}): Effect.Effect<string, DiskError, Disk> =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const temp = tempPathFor(backup.realTarget, `${backup.nonce}.bak`, backupFolderOf(backup.file, backup.backupDir))
    yield* disk.createFile(temp, backup.bytes, backup.options)
    const named = Effect.gen(function*() {
      for (let attempt = 1; attempt <= maxNames; attempt++) {
        const name = backupPath(backup.file, backup.backupDir, backup.now, attempt)
        const linked = yield* publishExclusive(temp, name, backup.bytes, backup.options).pipe(
          Effect.as(true),
          Effect.catchTag("DiskError", (error) => (error.reason === "Exists" ? Effect.succeed(false) : Effect.fail(error)))
        )
        if (linked) return name
      }
      return yield* new DiskError({ reason: "Exists", code: "EEXIST", operation: "back up", path: backupPath(backup.file, backup.backupDir, backup.now), detail: `${maxNames} backups of this name already exist` })
    })
    return yield* named.pipe(Effect.ensuring(disk.remove(temp).pipe(Effect.ignore)))
  })
