/**
 * When a tracking cell keeps a UUID whose file is in review (README, "Conflicts"): the file's
 * evidence is a real conflict (it names two or more row ids) and a trusted source among it
 * names the cell's client, so the cell's claim is one side of the conflict. A person decides;
 * until then the tool does not take the UUID out of that cell. One rule for the phases (what
 * the cells keep, and which cell claims the ledger already explains) and for `verify`.
 *
 * @module
 */
import type { EvidenceSource } from "../domain/Evidence.ts"

/**
 * Whether a row of this status and evidence lets the cell of `rowId` keep its UUID.
 *
 * @category cells
 */
export const keptInCell = (
  status: string,
  evidence: ReadonlyArray<{ readonly source: EvidenceSource | string; readonly rowId: string }>,
  rowId: string
): boolean => {
  if (status !== "review") return false
  let trusted = false
  const named = new Set<string>()
  for (const item of evidence) {
    named.add(item.rowId)
    if (item.rowId === rowId && item.source !== "weak" && item.source !== "human") trusted = true
  }
  return trusted && named.size >= 2
}
