/**
 * The `UUIDMAP_*` variables behind the flags (SPEC §3), checked before a command runs: a bad
 * value is refused with the variable's name, its value and what it should be, instead of the
 * CLI library's "Invalid value for flag --concurrency: "config". Expected: SchemaError(…)".
 * Every flag constructor in `FlagKit` registers its variable here, with the rule its values
 * follow; the rules are at least as strict as the parsing the flags do afterwards.
 *
 * @module
 */
import { UsageError } from "../domain/UsageError.ts"

/**
 * What one variable accepts: `check` returns what was expected, or undefined when the value
 * is fine.
 *
 * @category models
 */
export interface EnvironmentRule {
  readonly flag: string
  readonly check: (value: string) => string | undefined
}

const rules = new Map<string, EnvironmentRule>()

/**
 * Registers the variable of a flag (called by the flag constructors).
 *
 * @category registry
 */
export const registerEnvironmentRule = (variable: string, rule: EnvironmentRule): void => {
  rules.set(variable, rule)
}

/**
 * A whole number of at least `minimum`, as a rule.
 *
 * @category rules
 */
export const wholeNumberRule = (minimum: number | undefined) => (value: string): string | undefined => {
  const expected = minimum === undefined ? "a whole number" : `a whole number of at least ${minimum}`
  if (!/^-?[0-9]+$/.test(value) || !Number.isSafeInteger(Number(value))) return expected
  return minimum !== undefined && Number(value) < minimum ? expected : undefined
}

/**
 * One of `choices`, as a rule.
 *
 * @category rules
 */
export const choiceRule = (choices: ReadonlyArray<string>) => (value: string): string | undefined =>
  choices.includes(value) ? undefined : `one of ${choices.map((choice) => JSON.stringify(choice)).join(", ")}`

// What the flags' boolean parsing accepts (effect's Config.Boolean).
const booleans = ["true", "false", "yes", "no", "on", "off", "1", "0", "y", "n"]

/**
 * A boolean, as a rule.
 *
 * @category rules
 */
export const booleanRule = (value: string): string | undefined =>
  booleans.includes(value) ? undefined : "true or false (also yes/no, on/off, 1/0)"

/**
 * Checks every registered variable that is set. An empty value is refused too: a CI job that
 * sets a variable from a missing secret would otherwise run on "".
 *
 * @category checking
 */
export const checkEnvironment = (env: Readonly<Record<string, string | undefined>>): UsageError | undefined => {
  for (const [variable, rule] of rules) {
    const value = env[variable]
    if (value === undefined) continue
    const expected = value === "" ? "a value (or leave the variable unset)" : rule.check(value)
    if (expected !== undefined) {
      return new UsageError({
        reason: "BadFlag",
        message: `${variable} is ${JSON.stringify(value)}; expected ${expected} (it sets --${rule.flag})`
      })
    }
  }
  return undefined
}

/**
 * How to name where a flag's value came from in a message: `--name` when it was given on the
 * command line, else its variable when that is set.
 *
 * @category naming
 */
export const flagOrigin = (
  flag: string,
  argv: ReadonlyArray<string> = process.argv,
  env: Readonly<Record<string, string | undefined>> = process.env
): string => {
  const option = `--${flag}`
  if (argv.some((arg) => arg === option || arg.startsWith(`${option}=`))) return option
  const variable = `UUIDMAP_${flag.toUpperCase().replace(/-/g, "_")}`
  return env[variable] === undefined ? option : variable
}
