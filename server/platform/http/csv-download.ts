// How every CSV download is asked for and sent: the `separator` query parameter (a semicolon for
// Excel set to Vietnamese) and the headers that make the browser save it, never cache it.
import type { FastifyReply } from "fastify";
import Type from "typebox";
import { StringEnum } from "../../contract/schema.js";
import { CSV_SEPARATOR_NAMES } from "./csv-cell.js";

export const CsvSeparatorParam = StringEnum(CSV_SEPARATOR_NAMES);

/** The query string of a download that has no other parameters. */
export const CsvQuery = Type.Object({ separator: Type.Optional(CsvSeparatorParam) }, { additionalProperties: false });

/** Sets the headers of a CSV attachment named `filename`; the caller sends the body. */
export function csvAttachment(reply: FastifyReply, filename: string): FastifyReply {
  return reply
    .type("text/csv; charset=utf-8")
    .header("Content-Disposition", `attachment; filename="${filename}"`)
    .header("Cache-Control", "private, no-store");
}
