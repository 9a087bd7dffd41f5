/**
 * The `verify` program: read the CSV and the ledger leniently, list the bucket once, plan
 * again, and run every check. When the files are valid input, the state is loaded exactly as
 * `run` loads it (evidence included), so the idempotence check sees what a run would do; when
 * they are not, the problems become failed checks and planning is reported as refused.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { type CsvError, formatCsvError } from "../domain/CsvError.ts"
import type { Replan } from "../pipeline/checks/VerifyInput.ts"
import { type PhaseRun, runPhasesIn } from "../pipeline/Phases.ts"
import { diffStates } from "../pipeline/StateDiff.ts"
import { verify, type VerifyOptions, type VerifyReport } from "../pipeline/Verify.ts"
import { ClientsCsv } from "../io/state/ClientsCsv.ts"
import { Ledger } from "../io/state/Ledger.ts"
import { listBucket } from "./ListingFold.ts"
import { loadRun, type LoadedRun } from "./LoadState.ts"
import type { Settings } from "./Settings.ts"
import { readClientRecords, readLedgerRecords } from "./VerifyLoad.ts"

/**
 * A verification, with the loaded state and the run computed on it when the files were
 * valid input (reports reuse them rather than listing the bucket again).
 *
 * @category models
 */
export interface Verification {
  readonly report: VerifyReport
  readonly loaded: { readonly run: LoadedRun; readonly phases: PhaseRun } | CsvError
}

/**
 * Verifies the files and the bucket named by the settings.
 *
 * @category programs
 */
export const verifyFiles = Effect.fn("uuidmap.verifyFiles")(function*(settings: Settings, options: VerifyOptions) {
  const clients = yield* readClientRecords(settings)
  const ledger = yield* readLedgerRecords()
  const strict = yield* loadRun(settings, "all").pipe(
    Effect.map((run) => ({ run, phases: runPhasesIn(run.state, "all", run.index) })),
    Effect.catchTag("CsvError", (error) => Effect.succeed(error))
  )
  let present: ReadonlySet<string>
  let replan: Replan
  if ("run" in strict) {
    const { findings, objects } = strict.run.state
    present = new Set([...objects.keys(), ...findings.map((finding) => finding.subject)])
    replan = { _tag: "Planned", changes: diffStates(strict.run.state, strict.phases.state) }
  } else {
    const ledgerKeys = new Map(ledger.filter((row) => row.key !== "").map((row) => [row.key, null]))
    const rowIds = new Set(clients.map((row) => row.rowId).filter((id) => id.trim() !== ""))
    const listing = yield* listBucket(rowIds, settings.layout, ledgerKeys)
    present = new Set([...listing.objects.keys(), ...listing.findings.map((finding) => finding.subject)])
    replan = { _tag: "Refused", reason: formatCsvError(strict) }
  }
  const report = verify({
    clientsFile: (yield* ClientsCsv).file,
    ledgerFile: (yield* Ledger).file,
    clients,
    ledger,
    inBucket: (key) => present.has(key),
    replan
  }, options)
  const verification: Verification = { report, loaded: strict }
  return verification
})
