/**
 * Runs one benchmark by name: `npm run bench -- NAME [args]`. Each prints its own figures.
 */
const [name = "pipeline", ...rest] = process.argv.slice(2)
process.argv = [process.argv[0]!, process.argv[1]!, ...rest]
await import(`./${name}.ts`)
