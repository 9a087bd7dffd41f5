/**
 * The commit record: while a run replaces the clients CSV and the ledger, the file
 * `<csv>.commit` beside the lock says what it is doing — for each file, in commit order, its
 * real path, the complete temp file that will replace it, its backup, and the size and sha256
 * before and after. It is written (atomically) only once every temp file and backup is
 * complete on disk, and removed after the last rename. So a commit record that exists when a
 * run takes the lock is a commit that was interrupted, and it says exactly how to finish or
 * undo it. A person's edit of the CSV between runs never leaves one.
 *
 * @module
 */
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { UsageError } from "../../domain/UsageError.ts"
import { Disk } from "./Disk.ts"
import type { DiskError } from "./DiskError.ts"
import type { Digest } from "./FileDigest.ts"
import { tempPathFor } from "./TempFiles.ts"

/**
 * One file of a commit.
 *
 * @category models
 */
export interface IntendedFile {
  /** The path as the user named it, for messages. */
  readonly file: string
  readonly target: string
  readonly temp: string
  readonly backup: string | null
  readonly before: Digest | null
  readonly after: Digest
}

/**
 * A commit record.
 *
 * @category models
 */
export interface CommitIntent {
  readonly nonce: string
  readonly created: string
  readonly files: ReadonlyArray<IntendedFile>
}

/**
 * Where the commit record of a clients CSV lives: `<real csv path>.commit`.
 *
 * @category naming
 */
export const commitRecordPath = (realClientsFile: string): string => `${realClientsFile}.commit`

/**
 * Writes the record atomically (temp file, then rename).
 *
 * @category writing
 */
export const writeCommitIntent = (recordFile: string, intent: CommitIntent): Effect.Effect<void, DiskError, Disk> =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const temp = tempPathFor(recordFile, intent.nonce)
    const bytes = new TextEncoder().encode(JSON.stringify({ tool: "uuidmap", version: 1, ...intent }, null, 2) + "\n")
    yield* disk.createFile(temp, bytes, { mode: 0o644 })
    yield* disk.rename(temp, recordFile).pipe(Effect.tapError(() => disk.remove(temp).pipe(Effect.ignore)))
    yield* disk.syncFolder(path.dirname(recordFile))
  })

/**
 * Reads the record, if there is one. A record that is not what uuidmap writes is refused with
 * what to do: guessing how to finish a commit could lose data.
 *
 * @category reading
 */
export const readCommitIntent = (recordFile: string): Effect.Effect<CommitIntent | undefined, UsageError, Disk> =>
  Effect.gen(function*() {
    const disk = yield* Disk
    const bytes = yield* disk.readFile(recordFile).pipe(
      Effect.map((read): Uint8Array | undefined => read),
      Effect.catchTag("DiskError", (error) =>
        error.reason === "NotFound"
          ? Effect.succeed(undefined)
          : Effect.fail(new UsageError({ reason: "BadFile", message: `Cannot read the commit record "${recordFile}": ${error.detail}` })))
    )
    if (bytes === undefined) return undefined
    const intent = decodeIntent(new TextDecoder().decode(bytes))
    if (intent !== undefined) return intent
    return yield* new UsageError({
      reason: "BadFile",
      message: `The commit record "${recordFile}" is damaged, so an interrupted run cannot be finished safely; compare the clients CSV and the ledger with their latest backups, then delete "${recordFile}"`
    })
  })

const Text = Schema.NonEmptyString
const DigestRecord = Schema.Struct({ size: Schema.Int, sha256: Schema.String.check(Schema.isPattern(/^[0-9a-f]{64}$/)) })

// The record as `writeCommitIntent` writes it; anything else is a damaged record.
const CommitRecord = Schema.fromJsonString(Schema.Struct({
  version: Schema.Literal(1),
  nonce: Text,
  created: Text,
  files: Schema.Array(Schema.Struct({
    file: Text,
    target: Text,
    temp: Text,
    backup: Schema.NullOr(Text),
    before: Schema.NullOr(DigestRecord),
    after: DigestRecord
  }))
}))

const decodeIntent = (text: string): CommitIntent | undefined =>
  Option.getOrUndefined(Option.map(Schema.decodeUnknownOption(CommitRecord)(text), ({ created, files, nonce }) => ({ nonce, created, files })))
