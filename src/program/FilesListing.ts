/**
 * `files`: every file of the current state with its UUID, key, owner, status, evidence and
 * why, followed by what is reported and never guessed (strays, folders of unknown clients,
 * non-UUID pool names, duplicate UUIDs, evidence naming unknown row ids) with an empty UUID.
 *
 * @module
 */
import * as Effect from "effect/Effect"
import type { Evidence } from "../domain/Evidence.ts"
import { ownerOf } from "../domain/Mapping.ts"
import type { State } from "../domain/State.ts"
import { loadCurrentState } from "./LookupState.ts"
import type { Settings } from "./Settings.ts"

/**
 * One line of the listing. `owner` is set for mapped (and missing) files, `candidate` for
 * files in review; a finding has its kind as `status` and its detail as `why`.
 *
 * @category models
 */
export interface FileListing {
  readonly uuid: string
  readonly key: string
  readonly owner: string
  readonly candidate: string
  readonly status: string
  readonly confidence: number | null
  readonly size: number | null
  readonly evidence: ReadonlyArray<Evidence>
  readonly why: string
}

/**
 * The listing of a state: ledger rows in ledger order, then findings.
 *
 * @category rendering
 */
const listFilesOf = (state: State): ReadonlyArray<FileListing> => [
  ...state.ledger.map((mapping): FileListing => ({
    uuid: mapping.uuid,
    key: mapping.key ?? "",
    owner: ownerOf(mapping) ?? "",
    candidate: mapping.status === "review" ? mapping.rowId ?? "" : "",
    status: mapping.status,
    confidence: mapping.confidence,
    size: mapping.size,
    evidence: mapping.evidence,
    why: mapping.why
  })),
  ...state.findings.map((finding): FileListing => ({
    uuid: "",
    key: finding.subject,
    owner: "",
    candidate: "",
    status: finding.kind,
    confidence: null,
    size: null,
    evidence: [],
    why: finding.detail
  }))
]

/**
 * Lists every file of the current state.
 *
 * @category programs
 */
export const listFiles = Effect.fn("uuidmap.listFiles")(function*(settings: Settings) {
  const { state } = yield* loadCurrentState(settings)
  return listFilesOf(state)
})
