/**
 * The completion report's content, computed once and rendered as text, JSON, Markdown or
 * HTML: the success metrics of the original plan per phase (the files as they are, then the
 * state after each phase a run would apply), the verification of the files now and of the
 * state a run would leave, and the files a person should look at (review, unmapped) with
 * their `why`. Pure.
 *
 * @module
 */
import type { Finding } from "../domain/Finding.ts"
import type { Mapping } from "../domain/Mapping.ts"
import type { State } from "../domain/State.ts"
import { computeMetrics, type Metrics } from "../pipeline/Metrics.ts"
import type { PhaseRun } from "../pipeline/Phases.ts"
import { defaultVerifyOptions, type VerifyReport } from "../pipeline/Verify.ts"
import { verifyState } from "../pipeline/VerifyState.ts"
import { type Settings, storeName } from "./Settings.ts"

/**
 * One column of the metrics table: a state and, for the first and last, its verification.
 *
 * @category models
 */
export interface ReportColumn {
  readonly label: string
  readonly metrics: Metrics
  readonly verification: VerifyReport | undefined
}

/**
 * A file a person should look at.
 *
 * @category models
 */
export interface FileLine {
  readonly uuid: string
  readonly key: string
  readonly status: Mapping["status"]
  readonly candidate: string | null
  readonly size: number | null
  readonly why: string
}

/**
 * The report.
 *
 * @category models
 */
export interface ReportData {
  readonly generatedAt: string
  readonly clientsFile: string
  readonly ledgerFile: string
  readonly bucket: string
  readonly columns: ReadonlyArray<ReportColumn>
  readonly review: ReadonlyArray<FileLine>
  readonly unmapped: ReadonlyArray<FileLine>
  readonly findings: ReadonlyArray<Finding>
  readonly verification: VerifyReport
}

const lineOf = (mapping: Mapping): FileLine => ({
  uuid: mapping.uuid,
  key: mapping.key ?? "",
  status: mapping.status,
  candidate: mapping.rowId,
  size: mapping.size,
  why: mapping.why
})

/**
 * Builds the report from the loaded state, the phases run on it and the verification of the
 * files as they are.
 *
 * @category building
 */
export const buildReportData = (parts: {
  readonly generatedAt: string
  readonly settings: Settings
  readonly before: State
  readonly phases: PhaseRun
  readonly verification: VerifyReport
}): ReportData => {
  const files = { clients: parts.settings.clientsFile, ledger: parts.settings.ledgerFile }
  const final = parts.phases.state
  const last = parts.phases.steps.length - 1
  const columns: Array<ReportColumn> = [
    { label: "Before", metrics: computeMetrics(parts.before), verification: parts.verification },
    ...parts.phases.steps.map((step, index): ReportColumn => ({
      label: `After phase ${step.phase}`,
      metrics: computeMetrics(step.state),
      verification: index === last ? verifyState(step.state, files, defaultVerifyOptions) : undefined
    }))
  ]
  return {
    generatedAt: parts.generatedAt,
    clientsFile: parts.settings.clientsFile,
    ledgerFile: parts.settings.ledgerFile,
    bucket: storeName(parts.settings),
    columns,
    review: final.ledger.filter((mapping) => mapping.status === "review").map(lineOf),
    unmapped: final.ledger.filter((mapping) => mapping.status === "unmapped").map(lineOf),
    findings: final.findings,
    verification: parts.verification
  }
}
