/**
 * The `manifest.json` of an S3 Inventory report: which format its data files are in, the
 * columns they hold (`fileSchema`, in the CSV form `Bucket, Key, …` or the Parquet form
 * `message s3.inventory { … }`) and the data files with their sizes and MD5 checksums.
 *
 * @module
 */
import { createHash } from "node:crypto"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { InventoryError } from "../../domain/InventoryError.ts"

const ManifestFile = Schema.Struct({
  key: Schema.String,
  size: Schema.Number,
  MD5checksum: Schema.String
})

const ManifestJson = Schema.Struct({
  sourceBucket: Schema.optionalKey(Schema.String),
  destinationBucket: Schema.optionalKey(Schema.String),
  fileFormat: Schema.String,
  fileSchema: Schema.String,
  files: Schema.Array(ManifestFile)
})

/**
 * A data file of the report: its key in the destination bucket, size and MD5 (hex).
 *
 * @category models
 */
export interface InventoryDataFile {
  readonly key: string
  readonly size: number
  readonly md5: string
}

/**
 * A decoded manifest. `columns` are the `fileSchema` names in file order, in snake case
 * (`LastModifiedDate` and `last_modified_date` are both `last_modified_date`).
 *
 * @category models
 */
export interface InventoryManifest {
  readonly format: "CSV" | "Parquet"
  readonly sourceBucket: string | undefined
  readonly columns: ReadonlyArray<string>
  readonly files: ReadonlyArray<InventoryDataFile>
}

/** The columns uuidmap needs; a manifest without one of them is refused. */
export const requiredColumns = ["bucket", "key", "size", "last_modified_date", "e_tag"] as const

/**
 * A `fileSchema` name in snake case: `ETag` → `e_tag`, `IsMultipartUploaded` →
 * `is_multipart_uploaded`; snake-case names are kept.
 *
 * @category parsing
 */
export const snakeColumnName = (name: string): string =>
  name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z])([A-Z][a-z])/g, "$1_$2").toLowerCase()

/**
 * The column names of a `fileSchema` in either form, in order.
 *
 * @category parsing
 */
export const parseFileSchema = (fileSchema: string): ReadonlyArray<string> => {
  const text = fileSchema.trim()
  if (/^message\s/.test(text)) {
    const names: Array<string> = []
    for (const match of text.matchAll(/\b(?:required|optional|repeated)\s+[A-Za-z0-9_]+\s+([A-Za-z0-9_]+)/g)) {
      names.push(snakeColumnName(match[1]!))
    }
    return names
  }
  return text.split(",").map((name) => snakeColumnName(name.trim())).filter((name) => name !== "")
}

const bad = (file: string, message: string, reason: InventoryError["reason"] = "BadManifest") =>
  new InventoryError({ reason, file, line: 0, column: 0, message })

/**
 * Decodes the bytes of a manifest. ORC reports are refused (exit 2) with what to do instead;
 * a manifest without a needed column, without files, or that is not the documented JSON is
 * refused naming what is wrong.
 *
 * @category parsing
 */
export const decodeManifest = (file: string, bytes: Uint8Array): Effect.Effect<InventoryManifest, InventoryError> =>
  Effect.gen(function*() {
    const json = yield* Effect.try({
      try: () => JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown,
      catch: () => bad(file, "Manifest is not valid JSON")
    })
    const decoded = yield* Schema.decodeUnknownEffect(ManifestJson)(json).pipe(
      Effect.mapError((error) => bad(file, `Manifest is not an S3 Inventory manifest: ${error.message.split("\n").slice(0, 3).join(" ")}`))
    )
    const format = decoded.fileFormat.toUpperCase()
    if (format === "ORC") {
      return yield* bad(file, `Inventory format "ORC" is not supported: configure the inventory as CSV or Parquet`, "UnsupportedFormat")
    }
    if (format !== "CSV" && format !== "PARQUET") {
      return yield* bad(file, `Inventory format "${decoded.fileFormat}" is not supported: configure the inventory as CSV or Parquet`, "UnsupportedFormat")
    }
    const columns = parseFileSchema(decoded.fileSchema)
    const missing = requiredColumns.filter((name) => !columns.includes(name))
    if (missing.length > 0) {
      return yield* bad(file, `Manifest fileSchema "${decoded.fileSchema}" has no ${missing.map((name) => `"${name}"`).join(", ")} column; the inventory must include size, last modified date and ETag`)
    }
    for (const entry of decoded.files) {
      if (!/^[0-9a-fA-F]{32}$/.test(entry.MD5checksum)) {
        return yield* bad(file, `Manifest gives data file "${entry.key}" the MD5checksum "${entry.MD5checksum}", which is not 32 hex digits`)
      }
      if (entry.key === "" || entry.key.startsWith("/") || entry.key.split("/").includes("..")) {
        return yield* bad(file, `Manifest names the data file "${entry.key}", which is not a key of the destination bucket`)
      }
    }
    const manifest: InventoryManifest = {
      format: format === "CSV" ? "CSV" : "Parquet",
      sourceBucket: decoded.sourceBucket,
      columns,
      files: decoded.files.map((entry) => ({ key: entry.key, size: entry.size, md5: entry.MD5checksum.toLowerCase() }))
    }
    return manifest
  })

/**
 * Checks a manifest against its `manifest.checksum` (the MD5 of manifest.json, hex, as S3
 * writes it; surrounding white space is ignored).
 *
 * @category parsing
 */
export const checkManifestChecksum = (
  file: string,
  bytes: Uint8Array,
  checksum: string
): Effect.Effect<void, InventoryError> => {
  const expected = checksum.trim().toLowerCase()
  const actual = createHash("md5").update(bytes).digest("hex")
  return expected === actual
    ? Effect.void
    : Effect.fail(bad(file, `Manifest MD5 is "${actual}" but manifest.checksum says "${expected}"; the manifest is damaged or was changed`, "ChecksumMismatch"))
}
