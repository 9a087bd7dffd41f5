/**
 * Benchmark of reading a large records file the way a run does: every row checked first, then
 * only the claims about the pool kept (here a pool of 1,000 files). Prints min, median and max
 * of the time over the runs, and the heap after each; asserts nothing.
 * Usage: `npm run bench -- evidence [rows] [runs]` (default 1,000,000 rows, 5 runs).
 */
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type { FileUuid } from "../src/domain/FileUuid.ts"
import { unsafeObjectKey } from "../src/domain/ObjectKey.ts"
import { deterministicUuid } from "../src/io/uuid/UuidGenerator.ts"
import { Disk } from "../src/io/files/Disk.ts"
import { claimsAbout, readEvidenceFiles } from "../src/program/LoadEvidence.ts"
import { makeSettings } from "../src/program/Settings.ts"
import { claimTargetsPool } from "../src/pipeline/PoolClaims.ts"

const rows = Number(process.argv[2] ?? 1_000_000)
const runs = Math.max(5, Number(process.argv[3] ?? 5))

const dir = await fs.mkdtemp(path.join(os.tmpdir(), "uuidmap-bench-evidence-"))
const file = path.join(dir, "records.csv")
const lines = ["uuid,row_id"]
for (let i = 0; i < rows; i++) lines.push(`${deterministicUuid(9, i)},${100000 + (i % 50_000)}`)
await fs.writeFile(file, lines.join("\n") + "\n")
lines.length = 0
const size = (await fs.stat(file)).size

const pool = new Map<FileUuid, ReturnType<typeof unsafeObjectKey>>()
for (let i = 0; i < rows; i += Math.max(1, Math.floor(rows / 1000))) {
  pool.set(deterministicUuid(9, i), unsafeObjectKey(`files/${deterministicUuid(9, i)}.pdf`))
}
const settings = makeSettings({ clientsFile: "c.csv", bucket: "file:///x", evidence: { migrationLogs: [], records: [file] } })

const times: Array<number> = []
const heaps: Array<number> = []
let kept = 0
for (let run = 0; run < runs; run++) {
  const start = performance.now()
  const files = await Effect.runPromise(readEvidenceFiles(settings).pipe(Effect.provide(Disk.layerNode)))
  const claims = await Effect.runPromise(claimsAbout(settings, files, claimTargetsPool(pool)))
  times.push((performance.now() - start) / 1000)
  heaps.push(process.memoryUsage().heapUsed / 1024 / 1024)
  kept = claims.length
}
await fs.rm(dir, { recursive: true, force: true })

const sorted = [...times].sort((a, b) => a - b)
const figure = (seconds: number) => `${seconds.toFixed(2)} s`
console.log(`records file: ${rows.toLocaleString("en")} rows, ${(size / 1024 / 1024).toFixed(0)} MB; claims kept: ${kept.toLocaleString("en")}`)
console.log(`check + read the pool's claims, ${runs} runs: min ${figure(sorted[0]!)}, median ${figure(sorted[Math.floor(runs / 2)]!)}, max ${figure(sorted.at(-1)!)}`)
console.log(`heap used after each run: ${heaps.map((mb) => `${mb.toFixed(0)} MB`).join(", ")}`)
