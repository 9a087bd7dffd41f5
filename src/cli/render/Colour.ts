/**
 * Terminal colour, only on a TTY and never when NO_COLOR is set (no-color convention).
 *
 * @module
 */

/**
 * Paints text with ANSI colours, or leaves it alone.
 *
 * @category models
 */
export interface Painter {
  readonly green: (text: string) => string
  readonly yellow: (text: string) => string
  readonly red: (text: string) => string
  readonly bold: (text: string) => string
  readonly dim: (text: string) => string
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`

/**
 * A painter that colours when `enabled`.
 *
 * @category constructors
 */
export const makePainter = (enabled: boolean): Painter =>
  enabled
    ? { green: wrap(32, 39), yellow: wrap(33, 39), red: wrap(31, 39), bold: wrap(1, 22), dim: wrap(2, 22) }
    : { green: String, yellow: String, red: String, bold: String, dim: String }

/**
 * Whether standard output should get colour: a TTY, and NO_COLOR unset or empty.
 *
 * @category detection
 */
export const stdoutWantsColour = (): boolean =>
  process.stdout.isTTY === true && (process.env.NO_COLOR === undefined || process.env.NO_COLOR === "")
