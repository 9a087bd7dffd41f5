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
 * @example
 * ```ts
 * import { defaultColumns } from "./Settings.ts"
 * defaultColumns.id // "row_id"
 * ```
 * @category models
 */
export interface Columns {
  readonly id: string
  readonly uuids: string
  readonly count: string
}

/**
 * The default column names (SPEC §1).
 *
 * @example
 * ```ts
 * import { defaultColumns } from "./Settings.ts"
 * ```
 * @category constructors
 */
export const defaultColumns: Columns = { id: "row_id", uuids: "file_uuids", count: "file_count" }

/**
 * How to reach an S3-compatible store.
 *
 * @example
 * ```ts
 * import type { S3Settings } from "./Settings.ts"
 * const s3: S3Settings = { endpoint: "http://127.0.0.1:9000", forcePathStyle: true }
 * ```
 * @category models
 */
export interface S3Settings {
  readonly endpoint?: string | undefined
  readonly region?: string | undefined
  readonly forcePathStyle?: boolean | undefined
  readonly profile?: string | undefined
  readonly maxAttempts?: number | undefined
}

/**
 * Outside evidence for phase 2.
 *
 * @example
 * ```ts
 * import type { EvidenceSettings } from "./Settings.ts"
 * const evidence: EvidenceSettings = { migrationLogs: ["moves.csv"], records: [] }
 * ```
 * @category models
 */
export interface EvidenceSettings {
  readonly migrationLogs: ReadonlyArray<string>
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
 * @example
 * ```ts
 * import { makeSettings } from "./Settings.ts"
 * const settings = makeSettings({ clientsFile: "clients.csv", bucket: "file:///data/bucket" })
 * settings.ledgerFile // "clients.ledger.csv" beside it
 * ```
 * @category models
 */
export interface Settings {
  readonly clientsFile: string
  readonly ledgerFile: string
  /** The live bucket (`s3://…` or `file://…`); `""` when an inventory is read with no bucket. */
  readonly bucket: string
  /** An S3 Inventory (manifest or config folder) read instead of listing the bucket. */
  readonly inventory?: string | undefined
  readonly columns: Columns
  readonly delimiter?: "," | ";" | "\t" | undefined
  readonly encoding: "utf-8" | "windows-1252"
  readonly layout: Layout
  readonly concurrency: number
  readonly backupDir?: string | undefined
  readonly uuidVersion: 4 | 7
  /** For tests: draw new UUIDs from a fixed sequence (`UuidGenerator.layerTest(seed)`), not at random. */
  readonly uuidSeed?: number | undefined
  readonly s3: S3Settings
  readonly evidence: EvidenceSettings
}

/**
 * Whether a run weighs object metadata: `--metadata-evidence`, else on for an `s3://` bucket.
 *
 * @example
 * ```ts
 * import { makeSettings, metadataEvidenceOn } from "./Settings.ts"
 * metadataEvidenceOn(makeSettings({ clientsFile: "c.csv", bucket: "s3://clients" })) // true
 * ```
 * @category accessors
 */
export const metadataEvidenceOn = (settings: Settings): boolean =>
  settings.evidence.metadataEvidence ?? settings.bucket.startsWith("s3://")

/**
 * The default ledger path: `<name>.ledger.csv` beside the clients CSV.
 *
 * @example
 * ```ts
 * import { defaultLedgerFile } from "./Settings.ts"
 * defaultLedgerFile("/data/clients.csv") // "/data/clients.ledger.csv"
 * ```
 * @category constructors
 */
export const defaultLedgerFile = (clientsFile: string): string => {
  const parsed = path.parse(clientsFile)
  const stem = parsed.ext.toLowerCase() === ".csv" ? parsed.name : parsed.base
  return path.join(parsed.dir, `${stem}.ledger.csv`)
}

/**
 * Builds settings, filling defaults for everything not given.
 *
 * @example
 * ```ts
 * import { makeSettings } from "./Settings.ts"
 * const settings = makeSettings({ clientsFile: "clients.csv", bucket: "file:///bucket", concurrency: 16 })
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
 * @example
 * ```ts
 * import { makeSettings, storeName } from "./Settings.ts"
 * storeName(makeSettings({ clientsFile: "c.csv", bucket: "", inventory: "file:///inv/manifest.json" }))
 * // "file:///inv/manifest.json"
 * ```
 * @category naming
 */
export const storeName = (settings: Settings): string =>
  settings.bucket === "" ? settings.inventory ?? "" : settings.bucket
