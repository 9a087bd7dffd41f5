/**
 * The program behind the `uuidmap` executable: runs the command tree and turns every
 * expected failure into one clear line on stderr and its exit code (SPEC §3). Loaded by
 * `src/main.ts`; works unchanged on Node and Deno.
 *
 * @module
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { type CliError, CliOutput, Command } from "effect/cli"
import { Disk } from "../io/files/Disk.ts"
import { cli } from "./Cli.ts"
import { checkEnvironment } from "./EnvironmentCheck.ts"
import { describeDefect, describeError, ExitCode } from "./ExitCode.ts"

const version = "0.1.0"

// The CLI library says "a string representing a finite number" of an integer flag.
const describeCliError = (error: CliError.CliError): string =>
  error._tag === "InvalidValue" && /finite number/.test(error.expected)
    ? `Invalid value for flag --${error.option}: ${JSON.stringify(error.value)}; expected a whole number`
    : error.message

// A mistyped flag gets one line naming it, not the whole help page; --help still shows it.
const oneLinePresenter: CliOutput.Presenter = {
  present: (event) =>
    event._tag === "InvalidInvocation"
      ? Console.error(
        `uuidmap: ${event.errors.map(describeCliError).join("; ")}; see uuidmap ${event.commandPath.slice(1).join(" ")} --help`
          .replace("uuidmap  --help", "uuidmap --help")
      )
      : CliOutput.defaultPresenter.present(event)
}

const checked = Effect.suspend(() => {
  const badVariable = checkEnvironment(process.env)
  return badVariable === undefined ? Command.run(cli, { version }) : Effect.fail(badVariable)
})

const program = checked.pipe(
  Effect.catchTags({
    CsvError: (error) => fail(describeError(error)),
    EvidenceError: (error) => fail(describeError(error)),
    InventoryError: (error) => fail(describeError(error)),
    StalePlanError: (error) => fail(describeError(error)),
    StoreError: (error) => fail(describeError(error)),
    UsageError: (error) => fail(describeError(error))
  }),
  // Parse errors were already printed by the CLI module; they are usage errors.
  Effect.catch((error) => Effect.sync(() => {
    if (error !== undefined) process.exitCode = ExitCode.BadInput
  })),
  // A bug: to stderr with its own exit code, never to stdout, where a diff or report goes.
  Effect.catchDefect((defect) => fail(describeDefect(defect))),
  Effect.provide(CliOutput.layerPresenter(oneLinePresenter)),
  // Every file the commands read or write outside a run goes through Disk too.
  Effect.provide(Layer.merge(NodeServices.layer, Disk.layerNode))
)

function fail(described: { readonly code: number; readonly message: string }) {
  return Console.error(`uuidmap: ${described.message}`).pipe(Effect.andThen(Effect.sync(() => {
    process.exitCode = described.code
  })))
}

NodeRuntime.runMain(program)
