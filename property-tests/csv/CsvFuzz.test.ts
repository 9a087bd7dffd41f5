/**
 * Fuzzing the readers of the clients CSV and the ledger with random bytes and with near-valid
 * files (valid ones, mutated: a byte inserted, deleted or doubled, a quote, a CR, a BOM, a
 * line ending swapped, the file cut short). Whatever comes in, a reader either parses it, and
 * then writes it back byte-identical (the ledger: re-reads what it renders to the same rows),
 * or fails with a tagged `CsvError` naming the file and a position. It never throws anything
 * else, never takes longer than a bound per case, and writes nothing: the readers' modules
 * import nothing that can write a file.
 *
 * CI runs a fixed seed and a modest number of cases; `npm run fuzz` runs many more:
 * `FUZZ_RUNS=100000 FUZZ_SEED=7 npm run fuzz` (a failing case prints its seed and path).
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { CsvError } from "../../src/domain/CsvError.ts"
import { readClientsTable, renderClientsCsv } from "../../src/io/csv/ClientsTable.ts"
import { type CsvEncoding, encodeCsvText } from "../../src/io/csv/CsvEncoding.ts"
import { readCsvDocument } from "../../src/io/csv/CsvReader.ts"
import { renderCsvDocument } from "../../src/io/csv/CsvWriter.ts"
import { readLedger, renderLedger } from "../../src/io/csv/LedgerFile.ts"
import { fc } from "../arbitraries/fc.ts"

const runs = Number(process.env["FUZZ_RUNS"] ?? 300)
const seed = Number(process.env["FUZZ_SEED"] ?? 20261202)
// A case that takes longer than this is a hang (the files are at most a few kilobytes).
const perCaseMs = 2000
const settings = { numRuns: runs, seed, timeout: perCaseMs, interruptAfterTimeLimit: runs * perCaseMs }

const uuids = ["3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f", "7c9e6679-7425-40de-944b-e07fc1f90ae7", "11111111-1111-4111-8111-111111111111"]
const units = ["a", "Z", "5", " ", '"', ",", ";", "\t", "\n", "\r", "é", "😀", "=", "-", "'"]

const cell = fc.string({ unit: fc.constantFrom(...units), maxLength: 6 })
const quoted = (value: string, delimiter: string) => (/["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replaceAll('"', '""')}"` : value)

/** A valid clients CSV: ids, free cells, tracking cells that agree with their counts. */
const validClients = fc.record({
  delimiter: fc.constantFrom(",", ";", "\t"),
  ending: fc.constantFrom("\n", "\r\n"),
  bom: fc.boolean(),
  rows: fc.array(fc.tuple(cell, fc.subarray(uuids), fc.boolean()), { minLength: 1, maxLength: 5 })
}).map(({ bom, delimiter, ending, rows }) => {
  const lines = [["name", "row_id", "file_uuids", "file_count"].join(delimiter)]
  const owned = new Set<string>()
  rows.forEach(([name, cells, tracked], i) => {
    const mine = cells.filter((uuid) => !owned.has(uuid))
    for (const uuid of mine) owned.add(uuid)
    const count = tracked || mine.length > 0 ? String(mine.length) : ""
    lines.push([quoted(name, delimiter), `c${i}`, mine.join(";"), count].join(delimiter))
  })
  return `${bom ? "\uFEFF" : ""}${lines.join(ending)}${ending}`
})

/** A valid ledger, as uuidmap writes it. */
const validLedger = fc.array(fc.tuple(cell, fc.constantFrom("mapped", "review", "unmapped", "missing")), { maxLength: 3 }).map((rows) =>
  renderLedger(rows.map(([detail, status], i) => ({
    uuid: uuids[i]! as never,
    key: `50${i}/${detail}.pdf` as never,
    rowId: status === "unmapped" ? null : `50${i}` as never,
    status: status as "mapped",
    evidence: [{ source: "client-folder", rowId: `50${i}` as never, detail }],
    confidence: 1,
    why: detail,
    size: i,
    etag: null,
    lastModified: null,
    metadata: null
  })))
)

type Mutation = readonly [position: number, kind: number, unit: string]
const mutation: fc.Arbitrary<Mutation> = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(7), fc.constantFrom(...units, "\uFEFF", "\u0000", "\r\n"))

const mutate = (text: string, mutations: ReadonlyArray<Mutation>): string =>
  mutations.reduce((current, [position, kind, unit]) => {
    const at = Math.floor(position * current.length)
    switch (kind) {
      case 0:
        return current.slice(0, at) + unit + current.slice(at)
      case 1:
        return current.slice(0, at) + current.slice(at + 1)
      case 2:
        return current.slice(0, at) + current.slice(at, at + 8) + current.slice(at)
      case 3:
        return current.slice(0, at) + '"' + current.slice(at)
      case 4:
        return current.slice(0, at) + current.slice(at).replace(/\r?\n/, (ending) => (ending === "\n" ? "\r\n" : "\n"))
      case 5:
        return current.slice(0, at)
      case 6:
        return current.slice(0, at) + "\r" + current.slice(at)
      default:
        return current.replace(/\n/g, "\r")
    }
  }, text)

const nearValid = (valid: fc.Arbitrary<string>) =>
  fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 2 })).map(([text, mutations]) => new TextEncoder().encode(mutate(text, mutations)))

const randomBytes = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(...units, "\u0000", "\uFEFF"), maxLength: 120 }).map((text) => new TextEncoder().encode(text))
)

/** How a reader ended: parsed, refused with a CsvError, or anything else (a bug). */
const outcome = async <A>(effect: Effect.Effect<A, CsvError>): Promise<{ readonly parsed: A } | { readonly refused: CsvError }> => {
  const exit = await Effect.runPromiseExit(effect)
  if (Exit.isSuccess(exit)) return { parsed: exit.value }
  const failure = exit.cause.reasons.find(Cause.isFailReason)
  if (failure === undefined || !(failure.error instanceof CsvError)) throw new Error(`Untagged failure: ${Cause.pretty(exit.cause)}`)
  return { refused: failure.error }
}

const expectWellFormed = (error: CsvError, file: string) => {
  expect(error._tag).toBe("CsvError")
  expect(error.file).toBe(file)
  expect(error.line).toBeGreaterThanOrEqual(1)
  expect(error.column).toBeGreaterThanOrEqual(1)
  expect(error.message).toMatch(/^[A-Z]/)
  expect(error.message).not.toContain("\n")
}

interface Tally {
  parsed: number
  refused: number
}

// `level` says which reading the tally counts: the CSV syntax, or the whole clients table.
const clientsProperty = (bytes: fc.Arbitrary<Uint8Array>, tally: Tally, level: "document" | "table") =>
  fc.asyncProperty(bytes, fc.constantFrom<CsvEncoding>("utf-8", "windows-1252"), async (input, encoding) => {
    const document = await outcome(readCsvDocument("clients.csv", input, { encoding }))
    if ("refused" in document) {
      expectWellFormed(document.refused, "clients.csv")
    } else {
      expect(encodeCsvText(renderCsvDocument(document.parsed), document.parsed.dialect)).toEqual(input)
    }
    const table = await outcome(readClientsTable("clients.csv", input, { encoding }))
    if ("refused" in table) {
      expectWellFormed(table.refused, "clients.csv")
    } else {
      // No tracking changed: the file comes back byte for byte.
      expect(encodeCsvText(renderClientsCsv(table.parsed, table.parsed.clients), table.parsed.document.dialect)).toEqual(input)
    }
    const counted = level === "document" ? document : table
    if ("refused" in counted) tally.refused++
    else tally.parsed++
  })

const ledgerProperty = (bytes: fc.Arbitrary<Uint8Array>, tally: Tally) =>
  fc.asyncProperty(bytes, async (input) => {
    const read = await outcome(readLedger("clients.ledger.csv", input))
    if ("refused" in read) {
      expectWellFormed(read.refused, "clients.ledger.csv")
      tally.refused++
      return
    }
    tally.parsed++
    // The ledger is always written whole in one form: what it renders reads back the same,
    // and the canonical text it started from comes back byte for byte.
    const rendered = renderLedger(read.parsed)
    const again = await outcome(readLedger("clients.ledger.csv", new TextEncoder().encode(rendered)))
    expect("parsed" in again && again.parsed).toEqual(read.parsed)
    if (new TextDecoder("utf-8", { ignoreBOM: true }).decode(input) === rendered) expect(new TextEncoder().encode(rendered)).toEqual(input)
  })

// Both outcomes must be reached often, or the fuzzing proves little.
const expectBothOutcomes = (tally: Tally, minimumShare: number) => {
  const total = tally.parsed + tally.refused
  expect(total).toBeGreaterThanOrEqual(runs)
  expect(tally.parsed).toBeGreaterThanOrEqual(Math.floor(total * minimumShare))
  expect(tally.refused).toBeGreaterThanOrEqual(Math.floor(total * minimumShare))
}

const timeoutMs = Math.max(60_000, runs * 50)

describe("fuzzing the CSV readers", () => {
  it("the clients-CSV reader parses and writes back byte-identical, or refuses with a CsvError, on near-valid files", async () => {
    const tally: Tally = { parsed: 0, refused: 0 }
    await fc.assert(clientsProperty(nearValid(validClients), tally, "table"), settings)
    expectBothOutcomes(tally, 0.1)
  }, timeoutMs)

  it("the clients-CSV reader does the same on random bytes", async () => {
    const tally: Tally = { parsed: 0, refused: 0 }
    await fc.assert(clientsProperty(randomBytes, tally, "document"), settings)
    expectBothOutcomes(tally, 0.1)
  }, timeoutMs)

  it("the ledger reader parses (its rendering reading back the same) or refuses with a CsvError, on near-valid and random input", async () => {
    const tally: Tally = { parsed: 0, refused: 0 }
    const ledgers = fc.oneof(
      { weight: 1, arbitrary: validLedger.map((text) => new TextEncoder().encode(text)) },
      { weight: 4, arbitrary: nearValid(validLedger) },
      { weight: 1, arbitrary: randomBytes }
    )
    await fc.assert(ledgerProperty(ledgers, tally), settings)
    expectBothOutcomes(tally, 0.1)
  }, timeoutMs)

  it("the readers write nothing: no module they load can write a file", async () => {
    const root = path.resolve(import.meta.dirname, "..", "..", "src")
    const seen = new Set<string>()
    const writers: Array<string> = []
    const visit = async (file: string): Promise<void> => {
      if (seen.has(file)) return
      seen.add(file)
      const source = await fs.readFile(file, "utf8")
      for (const [, specifier] of source.matchAll(/^import [^"]*"([^"]+)"/gm)) {
        if (/^(node:)?(fs|fs\/promises|child_process)$/.test(specifier!)) writers.push(`${path.relative(root, file)} imports ${specifier}`)
        if (specifier!.startsWith(".")) await visit(path.resolve(path.dirname(file), specifier!))
      }
    }
    for (const reader of ["io/csv/ClientsTable.ts", "io/csv/LedgerFile.ts", "io/csv/CsvReader.ts"]) await visit(path.join(root, reader))
    expect(seen.size).toBeGreaterThan(8)
    expect(writers).toEqual([])
  })
})
