/**
 * Issue 8's bucket on s3rver behind a counting proxy, with its clients CSV in a temporary
 * folder, and `uuidmap run` against it through the real CLI: what the issue-8 test files share.
 *
 * @module
 */
import * as path from "node:path"
import { expect } from "vitest"
import { runCli, tempDir, writeTree } from "../Cli.ts"
import { s3ChildEnv } from "./CliComparison.ts"
import { type FaultProxy, startFaultProxy } from "./FaultProxy.ts"
import { issueLayout, issueLayoutClientsCsv } from "./IssueLayout.ts"
import { type SeedObject, seedS3rverFiles } from "./S3Seeding.ts"
import { type S3rverServer, startS3rver } from "./S3rverServer.ts"

/** The seeded bucket `s3://issue8`, its proxy, and a run of the CLI counted by the proxy. */
export interface IssueLayoutBucket {
  readonly layout: ReadonlyArray<SeedObject>
  readonly server: S3rverServer
  readonly proxy: FaultProxy
  /** Runs `uuidmap run ... --json` and gives its JSON outcome and the requests the proxy saw meanwhile. */
  // The outcome is the CLI's --json output, untyped as JSON.parse gives it.
  readonly run: (...extra: Array<string>) => Promise<{ readonly outcome: ReturnType<typeof JSON.parse>; readonly seen: { readonly list: number; readonly head: number } }>
  readonly stop: () => Promise<void>
}

/** Seeds the bucket (in memory where the machine has /dev/shm) and starts the proxy. */
export const startIssueLayoutBucket = async (): Promise<IssueLayoutBucket> => {
  const layout = [...issueLayout()]
  const env = s3ChildEnv("uuidmap-test-secret")
  const server = await startS3rver({ inMemory: true })
  await seedS3rverFiles(server.directory, "issue8", layout)
  const proxy = await startFaultProxy({ upstream: server.endpoint })
  const { dir, cleanup } = await tempDir("uuidmap-issue8-")
  await writeTree(dir, { "clients.csv": issueLayoutClientsCsv() })
  const run: IssueLayoutBucket["run"] = async (...extra) => {
    const before = proxy.methodCounts()
    const result = await runCli([
      "run", "--clients", path.join(dir, "clients.csv"), "--bucket", "s3://issue8", "--endpoint", proxy.endpoint,
      "--force-path-style", "--region", "us-east-1", "--json", ...extra
    ], { env })
    expect(result.code, result.stderr).toBe(0)
    const after = proxy.methodCounts()
    const sent = (method: string) => (after[method] ?? 0) - (before[method] ?? 0)
    return { outcome: JSON.parse(result.stdout), seen: { list: sent("GET"), head: sent("HEAD") } }
  }
  const stop = async () => {
    await cleanup()
    await proxy.stop()
    await server.stop()
  }
  return { layout, server, proxy, run, stop }
}
