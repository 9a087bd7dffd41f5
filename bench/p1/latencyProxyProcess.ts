/**
 * A loopback proxy in a process of its own that delays every request by `--latency` ms before
 * forwarding it to `--upstream` (the round trip of a ListObjectsV2 page on AWS S3 is about
 * 40 ms). Prints `{"endpoint": …}` on one line and runs until SIGTERM.
 *
 *   node bench/p1/latencyProxyProcess.ts --upstream http://127.0.0.1:PORT --latency 40
 *
 * @module
 */
import { parseArgs } from "node:util"
import { startFaultProxy } from "../../test/support/s3/FaultProxy.ts"

const { values } = parseArgs({ options: { upstream: { type: "string" }, latency: { type: "string", default: "40" } } })
const proxy = await startFaultProxy({ upstream: values.upstream!, latencyMs: Number(values.latency) })
console.log(JSON.stringify({ endpoint: proxy.endpoint }))
process.once("SIGTERM", () => void proxy.stop().then(() => process.exit(0)))
