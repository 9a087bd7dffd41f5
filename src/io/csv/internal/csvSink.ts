/**
 * Where the CSV writers put their output, piece by piece: spans of the input text kept as
 * they were, and new cell texts. The same rendering code then yields either a string or,
 * through `makeByteSink`, the file's bytes directly, without building the whole text first.
 *
 * @internal
 * @module
 */

/** A writer's output. */
export interface CsvSink {
  /** Appends `text.slice(start, end)`. */
  readonly copy: (text: string, start: number, end: number) => void
}

/** A sink that collects a string. */
export interface TextSink extends CsvSink {
  readonly text: () => string
}

/** A sink whose output is `text()`: the pieces, joined once at the end. */
export const makeTextSink = (): TextSink => {
  const pieces: Array<string> = []
  return {
    copy: (text, start, end) => {
      pieces.push(start === 0 && end === text.length ? text : text.slice(start, end))
    },
    text: () => pieces.join("")
  }
}

/** Appends the whole of `text`. */
export const write = (sink: CsvSink, text: string): void => sink.copy(text, 0, text.length)
