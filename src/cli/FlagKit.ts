/**
 * Flag constructors that give every flag its `UUIDMAP_*` environment fallback (SPEC §3:
 * `--pool-prefix` can also come from `UUIDMAP_POOL_PREFIX`), so the rule lives in one place.
 *
 * @module
 */
import * as Config from "effect/Config"
import * as Option from "effect/Option"
import { Flag } from "effect/cli"
import {
  booleanRule,
  choiceRule,
  type EnvironmentRule,
  registerEnvironmentRule,
  wholeNumberRule
} from "./EnvironmentCheck.ts"

/**
 * The environment variable that backs a flag.
 *
 * @example
 * ```ts
 * import { envNameOf } from "./FlagKit.ts"
 * envNameOf("pool-prefix") // "UUIDMAP_POOL_PREFIX"
 * ```
 * @category naming
 */
export const envNameOf = (flag: string): string => `UUIDMAP_${flag.toUpperCase().replace(/-/g, "_")}`

const anyText = (): undefined => undefined

// The variable of a flag, registered so that a bad value is refused by name before a run.
const backedBy = (flag: string, check: EnvironmentRule["check"]): string => {
  const variable = envNameOf(flag)
  registerEnvironmentRule(variable, { flag, check })
  return variable
}

/**
 * An optional text flag.
 *
 * @example
 * ```ts
 * import { optionalText } from "./FlagKit.ts"
 * const ledger = optionalText("ledger", "Ledger CSV (default: <clients>.ledger.csv)")
 * ```
 * @category flags
 */
export const optionalText = (
  name: string,
  description: string,
  check: EnvironmentRule["check"] = anyText
): Flag.Flag<Option.Option<string>> =>
  Flag.String(name).pipe(
    Flag.withDescription(`${description} [env ${envNameOf(name)}]`),
    Flag.withFallbackConfig(Config.String(backedBy(name, check))),
    Flag.optional
  )

/**
 * A text flag with a default.
 *
 * @example
 * ```ts
 * import { textWithDefault } from "./FlagKit.ts"
 * const clients = textWithDefault("clients", "Clients CSV", "clients.csv")
 * ```
 * @category flags
 */
export const textWithDefault = (name: string, description: string, fallback: string): Flag.Flag<string> =>
  Flag.String(name).pipe(
    Flag.withDescription(`${description} (default: ${fallback}) [env ${envNameOf(name)}]`),
    Flag.withFallbackConfig(Config.String(backedBy(name, anyText))),
    Flag.withDefault(fallback)
  )

/**
 * An integer flag with a default.
 *
 * @example
 * ```ts
 * import { intWithDefault } from "./FlagKit.ts"
 * const concurrency = intWithDefault("concurrency", "Parallel requests", 8)
 * ```
 * @category flags
 */
export const intWithDefault = (name: string, description: string, fallback: number, minimum?: number): Flag.Flag<number> =>
  Flag.Int(name).pipe(
    Flag.withDescription(`${description} (default: ${fallback}) [env ${envNameOf(name)}]`),
    Flag.withFallbackConfig(Config.Int(backedBy(name, wholeNumberRule(minimum)))),
    Flag.withDefault(fallback)
  )

/**
 * A boolean switch, false unless given (or set to true in the environment).
 *
 * @example
 * ```ts
 * import { switchFlag } from "./FlagKit.ts"
 * const diff = switchFlag("diff", "Print what would change and write nothing")
 * ```
 * @category flags
 */
export const switchFlag = (name: string, description: string): Flag.Flag<boolean> =>
  Flag.Boolean(name).pipe(
    Flag.withDescription(`${description} [env ${envNameOf(name)}]`),
    Flag.withFallbackConfig(Config.Boolean(backedBy(name, booleanRule))),
    Flag.withDefault(false)
  )

/**
 * A choice among fixed values, with a default.
 *
 * @example
 * ```ts
 * import { choiceWithDefault } from "./FlagKit.ts"
 * const phase = choiceWithDefault("phase", "Which phase to run", ["1", "2", "3", "all"] as const, "all")
 * ```
 * @category flags
 */
export const choiceWithDefault = <const Choices extends ReadonlyArray<string>>(
  name: string,
  description: string,
  choices: Choices,
  fallback: Choices[number]
): Flag.Flag<Choices[number]> =>
  Flag.Literals(name, choices).pipe(
    Flag.withDescription(`${description} (default: ${fallback}) [env ${envNameOf(name)}]`),
    Flag.withFallbackConfig(Config.Literals(choices, backedBy(name, choiceRule(choices)))),
    Flag.withDefault(fallback)
  )

/**
 * A choice among fixed values with no default: absent means "decide from the other flags".
 *
 * @example
 * ```ts
 * import { optionalChoice } from "./FlagKit.ts"
 * const evidence = optionalChoice("metadata-evidence", "Weigh object metadata", ["on", "off"] as const, "on for s3://")
 * ```
 * @category flags
 */
export const optionalChoice = <const Choices extends ReadonlyArray<string>>(
  name: string,
  description: string,
  choices: Choices,
  fallback: string
): Flag.Flag<Option.Option<Choices[number]>> =>
  Flag.Literals(name, choices).pipe(
    Flag.withDescription(`${description} (default: ${fallback}) [env ${envNameOf(name)}]`),
    Flag.withFallbackConfig(Config.Literals(choices, envNameOf(name))),
    Flag.optional
  )

/**
 * A flag that may be given several times; its environment variable holds a comma-separated
 * list.
 *
 * @example
 * ```ts
 * import { repeatedText } from "./FlagKit.ts"
 * const logs = repeatedText("migration-log", "Migration log (CSV or JSON Lines)")
 * ```
 * @category flags
 */
export const repeatedText = (name: string, description: string): Flag.Flag<ReadonlyArray<string>> => {
  const variable = backedBy(name, anyText)
  return Flag.String(name).pipe(
    Flag.withDescription(`${description}; repeatable [env ${variable}, comma-separated]`),
    Flag.atLeast(0),
    Flag.map((values) => {
      const fromEnv = process.env[variable]
      return values.length > 0 || fromEnv === undefined || fromEnv === "" ? values : fromEnv.split(",")
    })
  )
}
