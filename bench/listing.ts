/**
 * Listing benchmark: seeds N objects (default 20,000) into a local s3rver through its files
 * (or into moto), then lists them with each strategy — flat, auto (the first page flat, the
 * rest in tiles of the key space listed concurrently; what `list` uses) and prefix-parallel
 * (one listing per first-level prefix) — and prints objects per second and requests made,
 * in this process. Figures only; `bench/p1.ts` is the issue 8 comparison across processes.
 *
 *   node bench/listing.ts [--objects 20000] [--folders 400] [--concurrency 8] [--runs 2]
 *                         [--latency 0] [--server s3rver|moto] [--keep]
 *
 * `--server moto` seeds moto through PutObject instead (slower to seed; moto pages in O(page)
 * where s3rver re-walks its directory tree for every page, so s3rver figures fall as the
 * bucket grows).
 *
 * `--latency MS` lists through a proxy that delays every request, a stand-in for the round trip
 * to a remote S3. s3rver runs in this process and spends its CPU per key (a full page costs it
 * far more than the round trip), so without latency the figures mostly measure how many keys
 * each strategy makes s3rver read, not how well it overlaps requests.
 *
 * `--keep` leaves the server running afterwards and prints its endpoint, so the same bucket
 * can be listed with the aws cli or rclone for comparison (Ctrl-C stops it).
 *
 * Layout: client folders with objects of their own (s3rver's Delimiter listing misses folders
 * that hold only subfolders) plus a `files/` pool of a fifth of the objects.
 *
 * @module
 */
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { parseArgs } from "node:util"
import { acquireS3Connection } from "../src/io/store/S3Connection.ts"
import { listS3 } from "../src/io/store/S3Store.ts"
import type { S3ListingStrategy } from "../src/io/store/S3Store.ts"
import { startFaultProxy } from "../test/support/s3/FaultProxy.ts"
import { startMoto } from "../test/support/s3/MotoServer.ts"
import { startS3rver } from "../test/support/s3/S3rverServer.ts"
import { seedS3rverFiles, testCredentials, testS3Client } from "../test/support/s3/S3Seeding.ts"
import type { SeedObject } from "../test/support/s3/S3Seeding.ts"

const { values } = parseArgs({
  options: {
    objects: { type: "string", default: "20000" },
    folders: { type: "string" },
    latency: { type: "string", default: "0" },
    concurrency: { type: "string", default: "8" },
    runs: { type: "string", default: "2" },
    server: { type: "string", default: "s3rver" },
    keep: { type: "boolean", default: false }
  }
})
const total = Number(values.objects)
const concurrency = Number(values.concurrency)
const runs = Number(values.runs)
const latencyMs = Number(values.latency)

const fixture = function*(count: number): Generator<SeedObject> {
  const pool = Math.floor(count / 5)
  const folders = Math.max(1, values.folders === undefined ? Math.floor((count - pool) / 40) : Number(values.folders))
  for (let i = 0; i < count - pool; i++) {
    const folder = String(500 + (i % folders)).padStart(5, "0")
    yield { key: `${folder}/doc-${String(i).padStart(7, "0")}.pdf`, body: `client object ${i}` }
  }
  for (let i = 0; i < pool; i++) {
    const hex = i.toString(16).padStart(12, "0")
    yield { key: `files/3f2a9c4e-0000-4000-8000-${hex}.pdf`, body: `pool object ${i}` }
  }
}

const seedMoto = async (endpoint: string) => {
  const client = testS3Client(endpoint)
  await client.send(new CreateBucketCommand({ Bucket: "bench" }))
  const pending = [...fixture(total)]
  let next = 0
  const worker = async () => {
    while (next < pending.length) {
      const object = pending[next++]
      if (object !== undefined) {
        await client.send(new PutObjectCommand({ Bucket: "bench", Key: object.key, Body: object.body }))
      }
    }
  }
  await Promise.all(Array.from({ length: 16 }, worker))
  client.destroy()
}

const server: { readonly endpoint: string; readonly stop: () => Promise<void> } = values.server === "moto"
  ? await startMoto()
  : await startS3rver()
const seedStart = performance.now()
if ("directory" in server && typeof server.directory === "string") {
  await seedS3rverFiles(server.directory, "bench", fixture(total))
} else {
  await seedMoto(server.endpoint)
}
const seedMs = performance.now() - seedStart
console.log(`${values.server} ${server.endpoint}: seeded ${total} objects in ${(seedMs / 1000).toFixed(1)} s`)
// Always through the proxy (it counts requests); it adds the latency only when asked.
const proxy = await startFaultProxy({ upstream: server.endpoint, latencyMs })
const endpoint = proxy.endpoint
if (latencyMs > 0) console.log(`listing through a proxy adding ${latencyMs} ms per request`)

const measure = (strategy: S3ListingStrategy) =>
  Effect.scoped(Effect.gen(function*() {
    const connection = yield* acquireS3Connection({
      bucket: "s3://bench",
      endpoint,
      forcePathStyle: true,
      concurrency,
      tuning: { credentials: testCredentials }
    })
    const requestsBefore = proxy.stats().requests
    const started = performance.now()
    let prefixes = 0
    const count = yield* Stream.runCount(listS3(connection, "", strategy, (progress) => {
      prefixes = progress.prefixesTotal
    }))
    const ms = performance.now() - started
    return { count, ms, prefixes, requests: proxy.stats().requests - requestsBefore }
  }))

for (const strategy of ["flat", "auto", "prefix-parallel"] as const) {
  for (let run = 1; run <= runs; run++) {
    const { count, ms, prefixes, requests } = await Effect.runPromise(measure(strategy))
    const rate = Math.round(count / (ms / 1000))
    const label = strategy === "flat" ? "flat" : `${strategy} (concurrency ${concurrency})`
    console.log(
      `${label.padEnd(34)} run ${run}: ${count} objects, ${prefixes} prefixes, ${requests} requests, ` +
        `${(ms / 1000).toFixed(2)} s = ${rate} objects/s`
    )
  }
}

if (values.keep) {
  console.log(`server kept: aws --endpoint-url ${server.endpoint} s3 ls --recursive s3://bench | wc -l`)
  console.log("(access key S3RVER, secret S3RVER; Ctrl-C stops it)")
  process.once("SIGINT", () => void Promise.all([proxy.stop(), server.stop()]).then(() => process.exit(0)))
} else {
  await proxy.stop()
  await server.stop()
}
