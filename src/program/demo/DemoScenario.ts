/**
 * The demo scenario of SPEC §6, described as plain data: 483 clients, 39 files in the folders
 * of clients 502, 503, 504 and 506 (23 of them already mapped and tracked), 99 UUID-named pool
 * files, and the evidence (a migration log, exported records) that decides most pool files.
 * A seeded generator makes every run of the builder produce the same bytes.
 *
 * The 99 pool files exercise every band of phase 2: 40 moved files named by the migration log,
 * 25 named by the records, 12 identical copies of one client's file, 8 where the log and the
 * records disagree, 3 copies of content two clients share, 4 whose records name a client that
 * is not in the CSV, and 7 with no evidence at all.
 *
 * @module
 */

/**
 * One file of the scenario: its key and its content.
 *
 * @category models
 */
interface DemoFile {
  readonly key: string
  readonly content: string
}

/**
 * The whole scenario.
 *
 * @category models
 */
export interface DemoScenario {
  readonly clientsCsv: string
  readonly ledgerCsv: string
  readonly migrationLogCsv: string
  readonly recordsCsv: string
  readonly files: ReadonlyArray<DemoFile>
}

const firstNames = ["Sam", "Ann", "Luis", "Mei", "Omar", "Priya", "Jonas", "Chloé", "Kwame", "Sofia", "Tomasz", "Aiko", "Noah", "Fatima", "Ivan", "Zoe"]
const lastNames = ["Torode", "Lee", "García", "Chen", "Haddad", "Nair", "Berg", "Dubois", "Mensah", "Rossi", "Nowak", "Sato", "Smith", "Khan", "Petrov", "Müller"]
const cities = ["Lisbon", "Austin", "Osaka", "Lagos", "Kraków", "Montréal", "Leeds", "Pune"]
const documents = ["resume.pdf", "id-scan.jpg", "contract.docx", "invoice-2023.pdf", "invoice-2024.pdf", "w9.pdf", "photo.png", "notes.txt", "nda.pdf", "bank-details.pdf", "passport.jpg", "offer-letter.pdf"]

// A small deterministic generator (mulberry32): the demo must be the same on every machine.
const makeRandom = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const makeUuid = (random: () => number): string => {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16))
  hex[12] = "4"
  hex[16] = "89ab"[Math.floor(random() * 4)]!
  const s = hex.join("")
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}

const firstRowId = 500
const clientCount = 483
const folderClients = [
  { rowId: "502", files: 12, mapped: 7 },
  { rowId: "503", files: 10, mapped: 6 },
  { rowId: "504", files: 9, mapped: 5 },
  { rowId: "506", files: 8, mapped: 5 }
]

const clientName = (rowId: number): string => {
  if (rowId === 502) return "Sam Torode"
  if (rowId === 503) return "Ann Lee"
  return `${firstNames[rowId % firstNames.length]} ${lastNames[(rowId * 7) % lastNames.length]}`
}

const folderOf = (rowId: number): string => `${rowId}/${clientName(rowId).replace(/ /g, "_")}`

const csvCell = (value: string): string => (/[",\n]/.test(value) ? `"${value.replace(/"/g, "\"\"")}"` : value)

/**
 * Builds the scenario.
 *
 * @category constructors
 */
export const makeDemoScenario = (): DemoScenario => {
  const random = makeRandom(20240502)
  const files: Array<DemoFile> = []
  const tracked = new Map<string, Array<string>>()
  const ledgerRows: Array<string> = []

  // Client folders. The last file of 502 and of 503 share their content, so a pool copy of it
  // has two candidate owners.
  const sharedContent = "Standard terms and conditions, version 7.\n"
  for (const client of folderClients) {
    const folder = folderOf(Number(client.rowId))
    for (let i = 0; i < client.files; i++) {
      const key = `${folder}/${documents[i % documents.length]}`
      const shared = (client.rowId === "502" || client.rowId === "503") && i === client.files - 1
      files.push({ key, content: shared ? sharedContent : `${key}\n${"x".repeat(200 + Math.floor(random() * 800))}\n` })
      if (i < client.mapped) {
        const uuid = makeUuid(random)
        tracked.set(client.rowId, [...(tracked.get(client.rowId) ?? []), uuid])
        ledgerRows.push(`${uuid},${csvCell(key)},${client.rowId},mapped,"[{""source"":""client-folder"",""row_id"":""${client.rowId}"",""detail"":""${key}""}]",1,,,,in the folder of client ${client.rowId}`)
      }
    }
  }
  const folderFiles = [...files]

  const migration: Array<string> = ["old_key,new_key,moved_at"]
  const records: Array<string> = ["uuid,row_id,exported_at"]
  const pool = (content: string, ext: string) => {
    const uuid = makeUuid(random)
    files.push({ key: `files/${uuid}.${ext}`, content })
    return uuid
  }
  const someClient = () => firstRowId + Math.floor(random() * clientCount)
  const moved = (rowId: number, n: number) => `${folderOf(rowId)}/${documents[n % documents.length]}`

  for (let n = 0; n < 40; n++) {
    const rowId = someClient()
    const oldKey = moved(rowId, n)
    const uuid = pool(`moved file ${n} of client ${rowId}\n`, "pdf")
    migration.push(`${csvCell(oldKey)},files/${uuid}.pdf,2023-0${1 + (n % 9)}-15T10:00:00Z`)
  }
  for (let n = 0; n < 25; n++) {
    const uuid = pool(`exported file ${n}\n${"r".repeat(n * 13)}`, n % 2 === 0 ? "pdf" : "jpg")
    records.push(`${uuid},${someClient()},2024-03-01`)
  }
  const copyable = folderFiles.filter((file) => file.content !== sharedContent)
  for (let n = 0; n < 12; n++) {
    const source = copyable[(n * 3) % copyable.length]!
    pool(source.content, source.key.slice(source.key.lastIndexOf(".") + 1))
  }
  for (let n = 0; n < 8; n++) {
    const logSays = someClient()
    const recordsSay = logSays === firstRowId ? firstRowId + 1 : logSays - 1
    const uuid = pool(`disputed file ${n}\n`, "pdf")
    migration.push(`${csvCell(moved(logSays, n + 3))},files/${uuid}.pdf,2023-11-0${1 + (n % 9)}T09:00:00Z`)
    records.push(`${uuid},${recordsSay},2024-03-01`)
  }
  for (let n = 0; n < 3; n++) pool(sharedContent, "pdf")
  for (let n = 0; n < 4; n++) {
    const uuid = pool(`file of a departed client ${n}\n`, "pdf")
    records.push(`${uuid},${9000 + n},2024-03-01`)
  }
  for (let n = 0; n < 7; n++) pool(`unexplained upload ${n}\n${"u".repeat(n * 31)}`, "dat")

  const header = "client_name,row_id,email,phone,city,notes,file_uuids,file_count"
  const clientRows = Array.from({ length: clientCount }, (_, i) => {
    const rowId = firstRowId + i
    const name = clientName(rowId)
    const uuids = (tracked.get(String(rowId)) ?? []).sort()
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@example.com`
    const notes = i % 50 === 0 ? "VIP, prefers \"email\" contact" : i % 37 === 0 ? "=called twice" : ""
    return [csvCell(name), String(rowId), email, `+1 555 ${String(1000 + i)}`, csvCell(cities[i % cities.length]!), csvCell(notes), uuids.join(";"), tracked.has(String(rowId)) ? String(uuids.length) : ""].join(",")
  })
  return {
    clientsCsv: [header, ...clientRows].join("\r\n") + "\r\n",
    ledgerCsv: ["uuid,key,row_id,status,evidence,confidence,size,etag,last_modified,why", ...ledgerRows].join("\n") + "\n",
    migrationLogCsv: migration.join("\n") + "\n",
    recordsCsv: records.join("\n") + "\n",
    files
  }
}
