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
 * `--detailed-exitcode` on `run --diff` and `plan`, like `terraform plan -detailed-exitcode`).
 *
 * @category models
 */
export const ExitCode = {
  Ok: 0,
  Violation: 1,
  BadInput: 2,
  StalePlan: 3,
  StoreFailed: 4,
  ChangesPending: 5
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
 * Sets the process's exit code for a command that succeeded but must tell CI something (a
 * failed verification, pending changes), without printing an error.
 *
 * @category errors
 */
export const exitWith = (code: number) =>
  Effect.sync(() => {
    process.exitCode = code
  })
