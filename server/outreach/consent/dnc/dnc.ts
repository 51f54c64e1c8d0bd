// The national Do-Not-Call list (citizens register by SMS to 5656), imported as a file of numbers.
// A new file replaces the old list atomically: one transaction deletes the old rows and inserts the
// new ones, so readers (the campaign worker) see either the whole old list or the whole new one,
// never a half-imported list. DELETE rather than TRUNCATE: TRUNCATE would lock readers out meanwhile.

import { normalizeVietnamesePhone } from "../../../phone/normalize.js";
import type { Db } from "../../../platform/db/client.js";

const BATCH = 5000;
/** A million-number file takes a while to upload and insert; Prisma's default 5 s would abort it. */
const TRANSACTION_TIMEOUT_MS = 60 * 60_000;

/** The number on a line: the whole line or its first column, quotes and spaces removed. */
export function dncLineNumber(line: string): string {
  return (line.split(/[,;\t]/, 1)[0] ?? "")
    .replace(/^\ufeff/, "")
    .replace(/"/g, "")
    .trim();
}

/** Lines of a byte stream, pulled as they are needed (readline's iterator drops lines emitted before it is read). */
export async function* linesOf(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  let rest = "";
  for await (const chunk of input) {
    rest += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    const parts = rest.split(/\r?\n/);
    rest = parts.pop() ?? "";
    yield* parts;
  }
  rest += decoder.decode();
  if (rest !== "") yield rest;
}

export async function replaceDncList(db: Db, numbers: AsyncIterable<string>): Promise<{ imported: number; rejected: number }> {
  let rejected = 0;
  let lineNo = 0;
  const imported = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`DELETE FROM dnc_numbers`;
      let total = 0;
      let batch: string[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        total += await tx.$executeRaw`INSERT INTO dnc_numbers (phone) SELECT unnest(${batch}::text[]) ON CONFLICT DO NOTHING`;
        batch = [];
      };
      for await (const line of numbers) {
        lineNo++;
        const value = dncLineNumber(line);
        if (value === "") continue;
        const phone = normalizeVietnamesePhone(value);
        if (!phone.ok) {
          // A header line ("phone", "So dien thoai") is not a rejected number.
          if (!(lineNo === 1 && !/\d/.test(value))) rejected++;
          continue;
        }
        batch.push(phone.e164);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      return total;
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
  );
  return { imported, rejected };
}

export async function isOnDnc(db: Db, phone: string): Promise<boolean> {
  return (await db.dncNumber.findUnique({ where: { phone } })) !== null;
}
