/**
 * The ledger at a million rows, the part of P5 that is the ledger's: reading it (`readLedgerContent`:
 * parse, cut, check every cell, build the mappings) against csv-parse/sync of the same bytes,
 * and writing it (`encodeLedger`) against csv-stringify/sync of the rows csv-parse read. In
 * one process, alternating. The ledger is made like the one P5's first run writes: client
 * folder, migration-log, records and content rows, a third unmapped, keys, sizes, ETags.
 * `npm run bench -- ledger [--rows N] [--runs R]`
 */
import { parse } from "csv-parse/sync"
import { stringify } from "csv-stringify/sync"
import * as Effect from "effect/Effect"
import { parseArgs } from "node:util"
import type { FileUuid } from "../src/domain/FileUuid.ts"
import { compareMappings, type Mapping } from "../src/domain/Mapping.ts"
import type { ObjectKey } from "../src/domain/ObjectKey.ts"
import type { RowId } from "../src/domain/RowId.ts"
import { readLedgerContent } from "../src/io/csv/LedgerContent.ts"
import { encodeLedger } from "../src/io/csv/LedgerFile.ts"
import { deterministicUuid } from "../src/io/uuid/UuidGenerator.ts"
import { loadNote, showSpread, spread } from "./inventory/Figures.ts"

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, runs: { type: "string", default: "5" } } })
const rows = Number(values.rows)
console.log(`Ledger of ${rows.toLocaleString("en")} rows; ${await loadNote()}`)

const sources = ["client-folder", "migration-log", "records", "content"] as const
const mappingAt = (index: number): Mapping => {
  const rowId = String(100000 + (index % 100000)) as RowId
  const unmapped = index % 3 === 2
  const key = (index % 4 === 0 ? `${rowId}/Client_${index % 100000}/document-${index}.pdf` : `files/${deterministicUuid(7, index)}.pdf`) as ObjectKey
  const source = sources[index % sources.length]!
  return {
    uuid: deterministicUuid(9, index) as FileUuid,
    key,
    rowId: unmapped ? null : rowId,
    status: unmapped ? "unmapped" : "mapped",
    evidence: unmapped ? [] : [{ source, rowId, detail: key }],
    confidence: unmapped ? 0 : 1,
    why: unmapped ? "no evidence names a client" : `${source} names client ${rowId} (${key})`,
    size: 1000 + ((index * 7919) % 5_000_000),
    etag: `"${deterministicUuid(3, index).replaceAll("-", "")}"`,
    lastModified: "2023-02-20T08:40:53.000Z",
    metadata: null
  }
}
// Sorted by key, as a run writes the ledger.
const mappings = Array.from({ length: rows }, (_, index) => mappingAt(index)).sort(compareMappings)
const bytes = encodeLedger(mappings, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
mappings.length = 0
console.log(`  ${(bytes.length / 1024 / 1024).toFixed(0)} MiB`)

const timed = (work: () => unknown): number => {
  const start = performance.now()
  work()
  return (performance.now() - start) / 1000
}

const figures = { parse: [] as Array<number>, read: [] as Array<number>, stringify: [] as Array<number>, write: [] as Array<number> }
for (let run = 0; run < Number(values.runs); run++) {
  let records: Array<Array<string>> = []
  figures.parse.push(timed(() => (records = parse(bytes) as Array<Array<string>>)))
  figures.stringify.push(timed(() => stringify(records)))
  records = []
  let read: ReadonlyArray<Mapping> = []
  figures.read.push(timed(() => (read = Effect.runSync(readLedgerContent("clients.ledger.csv", bytes)).mappings)))
  figures.write.push(timed(() => encodeLedger(read)))
}
const show = (name: string, ours: ReadonlyArray<number>, floor: ReadonlyArray<number>, floorName: string) => {
  const a = spread(ours)
  const b = spread(floor)
  console.log(`  ${floorName.padEnd(24)} ${showSpread(b, "s")}`)
  console.log(`  ${name.padEnd(24)} ${showSpread(a, "s")}  ratio (medians) ${(a.median / b.median).toFixed(2)}x`)
}
console.log(`  min / median / max of ${values.runs} runs`)
show("readLedgerContent", figures.read, figures.parse, "csv-parse/sync")
show("encodeLedger", figures.write, figures.stringify, "csv-stringify/sync")
