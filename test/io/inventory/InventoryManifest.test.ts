import { createHash } from "node:crypto"
import * as Effect from "effect/Effect"
import { describe, expect, it } from "vitest"
import { checkManifestChecksum, decodeManifest, parseFileSchema, snakeColumnName } from "../../../src/io/inventory/InventoryManifest.ts"

const encode = (value: unknown) => new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value))
const md5 = "0cc175b9c0f1b6a831c399e269772661"
const manifest = (patch: Record<string, unknown> = {}) => ({
  sourceBucket: "src",
  destinationBucket: "arn:aws:s3:::dest",
  version: "2016-11-30",
  fileFormat: "CSV",
  fileSchema: "Bucket, Key, Size, LastModifiedDate, ETag, IsMultipartUploaded",
  files: [{ key: "inv/src/daily/data/a.csv.gz", size: 10, MD5checksum: md5 }],
  ...patch
})
const decode = (value: unknown) => Effect.runPromise(decodeManifest("manifest.json", encode(value)))
const refusal = (value: unknown) => Effect.runPromise(Effect.flip(decodeManifest("manifest.json", encode(value))))

describe("fileSchema", () => {
  it("reads the CSV form: PascalCase names separated by a comma and a space", () => {
    expect(parseFileSchema("Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, LastModifiedDate, ETag, IsMultipartUploaded")).toEqual([
      "bucket", "key", "version_id", "is_latest", "is_delete_marker", "size", "last_modified_date", "e_tag", "is_multipart_uploaded"
    ])
  })

  it("reads the Parquet form: a message of snake-case names", () => {
    const schema = "message s3.inventory { required binary bucket (STRING); required binary key (STRING); optional binary version_id (STRING); optional int64 size; optional int64 last_modified_date (TIMESTAMP(MILLIS,true)); optional binary e_tag (STRING); optional boolean is_multipart_uploaded; }"
    expect(parseFileSchema(schema)).toEqual(["bucket", "key", "version_id", "size", "last_modified_date", "e_tag", "is_multipart_uploaded"])
  })

  it("names columns the same in both forms", () => {
    expect(["ETag", "LastModifiedDate", "IsMultipartUploaded", "ObjectLockRetainUntilDate", "e_tag"].map(snakeColumnName)).toEqual([
      "e_tag", "last_modified_date", "is_multipart_uploaded", "object_lock_retain_until_date", "e_tag"
    ])
  })
})

describe("decodeManifest", () => {
  it("decodes format, source bucket, columns and files", async () => {
    const decoded = await decode(manifest({ fileSchema: "Key, Bucket, ETag, Size, LastModifiedDate" }))
    expect(decoded.format).toBe("CSV")
    expect(decoded.sourceBucket).toBe("src")
    expect(decoded.columns).toEqual(["key", "bucket", "e_tag", "size", "last_modified_date"])
    expect(decoded.files).toEqual([{ key: "inv/src/daily/data/a.csv.gz", size: 10, md5 }])
  })

  it("takes Parquet in any case of the format name", async () => {
    expect((await decode(manifest({ fileFormat: "Parquet", fileSchema: "message s3.inventory { required binary bucket; required binary key; optional int64 size; optional int64 last_modified_date; optional binary e_tag; }" }))).format).toBe("Parquet")
  })

  it("refuses ORC with what to do instead", async () => {
    const error = await refusal(manifest({ fileFormat: "ORC" }))
    expect(error.reason).toBe("UnsupportedFormat")
    expect(error.message).toBe(`Inventory format "ORC" is not supported: configure the inventory as CSV or Parquet`)
    expect(error.file).toBe("manifest.json")
  })

  it("refuses a manifest without a column uuidmap needs, naming it", async () => {
    const error = await refusal(manifest({ fileSchema: "Bucket, Key, Size, LastModifiedDate" }))
    expect(error.reason).toBe("BadManifest")
    expect(error.message).toContain(`no "e_tag" column`)
  })

  it("refuses text that is not JSON, and JSON that is not a manifest", async () => {
    expect((await refusal("{not json")).message).toBe("Manifest is not valid JSON")
    expect((await refusal({ fileFormat: "CSV" })).message).toContain("Manifest is not an S3 Inventory manifest")
    expect((await refusal(manifest({ files: [{ key: "a", size: "ten", MD5checksum: md5 }] }))).reason).toBe("BadManifest")
  })

  it("refuses an MD5checksum that is not 32 hex digits and a key that climbs out of the bucket", async () => {
    expect((await refusal(manifest({ files: [{ key: "a", size: 1, MD5checksum: "xyz" }] }))).message).toContain(`MD5checksum "xyz"`)
    expect((await refusal(manifest({ files: [{ key: "../etc/passwd", size: 1, MD5checksum: md5 }] }))).message).toContain(`"../etc/passwd"`)
  })
})

describe("manifest.checksum", () => {
  const bytes = encode(manifest())
  const digest = createHash("md5").update(bytes).digest("hex")

  it("accepts the MD5 of the manifest, with a trailing newline", async () => {
    await Effect.runPromise(checkManifestChecksum("manifest.json", bytes, `${digest}\n`))
  })

  it("refuses a manifest whose MD5 differs, giving both", async () => {
    const error = await Effect.runPromise(Effect.flip(checkManifestChecksum("manifest.json", bytes, md5)))
    expect(error.reason).toBe("ChecksumMismatch")
    expect(error.message).toContain(digest)
    expect(error.message).toContain(md5)
  })
})
