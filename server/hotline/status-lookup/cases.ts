// The first status adapter: a hotline case (phiếu) by its code. The caller keys the digits after
// "GL" ("2026004821", or only the number for this year's); parseCaseCode reads them as staff would.
import { vietnamClock } from "../../clock/vietnam-time.js";
import type { CaseState } from "../../generated/prisma/enums.js";
import type { Db } from "../../platform/db/client.js";
import { parseCaseCode } from "../cases/code.js";
import type { LookupResult, StatusLookupAdapter } from "./adapter.js";

/** Read after "Phiếu số …": short, plain words a caller understands without knowing our states. */
export const CASE_STATE_LABELS: Record<CaseState, string> = {
  new: "đã được tiếp nhận",
  in_progress: "đang được xử lý",
  waiting_citizen: "đang chờ ông bà bổ sung thông tin",
  answered: "đã được trả lời",
  closed: "đã hoàn thành",
  reopened: "đang được xử lý lại",
};

export function caseStatusAdapter(db: Db): StatusLookupAdapter {
  return {
    name: "case_status",
    async lookup(digits, now) {
      const code = parseCaseCode(digits, Number(vietnamClock(now).date.slice(0, 4)));
      if (!code) return null;
      const row = await db.case.findUnique({
        where: { code },
        select: { code: true, state: true, dueDate: true, answeredAt: true, agency: { select: { code: true } } },
      });
      return row ? caseStatus(row) : null;
    },
  };
}

/** The expected date is the deadline, or the day it was answered once it was. */
export function caseStatus(row: {
  code: string;
  state: CaseState;
  dueDate: Date;
  answeredAt: Date | null;
  agency: { code: string };
}): LookupResult {
  const answered = row.answeredAt !== null && (row.state === "answered" || row.state === "closed");
  return {
    reference: row.code,
    stateLabel: CASE_STATE_LABELS[row.state],
    expectedDate: answered && row.answeredAt ? vietnamClock(row.answeredAt).date : row.dueDate.toISOString().slice(0, 10),
    agencyCode: row.agency.code,
  };
}
