/**
 * Writes the demo scenario into a folder: `bucket/` (served with `--bucket file://…`),
 * `clients.csv`, `clients.ledger.csv` and `evidence/`. A folder is only ever replaced when it
 * holds the demo's marker file, so `uuidmap demo --dir` cannot wipe a user's own folder.
 *
 * @module
 */
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { UsageError } from "../../domain/UsageError.ts"
import { Disk, type DiskShape } from "../../io/files/Disk.ts"
import { describeDiskError, type DiskError } from "../../io/files/DiskError.ts"
import { makeDemoScenario } from "./DemoScenario.ts"

const marker = ".uuidmap-demo"
// Every file gets the same fixed time, so listings (and the ledger) are identical on every build.
const fixedTime = new Date("2024-05-01T12:00:00.000Z")

/**
 * Where the demo's parts live inside its folder.
 *
 * @category models
 */
const demoPaths = (dir: string) => ({
  dir,
  bucket: path.join(dir, "bucket"),
  clientsFile: path.join(dir, "clients.csv"),
  ledgerFile: path.join(dir, "clients.ledger.csv"),
  migrationLog: path.join(dir, "evidence", "migration-log.csv"),
  records: path.join(dir, "evidence", "records.csv")
})

// Replaces only a folder that holds the demo's marker: `--dir` cannot wipe a user's folder.
const prepareFolder = (disk: DiskShape, dir: string) =>
  Effect.gen(function*() {
    const entries = yield* disk.readFolder(dir).pipe(Effect.orElseSucceed(() => undefined))
    if (entries === undefined || entries.length === 0) return
    if (!entries.includes(marker)) {
      return yield* new UsageError({ reason: "BadFile", message: `Cannot build the demo: ${dir} exists and is not a uuidmap demo folder; choose another --dir` })
    }
    yield* disk.removeTree(dir).pipe(Effect.mapError(cannotBuild))
  })

const cannotBuild = (error: DiskError) =>
  new UsageError({ reason: "BadFile", message: `Cannot build the demo: ${error.operation} ${error.path}: ${describeDiskError(error)}` })

/**
 * Builds the demo in `dir`, replacing an earlier demo there.
 *
 * @category programs
 */
export const buildDemo = (dir: string): Effect.Effect<ReturnType<typeof demoPaths>, UsageError, Disk> =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const paths = demoPaths(path.resolve(dir))
    yield* prepareFolder(disk, paths.dir)
    const scenario = makeDemoScenario()
    const write = (file: string, content: string) =>
      disk.makeFolder(path.dirname(file)).pipe(
        Effect.andThen(disk.createFile(file, new TextEncoder().encode(content), { mode: 0o644, keepUmask: true }))
      )
    yield* Effect.gen(function*() {
      yield* write(path.join(paths.dir, marker), "This folder was built by `uuidmap demo`; it may be replaced.\n")
      yield* write(paths.clientsFile, scenario.clientsCsv)
      yield* write(paths.ledgerFile, scenario.ledgerCsv)
      yield* write(paths.migrationLog, scenario.migrationLogCsv)
      yield* write(paths.records, scenario.recordsCsv)
      for (const file of scenario.files) {
        const target = path.join(paths.bucket, ...file.key.split("/"))
        yield* write(target, file.content)
        yield* disk.setTimes(target, fixedTime)
      }
    }).pipe(Effect.mapError(cannotBuild))
    return paths
  })
