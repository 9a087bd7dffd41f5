/**
 * The ledger's `evidence` cell: a compact JSON array of `{"source","row_id","detail"}`, and
 * back. Internal to `LedgerFile`.
 *
 * @module
 */
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { type Evidence, EvidenceSource } from "../../../domain/Evidence.ts"
import { RowId, unsafeRowId } from "../../../domain/RowId.ts"
import { quoteValue } from "./textPosition.ts"

/**
 * Evidence as its cell text.
 *
 */
export const renderEvidence = (evidence: ReadonlyArray<Evidence>): string =>
  JSON.stringify(evidence.map(({ detail, rowId, source }) => ({ source, row_id: rowId, detail })))

/**
 * Strings a row already holds, which its evidence often repeats: a client-folder item's row
 * id is the row's and its detail is the row's key. An item equal to one of them shares it
 * rather than holding a copy (at a million rows, 80 MB of copies).
 */
export interface EvidenceSharing {
  readonly rowId: string
  readonly key: string
}

const nothingShared: EvidenceSharing = { rowId: "", key: "" }

/**
 * The evidence of a ledger cell (none when empty), or the message saying why it is not what
 * uuidmap writes.
 *
 */
export const parseEvidence = (text: string, sharing: EvidenceSharing = nothingShared): ReadonlyArray<Evidence> | string => {
  if (text === "" || text === "[]") return noEvidence
  return readCanonical(text, sharing) ?? parseJson(text)
}

// Rows with no evidence share one list, frozen so that no caller can write to all of them.
const noEvidence: ReadonlyArray<Evidence> = Object.freeze([])

const sources: ReadonlyArray<string> = EvidenceSource.literals
const openItem = '{"source":"'
const afterSource = '","row_id":"'
const afterRowId = '","detail":"'
// A backslash starts an escape; a raw control character is not JSON at all.
const escapeOrControl = /[\\\u0000-\u001f]/

/**
 * The evidence of a cell in exactly the form `renderEvidence` writes, with no escape in it
 * (nearly every cell), read by slicing between the quotes: a million `JSON.parse` calls and
 * their objects cost a second. Undefined for any other text, which `JSON.parse` then reads,
 * with the same result for the texts both accept (no backslash and no control character:
 * every string is its text).
 */
const readCanonical = (text: string, sharing: EvidenceSharing): ReadonlyArray<Evidence> | undefined => {
  if (text.charCodeAt(0) !== 91 || escapeOrControl.test(text)) return undefined
  // A list grown by a push reserves 17 slots (152 bytes); most cells hold one item, whose
  // list is made to size.
  let first: Evidence | undefined
  let more: Array<Evidence> | undefined
  let at = 1
  for (;;) {
    if (!text.startsWith(openItem, at)) return undefined
    const sourceEnd = text.indexOf('"', at + openItem.length)
    if (sourceEnd === -1 || !text.startsWith(afterSource, sourceEnd)) return undefined
    const rowIdEnd = text.indexOf('"', sourceEnd + afterSource.length)
    if (rowIdEnd === -1 || !text.startsWith(afterRowId, rowIdEnd)) return undefined
    const detailEnd = text.indexOf('"', rowIdEnd + afterRowId.length)
    if (detailEnd === -1 || text.charCodeAt(detailEnd + 1) !== 125) return undefined
    // The literal itself, not a copy of it, is what the item holds.
    const source = sources[sources.indexOf(text.slice(at + openItem.length, sourceEnd))]
    const rowId = sharedSlice(text, sourceEnd + afterSource.length, rowIdEnd, sharing.rowId)
    // What the JSON reading would refuse, it also explains.
    if (source === undefined || rowId === "") return undefined
    const detail = sharedSlice(text, rowIdEnd + afterRowId.length, detailEnd, sharing.key)
    const item: Evidence = { source: source as EvidenceSource, rowId: unsafeRowId(rowId), detail }
    if (first === undefined) first = item
    else (more ??= [first]).push(item)
    at = detailEnd + 2
    const next = text.charCodeAt(at)
    if (next === 93) return at === text.length - 1 ? more ?? [first] : undefined
    if (next !== 44) return undefined
    at++
  }
}

// `text` from `start` to `end`, or `shared` when that is the same text.
const sharedSlice = (text: string, start: number, end: number, shared: string): string =>
  end - start === shared.length && text.startsWith(shared, start) ? shared : text.slice(start, end)

const JsonText = Schema.fromJsonString(Schema.Unknown)
const JsonArray = Schema.Array(Schema.Unknown)
// One item as `renderEvidence` writes it.
const EvidenceItem = Schema.Struct({ source: EvidenceSource, row_id: RowId, detail: Schema.String })
const decodeItem = Schema.decodeUnknownOption(EvidenceItem)

const parseJson = (text: string): ReadonlyArray<Evidence> | string => {
  const parsed = Schema.decodeUnknownOption(JsonText)(text)
  if (Option.isNone(parsed)) return `Evidence ${quoteValue(text)} is not valid JSON`
  if (!Schema.is(JsonArray)(parsed.value)) return `Evidence ${quoteValue(text)} is not a JSON array`
  const evidence: Array<Evidence> = []
  for (const item of parsed.value) {
    const decoded = decodeItem(item)
    if (Option.isNone(decoded)) {
      const shown = quoteValue(JSON.stringify(item) ?? "")
      return `Evidence item ${shown} needs a known "source", a non-empty "row_id" and a "detail"`
    }
    const { detail, row_id, source } = decoded.value
    evidence.push({ source, rowId: row_id, detail })
  }
  return evidence
}
