/**
 * What `verify` checks, as raw as the files hold it. `run` refuses a CSV with a bad tracking
 * cell or a duplicate row id (exit 2); `verify` must instead report every such problem, so its
 * input is the cells' text, not the validated model. The program builds it from the files, or
 * from a State when a report verifies a computed result.
 *
 * @module
 */
import type { StateChanges } from "../StateDiff.ts"

/**
 * One data row of the clients CSV: its line, its id cell, and its tracking cells (undefined
 * when the column is absent).
 *
 * @example A count that disagrees with its cell
 * ```ts
 * import assert from "node:assert/strict"
 * import { type ClientRecord, defaultVerifyOptions, verify } from "uuidmap"
 *
 * const row: ClientRecord = { line: 2, rowId: "502", uuidsCell: "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f", countCell: "2" }
 * const report = verify({ clientsFile: "c.csv", ledgerFile: "l.csv", clients: [row], ledger: [], inBucket: () => true, replan: { _tag: "Planned", changes: { cells: [], ledger: [] } } }, defaultVerifyOptions)
 * assert.equal(report.checks.find((check) => check.name === "file-counts-match")?.passed, false)
 * ```
 * @category models
 */
export interface ClientRecord {
  /** The row's line in the file. */
  readonly line: number
  /** The id cell. */
  readonly rowId: string
  /** The UUIDs cell; undefined when the column is absent. */
  readonly uuidsCell: string | undefined
  /** The count cell; undefined when the column is absent. */
  readonly countCell: string | undefined
}

/**
 * One data row of the ledger, its cells as text (empty when the column is absent).
 *
 * @example A ledger row whose key is gone
 * ```ts
 * import assert from "node:assert/strict"
 * import { defaultVerifyOptions, type LedgerRecord, verify } from "uuidmap"
 *
 * const row: LedgerRecord = {
 *   line: 2, uuid: "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f", key: "502/a.pdf", rowId: "502",
 *   status: "mapped", evidence: "[]", confidence: "1", size: "3"
 * }
 * const report = verify({ clientsFile: "c.csv", ledgerFile: "l.csv", clients: [], ledger: [row], inBucket: () => false, replan: { _tag: "Planned", changes: { cells: [], ledger: [] } } }, defaultVerifyOptions)
 * assert.deepStrictEqual(report.checks.find((check) => check.name === "keys-in-bucket")?.offences.map((offence) => offence.location), ["502/a.pdf"])
 * ```
 * @category models
 */
export interface LedgerRecord {
  /** The row's line in the file. */
  readonly line: number
  /** The `uuid` cell. */
  readonly uuid: string
  /** The `key` cell. */
  readonly key: string
  /** The `row_id` cell. */
  readonly rowId: string
  /** The `status` cell. */
  readonly status: string
  /** The `evidence` cell. */
  readonly evidence: string
  /** The `confidence` cell. */
  readonly confidence: string
  /** The `size` cell. */
  readonly size: string
}

/**
 * What planning again gave: the changes, or the reason planning refused (bad input).
 *
 * @example Planning again was refused
 * ```ts
 * import assert from "node:assert/strict"
 * import { defaultVerifyOptions, type Replan, verify } from "uuidmap"
 *
 * const replan: Replan = { _tag: "Refused", reason: "1 file still needs a UUID" }
 * const report = verify({ clientsFile: "c.csv", ledgerFile: "l.csv", clients: [], ledger: [], inBucket: () => true, replan }, defaultVerifyOptions)
 * assert.equal(report.checks.find((check) => check.name === "idempotent")?.passed, false)
 * ```
 * @category models
 */
export type Replan =
  | { readonly _tag: "Planned"; readonly changes: StateChanges }
  | { readonly _tag: "Refused"; readonly reason: string }

/**
 * Everything the checks read: the two files' rows (with the names to cite), whether a key is
 * in the bucket, and what planning again gave.
 *
 * @example Nothing to check
 * ```ts
 * import assert from "node:assert/strict"
 * import { defaultVerifyOptions, verify, type VerifyInput } from "uuidmap"
 *
 * const input: VerifyInput = {
 *   clientsFile: "clients.csv", ledgerFile: "clients.ledger.csv", clients: [], ledger: [],
 *   inBucket: () => false, replan: { _tag: "Planned", changes: { cells: [], ledger: [] } }
 * }
 * assert.equal(verify(input, defaultVerifyOptions).ok, true)
 * ```
 * @category models
 */
export interface VerifyInput {
  /** The clients CSV's name, for locations. */
  readonly clientsFile: string
  /** The ledger's name, for locations. */
  readonly ledgerFile: string
  /** The clients CSV's data rows. */
  readonly clients: ReadonlyArray<ClientRecord>
  /** The ledger's data rows. */
  readonly ledger: ReadonlyArray<LedgerRecord>
  /** Whether a key is in the bucket (listed or reported). */
  readonly inBucket: (key: string) => boolean
  /** What planning again gave. */
  readonly replan: Replan
}

/**
 * One offending row: where (`file:line`, or a key) and what is wrong.
 *
 * @example Where and what
 * ```ts
 * import assert from "node:assert/strict"
 * import { defaultVerifyOptions, type Offence, verify } from "uuidmap"
 *
 * const report = verify({
 *   clientsFile: "clients.csv", ledgerFile: "l.csv", ledger: [], inBucket: () => true,
 *   clients: [{ line: 2, rowId: "", uuidsCell: "", countCell: "" }],
 *   replan: { _tag: "Planned", changes: { cells: [], ledger: [] } }
 * }, defaultVerifyOptions)
 * const offence: Offence = report.checks.find((check) => check.name === "row-ids-not-empty")!.offences[0]!
 * assert.equal(offence.location, "clients.csv:2")
 * ```
 * @category models
 */
export interface Offence {
  /** `file:line`, or a key. */
  readonly location: string
  /** What is wrong. */
  readonly message: string
}

/**
 * The items of a tracking cell (`;`-separated; an empty cell has none).
 *
 * @example A cell's items
 * ```ts
 * import assert from "node:assert/strict"
 * import { cellItems } from "./VerifyInput.ts"
 *
 * assert.deepStrictEqual(cellItems("a;b"), ["a", "b"])
 * assert.deepStrictEqual(cellItems(""), [])
 * ```
 * @category parsing
 */
export const cellItems = (cell: string | undefined): ReadonlyArray<string> =>
  cell === undefined || cell === "" ? [] : cell.split(";")
