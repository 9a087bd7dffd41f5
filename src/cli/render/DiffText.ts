/**
 * Renders a run's changes as a readable diff: tracking cells first, then ledger rows.
 *
 * @module
 */
import type { ClientRow } from "../../domain/ClientRow.ts"
import type { Mapping } from "../../domain/Mapping.ts"
import { sameReading } from "../../domain/MetadataReading.ts"
import type { StateChanges } from "../../pipeline/StateDiff.ts"
import type { Painter } from "./Colour.ts"

const cell = (client: ClientRow): string =>
  client.tracked ? `${client.uuids.length} file${client.uuids.length === 1 ? "" : "s"} [${client.uuids.join(";")}]` : "(not tracked)"

const describe = (mapping: Mapping): string =>
  `${mapping.status}${mapping.rowId === null ? "" : ` ${mapping.rowId}`}`

/**
 * The diff as lines of text, one at a time, so a diff of a million rows is printed as it is
 * rendered and never held whole. `files` names the CSV and the ledger in the headings.
 *
 * @category rendering
 */
export function* diffLines(
  changes: StateChanges,
  files: { readonly clients: string; readonly ledger: string },
  paint: Painter
): Generator<string> {
  if (changes.cells.length === 0 && changes.ledger.length === 0) {
    yield "No changes."
    return
  }
  if (changes.cells.length > 0) {
    yield paint.bold(`--- ${files.clients} (tracking cells: ${changes.cells.length} row${changes.cells.length === 1 ? "" : "s"})`)
    for (const change of changes.cells) {
      yield `  row ${change.rowId}`
      yield paint.red(`    - ${cell(change.before)}`)
      yield paint.green(`    + ${cell(change.after)}`)
    }
  }
  if (changes.ledger.length > 0) {
    yield paint.bold(`--- ${files.ledger} (${changes.ledger.length} row${changes.ledger.length === 1 ? "" : "s"})`)
    for (const change of changes.ledger) {
      if (change.before === null && change.after !== null) {
        yield paint.green(`  + ${change.uuid}  ${change.after.key ?? "(no key)"}  ${describe(change.after)}: ${change.after.why}`)
      } else if (change.after === null && change.before !== null) {
        yield paint.red(`  - ${change.uuid}  ${change.before.key ?? "(no key)"}  ${describe(change.before)}`)
      } else if (change.before !== null && change.after !== null) {
        // A new metadata reading alone changes the row too: say so, or the line looks empty.
        const read = sameReading(change.before.metadata, change.after.metadata) ? "" : " (metadata read)"
        yield paint.yellow(`  ~ ${change.uuid}  ${change.after.key ?? "(no key)"}  ${describe(change.before)} -> ${describe(change.after)}${read}: ${change.after.why}`)
      }
    }
  }
}
