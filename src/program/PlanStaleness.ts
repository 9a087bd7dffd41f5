/**
 * What no longer matches a plan, in the settings and the input files. Pure: it compares
 * fingerprints taken by the caller. (Objects are compared by `Fingerprint.compareObjects`.)
 *
 * @module
 */
import type { PlanFile, PlanSettings } from "../domain/Plan.ts"
import type { FileFingerprint } from "../domain/PlanFingerprint.ts"
import type { StaleCause } from "../domain/StalePlanError.ts"
import { compareFile } from "./Fingerprint.ts"

const settingFlags: ReadonlyArray<readonly [keyof PlanSettings, string]> = [
  ["bucket", "--bucket"],
  ["id_column", "--id-column"],
  ["uuids_column", "--uuids-column"],
  ["count_column", "--count-column"],
  ["pool_prefix", "--pool-prefix"],
  ["encoding", "--encoding"],
  ["delimiter", "--delimiter"],
  ["evidence_options", "evidence options (--migration-columns and the like)"]
]

/**
 * The settings that differ from the plan's, one cause per flag.
 *
 * @category comparing
 */
export const compareSettings = (recorded: PlanSettings, current: PlanSettings): ReadonlyArray<StaleCause> =>
  settingFlags.flatMap(([field, flag]) =>
    JSON.stringify(recorded[field]) === JSON.stringify(current[field]) ? [] : [{
      reason: "SettingsChanged" as const,
      subject: flag,
      detail: `${flag} was ${JSON.stringify(recorded[field])} when the plan was made and is ${JSON.stringify(current[field])} now`
    }]
  )

/**
 * The current fingerprints of the plan's input files.
 *
 * @category models
 */
interface CurrentInputs {
  readonly clients: FileFingerprint
  readonly ledger: FileFingerprint
  readonly evidence: ReadonlyArray<FileFingerprint>
}

/**
 * The input files that differ from the plan's fingerprints: the clients CSV, the ledger, and
 * each evidence file (a different list of evidence files is a changed setting).
 *
 * @category comparing
 */
export const compareInputFiles = (plan: PlanFile, current: CurrentInputs): ReadonlyArray<StaleCause> => {
  const causes: Array<StaleCause> = []
  const push = (cause: StaleCause | undefined) => {
    if (cause !== undefined) causes.push(cause)
  }
  push(compareFile("ClientsChanged", "clients CSV", plan.inputs.clients, current.clients))
  push(compareFile("LedgerChanged", "ledger", plan.inputs.ledger, current.ledger))
  const planned = plan.inputs.evidence.map((item) => item.file)
  const given = current.evidence.map((item) => item.file)
  if (planned.length !== given.length || planned.some((file, i) => file !== given[i])) {
    causes.push({
      reason: "SettingsChanged",
      subject: "--migration-log/--records",
      detail: `the evidence files were ${JSON.stringify(planned)} when the plan was made and are ${JSON.stringify(given)} now`
    })
  } else {
    plan.inputs.evidence.forEach((recorded, i) => push(compareFile("EvidenceChanged", "evidence file", recorded, current.evidence[i]!)))
  }
  return causes
}
