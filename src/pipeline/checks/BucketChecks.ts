/**
 * Checks the ledger against the bucket: every file the ledger records as present is there.
 * A file that is gone is not an error to hide: the next run records it as `missing` and keeps
 * it (and its owner) rather than dropping it, and this check names it until then.
 *
 * @module
 */
import { at, type Check, quote } from "./Check.ts"
import type { Offence } from "./VerifyInput.ts"

/**
 * Every mapped, review or unmapped ledger row has a key, and that key is in the bucket.
 *
 * @category checks
 */
export const keysInBucket: Check = {
  name: "keys-in-bucket",
  description: "every mapped or review key (and every other key the ledger says is present) exists in the bucket",
  run: (input) => {
    const offences: Array<Offence> = []
    for (const row of input.ledger) {
      if (row.status !== "mapped" && row.status !== "review" && row.status !== "unmapped") continue
      const owner = row.rowId === "" ? "" : ` (${row.status === "mapped" ? "owner" : "candidate"} ${quote(row.rowId)})`
      if (row.key === "") {
        offences.push({ location: at(input.ledgerFile, row.line), message: `UUID ${quote(row.uuid)} is ${row.status}${owner} but has no key` })
      } else if (!input.inBucket(row.key)) {
        offences.push({
          location: row.key,
          message: `${quote(row.key)} (UUID ${quote(row.uuid)}, ${row.status}${owner}, ${at(input.ledgerFile, row.line)}) is not in the bucket; the next run records it as missing`
        })
      }
    }
    return offences
  }
}
