#!/usr/bin/env node
// Entry for `npx uuidmap` (Node >= 22.19, as package.json engines says). In a checkout it runs
// the TypeScript sources, so development needs no build and never runs a stale one. The npm
// package ships no src/, so there it runs the compiled dist/: Node does not strip types inside
// node_modules.
import { existsSync } from "node:fs"

const source = new URL("../src/main.ts", import.meta.url)
await import(existsSync(source) ? source.href : new URL("../dist/main.js", import.meta.url).href)
