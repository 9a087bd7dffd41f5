/**
 * Checks on the clients CSV's rows alone: every row id present, without surrounding spaces,
 * and unique (ids that differ only by surrounding spaces are the same id), every
 * `file_count` equal to the number of UUIDs in its row. `run` refuses the same rows.
 *
 * @module
 */
import { at, type Check, quote } from "./Check.ts"
import { cellItems, type Offence } from "./VerifyInput.ts"

/**
 * Every client row has a row id.
 *
 * @category checks
 */
export const rowIdsNotEmpty: Check = {
  name: "row-ids-not-empty",
  description: "every client row has a row id, without spaces around it",
  run: (input) =>
    input.clients
      .filter((row) => row.rowId.trim() !== row.rowId || row.rowId === "")
      .map((row) => ({
        location: at(input.clientsFile, row.line),
        message: row.rowId.trim() === "" ? "Row id is empty" : `Row id ${quote(row.rowId)} has spaces around it`
      }))
}

/**
 * No row id is used twice.
 *
 * @category checks
 */
export const rowIdsUnique: Check = {
  name: "row-ids-unique",
  description: "no row id is used on two client rows (spaces around an id do not make it another id)",
  run: (input) => {
    const first = new Map<string, number>()
    const offences: Array<Offence> = []
    for (const row of input.clients) {
      const id = row.rowId.trim()
      if (id === "") continue
      const earlier = first.get(id)
      if (earlier === undefined) first.set(id, row.line)
      else offences.push({ location: at(input.clientsFile, row.line), message: `Row id ${quote(row.rowId)} is already used on line ${earlier}` })
    }
    return offences
  }
}

/**
 * Each count cell is empty (not tracked, no UUIDs) or the number of UUIDs listed.
 *
 * @category checks
 */
export const fileCountsMatch: Check = {
  name: "file-counts-match",
  description: "each file_count equals the number of UUIDs in its tracking cell",
  run: (input) => {
    const offences: Array<Offence> = []
    for (const row of input.clients) {
      const listed = cellItems(row.uuidsCell).length
      const count = row.countCell ?? ""
      const offend = (message: string) => offences.push({ location: at(input.clientsFile, row.line), message: `Row ${quote(row.rowId)}: ${message}` })
      if (count === "") {
        if (listed > 0) offend(`count is empty but the tracking cell lists ${listed} UUID${listed === 1 ? "" : "s"}`)
      } else if (!/^[0-9]+$/.test(count)) {
        offend(`count ${quote(count)} is not a non-negative integer`)
      } else if (Number(count) !== listed) {
        offend(`count is ${count} but the tracking cell lists ${listed} UUID${listed === 1 ? "" : "s"}`)
      }
    }
    return offences
  }
}
