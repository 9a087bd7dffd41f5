/**
 * `lookup ROW_ID`: one client's files in the current state: the files it owns, and the files
 * in review that name it as a candidate.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import type { ClientRow } from "../domain/ClientRow.ts"
import { type Mapping, ownerOf } from "../domain/Mapping.ts"
import { UsageError } from "../domain/UsageError.ts"
import { loadCurrentState } from "./LookupState.ts"
import type { Settings } from "./Settings.ts"

/**
 * What `lookup` shows.
 *
 * @category models
 */
export interface ClientFiles {
  readonly client: ClientRow
  readonly owned: ReadonlyArray<Mapping>
  readonly candidateFor: ReadonlyArray<Mapping>
}

/**
 * Finds a client's files. A row id that is not in the CSV is a usage error (exit 2).
 *
 * @category programs
 */
export const lookupClient = Effect.fn("uuidmap.lookupClient")(function*(settings: Settings, rowId: string) {
  const { state } = yield* loadCurrentState(settings)
  const client = state.clients.find((candidate) => candidate.rowId === rowId)
  if (client === undefined) {
    return yield* new UsageError({ reason: "BadFlag", message: `Row id "${rowId}" is not in ${settings.clientsFile}` })
  }
  const found: ClientFiles = {
    client,
    owned: state.ledger.filter((mapping) => ownerOf(mapping) === client.rowId),
    candidateFor: state.ledger.filter((mapping) =>
      mapping.status === "review" && mapping.evidence.some((item) => item.rowId === client.rowId && item.source !== "human")
    )
  }
  return found
})
