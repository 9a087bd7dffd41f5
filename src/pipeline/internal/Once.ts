/**
 * A value worked out on first need and then kept, inside the index value that owns it (never
 * a module-level cache).
 *
 * @internal
 * @module
 */

/**
 * Returns a function that calls `compute` the first time and gives its result every time.
 *
 * @category constructors
 */
export const once = <A>(compute: () => A): () => A => {
  let value: { readonly done: A } | undefined
  return () => (value ??= { done: compute() }).done
}
