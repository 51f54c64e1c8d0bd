// The CSV of articles: a line written and read back, the columns recognised, the refusals of a line.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  articleLine,
  type ExportArticle,
  headerLine,
  mapHeader,
  readDay,
  readLinks,
  readRow,
} from "../../../../server/hotline/knowledge/csv.js";

describe("the CSV of articles", () => {
  const article: ExportArticle = {
    id: 1234,
    title: '=Công thức? -không; "ngoặc"',
    answer: "Dòng một\r\nDòng hai, có phẩy",
    topic: "ho_tich",
    procedureCode: "1.001193",
    procedureName: null,
    agencyCode: "STP",
    links: [
      { label: "Cổng | DVC", url: "https://dichvucong.gov.vn/?a=1;b=2" },
      { label: "VNeID", url: "https://vneid.gov.vn" },
    ],
    reviewOn: "2027-02-28",
    status: "published",
    useCount: 1500,
  };

  it("writes a line that reads back as the same article, in either separator", () => {
    for (const [separator, delimiter] of [
      ["comma", ","],
      ["semicolon", ";"],
    ] as const) {
      const [header, fields] = parse(headerLine(separator) + articleLine(article, separator), { delimiter }) as string[][];
      expect(fields?.[0]).toBe("1234");
      const read = readRow(mapHeader(header ?? []), fields ?? []);
      expect(read).toEqual({
        row: {
          id: 1234,
          agencyCode: "STP",
          input: {
            title: article.title,
            answer: "Dòng một\r\nDòng hai, có phẩy",
            topic: "ho_tich",
            procedureCode: "1.001193",
            procedureName: null,
            links: article.links,
            reviewOn: "2027-02-28",
            status: "published",
          },
        },
      });
    }
  });

  it("knows its columns by Vietnamese header or API name, with or without accents", () => {
    expect(mapHeader(["Tieu de", "ANSWER", "mã đơn vị", "khác"])).toEqual(["title", "answer", "agencyCode", null]);
  });

  it("names the column of a refused line", () => {
    const columns = mapHeader(["ID", "Tiêu đề", "Câu trả lời", "Mã đơn vị", "Ngày rà soát", "Trạng thái", "Chủ đề", "Liên kết"]);
    const refused = (fields: string[]) => {
      const read = readRow(columns, fields);
      return "problem" in read ? read.problem.column : "accepted";
    };
    expect(refused(["", "A", "B", "STP", "", "", "", ""])).toBe("accepted");
    expect(refused(["x", "A", "B", "STP", "", "", "", ""])).toBe("id");
    expect(refused(["", "", "B", "STP", "", "", "", ""])).toBe("title");
    expect(refused(["", "A", "B", "", "", "", "", ""])).toBe("agencyCode");
    expect(refused(["", "A", "B", "STP", "31/02/2027", "", "", ""])).toBe("reviewOn");
    expect(refused(["", "A", "B", "STP", "", "xuất bản?", "", ""])).toBe("status");
    expect(refused(["", "A", "B", "STP", "", "", "Hộ tịch", ""])).toBe("topic");
    expect(refused(["", "A", "B", "STP", "", "", "", "x | ftp://x"])).toBe("links");
    expect(refused(["", "A\u0000", "B", "STP", "", "", "", ""])).toBe("title");
    expect(refused(["", "A", "B", "STP"])).toBeNull();
  });

  it("reads days and links as people write them", () => {
    expect(readDay("5/1/2027")).toBe("2027-01-05");
    expect(readDay("2027-01-05")).toBe("2027-01-05");
    expect(readDay("2027-13-01")).toBeNull();
    expect(readLinks("https://a.vn\n Trang B | https://b.vn \n\n")).toEqual([
      { label: "https://a.vn", url: "https://a.vn" },
      { label: "Trang B", url: "https://b.vn" },
    ]);
  });
});
