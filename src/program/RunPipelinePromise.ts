/**
 * `runPipeline` for callers who do not use Effect: plain objects in (an array or any iterable,
 * sync or async, of objects; arrays of client and ledger rows), a Promise of the new state and
 * the change list out. Input from plain JavaScript is not trusted to have the right shape, so
 * every value is decoded with its domain Schema first, and a bad one rejects the Promise with a
 * `PipelineInputError` naming it (`clients[3].rowId`), before any phase runs.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import * as Stream from "effect/Stream"
import { ClientRow } from "../domain/ClientRow.ts"
import { Mapping } from "../domain/Mapping.ts"
import { PipelineInputError } from "../domain/PipelineInputError.ts"
import type { PoolEvidence } from "../domain/PoolEvidence.ts"
import type { Layout } from "../domain/State.ts"
import { StoredObject } from "../domain/StoredObject.ts"
import { UuidGenerator } from "../io/uuid/UuidGenerator.ts"
import type { PhaseSelection } from "../pipeline/Phases.ts"
import { type PipelineResult, runPipeline } from "./RunPipeline.ts"

/**
 * A client row as plain data: `{ rowId: "502", tracked: false, uuids: [] }`.
 *
 * @example A client row as JSON gives it
 * ```ts
 * import assert from "node:assert/strict"
 * import { type ClientRowInput, runPipelinePromise } from "uuidmap"
 *
 * const client: ClientRowInput = JSON.parse('{ "rowId": "502", "tracked": true, "uuids": ["3f2a9c4e-8b1d-4c2e-9f00-0123456789ab"] }')
 * const result = await runPipelinePromise({ clients: [client], objects: [] })
 * assert.deepStrictEqual(result.state.clients[0]?.uuids, ["3f2a9c4e-8b1d-4c2e-9f00-0123456789ab"])
 * assert.equal(result.state.ledger[0]?.status, "missing") // listed in the cell, not in the bucket
 * ```
 * @category models
 */
export type ClientRowInput = typeof ClientRow.Encoded

/**
 * An object as plain data: key, size, quoted ETag and ISO 8601 last-modified time.
 *
 * @example Objects from an async listing
 * ```ts
 * import assert from "node:assert/strict"
 * import { runPipelinePromise, type StoredObjectInput } from "uuidmap"
 *
 * async function* listing(): AsyncIterable<StoredObjectInput> {
 *   yield { key: "502/a.pdf", size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }
 * }
 * const result = await runPipelinePromise({ clients: [{ rowId: "502", tracked: false, uuids: [] }], objects: listing() })
 * assert.equal(result.state.ledger[0]?.key, "502/a.pdf")
 * ```
 * @category models
 */
export type StoredObjectInput = typeof StoredObject.Encoded

/**
 * A ledger row as plain data, as `state.ledger` of an earlier result holds it (it survives
 * `JSON.stringify` and `JSON.parse`).
 *
 * @example The ledger of the last run keeps its UUIDs
 * ```ts
 * import assert from "node:assert/strict"
 * import { type MappingInput, runPipelinePromise } from "uuidmap"
 *
 * const clients = [{ rowId: "502", tracked: false, uuids: [] }]
 * const objects = [{ key: "502/a.pdf", size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }]
 * const first = await runPipelinePromise({ clients, objects })
 * const ledger: ReadonlyArray<MappingInput> = JSON.parse(JSON.stringify(first.state.ledger))
 * const second = await runPipelinePromise({ clients: first.state.clients, ledger, objects })
 * assert.equal(second.state.ledger[0]?.uuid, first.state.ledger[0]?.uuid)
 * assert.deepStrictEqual(second.changes, { cells: [], ledger: [] })
 * ```
 * @category models
 */
export type MappingInput = typeof Mapping.Encoded

/**
 * Where new UUIDs come from: random version 4 (`"v4"`, the default), time-ordered version 7
 * (`"v7"`), or a deterministic sequence for tests (`{ testSeed: 1 }`).
 *
 * @example Reproducible UUIDs for a test
 * ```ts
 * import assert from "node:assert/strict"
 * import { runPipelinePromise, type UuidSource } from "uuidmap"
 *
 * const uuids: UuidSource = { testSeed: 1 }
 * const result = await runPipelinePromise({ clients: [{ rowId: "502", tracked: false, uuids: [] }], objects: [{ key: "502/a.pdf", size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }], uuids })
 * assert.equal(result.state.ledger[0]?.uuid, "00000001-0000-4000-8000-000000000000")
 * ```
 * @category models
 */
export type UuidSource = "v4" | "v7" | { readonly testSeed: number }

/**
 * What a caller provides. `ledger` is the `state.ledger` of the previous result (UUIDs once
 * given never change); `evidence` is phase 2's outside evidence (`makePoolEvidence`).
 *
 * @example Phase 1 only
 * ```ts
 * import assert from "node:assert/strict"
 * import { type PipelineRequest, runPipelinePromise } from "uuidmap"
 *
 * const request: PipelineRequest = {
 *   clients: [{ rowId: "502", tracked: false, uuids: [] }, { rowId: "503", tracked: false, uuids: [] }],
 *   objects: [{ key: "502/a.pdf", size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }],
 *   phase: "1"
 * }
 * const result = await runPipelinePromise(request)
 * assert.deepStrictEqual(result.ran, ["1"])
 * assert.deepStrictEqual(result.state.clients.map((client) => client.tracked), [true, false]) // phase 3 would track 503 too
 * ```
 * @category models
 */
export interface PipelineRequest {
  /** Every client row, in the order that breaks ties. */
  readonly clients: ReadonlyArray<ClientRowInput>
  /** The listing: an array, any iterable or any async iterable. */
  readonly objects: Iterable<StoredObjectInput> | AsyncIterable<StoredObjectInput>
  /** The ledger of the previous run. */
  readonly ledger?: ReadonlyArray<MappingInput> | undefined
  /** Phase 2's outside evidence. */
  readonly evidence?: PoolEvidence | undefined
  /** Where the pool is (default `files/`). */
  readonly layout?: Layout | undefined
  /** Which phases run (default `"all"`). */
  readonly phase?: PhaseSelection | undefined
  /** Where new UUIDs come from (default `"v4"`). */
  readonly uuids?: UuidSource | undefined
}

const formatIssue = SchemaIssue.makeFormatterStandardSchemaV1()

const pathText = (path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }>): string =>
  path.map((segment) => {
    const key = typeof segment === "object" ? segment.key : segment
    return typeof key === "number" ? `[${key}]` : typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${String(key)}]`
  }).join("")

const valueAt = (value: unknown, path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }>): unknown =>
  path.reduce<unknown>((current, segment) => {
    const key = typeof segment === "object" ? segment.key : segment
    return typeof current === "object" && current !== null ? (current as Record<PropertyKey, unknown>)[key] : undefined
  }, value)

const describeValue = (value: unknown): string => {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? "(an array)" : "(an object)"
  return `"${String(value)}"`
}

// One line naming the first offending value by its place in the caller's input.
const invalidValue = (where: string, input: unknown) => (error: Schema.SchemaError): PipelineInputError => {
  const issue = formatIssue(error.issue).issues[0]
  const path = `${where}${pathText(issue?.path ?? [])}`
  const found = valueAt(input, issue?.path ?? [])
  const expected = issue?.message ?? "invalid value"
  const message = found === undefined
    ? `Missing ${path}${expected === "Missing key" ? "" : `: ${expected}`}`
    : `Invalid value ${describeValue(found)} at ${path}: ${expected.charAt(0).toLowerCase()}${expected.slice(1)}`
  return new PipelineInputError({ reason: "InvalidValue", path, message })
}

const decodeAt = <S extends Schema.Codec<unknown, unknown>>(schema: S) => {
  const decode = Schema.decodeUnknownEffect(schema)
  return (value: unknown, where: string): Effect.Effect<S["Type"], PipelineInputError> =>
    Effect.mapError(decode(value), invalidValue(where, value))
}

const decodeClient = decodeAt(ClientRow)
const decodeMapping = decodeAt(Mapping)
const decodeObject = decodeAt(StoredObject)

const refuse = (path: string, message: string) => Effect.fail(new PipelineInputError({ reason: "InvalidValue", path, message }))

const decodeRows = <A>(rows: unknown, name: string, decode: (value: unknown, where: string) => Effect.Effect<A, PipelineInputError>) =>
  Array.isArray(rows)
    ? Effect.forEach(rows, (row: unknown, index) => decode(row, `${name}[${index}]`))
    : refuse(name, `Expected ${name} to be an array, got ${describeValue(rows)}`)

const objectStream = (objects: unknown): Stream.Stream<StoredObject, unknown> => {
  const decodeEach = <E>(source: Stream.Stream<unknown, E>) =>
    source.pipe(Stream.zipWithIndex, Stream.mapEffect(([object, index]) => decodeObject(object, `objects[${index}]`)))
  if (typeof objects === "object" && objects !== null) {
    // The caller's iterator errors reach the caller unchanged: the Promise rejects with them.
    if (Symbol.asyncIterator in objects) return decodeEach(Stream.fromAsyncIterable(objects as AsyncIterable<unknown>, (cause) => cause))
    if (Symbol.iterator in objects) return decodeEach(Stream.fromIterable(objects as Iterable<unknown>))
  }
  return Stream.fail(new PipelineInputError({ reason: "InvalidValue", path: "objects", message: `Expected objects to be an iterable or async iterable, got ${describeValue(objects)}` }))
}

const uuidLayer = (source: unknown): Effect.Effect<Layer.Layer<UuidGenerator>, PipelineInputError> => {
  if (source === undefined || source === "v4") return Effect.succeed(UuidGenerator.layerV4)
  if (source === "v7") return Effect.succeed(UuidGenerator.layerV7)
  const seed = typeof source === "object" && source !== null ? (source as { testSeed?: unknown }).testSeed : undefined
  if (typeof seed === "number" && Number.isSafeInteger(seed) && seed >= 0) return Effect.succeed(UuidGenerator.layerTest(seed))
  return refuse("uuids", `Expected uuids to be "v4", "v7" or { testSeed: a non-negative integer }, got ${describeValue(source)}`)
}

const phases: ReadonlyArray<unknown> = ["1", "2", "3", "all"]

/**
 * The same run as an Effect, for callers who want the decoding without the Promise.
 *
 * @example The same run, as an Effect
 * ```ts
 * import assert from "node:assert/strict"
 * import * as Effect from "effect/Effect"
 * import { pipelineFromRequest } from "uuidmap"
 *
 * const result = await Effect.runPromise(pipelineFromRequest({ clients: [{ rowId: "502", tracked: false, uuids: [] }], objects: [] }))
 * assert.deepStrictEqual(result.state.clients, [{ rowId: "502", tracked: true, uuids: [] }])
 * ```
 * @category programs
 */
export const pipelineFromRequest = (request: PipelineRequest): Effect.Effect<PipelineResult, unknown> =>
  Effect.gen(function*() {
    if (typeof request !== "object" || request === null) return yield* refuse("request", `Expected an object, got ${describeValue(request)}`)
    if (request.phase !== undefined && !phases.includes(request.phase)) {
      return yield* refuse("phase", `Expected phase to be "1", "2", "3" or "all", got ${describeValue(request.phase)}`)
    }
    const layout = request.layout
    if (layout !== undefined && (typeof layout?.poolPrefix !== "string" || layout.poolPrefix === "")) {
      return yield* refuse("layout.poolPrefix", `Expected layout.poolPrefix to be a non-empty string, got ${describeValue(layout?.poolPrefix)}`)
    }
    const uuids = yield* uuidLayer(request.uuids)
    const clients = yield* decodeRows(request.clients, "clients", decodeClient)
    const ledger = request.ledger === undefined ? undefined : yield* decodeRows(request.ledger, "ledger", decodeMapping)
    return yield* runPipeline({
      clients,
      ledger,
      objects: objectStream(request.objects),
      evidence: request.evidence,
      layout,
      phase: request.phase
    }).pipe(Effect.provide(uuids))
  })

/**
 * Runs the phases over your client rows and objects and resolves with the new state, the state
 * it started from and the change list (`changes.cells`, `changes.ledger`). Rejects with a
 * `PipelineInputError` for bad input, or with whatever your async iterable throws.
 *
 * @example Mapping uploads, and refusing bad input
 * ```ts
 * import assert from "node:assert/strict"
 * import { PipelineInputError, runPipelinePromise } from "uuidmap"
 *
 * const result = await runPipelinePromise({ clients: [{ rowId: "502", tracked: false, uuids: [] }], objects: [{ key: "502/a.pdf", size: 10, etag: "\"0123456789abcdef0123456789abcdef\"", lastModified: "2024-05-01T12:00:00.000Z" }] })
 * assert.equal(result.state.ledger[0]?.status, "mapped")
 * assert.equal(result.changes.cells[0]?.after.uuids.length, 1)
 * await assert.rejects(
 *   runPipelinePromise({ clients: [{ rowId: "502", tracked: false, uuids: [] }, { rowId: "502", tracked: false, uuids: [] }], objects: [] }),
 *   (error) => error instanceof PipelineInputError && error.reason === "DuplicateRowId" && error.path === "clients[1].rowId"
 * )
 * ```
 * @category programs
 */
export const runPipelinePromise = (request: PipelineRequest): Promise<PipelineResult> => Effect.runPromise(pipelineFromRequest(request))
