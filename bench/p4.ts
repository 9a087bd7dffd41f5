/**
 * P4, the clients CSV: rewrite a 1,000,000-row clients CSV whose tracking cells all change,
 * through uuidmap's lossless CSV layer (read the table, set every row's cells, render and encode
 * with `encodeClientsCsv` as a run does, write), against a plain csv-parse + csv-stringify round trip of the same file making the
 * same change. Both in this process, alternating. Target: <= 1.2x.
 * `npm run bench -- p4 [--rows N] [--runs R]`
 */
import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { parseArgs } from "node:util"
import { parse } from "csv-parse/sync"
import { stringify } from "csv-stringify/sync"
import * as Effect from "effect/Effect"
import type { FileUuid } from "../src/domain/FileUuid.ts"
import { encodeClientsCsv, readClientsTable } from "../src/io/csv/ClientsTable.ts"
import { deterministicUuid } from "../src/io/uuid/UuidGenerator.ts"
import { loadNote, showSpread, spread } from "./inventory/Figures.ts"
import { clientsCsvLines } from "./scenario/Scenario.ts"

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, runs: { type: "string", default: "5" } } })
const rows = Number(values.rows)
console.log(`P4 clients CSV rewrite, ${rows.toLocaleString("en")} rows; ${await loadNote()}`)
const dir = await fs.mkdtemp(path.join(os.tmpdir(), "uuidmap-p4-"))
const input = path.join(dir, "clients.csv")
await fs.writeFile(input, [...clientsCsvLines({ objects: 0, clients: rows, seed: 1 }, new Map())].join(""))
const cellOf = (index: number): ReadonlyArray<FileUuid> => [deterministicUuid(4, index * 2), deterministicUuid(4, index * 2 + 1)].sort()

const viaUuidmap = async () => {
  const bytes = await fs.readFile(input)
  const table = await Effect.runPromise(readClientsTable(input, bytes, { idColumn: "row_id", uuidsColumn: "file_uuids", countColumn: "file_count", encoding: "utf-8" }))
  const clients = table.clients.map((client, index) => ({ ...client, tracked: true, uuids: cellOf(index) }))
  await fs.writeFile(path.join(dir, "out-uuidmap.csv"), encodeClientsCsv(table, clients))
}

const viaCsvParse = async () => {
  const records = parse(await fs.readFile(input)) as Array<Array<string>>
  for (let index = 1; index < records.length; index++) {
    const cell = cellOf(index - 1)
    records[index]![3] = cell.join(";")
    records[index]![4] = String(cell.length)
  }
  await fs.writeFile(path.join(dir, "out-plain.csv"), stringify(records))
}

const timed = async (work: () => Promise<void>) => {
  const start = performance.now()
  await work()
  return (performance.now() - start) / 1000
}

const ours: Array<number> = []
const plain: Array<number> = []
for (let run = 0; run < Number(values.runs); run++) {
  plain.push(await timed(viaCsvParse))
  ours.push(await timed(viaUuidmap))
}
// Both must have written the same rows (the plain round trip may quote differently; this one does not).
const same = (await fs.readFile(path.join(dir, "out-uuidmap.csv"), "utf8")) === (await fs.readFile(path.join(dir, "out-plain.csv"), "utf8"))
const a = spread(ours)
const b = spread(plain)
console.log(`  csv-parse + csv-stringify: ${showSpread(b, "s")}`)
console.log(`  uuidmap CSV layer:         ${showSpread(a, "s")}`)
console.log(`  ratio (medians): ${(a.median / b.median).toFixed(2)}x (target <= 1.2: ${a.median / b.median <= 1.2 ? "met" : "MISSED"}); outputs identical: ${same}`)
await fs.rm(dir, { recursive: true, force: true })
