/**
 * The rules a library caller's client rows and ledger must keep before the phases may run on
 * them: the same rules the CLI enforces on the clients CSV and the ledger file (SPEC §4), which
 * types alone cannot express. The first broken rule is reported, naming the value by its
 * place in the caller's arrays.
 *
 * @module
 */
import type { ClientRow } from "../domain/ClientRow.ts"
import type { Mapping } from "../domain/Mapping.ts"
import { PipelineInputError } from "../domain/PipelineInputError.ts"

const refuse = (reason: PipelineInputError["reason"], path: string, message: string) =>
  new PipelineInputError({ reason, path, message })

/**
 * Checks client rows: unique row ids, no UUID listed twice (in one cell or for two clients),
 * and no UUIDs for a client that is not tracked yet.
 *
 * @category checks
 */
export const checkClientRows = (clients: ReadonlyArray<ClientRow>): PipelineInputError | undefined => {
  const rowIndex = new Map<string, number>()
  const uuidOwner = new Map<string, number>()
  for (const [index, client] of clients.entries()) {
    const earlier = rowIndex.get(client.rowId)
    if (earlier !== undefined) {
      return refuse("DuplicateRowId", `clients[${index}].rowId`, `Row id "${client.rowId}" is already used by clients[${earlier}]`)
    }
    rowIndex.set(client.rowId, index)
    if (!client.tracked && client.uuids.length > 0) {
      return refuse(
        "UntrackedWithUuids",
        `clients[${index}].uuids`,
        `Client "${client.rowId}" is not tracked yet (tracked: false) but lists ${client.uuids.length} UUID${client.uuids.length === 1 ? "" : "s"}`
      )
    }
    for (const [position, uuid] of client.uuids.entries()) {
      const owner = uuidOwner.get(uuid)
      if (owner !== undefined) {
        const where = owner === index ? `twice for client "${client.rowId}"` : `for client "${clients[owner]!.rowId}" (clients[${owner}]) too`
        return refuse("DuplicateUuid", `clients[${index}].uuids[${position}]`, `UUID "${uuid}" is listed ${where}`)
      }
      uuidOwner.set(uuid, index)
    }
  }
  return undefined
}

/**
 * Checks ledger rows: one row per UUID and one row per object key.
 *
 * @category checks
 */
export const checkLedgerRows = (ledger: ReadonlyArray<Mapping>): PipelineInputError | undefined => {
  const uuidIndex = new Map<string, number>()
  const keyIndex = new Map<string, number>()
  for (const [index, mapping] of ledger.entries()) {
    const sameUuid = uuidIndex.get(mapping.uuid)
    if (sameUuid !== undefined) {
      return refuse("DuplicateUuid", `ledger[${index}].uuid`, `UUID "${mapping.uuid}" already has a ledger row: ledger[${sameUuid}]`)
    }
    uuidIndex.set(mapping.uuid, index)
    if (mapping.key === null) continue
    const sameKey = keyIndex.get(mapping.key)
    if (sameKey !== undefined) {
      return refuse("DuplicateKey", `ledger[${index}].key`, `Key "${mapping.key}" already has a ledger row: ledger[${sameKey}]`)
    }
    keyIndex.set(mapping.key, index)
  }
  return undefined
}
