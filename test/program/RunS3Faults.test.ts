/**
 * A full run (all phases, with migration-log, records and metadata evidence) through a
 * network that fails 30% of requests with 503 SlowDown or a connection reset gives exactly
 * the files a clean run gives: the same clients CSV and ledger, byte for byte (both runs draw
 * the same deterministic UUIDs). A server that stays down gives exit 4 once the retry budget
 * is spent (5 tries of 3 SDK attempts each for the first request), with nothing written.
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Disk } from "../../src/io/files/Disk.ts"
import { ObjectStore } from "../../src/io/store/ObjectStore.ts"
import { makeS3Store } from "../../src/io/store/S3Store.ts"
import { UuidGenerator } from "../../src/io/uuid/UuidGenerator.ts"
import { reconcile } from "../../src/program/Reconcile.ts"
import { stateFileLayers } from "../../src/program/Services.ts"
import { makeSettings } from "../../src/program/Settings.ts"
import { runCli, snapshotTree, tempDir, writeTree } from "../support/Cli.ts"
import { s3ChildEnv } from "../support/s3/CliComparison.ts"
import { type FaultProxy, s3ErrorAnswer, startFaultProxy } from "../support/s3/FaultProxy.ts"
import { type SeedObject, seedS3rverFiles, testCredentials } from "../support/s3/S3Seeding.ts"
import { type S3rverServer, startS3rver } from "../support/s3/S3rverServer.ts"

const clientIds = Array.from({ length: 40 }, (_, i) => String(600 + i))
const poolUuid = (n: number) => `5e1f0000-0000-4000-8000-${String(n).padStart(12, "0")}`
const objects: ReadonlyArray<SeedObject> = [
  ...clientIds.flatMap((id, i) =>
    Array.from({ length: 5 }, (_, j) => ({ key: `${id}/Client ${i}/${j % 2 === 0 ? "" : "2024/"}doc-${j}.pdf`, body: `client ${id} file ${j}` }))
  ),
  ...Array.from({ length: 60 }, (_, n): SeedObject => ({
    key: `files/${poolUuid(n)}.pdf`,
    // Some copies of client files (identical content), some named by metadata.
    body: n % 7 === 0 ? `client ${clientIds[n % 40]} file 1` : `pool file ${n}`,
    ...(n % 3 === 0 ? { metadata: { "row-id": clientIds[n % 40]! } } : n % 3 === 1 ? { metadata: { "original-key": `${clientIds[(n + 1) % 40]}/old/${n}.pdf` } } : {})
  })),
  { key: "misc/readme.txt", body: "stray" },
  { key: "999/Nobody/x.pdf", body: "unknown client" }
].map((object, i) => ({ ...object, lastModified: new Date(Date.UTC(2024, 4, 1, 10, 0, i)) }))

const clientsCsv = `row_id,name,file_uuids,file_count\n${clientIds.map((id, i) => (i === 3 ? `${id},Client ${i},${poolUuid(2)},1` : `${id},Client ${i},,`)).join("\n")}\n`
const records = `uuid,row_id\n${Array.from({ length: 20 }, (_, n) => `${poolUuid(n * 3 + 2)},${clientIds[(n * 5) % 40]}`).join("\n")}\n`
const moves = `old_key,new_key\n${Array.from({ length: 10 }, (_, n) => `${clientIds[n]}/old/${n}.pdf,files/${poolUuid(n * 4 + 1)}.pdf`).join("\n")}\n`

let server: S3rverServer
let root: string
let cleanup: () => Promise<void>

beforeAll(async () => {
  server = await startS3rver()
  await seedS3rverFiles(server.directory, "faulty-run", objects)
  ;({ dir: root, cleanup } = await tempDir("uuidmap-s3-faults-"))
})
afterAll(async () => {
  await server?.stop()
  await cleanup?.()
})

// One sandbox per run: the clients CSV and the evidence files, no ledger yet.
const sandbox = async (name: string): Promise<string> => {
  const dir = path.join(root, name)
  await writeTree(dir, { "clients.csv": clientsCsv, "records.csv": records, "moves.csv": moves })
  return dir
}

const runThrough = async (proxy: FaultProxy, name: string) => {
  const dir = await sandbox(name)
  const settings = makeSettings({
    clientsFile: path.join(dir, "clients.csv"),
    bucket: "s3://faulty-run",
    concurrency: 4,
    evidence: { migrationLogs: [path.join(dir, "moves.csv")], records: [path.join(dir, "records.csv")] }
  })
  // makeS3Store, not the public layerS3: the test sets internal knobs (`tuning`).
  const store = Layer.effect(ObjectStore, makeS3Store({
    bucket: settings.bucket,
    endpoint: proxy.endpoint,
    forcePathStyle: true,
    region: "us-east-1",
    concurrency: settings.concurrency,
    // Small pages, so the listing itself takes many requests; a short backoff, so the test is quick.
    tuning: { credentials: testCredentials, pageSize: 40, baseDelayMs: 5, maxDelayMs: 100 }
  }))
  const outcome = await Effect.runPromise(
    reconcile(settings, { phase: "all", dryRun: false }).pipe(Effect.provide(Layer.mergeAll(store, UuidGenerator.layerTest(9), stateFileLayers(settings)).pipe(Layer.provideMerge(Disk.layerNode))))
  )
  return {
    outcome,
    clients: await fs.readFile(path.join(dir, "clients.csv")),
    ledger: await fs.readFile(path.join(dir, "clients.ledger.csv"))
  }
}

describe("a full run through a faulty network", () => {
  it("gives the clean run's files byte for byte when 30% of requests get 503 SlowDown or a reset", async () => {
    const clean = await startFaultProxy({ upstream: server.endpoint })
    const faulty = await startFaultProxy({ upstream: server.endpoint, faultRate: 0.3, faults: ["slowdown", "reset"], seed: 1234 })
    try {
      const expected = await runThrough(clean, "clean")
      const actual = await runThrough(faulty, "faulty")
      // The run did real work: mapped folder files, read metadata, used every evidence source.
      expect(expected.outcome.written).toHaveLength(2)
      const ledger = expected.ledger.toString("utf8")
      for (const source of ["client-folder", "metadata", "records", "migration-log", "content"]) expect(ledger).toContain(`""source"":""${source}""`)
      expect(actual.clients.equals(expected.clients)).toBe(true)
      expect(actual.ledger.equals(expected.ledger)).toBe(true)
      const requests = clean.stats().requests
      expect(requests).toBeGreaterThan(60)
      expect(faulty.stats().faults).toBeGreaterThanOrEqual(Math.floor(requests * 0.2))
    } finally {
      await Promise.all([clean.stop(), faulty.stop()])
    }
  })
})

describe("a server that stays down", () => {
  const down: ReadonlyArray<readonly [string, Parameters<typeof startFaultProxy>[0] extends infer O ? Omit<O & object, "upstream"> : never]> = [
    ["answers every request with 503 SlowDown", { answer: s3ErrorAnswer(503, "SlowDown", "Please reduce your request rate.") }],
    ["resets every connection", { faultRate: 1, faults: ["reset"] }]
  ]
  for (const [name, options] of down) {
    it(`${name}: exit 4 once the default retry budget (5 tries of 3 attempts) is spent, one line, nothing written`, async () => {
      const proxy = await startFaultProxy({ upstream: server.endpoint, ...options })
      try {
        const dir = await sandbox(`down-${name.split(" ")[0]}`)
        const before = await snapshotTree(dir)
        const result = await runCli(
          ["run", "--clients", path.join(dir, "clients.csv"), "--bucket", "s3://faulty-run", "--endpoint", proxy.endpoint, "--force-path-style", "--region", "us-east-1"],
          { env: s3ChildEnv("uuidmap-test-secret") }
        )
        expect(result.code).toBe(4)
        expect(result.stderr.trim().split("\n")).toHaveLength(1)
        expect(result.stderr).toMatch(/^uuidmap: [A-Z]/)
        expect(await snapshotTree(dir)).toEqual(before)
        // The first request, tried until the budget is gone, and not one request more.
        expect(proxy.stats().requests).toBe(15)
      } finally {
        await proxy.stop()
      }
    })
  }
})
