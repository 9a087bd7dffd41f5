/**
 * Converts between a run's changes and the plan file (`src/domain/Plan.ts`): building the
 * file from a computed run, reading it back (refusing other format versions and malformed
 * files with exit 2), and turning its changes into `StateChanges` again. Pure apart from
 * `readPlanFile`, which reads one file.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import type { ClientRow } from "../domain/ClientRow.ts"
import type { Mapping } from "../domain/Mapping.ts"
import { PlanFile, planFormatVersion, type PlanLedgerRow, type PlanSettings, type PlanTracking } from "../domain/Plan.ts"
import type { FileFingerprint, ObjectFingerprint } from "../domain/PlanFingerprint.ts"
import { UsageError } from "../domain/UsageError.ts"
import { Disk } from "../io/files/Disk.ts"
import { describeDiskError } from "../io/files/DiskError.ts"
import { findJsonSyntaxError, formatJsonPath, offsetOfPath, positionAt } from "../io/json/JsonPosition.ts"
import type { PhaseName, PhaseSelection } from "../pipeline/Phases.ts"
import type { StateChanges } from "../pipeline/StateDiff.ts"
import type { Settings } from "./Settings.ts"

const rowOf = (mapping: Mapping): PlanLedgerRow => ({
  uuid: mapping.uuid,
  key: mapping.key,
  row_id: mapping.rowId,
  status: mapping.status,
  evidence: mapping.evidence.map((item) => ({ source: item.source, row_id: item.rowId, detail: item.detail })),
  confidence: mapping.confidence,
  why: mapping.why,
  size: mapping.size,
  etag: mapping.etag,
  last_modified: mapping.lastModified,
  metadata: mapping.metadata === null ? null : {
    etag: mapping.metadata.etag,
    last_modified: mapping.metadata.lastModified,
    names: [...mapping.metadata.names],
    values: { ...mapping.metadata.values }
  }
})

const mappingOf = (row: PlanLedgerRow): Mapping => ({
  uuid: row.uuid,
  key: row.key,
  rowId: row.row_id,
  status: row.status,
  evidence: row.evidence.map((item) => ({ source: item.source, rowId: item.row_id, detail: item.detail })),
  confidence: row.confidence,
  why: row.why,
  size: row.size,
  etag: row.etag,
  lastModified: row.last_modified,
  metadata: row.metadata === undefined || row.metadata === null ? null : {
    etag: row.metadata.etag,
    lastModified: row.metadata.last_modified,
    names: row.metadata.names,
    values: row.metadata.values
  }
})

const trackingOf = (client: ClientRow): PlanTracking => ({ tracked: client.tracked, file_uuids: [...client.uuids] })

/**
 * The settings a plan records, from the run's settings.
 *
 * @category building
 */
export const planSettingsOf = (settings: Settings): PlanSettings => ({
  bucket: settings.bucket,
  id_column: settings.columns.id,
  uuids_column: settings.columns.uuids,
  count_column: settings.columns.count,
  pool_prefix: settings.layout.poolPrefix,
  encoding: settings.encoding,
  delimiter: settings.delimiter ?? null,
  evidence_options: sortedKeys(evidenceOptionsOf(settings))
})

const evidenceOptionsOf = (settings: Settings): unknown => {
  const { migrationLogs: _logs, records: _records, ...options } = settings.evidence
  return options
}

// Canonical JSON: object keys sorted at every level, undefined fields dropped.
const sortedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortedKeys)
  if (typeof value !== "object" || value === null) return value
  const entries = Object.entries(value).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : 1))
  return Object.fromEntries(entries.map(([key, item]) => [key, sortedKeys(item)]))
}

/**
 * Everything a plan is built from.
 *
 * @category models
 */
interface PlanParts {
  readonly createdAt: string
  readonly tool: string
  readonly phase: PhaseSelection
  readonly ran: ReadonlyArray<PhaseName>
  readonly settings: Settings
  readonly clients: FileFingerprint
  readonly ledger: FileFingerprint
  readonly evidence: ReadonlyArray<FileFingerprint>
  readonly objects: ReadonlyArray<ObjectFingerprint>
  readonly changes: StateChanges
}

/**
 * Builds the plan file.
 *
 * @category building
 */
export const buildPlanFile = (parts: PlanParts): PlanFile => ({
  format_version: planFormatVersion,
  tool: parts.tool,
  created_at: parts.createdAt,
  phase: parts.phase,
  phases_ran: [...parts.ran],
  settings: planSettingsOf(parts.settings),
  inputs: { clients: parts.clients, ledger: parts.ledger, evidence: [...parts.evidence], objects: [...parts.objects] },
  summary: {
    new_uuids: parts.changes.ledger.filter((change) => change.before === null).length,
    ledger_rows: parts.changes.ledger.length,
    tracking_cells: parts.changes.cells.length
  },
  changes: {
    tracking_cells: parts.changes.cells.map((change) => ({
      row_id: change.rowId,
      before: trackingOf(change.before),
      after: trackingOf(change.after)
    })),
    ledger: parts.changes.ledger.map((change) => ({
      uuid: change.uuid,
      before: change.before === null ? null : rowOf(change.before),
      after: change.after === null ? null : rowOf(change.after)
    }))
  }
})

/**
 * The changes a plan holds, as the pipeline's `StateChanges`.
 *
 * @category reading
 */
export const changesOfPlan = (plan: PlanFile): StateChanges => ({
  cells: plan.changes.tracking_cells.map((change) => ({
    rowId: change.row_id,
    before: { rowId: change.row_id, tracked: change.before.tracked, uuids: [...change.before.file_uuids] },
    after: { rowId: change.row_id, tracked: change.after.tracked, uuids: [...change.after.file_uuids] }
  })),
  ledger: plan.changes.ledger.map((change) => ({
    uuid: change.uuid,
    before: change.before === null ? null : mappingOf(change.before),
    after: change.after === null ? null : mappingOf(change.after)
  }))
})

const badPlan = (file: string, message: string) => new UsageError({ reason: "BadFile", message: `Plan ${file}: ${message}` })

// `file:line:column: message`, the form every bad input is reported in.
const badPlanAt = (file: string, text: string, offset: number, message: string) => {
  const { column, line } = positionAt(text, offset)
  return new UsageError({ reason: "BadFile", message: `${file}:${line}:${column}: ${message}` })
}

const remake = "make a new plan with uuidmap plan --out"
const JsonObject = Schema.Record(Schema.String, Schema.Unknown)

/**
 * Decodes a plan file's text. Each refusal names the file, line and column: text that is not
 * JSON (a truncated file points at its end), another `format_version` (at the field), and a
 * value that is not what a plan holds, at that value, with its path
 * (`changes.ledger[0].after.status`).
 *
 * @category reading
 */
export const decodePlanText = (file: string, text: string): Effect.Effect<PlanFile, UsageError> =>
  Effect.gen(function*() {
    const json = yield* Effect.try({
      try: () => JSON.parse(text) as unknown,
      catch: () => {
        const { expected, offset } = findJsonSyntaxError(text) ?? { offset: 0, expected: "JSON" }
        const truncated = offset >= text.length ? "; the file looks truncated" : ""
        return badPlanAt(file, text, offset, `Plan is not valid JSON (expected ${expected} here)${truncated}: ${remake}`)
      }
    })
    const version = Schema.is(JsonObject)(json) ? json["format_version"] : undefined
    if (version !== planFormatVersion) {
      return yield* badPlanAt(
        file,
        text,
        offsetOfPath(text, ["format_version"]),
        `Plan has format_version ${JSON.stringify(version ?? null)}; this uuidmap reads format_version ${planFormatVersion}: ${remake}`
      )
    }
    return yield* Schema.decodeUnknownEffect(PlanFile)(json).pipe(
      Effect.mapError((error) => {
        const [issue] = SchemaIssue.makeFormatterStandardSchemaV1()(error.issue).issues
        const path = (issue?.path ?? []).map((step) => (typeof step === "object" && step !== null ? step.key : step))
        const where = path.length === 0 ? "" : ` at ${formatJsonPath(path)}`
        return badPlanAt(
          file,
          text,
          offsetOfPath(text, path),
          `Plan is not a valid uuidmap plan${where}: ${issue?.message ?? error.message}; it was edited or damaged: ${remake}`
        )
      })
    )
  })

/**
 * Reads and decodes a plan file.
 *
 * @category reading
 */
export const readPlanFile = (file: string): Effect.Effect<PlanFile, UsageError, Disk> =>
  Effect.gen(function*() {
    const bytes = yield* (yield* Disk).readFile(file).pipe(
      Effect.mapError((error) => badPlan(file, error.code === "ENOENT" ? "file does not exist" : `cannot be read (${describeDiskError(error)})`))
    )
    return yield* decodePlanText(file, new TextDecoder().decode(bytes))
  })
