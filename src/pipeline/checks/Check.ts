/**
 * A verify check: a name CI can show, a one-line description, and a pure function from the
 * verify input to every offending row. Checks never stop at the first problem.
 *
 * @module
 */
import type { Offence, VerifyInput } from "./VerifyInput.ts"

/**
 * The names of the checks, in the order they run and are shown.
 *
 * @example
 * ```ts
 * import { checkNames } from "./Check.ts"
 * checkNames.includes("owners-agree") // true
 * ```
 * @category models
 */
export const checkNames = [
  "row-ids-not-empty",
  "row-ids-unique",
  "uuids-valid",
  "file-counts-match",
  "ledger-cells-valid",
  "ledger-uuids-unique",
  "ledger-keys-unique",
  "uuids-single-owner",
  "owners-agree",
  "keys-in-bucket",
  "idempotent"
] as const

/**
 * A check's name.
 *
 * @example
 * ```ts
 * import type { CheckName } from "./Check.ts"
 * const name: CheckName = "keys-in-bucket"
 * ```
 * @category models
 */
export type CheckName = typeof checkNames[number]

/**
 * Tells whether a string names a check (for `--warn CHECK`).
 *
 * @example
 * ```ts
 * import { isCheckName } from "./Check.ts"
 * isCheckName("idempotent") // true
 * isCheckName("nope") // false
 * ```
 * @category guards
 */
export const isCheckName = (name: string): name is CheckName => (checkNames as ReadonlyArray<string>).includes(name)

/**
 * A check.
 *
 * @example
 * ```ts
 * import type { Check } from "./Check.ts"
 * const never: Check = { name: "idempotent", description: "planning again changes nothing", run: () => [] }
 * ```
 * @category models
 */
export interface Check {
  readonly name: CheckName
  readonly description: string
  readonly run: (input: VerifyInput) => ReadonlyArray<Offence>
}

/**
 * `file:line`, the way offences cite a row.
 *
 * @example
 * ```ts
 * import { at } from "./Check.ts"
 * at("clients.csv", 3) // "clients.csv:3"
 * ```
 * @category formatting
 */
export const at = (file: string, line: number): string => `${file}:${line}`

/**
 * A value quoted for a message.
 *
 * @example
 * ```ts
 * import { quote } from "./Check.ts"
 * quote("502") // "\"502\""
 * ```
 * @category formatting
 */
export const quote = (value: string): string => JSON.stringify(value)
