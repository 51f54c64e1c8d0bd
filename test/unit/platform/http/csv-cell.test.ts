import { describe, expect, it } from "vitest";

import { csvCell, csvLine } from "../../../../server/platform/http/csv-cell.js";

const FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(1,2)", "\t=1+1", "\r=1+1"];

describe("CSV cells", () => {
  it("neutralises text a spreadsheet would run as a formula, and quotes what needs quoting", () => {
    expect(FORMULAS.map(csvCell)).toEqual([
      `"'=HYPERLINK(""http://evil.example"",""x"")"`,
      "'+cmd|' /C calc'!A0",
      "'-1+1",
      `"'@SUM(1,2)"`,
      "'\t=1+1",
      `"'\r=1+1"`,
    ]);
    expect([csvCell(-5), csvCell(null), csvCell("Xã Ia Grai; Gia Lai")]).toEqual(["-5", "", '"Xã Ia Grai; Gia Lai"']);
  });

  it("writes numbers and yes/no as the console shows them, with the separator asked for", () => {
    expect(csvLine([1234, 91.7, true, false, "Xã Ia Grai"])).toBe('1.234,"91,7",Có,Không,Xã Ia Grai\r\n');
    expect(csvLine([1234, 91.7, "a;b"], "semicolon")).toBe('1.234;"91,7";"a;b"\r\n');
  });
});
