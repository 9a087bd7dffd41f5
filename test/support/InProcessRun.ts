/**
 * Runs `reconcile` in this process on a folder scenario, with deterministic UUIDs and any
 * Disk layer (the real one, or one with faults), for tests of the write path that need to act
 * at an exact step.
 */
import * as path from "node:path"
import * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import { Disk } from "../../src/io/files/Disk.ts"
import { UuidGenerator } from "../../src/io/uuid/UuidGenerator.ts"
import { reconcile, type ReconcileOutcome } from "../../src/program/Reconcile.ts"
import { stateFileLayers, storeLayer } from "../../src/program/Services.ts"
import { makeSettings, type Settings } from "../../src/program/Settings.ts"
import { writeTree } from "./Cli.ts"

/** The settings of a scenario in `dir`: `clients.csv`, its ledger beside it, `bucket/`. */
export const folderSettings = (dir: string, extra: Partial<Settings> = {}): Settings =>
  makeSettings({ clientsFile: path.join(dir, "clients.csv"), bucket: `file://${path.join(dir, "bucket")}`, ...extra })

/** Two clients with one file each. */
export const writeSmallScenario = (dir: string) =>
  writeTree(dir, { "clients.csv": "row_id,name\n502,Sam\n503,Ann\n", "bucket/502/a.pdf": "a", "bucket/503/b.pdf": "bb" })

/** Runs every phase and writes, with `disk` (default: the real one) and UUIDs from `seed`. */
export const runInProcess = (
  settings: Settings,
  disk: Layer.Layer<Disk> = Disk.layerNode,
  seed = 1
): Promise<Exit.Exit<ReconcileOutcome, unknown>> =>
  Effect.runPromiseExit(
    reconcile(settings, { phase: "all", dryRun: false }).pipe(
      Effect.provide(Layer.mergeAll(storeLayer(settings), UuidGenerator.layerTest(seed), stateFileLayers(settings)).pipe(Layer.provideMerge(disk)))
    )
  )
