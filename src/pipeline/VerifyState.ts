/**
 * Verifies a State, not files: the report uses it to show that the state a run would leave
 * passes `verify`. The state is written out as the files would hold it (rows numbered as the
 * files would number them) and planned again.
 *
 * @module
 */
import { unsafeObjectKey } from "../domain/ObjectKey.ts"
import type { State } from "../domain/State.ts"
import type { CheckName } from "./checks/Check.ts"
import type { ClientRecord, LedgerRecord, Offence, Replan, VerifyInput } from "./checks/VerifyInput.ts"
import { freshUuidsMissing } from "./ClientFolders.ts"
import { runPhases } from "./Phases.ts"
import { diffStates } from "./StateDiff.ts"
import { allChecks, verify, type VerifyOptions, type VerifyReport } from "./Verify.ts"

/**
 * What planning again on a state gives. A state that needs more fresh UUIDs than it carries
 * cannot be planned without drawing them, which a pure function cannot do: it is refused.
 *
 * @category verifying
 */
export const replanState = (state: State): Replan => {
  const missing = freshUuidsMissing(state)
  if (missing > 0) {
    return { _tag: "Refused", reason: `${missing} file${missing === 1 ? "" : "s"} still need a UUID` }
  }
  return { _tag: "Planned", changes: diffStates(state, runPhases(state, "all").state) }
}

/**
 * The verify input of a state: its clients and ledger as rows, its objects and findings as
 * the bucket.
 *
 * @category verifying
 */
export const verifyInputOfState = (
  state: State,
  files: { readonly clients: string; readonly ledger: string }
): VerifyInput => {
  const reported = new Set(state.findings.map((finding) => finding.subject))
  return {
    ...recordsOfState(state, files),
    inBucket: (key) => state.objects.has(unsafeObjectKey(key)) || reported.has(key),
    replan: replanState(state)
  }
}

const recordsOfState = (
  state: State,
  files: { readonly clients: string; readonly ledger: string }
): Pick<VerifyInput, "clientsFile" | "ledgerFile" | "clients" | "ledger"> => {
  const clients = state.clients.map((client, index): ClientRecord => ({
    line: index + 2,
    rowId: client.rowId,
    uuidsCell: client.uuids.join(";"),
    countCell: client.tracked ? String(client.uuids.length) : ""
  }))
  const ledger = state.ledger.map((mapping, index): LedgerRecord => ({
    line: index + 2,
    uuid: mapping.uuid,
    key: mapping.key ?? "",
    rowId: mapping.rowId ?? "",
    status: mapping.status,
    evidence: JSON.stringify(mapping.evidence.map((item) => ({ source: item.source, row_id: item.rowId, detail: item.detail }))),
    confidence: String(Math.round(mapping.confidence * 100) / 100 + 0),
    size: mapping.size === null ? "" : String(mapping.size)
  }))
  return { clientsFile: files.clients, ledgerFile: files.ledger, clients, ledger }
}

/**
 * The checks that need only the two files, not the bucket or a new plan: all of `verify`'s
 * but `keys-in-bucket` and `idempotent`.
 *
 * @category verifying
 */
export const fileInvariantChecks: ReadonlyArray<CheckName> = allChecks
  .map((check) => check.name)
  .filter((name) => name !== "keys-in-bucket" && name !== "idempotent")

/**
 * Every offence of a state against the file invariants, each prefixed with its check's name.
 * `apply` runs this on the state it is about to write.
 *
 * @category verifying
 */
export const fileInvariantOffences = (
  state: State,
  files: { readonly clients: string; readonly ledger: string }
): ReadonlyArray<{ readonly check: CheckName } & Offence> => {
  const input: VerifyInput = {
    ...recordsOfState(state, files),
    inBucket: () => true,
    replan: { _tag: "Planned", changes: { cells: [], ledger: [] } }
  }
  return allChecks
    .filter((check) => fileInvariantChecks.includes(check.name))
    .flatMap((check) => check.run(input).map((offence) => ({ check: check.name, ...offence })))
}

/**
 * Verifies a state.
 *
 * @example Phases not run yet fail idempotence
 * ```ts
 * import assert from "node:assert/strict"
 * import { defaultVerifyOptions, makeState, runPhases, unsafeRowId, verifyState } from "uuidmap"
 *
 * const state = makeState({ clients: [{ rowId: unsafeRowId("502"), tracked: false, uuids: [] }] })
 * const files = { clients: "clients.csv", ledger: "clients.ledger.csv" }
 * assert.equal(verifyState(state, files, defaultVerifyOptions).ok, false) // planning again would track client 502
 * assert.equal(verifyState(runPhases(state, "all").state, files, defaultVerifyOptions).ok, true)
 * ```
 * @category verifying
 */
export const verifyState = (
  state: State,
  files: { readonly clients: string; readonly ledger: string },
  options: VerifyOptions
): VerifyReport => verify(verifyInputOfState(state, files), options)
