/**
 * Migration logs (`--migration-log FILE`, SPEC §2 source 1): CSV or JSON Lines rows saying a
 * file moved from an old key to a new key, or from an old key to a UUID. The old key's client
 * folder names the owner; the old key usually no longer exists. Column names are settable
 * (`--migration-columns old=…,new=…,uuid=…`). Every row is checked: a bad row refuses the whole
 * file with its line and column, before anything is decided.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { EvidenceError } from "../../domain/EvidenceError.ts"
import { type FileUuid, isFileUuid } from "../../domain/FileUuid.ts"
import { firstSegment, unsafeObjectKey } from "../../domain/ObjectKey.ts"
import type { Claim } from "../../domain/PoolEvidence.ts"
import {
  cellNamed,
  evidenceFileLabel,
  type EvidenceRow,
  type EvidenceHeader,
  hasColumn,
  readClaims
} from "./EvidenceRows.ts"

/**
 * The column (or JSON field) names of a migration log.
 *
 * @example A log with its own column names
 * ```ts
 * import assert from "node:assert/strict"
 * import { makeSettings, type MigrationColumns } from "uuidmap"
 *
 * const migrationColumns: MigrationColumns = { old: "from", new: "to", uuid: "file_id" }
 * const settings = makeSettings({ clientsFile: "clients.csv", bucket: "file:///data/bucket", evidence: { migrationLogs: ["moves.csv"], records: [], migrationColumns } })
 * assert.equal(settings.evidence.migrationColumns?.old, "from")
 * ```
 * @category models
 */
export interface MigrationColumns {
  /** The key before the move (default `old_key`). */
  readonly old: string
  /** The key after the move (default `new_key`). */
  readonly new: string
  /** The file's UUID, when the log gives it instead of the new key (default `uuid`). */
  readonly uuid: string
}

/**
 * `old_key`, `new_key`, `uuid` (SPEC §2).
 *
 * @category constructors
 */
export const defaultMigrationColumns: MigrationColumns = { old: "old_key", new: "new_key", uuid: "uuid" }

// Keys are relative to the bucket; a leading slash or an `s3://bucket/` URL are common ways
// of writing them anyway.
const normaliseKey = (key: string): string => key.trim().replace(/^s3:\/\/[^/]*\//, "").replace(/^\/+/, "")

/**
 * Reads a UUID cell, accepting upper case (it is lower-cased) but nothing else.
 *
 * @category parsing
 */
export const parseUuidCell = (text: string): FileUuid | undefined => {
  const value = text.trim().toLowerCase()
  return isFileUuid(value) ? value : undefined
}

const checkHeader = (table: EvidenceHeader, columns: MigrationColumns): EvidenceError | undefined => {
  const missing = !hasColumn(table, columns.old)
    ? `Migration log has no "${columns.old}" column`
    : !hasColumn(table, columns.new) && !hasColumn(table, columns.uuid)
    ? `Migration log has neither a "${columns.new}" nor a "${columns.uuid}" column`
    : undefined
  if (missing === undefined) return undefined
  return new EvidenceError({
    reason: "MissingColumn",
    file: table.file,
    line: 1,
    column: 1,
    message: `${missing}; name the columns with --migration-columns old=…,new=…,uuid=…`
  })
}

const readRow = (table: EvidenceHeader, row: EvidenceRow, columns: MigrationColumns): Claim | EvidenceError => {
  const fail = (reason: "EmptyValue" | "InvalidValue", at: { line: number; column: number } | undefined, message: string) =>
    new EvidenceError({ reason, file: table.file, line: at?.line ?? row.line, column: at?.column ?? 1, message })
  const old = cellNamed(row, columns.old)
  const oldKey = normaliseKey(old?.text ?? "")
  if (oldKey === "") return fail("EmptyValue", old, `Old key ("${columns.old}") is empty`)
  const uuidCell = cellNamed(row, columns.uuid)
  const newCell = cellNamed(row, columns.new)
  const detail = `${evidenceFileLabel(table.file)} line ${row.line}`
  const base = { source: "migration-log", rowId: firstSegment(oldKey) ?? "", fromKey: unsafeObjectKey(oldKey) } as const
  if (uuidCell !== undefined && uuidCell.text.trim() !== "") {
    const uuid = parseUuidCell(uuidCell.text)
    if (uuid === undefined) return fail("InvalidValue", uuidCell, `UUID ${JSON.stringify(uuidCell.text)} is not a UUID`)
    return { ...base, target: { _tag: "ByUuid", uuid }, detail }
  }
  const newKey = normaliseKey(newCell?.text ?? "")
  if (newKey === "") {
    return fail("EmptyValue", newCell ?? uuidCell, `Row names neither a new key ("${columns.new}") nor a UUID ("${columns.uuid}")`)
  }
  return { ...base, target: { _tag: "ByKey", key: unsafeObjectKey(newKey) }, detail }
}

/**
 * Reads a migration log into claims (one per row, source `migration-log`, naming the old
 * key's folder). Fails on the first bad row: a missing column, an empty old key, a row with
 * neither new key nor UUID, a UUID that is not one, broken CSV or JSON.
 *
 * @category reading
 */
export const readMigrationLog = (
  file: string,
  bytes: Uint8Array,
  columns: MigrationColumns,
  keep?: (claim: Claim) => boolean
): Effect.Effect<ReadonlyArray<Claim>, EvidenceError> =>
  readClaims(file, bytes, columns, checkHeader, readRow, keep)
