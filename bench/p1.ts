/**
 * P1 (issue 8): listing issue 8's 20,000-object bucket, comparing uuidmap's whole
 * `run --phase 1 --diff` with a bare SDK ListObjectsV2 loop and
 * `rclone lsf -R --fast-list --s3-list-version 2`, each a process of its own against the same
 * server, itself in a process of its own: s3rver, moto, and moto behind a loopback proxy
 * that adds 40 ms to every request. Each round runs the three clients one after the other
 * (so a burst of load on a shared machine hits all three), after one untimed warm-up round.
 * Prints min, median and max of the wall times, the ratios the targets name, and the
 * requests uuidmap sent (list, head) next to the minimum, ⌈objects / 1000⌉ list requests.
 * uuidmap also runs with `--concurrency 1` (flat listing), to tell the listing strategy from
 * the rest of a run.
 *
 *   npm run bench -- p1 [--runs 5] [--cases s3rver,moto,moto-latency] [--latency 40]
 *
 * Needs rclone (`apt-get install -y rclone`) and moto (`python3 -m moto.server`).
 *
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { issueLayoutClientsCsv, issueLayoutCounts } from "../test/support/s3/IssueLayout.ts"

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    cases: { type: "string", default: "s3rver,moto,moto-latency" },
    latency: { type: "string", default: "40" }
  }
})
const runs = Number(values.runs)
const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const node = process.execPath
const python = process.env["UUIDMAP_TEST_PYTHON"] ?? "python3"
const minimumLists = Math.ceil(issueLayoutCounts.objects / 1000)

interface Server {
  readonly endpoint: string
  readonly stop: () => Promise<void>
}

// Starts a process that prints {"endpoint": …} once ready, and stops it by its pid.
const startProcess = (command: string, args: ReadonlyArray<string>): Promise<Server> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    let errors = ""
    child.stderr?.on("data", (chunk) => (errors = (errors + chunk).slice(-2000)))
    child.once("exit", (code) => reject(new Error(`${command} ${args.join(" ")} exited with ${code}: ${errors}`)))
    child.stdout?.on("data", (chunk) => {
      output += chunk
      const line = output.split("\n").find((text) => text.startsWith("{"))
      if (line === undefined) return
      child.stdout?.removeAllListeners("data")
      child.stdout?.resume()
      const stop = () =>
        new Promise<void>((done) => {
          if (child.exitCode !== null) return done()
          child.removeAllListeners("exit")
          child.once("exit", () => done())
          child.kill("SIGTERM")
        })
      resolve({ endpoint: (JSON.parse(line) as { endpoint: string }).endpoint, stop })
    })
  })

interface Timed {
  readonly ms: number
  readonly stdout: string
  readonly stderr: string
}

const timeProcess = (command: string, args: ReadonlyArray<string>, env: Record<string, string>): Promise<Timed> =>
  new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.once("error", reject)
    child.once("close", (code) => {
      const ms = performance.now() - started
      if (code !== 0) reject(new Error(`${command} ${args.slice(0, 3).join(" ")} exited with ${code}: ${stderr.slice(-500)}`))
      else resolve({ ms, stdout, stderr })
    })
  })

const credentials = {
  AWS_ACCESS_KEY_ID: "S3RVER",
  AWS_SECRET_ACCESS_KEY: "S3RVER",
  AWS_CONFIG_FILE: "/nonexistent/uuidmap-bench/config",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/uuidmap-bench/credentials",
  NO_COLOR: "1"
}

interface ClientRun {
  readonly ms: number
  readonly requests?: { readonly list: number; readonly head: number }
}

type Client = (endpoint: string, workDir: string) => Promise<ClientRun>

const uuidmapWith = (extra: ReadonlyArray<string>): Client => async (endpoint, workDir) => {
  const { ms, stderr, stdout } = await timeProcess(node, [
    "src/main.ts", "run", "--phase", "1", "--diff", "--verbose",
    "--clients", join(workDir, "clients.csv"), "--bucket", "s3://bench",
    "--endpoint", endpoint, "--force-path-style", "--region", "us-east-1", ...extra
  ], credentials)
  const mapped = stdout.split("\n").filter((line) => /^ {2}\+ [0-9a-f-]{36} {2}\d+\/Client_\d+\//.test(line)).length
  if (mapped !== issueLayoutCounts.clientFiles) throw new Error(`uuidmap mapped ${mapped} client-folder files, not ${issueLayoutCounts.clientFiles}`)
  const counted = /Requests: ([\d,]+) list \(ListObjectsV2\), ([\d,]+) head/.exec(stderr)
  if (counted === null) throw new Error(`uuidmap printed no request count: ${stderr.slice(-300)}`)
  return { ms, requests: { list: Number(counted[1]!.replace(/,/g, "")), head: Number(counted[2]!.replace(/,/g, "")) } }
}

const sdkLoop: Client = async (endpoint) => {
  const { ms, stdout } = await timeProcess(node, ["bench/p1/sdkListLoop.ts", "--endpoint", endpoint], credentials)
  const { objects } = JSON.parse(stdout) as { objects: number }
  if (objects !== issueLayoutCounts.objects) throw new Error(`the SDK loop listed ${objects} objects`)
  return { ms }
}

const rclone: Client = async (endpoint) => {
  const env: Record<string, string> = {
    RCLONE_CONFIG_BENCH_TYPE: "s3",
    RCLONE_CONFIG_BENCH_PROVIDER: "Other",
    RCLONE_CONFIG_BENCH_ENDPOINT: endpoint,
    RCLONE_CONFIG_BENCH_REGION: "us-east-1",
    RCLONE_CONFIG_BENCH_ACCESS_KEY_ID: "S3RVER",
    RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY: "S3RVER",
    RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE: "true",
    RCLONE_CONFIG: "/nonexistent/uuidmap-bench/rclone.conf"
  }
  const { AWS_CA_BUNDLE: _bundle, ...rest } = process.env
  process.env = rest
  const { ms, stdout } = await timeProcess("rclone", ["lsf", "-R", "--fast-list", "--s3-list-version", "2", "bench:bench"], env)
  const files = stdout.split("\n").filter((line) => line !== "" && !line.endsWith("/")).length
  if (files !== issueLayoutCounts.objects) throw new Error(`rclone listed ${files} objects`)
  return { ms }
}

// uuidmap as it runs by default, and listing flat (for how much of the difference is the
// listing strategy and how much the rest of a run: start-up, parsing, phase 1, the diff).
const clients: ReadonlyArray<readonly [string, Client]> = [
  ["uuidmap", uuidmapWith([])],
  ["uuidmap --concurrency 1", uuidmapWith(["--concurrency", "1"])],
  ["sdk loop", sdkLoop],
  ["rclone", rclone]
]

const stats = (figures: ReadonlyArray<number>) => {
  const sorted = [...figures].sort((a, b) => a - b)
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)! }
}
const seconds = (ms: number) => (ms / 1000).toFixed(2)

const runCase = async (name: string, endpoint: string, workDir: string) => {
  const times = new Map<string, Array<number>>(clients.map(([client]) => [client, []]))
  const requests: Array<{ list: number; head: number }> = []
  const flatRequests: Array<{ list: number; head: number }> = []
  for (const [, client] of clients) await client(endpoint, workDir)
  for (let round = 1; round <= runs; round++) {
    for (const [label, client] of clients) {
      const result = await client(endpoint, workDir)
      times.get(label)!.push(result.ms)
      if (result.requests !== undefined) (label === "uuidmap" ? requests : flatRequests).push(result.requests)
    }
  }
  console.log(`\n### ${name}\n`)
  console.log("| client | min s | median s | max s |")
  console.log("|---|---|---|---|")
  for (const [label] of clients) {
    const { max, median, min } = stats(times.get(label)!)
    console.log(`| ${label} | ${seconds(min)} | ${seconds(median)} | ${seconds(max)} |`)
  }
  const median = (label: string) => stats(times.get(label)!).median
  console.log(`\nuuidmap / rclone (medians): ${(median("uuidmap") / median("rclone")).toFixed(2)}×; uuidmap / sdk loop: ${(median("uuidmap") / median("sdk loop")).toFixed(2)}×`)
  const lists = [...new Set(requests.map((r) => r.list))].join(", ")
  const heads = [...new Set(requests.map((r) => r.head))].join(", ")
  console.log(`uuidmap requests per run: list ${lists}, head ${heads}; minimum ${minimumLists} list, 0 head`)
  console.log(`uuidmap --concurrency 1 requests per run: list ${[...new Set(flatRequests.map((r) => r.list))].join(", ")}, head ${[...new Set(flatRequests.map((r) => r.head))].join(", ")}`)
}

const workDir = await mkdtemp(join(tmpdir(), "uuidmap-bench-p1-"))
await writeFile(join(workDir, "clients.csv"), issueLayoutClientsCsv())
const cases = values.cases.split(",")
console.log(`P1: ${issueLayoutCounts.objects} objects, ${runs} runs per client after a warm-up round; started ${new Date().toISOString()}`)
try {
  if (cases.includes("s3rver")) {
    const server = await startProcess(node, ["bench/p1/s3rverProcess.ts"])
    try {
      await runCase("s3rver 3.7.1", server.endpoint, workDir)
    } finally {
      await server.stop()
    }
  }
  if (cases.includes("moto") || cases.includes("moto-latency")) {
    const server = await startProcess(python, ["bench/p1/motoProcess.py"])
    try {
      if (cases.includes("moto")) await runCase("moto", server.endpoint, workDir)
      if (cases.includes("moto-latency")) {
        const proxy = await startProcess(node, ["bench/p1/latencyProxyProcess.ts", "--upstream", server.endpoint, "--latency", values.latency])
        try {
          await runCase(`moto behind a proxy adding ${values.latency} ms per request`, proxy.endpoint, workDir)
        } finally {
          await proxy.stop()
        }
      }
    } finally {
      await server.stop()
    }
  }
} finally {
  await rm(workDir, { recursive: true, force: true })
}
