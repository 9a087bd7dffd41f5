/**
 * Writes the demo scenario into a folder: `bucket/` (served with `--bucket file://…`),
 * `clients.csv`, `clients.ledger.csv` and `evidence/`. A folder is only ever replaced when it
 * holds the demo's marker file, so `uuidmap demo --dir` cannot wipe a user's own folder.
 *
 * @module
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { UsageError } from "../../domain/UsageError.ts"
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

const prepareFolder = async (dir: string): Promise<void> => {
  const entries = await fs.readdir(dir).catch(() => undefined)
  if (entries === undefined || entries.length === 0) return
  if (!entries.includes(marker)) {
    throw new Error(`${dir} exists and is not a uuidmap demo folder; choose another --dir`)
  }
  await fs.rm(dir, { recursive: true, force: true })
}

/**
 * Builds the demo in `dir`, replacing an earlier demo there.
 *
 * @category programs
 */
export const buildDemo = (dir: string): Effect.Effect<ReturnType<typeof demoPaths>, UsageError> =>
  Effect.tryPromise({
    try: async () => {
      const paths = demoPaths(path.resolve(dir))
      await prepareFolder(paths.dir)
      const scenario = makeDemoScenario()
      await fs.mkdir(path.dirname(paths.migrationLog), { recursive: true })
      await fs.writeFile(path.join(paths.dir, marker), "This folder was built by `uuidmap demo`; it may be replaced.\n")
      await fs.writeFile(paths.clientsFile, scenario.clientsCsv)
      await fs.writeFile(paths.ledgerFile, scenario.ledgerCsv)
      await fs.writeFile(paths.migrationLog, scenario.migrationLogCsv)
      await fs.writeFile(paths.records, scenario.recordsCsv)
      for (const file of scenario.files) {
        const target = path.join(paths.bucket, ...file.key.split("/"))
        await fs.mkdir(path.dirname(target), { recursive: true })
        await fs.writeFile(target, file.content)
        await fs.utimes(target, fixedTime, fixedTime)
      }
      return paths
    },
    catch: (cause) => new UsageError({ reason: "BadFile", message: `Cannot build the demo: ${(cause as Error).message}` })
  })
