/**
 * The flags that shape phase 2's evidence: column names of migration logs and records files,
 * the metadata names that name an owner, and the weak-signal window, with their parsing into
 * `EvidenceSettings`. Part of the shared flags, so every data command reads evidence the same
 * way.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { MetadataNames } from "../domain/PoolEvidence.ts"
import { UsageError } from "../domain/UsageError.ts"
import type { EvidenceSettings } from "../program/Settings.ts"
import { optionalChoice, optionalText, textWithDefault } from "./FlagKit.ts"

/**
 * The evidence flags, to spread into the shared flags.
 *
 * @category flags
 */
export const evidenceFlags = {
  migrationColumns: optionalText("migration-columns", "Migration log column names, e.g. old=source,new=target,uuid=file_id (default old=old_key,new=new_key,uuid=uuid)"),
  recordsColumns: optionalText("records-columns", "Records column names, e.g. uuid=file,row_id=client (default uuid=uuid,row_id=row_id)"),
  metadataNames: optionalText("metadata-names", "Object metadata names, e.g. row-id=owner (default row-id=row-id,client-id=client-id,original-key=original-key)"),
  weakWindow: textWithDefault("weak-window", "How far apart timestamps may be for a weak signal: 90s, 30m, 24h, 7d", "24h"),
  metadataEvidence: optionalChoice(
    "metadata-evidence",
    "Read object metadata with HeadObject as phase 2 evidence; off sends no HeadObject",
    ["on", "off"] as const,
    "on for s3://, off for file://"
  )
}

/**
 * The parsed values of the evidence flags.
 *
 * @category models
 */
export interface EvidenceFlagValues {
  readonly migrationColumns: Option.Option<string>
  readonly recordsColumns: Option.Option<string>
  readonly metadataNames: Option.Option<string>
  readonly weakWindow: string
  readonly metadataEvidence: Option.Option<"on" | "off">
}

const badFlag = (message: string) => new UsageError({ reason: "BadFlag", message })

/**
 * Parses `name=value,name=value` for the names allowed, over the defaults.
 *
 * @category parsing
 */
const parseNamePairs = <Names extends Record<string, string>>(
  flag: string,
  text: string,
  defaults: Names
): Effect.Effect<Names, UsageError> =>
  Effect.gen(function*() {
    const result: Record<string, string> = { ...defaults }
    for (const pair of text.split(",")) {
      const [name, value, ...rest] = pair.split("=").map((part) => part.trim())
      if (name === undefined || !(name in defaults) || value === undefined || value === "" || rest.length > 0) {
        return yield* badFlag(`${flag} "${text}" must be name=value pairs separated by commas, names among ${Object.keys(defaults).join(", ")}`)
      }
      result[name] = value
    }
    return result as Names
  })

const units: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/**
 * Parses a duration such as `90s`, `30m`, `24h` or `7d` (a bare number is seconds) into
 * milliseconds.
 *
 * @category parsing
 */
const parseWindow = (text: string): Effect.Effect<number, UsageError> => {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(text.trim())
  return match === null
    ? Effect.fail(badFlag(`--weak-window "${text}" must be a duration such as 90s, 30m, 24h or 7d`))
    : Effect.succeed(Number(match[1]) * units[match[2] ?? "s"]!)
}

/**
 * Builds the evidence settings from the evidence flags and the evidence files given.
 *
 * @category settings
 */
export const evidenceSettingsFromFlags = (
  flags: EvidenceFlagValues,
  migrationLogs: ReadonlyArray<string>,
  records: ReadonlyArray<string>
): Effect.Effect<EvidenceSettings, UsageError> =>
  Effect.gen(function*() {
    const given = <A>(option: Option.Option<string>, parse: (text: string) => Effect.Effect<A, UsageError>) =>
      Option.match(option, { onNone: () => Effect.succeed(undefined), onSome: parse })
    const migration = yield* given(flags.migrationColumns, (text) =>
      parseNamePairs("--migration-columns", text, { old: "old_key", new: "new_key", uuid: "uuid" }))
    const recordNames = yield* given(flags.recordsColumns, (text) =>
      parseNamePairs("--records-columns", text, { uuid: "uuid", row_id: "row_id" }))
    const metadata = yield* given(flags.metadataNames, (text) =>
      parseNamePairs("--metadata-names", text, { "row-id": "row-id", "client-id": "client-id", "original-key": "original-key" }))
    const metadataNames: MetadataNames | undefined = metadata === undefined ? undefined : {
      rowId: metadata["row-id"].toLowerCase(),
      clientId: metadata["client-id"].toLowerCase(),
      originalKey: metadata["original-key"].toLowerCase()
    }
    return {
      migrationLogs,
      records,
      migrationColumns: migration,
      recordsColumns: recordNames === undefined ? undefined : { uuid: recordNames.uuid, rowId: recordNames.row_id },
      metadataNames,
      weakWindowMs: yield* parseWindow(flags.weakWindow),
      metadataEvidence: Option.match(flags.metadataEvidence, { onNone: () => undefined, onSome: (choice) => choice === "on" })
    }
  })
