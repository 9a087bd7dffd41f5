/**
 * Exit codes (SPEC §3) and the one-line message for every error uuidmap can meet. No stack
 * trace ever reaches the user for an expected failure.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { type CsvError, formatCsvError } from "../domain/CsvError.ts"
import { type EvidenceError, formatEvidenceError } from "../domain/EvidenceError.ts"
import { formatInventoryError, type InventoryError } from "../domain/InventoryError.ts"
import { formatStalePlanError, type StalePlanError } from "../domain/StalePlanError.ts"
import type { StoreError } from "../domain/StoreError.ts"
import type { UsageError } from "../domain/UsageError.ts"

/**
 * 0 ok · 1 invariant violated (or review needed with --strict) · 2 bad input or usage ·
 * 3 stale plan · 4 store unreachable or denied · 5 changes pending (only with
 * `--detailed-exitcode` on `run --diff` and `plan`, like `terraform plan -detailed-exitcode`) ·
 * 70 internal error, a bug in uuidmap (`EX_SOFTWARE` of sysexits.h; SPEC §3 names no code
 * for it, and 1 would read as a failed invariant to CI).
 *
 * @category models
 */
export const ExitCode = {
  Ok: 0,
  Violation: 1,
  BadInput: 2,
  StalePlan: 3,
  StoreFailed: 4,
  ChangesPending: 5,
  InternalError: 70
} as const

/**
 * Any error a command may end with.
 *
 * @category models
 */
type KnownError = CsvError | EvidenceError | InventoryError | StalePlanError | StoreError | UsageError

/**
 * The message and exit code for an error.
 *
 * @category errors
 */
export const describeError = (error: KnownError): { readonly code: number; readonly message: string } => {
  switch (error._tag) {
    case "CsvError":
      return { code: ExitCode.BadInput, message: formatCsvError(error) }
    case "EvidenceError":
      return { code: ExitCode.BadInput, message: formatEvidenceError(error) }
    case "InventoryError":
      return { code: ExitCode.BadInput, message: formatInventoryError(error) }
    case "StalePlanError":
      return { code: ExitCode.StalePlan, message: formatStalePlanError(error) }
    case "StoreError":
      return { code: ExitCode.StoreFailed, message: error.message }
    case "UsageError":
      return { code: ExitCode.BadInput, message: error.message }
  }
}

/**
 * The message and exit code for a defect: a bug, not bad input. It goes to stderr with its
 * stack (the one case where a trace helps: the report), and says the files are whole, which
 * the commit protocol guarantees whenever the process stops.
 *
 * @example A thrown error becomes exit 70 with its stack
 * ```ts
 * import assert from "node:assert/strict"
 * import { describeDefect } from "./ExitCode.ts"
 *
 * const { code, message } = describeDefect(new TypeError("boom"))
 * assert.equal(code, 70)
 * assert.match(message, /^internal error \(a bug in uuidmap\): TypeError: boom\n    at /)
 * ```
 * @category errors
 */
export const describeDefect = (defect: unknown): { readonly code: number; readonly message: string } => {
  const shown = defect instanceof Error ? defect.stack ?? `${defect.name}: ${defect.message}` : String(defect)
  return {
    code: ExitCode.InternalError,
    message: `internal error (a bug in uuidmap): ${shown}\n` +
      "The CSV and the ledger are whole: every write is one crash-safe commit, which the next run finishes or undoes. " +
      "Please report this message."
  }
}

/**
 * Sets the process's exit code for a command that succeeded but must tell CI something (a
 * failed verification, pending changes), without printing an error.
 *
 * @category errors
 */
export const exitWith = (code: number) =>
  Effect.sync(() => {
    process.exitCode = code
  })
