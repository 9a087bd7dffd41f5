/**
 * A seeded scenario of any size for the benchmarks: N objects with the seed demo's proportions
 * (39 of 138 in client folders, 99 of 138 UUID-named in the pool), C clients, and phase-2
 * evidence for part of the pool (a migration log, database records, identical content, tracking
 * cells that already name pool files). The same options and seed always give the same bytes.
 */
import { createHash } from "node:crypto"
import type { InventoryObject } from "../../test/support/inventory/InventoryWriter.ts"

export interface ScenarioOptions {
  readonly objects: number
  readonly clients: number
  readonly seed: number
  /** Give each object real content (small N only: a local folder or s3rver needs bytes). */
  readonly withBodies?: boolean
}

/** One object of the scenario; `body` only when `withBodies`. */
export interface ScenarioObject extends InventoryObject {
  readonly body?: string
}

export interface ScenarioEvidence {
  readonly migrations: Array<readonly [oldKey: string, newKey: string]>
  readonly records: Array<readonly [uuid: string, rowId: string]>
  /** Pool UUIDs already in a client's tracking cell, by client index. */
  readonly tracked: Map<number, Array<string>>
}

export const poolShare = 99 / 138

/** mulberry32: small, fast, seeded; good enough to spread keys, sizes and owners. */
export const seededRandom = (seed: number) => {
  let state = seed >>> 0
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const hex = (random: () => number, digits: number) => {
  let text = ""
  while (text.length < digits) text += Math.floor(random() * 0x100000000).toString(16).padStart(8, "0")
  return text.slice(0, digits)
}

const uuidOf = (random: () => number) => {
  const h = hex(random, 32)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[Math.floor(random() * 4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export const rowIdOf = (client: number) => String(100000 + client)

const start = Date.UTC(2023, 0, 1)

/**
 * Generates the objects (in the order an inventory might list them) and fills `evidence` as it
 * goes: of the pool, 15% have a migration-log line from a client folder, 15% a database
 * record, 10% the content of a client-folder file, 3% a tracking cell that already names them.
 */
export function* scenarioObjects(options: ScenarioOptions, evidence: ScenarioEvidence): Generator<ScenarioObject> {
  const random = seededRandom(options.seed)
  const recent: Array<{ size: number; etag: string; body?: string }> = []
  for (let i = 0; i < options.objects; i++) {
    const lastModified = new Date(start + Math.floor(random() * 365 * 86400) * 1000).toISOString()
    const client = Math.floor(random() * options.clients)
    let size = options.withBodies === true ? 200 + Math.floor(random() * 4000) : 1000 + Math.floor(random() * 5_000_000)
    const body = options.withBodies === true ? `${i}:`.repeat(Math.ceil(size / (String(i).length + 1))).slice(0, size) : undefined
    let etag = body === undefined ? hex(random, 32) : createHash("md5").update(body).digest("hex")
    if (random() >= poolShare) {
      const key = `${rowIdOf(client)}/Client_${client}/document-${i}.pdf`
      if (recent.length < 1000) recent.push({ size, etag, ...(body === undefined ? {} : { body }) })
      else recent[i % 1000] = { size, etag, ...(body === undefined ? {} : { body }) }
      yield { key, size, etag, lastModified, ...(body === undefined ? {} : { body }) }
      continue
    }
    const uuid = uuidOf(random)
    const key = `files/${uuid}.pdf`
    const kind = random()
    let pooledBody = body
    if (kind < 0.15) {
      evidence.migrations.push([`${rowIdOf(client)}/Client_${client}/moved-${i}.pdf`, key])
    } else if (kind < 0.3) {
      evidence.records.push([uuid, rowIdOf(client)])
    } else if (kind < 0.4 && recent.length > 0) {
      const twin = recent[Math.floor(random() * recent.length)]!
      size = twin.size
      etag = twin.etag
      pooledBody = twin.body
    } else if (kind < 0.43) {
      const cell = evidence.tracked.get(client) ?? []
      cell.push(uuid)
      evidence.tracked.set(client, cell)
    }
    yield { key, size, etag, lastModified, ...(pooledBody === undefined ? {} : { body: pooledBody }) }
  }
}

/** The clients CSV: an id, a name and an e-mail column, then the two tracking columns. */
export function* clientsCsvLines(options: ScenarioOptions, tracked: ReadonlyMap<number, ReadonlyArray<string>>): Generator<string> {
  yield "row_id,name,email,file_uuids,file_count\n"
  for (let client = 0; client < options.clients; client++) {
    const cell = tracked.get(client)
    const uuids = cell === undefined ? "" : [...cell].sort().join(";")
    yield `${rowIdOf(client)},Client ${client},client${client}@example.com,${uuids},${cell === undefined ? "" : cell.length}\n`
  }
}
