import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { Figures } from "../../../../server/contract/hotline/reports.js";
import { satisfactionCsv } from "../../../../server/hotline/reports/csv.js";

const FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(1,2)", "\t=1+1", "\r=1+1"];

const figures: Figures = {
  calls: 3,
  answered: 2,
  answerRate: 2 / 3,
  averageWaitSeconds: 4,
  answers: 2,
  verySatisfied: 1,
  satisfied: 1,
  dissatisfied: 0,
  satisfactionRate: 1,
  resolvedAnswers: 2,
  resolvedRate: 0.5,
  offered: 3,
  abandonedInQueue: 1,
  p90WaitSeconds: 12.34,
  serviceLevel: 0.5,
  averageTalkSeconds: 95,
  averageWrapUpSeconds: 30,
  occupancy: 0.25,
};

describe("the satisfaction report's CSV", () => {
  it("neutralises formulas in agency names", () => {
    const rows = FORMULAS.map((name, i) => ({ ...figures, agencyId: i + 1, agencyCode: `A${i}`, agencyName: name, rank: i + 1 }));
    const csv = satisfactionCsv({
      from: "2026-01-01",
      to: "2026-01-31",
      minAnswers: 1,
      target: 0.9,
      serviceLevelSeconds: 20,
      rows,
      staff: [],
      unrouted: null,
      total: figures,
    });
    const [, ...lines] = parse(csv, { bom: true }) as string[][];
    expect(lines.slice(0, FORMULAS.length).map((line) => line[2])).toEqual(FORMULAS.map((f) => `'${f}`));
  });
});

describe("the staff table of the report's CSV", () => {
  it("follows the agencies after an empty line, with its own Vietnamese header and hours logged in", () => {
    const staff = [
      {
        staffId: 1,
        name: "=cmd",
        agencyName: "Sở Tư pháp",
        answered: 4,
        averageTalkSeconds: 90,
        averageWrapUpSeconds: 20,
        loggedInSeconds: 5400,
        occupancy: 0.4,
      },
    ];
    const csv = satisfactionCsv({
      from: "2026-01-01",
      to: "2026-01-31",
      minAnswers: 1,
      target: 0.9,
      serviceLevelSeconds: 30,
      rows: [],
      staff,
      unrouted: null,
      total: figures,
    });
    const lines = parse(csv, { bom: true, relaxColumnCount: true, skipEmptyLines: false }) as string[][];
    expect(lines[0]).toContain("Tỷ lệ trả lời trong 30 giây (%)");
    expect(lines[0]?.slice(-7)).toEqual([
      "Cuộc gọi đến cơ quan",
      "Bỏ máy khi đang chờ",
      "Thời gian chờ P90 (giây)",
      "Tỷ lệ trả lời trong 30 giây (%)",
      "Thời gian đàm thoại trung bình (giây)",
      "Thời gian xử lý sau cuộc gọi trung bình (giây)",
      "Tỷ lệ thời gian bận (%)",
    ]);
    expect(lines[1]?.slice(-7)).toEqual(["3", "1", "12,3", "50", "95", "30", "25"]);
    const header = lines.findIndex((line) => line[0] === "Cán bộ");
    expect(lines[header - 1]).toEqual([""]);
    expect(lines[header + 1]).toEqual(["'=cmd", "Sở Tư pháp", "4", "90", "20", "1,5", "40"]);
  });
});
