/**
 * The `apply` program: make exactly the changes of a plan, or refuse (exit 3) when anything it
 * was computed from has moved. Under the clients CSV's lock (after finishing or undoing a commit
 * a killed run left) it checks, in order, the settings, the input files' sha256 and the
 * touched objects' size and ETag; only when all match does it apply the recorded changes (no
 * phase runs, no UUID is drawn), check the result against every file invariant `verify`
 * checks (exit 2 when one fails), and write through the same commit as `run`. Refusal writes
 * nothing.
 *
 * @module
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { compareMappings } from "../domain/Mapping.ts"
import type { PlanFile } from "../domain/Plan.ts"
import { StalePlanError } from "../domain/StalePlanError.ts"
import { makeState } from "../domain/State.ts"
import { readClientsTable } from "../io/csv/ClientsTable.ts"
import { readLedgerContent } from "../io/csv/LedgerContent.ts"
import { digestOf } from "../io/files/FileDigest.ts"
import { ClientsCsv } from "../io/state/ClientsCsv.ts"
import { Ledger } from "../io/state/Ledger.ts"
import { applyStateChanges } from "../pipeline/PlanChanges.ts"
import type { StateChanges } from "../pipeline/StateDiff.ts"
import { compareObjects, fingerprintBytes, fingerprintDigest, fingerprintFile } from "./Fingerprint.ts"
import { ledgerKeysOf, listBucket } from "./ListingFold.ts"
import { checkLayout, clientsTableOptions, type LoadedRun } from "./LoadState.ts"
import { changesOfPlan, planSettingsOf } from "./PlanFile.ts"
import { evidenceFilesOf } from "./PlanProgram.ts"
import { checkPlannedResult } from "./PlanResultCheck.ts"
import { compareInputFiles, compareSettings } from "./PlanStaleness.ts"
import type { Settings } from "./Settings.ts"
import type { WrittenFile } from "./WriteResult.ts"
import { writeResult } from "./WriteResult.ts"
import { openWriteSession } from "./WriteSession.ts"

/**
 * What `apply` did.
 *
 * @category models
 */
interface AppliedPlan {
  readonly changes: StateChanges
  readonly written: ReadonlyArray<WrittenFile>
}

/**
 * Applies a decoded plan. `planFile` names the plan in messages.
 *
 * @category programs
 */
export const applyPlan = Effect.fn("uuidmap.applyPlan")(function*(settings: Settings, planFile: string, plan: PlanFile) {
  const now = new Date(yield* Clock.currentTimeMillis)
  const session = yield* openWriteSession(settings, now)
  const stale = (causes: StalePlanError["causes"]) => new StalePlanError({ plan: planFile, causes })

  const settingsCauses = compareSettings(plan.settings, planSettingsOf(settings))
  if (settingsCauses.length > 0) return yield* stale(settingsCauses)

  const clientsCsv = yield* ClientsCsv
  const ledgerFile = yield* Ledger
  const clientsBytes = yield* clientsCsv.readBytes
  const ledgerBytes = yield* ledgerFile.readBytes
  const evidence = yield* Effect.forEach(evidenceFilesOf(settings), fingerprintFile)
  const ledgerDigest = ledgerBytes === undefined ? undefined : digestOf(ledgerBytes)
  const fileCauses = compareInputFiles(plan, {
    clients: fingerprintBytes(settings.clientsFile, clientsBytes),
    ledger: fingerprintDigest(settings.ledgerFile, ledgerDigest),
    evidence
  })
  if (fileCauses.length > 0 || clientsBytes === undefined) return yield* stale(fileCauses)

  // The files are byte for byte the planned ones, so they read as they did then. The bytes
  // fingerprinted are the bytes decoded: the services are not asked twice.
  const table = yield* readClientsTable(clientsCsv.file, clientsBytes, clientsTableOptions(settings))
  yield* checkLayout(settings, table, clientsCsv.file)
  const content = ledgerBytes === undefined ? undefined : yield* readLedgerContent(ledgerFile.file, ledgerBytes)
  const ledger = content?.mappings ?? []

  if (plan.inputs.objects.length > 0) {
    const listing = yield* listBucket(new Set(table.clients.map((client) => client.rowId)), settings.layout, ledgerKeysOf(ledger))
    const objectCauses = compareObjects(plan.inputs.objects, listing.objects)
    if (objectCauses.length > 0) return yield* stale(objectCauses)
  }

  const state = makeState({ clients: table.clients, ledger: [...ledger].sort(compareMappings), layout: settings.layout })
  const changes = changesOfPlan(plan)
  const applied = applyStateChanges(state, changes)
  if (applied._tag === "Conflict") {
    return yield* stale(applied.conflicts.map((detail) => ({ reason: "ClientsChanged" as const, subject: settings.clientsFile, detail })))
  }
  yield* checkPlannedResult(settings, planFile, plan, changes, applied.state)
  const loaded: LoadedRun = { table, clientsBytes, ledgerDigest, ledgerClientsSha256: content?.clientsSha256, folderMarkers: [], state }
  const written = yield* writeResult(settings, session, loaded, applied.state, now)
  const result: AppliedPlan = { changes, written }
  return result
}, Effect.scoped)
