/**
 * Checks that the files are a finished run's result: planning again on them changes nothing
 * (every phase is idempotent, SPEC §2). A change pending means a run was not applied, was
 * interrupted, or the files or the bucket changed since.
 *
 * @module
 */
import type { ClientRow } from "../../domain/ClientRow.ts"
import type { Mapping } from "../../domain/Mapping.ts"
import { type Check, quote } from "./Check.ts"
import type { Offence } from "./VerifyInput.ts"

const tracking = (client: ClientRow): string =>
  client.tracked ? `${client.uuids.length} file${client.uuids.length === 1 ? "" : "s"}` : "not tracked"

const describe = (mapping: Mapping): string => `${mapping.status}${mapping.rowId === null ? "" : ` ${mapping.rowId}`}`

const changedFields = (before: Mapping, after: Mapping): string => {
  const fields: Array<string> = (["key", "size", "etag", "lastModified", "confidence", "why"] as const)
    .filter((field) => before[field] !== after[field])
  if (JSON.stringify(before.evidence) !== JSON.stringify(after.evidence)) fields.push("evidence")
  return fields.join(", ")
}

/**
 * Planning again gives no changes.
 *
 * @category checks
 */
export const idempotent: Check = {
  name: "idempotent",
  description: "planning again on the current files and bucket gives no changes",
  run: (input): ReadonlyArray<Offence> => {
    const replan = input.replan
    if (replan._tag === "Refused") return [{ location: input.clientsFile, message: `Planning refuses the current files: ${replan.reason}` }]
    return [
      ...replan.changes.cells.map((change) => ({
        location: `${input.clientsFile} row ${quote(change.rowId)}`,
        message: `tracking would change from ${tracking(change.before)} to ${tracking(change.after)}`
      })),
      ...replan.changes.ledger.map((change) => {
        const location = change.after?.key ?? change.before?.key ?? change.uuid
        if (change.before === null) return { location, message: `a new ledger row would be added: UUID ${quote(change.uuid)}, ${describe(change.after!)}` }
        if (change.after === null) return { location, message: `ledger row of UUID ${quote(change.uuid)} would be removed` }
        if (describe(change.before) === describe(change.after)) {
          return { location, message: `UUID ${quote(change.uuid)} (${describe(change.after)}) would be updated: ${changedFields(change.before, change.after)}` }
        }
        return { location, message: `UUID ${quote(change.uuid)} would change from ${describe(change.before)} to ${describe(change.after)}: ${change.after.why}` }
      })
    ]
  }
}
