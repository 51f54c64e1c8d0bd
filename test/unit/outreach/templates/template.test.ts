import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../../../server/outreach/compliance/policy.js";
import { composeMessage, renderTemplate, templateVariables } from "../../../../server/outreach/templates/template.js";

describe("renderTemplate", () => {
  it("fills variables, with spaces allowed inside the braces", () => {
    expect(renderTemplate("Chào {{ten}}, {{ xa }} mời bạn", { ten: "An", xa: "Phường Quy Nhơn" })).toEqual({
      text: "Chào An, Phường Quy Nhơn mời bạn",
      missing: [],
    });
  });

  it("renders unknown and empty-valued variables as nothing and lists each once", () => {
    expect(renderTemplate("{{ten}} {{xa}} {{xa}} {{ma_ho_so}}", { ten: "An", xa: null, ma_ho_so: undefined })).toEqual({
      text: "An   ",
      missing: ["xa", "ma_ho_so"],
    });
  });

  it("inserts values literally and ignores things that are not variables", () => {
    expect(renderTemplate("{{ten}} {ten} {{ }} {{1x}}", { ten: "{{xa}} $& $1" })).toEqual({
      text: "{{xa}} $& $1 {ten} {{ }} {{1x}}",
      missing: [],
    });
  });

  it("does not read inherited properties as values", () => {
    expect(renderTemplate("{{constructor}}", {})).toEqual({ text: "", missing: ["constructor"] });
  });

  it("lists the variables of a body in order", () => {
    expect(templateVariables("{{xa}} {{ ten }} {{xa}}")).toEqual(["xa", "ten"]);
  });
});

describe("composeMessage", () => {
  const policy = { ...DEFAULT_POLICY, label: "[QC]", optOutText: "Tu choi QC soan TC gui 8079" };

  it("puts the label first and the opt-out text last", () => {
    expect(composeMessage("  Mời bạn dùng DVCTT ", policy, { unaccented: false })).toBe(
      "[QC] Mời bạn dùng DVCTT Tu choi QC soan TC gui 8079",
    );
  });

  it("converts the whole message when asked", () => {
    expect(composeMessage("Mời bạn dùng dịch vụ công", policy, { unaccented: true })).toBe(
      "[QC] Moi ban dung dich vu cong Tu choi QC soan TC gui 8079",
    );
  });

  it("does not add the label or the opt-out text twice", () => {
    expect(composeMessage("[qc] Mời bạn. Tu choi QC soan TC gui 8079", policy, { unaccented: false })).toBe(
      "[qc] Mời bạn. Tu choi QC soan TC gui 8079",
    );
  });
});
