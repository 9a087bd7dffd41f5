/**
 * For end-to-end runs of the CLI against an S3 server and a local folder holding the same
 * objects: one small tree (client folders of folders, pool files, strays), the environment a
 * child process needs to reach a local server, and the written CSV and ledger with every UUID
 * replaced by the key it names, so two runs compare although their UUIDs are random.
 *
 * @module
 */
import { parse } from "csv-parse/sync"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import type { SeedObject } from "./S3Seeding.ts"

/** A UUID already tracked in the clients CSV: its pool file must be mapped to row 503. */
export const trackedUuid = "3f2a9c4e-1111-4222-8333-444455556666"

/**
 * The tree: folders of folders under each client, a pool, an unknown client, a stray, keys
 * with spaces. Each object has its own whole-second time (s3rver reports seconds).
 *
 * @example
 * ```ts
 * import { cliTree } from "./CliComparison.ts"
 * cliTree.length // 10
 * ```
 * @category fixtures
 */
export const cliTree: ReadonlyArray<SeedObject> = [
  ["502/Sam_Torode/resume.pdf", "Sam's resume\n"],
  ["502/Sam_Torode/id-scan.jpg", "scan bytes"],
  ["502/Sam_Torode/2024/invoice.pdf", "invoice 2024"],
  ["503/Ann_Lee/contract.docx", "contract"],
  ["503/Ann_Lee/old files/nda.pdf", "nda"],
  ["999/Nobody/x.pdf", "a client not in the CSV"],
  [`files/${trackedUuid}.pdf`, "pooled and tracked"],
  ["files/7c9e6679-7425-40de-944b-e07fc1f90ae7.pdf", "pooled, no evidence"],
  ["files/notes.txt", "not a UUID name"],
  ["misc/readme.txt", "stray"]
].map(([key, body], i) => ({
  key: key!,
  body: body!,
  lastModified: new Date(Date.UTC(2024, 4, 1 + i, 10, i, 0))
}))

/**
 * The clients CSV the runs start from.
 *
 * @example
 * ```ts
 * import { cliClientsCsv } from "./CliComparison.ts"
 * cliClientsCsv.startsWith("name,row_id") // true
 * ```
 * @category fixtures
 */
export const cliClientsCsv = `name,row_id,file_uuids,file_count\nSam,502,,\nAnn,503,${trackedUuid},1\nBo,504,,\n`

/**
 * Writes objects as files under `dir` with their times, the local twin of a seeded bucket.
 *
 * @example
 * ```ts
 * import { cliTree, writeLocalBucket } from "./CliComparison.ts"
 * await writeLocalBucket("/tmp/bucket", cliTree)
 * ```
 * @category fixtures
 */
export const writeLocalBucket = async (dir: string, objects: ReadonlyArray<SeedObject>): Promise<void> => {
  for (const object of objects) {
    const target = path.join(dir, ...object.key.split("/"))
    await fs.mkdir(path.dirname(target), { recursive: true })
    await fs.writeFile(target, object.body)
    if (object.lastModified !== undefined) await fs.utimes(target, object.lastModified, object.lastModified)
  }
}

/**
 * The environment of a child process that reads a local S3 server: the access key s3rver
 * accepts, the given secret, and no shared AWS files or profile from the machine.
 *
 * @example
 * ```ts
 * import { s3ChildEnv } from "./CliComparison.ts"
 * const env = s3ChildEnv("a-secret")
 * ```
 * @category environment
 */
export const s3ChildEnv = (secret: string): Record<string, string> => ({
  AWS_ACCESS_KEY_ID: "S3RVER",
  AWS_SECRET_ACCESS_KEY: secret,
  AWS_CONFIG_FILE: "/nonexistent/uuidmap-test/config",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/uuidmap-test/credentials",
  AWS_PROFILE: "",
  AWS_REGION: "",
  AWS_DEFAULT_REGION: ""
})

/**
 * A run's output with UUIDs replaced by `<KEY>` (the key each one names in the ledger) in the
 * ledger's `uuid` column and the clients' `file_uuids` column: ledger rows sorted by key, and
 * each clients row with its UUID list sorted.
 *
 * @example
 * ```ts
 * import { readRunModuloUuids } from "./CliComparison.ts"
 * const run = await readRunModuloUuids("/tmp/run/clients.csv", "/tmp/run/clients.ledger.csv")
 * ```
 * @category comparison
 */
export interface RunModuloUuids {
  readonly ledger: ReadonlyArray<Readonly<Record<string, string>>>
  readonly clients: ReadonlyArray<Readonly<Record<string, string>>>
}

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g

/**
 * Reads a run's clients CSV and ledger modulo UUIDs (see `RunModuloUuids`). A UUID the ledger
 * does not tie to a key stays as it is.
 *
 * @example
 * ```ts
 * import { readRunModuloUuids } from "./CliComparison.ts"
 * const run = await readRunModuloUuids("/tmp/run/clients.csv", "/tmp/run/clients.ledger.csv")
 * ```
 * @category comparison
 */
export const readRunModuloUuids = async (clientsFile: string, ledgerFile: string): Promise<RunModuloUuids> => {
  const ledgerRows = parse(await fs.readFile(ledgerFile, "utf8"), { columns: true }) as Array<Record<string, string>>
  const keyOf = new Map(ledgerRows.filter((row) => row["key"] !== "").map((row) => [row["uuid"]!, row["key"]!]))
  const named = (text: string) => text.replace(uuidPattern, (uuid) => (keyOf.has(uuid) ? `<${keyOf.get(uuid)}>` : uuid))
  // Only the columns that hold UUIDs are renamed: a random UUID left anywhere else would
  // make two runs differ, which is what a comparison should catch.
  // `clients_sha256` is the hash of a CSV holding those random UUIDs: it must be there, but
  // its value differs between runs by construction.
  const ledger = ledgerRows
    .map((row): Record<string, string> => ({ ...row, uuid: named(row["uuid"] ?? ""), clients_sha256: row["clients_sha256"] === "" ? "" : "<sha256>" }))
    .sort((a, b) => ((a["key"] ?? "") + a["uuid"] < (b["key"] ?? "") + b["uuid"] ? -1 : 1))
  const clientRows = parse(await fs.readFile(clientsFile, "utf8"), { columns: true }) as Array<Record<string, string>>
  const clients = clientRows.map((row): Record<string, string> => ({
    ...row,
    file_uuids: named(row["file_uuids"] ?? "").split(";").sort().join(";")
  }))
  return { ledger, clients }
}

/**
 * A run's output without the ledger's `metadata` column: an S3 run records the metadata
 * readings of its pool files, a local folder has no metadata to read, and everything else
 * must be the same.
 *
 * @example
 * ```ts
 * import { readRunModuloUuids, withoutMetadataReadings } from "./CliComparison.ts"
 * const run = withoutMetadataReadings(await readRunModuloUuids("/tmp/run/clients.csv", "/tmp/run/clients.ledger.csv"))
 * ```
 * @category comparison
 */
export const withoutMetadataReadings = (run: RunModuloUuids): RunModuloUuids => ({
  ...run,
  ledger: run.ledger.map(({ metadata: _metadata, ...row }) => row)
})
