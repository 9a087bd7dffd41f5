/**
 * Runs the program of `src/cli/Main.ts` in this process: the very Effect the `uuidmap`
 * executable runs, with the arguments, environment, working folder and exit code of one call
 * set around it and its output captured. Only `NodeRuntime.runMain` is swapped, for a stand-in
 * that hands the program back, so a call costs milliseconds instead of the half second a new
 * process spends loading the CLI.
 *
 * Calls take turns: they share `process.argv`, `process.env`, the working folder and
 * `process.exitCode`. Node only (it uses vitest's module mocks and `process.chdir`). What only
 * a real process shows (its exit status, its output streams, warnings Node prints) stays with
 * `runCli`; a test that uses this one also runs some of its cases through `runCli` and checks
 * both give the same result.
 *
 * @module
 */
import { Console as NodeConsole } from "node:console"
import * as path from "node:path"
import { Writable } from "node:stream"
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { vi } from "vitest"
import type { CliResult } from "./Cli.ts"

const root = path.resolve(import.meta.dirname, "..", "..")

let program: Promise<Effect.Effect<unknown, unknown>> | undefined

// Main.ts hands its program to NodeRuntime.runMain as it loads; the stand-in keeps it.
const loadProgram = (): Promise<Effect.Effect<unknown, unknown>> =>
  (program ??= (async () => {
    let handed: Effect.Effect<unknown, unknown> | undefined
    vi.doMock("@effect/platform-node/NodeRuntime", () => ({
      runMain: (effect: Effect.Effect<unknown, unknown>) => {
        handed = effect
      }
    }))
    try {
      await import("../../src/cli/Main.ts")
    } finally {
      vi.doUnmock("@effect/platform-node/NodeRuntime")
    }
    if (handed === undefined) throw new Error("src/cli/Main.ts did not hand a program to NodeRuntime.runMain")
    return handed
  })())

const collector = () => {
  let text = ""
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk)
      done()
    }
  })
  return { stream, text: () => text }
}

// Sets one variable, or removes it when `value` is undefined.
const setVariable = (name: string, value: string | undefined) => {
  if (value === undefined) delete process.env[name]
  else process.env[name] = value
}

let turn: Promise<unknown> = Promise.resolve()

/** Runs `uuidmap ...args` in `cwd` with extra environment variables, as `runCli` does, in this process. */
export const runCliInProcess = (
  args: ReadonlyArray<string>,
  options: { readonly cwd?: string; readonly env?: Readonly<Record<string, string>> } = {}
): Promise<CliResult> => {
  const call = turn.then(async (): Promise<CliResult> => {
    const main = await loadProgram()
    const variables: Record<string, string> = { NO_COLOR: "1", ...options.env }
    const saved = {
      argv: process.argv,
      cwd: process.cwd(),
      exitCode: process.exitCode,
      variables: Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]))
    }
    const stdout = collector()
    const stderr = collector()
    const console = new NodeConsole({ stdout: stdout.stream, stderr: stderr.stream, colorMode: false })
    const writeOut = process.stdout.write
    const writeErr = process.stderr.write
    try {
      process.argv = [process.execPath, path.join(root, "src", "main.ts"), ...args]
      for (const [name, value] of Object.entries(variables)) setVariable(name, value)
      process.chdir(options.cwd ?? root)
      process.exitCode = undefined
      // What the program writes past the console (a command printing a file list) is caught too.
      process.stdout.write = ((chunk: string | Uint8Array) => stdout.stream.write(chunk)) as typeof process.stdout.write
      process.stderr.write = ((chunk: string | Uint8Array) => stderr.stream.write(chunk)) as typeof process.stderr.write
      const exit = await Effect.runPromiseExit(main.pipe(Effect.provideService(Console.Console, console)))
      // runMain reports a failure the program let through and exits 1; so does this.
      if (Exit.isFailure(exit)) {
        console.error(Cause.pretty(exit.cause))
        return { code: 1, stdout: stdout.text(), stderr: stderr.text() }
      }
      return { code: Number(process.exitCode ?? 0), stdout: stdout.text(), stderr: stderr.text() }
    } finally {
      process.stdout.write = writeOut
      process.stderr.write = writeErr
      process.exitCode = saved.exitCode
      process.chdir(saved.cwd)
      for (const [name, value] of Object.entries(saved.variables)) setVariable(name, value)
      process.argv = saved.argv
    }
  })
  turn = call.catch(() => undefined)
  return call
}
