/**
 * Builds the SDK client for an S3 store and bundles it with everything a request needs
 * (bucket, prefix, settings, how to name the store in messages). The client lives in a
 * `Scope` and is destroyed, closing its sockets, when the scope closes. It counts the
 * requests it sends: every attempt, the SDK's own retries included.
 *
 * @module
 */
import { S3Client } from "@aws-sdk/client-s3"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import type { StoreError } from "../../domain/StoreError.ts"
import { toStoreError } from "./S3Failure.ts"
import { formatS3Location, parseS3Location } from "./S3Location.ts"
import type { S3Location } from "./S3Location.ts"
import type { S3Settings, TunedS3StoreOptions } from "./S3StoreOptions.ts"
import { resolveS3Settings } from "./S3StoreOptions.ts"

/**
 * A live client and the facts about the store it reads.
 *
 * @category models
 */
export interface S3Connection {
  readonly client: S3Client
  readonly requests: S3RequestCounts
  readonly location: S3Location
  readonly store: string
  readonly endpoint: string | undefined
  readonly region: string
  readonly settings: S3Settings
}

/**
 * Requests sent through a connection, by kind, counted per attempt.
 *
 * @category models
 */
interface S3RequestCounts {
  list: number
  head: number
}

// Counts each attempt: this step runs below the SDK's retry middleware, once per try.
const countRequests = (client: S3Client, counts: S3RequestCounts) =>
  client.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === "ListObjectsV2Command") counts.list += 1
      else if (context.commandName === "HeadObjectCommand") counts.head += 1
      return next(args)
    },
    { step: "deserialize", name: "uuidmapRequestCounter", priority: "low" }
  )

// Silences the HTTP handler's socket warnings: the CLI owns stderr.
const quietLogger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} }

const envRegion = Effect.gen(function*() {
  const region = yield* Config.option(Config.NonEmptyString("AWS_REGION"))
  if (Option.isSome(region)) return region
  return yield* Config.option(Config.NonEmptyString("AWS_DEFAULT_REGION"))
}).pipe(Effect.orElseSucceed(() => Option.none<string>()))

/**
 * Picks the region: the option, else `AWS_REGION` or `AWS_DEFAULT_REGION`, else `us-east-1`
 * when an endpoint is given (local and S3-compatible servers rarely care). Undefined leaves
 * it to the SDK's chain (the profile's `region`).
 *
 * @category constructors
 */
const resolveRegion = (options: TunedS3StoreOptions): Effect.Effect<string | undefined> =>
  options.region !== undefined && options.region !== ""
    ? Effect.succeed(options.region)
    : Effect.map(envRegion, (region) =>
      Option.getOrElse(region, () => (options.endpoint !== undefined ? "us-east-1" : undefined)))

const clientFor = (
  options: TunedS3StoreOptions,
  settings: S3Settings,
  region: string | undefined
): S3Client =>
  new S3Client({
    ...(region === undefined ? {} : { region }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.tuning?.credentials === undefined ? {} : { credentials: options.tuning.credentials }),
    forcePathStyle: options.forcePathStyle ?? false,
    retryMode: "standard",
    maxAttempts: settings.sdkMaxAttempts,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    requestHandler: {
      connectionTimeout: settings.connectionTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      throwOnRequestTimeout: true,
      logger: quietLogger,
      httpAgent: { keepAlive: true, maxSockets: Math.max(50, settings.concurrency * 2) },
      httpsAgent: { keepAlive: true, maxSockets: Math.max(50, settings.concurrency * 2) }
    }
  })

/**
 * Parses the location, resolves the region and builds the client. Fails with
 * `InvalidLocation` for a bad `s3://` form and `WrongRegion` when no region can be found.
 *
 * @category constructors
 */
export const acquireS3Connection = (
  options: TunedS3StoreOptions
): Effect.Effect<S3Connection, StoreError, Scope.Scope> =>
  Effect.gen(function*() {
    const location = yield* parseS3Location(options.bucket)
    const store = formatS3Location(location)
    const settings = resolveS3Settings(options)
    const configured = yield* resolveRegion(options)
    const requests: S3RequestCounts = { list: 0, head: 0 }
    const client = yield* Effect.acquireRelease(
      Effect.sync(() => {
        const built = clientFor(options, settings, configured)
        countRequests(built, requests)
        return built
      }),
      (client) => Effect.sync(() => client.destroy())
    )
    // Asks the SDK's chain (profile `region`) only when nothing above named a region.
    const region = configured ?? (yield* Effect.tryPromise({
      try: () => client.config.region(),
      catch: (error) =>
        toStoreError(error, {
          store,
          bucket: location.bucket,
          endpoint: options.endpoint,
          region: undefined,
          operation: "list",
          key: undefined,
          objectsListed: 0,
          attempts: 1
        })
    }))
    return { client, requests, location, store, endpoint: options.endpoint, region, settings }
  })
