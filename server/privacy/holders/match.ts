// What the holders share: the forms a number is written in, matching them inside free text in SQL,
// replacing them, and turning rows into plain JSON records.
import { Prisma } from "../../generated/prisma/client.js";
import { phoneHashToken } from "../../phone/hash.js";
import { privacyHash } from "../hash.js";
import type { FoundRecord } from "./types.js";

/** The forms people write a Vietnamese number in: E.164 and the national 0… form. */
export function phoneForms(e164: string): string[] {
  return e164.startsWith("+84") ? [e164, `0${e164.slice(3)}`] : [e164];
}

/** The LIKE pattern of a literal (escapes %, _ and \). */
const literal = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** SQL true when the text expression contains the number in any of its forms. */
export function mentions(column: Prisma.Sql, e164: string): Prisma.Sql {
  return Prisma.sql`(${Prisma.join(
    phoneForms(e164).map((form) => Prisma.sql`${column} LIKE ${literal(form)}`),
    " OR ",
  )})`;
}

/**
 * The text expression with every form of the number replaced by the audit token ("hash:…"). The
 * E.164 form goes first: the national form is its tail after "+84", so replacing it first would
 * leave "+84" behind glued to the token.
 */
export function redacted(column: Prisma.Sql, e164: string): Prisma.Sql {
  const token = tokenOf(e164);
  return phoneForms(e164).reduce((expr, form) => Prisma.sql`replace(${expr}, ${form}, ${token})`, column);
}

/** "hash:<16 hex>" of the number: what audit entries and anonymised rows keep in its place. */
export function tokenOf(e164: string): string {
  return phoneHashToken(privacyHash(e164));
}

/** A row as plain JSON: ids as strings, dates as ISO strings, bigints as numbers. */
export function plain(row: Record<string, unknown>): FoundRecord {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value instanceof Date) out[key] = value.toISOString();
    else if (typeof value === "bigint") out[key] = Number(value);
    else out[key] = value;
  }
  out.id = String(row.id);
  return out as FoundRecord;
}

/** The ids of the citizen's calls: as caller, or as the citizen's leg of a callback to their number. */
export function citizenCallIds(e164: string, options: { erased: boolean }): Prisma.Sql {
  const hash = options.erased ? Prisma.sql`OR caller_hash = ${privacyHash(e164)}` : Prisma.empty;
  return Prisma.sql`(SELECT id FROM calls WHERE caller = ${e164} ${hash}
    UNION SELECT a.call_id FROM callback_attempts a JOIN callback_requests r ON r.id = a.request_id
      WHERE r.phone = ${e164} AND a.call_id IS NOT NULL)`;
}

/** The reasons kept rows are kept, in Vietnamese for the report and the export's summary. */
export const KEPT_REASONS = {
  calls:
    "Giữ bản ghi cuộc gọi đã ẩn danh (không còn số điện thoại, chỉ còn mã băm một chiều) để số liệu báo cáo vẫn đúng; dữ liệu đã ẩn danh không còn là dữ liệu cá nhân (Luật 91/2025/QH15).",
  auditLogs:
    "Giữ nhật ký kiểm tra với số điện thoại thay bằng mã băm (hash:…): Nghị định 356/2025/NĐ-CP yêu cầu ghi nhật ký xử lý dữ liệu cá nhân.",
  erasedNumbers:
    "Giữ mã băm một chiều của số để không bao giờ gửi tin quảng cáo lại: Nghị định 91/2020/NĐ-CP (Điều 11, 12) buộc tôn trọng lời từ chối; Luật 91/2025/QH15 Điều 9 cho phép giữ dữ liệu mà luật khác yêu cầu.",
  dnc: "Danh sách không làm phiền (DNC) là danh sách quốc gia do Bộ Khoa học và Công nghệ quản lý; hệ thống chỉ giữ bản sao để không gửi tin, được thay toàn bộ mỗi lần nhập. Yêu cầu rút khỏi danh sách gửi tới cơ quan quản lý danh sách.",
  privacyRequests:
    "Giữ yêu cầu của chủ thể dữ liệu làm bằng chứng yêu cầu đã được xử lý (Nghị định 356/2025/NĐ-CP); số điện thoại được xoá 30 ngày sau khi hoàn thành, chỉ còn mã băm.",
  anonymisedWithCall: "Gắn với cuộc gọi đã ẩn danh, không còn số điện thoại: giữ để số liệu báo cáo (hài lòng, hàng chờ) vẫn đúng.",
} as const;
