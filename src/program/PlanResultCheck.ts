/**
 * What `apply` checks on the state it is about to write, so that a plan edited by hand (or by
 * anything else) can never give a file two owners or leave a ledger uuidmap cannot read:
 * - every invariant `verify` checks on the two files (`fileInvariantOffences`, the same checks);
 * - every ledger row the plan changes names a key the plan fingerprinted, and a row that says
 *   the file is present names an object that was in the bucket (the fingerprints are compared
 *   with the bucket before this, so these stand for `verify`'s `keys-in-bucket`);
 * - the ledger as it would be written reads back.
 * Planning again (`verify`'s `idempotent`) is not repeated: `apply` applies a recorded plan,
 * and the fingerprints already refuse one computed from other inputs.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import type { PlanFile } from "../domain/Plan.ts"
import type { State } from "../domain/State.ts"
import { UsageError } from "../domain/UsageError.ts"
import { encodeLedger, readLedger } from "../io/csv/LedgerFile.ts"
import type { StateChanges } from "../pipeline/StateDiff.ts"
import { fileInvariantOffences } from "../pipeline/VerifyState.ts"
import type { Settings } from "./Settings.ts"

const shown = 10

const keyOffences = (plan: PlanFile, changes: StateChanges): ReadonlyArray<string> => {
  const fingerprints = new Map(plan.inputs.objects.map((fingerprint) => [fingerprint.key as string, fingerprint]))
  const offences: Array<string> = []
  for (const change of changes.ledger) {
    const after = change.after
    if (after === null || after.key === null) continue
    const fingerprint = fingerprints.get(after.key)
    if (fingerprint === undefined) {
      offences.push(`keys-in-bucket: the row of UUID "${change.uuid}" names "${after.key}", which the plan's inputs do not fingerprint`)
    } else if (fingerprint.size === null && after.status !== "missing") {
      offences.push(`keys-in-bucket: the row of UUID "${change.uuid}" says "${after.key}" is ${after.status}, but it was not in the bucket when the plan was made`)
    }
  }
  return offences
}

/**
 * Fails with exit 2, listing what is wrong, when the state a plan leads to breaks an invariant.
 *
 * @category checks
 */
export const checkPlannedResult = (
  settings: Settings,
  planFile: string,
  plan: PlanFile,
  changes: StateChanges,
  state: State
): Effect.Effect<void, UsageError> =>
  Effect.gen(function*() {
    const files = { clients: settings.clientsFile, ledger: settings.ledgerFile }
    const offences = [
      ...fileInvariantOffences(state, files).map((offence) => `${offence.check}: ${offence.location}: ${offence.message}`),
      ...keyOffences(plan, changes)
    ]
    const unreadable = yield* readLedger(settings.ledgerFile, encodeLedger(state.ledger)).pipe(
      Effect.as(undefined),
      Effect.catchTag("CsvError", (error) => Effect.succeed(error.message))
    )
    if (unreadable !== undefined) offences.push(`ledger-cells-valid: the ledger would not read back: ${unreadable}`)
    if (offences.length === 0) return
    const more = offences.length > shown ? `\n  … and ${offences.length - shown} more` : ""
    return yield* new UsageError({
      reason: "InvalidResult",
      message: `Plan "${planFile}" would leave files that break uuidmap's invariants, so nothing was written (was the plan edited?):\n  ${offences.slice(0, shown).join("\n  ")}${more}`
    })
  })
