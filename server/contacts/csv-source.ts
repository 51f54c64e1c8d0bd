// A CSV upload as a stream of rows: UTF-8 with or without BOM, "," or ";" chosen from the header line,
// quoted fields. Malformed records (bad quotes, an unclosed quote) are reported as rows with an error
// and parsing goes on; nothing holds more than the current chunk and a small header buffer.
import { Readable } from "node:stream";
import { parse } from "csv-parse";

export type Delimiter = "," | ";";

export type CsvEvent =
  | { kind: "header"; delimiter: Delimiter; columns: string[] }
  | { kind: "row"; row: number; fields: string[]; raw: string }
  | { kind: "malformed"; row: number; raw: string; message: string };

const HEADER_PEEK_BYTES = 64 * 1024;
const BOM = "\ufeff";
const MAX_RECORD_CHARS = 64 * 1024;

/** The delimiter of a header line: whichever of ";" and "," occurs more often outside quotes. */
export function detectDelimiter(headerLine: string): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

async function* chunks(input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): AsyncGenerator<Buffer> {
  for await (const chunk of input) yield typeof chunk === "string" ? Buffer.from(chunk) : chunk;
}

/**
 * Rows of a CSV file. Row numbers are the file's line numbers (the header is line 1), as a
 * spreadsheet shows them; a record with a quoted line break counts from its last line.
 */
export async function* csvEvents(input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): AsyncGenerator<CsvEvent> {
  const source = chunks(input)[Symbol.asyncIterator]();
  // Peek at the header line (bounded) to choose the delimiter, then replay those bytes.
  const head: Buffer[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < HEADER_PEEK_BYTES) {
    const next = await source.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
    if (next.value.includes(10)) break;
  }
  const peek = Buffer.concat(head).toString("utf8");
  const firstLine = (peek.startsWith(BOM) ? peek.slice(1) : peek).split(/\r?\n/, 1)[0] ?? "";
  const delimiter = detectDelimiter(firstLine);

  async function* replay(): AsyncGenerator<Buffer> {
    yield* head;
    if (done) return;
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      yield next.value;
    }
  }

  const skipped: { row: number; raw: string; message: string }[] = [];
  const parser = Readable.from(replay()).pipe(
    parse({
      bom: true,
      delimiter,
      relax_column_count: true,
      // A stray quote inside an unquoted field is kept as text ("Nhà 5"B") rather than failing the row.
      relax_quotes: true,
      // An unclosed quote would otherwise swallow the rest of the file into one field.
      max_record_size: MAX_RECORD_CHARS,
      skip_empty_lines: true,
      skip_records_with_error: true,
      raw: true,
      info: true,
      on_skip: (error, raw) => {
        const lines = (error as { lines?: number } | undefined)?.lines;
        skipped.push({ row: lines ?? 0, raw: (raw ?? "").trim(), message: error?.message ?? "malformed" });
      },
    }),
  );

  // on_skip runs while the parser reads ahead, so errors are held until the records before them are out.
  let header = true;
  let lastLine = 1;
  function* errorsBefore(line: number): Generator<CsvEvent> {
    while (skipped.length > 0 && (skipped[0]?.row ?? 0) <= line) {
      const bad = skipped.shift();
      if (!bad) break;
      // The error's line is where the parser gave up; the record began after the previous one.
      yield { kind: "malformed", row: lastLine + 1, raw: bad.raw.slice(0, 500), message: bad.message };
      lastLine = bad.row;
    }
  }
  for await (const record of parser as AsyncIterable<{ record: string[]; raw: string; info: { lines: number } }>) {
    yield* errorsBefore(record.info.lines - 1);
    lastLine = record.info.lines;
    if (header) {
      header = false;
      yield { kind: "header", delimiter, columns: record.record.map((c) => c.trim()) };
      continue;
    }
    const raw = record.raw.replace(/\r?\n$/, "");
    // A quoted line break makes a record span lines: number it by its first line.
    const breaks = raw.split("\n").length - 1;
    yield { kind: "row", row: record.info.lines - breaks, fields: record.record, raw };
  }
  if (header) yield { kind: "header", delimiter, columns: [] };
  yield* errorsBefore(Number.POSITIVE_INFINITY);
}
