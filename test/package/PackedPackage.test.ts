/**
 * The npm package as a user gets it: `npm pack` (whose `prepack` builds dist/), installed into an
 * empty project with `npm install <tarball>`, then used as a CLI (`npx uuidmap --help`,
 * `npx uuidmap demo`) and as a library (the embedding examples of docs/embedding.md) on Node 24
 * and on Node 22.19, the oldest Node `engines` allows. Dependencies come from the local npm
 * cache when it has them (`--prefer-offline`), and from the registry otherwise.
 */
import { spawn } from "node:child_process"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { tempDir } from "../support/Cli.ts"

const root = path.resolve(import.meta.dirname, "..", "..")
const pkg = JSON.parse(await fs.readFile(path.join(root, "package.json"), "utf8"))

// Each Node comes from its npm package, as the project's own Node does (package.json).
const nodes = [
  { name: "Node 24", bin: path.join(root, "node_modules", "node", "bin"), version: pkg.devDependencies.node as string },
  { name: "Node 22", bin: path.join(root, "node_modules", "node22", "bin"), version: (pkg.devDependencies.node22 as string).replace("npm:node@", "") }
]
const floor = nodes[1]!

interface Ran {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

// Runs a command with `nodeBin` first on PATH, so that `npm`, `npx` and every `#!/usr/bin/env node` use that Node.
const run = (command: string, args: ReadonlyArray<string>, cwd: string, nodeBin: string): Promise<Ran> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, PATH: `${nodeBin}${path.delimiter}${process.env.PATH ?? ""}`, NO_COLOR: "1", npm_config_update_notifier: "false" },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk) => (stdout += chunk))
    child.stderr.on("data", (chunk) => (stderr += chunk))
    child.on("error", reject)
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })

const succeeded = (ran: Ran, what: string): Ran => {
  if (ran.code !== 0) throw new Error(`${what} exited ${ran.code}:\n${ran.stdout}\n${ran.stderr}`)
  return ran
}

let work: Awaited<ReturnType<typeof tempDir>>
let app: string
let packed: { readonly filename: string; readonly files: ReadonlyArray<string> }
let installOutput: string

beforeAll(async () => {
  work = await tempDir("uuidmap-package-")
  app = path.join(work.dir, "app")
  await fs.mkdir(app)
  const pack = succeeded(await run("npm", ["pack", "--json", "--pack-destination", work.dir], root, nodes[0]!.bin), "npm pack")
  // prepack's own output comes first on stdout; the JSON report is the rest.
  const [report] = JSON.parse(pack.stdout.slice(pack.stdout.search(/^\[/m)))
  packed = { filename: report.filename, files: report.files.map((file: { path: string }) => file.path) }
  await fs.writeFile(path.join(app, "package.json"), JSON.stringify({ name: "uuidmap-user", private: true, type: "module" }))
  // Installed as a new user would, by the oldest supported Node's npm, so that npm's engine check runs against it.
  const install = succeeded(
    await run(
      "npm",
      ["install", path.join(work.dir, packed.filename), `effect@${pkg.dependencies.effect}`, "--prefer-offline", "--no-audit", "--no-fund"],
      app,
      floor.bin
    ),
    "npm install"
  )
  installOutput = install.stdout + install.stderr
  for (const example of ["node-promises.mjs", "effect-program.ts"]) {
    await fs.copyFile(path.join(root, "docs", "examples", example), path.join(app, example))
  }
}, 300_000)

afterAll(() => work?.cleanup())

describe("the packed tarball", () => {
  it("holds the build, the bin and the docs a user reads, and no sources, tests or benchmarks", () => {
    for (const file of ["package.json", "README.md", "CHANGELOG.md", "LICENSE", "bin/uuidmap.js", "dist/main.js", "dist/mod.js", "dist/mod.d.ts"]) {
      expect(packed.files).toContain(file)
    }
    const stray = packed.files.filter((file) => !/^(?:dist\/.+\.(?:js|d\.ts)|bin\/uuidmap\.js|package\.json|README\.md|CHANGELOG\.md|LICENSE)$/.test(file))
    expect(stray).toEqual([])
  })

  it("installs on the oldest supported Node without an engine warning", () => {
    expect(installOutput).not.toContain("EBADENGINE")
  })
})

describe.each(nodes)("the installed package on $name", (node) => {
  it("runs on the Node it is meant to", async () => {
    const ran = succeeded(await run("node", ["--version"], app, node.bin), "node --version")
    expect(ran.stdout.trim()).toBe(`v${node.version}`)
  })

  it("npx uuidmap --help lists every command", async () => {
    const ran = succeeded(await run("npx", ["uuidmap", "--help"], app, node.bin), "npx uuidmap --help")
    for (const command of ["run", "plan", "apply", "verify", "report", "summary", "lookup", "files", "review", "demo"]) {
      expect(ran.stdout).toMatch(new RegExp(`^  ${command} `, "m"))
    }
  })

  it("npx uuidmap demo maps the demo, verifies it, and a second run changes nothing", async () => {
    const dir = `demo-${node.version}`
    const ran = succeeded(await run("npx", ["uuidmap", "demo", "--dir", dir], app, node.bin), "npx uuidmap demo")
    expect(ran.stdout).toMatch(/^Client-folder files mapped\s+23\/39 \(59%\)\s+39\/39 \(100%\)$/m)
    expect(ran.stdout).toMatch(/^Clients with UUID tracking\s+4\/483 \(0\.8%\)\s+483\/483 \(100%\)$/m)
    expect(ran.stdout).toContain("A second run changes nothing.")
    expect(ran.stdout).toContain("verify passes: 11 of 11 checks.")
    const verify = await run("npx", ["uuidmap", "verify", "--clients", `${dir}/clients.csv`, "--bucket", `file://${path.join(app, dir, "bucket")}`], app, node.bin)
    expect(verify.code).toBe(0)
  })

  it("runs the Node promises example against the package's exports", async () => {
    const ran = succeeded(await run("node", ["node-promises.mjs"], app, node.bin), "node node-promises.mjs")
    const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"
    expect(ran.stdout.trim().split("\n")).toEqual([
      expect.stringMatching(new RegExp(`^new ${uuid} 502/Sam_Torode/resume\\.pdf -> 502 \\(mapped\\)$`)),
      expect.stringMatching(new RegExp(`^new ${uuid} 503/Ann_Lee/contract\\.docx -> 503 \\(mapped\\)$`)),
      "client 502 now lists 1 file(s)",
      "client 503 now lists 1 file(s)",
      "reported stray: misc/readme.txt",
      "second run: 0 changes",
      expect.stringMatching(/^refused \(InvalidValue\): Invalid value "" at clients\[0\]\.rowId: /)
    ])
    expect(ran.stderr).toBe("")
  })

  it("runs the Effect example, with its own store layer and then the in-memory one", async () => {
    const ran = succeeded(await run("node", ["effect-program.ts"], app, node.bin), "node effect-program.ts")
    const cells = ["client 502: 2 file(s)", "client 503: 1 file(s)", "client 504: 0 file(s)"]
    expect(ran.stdout.trim().split("\n")).toEqual([
      ...cells,
      "mapped 3 of 3 uploads",
      ...cells,
      "in memory: 00000001-0000-4000-8000-000000000000 502/Sam_Torode/id-scan.jpg, 00000001-0000-4000-8000-000000000001 502/Sam_Torode/resume.pdf, 00000001-0000-4000-8000-000000000002 503/Ann_Lee/contract.docx"
    ])
    expect(ran.stderr).toBe("")
  })

  it("exports only the package entry: internal modules cannot be imported", async () => {
    const ran = await run("node", ["--input-type=module", "-e", "await import('uuidmap/dist/pipeline/Phases.js')"], app, node.bin)
    expect(ran.code).not.toBe(0)
    expect(ran.stderr).toContain("ERR_PACKAGE_PATH_NOT_EXPORTED")
  })
})

describe("the installed types", () => {
  it("type-check both examples, and carry the domain types through the .d.ts files", async () => {
    // If a .d.ts import failed to resolve, these types would decay to `any`, the expected
    // errors below would not happen, and tsc would report the unused directives.
    await fs.writeFile(
      path.join(app, "types-probe.ts"),
      [
        "import { type ObjectKey, runPipelinePromise } from \"uuidmap\"",
        "const result = await runPipelinePromise({ clients: [], objects: [] })",
        "// @ts-expect-error a ledger key is an ObjectKey or null, never a number",
        "export const size: number = result.state.ledger[0]!.key",
        "// @ts-expect-error a plain string is not a branded ObjectKey",
        "export const key: ObjectKey = \"502/a.pdf\"",
        ""
      ].join("\n")
    )
    await fs.writeFile(
      path.join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { target: "es2023", module: "nodenext", strict: true, noEmit: true, allowJs: true, checkJs: true, skipLibCheck: true, types: [] },
        include: ["*.ts", "*.mjs"]
      })
    )
    const tsc = await run("node", [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "."], app, nodes[0]!.bin)
    expect(tsc.stdout + tsc.stderr).toBe("")
    expect(tsc.code).toBe(0)
  })
})
