import { describe, expect, it } from "vitest"
import { EvidenceError } from "../../../src/domain/EvidenceError.ts"
import { evidenceFormatOf } from "../../../src/io/evidence/EvidenceFormat.ts"

const utf8 = (text: string) => new TextEncoder().encode(text)

describe("evidenceFormatOf", () => {
  it("tells JSON Lines by name or by a first object, and CSV otherwise", () => {
    expect(evidenceFormatOf("moves.jsonl", utf8(""))).toBe("jsonl")
    expect(evidenceFormatOf("moves.NDJSON", utf8("x"))).toBe("jsonl")
    expect(evidenceFormatOf("moves.log", utf8("\uFEFF \n{\"old_key\":\"a\"}\n"))).toBe("jsonl")
    expect(evidenceFormatOf("moves.log", utf8("old_key;new_key\n"))).toBe("csv")
  })

  const refused: ReadonlyArray<readonly [string, Uint8Array, string]> = [
    ["an xlsx workbook", Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14), "workbook"],
    ["an xls workbook", Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1), "old Excel workbook"],
    ["a PDF", utf8("%PDF-1.7\n"), "PDF document"],
    ["a gzip file", Uint8Array.of(0x1f, 0x8b, 0x08), "gzip archive"],
    ["a Parquet file", utf8("PAR1\u0015\u0004"), "Parquet file"],
    ["UTF-16", Uint8Array.of(0xff, 0xfe, 0x75, 0x00), "UTF-16"],
    ["a JSON array", utf8(" [\n  {\"uuid\": \"x\"}\n]\n"), "one JSON array, not JSON Lines"],
    ["XML", utf8("<?xml version=\"1.0\"?><records/>"), "XML or HTML"]
  ]
  for (const [name, bytes, says] of refused) {
    it(`refuses ${name} with reason UnknownFormat at line 1, saying what it looks like`, () => {
      const result = evidenceFormatOf("records.csv", bytes)
      expect(result).toBeInstanceOf(EvidenceError)
      expect(result).toMatchObject({ reason: "UnknownFormat", file: "records.csv", line: 1, column: 1 })
      expect((result as EvidenceError).message).toContain(says)
    })
  }
})
