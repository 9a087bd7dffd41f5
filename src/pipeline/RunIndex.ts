/**
 * One explicit index per run (issue 10): what the phases look up in the inputs that no phase
 * changes (the listing, the clients' row ids and their order, the layout), built once from
 * them and passed to each phase as a value. Nothing is remembered between calls: a caller who
 * changes a Map or an array and runs again gets an index of what it holds then. The phases
 * rewrite tracking cells and the ledger, never row ids, objects or the layout, so one index
 * serves every phase of a run; the inputs must not change while it is in use.
 *
 * @internal
 * @module
 */
import type { FileUuid } from "../domain/FileUuid.ts"
import type { ObjectKey } from "../domain/ObjectKey.ts"
import type { RowId } from "../domain/RowId.ts"
import type { State } from "../domain/State.ts"
import { type KeyPlace, makeKeyClassifier } from "./ClassifyKey.ts"
import type { ContentIndex } from "./ContentIndex.ts"
import { once } from "./internal/Once.ts"
import { type CatalogueParts, catalogueObjects, finishCatalogue, indexFolderSizes, type ObjectCatalogue } from "./ObjectCatalogue.ts"
import { clientOrderOf } from "./Redecide.ts"
import { buildWeakIndex, type WeakIndex } from "./WeakSignals.ts"

/**
 * The index of one run's inputs. The content and weak-signal indexes, which only phase 2
 * needs, are built on its first call.
 *
 * @category models
 */
export interface RunIndex {
  /** Each row id's position in the CSV, which breaks ties between clients. */
  readonly order: ReadonlyMap<RowId, number>
  /** Where each key sits (SPEC §1). */
  readonly classify: (key: string) => KeyPlace
  /** The UUID-named pool objects by UUID, in key order. */
  readonly pool: ReadonlyMap<FileUuid, ObjectKey>
  /** The client-folder files and the UUID-named pool keys, in key order. */
  readonly catalogue: ObjectCatalogue
  /** Client-folder files by content identity, for pool files' content evidence. */
  readonly content: () => ContentIndex
  /** Client-folder files by size, for pool files' weak signals. */
  readonly weak: () => WeakIndex
}

/**
 * Builds the index of a run's inputs. A listing that classified every object of
 * `state.objects` as it read them (with `addToCatalogue`, the classifier of these clients and
 * this pool prefix) passes its `parts`, and no key is classified twice.
 *
 * @category constructors
 */
export const buildRunIndex = (state: Pick<State, "clients" | "objects" | "layout">, parts?: CatalogueParts): RunIndex => {
  const order = clientOrderOf(state.clients)
  // Only the prefix of the layout matters to the classifier.
  const classify = makeKeyClassifier(new Set(order.keys()), { poolPrefix: state.layout.poolPrefix })
  const catalogue = parts === undefined
    ? catalogueObjects(state.objects, classify, state.layout.poolPrefix)
    : finishCatalogue(parts, state.layout.poolPrefix)
  const sizes = once(() => indexFolderSizes(catalogue))
  return {
    order,
    classify,
    pool: catalogue.pool,
    catalogue,
    content: () => ({ catalogue, sizes: sizes() }),
    weak: once(() => buildWeakIndex(catalogue, sizes()))
  }
}
