/**
 * The machine-readable form of a run (`run --json`): the same changes the diff shows, plus
 * the phases, metrics, files written and the store requests sent (`requests.list`,
 * `requests.head`, every attempt counted). Field names are snake_case like the ledger's
 * columns.
 *
 * @module
 */
import type { Mapping } from "../../domain/Mapping.ts"
import type { ReconcileOutcome } from "../../program/Reconcile.ts"

const mappingJson = (mapping: Mapping | null) =>
  mapping === null ? null : {
    uuid: mapping.uuid,
    key: mapping.key,
    row_id: mapping.rowId,
    status: mapping.status,
    confidence: mapping.confidence,
    why: mapping.why,
    evidence: mapping.evidence.map((item) => ({ source: item.source, row_id: item.rowId, detail: item.detail }))
  }

/**
 * The outcome as a JSON-ready value.
 *
 * @category rendering
 */
export const outcomeJson = (outcome: ReconcileOutcome, dryRun: boolean) => ({
  dry_run: dryRun,
  phases: { ran: outcome.ran },
  changes: {
    cells: outcome.changes.cells.map((change) => ({
      row_id: change.rowId,
      before: { tracked: change.before.tracked, file_uuids: change.before.uuids },
      after: { tracked: change.after.tracked, file_uuids: change.after.uuids }
    })),
    ledger: outcome.changes.ledger.map((change) => ({
      uuid: change.uuid,
      before: mappingJson(change.before),
      after: mappingJson(change.after)
    }))
  },
  metrics: { before: outcome.metricsBefore, after: outcome.metricsAfter },
  findings: outcome.after.findings,
  written: outcome.written.map((file) => ({ file: file.file, backup: file.backup ?? null })),
  requests: { list: outcome.requests.list, head: outcome.requests.head }
})
