// A multipart/form-data body as the console sends an upload: fields first, then the file.
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";

export function multipart(fields: Record<string, string>, file: string | Buffer | Readable, fileName = "danh-ba.csv") {
  const boundary = `----tthc${randomBytes(8).toString("hex")}`;
  const head = `${Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join("")}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const payload =
    file instanceof Readable
      ? Readable.from(
          (async function* () {
            yield Buffer.from(head);
            for await (const chunk of file) yield chunk as Buffer;
            yield Buffer.from(tail);
          })(),
        )
      : Buffer.concat([Buffer.from(head), Buffer.from(file), Buffer.from(tail)]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
