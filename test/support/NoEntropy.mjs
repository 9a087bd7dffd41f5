// Preloaded (NODE_OPTIONS=--import) by the defect test: the platform's random source fails, as
// a broken entropy source would, so drawing UUIDs throws inside the run.
globalThis.crypto.getRandomValues = () => {
  throw new Error("the random source is unavailable")
}
