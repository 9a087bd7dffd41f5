/**
 * The settings of an S3 store: what the CLI passes (`--bucket`, `--endpoint`, `--region`,
 * `--force-path-style`, `--profile`, `--concurrency`, `--max-attempts`) and the internal
 * tuning tests and benchmarks adjust (page size, backoff, timeouts).
 *
 * @module
 */
import type { ListingProgress } from "./S3ListingProgress.ts"

/**
 * How to reach the bucket. Credentials are never an option: they come from the SDK's default
 * chain (environment, shared config/profile, SSO, container or instance role).
 *
 * - `bucket`: `s3://NAME[/PREFIX]`.
 * - `endpoint`: an S3-compatible server (`http://127.0.0.1:9000`); AWS when absent.
 * - `region`: else `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's region, or `us-east-1`
 *   when an endpoint is given.
 * - `concurrency`: how many listings (key ranges or prefixes) run at once (default 8; 1 lists
 *   flat).
 * - `maxAttempts`: how many times one request (a page, a HeadObject) is tried before the store
 *   gives up (default 5). Each try goes through the SDK's standard retry mode as well.
 * - `onProgress`: called as listing advances; the caller decides how to render it.
 *
 * @example MinIO on this machine
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { layerS3, ObjectStore, type S3StoreOptions } from "uuidmap"
 *
 * const options: S3StoreOptions = {
 *   bucket: "s3://clients/tenant",
 *   endpoint: "http://127.0.0.1:9000",
 *   forcePathStyle: true,
 *   concurrency: 8
 * }
 * const store = await Effect.runPromise(Effect.provide(Effect.service(ObjectStore), layerS3(options)))
 * assert.equal(store.location, "s3://clients/tenant/")
 * ```
 * @category models
 */
export interface S3StoreOptions {
  /** `s3://NAME[/PREFIX]`. */
  readonly bucket: string
  /** An S3-compatible server; AWS when absent. */
  readonly endpoint?: string | undefined
  /** The region; else the environment's or the profile's. */
  readonly region?: string | undefined
  /** Path-style URLs (`http://host/bucket/key`), as most S3-compatible servers want. */
  readonly forcePathStyle?: boolean | undefined
  /** The shared-config profile to take credentials and region from. */
  readonly profile?: string | undefined
  /** How many listings run at once (default 8). */
  readonly concurrency?: number | undefined
  /** How many times one request is tried (default 5). */
  readonly maxAttempts?: number | undefined
  /** Called as listing advances. */
  readonly onProgress?: ((progress: ListingProgress) => void) | undefined
}

/**
 * The options with the internal knobs (`tuning`) that tests and benchmarks set. The public
 * `layerS3` takes `S3StoreOptions` only, so that the knobs stay out of the API.
 *
 * @category models
 */
export interface TunedS3StoreOptions extends S3StoreOptions {
  readonly tuning?: S3StoreTuning | undefined
}

/**
 * Internal knobs. Defaults suit AWS; tests shrink them to make failures fast and pages small.
 *
 * - `pageSize`: keys per ListObjectsV2 page (default 1,000, the S3 maximum).
 * - `baseDelayMs` / `maxDelayMs`: backoff of uuidmap's retry schedule (default 200 / 20,000).
 * - `sdkMaxAttempts`: attempts inside the SDK's standard retry mode per try (default 3).
 * - `connectionTimeoutMs` / `requestTimeoutMs`: HTTP timeouts (default 5,000 / 60,000).
 * - `duplicateWindow`: how many recent keys per listed prefix are remembered to drop a key the
 *   server returns twice (default 20,000 = 20 pages).
 * - `tileTargetKeys`: how many keys a tile of the auto listing should hold (default two pages).
 * - `urlEncodedListing`: ask for `EncodingType=url` (default true; keys are decoded only when
 *   the server says it encoded them).
 * - `credentials`: fixed credentials, for local test servers only.
 *
 * @category models
 */
export interface S3StoreTuning {
  readonly pageSize?: number | undefined
  readonly baseDelayMs?: number | undefined
  readonly maxDelayMs?: number | undefined
  readonly sdkMaxAttempts?: number | undefined
  readonly connectionTimeoutMs?: number | undefined
  readonly requestTimeoutMs?: number | undefined
  readonly duplicateWindow?: number | undefined
  readonly tileTargetKeys?: number | undefined
  readonly urlEncodedListing?: boolean | undefined
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined
}

/**
 * The options with every default filled in.
 *
 * @category models
 */
export interface S3Settings {
  readonly concurrency: number
  readonly maxAttempts: number
  readonly pageSize: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  readonly sdkMaxAttempts: number
  readonly connectionTimeoutMs: number
  readonly requestTimeoutMs: number
  readonly duplicateWindow: number
  readonly tileTargetKeys: number
  readonly urlEncodedListing: boolean
}

const positiveInt = (value: number | undefined, fallback: number): number =>
  value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback

/**
 * Fills in the defaults; out-of-range numbers fall back to them (a page holds at most 1,000
 * keys on S3).
 *
 * @category constructors
 */
export const resolveS3Settings = (options: TunedS3StoreOptions): S3Settings => {
  const tuning = options.tuning ?? {}
  const pageSize = Math.min(1000, positiveInt(tuning.pageSize, 1000))
  return {
    concurrency: positiveInt(options.concurrency, 8),
    maxAttempts: positiveInt(options.maxAttempts, 5),
    pageSize,
    baseDelayMs: positiveInt(tuning.baseDelayMs, 200),
    maxDelayMs: positiveInt(tuning.maxDelayMs, 20_000),
    sdkMaxAttempts: positiveInt(tuning.sdkMaxAttempts, 3),
    connectionTimeoutMs: positiveInt(tuning.connectionTimeoutMs, 5_000),
    requestTimeoutMs: positiveInt(tuning.requestTimeoutMs, 60_000),
    duplicateWindow: positiveInt(tuning.duplicateWindow, 20_000),
    tileTargetKeys: positiveInt(tuning.tileTargetKeys, 2 * pageSize),
    urlEncodedListing: tuning.urlEncodedListing ?? true
  }
}
