/**
 * The `code` of something thrown: Node's system errors (`ENOENT`, `EACCES`…) and csv-parse's
 * errors (`CSV_…`) carry one. Read with a Schema guard, so a value of any shape (a string, a
 * plain object, `undefined`) is told apart without a cast.
 *
 * @module
 */
import * as Schema from "effect/Schema"

const HasCode = Schema.Struct({ code: Schema.String })
const hasCode = Schema.is(HasCode)

/**
 * The error's `code`, or undefined when it has none that is a string.
 *
 * @category accessors
 */
export const errorCode = (error: unknown): string | undefined => (hasCode(error) ? error.code : undefined)
