/**
 * Gives a command's program the services of its settings (the store its `--bucket` names, the
 * UUID generator) and draws the listing progress line while it runs, so every data command
 * behaves the same way.
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
 * @example
 * ```ts
 * import { withServices } from "./WithServices.ts"
 * const outcome = yield* reconcile(settings, options).pipe(withServices(settings, flags.quiet))
 * ```
 * @category services
 */
export const withServices = (settings: Settings, quiet: boolean) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.suspend(() => {
    const progress = makeProgressLine(quiet)
    return effect.pipe(
      Effect.provide(runServices(settings, progress?.update)),
      Effect.ensuring(Effect.sync(() => progress?.finish()))
    )
  })
