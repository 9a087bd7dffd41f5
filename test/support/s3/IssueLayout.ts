/**
 * The bucket of issue 8, exactly: 20,000 objects, 13,333 of them in 500 client folders
 * `N/Client_N/doc-K.pdf` (clients 1 to 333 hold 27 files, 334 to 500 hold 26) and 6,667 pool
 * files `files/<uuid>.pdf`, with a clients CSV of row ids 1 to 500. On s3rver 3.7.1 a
 * `Delimiter` listing after the first page reports only `files/` for it, since its client
 * folders hold only subfolders. Tests and the benchmark share it.
 *
 * @module
 */
import type { SeedObject } from "./S3Seeding.ts"

/** How many objects of each kind the layout holds. */
export const issueLayoutCounts = { clients: 500, clientFiles: 13_333, poolFiles: 6_667, objects: 20_000 } as const

/**
 * The UUID of pool file `i` (a valid version 4 UUID, different for every `i`).
 *
 * @example
 * ```ts
 * import { poolUuid } from "./IssueLayout.ts"
 * poolUuid(0) // "00000000-0000-4000-8000-000000000000"
 * ```
 */
export const poolUuid = (i: number): string => {
  const hex = (i * 2_654_435_761 % 2 ** 32).toString(16).padStart(8, "0")
  return `${hex}-${String(i % 10_000).padStart(4, "0")}-4000-8000-${i.toString(16).padStart(12, "0")}`
}

/**
 * The objects of the layout, client folders first.
 *
 * @example
 * ```ts
 * import { issueLayout } from "./IssueLayout.ts"
 * [...issueLayout()].length // 20000
 * ```
 */
export function* issueLayout(): Generator<SeedObject> {
  const perClient = (client: number) => (client <= 333 ? 27 : 26)
  for (let client = 1; client <= issueLayoutCounts.clients; client++) {
    for (let doc = 1; doc <= perClient(client); doc++) {
      yield { key: `${client}/Client_${client}/doc-${doc}.pdf`, body: `client ${client} document ${doc}` }
    }
  }
  for (let i = 0; i < issueLayoutCounts.poolFiles; i++) {
    yield { key: `files/${poolUuid(i)}.pdf`, body: `pool file ${i}` }
  }
}

/**
 * The clients CSV of the layout: row ids 1 to 500, no tracking columns yet.
 *
 * @example
 * ```ts
 * import { issueLayoutClientsCsv } from "./IssueLayout.ts"
 * issueLayoutClientsCsv().split("\n")[1] // "1,Client 1"
 * ```
 */
export const issueLayoutClientsCsv = (): string => {
  const rows = ["row_id,name"]
  for (let client = 1; client <= issueLayoutCounts.clients; client++) rows.push(`${client},Client ${client}`)
  return rows.join("\n") + "\n"
}
