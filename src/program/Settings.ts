/**
 * The settings of one run, resolved from flags and `UUIDMAP_*` variables by the CLI (or given
 * directly by a program that embeds uuidmap).
 *
 * @module
 */
import * as path from "node:path"
import type { MetadataNames } from "../domain/PoolEvidence.ts"
import type { Layout } from "../domain/State.ts"
import type { MigrationColumns } from "../io/evidence/MigrationLogFile.ts"
import type { RecordsColumns } from "../io/evidence/RecordsFile.ts"

/**
 * Names of the CSV columns uuidmap reads and writes.
 *
 * @example A CRM's column names
 * ```ts
 * import assert from "node:assert/strict"
 * import { type Columns, makeSettings } from "uuidmap"
 *
 * const columns: Columns = { id: "client_id", uuids: "file_uuids", count: "file_count" }
 * assert.equal(makeSettings({ clientsFile: "clients.csv", bucket: "file:///data", columns }).columns.id, "client_id")
 * ```
 * @category models
 */
export interface Columns {
  /** The id column (`--id-column`). */
  readonly id: string
  /** The tracking column of UUIDs (`--uuids-column`). */
  readonly uuids: string
  /** The tracking column of counts (`--count-column`). */
  readonly count: string
}

/**
 * The default column names (SPEC §1).
 *
 * @example The names of SPEC §1
 * ```ts
 * import assert from "node:assert/strict"
 * import { defaultColumns } from "uuidmap"
 *
 * assert.deepStrictEqual(defaultColumns, { id: "row_id", uuids: "file_uuids", count: "file_count" })
 * ```
 * @category constructors
 */
export const defaultColumns: Columns = { id: "row_id", uuids: "file_uuids", count: "file_count" }

/**
 * How to reach an S3-compatible store.
 *
 * @example MinIO on this machine
 * ```ts
 * import assert from "node:assert/strict"
 * import { makeSettings, type S3Settings } from "uuidmap"
 *
 * const s3: S3Settings = { endpoint: "http://127.0.0.1:9000", forcePathStyle: true }
 * assert.equal(makeSettings({ clientsFile: "clients.csv", bucket: "s3://clients", s3 }).s3.forcePathStyle, true)
 * ```
 * @category models
 */
export interface S3Settings {
  /** An S3-compatible server (`--endpoint`); AWS when absent. */
  readonly endpoint?: string | undefined
  /** The region (`--region`). */
  readonly region?: string | undefined
  /** Path-style URLs (`--force-path-style`). */
  readonly forcePathStyle?: boolean | undefined
  /** The shared-config profile (`--profile`). */
  readonly profile?: string | undefined
  /** How many times one request is tried (`--max-attempts`). */
  readonly maxAttempts?: number | undefined
}

/**
 * Outside evidence for phase 2.
 *
 * @example A migration log and no metadata
 * ```ts
 * import assert from "node:assert/strict"
 * import { type EvidenceSettings, makeSettings } from "uuidmap"
 *
 * const evidence: EvidenceSettings = { migrationLogs: ["moves.csv"], records: [], metadataEvidence: false }
 * assert.deepStrictEqual(makeSettings({ clientsFile: "clients.csv", bucket: "s3://clients", evidence }).evidence.migrationLogs, ["moves.csv"])
 * ```
 * @category models
 */
export interface EvidenceSettings {
  /** Migration logs to read (`--migration-log`, repeatable). */
  readonly migrationLogs: ReadonlyArray<string>
  /** Records files to read (`--records`, repeatable). */
  readonly records: ReadonlyArray<string>
  /** Column names of the migration logs (default `old_key`, `new_key`, `uuid`). */
  readonly migrationColumns?: MigrationColumns | undefined
  /** Column names of the records files (default `uuid`, `row_id`). */
  readonly recordsColumns?: RecordsColumns | undefined
  /** Metadata names that name an owner (default `row-id`, `client-id`, `original-key`). */
  readonly metadataNames?: MetadataNames | undefined
  /** How far apart timestamps may be for a weak signal (default 24 hours). */
  readonly weakWindowMs?: number | undefined
  /**
   * Whether object metadata is evidence, read with HeadObject (default: on for `s3://`, off for
   * a local folder, which has none). Off: no HeadObject at all, and metadata names nobody.
   */
  readonly metadataEvidence?: boolean | undefined
}

/**
 * Everything a run needs to know.
 *
 * @example The defaults a run starts from
 * ```ts
 * import assert from "node:assert/strict"
 * import { makeSettings, type Settings } from "uuidmap"
 *
 * const settings: Settings = makeSettings({ clientsFile: "/data/clients.csv", bucket: "file:///data/bucket" })
 * assert.equal(settings.ledgerFile, "/data/clients.ledger.csv")
 * assert.deepStrictEqual(settings.layout, { poolPrefix: "files/" })
 * assert.equal(settings.concurrency, 8)
 * ```
 * @category models
 */
export interface Settings {
  /** The clients CSV (`--clients`). */
  readonly clientsFile: string
  /** The ledger (`--ledger`; default beside the clients CSV). */
  readonly ledgerFile: string
  /** The live bucket (`s3://…` or `file://…`); `""` when an inventory is read with no bucket. */
  readonly bucket: string
  /** An S3 Inventory (manifest or config folder) read instead of listing the bucket. */
  readonly inventory?: string | undefined
  /** The id and tracking column names. */
  readonly columns: Columns
  /** The clients CSV's delimiter, instead of detecting it. */
  readonly delimiter?: "," | ";" | "\t" | undefined
  /** The clients CSV's encoding. */
  readonly encoding: "utf-8" | "windows-1252"
  /** Where the pool is (`--pool-prefix`). */
  readonly layout: Layout
  /** How many listings or reads run at once (`--concurrency`). */
  readonly concurrency: number
  /** Where backups go (`--backup-dir`; default beside each file). */
  readonly backupDir?: string | undefined
  /** The version of new UUIDs (`--uuid-version`). */
  readonly uuidVersion: 4 | 7
  /** For tests: draw new UUIDs from a fixed sequence (`UuidGenerator.layerTest(seed)`), not at random. */
  readonly uuidSeed?: number | undefined
  /** How to reach S3. */
  readonly s3: S3Settings
  /** Outside evidence for phase 2. */
  readonly evidence: EvidenceSettings
}

/**
 * Whether a run weighs object metadata: `--metadata-evidence`, else on for an `s3://` bucket.
 *
 * @example On for S3, off for a folder
 * ```ts
 * import assert from "node:assert/strict"
 * import { makeSettings } from "uuidmap"
 * import { metadataEvidenceOn } from "./Settings.ts"
 *
 * assert.equal(metadataEvidenceOn(makeSettings({ clientsFile: "c.csv", bucket: "s3://clients" })), true)
 * assert.equal(metadataEvidenceOn(makeSettings({ clientsFile: "c.csv", bucket: "file:///data" })), false)
 * ```
 * @category accessors
 */
export const metadataEvidenceOn = (settings: Settings): boolean =>
  settings.evidence.metadataEvidence ?? settings.bucket.startsWith("s3://")

/**
 * The default ledger path: `<name>.ledger.csv` beside the clients CSV.
 *
 * @category constructors
 */
const defaultLedgerFile = (clientsFile: string): string => {
  const parsed = path.parse(clientsFile)
  const stem = parsed.ext.toLowerCase() === ".csv" ? parsed.name : parsed.base
  return path.join(parsed.dir, `${stem}.ledger.csv`)
}

/**
 * Builds settings, filling defaults for everything not given.
 *
 * @example Only what differs from the defaults
 * ```ts
 * import assert from "node:assert/strict"
 * import { makeSettings } from "uuidmap"
 *
 * const settings = makeSettings({ clientsFile: "clients.csv", bucket: "file:///bucket", concurrency: 16 })
 * assert.equal(settings.concurrency, 16)
 * assert.equal(settings.encoding, "utf-8")
 * assert.equal(settings.uuidVersion, 4)
 * ```
 * @category constructors
 */
export const makeSettings = (
  parts: Partial<Settings> & Pick<Settings, "clientsFile" | "bucket">
): Settings => ({
  ...parts,
  ledgerFile: parts.ledgerFile ?? defaultLedgerFile(parts.clientsFile),
  columns: parts.columns ?? defaultColumns,
  encoding: parts.encoding ?? "utf-8",
  layout: parts.layout ?? { poolPrefix: "files/" },
  concurrency: parts.concurrency ?? 8,
  uuidVersion: parts.uuidVersion ?? 4,
  s3: parts.s3 ?? {},
  evidence: parts.evidence ?? { migrationLogs: [], records: [] }
})

/**
 * How to name the run's store in reports: the bucket, or the inventory when there is no bucket.
 *
 * @example An inventory with no bucket
 * ```ts
 * import assert from "node:assert/strict"
 * import { makeSettings } from "uuidmap"
 * import { storeName } from "./Settings.ts"
 *
 * assert.equal(storeName(makeSettings({ clientsFile: "c.csv", bucket: "", inventory: "file:///inv/manifest.json" })), "file:///inv/manifest.json")
 * ```
 * @category naming
 */
export const storeName = (settings: Settings): string =>
  settings.bucket === "" ? settings.inventory ?? "" : settings.bucket
