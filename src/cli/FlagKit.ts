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
 * @category naming
 */
const envNameOf = (flag: string): string => `UUIDMAP_${flag.toUpperCase().replace(/-/g, "_")}`

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
