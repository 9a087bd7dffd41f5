/**
 * The flags every data command shares (SPEC §3, "Common flags"), and their translation into
 * the program's Settings.
 *
 * @module
 */
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { UsageError } from "../domain/UsageError.ts"
import { parseS3Location } from "../io/store/S3Location.ts"
import { makeSettings, type Settings } from "../program/Settings.ts"
import { flagOrigin } from "./EnvironmentCheck.ts"
import { type EvidenceFlagValues, evidenceFlags, evidenceSettingsFromFlags } from "./EvidenceFlags.ts"
import {
  choiceWithDefault,
  intWithDefault,
  optionalText,
  repeatedText,
  switchFlag,
  textWithDefault
} from "./FlagKit.ts"

const delimiters: Readonly<Record<string, "," | ";" | "\t">> = { ",": ",", ";": ";", "\t": "\t", "tab": "\t", "\\t": "\t" }

const bucketSchemes = ["s3://", "file://"]

/**
 * The shared flags, to spread into a command's configuration.
 *
 * @category flags
 */
export const sharedFlags = {
  clients: textWithDefault("clients", "Clients CSV", "clients.csv"),
  ledger: optionalText("ledger", "Ledger CSV (default: <clients name>.ledger.csv beside the clients CSV)"),
  bucket: optionalText("bucket", "Store: s3://NAME[/PREFIX] or file:///DIR (a local folder)", (value) =>
    bucketSchemes.some((scheme) => value.startsWith(scheme)) ? undefined : "s3://NAME[/PREFIX] or file:///DIR"),
  inventory: optionalText("inventory", "Read an S3 Inventory (CSV or Parquet) instead of listing: s3://… or file:///… manifest.json, or the configuration's folder for its newest manifest; --bucket is then only needed for metadata evidence"),
  endpoint: optionalText("endpoint", "S3 endpoint URL (MinIO, R2, Wasabi, a local server)"),
  region: optionalText("region", "S3 region"),
  forcePathStyle: switchFlag("force-path-style", "Address buckets by path (most S3-compatible servers need it)"),
  profile: optionalText("profile", "AWS profile for credentials"),
  maxAttempts: intWithDefault("max-attempts", "Attempts per S3 request before giving up", 5, 1),
  idColumn: textWithDefault("id-column", "Client id column", "row_id"),
  uuidsColumn: textWithDefault("uuids-column", "Tracking column with the client's file UUIDs", "file_uuids"),
  countColumn: textWithDefault("count-column", "Tracking column with the client's file count", "file_count"),
  delimiter: optionalText("delimiter", "CSV delimiter: , ; or tab (default: detected)", (value) =>
    value in delimiters ? undefined : ", ; or tab"),
  encoding: choiceWithDefault("encoding", "Clients CSV encoding", ["utf-8", "windows-1252"] as const, "utf-8"),
  poolPrefix: textWithDefault("pool-prefix", "Prefix of the UUID pool", "files/"),
  concurrency: intWithDefault("concurrency", "Parallel listing and metadata requests", 8, 1),
  backupDir: optionalText("backup-dir", "Folder for backups (default: beside each file)"),
  uuidVersion: choiceWithDefault("uuid-version", "Version of new UUIDs", ["4", "7"] as const, "4"),
  migrationLog: repeatedText("migration-log", "Migration log, CSV or JSON Lines (old_key + new_key or uuid)"),
  records: repeatedText("records", "Records exported from a database (uuid,row_id)"),
  ...evidenceFlags,
  verbose: switchFlag("verbose", "Say more about what happens"),
  quiet: switchFlag("quiet", "Print only results and errors")
}

/**
 * The parsed values of the shared flags.
 *
 * @category models
 */
interface SharedFlagValues extends EvidenceFlagValues {
  readonly clients: string
  readonly ledger: Option.Option<string>
  readonly bucket: Option.Option<string>
  readonly inventory: Option.Option<string>
  readonly endpoint: Option.Option<string>
  readonly region: Option.Option<string>
  readonly forcePathStyle: boolean
  readonly profile: Option.Option<string>
  readonly maxAttempts: number
  readonly idColumn: string
  readonly uuidsColumn: string
  readonly countColumn: string
  readonly delimiter: Option.Option<string>
  readonly encoding: "utf-8" | "windows-1252"
  readonly poolPrefix: string
  readonly concurrency: number
  readonly backupDir: Option.Option<string>
  readonly uuidVersion: "4" | "7"
  readonly migrationLog: ReadonlyArray<string>
  readonly records: ReadonlyArray<string>
  readonly verbose: boolean
  readonly quiet: boolean
}


// A location that can never work is a usage error (exit 2), not a store failure (exit 4).
const checkBucketLocation = (bucket: string): Effect.Effect<void, UsageError> => {
  const usage = (message: string) => new UsageError({ reason: "BadFlag", message: `${flagOrigin("bucket")}: ${message}` })
  const refuse = (message: string) => Effect.fail(usage(message))
  if (bucket.startsWith("s3://")) return Effect.mapError(Effect.asVoid(parseS3Location(bucket)), (error) => usage(error.message))
  const folder = bucket.slice("file://".length)
  if (folder === "") return refuse(`Bucket location "${bucket}" names no folder; write it as file:///DIR`)
  if (path.resolve(folder) === path.parse(path.resolve(folder)).root) {
    return refuse(`Bucket location "${bucket}" is the root folder; name the folder that holds the bucket's files`)
  }
  return Effect.void
}

/**
 * Turns flag values into Settings, refusing values that make no sense with exit 2.
 *
 * @category settings
 */
export const settingsFromFlags = (flags: SharedFlagValues): Effect.Effect<Settings, UsageError> =>
  Effect.gen(function*() {
    const inventory = Option.getOrUndefined(flags.inventory)
    if (inventory !== undefined && !inventory.startsWith("s3://") && !inventory.startsWith("file://")) {
      return yield* new UsageError({ reason: "BadFlag", message: `--inventory "${inventory}" must start with s3:// or file:// (a manifest.json or an inventory configuration's folder)` })
    }
    // With an inventory the bucket is optional: it is only needed for metadata evidence.
    const bucket = Option.getOrElse(flags.bucket, () => "")
    if (bucket === "" && inventory === undefined) {
      return yield* new UsageError({ reason: "BadFlag", message: "--bucket is required: s3://NAME[/PREFIX] or file:///DIR (or give --inventory)" })
    }
    if (bucket !== "") {
      if (!bucketSchemes.some((scheme) => bucket.startsWith(scheme))) {
        return yield* new UsageError({
          reason: "BadFlag",
          message: `${flagOrigin("bucket")} "${bucket}" must start with s3:// or file:// (s3://NAME[/PREFIX] or file:///DIR)`
        })
      }
      yield* checkBucketLocation(bucket)
    }
    const delimiterText = Option.getOrUndefined(flags.delimiter)
    const delimiter = delimiterText === undefined ? undefined : delimiters[delimiterText]
    if (delimiterText !== undefined && delimiter === undefined) {
      return yield* new UsageError({ reason: "BadFlag", message: `${flagOrigin("delimiter")} "${delimiterText}" must be , ; or tab` })
    }
    for (const [flag, value] of [["concurrency", flags.concurrency], ["max-attempts", flags.maxAttempts]] as const) {
      if (value < 1) {
        return yield* new UsageError({ reason: "BadFlag", message: `${flagOrigin(flag)} is ${value}; it must be a whole number of at least 1` })
      }
    }
    const evidence = yield* evidenceSettingsFromFlags(flags, flags.migrationLog, flags.records)
    const poolPrefix = flags.poolPrefix === "" || flags.poolPrefix.endsWith("/") ? flags.poolPrefix : `${flags.poolPrefix}/`
    return makeSettings({
      clientsFile: flags.clients,
      ...Option.match(flags.ledger, { onNone: () => ({}), onSome: (ledgerFile) => ({ ledgerFile }) }),
      bucket,
      inventory,
      columns: { id: flags.idColumn, uuids: flags.uuidsColumn, count: flags.countColumn },
      delimiter,
      encoding: flags.encoding,
      layout: { poolPrefix },
      concurrency: flags.concurrency,
      backupDir: Option.getOrUndefined(flags.backupDir),
      uuidVersion: flags.uuidVersion === "7" ? 7 : 4,
      s3: {
        endpoint: Option.getOrUndefined(flags.endpoint),
        region: Option.getOrUndefined(flags.region),
        forcePathStyle: flags.forcePathStyle,
        profile: Option.getOrUndefined(flags.profile),
        maxAttempts: flags.maxAttempts
      },
      // Resolved here, so a plan records what was used whether or not the flag was given.
      evidence: { ...evidence, metadataEvidence: evidence.metadataEvidence ?? bucket.startsWith("s3://") }
    })
  })
