/**
 * `npm run demo:s3`: the demo scenario on a real S3 server.
 *
 * Starts s3rver on 127.0.0.1 (an ephemeral port, a temporary directory), uploads the 138
 * objects of the demo scenario (SPEC §6) to a bucket through the SDK — with user metadata on
 * a few pool files that no other evidence explains, so phase 2 has metadata to find — writes
 * the clients CSV, the ledger and the evidence into `./uuidmap-demo-s3/`, then runs the real
 * CLI against the bucket (`uuidmap run --bucket s3://… --endpoint …`), prints its output, checks
 * that a second run would change nothing, and stops the server.
 *
 * `./uuidmap-demo-s3/` is replaced only when it holds the demo's marker file. The credentials
 * are s3rver's (`S3RVER`), passed to the CLI through the environment.
 *
 *   npm run demo:s3
 *
 * @module
 */
import { spawn } from "node:child_process"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { makeDemoScenario } from "../src/program/demo/DemoScenario.ts"
import { startS3rver } from "../test/support/s3/S3rverServer.ts"
import { seedThroughSdk } from "../test/support/s3/S3Seeding.ts"
import type { SeedObject } from "../test/support/s3/S3Seeding.ts"

const root = path.resolve(import.meta.dirname, "..")
const dir = path.resolve("uuidmap-demo-s3")
const marker = ".uuidmap-demo"
const bucket = "uuidmap-demo"
const paths = {
  clients: path.join(dir, "clients.csv"),
  ledger: path.join(dir, "clients.ledger.csv"),
  migrationLog: path.join(dir, "evidence", "migration-log.csv"),
  records: path.join(dir, "evidence", "records.csv")
}

// The scenario's pool files with no evidence at all are its ".dat" uploads; four of them get
// metadata (two name a row, two an original key in a client folder) and three stay unexplained.
const withMetadata = (files: ReadonlyArray<{ readonly key: string; readonly content: string }>): Array<SeedObject> => {
  const clientFolder = files.find((file) => file.key.startsWith("506/"))?.key.split("/").slice(0, 2).join("/") ?? "506"
  const tags: ReadonlyArray<Readonly<Record<string, string>>> = [
    { "row-id": "505" },
    { "row-id": "777" },
    { "original-key": `${clientFolder}/scan-2022.pdf` },
    { "original-key": `${clientFolder}/old-upload.dat` }
  ]
  let tagged = 0
  return files.map((file) => {
    const tag = file.key.startsWith("files/") && file.key.endsWith(".dat") ? tags[tagged++] : undefined
    return tag === undefined ? { key: file.key, body: file.content } : { key: file.key, body: file.content, metadata: tag }
  })
}

const prepareFolder = async (): Promise<void> => {
  const entries = await fs.readdir(dir).catch(() => undefined)
  if (entries !== undefined && entries.length > 0) {
    if (!entries.includes(marker)) throw new Error(`${dir} exists and is not a uuidmap demo folder; move it away first`)
    await fs.rm(dir, { recursive: true, force: true })
  }
  await fs.mkdir(path.dirname(paths.migrationLog), { recursive: true })
  await fs.writeFile(path.join(dir, marker), "This folder was built by `npm run demo:s3`; it may be replaced.\n")
}

const runUuidmap = (args: ReadonlyArray<string>): Promise<number> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "src", "main.ts"), ...args], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" }
    })
    child.once("error", reject)
    child.once("close", (code) => resolve(code ?? 1))
  })

const main = async (): Promise<number> => {
  const scenario = makeDemoScenario()
  await prepareFolder()
  await fs.writeFile(paths.clients, scenario.clientsCsv)
  await fs.writeFile(paths.ledger, scenario.ledgerCsv)
  await fs.writeFile(paths.migrationLog, scenario.migrationLogCsv)
  await fs.writeFile(paths.records, scenario.recordsCsv)

  const server = await startS3rver()
  try {
    const objects = withMetadata(scenario.files)
    await seedThroughSdk(server.endpoint, bucket, objects)
    const tagged = objects.filter((object) => object.metadata !== undefined).length
    console.log(`s3rver at ${server.endpoint}: uploaded ${objects.length} objects to s3://${bucket} (${tagged} pool files with x-amz-meta-* evidence).`)
    console.log(`Wrote the clients CSV, ledger and evidence to ${dir}.`)
    const args = [
      "run",
      "--clients",
      paths.clients,
      "--bucket",
      `s3://${bucket}`,
      "--endpoint",
      server.endpoint,
      "--force-path-style",
      "--region",
      "us-east-1",
      "--migration-log",
      paths.migrationLog,
      "--records",
      paths.records
    ]
    console.log(`\n$ uuidmap ${args.join(" ")}\n`)
    const code = await runUuidmap(args)
    if (code !== 0) return code
    const again = await runUuidmap([...args, "--diff", "--detailed-exitcode", "--quiet"])
    console.log(again === 0 ? "\nA second run changes nothing." : `\nA second run would still change something (exit ${again}).`)
    return again
  } finally {
    await server.stop()
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`demo:s3: ${error instanceof Error ? error.message : String(error)}`)
  return 1
})
