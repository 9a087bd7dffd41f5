/**
 * Benchmark of the pure core on a large synthetic bucket: folding a listing of N objects
 * (client folders and pool), phases 1, 2 and 3, and a second (idempotent) run, twice: on the
 * result as it is (indexes remembered from the first run are reused) and on a deep copy of it
 * (nothing remembered: what a new process reading the same files would do). Prints figures;
 * asserts nothing. Usage: `npm run bench -- pipeline [objects]` (default 1,000,000).
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { ClientRow } from "../src/domain/ClientRow.ts"
import { unsafeObjectKey } from "../src/domain/ObjectKey.ts"
import { unsafeRowId } from "../src/domain/RowId.ts"
import type { State } from "../src/domain/State.ts"
import type { StoredObject } from "../src/domain/StoredObject.ts"
import { deterministicUuid, UuidGenerator } from "../src/io/uuid/UuidGenerator.ts"
import { runPhases } from "../src/pipeline/Phases.ts"
import { runPipeline } from "../src/program/RunPipeline.ts"

const total = Number(process.argv[2] ?? 1_000_000)
const clientCount = Math.max(1, Math.floor(total / 10))
const clients: Array<ClientRow> = Array.from({ length: clientCount }, (_, i) => ({ rowId: unsafeRowId(String(100000 + i)), tracked: false, uuids: [] }))

function* objects(): Generator<StoredObject> {
  for (let i = 0; i < total; i++) {
    const key = i % 5 === 0
      ? `files/${deterministicUuid(7, i)}.pdf`
      : `${100000 + (i % clientCount)}/Client_${i % clientCount}/document-${i}.pdf`
    yield { key: unsafeObjectKey(key), size: 1000 + (i % 997), etag: `"${(i % 65536).toString(16).padStart(32, "0")}"`, lastModified: "2024-05-01T12:00:00.000Z" }
  }
}

const seconds = (start: number) => ((performance.now() - start) / 1000).toFixed(2)
const heapMb = () => (process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)

const start = performance.now()
const first = await Effect.runPromise(
  runPipeline({ clients, objects: Stream.fromIterable(objects()), phase: "all" }).pipe(Effect.provide(UuidGenerator.layerTest(1)))
)
console.log(`objects: ${total.toLocaleString("en")}, clients: ${clientCount.toLocaleString("en")}`)
console.log(`fold listing + phases 1, 2 and 3: ${seconds(start)} s, ledger rows: ${first.state.ledger.length.toLocaleString("en")}, heap: ${heapMb()} MB`)
const again = performance.now()
const second = runPhases(first.state, "all")
console.log(`second run (idempotent) of phases 1, 2 and 3: ${seconds(again)} s, unchanged: ${second.state.ledger === first.state.ledger}`)

// A copy sharing no map, array or record with the original, as if read back from disk.
const copied = (state: State): State => ({
  ...state,
  clients: state.clients.map((client) => ({ ...client, uuids: [...client.uuids] })),
  objects: new Map([...state.objects].map(([key, object]) => [key, { ...object }])),
  ledger: state.ledger.map((mapping) => ({ ...mapping, evidence: mapping.evidence.map((item) => ({ ...item })) })),
  findings: [...state.findings]
})
const copy = copied(first.state)
const cold = performance.now()
const third = runPhases(copy, "all")
console.log(`second run on a copy (nothing remembered): ${seconds(cold)} s, unchanged: ${third.state.ledger === copy.ledger}`)
