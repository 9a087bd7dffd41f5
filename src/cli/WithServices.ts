/**
 * Gives a command's program the services of its settings (the store its `--bucket` names, the
 * UUID generator) and draws the listing progress line while it runs, so every data command
 * behaves the same way. `UUIDMAP_TEST_UUID_SEED=N` (tests only: the crash harness compares
 * killed runs with uninterrupted ones byte for byte) draws new UUIDs from a fixed sequence.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import { runServices } from "../program/Services.ts"
import type { Settings } from "../program/Settings.ts"
import { makeProgressLine } from "./render/ProgressLine.ts"

/**
 * Provides the run services to an effect; the progress line is drawn unless `quiet`.
 *
 * @category services
 */
export const withServices = (settings: Settings, quiet: boolean) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.suspend(() => {
    const progress = makeProgressLine(quiet)
    const seed = process.env["UUIDMAP_TEST_UUID_SEED"]
    const chosen = seed !== undefined && /^[0-9]{1,9}$/.test(seed) ? { ...settings, uuidSeed: Number(seed) } : settings
    return effect.pipe(
      Effect.provide(runServices(chosen, progress?.update)),
      Effect.ensuring(Effect.sync(() => progress?.finish()))
    )
  })
