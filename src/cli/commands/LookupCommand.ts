/**
 * `uuidmap lookup ROW_ID`: one client's files (uuid, key, size, status, why), and the files in
 * review that name it as a candidate. Reads only; the state is computed as `run` would.
 *
 * @module
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { Argument, Command } from "effect/cli"
import { lookupClient } from "../../program/LookupClient.ts"
import { choiceWithDefault } from "../FlagKit.ts"
import { clientFilesJson, renderClientFiles } from "../render/ClientFilesText.ts"
import { withServices } from "../WithServices.ts"
import { settingsFromFlags, sharedFlags } from "../SharedFlags.ts"

/**
 * The `lookup` command.
 *
 * @category commands
 */
export const lookupCommand = Command.make("lookup", {
  ...sharedFlags,
  rowId: Argument.String("ROW_ID").pipe(Argument.withDescription("The client's row id")),
  format: choiceWithDefault("format", "Output format", ["text", "json"] as const, "text")
}, (flags) =>
  Effect.gen(function*() {
    const settings = yield* settingsFromFlags(flags)
    const found = yield* lookupClient(settings, flags.rowId).pipe(withServices(settings, flags.quiet))
    yield* Console.log(flags.format === "json" ? JSON.stringify(clientFilesJson(found), null, 2) : renderClientFiles(found).join("\n"))
  })).pipe(Command.withDescription("Show one client's files: uuid, key, size, status and why"))
