/**
 * Clear failures: each S3 failure becomes a StoreError with the right reason and a one-line
 * message that says what to check and carries no credential. Real servers only: s3rver for
 * what it checks itself (unknown bucket, unknown access key), and the fault proxy answering
 * with S3's own error documents for what s3rver cannot produce (denied access, bad signature,
 * wrong region, persistent throttling).
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { createServer } from "node:net"
import type { AddressInfo } from "node:net"
import { unsafeObjectKey } from "../../../../src/domain/ObjectKey.ts"
import type { StoreError } from "../../../../src/domain/StoreError.ts"
import { makeS3Store } from "../../../../src/io/store/S3Store.ts"
import { s3ErrorAnswer, startFaultProxy } from "../../../support/s3/FaultProxy.ts"
import type { CannedAnswer } from "../../../support/s3/FaultProxy.ts"
import { startS3rver } from "../../../support/s3/S3rverServer.ts"
import type { S3rverServer } from "../../../support/s3/S3rverServer.ts"
import { seedS3rverFiles } from "../../../support/s3/S3Seeding.ts"
import { listSorted, localStoreOptions, readMetadata } from "../../../support/s3/S3TestStore.ts"

const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
const accessKeyId = "AKIAIOSFODNN7EXAMPLE"

let server: S3rverServer

beforeAll(async () => {
  server = await startS3rver()
  await seedS3rverFiles(server.directory, "present", [{ key: "a.txt", body: "a" }])
})

afterAll(async () => {
  await server?.stop()
})

const assertClear = (error: StoreError) => {
  assert.notInclude(error.message, "\n")
  assert.notInclude(error.message, secret)
  assert.notInclude(error.message, accessKeyId)
  assert.notInclude(error.message, "    at ")
  assert.isBelow(error.message.length, 300)
}

const listThrough = (answer: CannedAnswer, overrides: Parameters<typeof localStoreOptions>[2] = {}) =>
  Effect.gen(function*() {
    const proxy = yield* Effect.promise(() => startFaultProxy({ upstream: server.endpoint, answer }))
    yield* Effect.addFinalizer(() => Effect.promise(() => proxy.stop()))
    const error = yield* Effect.flip(
      listSorted(localStoreOptions(proxy.endpoint, "s3://present", { maxAttempts: 3, ...overrides }), "flat")
    )
    return { error, requests: proxy.stats().requests }
  })

const deadPort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer()
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })

describe("S3 store failures", () => {
  it.live("an unknown bucket fails with NoSuchBucket, naming the bucket and what to check", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(listSorted(localStoreOptions(server.endpoint, "s3://absent-bucket"), "auto"))
      assert.strictEqual(error.reason, "NoSuchBucket")
      assert.include(error.message, "\"absent-bucket\"")
      assert.include(error.message, "--bucket")
      assert.strictEqual(error.store, "s3://absent-bucket")
      assertClear(error)
    }))

  it.live("an access key the server does not know fails with InvalidAccessKeyId and never shows the key", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(listSorted(
        localStoreOptions(server.endpoint, "s3://present", {
          tuning: { credentials: { accessKeyId, secretAccessKey: secret } }
        }),
        "flat"
      ))
      assert.strictEqual(error.reason, "InvalidAccessKeyId")
      assert.include(error.message, "AWS_ACCESS_KEY_ID")
      assertClear(error)
    }))

  it.live("an endpoint that does not answer fails with Unreachable after the configured attempts", () =>
    Effect.gen(function*() {
      const port = yield* Effect.promise(deadPort)
      const started = Date.now()
      const error = yield* Effect.flip(listSorted(
        localStoreOptions(`http://127.0.0.1:${port}`, "s3://present", { maxAttempts: 2, tuning: { sdkMaxAttempts: 1 } }),
        "auto"
      ))
      assert.strictEqual(error.reason, "Unreachable")
      assert.include(error.message, `http://127.0.0.1:${port}`)
      assert.include(error.message, "ECONNREFUSED")
      assert.include(error.message, "2 attempts")
      assert.isBelow(Date.now() - started, 5_000)
      assertClear(error)
    }))

  it.live("denied access fails with AccessDenied at once, without retrying", () =>
    Effect.gen(function*() {
      const { error, requests } = yield* listThrough(s3ErrorAnswer(403, "AccessDenied", "Access Denied"))
      assert.strictEqual(error.reason, "AccessDenied")
      assert.include(error.message, "s3:ListBucket")
      assert.strictEqual(requests, 1)
      assertClear(error)
    }))

  it.live("a wrong secret fails with SignatureDoesNotMatch and leaks neither the key id nor the string to sign", () =>
    Effect.gen(function*() {
      const { error } = yield* listThrough(s3ErrorAnswer(
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided.",
        {},
        `<AWSAccessKeyId>${accessKeyId}</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256 ${secret}</StringToSign>`
      ))
      assert.strictEqual(error.reason, "SignatureDoesNotMatch")
      assert.include(error.message, "AWS_SECRET_ACCESS_KEY")
      assert.notInclude(error.message, "AWS4-HMAC-SHA256")
      assertClear(error)
    }))

  it.live("a bucket in another region fails with WrongRegion naming the region S3 gives in its header", () =>
    Effect.gen(function*() {
      const { error } = yield* listThrough(s3ErrorAnswer(
        301,
        "PermanentRedirect",
        "The bucket you are attempting to access must be addressed using the specified endpoint.",
        { "x-amz-bucket-region": "eu-west-1" },
        "<Endpoint>present.s3.eu-west-1.amazonaws.com</Endpoint><Bucket>present</Bucket>"
      ), { region: "us-east-1" })
      assert.strictEqual(error.reason, "WrongRegion")
      assert.include(error.message, "--region eu-west-1")
      assertClear(error)
    }))

  it.live("a request signed for the wrong region fails with WrongRegion naming the region in the error body", () =>
    Effect.gen(function*() {
      const { error } = yield* listThrough(s3ErrorAnswer(
        400,
        "AuthorizationHeaderMalformed",
        "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'ap-south-1'",
        {},
        "<Region>ap-south-1</Region>"
      ), { region: "us-east-1" })
      assert.strictEqual(error.reason, "WrongRegion")
      assert.include(error.message, "--region ap-south-1")
      assertClear(error)
    }))

  it.live("a server that keeps answering 503 SlowDown is retried through both layers, then fails with Unreachable", () =>
    Effect.gen(function*() {
      const { error, requests } = yield* listThrough(
        s3ErrorAnswer(503, "SlowDown", "Please reduce your request rate."),
        { maxAttempts: 3, tuning: { sdkMaxAttempts: 2 } }
      )
      assert.strictEqual(error.reason, "Unreachable")
      assert.include(error.message, "503 SlowDown")
      assert.include(error.message, "3 attempts")
      assert.strictEqual(requests, 3 * 2)
      assertClear(error)
    }))

  it.live("metadata of an object in another region fails with WrongRegion from the header alone (HEAD has no body)", () =>
    Effect.gen(function*() {
      const proxy = yield* Effect.promise(() =>
        startFaultProxy({
          upstream: server.endpoint,
          answer: { status: 301, headers: { "x-amz-bucket-region": "eu-north-1" }, body: "" }
        })
      )
      yield* Effect.addFinalizer(() => Effect.promise(() => proxy.stop()))
      const error = yield* Effect.flip(readMetadata(localStoreOptions(proxy.endpoint, "s3://present"), unsafeObjectKey("a.txt")))
      assert.strictEqual(error.reason, "WrongRegion")
      assert.include(error.message, "--region eu-north-1")
      assertClear(error)
    }))

  it.live("metadata refused with a bare 403 fails with AccessDenied naming s3:GetObject", () =>
    Effect.gen(function*() {
      const proxy = yield* Effect.promise(() =>
        startFaultProxy({ upstream: server.endpoint, answer: { status: 403, body: "" } })
      )
      yield* Effect.addFinalizer(() => Effect.promise(() => proxy.stop()))
      const error = yield* Effect.flip(readMetadata(localStoreOptions(proxy.endpoint, "s3://present"), unsafeObjectKey("a.txt")))
      assert.strictEqual(error.reason, "AccessDenied")
      assert.include(error.message, "s3:GetObject")
      assert.include(error.message, "\"a.txt\"")
      assertClear(error)
    }))

  it.live("a malformed s3:// location fails with InvalidLocation before any request", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.scoped(makeS3Store(localStoreOptions(server.endpoint, "s3://a b/x"))))
      assert.strictEqual(error.reason, "InvalidLocation")
      assert.include(error.message, "\"a b\"")
      assertClear(error)
    }))
})
