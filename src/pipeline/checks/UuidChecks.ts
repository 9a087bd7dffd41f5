/**
 * Checks on UUIDs and keys: every UUID valid (tracking cells and ledger), each UUID on one
 * ledger row, each key with at most one UUID.
 *
 * @module
 */
import { isFileUuid } from "../../domain/FileUuid.ts"
import { at, type Check, quote } from "./Check.ts"
import { cellItems, type Offence } from "./VerifyInput.ts"

/**
 * Every tracking cell is a list of distinct lower-case UUIDs, and every ledger UUID is one.
 *
 * @category checks
 */
export const uuidsValid: Check = {
  name: "uuids-valid",
  description: "every UUID in the tracking cells and the ledger is a valid lower-case UUID, none twice in one cell",
  run: (input) => {
    const offences: Array<Offence> = []
    for (const row of input.clients) {
      const seen = new Set<string>()
      const offend = (message: string) => offences.push({ location: at(input.clientsFile, row.line), message: `Row ${quote(row.rowId)}: ${message}` })
      for (const item of cellItems(row.uuidsCell)) {
        if (item === "") offend(`tracking cell ${quote(row.uuidsCell ?? "")} has an empty item`)
        else if (!isFileUuid(item)) offend(`tracking cell item ${quote(item)} is not a lower-case UUID`)
        else if (seen.has(item)) offend(`UUID ${quote(item)} appears twice in the tracking cell`)
        seen.add(item)
      }
    }
    for (const row of input.ledger) {
      if (!isFileUuid(row.uuid)) {
        offences.push({ location: at(input.ledgerFile, row.line), message: `Ledger UUID ${quote(row.uuid)} is not a lower-case UUID` })
      }
    }
    return offences
  }
}

/**
 * No UUID is on two ledger rows.
 *
 * @category checks
 */
export const ledgerUuidsUnique: Check = {
  name: "ledger-uuids-unique",
  description: "every UUID is on one ledger row only",
  run: (input) => {
    const first = new Map<string, number>()
    const offences: Array<Offence> = []
    for (const row of input.ledger) {
      const earlier = first.get(row.uuid)
      if (earlier === undefined) first.set(row.uuid, row.line)
      else offences.push({ location: at(input.ledgerFile, row.line), message: `UUID ${quote(row.uuid)} is already listed on line ${earlier}` })
    }
    return offences
  }
}

/**
 * No key has two UUIDs.
 *
 * @category checks
 */
export const ledgerKeysUnique: Check = {
  name: "ledger-keys-unique",
  description: "every key has at most one UUID",
  run: (input) => {
    const first = new Map<string, { readonly uuid: string; readonly line: number }>()
    const offences: Array<Offence> = []
    for (const row of input.ledger) {
      if (row.key === "") continue
      const earlier = first.get(row.key)
      if (earlier === undefined) first.set(row.key, { uuid: row.uuid, line: row.line })
      else if (earlier.uuid !== row.uuid) {
        offences.push({
          location: at(input.ledgerFile, row.line),
          message: `Key ${quote(row.key)} has UUID ${quote(row.uuid)} here and ${quote(earlier.uuid)} on line ${earlier.line}`
        })
      }
    }
    return offences
  }
}
