/**
 * moto's S3 server (`python3 -m moto.server`) for the conformance tests: 127.0.0.1, an
 * ephemeral port (moto prints the one it got), stopped by its process id.
 *
 * moto is part of this machine's Python; when it is missing the tests fail with a message
 * saying how to install it, never skip.
 *
 * @module
 */
import { spawn } from "node:child_process"
import type { ChildProcess } from "node:child_process"

/**
 * A running moto server.
 *
 * @example
 * ```ts
 * import { startMoto } from "./MotoServer.ts"
 * const moto = await startMoto()
 * await moto.stop()
 * ```
 * @category models
 */
export interface MotoServer {
  readonly endpoint: string
  readonly stop: () => Promise<void>
}

const python = process.env["UUIDMAP_TEST_PYTHON"] ?? "python3"

const missing = (detail: string): Error =>
  new Error(
    `moto server is not available (${detail}); the S3 conformance tests need it: ` +
      `pip install 'moto[server]' for ${python}, or set UUIDMAP_TEST_PYTHON to a Python that has it`
  )

const waitForPort = (child: ChildProcess, timeoutMs: number): Promise<number> =>
  new Promise((resolve, reject) => {
    let output = ""
    const timer = setTimeout(() => {
      reject(missing(`no "Running on" line within ${timeoutMs} ms; output: ${output.slice(-300).trim()}`))
    }, timeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)
      if (match?.[1] !== undefined) {
        clearTimeout(timer)
        child.stdout?.off("data", onData)
        child.stderr?.off("data", onData)
        resolve(Number(match[1]))
      }
    }
    child.stdout?.on("data", onData)
    child.stderr?.on("data", onData)
    child.once("error", (error) => {
      clearTimeout(timer)
      reject(missing(error.message))
    })
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(missing(`exited with code ${code}; output: ${output.slice(-300).trim()}`))
    })
  })

const answers = async (endpoint: string, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      const response = await fetch(`${endpoint}/`)
      await response.arrayBuffer()
      return
    } catch (error) {
      if (Date.now() > deadline) throw missing(`it does not answer at ${endpoint}: ${String(error)}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

/**
 * Starts moto on 127.0.0.1 (port 0: moto picks a free one and prints it) and waits until it
 * answers HTTP.
 *
 * @example
 * ```ts
 * import { startMoto } from "./MotoServer.ts"
 * const moto = await startMoto()
 * console.log(moto.endpoint)
 * await moto.stop()
 * ```
 * @category constructors
 */
export const startMoto = async (timeoutMs = 20_000): Promise<MotoServer> => {
  const child = spawn(python, ["-m", "moto.server", "-H", "127.0.0.1", "-p", "0"], {
    stdio: ["ignore", "pipe", "pipe"]
  })
  // If the test process dies without running afterAll, take moto with it.
  const killOnExit = () => child.kill("SIGTERM")
  process.once("exit", killOnExit)
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      process.off("exit", killOnExit)
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once("exit", () => resolve())
      child.kill("SIGTERM")
    })
  try {
    const port = await waitForPort(child, timeoutMs)
    const endpoint = `http://127.0.0.1:${port}`
    await answers(endpoint, timeoutMs)
    // Keep draining its output so a chatty server never blocks on a full pipe.
    child.stdout?.resume()
    child.stderr?.resume()
    return { endpoint, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
