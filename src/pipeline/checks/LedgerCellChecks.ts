/**
 * Checks that every ledger cell holds what uuidmap writes: a known status, an owner where the
 * status needs one, evidence as a JSON array, a confidence from 0 to 1, a size in bytes.
 *
 * @module
 */
import { EvidenceSource } from "../../domain/Evidence.ts"
import { MappingStatus } from "../../domain/MappingStatus.ts"
import { at, type Check, quote } from "./Check.ts"
import type { LedgerRecord, Offence } from "./VerifyInput.ts"

const statuses: ReadonlyArray<string> = MappingStatus.literals
const sources: ReadonlyArray<string> = EvidenceSource.literals

const evidenceProblem = (text: string): string | undefined => {
  if (text === "") return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return `evidence ${quote(text)} is not valid JSON`
  }
  if (!Array.isArray(parsed)) return `evidence ${quote(text)} is not a JSON array`
  for (const item of parsed as Array<unknown>) {
    const fields = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>
    const { detail, row_id, source } = fields
    if (typeof source !== "string" || !sources.includes(source) || typeof row_id !== "string" || row_id === "" || typeof detail !== "string") {
      return `evidence item ${quote(JSON.stringify(item) ?? "")} needs a known "source", a non-empty "row_id" and a "detail"`
    }
  }
  return undefined
}

const rowProblems = (row: LedgerRecord): ReadonlyArray<string> => {
  const problems: Array<string> = []
  if (!statuses.includes(row.status)) problems.push(`status ${quote(row.status)} is not one of ${statuses.join(", ")}`)
  if ((row.status === "mapped" || row.status === "review") && row.rowId === "") {
    problems.push(`status is ${row.status} but row_id is empty`)
  }
  const evidence = evidenceProblem(row.evidence)
  if (evidence !== undefined) problems.push(evidence)
  if (!/^[0-9]+(\.[0-9]+)?$/.test(row.confidence) || Number(row.confidence) > 1) {
    problems.push(`confidence ${quote(row.confidence)} is not a number from 0 to 1`)
  }
  if (row.size !== "" && !(/^[0-9]+$/.test(row.size) && Number.isSafeInteger(Number(row.size)))) {
    problems.push(`size ${quote(row.size)} is not a non-negative integer`)
  }
  return problems
}

/**
 * Every ledger row's cells are well formed.
 *
 * @category checks
 */
export const ledgerCellsValid: Check = {
  name: "ledger-cells-valid",
  description: "every ledger row has a known status, an owner where needed, and well-formed evidence, confidence and size",
  run: (input) =>
    input.ledger.flatMap((row): ReadonlyArray<Offence> =>
      rowProblems(row).map((problem) => ({ location: at(input.ledgerFile, row.line), message: `UUID ${quote(row.uuid)}: ${problem}` }))
    )
}
