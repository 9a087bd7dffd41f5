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
 * @example The checks, in the order they run
 * ```ts
 * import assert from "node:assert/strict"
 * import { checkNames } from "uuidmap"
 *
 * assert.equal(checkNames[0], "row-ids-not-empty")
 * assert.equal(checkNames.at(-1), "idempotent")
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
 * @example Naming a check to lower
 * ```ts
 * import assert from "node:assert/strict"
 * import { type CheckName, defaultVerifyOptions, type VerifyOptions } from "uuidmap"
 *
 * const lowered: CheckName = "keys-in-bucket"
 * const options: VerifyOptions = { ...defaultVerifyOptions, warn: new Set([lowered]) }
 * assert.equal(options.warn.has("keys-in-bucket"), true)
 * ```
 * @category models
 */
export type CheckName = typeof checkNames[number]

/**
 * Tells whether a string names a check (for `--warn CHECK`).
 *
 * @example A flag's value
 * ```ts
 * import assert from "node:assert/strict"
 * import { isCheckName } from "./Check.ts"
 *
 * assert.equal(isCheckName("idempotent"), true)
 * assert.equal(isCheckName("nope"), false)
 * ```
 * @category guards
 */
export const isCheckName = (name: string): name is CheckName => (checkNames as ReadonlyArray<string>).includes(name)

/**
 * A check.
 *
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
 * @category formatting
 */
export const at = (file: string, line: number): string => `${file}:${line}`

/**
 * A value quoted for a message.
 *
 * @category formatting
 */
export const quote = (value: string): string => JSON.stringify(value)
