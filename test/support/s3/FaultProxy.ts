/**
 * A small HTTP proxy on 127.0.0.1 that sits in front of a test S3 server and misbehaves on
 * purpose: it answers a bounded, seeded fraction of requests with 503 SlowDown or 500
 * InternalError (proper S3 XML bodies) or resets the connection; it can die mid-listing
 * (every socket destroyed, the port closed, so later requests are refused); it can answer
 * every request with a canned S3 error; and it can make the server repeat a key across pages.
 *
 * Requests pass through unchanged (Host included), so signatures stay valid.
 *
 * @module
 */
import { Agent, createServer, request as httpRequest } from "node:http"
import type { IncomingMessage, ServerResponse } from "node:http"
import type { AddressInfo, Socket } from "node:net"

/**
 * A way to fail one request.
 *
 * @example
 * ```ts
 * import type { FaultKind } from "./FaultProxy.ts"
 * const kinds: ReadonlyArray<FaultKind> = ["slowdown", "reset"]
 * ```
 * @category models
 */
export type FaultKind = "slowdown" | "internal" | "reset"

/**
 * A complete answer the proxy gives instead of forwarding.
 *
 * @example
 * ```ts
 * import { s3ErrorAnswer } from "./FaultProxy.ts"
 * const denied = s3ErrorAnswer(403, "AccessDenied", "Access Denied")
 * ```
 * @category models
 */
export interface CannedAnswer {
  readonly status: number
  readonly headers?: Readonly<Record<string, string>>
  readonly body: string
}

/**
 * How the proxy misbehaves. With no option set it forwards everything faithfully.
 *
 * - `faultRate`: the fraction of requests to fail (0..1), drawn from a PRNG seeded by `seed`.
 * - `maxFaults`: never more faults than this in total (default unlimited).
 * - `faults`: the kinds to choose from, in turn (default all three).
 * - `killAfterResponses`: die once this many responses have been forwarded.
 * - `repeatKeysAcrossPages`: add the previous ListObjectsV2 page's last object to the next page.
 * - `answer`: answer every request with this instead of forwarding.
 * - `latencyMs`: wait this long before forwarding each request (a stand-in for the round trip
 *   to a remote S3, for benchmarks).
 *
 * @example
 * ```ts
 * import type { FaultProxyOptions } from "./FaultProxy.ts"
 * const options: FaultProxyOptions = { upstream: "http://127.0.0.1:4568", faultRate: 0.3, maxFaults: 40 }
 * ```
 * @category models
 */
export interface FaultProxyOptions {
  readonly upstream: string
  readonly faultRate?: number
  readonly maxFaults?: number
  readonly faults?: ReadonlyArray<FaultKind>
  readonly seed?: number
  readonly killAfterResponses?: number
  readonly repeatKeysAcrossPages?: boolean
  readonly answer?: CannedAnswer
  readonly latencyMs?: number
}

/**
 * What the proxy saw and did.
 *
 * @example
 * ```ts
 * import type { FaultProxyStats } from "./FaultProxy.ts"
 * const stats: FaultProxyStats = { requests: 10, faults: 3, forwarded: 7, repeatedKeys: 0 }
 * ```
 * @category models
 */
export interface FaultProxyStats {
  readonly requests: number
  readonly faults: number
  readonly forwarded: number
  readonly repeatedKeys: number
}

/**
 * A running proxy.
 *
 * @example
 * ```ts
 * import { startFaultProxy } from "./FaultProxy.ts"
 * const proxy = await startFaultProxy({ upstream: "http://127.0.0.1:4568" })
 * await proxy.stop()
 * ```
 * @category models
 */
export interface FaultProxy {
  readonly endpoint: string
  readonly stats: () => FaultProxyStats
  /** The path and query of every request received, in arrival order. */
  readonly requestUrls: () => ReadonlyArray<string>
  /** How many requests of each HTTP method were received (HEAD is HeadObject). */
  readonly methodCounts: () => Readonly<Record<string, number>>
  /** Dies at once: open sockets destroyed, the port closed. */
  readonly kill: () => void
  readonly stop: () => Promise<void>
}

/**
 * An S3 error response with its XML body.
 *
 * @example
 * ```ts
 * import { s3ErrorAnswer } from "./FaultProxy.ts"
 * const redirect = s3ErrorAnswer(301, "PermanentRedirect", "Use the right endpoint.", { "x-amz-bucket-region": "eu-west-1" })
 * ```
 * @category constructors
 */
export const s3ErrorAnswer = (
  status: number,
  code: string,
  message: string,
  headers: Readonly<Record<string, string>> = {},
  extraXml = ""
): CannedAnswer => ({
  status,
  headers: { "content-type": "application/xml", ...headers },
  body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>` +
    `${extraXml}<RequestId>FAULTPROXY</RequestId><HostId>faultproxy</HostId></Error>`
})

// mulberry32: a tiny seeded PRNG, so a failing run can be replayed exactly.
const seededRandom = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const contentsBlocks = /<Contents>[\s\S]*?<\/Contents>/g

/**
 * Starts the proxy on 127.0.0.1 and an ephemeral port.
 *
 * @example
 * ```ts
 * import { startFaultProxy } from "./FaultProxy.ts"
 * const proxy = await startFaultProxy({ upstream: "http://127.0.0.1:4568", faultRate: 0.2, maxFaults: 20 })
 * console.log(proxy.endpoint, proxy.stats())
 * await proxy.stop()
 * ```
 * @category constructors
 */
export const startFaultProxy = async (options: FaultProxyOptions): Promise<FaultProxy> => {
  const upstream = new URL(options.upstream)
  const random = seededRandom(options.seed ?? 42)
  const kinds = options.faults ?? ["slowdown", "reset", "internal"]
  const agent = new Agent({ keepAlive: true })
  const sockets = new Set<Socket>()
  let requests = 0
  let faults = 0
  let forwarded = 0
  let repeatedKeys = 0
  let killed = false
  let previousLastObject: string | undefined
  const urls: Array<string> = []
  const methods: Record<string, number> = {}

  const fault = (request: IncomingMessage, response: ServerResponse, kind: FaultKind) => {
    faults += 1
    if (kind === "reset") {
      request.socket.destroy()
      return
    }
    const answer = kind === "slowdown"
      ? s3ErrorAnswer(503, "SlowDown", "Please reduce your request rate.")
      : s3ErrorAnswer(500, "InternalError", "We encountered an internal error. Please try again.")
    respond(response, answer)
  }

  const respond = (response: ServerResponse, answer: CannedAnswer) => {
    response.writeHead(answer.status, { ...answer.headers, "content-length": Buffer.byteLength(answer.body) })
    response.end(answer.body)
  }

  const isListing = (request: IncomingMessage) => /[?&]list-type=2(?:&|$)/.test(request.url ?? "")

  const forward = (request: IncomingMessage, response: ServerResponse) => {
    const outgoing = httpRequest({
      agent,
      host: upstream.hostname,
      port: upstream.port,
      method: request.method,
      path: request.url,
      headers: request.headers
    }, (incoming) => {
      const done = () => {
        forwarded += 1
        if (options.killAfterResponses !== undefined && forwarded >= options.killAfterResponses) kill()
      }
      if (options.repeatKeysAcrossPages === true && isListing(request) && incoming.statusCode === 200) {
        const chunks: Array<Buffer> = []
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk))
        incoming.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8")
          const blocks = body.match(contentsBlocks) ?? []
          const repeated = previousLastObject
          previousLastObject = blocks.at(-1)
          const rewritten = repeated !== undefined && blocks.length > 0
            ? body.replace("<Contents>", `${repeated}<Contents>`)
            : body
          if (rewritten !== body) repeatedKeys += 1
          const headers = { ...incoming.headers, "content-length": String(Buffer.byteLength(rewritten)) }
          delete headers["transfer-encoding"]
          response.writeHead(200, headers)
          response.end(rewritten, done)
        })
        return
      }
      response.writeHead(incoming.statusCode ?? 502, incoming.headers)
      incoming.pipe(response)
      response.once("finish", done)
    })
    outgoing.on("error", () => request.socket.destroy())
    request.pipe(outgoing)
  }

  const server = createServer((request, response) => {
    requests += 1
    urls.push(request.url ?? "")
    const method = request.method ?? "GET"
    methods[method] = (methods[method] ?? 0) + 1
    if (killed) return request.socket.destroy()
    if (options.answer !== undefined) return respond(response, options.answer)
    const rate = options.faultRate ?? 0
    const budgetLeft = faults < (options.maxFaults ?? Number.POSITIVE_INFINITY)
    if (rate > 0 && budgetLeft && random() < rate) {
      const kind = kinds[faults % kinds.length] ?? "slowdown"
      return fault(request, response, kind)
    }
    if (options.latencyMs !== undefined && options.latencyMs > 0) {
      setTimeout(() => forward(request, response), options.latencyMs)
      return
    }
    forward(request, response)
  })
  server.on("connection", (socket) => {
    sockets.add(socket)
    socket.once("close", () => sockets.delete(socket))
  })

  const kill = () => {
    if (killed) return
    killed = true
    server.close()
    for (const socket of sockets) socket.destroy()
    agent.destroy()
  }

  // Node closes a connection idle for 5 s, and a client that sends on it just then sees a
  // reset and retries: one more request in uuidmap's count than reached the proxy. A run
  // whose sockets idle that long (a busy machine, a long phase between listing and metadata
  // reads) must not be miscounted, so idle connections stay open until stop().
  server.keepAliveTimeout = 10 * 60_000
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stats: () => ({ requests, faults, forwarded, repeatedKeys }),
    requestUrls: () => [...urls],
    methodCounts: () => ({ ...methods }),
    kill,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) {
          kill()
          return resolve()
        }
        server.close(() => resolve())
        killed = true
        for (const socket of sockets) socket.destroy()
        agent.destroy()
      })
  }
}
