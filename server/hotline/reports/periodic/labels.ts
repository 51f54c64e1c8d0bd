// The Vietnamese words of the exported and printed reports (the console has its own, in i18n).
import type { Grade } from "../../../contract/hotline/agency-reports.js";
import type { NoteKind } from "../../../generated/prisma/enums.js";

export const GRADE_LABELS: Record<Grade, string> = { excellent: "Xuất sắc", good: "Tốt", pass: "Đạt", fail: "Chưa đạt" };
export const UNGRADED = "Chưa đủ đánh giá";

export const KIND_LABELS: Record<NoteKind, string> = {
  question: "Hỏi đáp",
  feedback: "Phản ánh",
  proposal: "Kiến nghị",
  complaint: "Khiếu nại",
};

export const topicLabel = (topic: string) => (topic === "" ? "Không có chủ đề" : `Chủ đề: ${topic}`);

/** "tháng 11/2026" or "quý IV/2026". */
export function periodLabel(key: string): string {
  const year = key.slice(0, 4);
  if (key[5] === "Q") return `quý ${["I", "II", "III", "IV"][Number(key[6]) - 1]}/${year}`;
  return `tháng ${key.slice(5, 7)}/${year}`;
}

/** The ranking's columns, in order. */
export const RANKING_HEADERS = {
  rank: "Hạng",
  agencyCode: "Mã đơn vị",
  agencyName: "Đơn vị",
  score: "Điểm",
  grade: "Xếp loại",
  calls: "Cuộc gọi đến",
  answered: "Cuộc gọi được trả lời",
  answerRate: "Tỷ lệ trả lời",
  casesReceived: "Phiếu tiếp nhận",
  casesAnswered: "Phiếu đã trả lời",
  answeredOnTime: "Trả lời đúng hạn",
  answeredLate: "Trả lời trễ hạn",
  onTimeRate: "Tỷ lệ đúng hạn",
  open: "Phiếu đang mở",
  overdue: "Phiếu quá hạn",
  averageHandlingDays: "Thời gian xử lý trung bình (ngày)",
  callAnswers: "Lượt đánh giá cuộc gọi",
  callSatisfactionRate: "Tỷ lệ hài lòng cuộc gọi",
  caseAnswers: "Lượt đánh giá phiếu",
  caseSatisfactionRate: "Tỷ lệ hài lòng phiếu",
  satisfactionRate: "Tỷ lệ hài lòng chung",
} as const;

export type RankingColumn = keyof typeof RANKING_HEADERS;
export const PERCENT_COLUMNS: ReadonlySet<RankingColumn> = new Set([
  "answerRate",
  "onTimeRate",
  "callSatisfactionRate",
  "caseSatisfactionRate",
  "satisfactionRate",
]);
