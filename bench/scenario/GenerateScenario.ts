/**
 * Writes a scenario to disk: the clients CSV, a migration log and a records file, the S3
 * Inventory of the objects as gzipped CSV and as Parquet, and for small N the bucket itself as
 * a local folder or an s3rver data directory.
 */
import { createWriteStream } from "node:fs"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { writeInventory, type WrittenInventory } from "../../test/support/inventory/InventoryWriter.ts"
import { seedS3rverFiles } from "../../test/support/s3/S3Seeding.ts"
import { clientsCsvLines, type ScenarioEvidence, type ScenarioObject, scenarioObjects, type ScenarioOptions } from "./Scenario.ts"

export interface GenerateOptions extends ScenarioOptions {
  readonly out: string
  readonly formats?: ReadonlyArray<"CSV" | "Parquet">
  readonly rowsPerFile?: number
  readonly rowGroupSize?: number
  /** Also write the objects as files under `<out>/bucket` (needs `withBodies`). */
  readonly folder?: boolean
  /** Also write the objects into this s3rver data directory, bucket `bench-bucket`. */
  readonly s3rverDirectory?: string
}

export interface GeneratedScenario {
  readonly clientsFile: string
  readonly migrationLog: string
  readonly records: string
  readonly inventories: Partial<Record<"CSV" | "Parquet", WrittenInventory>>
  readonly bucketDir: string | undefined
  readonly objects: number
  readonly poolObjects: number
}

export const sourceBucket = "bench-bucket"

const writeLines = async (file: string, lines: Iterable<string>) => {
  const out = createWriteStream(file)
  const done = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve)
    out.on("error", reject)
  })
  let buffer = ""
  for (const line of lines) {
    buffer += line
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once("drain", () => resolve()))
      buffer = ""
    }
  }
  out.end(buffer)
  await done
}

export const generateScenario = async (options: GenerateOptions): Promise<GeneratedScenario> => {
  await fs.mkdir(options.out, { recursive: true })
  const evidence: ScenarioEvidence = { migrations: [], records: [], tracked: new Map() }
  const objects: Array<ScenarioObject> = [...scenarioObjects(options, evidence)]
  const clientsFile = path.join(options.out, "clients.csv")
  const migrationLog = path.join(options.out, "migration-log.csv")
  const records = path.join(options.out, "records.csv")
  await writeLines(clientsFile, clientsCsvLines(options, evidence.tracked))
  await writeLines(migrationLog, (function*() {
    yield "old_key,new_key\n"
    for (const [oldKey, newKey] of evidence.migrations) yield `${oldKey},${newKey}\n`
  })())
  await writeLines(records, (function*() {
    yield "uuid,row_id\n"
    for (const [uuid, rowId] of evidence.records) yield `${uuid},${rowId}\n`
  })())
  const inventories: Partial<Record<"CSV" | "Parquet", WrittenInventory>> = {}
  for (const format of options.formats ?? ["CSV", "Parquet"]) {
    inventories[format] = await writeInventory({
      root: path.join(options.out, `inventory-${format.toLowerCase()}`),
      sourceBucket,
      format,
      rowsPerFile: options.rowsPerFile ?? 250_000,
      rowGroupSize: options.rowGroupSize ?? 50_000
    }, objects)
  }
  let bucketDir: string | undefined
  if (options.folder === true) {
    bucketDir = path.join(options.out, "bucket")
    for (const object of objects) {
      const file = path.join(bucketDir, ...object.key.split("/"))
      await fs.mkdir(path.dirname(file), { recursive: true })
      await fs.writeFile(file, object.body ?? "")
      const when = new Date(object.lastModified)
      await fs.utimes(file, when, when)
    }
  }
  if (options.s3rverDirectory !== undefined) {
    await seedS3rverFiles(options.s3rverDirectory, sourceBucket, objects.map((object) => ({
      key: object.key,
      body: object.body ?? "",
      lastModified: new Date(object.lastModified)
    })))
  }
  return {
    clientsFile,
    migrationLog,
    records,
    inventories,
    bucketDir,
    objects: objects.length,
    poolObjects: objects.filter((object) => object.key.startsWith("files/")).length
  }
}
