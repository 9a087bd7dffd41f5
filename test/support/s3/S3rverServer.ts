/**
 * s3rver 3.7.1 in-process for tests: 127.0.0.1, an ephemeral port, a fresh temporary
 * directory, removed on stop.
 *
 * Facts this harness relies on: the access key must be `S3RVER` (the secret and V4 signatures
 * are not checked); continuation tokens are DES-encrypted (see `ensureS3rverTokens`); keys
 * with `//` or a leading `/` cannot be stored (its router and file store drop empty segments);
 * a `Delimiter` listing misses a first-level folder that holds only subfolders.
 *
 * @module
 */
import { access, constants } from "node:fs/promises"
import { mkdir, mkdtemp, rm } from "node:fs/promises"
import { createRequire } from "node:module"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"

interface S3rverInstance {
  run(): Promise<AddressInfo>
  close(): Promise<void>
  readonly httpServer?: { closeAllConnections(): void; keepAliveTimeout: number }
}

type S3rverConstructor = new(options: {
  readonly address: string
  readonly port: number
  readonly silent: boolean
  readonly directory: string
  readonly resetOnClose?: boolean
}) => S3rverInstance

const require = createRequire(import.meta.url)

// s3rver ships no types; loading it through require keeps one source for Node and Deno.
const S3rver = require("s3rver") as S3rverConstructor

interface CipherModule {
  createCipheriv: (...args: ReadonlyArray<unknown>) => unknown
  createDecipheriv: (...args: ReadonlyArray<unknown>) => unknown
}

// s3rver encrypts its continuation tokens with DES only to make them opaque. Deno has no DES
// (and Node has it only with --openssl-legacy-provider), so where DES is missing the harness
// swaps in a pass-through "cipher": tokens become base64 of the plain key, and multi-page
// listings work. This touches the test process only, never the code under test.
const ensureS3rverTokens = () => {
  const crypto = require("node:crypto") as CipherModule
  try {
    crypto.createCipheriv("des", Buffer.alloc(8), Buffer.alloc(8))
    return
  } catch {
    const passThrough = () => ({
      update: (data: string | Buffer, encoding?: BufferEncoding) =>
        typeof data === "string" ? Buffer.from(data, encoding) : Buffer.from(data),
      final: () => Buffer.alloc(0)
    })
    const cipher = crypto.createCipheriv
    const decipher = crypto.createDecipheriv
    crypto.createCipheriv = (algorithm, ...rest) => (algorithm === "des" ? passThrough() : cipher(algorithm, ...rest))
    crypto.createDecipheriv = (algorithm, ...rest) => (algorithm === "des" ? passThrough() : decipher(algorithm, ...rest))
  }
}

/**
 * A running s3rver: its endpoint, its data directory and how to stop it.
 *
 * @example
 * ```ts
 * import { startS3rver } from "./S3rverServer.ts"
 * const server = await startS3rver()
 * await server.createBucket("clients")
 * await server.stop()
 * ```
 * @category models
 */
export interface S3rverServer {
  readonly endpoint: string
  readonly port: number
  readonly directory: string
  /** Creates a bucket by making its directory (what s3rver's CreateBucket does). */
  readonly createBucket: (bucket: string) => Promise<void>
  readonly stop: () => Promise<void>
}

// Where a big bucket is seeded fastest: a RAM-backed folder when the machine has one
// (tens of thousands of small files cost seconds on a busy disk), else the temp folder.
const temporaryRoot = async (inMemory: boolean): Promise<string> => {
  if (!inMemory) return tmpdir()
  try {
    await access("/dev/shm", constants.W_OK)
    return "/dev/shm"
  } catch {
    return tmpdir()
  }
}

/**
 * Starts s3rver on 127.0.0.1 and an ephemeral port. `inMemory` keeps its data in `/dev/shm`
 * where there is one: for tests that seed tens of thousands of objects.
 *
 * @example
 * ```ts
 * import { startS3rver } from "./S3rverServer.ts"
 * const server = await startS3rver()
 * console.log(server.endpoint) // http://127.0.0.1:PORT
 * await server.stop()
 * ```
 * @category constructors
 */
export const startS3rver = async (options: { readonly inMemory?: boolean } = {}): Promise<S3rverServer> => {
  ensureS3rverTokens()
  const directory = await mkdtemp(join(await temporaryRoot(options.inMemory === true), "uuidmap-s3rver-"))
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory })
  const address = await server.run()
  // Node closes a connection idle for 5 s; a proxy or client that sends on it just then gets
  // a reset, and the SDK retries: one request more than the test counts. On a busy machine
  // pauses that long happen, so idle connections stay open until stop().
  if (server.httpServer !== undefined) server.httpServer.keepAliveTimeout = 10 * 60_000
  let stopped = false
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    directory,
    createBucket: async (bucket) => {
      await mkdir(join(directory, bucket), { recursive: true })
    },
    stop: async () => {
      if (stopped) return
      stopped = true
      const closing = server.close()
      // Keep-alive sockets of SDK clients would otherwise hold close() open.
      server.httpServer?.closeAllConnections()
      await closing
      await rm(directory, { recursive: true, force: true })
    }
  }
}
