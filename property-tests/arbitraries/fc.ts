/** The one place property tests import fast-check from, so its version and settings stay in one spot. */
export * as fc from "fast-check"
