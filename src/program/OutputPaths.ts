/**
 * Output files (`plan --out`, `review export FILE`, `report --out`, `verify --out`) never
 * replace an input of the run: the clients CSV, the ledger, an evidence file, uuidmap's lock
 * or commit record. Paths are compared by real path (links followed) and, for hard links, by
 * device and inode. An output inside a local bucket folder (`--bucket file://…`) is refused
 * too: uuidmap never writes to the bucket. Checked before the command does anything else.
 *
 * @module
 */
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { UsageError } from "../domain/UsageError.ts"
import { commitRecordPath } from "../io/files/CommitIntent.ts"
import { Disk } from "../io/files/Disk.ts"
import { resolveTarget, type ResolvedPath, sameFile } from "../io/files/WriteTarget.ts"
import { folderFromUrl } from "../io/store/LocalFolderStore.ts"
import type { Settings } from "./Settings.ts"

/**
 * The inputs of a run, each with what to call it in a message.
 *
 * @category paths
 */
const inputsOf = (settings: Settings): ReadonlyArray<{ readonly file: string; readonly role: string }> => [
  { file: settings.clientsFile, role: "the clients CSV" },
  { file: settings.ledgerFile, role: "the ledger" },
  ...settings.evidence.migrationLogs.map((file) => ({ file, role: "a migration log (--migration-log)" })),
  ...settings.evidence.records.map((file) => ({ file, role: "a records file (--records)" }))
]

const within = (folder: string, file: string): boolean => file === folder || file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep)

/**
 * Fails with exit 2 when `output` (named in messages as `label`, such as `--out "plan.json"`)
 * is an input of the run, uuidmap's own bookkeeping, or inside the local bucket folder.
 *
 * @category paths
 */
export const refuseInputAsOutput = (settings: Settings, output: string, label: string): Effect.Effect<void, UsageError> =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const resolve = (file: string) => resolveTarget(file).pipe(Effect.map((target): ResolvedPath | undefined => target), Effect.orElseSucceed(() => undefined))
    const target = yield* resolve(output)
    // A folder that does not exist is the writer's to report.
    if (target === undefined) return
    const refuse = (what: string) =>
      new UsageError({ reason: "OutputIsInput", message: `${label} is ${what}: uuidmap will not overwrite it; write to another file` })
    for (const input of inputsOf(settings)) {
      const resolved = yield* resolve(input.file)
      if (resolved !== undefined && sameFile(target, resolved)) return yield* refuse(`${input.role} ("${input.file}"), an input of this command`)
    }
    const clients = yield* resolve(settings.clientsFile)
    if (clients !== undefined && (target.real === `${clients.real}.lock` || target.real === commitRecordPath(clients.real))) {
      return yield* refuse("uuidmap's own lock or commit record")
    }
    if (settings.bucket.startsWith("file://")) {
      const folder = yield* Effect.try({ try: () => folderFromUrl(settings.bucket), catch: () => undefined }).pipe(Effect.orElseSucceed(() => undefined))
      const real = folder === undefined ? undefined : yield* disk.realPath(folder).pipe(Effect.orElseSucceed(() => undefined))
      if (real !== undefined && within(real, target.real)) return yield* refuse(`inside the bucket folder "${folder}", which uuidmap never writes to`)
    }
  }).pipe(Effect.provide(Disk.layerNode))
