/**
 * Checks that every file has one owner and that the CSV and the ledger agree on it (SPEC §1:
 * the clients CSV says who owns which UUID, the ledger which key each UUID is; they must
 * always agree). A ledger row owns its UUID for its row id when it is `mapped` or `missing`.
 * A UUID may also stay in one client's cell while its row is in `review` in a conflict that
 * client is one side of (`keptInCell`): the cell waits for a person.
 *
 * @module
 */
import { isFileUuid } from "../../domain/FileUuid.ts"
import { keptInCell } from "../CellsInReview.ts"
import { at, type Check, quote } from "./Check.ts"
import { cellItems, type LedgerRecord, type Offence, type VerifyInput } from "./VerifyInput.ts"

interface CellClaim {
  readonly rowId: string
  readonly line: number
}

// Which client rows list each valid UUID, in CSV order, one claim per row.
const cellClaims = (input: VerifyInput): ReadonlyMap<string, ReadonlyArray<CellClaim>> => {
  const claims = new Map<string, Array<CellClaim>>()
  for (const row of input.clients) {
    for (const uuid of new Set(cellItems(row.uuidsCell))) {
      if (!isFileUuid(uuid)) continue
      const list = claims.get(uuid)
      if (list) list.push({ rowId: row.rowId, line: row.line })
      else claims.set(uuid, [{ rowId: row.rowId, line: row.line }])
    }
  }
  return claims
}

const ledgerOwner = (row: LedgerRecord): string | undefined =>
  (row.status === "mapped" || row.status === "missing") && row.rowId !== "" ? row.rowId : undefined

// The row is in review in a conflict the client `rowId` is one side of: the cell keeps the
// UUID until a person decides (`keptInCell`, the rule the phases follow).
const heldForReview = (row: LedgerRecord, rowId: string): boolean => {
  let evidence: unknown
  try {
    evidence = JSON.parse(row.evidence)
  } catch {
    return false
  }
  if (!Array.isArray(evidence)) return false
  const items = (evidence as Array<unknown>).map((item) => {
    const { row_id, source } = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>
    return { source: String(source), rowId: String(row_id) }
  })
  return keptInCell(row.status, items, rowId)
}

const firstLedgerRows = (input: VerifyInput): ReadonlyMap<string, LedgerRecord> => {
  const rows = new Map<string, LedgerRecord>()
  for (const row of input.ledger) if (!rows.has(row.uuid)) rows.set(row.uuid, row)
  return rows
}

/**
 * No UUID has two owners: not two client rows, and not one owner in the ledger and another
 * in the CSV.
 *
 * @category checks
 */
export const uuidsSingleOwner: Check = {
  name: "uuids-single-owner",
  description: "no UUID has two owners, across client rows or between the ledger and the CSV",
  run: (input) => {
    const offences: Array<Offence> = []
    const claims = cellClaims(input)
    for (const [uuid, list] of claims) {
      for (const claim of list.slice(1)) {
        offences.push({
          location: at(input.clientsFile, claim.line),
          message: `UUID ${quote(uuid)} is listed for row ${quote(claim.rowId)} and for row ${quote(list[0]!.rowId)} (line ${list[0]!.line})`
        })
      }
    }
    for (const row of firstLedgerRows(input).values()) {
      const owner = ledgerOwner(row)
      if (owner === undefined) continue
      for (const claim of claims.get(row.uuid) ?? []) {
        if (claim.rowId === owner) continue
        offences.push({
          location: at(input.ledgerFile, row.line),
          message: `UUID ${quote(row.uuid)} belongs to ${quote(owner)} in the ledger but to ${quote(claim.rowId)} in ${at(input.clientsFile, claim.line)}`
        })
      }
    }
    return offences
  }
}

/**
 * The CSV and the ledger record the same owners: each owned ledger row's client exists and
 * lists the UUID, and each UUID a client lists is owned by that client in the ledger.
 * (A UUID with two different owners is `uuids-single-owner`'s, and is not repeated here.)
 *
 * @category checks
 */
export const ownersAgree: Check = {
  name: "owners-agree",
  description: "the CSV and the ledger agree on every owner",
  run: (input) => {
    const offences: Array<Offence> = []
    const claims = cellClaims(input)
    const ledger = firstLedgerRows(input)
    const clientLines = new Map<string, number>()
    for (const row of input.clients) if (!clientLines.has(row.rowId)) clientLines.set(row.rowId, row.line)
    for (const row of ledger.values()) {
      const owner = ledgerOwner(row)
      if (owner === undefined || (claims.get(row.uuid) ?? []).length > 0) continue
      const line = clientLines.get(owner)
      offences.push({
        location: at(input.ledgerFile, row.line),
        message: line === undefined
          ? `UUID ${quote(row.uuid)} belongs to ${quote(owner)} in the ledger, but no client row has that id`
          : `UUID ${quote(row.uuid)} belongs to ${quote(owner)} in the ledger, but the tracking cell of ${quote(owner)} (${at(input.clientsFile, line)}) does not list it`
      })
    }
    for (const [uuid, list] of claims) {
      const row = ledger.get(uuid)
      const first = list[0]!
      if (row === undefined) {
        offences.push({ location: at(input.clientsFile, first.line), message: `UUID ${quote(uuid)} in the tracking cell of ${quote(first.rowId)} is not in the ledger` })
      } else if (ledgerOwner(row) === undefined && !(list.length === 1 && heldForReview(row, first.rowId))) {
        offences.push({
          location: at(input.clientsFile, first.line),
          message: `UUID ${quote(uuid)} is in the tracking cell of ${quote(first.rowId)}, but the ledger (${at(input.ledgerFile, row.line)}) has it as ${row.status}${row.rowId === "" ? "" : ` (candidate ${quote(row.rowId)})`}`
        })
      }
    }
    return offences
  }
}
