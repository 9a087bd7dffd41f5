/**
 * The ledger's fast read (straight from the bytes) gives exactly what the general CSV reader
 * gives, on every input: the same rows and digest for a ledger it reads, the same error
 * (reason, line, column, message) for one it refuses, because it hands every file it does not
 * vouch for to the general reader. Inputs are ledgers as uuidmap writes them, with keys and
 * cells full of quotes, commas, line breaks, CRs, BOMs, NULs and non-ASCII text, then mutated:
 * a character inserted or deleted, a line doubled, a blank line, a CRLF, a digest changed, the
 * file cut short, an invalid UTF-8 byte.
 */
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { describe, expect, it } from "vitest"
import type { Mapping } from "../../src/domain/Mapping.ts"
import { readLedgerContent, readLedgerContentExact } from "../../src/io/csv/LedgerContent.ts"
import { readLedger, renderLedger } from "../../src/io/csv/LedgerFile.ts"
import { readLedgerFast } from "../../src/io/csv/internal/ledgerFastRead.ts"
import { fc } from "../arbitraries/fc.ts"

// Cells hold no CR (a ledger with one is always left to the general reader); mutations add them.
const units = ["a", "Z", "5", " ", "/", '"', ",", "\n", "é", "😀", "\u0000", "\uFEFF", "-"]
const text = (maxLength: number) => fc.string({ unit: fc.constantFrom(...units), maxLength })
const hex = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 32, maxLength: 32 })
const uuidOf = (index: number) => `3f2a9c4e-1b7d-4c1e-9f00-${String(index).padStart(12, "0")}`
const digest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

const mappingArbitrary = (index: number): fc.Arbitrary<Mapping> =>
  fc.record({
    key: fc.option(text(10), { nil: null }),
    status: fc.constantFrom("mapped", "review", "unmapped", "missing"),
    detail: text(8),
    why: text(8),
    confidence: fc.constantFrom(0, 0.5, 1),
    size: fc.option(fc.nat(), { nil: null }),
    etag: fc.option(hex.map((digits) => `"${digits}"`), { nil: null }),
    metadata: fc.option(fc.record({ name: text(4), value: text(4) }), { nil: null })
  }).map(({ confidence, detail, etag, key, metadata, size, status, why }) => {
    const rowId = status === "unmapped" || status === "missing" ? null : `50${index}`
    return {
      uuid: uuidOf(index),
      key: key === null ? null : `${index}/${key}`,
      rowId,
      status,
      evidence: rowId === null ? [] : [{ source: "client-folder", rowId, detail }],
      confidence,
      why,
      size,
      etag,
      lastModified: etag === null ? null : "2024-05-01T12:00:00.000Z",
      metadata: metadata === null || etag === null ? null : {
        etag,
        lastModified: "2024-05-01T12:00:00.000Z",
        names: [metadata.name],
        values: { [metadata.name]: metadata.value }
      }
    } as unknown as Mapping
  })

const ledgerArbitrary = fc.integer({ min: 0, max: 6 }).chain((rows) =>
  fc.tuple(fc.tuple(...Array.from({ length: rows }, (_, index) => mappingArbitrary(index))), fc.boolean())
).map(([mappings, withDigest]) => renderLedger(mappings, withDigest ? digest : undefined))

type Mutation = readonly [position: number, kind: number, unit: string]
// A position as a spread number (fc.double keeps to the ends of [0, 1]), taken modulo the length.
const positionArbitrary = fc.nat({ max: 1_000_000 })
const mutationArbitrary: fc.Arbitrary<Mutation> = fc.tuple(positionArbitrary, fc.nat(8), fc.constantFrom(...units, "\r", "\r\n"))

const mutate = (text: string, [position, kind, unit]: Mutation): string => {
  const at = position % (text.length + 1)
  const lineStart = text.lastIndexOf("\n", at - 1) + 1
  const lineEnd = text.indexOf("\n", at) + 1 || text.length
  switch (kind) {
    case 0:
      return text.slice(0, at) + unit + text.slice(at)
    case 1:
      return text.slice(0, at) + text.slice(at + 1)
    case 2: // the line doubled: a UUID (and key) on two rows
      return text.slice(0, lineEnd) + text.slice(lineStart, lineEnd) + text.slice(lineEnd)
    case 3:
      return text.slice(0, lineStart) + "\n" + text.slice(lineStart)
    case 4:
      return text.replace(/\n/g, "\r\n")
    case 5:
      return text.slice(0, at)
    case 6:
      return text.replace(digest, digest.replace("e", unit))
    case 7:
      return text + "\n\n"
    default:
      return "\uFEFF" + text
  }
}

const encoder = new TextEncoder()
const inputArbitrary = fc.oneof(
  { weight: 2, arbitrary: ledgerArbitrary.map((text) => encoder.encode(text)) },
  {
    weight: 5,
    arbitrary: fc.tuple(ledgerArbitrary, fc.array(mutationArbitrary, { minLength: 1, maxLength: 2 })).map(([text, mutations]) =>
      encoder.encode(mutations.reduce(mutate, text))
    )
  },
  {
    weight: 1,
    arbitrary: fc.tuple(ledgerArbitrary, positionArbitrary).map(([text, position]) => {
      const bytes = encoder.encode(text)
      const at = position % (bytes.length + 1)
      return new Uint8Array([...bytes.subarray(0, at), 0xff, ...bytes.subarray(at)])
    })
  }
)

const outcome = <A>(effect: Effect.Effect<A, unknown>) => {
  const exit = Effect.runSyncExit(effect)
  return Exit.isSuccess(exit) ? { value: exit.value } : { error: exit.cause }
}

describe("the ledger's fast read", () => {
  it("gives the general reader's rows, digest and errors on every input, and reads most valid ledgers itself", () => {
    const tally = { fast: 0, general: 0, valid: 0, validFast: 0 }
    fc.assert(
      fc.property(inputArbitrary, (bytes) => {
        const exact = outcome(readLedgerContentExact("clients.ledger.csv", bytes))
        expect(outcome(readLedgerContent("clients.ledger.csv", bytes))).toEqual(exact)
        const fast = readLedgerFast("clients.ledger.csv", bytes)
        if (fast !== undefined) {
          tally.fast++
          // What the fast path vouches for, the general reader reads to the same rows, unless
          // it refuses a digest cell (which `readLedger` does not check).
          if ("value" in exact) expect(exact.value.mappings).toEqual(fast.mappings)
          else expect(fast.digests.length).toBeGreaterThan(0)
          expect(outcome(readLedger("clients.ledger.csv", bytes))).toEqual({ value: fast.mappings })
        } else {
          tally.general++
        }
      }),
      { numRuns: 2000, seed: 20261204 }
    )
    fc.assert(
      fc.property(ledgerArbitrary, (text) => {
        const fast = readLedgerFast("clients.ledger.csv", encoder.encode(text))
        tally.valid++
        if (fast !== undefined) tally.validFast++
      }),
      { numRuns: 300, seed: 20261204 }
    )
    // Both paths are exercised, and a ledger without a CR or a blank line in a cell is read fast.
    expect(tally.fast).toBeGreaterThan(400)
    expect(tally.general).toBeGreaterThan(400)
    expect(tally.validFast).toBeGreaterThan(tally.valid / 2)
  })

  it("reads a ledger whose keys hold quotes, commas and line breaks, but no CR", () => {
    const mappings = [0, 1, 2].map((index) => ({
      uuid: uuidOf(index),
      key: `${index}/say "hi",\nthere é😀`,
      rowId: `50${index}`,
      status: "mapped",
      evidence: [{ source: "client-folder", rowId: `50${index}`, detail: "a, \"b\"" }],
      confidence: 1,
      why: "a\nb",
      size: index,
      etag: null,
      lastModified: null,
      metadata: null
    })) as unknown as ReadonlyArray<Mapping>
    const fast = readLedgerFast("clients.ledger.csv", encoder.encode(renderLedger(mappings, digest)))
    expect(fast).toEqual({ mappings, digests: [{ value: digest, line: 2 }] })
  })

  it("leaves a row over the size limit to the general reader, which refuses it", () => {
    const row = (index: number, why: string) => ({ ...sampleRow(index), why })
    const bytes = encoder.encode(renderLedger([row(0, "short"), row(1, "x".repeat(9 * 1024 * 1024))]))
    expect(readLedgerFast("clients.ledger.csv", bytes)).toBeUndefined()
    const refused = outcome(readLedgerContent("clients.ledger.csv", bytes))
    expect(refused).toEqual(outcome(readLedgerContentExact("clients.ledger.csv", bytes)))
    expect("error" in refused && JSON.stringify(refused.error)).toContain("RecordTooLarge")
  })
})

const sampleRow = (index: number): Mapping => ({
  uuid: uuidOf(index),
  key: `${index}/a.pdf`,
  rowId: null,
  status: "unmapped",
  evidence: [],
  confidence: 0,
  why: "",
  size: null,
  etag: null,
  lastModified: null,
  metadata: null
}) as unknown as Mapping
