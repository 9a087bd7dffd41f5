/**
 * No credential ever leaves uuidmap. Credentials and a session token are planted in the
 * environment and in a shared credentials file and profile (`AWS_SHARED_CREDENTIALS_FILE`,
 * `AWS_CONFIG_FILE`); every command runs against s3rver (with `--verbose`, and a run at
 * `--log-level all`), and so do the failing runs: a wrong endpoint, access denied, a bucket
 * that does not exist, a key the server does not know, a server that dies mid-listing. No
 * part of any secret (no 6 characters of it in a row) may appear in stdout, stderr, or any
 * file the runs leave: the CSV, the ledger, backups, the plan, reports, the review sheet.
 *
 * The secrets use no digit and no letter from a to f, so no UUID, hash or ETag in the output
 * can contain a piece of one by chance.
 */
import { createServer } from "node:net"
import type { AddressInfo } from "node:net"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type CliResult, runCli, snapshotTree, tempDir, writeTree } from "../support/Cli.ts"
import { type FaultProxy, s3ErrorAnswer, startFaultProxy } from "../support/s3/FaultProxy.ts"
import { seedS3rverFiles } from "../support/s3/S3Seeding.ts"
import { type S3rverServer, startS3rver } from "../support/s3/S3rverServer.ts"

// s3rver takes any secret and token, but only the access key S3RVER.
const envSecret = "QzWxYvTuSrQpOnMlKjIhGzYxWvUtSrQpOnMlKjIh"
const envToken = "IoJhKgLqMzNrOsPtQuRvSwTxUyVzWoXpYqZrIsJtKuLvMwNxOyPzQoRpSqTr/HmGnToUp+VqWrXsYt"
const profileSecret = "MnOpQrStUvWxYzGhIjKlMnOpQrStUvWxYzGhIjKl"
const profileToken = "ZyXwVuTsRqPoNmLkJiHgZyXwVuTsRqPoNmLkJiHgZyXwVuTsRq+PoNmLkJiHg/ZyXwVuTs"
const unknownKey = "AKIAQZWXYVTUSRQPONML"
const unknownSecret = "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"
const secrets = [envSecret, envToken, profileSecret, profileToken, unknownKey, unknownSecret]

const pieces = (secret: string): ReadonlyArray<string> =>
  Array.from({ length: secret.length - 5 }, (_, start) => secret.slice(start, start + 6))

const leaks = (text: string): ReadonlyArray<string> =>
  secrets.flatMap((secret) => pieces(secret).filter((piece) => text.includes(piece)).map((piece) => `${secret.slice(0, 4)}…: "${piece}"`))

let server: S3rverServer
let denied: FaultProxy
let dying: FaultProxy
let dir: string
let cleanup: () => Promise<void>
const at = (name: string) => path.join(dir, name)
const outputs: Array<CliResult> = []

const baseEnv = {
  AWS_REGION: "us-east-1",
  AWS_DEFAULT_REGION: "",
  AWS_PROFILE: "",
  AWS_CONFIG_FILE: "/nonexistent/uuidmap-test/config",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/uuidmap-test/credentials"
}
const envCredentials = { ...baseEnv, AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: envSecret, AWS_SESSION_TOKEN: envToken }
const profileCredentials = () => ({
  ...baseEnv,
  AWS_ACCESS_KEY_ID: "",
  AWS_SECRET_ACCESS_KEY: "",
  AWS_SESSION_TOKEN: "",
  AWS_CONFIG_FILE: at("aws/config"),
  AWS_SHARED_CREDENTIALS_FILE: at("aws/credentials")
})

const store = (endpoint: string, bucket = "s3://secret-bucket") =>
  ["--clients", at("clients.csv"), "--bucket", bucket, "--endpoint", endpoint, "--force-path-style", "--region", "us-east-1"]
const evidence = () => ["--records", at("records.csv")]

const uuidmap = async (args: ReadonlyArray<string>, env: Record<string, string> = envCredentials): Promise<CliResult> => {
  const result = await runCli(args, { env })
  outputs.push(result)
  return result
}

const closedPort = async (): Promise<number> => {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

beforeAll(async () => {
  server = await startS3rver()
  const pool = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
  await seedS3rverFiles(server.directory, "secret-bucket", [
    { key: "502/Sam/resume.pdf", body: "resume" },
    { key: "503/Ann/contract.pdf", body: "contract" },
    { key: `files/${pool}.pdf`, body: "pooled", metadata: { "row-id": "502" } },
    { key: "files/3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f.pdf", body: "disputed", metadata: { "row-id": "503" } },
    { key: "misc/readme.txt", body: "stray" }
  ])
  denied = await startFaultProxy({ upstream: server.endpoint, answer: s3ErrorAnswer(403, "AccessDenied", "Access Denied") })
  dying = await startFaultProxy({ upstream: server.endpoint, killAfterResponses: 1 })
  ;({ dir, cleanup } = await tempDir("uuidmap-secrets-"))
  await writeTree(dir, {
    "clients.csv": "row_id,name\n502,Sam\n503,Ann\n",
    "records.csv": "uuid,row_id\n3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f,502\n",
    "aws/credentials": `[planted]\naws_access_key_id = S3RVER\naws_secret_access_key = ${profileSecret}\naws_session_token = ${profileToken}\n`,
    "aws/config": "[profile planted]\nregion = us-east-1\n"
  })
})
afterAll(async () => {
  await Promise.all([denied?.stop(), dying?.stop()])
  await server?.stop()
  await cleanup?.()
})

describe("no secret in any output", () => {
  it("every command, with credentials in the environment, prints and writes no part of them", async () => {
    const s3 = store(server.endpoint)
    const steps: ReadonlyArray<ReadonlyArray<string>> = [
      ["run", ...s3, ...evidence(), "--diff", "--verbose", "--log-level", "all"],
      ["run", ...s3, ...evidence(), "--diff", "--json"],
      ["plan", "--out", at("plan.json"), ...s3, ...evidence(), "--verbose"],
      ["apply", at("plan.json"), ...s3, ...evidence(), "--verbose"],
      ["run", ...s3, ...evidence(), "--verbose"],
      ["verify", ...s3, "--verbose"],
      ["verify", ...s3, "--format", "json", "--out", at("verify.json")],
      ["verify", ...s3, "--format", "junit", "--out", at("verify.xml")],
      ["report", ...s3, "--verbose"],
      ["report", ...s3, "--format", "json", "--out", at("report.json")],
      ["report", ...s3, "--format", "md", "--out", at("report.md")],
      ["report", ...s3, "--format", "html", "--out", at("report.html")],
      ["summary", ...s3, "--verbose"],
      ["lookup", "502", ...s3, "--verbose"],
      ["files", ...s3, "--format", "csv", "--verbose"],
      ["files", ...s3, "--format", "json"],
      ["review", "export", at("review.csv"), ...s3, "--verbose"]
    ]
    for (const args of steps) {
      const result = await uuidmap(args)
      // verify may find a violation (exit 1); nothing else may fail.
      expect(result.code, `${args.join(" ")}\n${result.stderr}`).toBe(args[0] === "verify" && result.code === 1 ? 1 : 0)
    }
    const sheet = await fs.readFile(at("review.csv"), "utf8")
    const line = sheet.split("\n").find((row) => row.startsWith("3f2a9c4e"))
    expect(line).toBeDefined()
    await fs.writeFile(at("review.csv"), `${sheet.split("\n")[0]}\n${line!.replace(/,,$/, ",502,checked")}\n`)
    const accepted = await uuidmap(["review", "accept", at("review.csv"), ...s3, "--verbose"])
    expect(accepted.code, accepted.stderr).toBe(0)
  })

  it("a run with credentials from a profile in the shared files prints and writes no part of them", async () => {
    const result = await uuidmap(["run", ...store(server.endpoint), "--profile", "planted", "--diff", "--verbose"], profileCredentials())
    expect(result.code, result.stderr).toBe(0)
  })

  it("failing runs (wrong endpoint, denied, no bucket, unknown key, a server that dies) say what failed and no part of a secret", async () => {
    const failing: ReadonlyArray<readonly [ReadonlyArray<string>, Record<string, string>, string]> = [
      [["run", ...store(`http://127.0.0.1:${await closedPort()}`), "--max-attempts", "1", "--verbose"], envCredentials, "127.0.0.1"],
      [["run", ...store(denied.endpoint), "--verbose"], envCredentials, "denied"],
      [["plan", "--out", at("never.json"), ...store(denied.endpoint), "--profile", "planted"], profileCredentials(), "denied"],
      [["run", ...store(server.endpoint, "s3://no-such-bucket"), "--verbose"], envCredentials, "no-such-bucket"],
      [["run", ...store(server.endpoint), "--verbose"], { ...envCredentials, AWS_ACCESS_KEY_ID: unknownKey, AWS_SECRET_ACCESS_KEY: unknownSecret }, "key"],
      // The listing is one page; metadata read for a name no reading covers needs HeadObject
      // after it, and the server is gone by then.
      [["verify", ...store(dying.endpoint), "--max-attempts", "1", "--metadata-names", "row-id=never-read"], envCredentials, "127.0.0.1"]
    ]
    for (const [args, env, says] of failing) {
      const before = await snapshotTree(dir)
      const result = await uuidmap(args, env)
      expect(result.code, result.stderr).toBe(4)
      expect(result.stderr.toLowerCase()).toContain(says)
      expect(result.stderr.trim().split("\n")).toHaveLength(1)
      expect(await snapshotTree(dir)).toEqual(before)
    }
  })

  it("leaves no part of a secret in stdout, stderr or any file written", async () => {
    expect(outputs.length).toBeGreaterThanOrEqual(25)
    expect(outputs.flatMap((result) => leaks(result.stdout + result.stderr))).toEqual([])
    const files = await snapshotTree(dir)
    const written = [...files].filter(([name]) => !name.startsWith("aws/"))
    expect(written.map(([name]) => name)).toEqual(expect.arrayContaining(["clients.ledger.csv", "plan.json", "report.html", "review.csv", "verify.xml"]))
    expect(written.flatMap(([name, base64]) => leaks(Buffer.from(base64, "base64").toString("utf8")).map((leak) => `${name}: ${leak}`))).toEqual([])
    // The check itself finds a secret where there is one.
    expect(leaks(`key ${envToken.slice(10, 16)} here`)).toHaveLength(1)
  })
})
