/**
 * Exit codes (SPEC §3) and the one-line message for every error uuidmap can meet. No stack
 * trace ever reaches the user for an expected failure.
 *
 * @module
 */
import { type CsvError, formatCsvError } from "../domain/CsvError.ts"
import type { StoreError } from "../domain/StoreError.ts"
import type { UsageError } from "../domain/UsageError.ts"

/**
 * 0 ok · 1 invariant violated (or review needed with --strict) · 2 bad input or usage ·
 * 3 stale plan · 4 store unreachable or denied.
 *
 * @example
 * ```ts
 * import { ExitCode } from "./ExitCode.ts"
 * ExitCode.BadInput // 2
 * ```
 * @category models
 */
export const ExitCode = {
  Ok: 0,
  Violation: 1,
  BadInput: 2,
  StalePlan: 3,
  StoreFailed: 4
} as const

/**
 * Any error a command may end with.
 *
 * @example
 * ```ts
 * import type { KnownError } from "./ExitCode.ts"
 * ```
 * @category models
 */
export type KnownError = CsvError | StoreError | UsageError

/**
 * The message and exit code for an error.
 *
 * @example
 * ```ts
 * import { describeError } from "./ExitCode.ts"
 * import { UsageError } from "../domain/UsageError.ts"
 * describeError(new UsageError({ reason: "BadFlag", message: "--phase must be 1, 2, 3 or all" }))
 * // { code: 2, message: "--phase must be 1, 2, 3 or all" }
 * ```
 * @category errors
 */
export const describeError = (error: KnownError): { readonly code: number; readonly message: string } => {
  switch (error._tag) {
    case "CsvError":
      return { code: ExitCode.BadInput, message: formatCsvError(error) }
    case "StoreError":
      return { code: ExitCode.StoreFailed, message: error.message }
    case "UsageError":
      return { code: ExitCode.BadInput, message: error.message }
  }
}
