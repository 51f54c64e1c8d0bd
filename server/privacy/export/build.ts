// The export of one number's data (Law 91/2025 art. 14/15: a copy in a usable form): one .zip with
// TOM-TAT.txt (a readable summary in Vietnamese), <kind>.csv and <kind>.json per holder with records,
// audio/<recording sid>.mp3 for the recordings and voicemails, and manifest.json (every file with its
// SHA-256 and record count) so the citizen and an inspector can check nothing was altered.
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import { join } from "node:path";
import archiver from "archiver";
import { vietnamClock } from "../../clock/vietnam-time.js";
import type { Db } from "../../platform/db/client.js";
import { CSV_BOM, type CsvValue, csvLine } from "../../platform/http/csv-cell.js";
import { findFootprint } from "../find.js";
import type { FoundRecord } from "../holders/types.js";
import { describeKind } from "./kinds.js";

/** Fetches one recording's MP3; null when Twilio no longer has it. Injected: Twilio in production, a stub in tests. */
export type RecordingFetcher = (recordingSid: string) => Promise<Buffer | null>;

export interface ManifestFile {
  name: string;
  sha256: string;
  bytes: number;
  /** Records in a .csv/.json file; absent for the summary and audio. */
  records?: number;
}

export interface ExportManifest {
  phone: string;
  createdAt: string;
  files: ManifestFile[];
  /** Records per kind. */
  counts: Record<string, number>;
}

export interface ExportArchive {
  path: string;
  size: number;
  manifest: ExportManifest;
}

export interface BuildExport {
  db: Db;
  /** The number in any form (a malformed one is a 400 naming phone). */
  phone: string;
  /** Where the archive is written (EXPORT_DIR). */
  dir: string;
  fetchRecording?: RecordingFetcher;
  now?: Date;
}

/** Every field of every record as columns, in first-seen order; JSON values written as JSON text. */
function toCsv(records: FoundRecord[]): string {
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const cell = (value: unknown): CsvValue =>
    value === null || value === undefined || typeof value === "string" || typeof value === "number" || typeof value === "boolean"
      ? value
      : JSON.stringify(value);
  return CSV_BOM + [csvLine(columns), ...records.map((r) => csvLine(columns.map((c) => cell(r[c]))))].join("");
}

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

function vietnamDateTime(at: Date): string {
  const { date, minutes } = vietnamClock(at);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${hh}:${mm} ngày ${date.split("-").reverse().join("/")}`;
}

export async function buildExportArchive(options: BuildExport): Promise<ExportArchive> {
  const now = options.now ?? new Date();
  const footprint = await findFootprint(options.db, options.phone, { limit: Number.POSITIVE_INFINITY });
  const files: { name: string; data: Buffer; records?: number }[] = [];
  const counts: Record<string, number> = {};

  for (const kind of footprint.kinds) {
    counts[kind.kind] = kind.count;
    files.push({ name: `${kind.kind}.csv`, data: Buffer.from(toCsv(kind.records), "utf8"), records: kind.records.length });
    files.push({
      name: `${kind.kind}.json`,
      data: Buffer.from(`${JSON.stringify(kind.records, null, 2)}\n`, "utf8"),
      records: kind.records.length,
    });
  }

  const missingAudio: string[] = [];
  const recordings = footprint.kinds.find((k) => k.kind === "recordings")?.records ?? [];
  if (options.fetchRecording) {
    for (const recording of recordings) {
      const sid = String(recording.recordingSid);
      if (recording.deletedAt || !/^RE[0-9a-f]{32}$/.test(sid)) continue;
      const audio = await options.fetchRecording(sid);
      if (audio) files.push({ name: `audio/${sid}.mp3`, data: audio });
      else missingAudio.push(sid);
    }
  }

  const summary = summaryText(footprint.phone, footprint.kinds, now, missingAudio);
  files.unshift({ name: "TOM-TAT.txt", data: Buffer.from(summary, "utf8") });
  const manifest: ExportManifest = {
    phone: footprint.phone,
    createdAt: now.toISOString(),
    files: files.map((f) => ({
      name: f.name,
      sha256: sha256(f.data),
      bytes: f.data.length,
      ...(f.records !== undefined ? { records: f.records } : {}),
    })),
    counts,
  };

  await mkdir(options.dir, { recursive: true });
  // The file name carries no number: it is only the moment and a random part.
  const path = join(options.dir, `xuat-du-lieu-${now.getTime()}-${randomBytes(4).toString("hex")}.zip`);
  await writeZip(path, [...files, { name: "manifest.json", data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8") }]);
  return { path, size: (await stat(path)).size, manifest };
}

function writeZip(path: string, files: { name: string; data: Buffer }[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const output = createWriteStream(path, { mode: 0o600 });
    const zip = archiver("zip", { zlib: { level: 9 } });
    output.on("close", () => resolve());
    output.on("error", reject);
    zip.on("error", reject);
    zip.pipe(output);
    for (const file of files) zip.append(file.data, { name: file.name });
    void zip.finalize();
  });
}

function summaryText(phone: string, kinds: { kind: string; count: number }[], now: Date, missingAudio: string[]): string {
  const lines = [
    "TỔNG ĐÀI HỖ TRỢ THỦ TỤC HÀNH CHÍNH — BẢN SAO DỮ LIỆU CÁ NHÂN",
    "",
    `Số điện thoại: ${phone}`,
    `Lập lúc: ${vietnamDateTime(now)} (giờ Việt Nam)`,
    "Căn cứ: Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định 356/2025/NĐ-CP.",
    "",
  ];
  if (kinds.length === 0) {
    lines.push("Hệ thống không lưu dữ liệu nào gắn với số điện thoại này.");
  } else {
    lines.push("Dữ liệu hệ thống đang lưu gắn với số điện thoại này:", "");
    for (const { kind, count } of kinds) {
      const about = describeKind(kind);
      lines.push(`• ${about.title}: ${count} bản ghi (tệp ${kind}.csv và ${kind}.json)`);
      lines.push(`  Là gì: ${about.what}`);
      lines.push(`  Vì sao lưu: ${about.why}`);
      lines.push("");
    }
  }
  if (missingAudio.length > 0)
    lines.push(`Không tải được ${missingAudio.length} ghi âm (Twilio không còn lưu): ${missingAudio.join(", ")}.`, "");
  lines.push(
    "Các tệp ghi âm (nếu có) nằm trong thư mục audio/. Tệp manifest.json ghi mã SHA-256 của từng tệp để kiểm tra tính toàn vẹn.",
    "Công dân có quyền yêu cầu chỉnh sửa, xoá dữ liệu, rút lại sự đồng ý hoặc phản đối việc xử lý, bằng cách liên hệ tổng đài.",
    "",
  );
  return lines.join("\n");
}
