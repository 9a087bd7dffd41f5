/**
 * What one phase hands the next within a run: the state, its ledger indexed
 * (`IndexedLedger`, so a book opens on it without indexing a million rows again), and whether
 * the state is known to be a fixpoint of `reconcileExistingState` (so the next phase skips
 * that pass over the whole ledger). A value passed along, never remembered: a phase called on
 * a bare State starts from `startStep`, which knows nothing yet.
 *
 * @internal
 * @module
 */
import type { State } from "../domain/State.ts"
import { type IndexedLedger, indexLedger } from "./internal/LedgerIndex.ts"

/**
 * A state between phases. `ledger.rows` is `state.ledger`.
 *
 * @category models
 */
export interface PhaseStep {
  readonly state: State
  readonly ledger: IndexedLedger
  readonly reconciled: boolean
}

/**
 * The step of a state given from outside: its ledger indexed afresh, nothing assumed.
 *
 * @category constructors
 */
export const startStep = (state: State): PhaseStep => ({ state, ledger: indexLedger(state.ledger), reconciled: false })
