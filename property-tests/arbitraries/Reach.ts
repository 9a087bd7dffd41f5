/**
 * How many generated cases reached a property's real assertion. A property whose cases mostly
 * stop before it (no human decision to check, no key under the prefix) proves little, so
 * every property counts: `counted(predicate)` counts the cases, `reached()` marks the case as
 * one that got to the assertion that matters, and `expectReached(share)` fails the test when
 * too few did (and says how many did). `REACH_REPORT=1 npx vitest run property-tests` prints the
 * figures of every property.
 */
import { expect } from "vitest"

/** A counter for one property. */
export interface Reach {
  readonly counted: <Args extends ReadonlyArray<unknown>, R>(predicate: (...args: Args) => R) => (...args: Args) => R
  readonly reached: () => void
  readonly expectReached: (minimumShare: number) => void
}

/**
 * A fresh counter; `label` names the property in the failure message.
 *
 * @example
 * ```ts
 * const reach = makeReach("no file maps to two clients")
 * fc.assert(fc.property(world, reach.counted((state) => {
 *   for (const uuid of owned(state)) {
 *     reach.reached()
 *     expect(owners(uuid)).toHaveLength(1)
 *   }
 * })))
 * reach.expectReached(0.5)
 * ```
 */
export const makeReach = (label: string): Reach => {
  let cases = 0
  let reachedCases = 0
  let current = false
  const finish = () => {
    if (current) reachedCases++
  }
  return {
    counted: (predicate) => (...args) => {
      cases++
      current = false
      const result = predicate(...args)
      if (result instanceof Promise) return result.then((value) => (finish(), value)) as typeof result
      finish()
      return result
    },
    reached: () => {
      current = true
    },
    expectReached: (minimumShare) => {
      // REACH_REPORT=1 prints every property's figures.
      if (process.env["REACH_REPORT"] !== undefined) console.log(`${label}: ${reachedCases} of ${cases} cases reached the assertion`)
      expect(cases, `${label}: no case ran`).toBeGreaterThan(0)
      expect(
        reachedCases,
        `${label}: ${reachedCases} of ${cases} cases reached the assertion, fewer than ${Math.round(minimumShare * 100)}%`
      ).toBeGreaterThanOrEqual(Math.ceil(cases * minimumShare))
    }
  }
}
