import { describe, expect, it } from "vitest";

import { csvCell } from "../../../../server/platform/http/csv-cell.js";

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
});
