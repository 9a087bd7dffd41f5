/**
 * s3rver in a process of its own for the P1 benchmark: seeds issue 8's 20,000-object bucket
 * (`bench`) through its files, prints `{"endpoint": …}` on one line and serves until SIGTERM.
 *
 *   node bench/p1/s3rverProcess.ts
 *
 * @module
 */
import { issueLayout } from "../../test/support/s3/IssueLayout.ts"
import { seedS3rverFiles } from "../../test/support/s3/S3Seeding.ts"
import { startS3rver } from "../../test/support/s3/S3rverServer.ts"

const server = await startS3rver({ inMemory: true })
await seedS3rverFiles(server.directory, "bench", issueLayout())
console.log(JSON.stringify({ endpoint: server.endpoint }))
process.once("SIGTERM", () => void server.stop().then(() => process.exit(0)))
