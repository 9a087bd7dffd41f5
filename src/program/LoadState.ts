/**
 * Loads a run's state through the services: the clients CSV (`ClientsCsv`), the ledger
 * (`Ledger`), and one pass over the bucket listing (`ListingFold.ts`). Object metadata is
 * loaded only when phase 2 will run: no other phase can use it.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { compareMappings, type Mapping } from "../domain/Mapping.ts"
import type { MetadataReading } from "../domain/MetadataReading.ts"
import type { ObjectKey } from "../domain/ObjectKey.ts"
import { emptyPoolEvidence } from "../domain/PoolEvidence.ts"
import { makeState, type State } from "../domain/State.ts"
import type { ClientsTable, ClientsTableOptions } from "../io/csv/ClientsTable.ts"
import { UsageError } from "../domain/UsageError.ts"
import { type Digest, digestOf } from "../io/files/FileDigest.ts"
import { ClientsCsv } from "../io/state/ClientsCsv.ts"
import { Ledger } from "../io/state/Ledger.ts"
import { poolOverlap } from "../pipeline/LayoutCheck.ts"
import { type PhaseSelection, phasesOf } from "../pipeline/Phases.ts"
import { buildRunIndex, type RunIndex } from "../pipeline/RunIndex.ts"
import { withFreshUuids } from "./FreshUuids.ts"
import { ledgerKeysOf, listBucket } from "./ListingFold.ts"
import { loadPoolEvidence, readEvidenceFiles } from "./LoadEvidence.ts"
import type { Settings } from "./Settings.ts"

/**
 * A loaded run: the state, plus what writing needs to preserve (the CSV table with its exact
 * bytes, the ledger's size and sha256 and the CSV digest it records), and the S3 folder markers
 * the listing skipped. The ledger's bytes are not held: at a million rows they are 300 MB for
 * the whole run, which most days writes nothing; a write reads them again and goes on only if
 * they still have this digest (`WriteResult`).
 *
 * @category models
 */
export interface LoadedRun {
  readonly table: ClientsTable
  readonly clientsBytes: Uint8Array
  readonly ledgerDigest: Digest | undefined
  readonly ledgerClientsSha256: string | undefined
  readonly folderMarkers: ReadonlyArray<ObjectKey>
  readonly state: State
}

/**
 * A loaded run with the index of its inputs (`RunIndex`), built once for the fresh UUIDs, the
 * phases and the metrics.
 *
 * @category models
 */
export interface IndexedRun extends LoadedRun {
  readonly index: RunIndex
}

/**
 * How the settings say to read the clients CSV: column names, delimiter, encoding.
 *
 * @category reading
 */
export const clientsTableOptions = (settings: Settings): ClientsTableOptions => ({
  idColumn: settings.columns.id,
  uuidsColumn: settings.columns.uuids,
  countColumn: settings.columns.count,
  ...(settings.delimiter === undefined ? {} : { delimiter: settings.delimiter }),
  encoding: settings.encoding
})

/**
 * Refuses (exit 2) a `--pool-prefix` that covers a client's folder, naming the client's line
 * in `file` (the clients CSV as messages name it).
 *
 * @category reading
 */
export const checkLayout = (settings: Settings, table: ClientsTable, file: string): Effect.Effect<void, UsageError> => {
  const index = poolOverlap(table.clients.map((client) => client.rowId), settings.layout)
  if (index === undefined) return Effect.void
  const rowId = table.clients[index]!.rowId
  return Effect.fail(new UsageError({
    reason: "BadLayout",
    message: `--pool-prefix "${settings.layout.poolPrefix}" overlaps the folder of client "${rowId}" (${file}:${table.document.rows[index]!.line}): its files would be taken for pool files; choose a pool prefix outside every client folder`
  }))
}

/**
 * Loads the state of a run of the `phases` selected and draws the fresh UUIDs phase 1 will
 * need. Pool metadata is loaded only when the selection includes phase 2.
 *
 * @category reading
 */
export const loadRun = Effect.fn("uuidmap.loadRun")(function*(settings: Settings, phases: PhaseSelection) {
  const clientsCsv = yield* ClientsCsv
  const { bytes: clientsBytes, table } = yield* clientsCsv.read(clientsTableOptions(settings))
  yield* checkLayout(settings, table, clientsCsv.file)
  // Nothing here holds on to the ledger's bytes, so the listing can reuse their 300 MB.
  const content = yield* Effect.map((yield* Ledger).read, (read) =>
    read === undefined ? undefined : { mappings: read.mappings, clientsSha256: read.clientsSha256, digest: digestOf(read.bytes) })
  const ledger: ReadonlyArray<Mapping> = content?.mappings ?? []
  const ledgerKeys = ledgerKeysOf(ledger)
  const readings = new Map<ObjectKey, MetadataReading>()
  for (const mapping of ledger) if (mapping.key !== null && mapping.metadata !== null) readings.set(mapping.key, mapping.metadata)
  const knownRowIds = new Set<string>(table.clients.map((client: { readonly rowId: string }) => client.rowId))
  const evidenceFiles = yield* readEvidenceFiles(settings)
  const listing = yield* listBucket(knownRowIds, settings.layout, ledgerKeys)
  const base = makeState({
    clients: table.clients,
    objects: listing.objects,
    ledger: [...ledger].sort(compareMappings),
    findings: listing.findings,
    layout: settings.layout,
    // Only phase 2 weighs outside evidence: other runs read no claims and send no HeadObject.
    evidence: phasesOf(phases).includes("2")
      ? yield* loadPoolEvidence(settings, evidenceFiles, listing.poolUuids, listing.poolObjects, readings)
      : emptyPoolEvidence
  })
  const index = buildRunIndex(base, listing.parts)
  const loaded: IndexedRun = {
    table,
    clientsBytes,
    ledgerDigest: content?.digest,
    ledgerClientsSha256: content?.clientsSha256,
    folderMarkers: listing.folderMarkers,
    state: yield* withFreshUuids(base, index),
    index
  }
  return loaded
})

