/**
 * The bad-input corpus: what a new user gives uuidmap by mistake, and the one line it must
 * answer with. Each case names its input file in `inputs/` (copied into a fresh sandbox as
 * `as`), the command line (paths relative to the sandbox), the exit code and a fragment of the
 * message: the file, line and column where they apply, and what failed. `CorpusRun.test.ts`
 * runs every case through the real CLI.
 *
 * The sandbox always holds a valid `clients.csv` (rows 502 and 503) and a bucket folder with a
 * client-folder file, a pool file and a stray; an input replaces or adds one file.
 */

/** One bad input and the answer it must get. */
export interface CorpusCase {
  readonly name: string
  /** A file of `inputs/`, and the name it takes in the sandbox. */
  readonly input?: { readonly file: string; readonly as: string }
  readonly args: ReadonlyArray<string>
  readonly env?: Readonly<Record<string, string>>
  readonly code: number
  /** Must appear in the one line on stderr. */
  readonly message: string
}

export const pooledUuid = "3f2a9c4e-1b7d-4c1e-9f00-0a1b2c3d4e5f"

const store = ["--clients", "clients.csv", "--bucket", "file://bucket"]
const run = (...extra: ReadonlyArray<string>) => ["run", ...store, ...extra]

// A clients CSV case: the input replaces clients.csv and `run` (which would write) is refused.
const clients = (file: string, message: string, ...extra: ReadonlyArray<string>): CorpusCase => ({
  name: file,
  input: { file, as: "clients.csv" },
  args: run(...extra),
  code: 2,
  message
})

const ledger = (file: string, message: string): CorpusCase => ({
  name: file,
  input: { file, as: "clients.ledger.csv" },
  args: run(),
  code: 2,
  message
})

const evidence = (file: string, flag: "--records" | "--migration-log", message: string): CorpusCase => ({
  name: file,
  input: { file, as: file },
  args: run(flag, file),
  code: 2,
  message
})

const plan = (file: string, message: string): CorpusCase => ({
  name: file,
  input: { file, as: file },
  args: ["apply", file, ...store],
  code: 2,
  message
})

const usage = (name: string, args: ReadonlyArray<string>, message: string, env?: Readonly<Record<string, string>>): CorpusCase => ({
  name,
  args,
  ...(env === undefined ? {} : { env }),
  code: 2,
  message
})

export const corpusCases: ReadonlyArray<CorpusCase> = [
  // The clients CSV: syntax.
  clients("unbalanced-quote.csv", "clients.csv:2:1: Quoted field is never closed"),
  clients("text-after-closing-quote.csv", `clients.csv:2:6: Unexpected "x" after the closing quote`),
  clients("row-with-extra-field.csv", `clients.csv:3:9: Row has 3 fields but the header has 2; the first extra field is "extra"`),
  clients("row-with-missing-field.csv", "clients.csv:3:8: Row has 2 fields but the header has 3"),
  clients("blank-line-inside.csv", "clients.csv:3:1: Line is blank but the header has 2 fields"),
  clients("empty.csv", "clients.csv:1:1: File is empty; expected a header line"),
  clients("header-only.csv", "clients.csv:2:1: File has a header line but no client rows"),
  clients("blank-header.csv", "clients.csv:1:1: Header line is blank"),
  clients("missing-id-column.csv", `clients.csv:1:1: No "row_id" column in the header (columns: "name", "id"); name the id column with --id-column`),
  clients("column-twice-in-header.csv", `clients.csv:1:13: Column "row_id" appears twice in the header`),
  clients("tab-separated-read-with-semicolon.csv", `clients.csv:1:1: No "row_id" column in the header`, "--delimiter", ";"),
  // The clients CSV: what is not CSV text at all, or not one kind of line ending.
  clients("excel-workbook.xlsx", "clients.csv:1:1: File looks like an Excel or LibreOffice workbook (or another zip archive), not CSV text"),
  clients("pdf-document.pdf", "clients.csv:1:1: File looks like a PDF document, not CSV text"),
  clients("gzip-archive.csv", "clients.csv:1:1: File looks like a gzip archive, not CSV text"),
  clients("utf16-export.csv", "clients.csv:1:1: File looks like UTF-16 text, not CSV text; save it again as UTF-8 CSV"),
  clients("nul-byte.csv", "clients.csv:2:7: File holds a NUL byte"),
  clients("windows-1252-read-as-utf8.csv", `clients.csv:2:8: Byte "0xE9" is not valid UTF-8; if the file was saved as Windows-1252`),
  clients("bom-in-the-middle.csv", "clients.csv:3:1: Byte-order mark (U+FEFF) inside the file"),
  clients("two-boms-at-the-start.csv", "clients.csv:1:1: Byte-order mark (U+FEFF) inside the file"),
  clients("mixed-line-endings.csv", "clients.csv:3:8: Line ends with LF but the header line ends with CRLF"),
  clients("cr-only-line-endings.csv", "clients.csv:1:12: Lone carriage return (CR) outside quotes"),
  clients("lone-cr-in-a-field.csv", "clients.csv:2:7: Lone carriage return (CR) outside quotes"),
  // The clients CSV: row ids and tracking cells.
  clients("duplicate-row-id.csv", `clients.csv:3:5: Row id "502" is already used on line 2`),
  clients("empty-row-id.csv", "clients.csv:3:5: Row id is empty"),
  clients("whitespace-row-id.csv", "clients.csv:3:5: Row id is empty"),
  clients("padded-duplicate-row-id.csv", `clients.csv:3:5: Row id " 1 " is the same as "1" on line 2 apart from spaces around it`),
  clients("padded-duplicate-row-id-first.csv", `clients.csv:2:5: Row id " 1 " is the same as "1" on line 3 apart from spaces around it`),
  clients("padded-row-id.csv", `clients.csv:2:5: Row id "502 " has spaces around it; remove them`),
  clients("invalid-uuid-in-tracking-cell.csv", `clients.csv:2:5: Tracking cell item "not-a-uuid" is not a UUID`),
  clients("upper-case-uuid-in-tracking-cell.csv", `clients.csv:2:5: Tracking cell item "3F2A9C4E-1B7D-4C1E-9F00-0A1B2C3D4E5F" must be a lower-case UUID without spaces`),
  clients("uuid-twice-in-one-cell.csv", "clients.csv:2:5: UUID \"11111111-1111-4111-8111-111111111111\" appears twice in the tracking cell"),
  clients("uuid-for-two-clients.csv", `clients.csv:3:5: UUID "11111111-1111-4111-8111-111111111111" is also listed for row id "502" on line 2`),
  clients("empty-item-in-tracking-cell.csv", "clients.csv:2:5: Tracking cell"),
  clients("count-disagrees-with-uuids.csv", "clients.csv:2:42: Count is 2 but the tracking cell lists 1 UUIDs"),
  clients("count-not-a-number.csv", `clients.csv:2:42: Count "one" is not a non-negative integer`),
  clients("count-empty-with-uuids.csv", "clients.csv:2:42: Count is empty but the tracking cell lists 1 UUIDs"),
  // The ledger.
  ledger("ledger-two-rows-for-one-key.csv", `clients.ledger.csv:3:38: Key "502/a.pdf" is already listed on line 2 with UUID "11111111-1111-4111-8111-111111111111"`),
  ledger("ledger-two-keys-for-one-uuid.csv", `clients.ledger.csv:3:1: UUID "11111111-1111-4111-8111-111111111111" is already listed on line 2`),
  ledger("ledger-unknown-status.csv", `clients.ledger.csv:2:52: Status "done" is not one of`),
  ledger("ledger-evidence-not-json.csv", `clients.ledger.csv:2:59: Evidence "{oops" is not valid JSON`),
  ledger("ledger-confidence-out-of-range.csv", `clients.ledger.csv:2:62: Confidence "1.5" is not a number from 0 to 1`),
  ledger("ledger-unknown-column.csv", `clients.ledger.csv:1:72: Unknown ledger column "colour"`),
  ledger("ledger-missing-column.csv", `clients.ledger.csv:1:64: Ledger header lacks the "status" column`),
  ledger("ledger-mapped-without-row-id.csv", `clients.ledger.csv:2:48: Status is "mapped" but row_id is empty`),
  ledger("ledger-invalid-uuid.csv", `clients.ledger.csv:2:1: Ledger UUID "not-a-uuid" is not a lower-case UUID`),
  ledger("ledger-size-not-a-number.csv", `clients.ledger.csv:2:64: Size "big" is not a non-negative integer`),
  // Evidence files.
  evidence("records-missing-column.csv", "--records", `records-missing-column.csv:1:1: Records file has no "row_id" column`),
  evidence("moves-missing-column.csv", "--migration-log", `moves-missing-column.csv:1:1: Migration log has no "old_key" column`),
  evidence("records-workbook.xlsx", "--records", "records-workbook.xlsx:1:1: File looks like an Excel or LibreOffice workbook"),
  evidence("records-parquet.parquet", "--records", "records-parquet.parquet:1:1: File looks like a Parquet file"),
  evidence("records-json-array.json", "--records", "records-json-array.json:1:1: File is one JSON array, not JSON Lines"),
  evidence("records-pretty-printed.jsonl", "--records", "records-pretty-printed.jsonl:1:2: Line is not valid JSON"),
  evidence("moves-invalid-json-line.jsonl", "--migration-log", "moves-invalid-json-line.jsonl:2:16: Line is not valid JSON"),
  evidence("moves-line-not-an-object.jsonl", "--migration-log", "moves-line-not-an-object.jsonl:2:1: Line is not a JSON object"),
  evidence("records-invalid-uuid.csv", "--records", `records-invalid-uuid.csv:3:1: UUID "abc" is not a UUID`),
  evidence("records-empty-row-id.csv", "--records", `records-empty-row-id.csv:2:38: Row id ("row_id") is empty`),
  evidence("moves-neither-new-key-nor-uuid.csv", "--migration-log", "moves-neither-new-key-nor-uuid.csv:2:11: Row names neither a new key"),
  evidence("records-unbalanced-quote.csv", "--records", "records-unbalanced-quote.csv:2:1: Quoted field is never closed"),
  usage("records-that-do-not-exist", run("--records", "records.csv"), "records.csv: File does not exist"),
  // Plan files.
  plan("plan-truncated.json", "; the file looks truncated: make a new plan with uuidmap plan --out"),
  plan("plan-not-json.json", "plan-not-json.json:1:1: Plan is not valid JSON (expected a value here)"),
  plan("plan-empty.json", "plan-empty.json:1:1: Plan is not valid JSON (expected a value here); the file looks truncated"),
  plan("plan-wrong-format-version.json", "plan-wrong-format-version.json:2:21: Plan has format_version 2; this uuidmap reads format_version 1"),
  plan("plan-tampered-status.json", "Plan is not a valid uuidmap plan at changes.ledger[0].after.status"),
  plan("plan-tampered-uuid.json", "Plan is not a valid uuidmap plan at changes.ledger[0].uuid"),
  plan("plan-missing-inputs.json", "Plan is not a valid uuidmap plan at inputs"),
  usage("plan-that-does-not-exist", ["apply", "plan.json", ...store], "Plan plan.json: file does not exist"),
  // Review sheets.
  {
    name: "review-unknown-decision.csv",
    input: { file: "review-unknown-decision.csv", as: "review.csv" },
    args: ["review", "accept", "review.csv", ...store],
    code: 2,
    message: `review.csv:2:102: Decision "999" is not a row_id in the CSV or "none"; nothing was recorded`
  },
  {
    name: "review-missing-decision-column.csv",
    input: { file: "review-missing-decision-column.csv", as: "review.csv" },
    args: ["review", "accept", "review.csv", ...store],
    code: 2,
    message: `review.csv:1:1: Review sheet has no "decision" column`
  },
  // Flags and URLs.
  usage("s3-url-without-bucket", ["run", "--clients", "clients.csv", "--bucket", "s3://"], `--bucket: Bucket location "s3://" names no bucket`),
  usage("s3-url-with-empty-bucket", ["run", "--clients", "clients.csv", "--bucket", "s3:///tenant"], `Bucket location "s3:///tenant" names no bucket`),
  usage("s3-bucket-name-with-spaces", ["run", "--clients", "clients.csv", "--bucket", "s3://my bucket"], `Bucket name "my bucket" is not valid`),
  usage("unknown-url-scheme", ["run", "--clients", "clients.csv", "--bucket", "gs://bucket"], `--bucket "gs://bucket" must start with s3:// or file://`),
  usage("bucket-as-a-plain-path", ["run", "--clients", "clients.csv", "--bucket", "bucket"], `--bucket "bucket" must start with s3:// or file://`),
  usage("file-url-without-folder", ["run", "--clients", "clients.csv", "--bucket", "file://"], `Bucket location "file://" names no folder`),
  usage("file-url-of-the-root-folder", ["run", "--clients", "clients.csv", "--bucket", "file:///"], `Bucket location "file:///" is the root folder`),
  usage("no-bucket-at-all", ["run", "--clients", "clients.csv"], "--bucket is required"),
  usage("negative-concurrency", run("--concurrency", "-4"), "--concurrency is -4; it must be a whole number of at least 1"),
  usage("zero-concurrency", run("--concurrency", "0"), "--concurrency is 0; it must be a whole number of at least 1"),
  usage("concurrency-not-a-number", run("--concurrency", "many"), `Invalid value for flag --concurrency: "many"; expected a whole number`),
  usage("zero-max-attempts", run("--max-attempts", "0"), "--max-attempts is 0; it must be a whole number of at least 1"),
  usage("unknown-phase", run("--phase", "4"), `Invalid value for flag --phase: "4"`),
  usage("unknown-encoding", run("--encoding", "latin1"), `Invalid value for flag --encoding: "latin1"`),
  usage("unknown-delimiter", run("--delimiter", "|"), `--delimiter "|" must be , ; or tab`),
  usage("unknown-uuid-version", run("--uuid-version", "5"), `Invalid value for flag --uuid-version: "5"`),
  usage("weak-window-without-unit", run("--weak-window", "forever"), `--weak-window`),
  usage("migration-columns-unknown-name", run("--migration-columns", "from=source"), "--migration-columns"),
  usage("unknown-flag", run("--dry-run"), "Unrecognized flag: --dry-run"),
  usage("unknown-command", ["mapp", ...store], `Unknown subcommand "mapp"`),
  usage("detailed-exitcode-without-diff", run("--detailed-exitcode"), "--detailed-exitcode needs --diff"),
  usage("same-name-for-two-columns", run("--uuids-column", "row_id"), "The id, UUIDs and count columns must have different names"),
  usage("clients-csv-that-does-not-exist", ["run", "--clients", "client.csv", "--bucket", "file://bucket", "--diff"], "client.csv: File does not exist"),
  usage("clients-csv-is-a-folder", ["run", "--clients", "bucket", "--bucket", "file://bucket", "--diff"], "bucket: Is a folder, not a file"),
  usage("bad-concurrency-variable", run(), `UUIDMAP_CONCURRENCY is "lots"; expected a whole number of at least 1 (it sets --concurrency)`, { UUIDMAP_CONCURRENCY: "lots" }),
  usage("bad-phase-variable", run(), `UUIDMAP_PHASE is "7"; expected one of "1", "2", "3", "all"`, { UUIDMAP_PHASE: "7" }),
  usage("bad-boolean-variable", run(), `UUIDMAP_VERBOSE is "maybe"; expected true or false`, { UUIDMAP_VERBOSE: "maybe" }),
  usage("bad-bucket-variable", ["run", "--clients", "clients.csv"], `UUIDMAP_BUCKET is "gs://bucket"; expected s3://NAME[/PREFIX] or file:///DIR`, { UUIDMAP_BUCKET: "gs://bucket" }),
  usage("empty-bucket-variable", ["run", "--clients", "clients.csv"], `UUIDMAP_BUCKET is ""; expected a value`, { UUIDMAP_BUCKET: "" }),
  usage("bad-max-attempts-variable", run(), `UUIDMAP_MAX_ATTEMPTS is "0"; expected a whole number of at least 1`, { UUIDMAP_MAX_ATTEMPTS: "0" })
]
