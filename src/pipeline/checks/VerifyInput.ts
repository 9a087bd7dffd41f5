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
 * @example
 * ```ts
 * import type { ClientRecord } from "./VerifyInput.ts"
 * const row: ClientRecord = { line: 2, rowId: "502", uuidsCell: "", countCell: "0" }
 * ```
 * @category models
 */
export interface ClientRecord {
  readonly line: number
  readonly rowId: string
  readonly uuidsCell: string | undefined
  readonly countCell: string | undefined
}

/**
 * One data row of the ledger, its cells as text (empty when the column is absent).
 *
 * @example
 * ```ts
 * import type { LedgerRecord } from "./VerifyInput.ts"
 * const row: LedgerRecord = {
 *   line: 2, uuid: "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f", key: "502/a.pdf", rowId: "502",
 *   status: "mapped", evidence: "[]", confidence: "1", size: "3"
 * }
 * ```
 * @category models
 */
export interface LedgerRecord {
  readonly line: number
  readonly uuid: string
  readonly key: string
  readonly rowId: string
  readonly status: string
  readonly evidence: string
  readonly confidence: string
  readonly size: string
}

/**
 * What planning again gave: the changes, or the reason planning refused (bad input).
 *
 * @example
 * ```ts
 * import type { Replan } from "./VerifyInput.ts"
 * const clean: Replan = { _tag: "Planned", changes: { cells: [], ledger: [] } }
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
 * @example
 * ```ts
 * import type { VerifyInput } from "./VerifyInput.ts"
 * const input: VerifyInput = {
 *   clientsFile: "clients.csv", ledgerFile: "clients.ledger.csv", clients: [], ledger: [],
 *   inBucket: () => false, replan: { _tag: "Planned", changes: { cells: [], ledger: [] } }
 * }
 * ```
 * @category models
 */
export interface VerifyInput {
  readonly clientsFile: string
  readonly ledgerFile: string
  readonly clients: ReadonlyArray<ClientRecord>
  readonly ledger: ReadonlyArray<LedgerRecord>
  readonly inBucket: (key: string) => boolean
  readonly replan: Replan
}

/**
 * One offending row: where (`file:line`, or a key) and what is wrong.
 *
 * @example
 * ```ts
 * import type { Offence } from "./VerifyInput.ts"
 * const offence: Offence = { location: "clients.csv:3", message: "Row id \"502\" is already used on line 2" }
 * ```
 * @category models
 */
export interface Offence {
  readonly location: string
  readonly message: string
}

/**
 * The items of a tracking cell (`;`-separated; an empty cell has none).
 *
 * @example
 * ```ts
 * import { cellItems } from "./VerifyInput.ts"
 * cellItems("a;b") // ["a", "b"]
 * cellItems("") // []
 * ```
 * @category parsing
 */
export const cellItems = (cell: string | undefined): ReadonlyArray<string> =>
  cell === undefined || cell === "" ? [] : cell.split(";")
