import { describe, expect, it } from "vitest";
import { step } from "../../../../server/hotline/ivr/interpreter.js";
import type { Action, CallState, Effect } from "../../../../server/hotline/ivr/types.js";
import type { LookupResult } from "../../../../server/hotline/status-lookup/adapter.js";
import { answeredBy, call, noAnswer, press, province, shippedBundle, silence, staff } from "./helpers.js";

const bundle = shippedBundle();
const vi = { voice: "Google.vi-VN-Standard-A", language: "vi-VN" };
const text = (id: string) => {
  const version = bundle.flows.hotline?.prompts[id]?.vi;
  if (typeof version !== "string") throw new Error(`no text prompt ${id}`);
  return { say: version, ...vi };
};
const menuGather = (...prompts: string[]): Action => ({
  type: "gather",
  prompts: prompts.map(text),
  timeoutSeconds: 6,
  numDigits: 1,
  finishOnKey: "",
  language: "vi-VN",
});
const of = <T extends Effect["type"]>(effects: Effect[], type: T) =>
  effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
const dialOf = (actions: Action[]) => actions.find((a): a is Extract<Action, { type: "dial" }> => a.type === "dial");

describe("menus", () => {
  it("welcomes, checks the hours, and rings the land registry's staff on duty for 2 then 1", () => {
    const p = province();
    const c = call(bundle, p.env);
    const first = c.send({ type: "start" });
    expect(first.actions).toEqual([{ type: "say", prompt: text("welcome") }, menuGather("main_menu")]);
    expect(first.effects).toEqual([
      { type: "node", flow: "hotline", node: "welcome", kind: "say" },
      { type: "node", flow: "hotline", node: "check_hours", kind: "hours" },
      { type: "hours", agencyCode: "TTPVHCC-TD", agencyId: p.get("TTPVHCC-TD").id, open: true },
      { type: "node", flow: "hotline", node: "main_menu", kind: "menu" },
    ]);
    expect(c.send(press("2")).actions).toEqual([menuGather("menu_dat_dai")]);

    const routed = c.send(press("1"));
    const land = p.get("VPDKDD");
    expect(routed.actions).toEqual([
      { type: "say", prompt: text("connecting") },
      {
        type: "dial",
        agencyId: land.id,
        topic: "đất đai",
        topicId: "dat_dai",
        targets: land.staff.map((s) => ({ staffId: s.id, phone: s.phone })),
        timeoutSeconds: 20,
        record: true,
      },
    ]);
    expect(of(routed.effects, "key")).toEqual([{ type: "key", flow: "hotline", node: "menu_dat_dai", digits: "1" }]);
    expect(of(routed.effects, "topic")).toEqual([{ type: "topic", topic: "dat_dai", label: "đất đai" }]);
    expect(of(routed.effects, "routing")).toEqual([
      { type: "routing", agencyCode: "VPDKDD", agencyId: land.id, decision: "dialing", staffIds: land.staff.map((s) => s.id) },
    ]);
    expect(c.state).toMatchObject({ node: "route_dat_dai", waiting: "dial", topic: { id: "dat_dai" } });
  });

  it("re-prompts on silence twice, then takes a valid key", () => {
    const p = province();
    const c = call(bundle, p.env);
    c.send({ type: "start" });
    expect(c.send(silence).actions).toEqual([menuGather("no_input", "main_menu")]);
    expect(c.send(silence).actions).toEqual([menuGather("no_input", "main_menu")]);
    expect(c.state?.failures).toBe(2);
    expect(dialOf(c.send(press("3")).actions)?.agencyId).toBe(p.get("STC").id);
  });

  it("0 repeats the menu without counting a failure", () => {
    const c = call(bundle, province().env);
    c.send({ type: "start" });
    c.send(silence);
    expect(c.send(press("0")).actions).toEqual([menuGather("main_menu")]);
    expect(c.state?.failures).toBe(1);
  });

  it("after three wrong keys goes to an operator", () => {
    const p = province();
    const c = call(bundle, p.env);
    c.send({ type: "start" });
    expect(c.send(press("6")).actions).toEqual([menuGather("invalid_key", "main_menu")]);
    expect(c.send(press("#")).actions).toEqual([menuGather("invalid_key", "main_menu")]);
    const last = c.send(press("6"));
    expect(of(last.effects, "node").map((e) => e.node)).toEqual(["route_operator"]);
    expect(dialOf(last.actions)).toMatchObject({ agencyId: p.get("TTPVHCC-TD").id, topic: "", topicId: null });
  });

  it("8 asks for the commune's code, re-prompts an unknown one and routes to the commune", () => {
    const p = province();
    const c = call(bundle, p.env);
    c.send({ type: "start" });
    const ask = { type: "gather", timeoutSeconds: 8, numDigits: 3, finishOnKey: "#", language: "vi-VN" };
    expect(c.send(press("8")).actions).toEqual([{ ...ask, prompts: [text("ask_commune")] }]);
    expect(c.send(press("999")).actions).toEqual([{ ...ask, prompts: [text("commune_not_found"), text("ask_commune")] }]);
    const routed = c.send(press("105"));
    const commune = p.get("P-QUYNHON");
    expect(of(routed.effects, "agency-selected")).toEqual([
      { type: "agency-selected", agencyCode: "P-QUYNHON", agencyId: commune.id, digits: "105" },
    ]);
    expect(dialOf(routed.actions)).toMatchObject({ agencyId: commune.id, topic: "thủ tục tại xã, phường" });
  });
});

describe("routing", () => {
  it("skips a closed agency to its fallback", () => {
    const p = province({ STP: { open: false } });
    const c = call(bundle, p.env);
    c.send({ type: "start" });
    c.send(press("1"));
    const routed = c.send(press("1"));
    expect(of(routed.effects, "routing").map((e) => [e.agencyCode, e.decision])).toEqual([
      ["STP", "skipped-closed"],
      ["TTPVHCC-TD", "dialing"],
    ]);
    expect(dialOf(routed.actions)?.agencyId).toBe(p.get("TTPVHCC-TD").id);
    expect(dialOf(routed.actions)?.topic).toBe("hộ tịch");
  });

  it("with nobody on duty anywhere, takes a message and files a callback request", () => {
    const p = province({ STC: { staff: [] }, "TTPVHCC-TD": { staff: [staff("Không số", null, null)] } });
    const c = call(bundle, p.env);
    c.send({ type: "start" });
    const routed = c.send(press("3"));
    expect(of(routed.effects, "routing").map((e) => [e.agencyCode, e.decision])).toEqual([
      ["STC", "skipped-no-staff"],
      ["TTPVHCC-TD", "skipped-no-staff"],
    ]);
    expect(of(routed.effects, "termination")).toEqual([{ type: "termination", reason: "no_one_on_duty" }]);
    expect(routed.actions).toEqual([
      { type: "say", prompt: text("connecting") },
      { type: "say", prompt: text("no_answer") },
      { type: "record", maxLengthSeconds: 120 },
    ]);
    const recorded = c.send({ type: "recorded", durationSeconds: 42 });
    expect(of(recorded.effects, "callback-request")).toEqual([
      { type: "callback-request", agencyId: p.get("TTPVHCC-TD").id, topic: "dau_tu", recordingSeconds: 42 },
    ]);
    expect(recorded.actions).toEqual([{ type: "say", prompt: text("message_received") }, { type: "hangup" }]);
    expect(c.state?.waiting).toBe("done");
  });

  it("rings sequential staff one by one, each for the agency's ring timeout, then the fallback", () => {
    const team = [staff("An"), staff("Bình"), staff("Chi")];
    const p = province({ SNV: { ringStrategy: "sequential", ringTimeoutSeconds: 15, staff: team } });
    const c = call(bundle, p.env);
    c.send({ type: "start" });
    const dials = [dialOf(c.send(press("4")).actions), dialOf(c.send(noAnswer).actions), dialOf(c.send(noAnswer).actions)];
    expect(dials.map((d) => [d?.targets.map((t) => t.staffId), d?.timeoutSeconds])).toEqual(team.map((s) => [[s.id], 15]));
    const fallback = c.send({ type: "dial-ended", status: "busy", acceptedStaffId: null, durationSeconds: 0 });
    expect(of(fallback.effects, "routing")).toEqual([
      { type: "routing", agencyCode: "SNV", agencyId: p.get("SNV").id, decision: "no-answer", staffIds: [team[2]?.id], dialStatus: "busy" },
      {
        type: "routing",
        agencyCode: "TTPVHCC-TD",
        agencyId: p.get("TTPVHCC-TD").id,
        decision: "dialing",
        staffIds: [p.get("TTPVHCC-TD").staff[0]?.id],
      },
    ]);
  });

  it("rings at most ten phones at once, then the rest, then takes a message", () => {
    const team = Array.from({ length: 12 }, (_, i) => staff(`Tổng đài viên ${i}`));
    const p = province({ "TTPVHCC-TD": { staff: team } });
    const c = call(bundle, p.env);
    c.send({ type: "start" });
    expect(dialOf(c.send(press("9")).actions)?.targets).toHaveLength(10);
    expect(dialOf(c.send(noAnswer).actions)?.targets.map((t) => t.staffId)).toEqual([team[10]?.id, team[11]?.id]);
    const voicemail = c.send(noAnswer);
    expect(of(voicemail.effects, "termination")).toEqual([{ type: "termination", reason: "voicemail" }]);
    expect(voicemail.actions.at(-1)).toEqual({ type: "record", maxLengthSeconds: 120 });
  });

  it("rings softphones and phones, and leaves out staff who have neither", () => {
    const both = staff("Cả hai", "+84905000001", "staff-1");
    const browser = staff("Trình duyệt", null, "staff-2");
    const p = province({ STC: { staff: [both, browser, staff("Không", null, null)] } });
    const c = call(bundle, p.env);
    c.send({ type: "start" });
    expect(dialOf(c.send(press("3")).actions)?.targets).toEqual([
      { staffId: both.id, phone: "+84905000001", clientIdentity: "staff-1" },
      { staffId: browser.id, clientIdentity: "staff-2" },
    ]);
  });

  it("stops at a fallback cycle", () => {
    const p = province({ STC: { open: false, fallbackCode: "SNV" }, SNV: { open: false, fallbackCode: "STC" } });
    const c = call(bundle, p.env);
    c.send({ type: "start" });
    const routed = c.send(press("3"));
    expect(of(routed.effects, "routing").map((e) => e.agencyCode)).toEqual(["STC", "SNV"]);
    expect(c.state).toMatchObject({ node: "voicemail", waiting: "record", lastAgencyId: p.get("SNV").id });
  });

  it("hangs up when the caller gave up while it rang", () => {
    const c = call(bundle, province().env);
    c.send({ type: "start" });
    c.send(press("3"));
    const gaveUp = c.send({ type: "dial-ended", status: "canceled", acceptedStaffId: null, durationSeconds: 0 });
    expect(gaveUp.actions).toEqual([{ type: "hangup" }]);
    expect(c.state).toMatchObject({ waiting: "done", route: null });
  });
});

describe("after the call and after hours", () => {
  it("an answered call ends in the survey, whose answers are effects, then goodbye", () => {
    const p = province();
    const c = call(bundle, p.env);
    c.send({ type: "start" });
    c.send(press("5"));
    const staffId = p.get("TTPVHCC").staff[0]?.id as number;
    const survey = c.send(answeredBy(staffId, 240));
    expect(of(survey.effects, "routing")).toEqual([
      {
        type: "routing",
        agencyCode: "TTPVHCC",
        agencyId: p.get("TTPVHCC").id,
        decision: "answered",
        staffId,
        dialStatus: "completed",
        durationSeconds: 240,
      },
    ]);
    expect(of(survey.effects, "termination")).toEqual([{ type: "termination", reason: "answered" }]);
    expect(survey.actions).toEqual([menuGather("survey_intro", "survey_satisfaction")]);
    expect(c.state?.answered).toEqual({ agencyId: p.get("TTPVHCC").id, staffId });

    expect(c.send(press("7")).actions).toEqual([menuGather("invalid_key", "survey_satisfaction")]);
    const second = c.send(press("1"));
    expect(of(second.effects, "survey-answer")).toEqual([{ type: "survey-answer", survey: "survey", question: "satisfaction", value: 1 }]);
    expect(second.actions).toEqual([menuGather("survey_resolved")]);
    const done = c.send(press("2"));
    expect(of(done.effects, "survey-answer")).toEqual([{ type: "survey-answer", survey: "survey", question: "resolved", value: 2 }]);
    expect(done.actions).toEqual([{ type: "say", prompt: text("goodbye") }, { type: "hangup" }]);
  });

  it("a citizen called back through the hotline gets the same survey once the staff member hangs up, counted for them", () => {
    const p = province();
    const c = call(bundle, p.env);
    const agencyId = p.get("STP").id;
    const survey = c.send({ type: "callback-ended", agencyId, staffId: 77 });
    expect(survey.actions).toEqual([menuGather("survey_intro", "survey_satisfaction")]);
    expect(c.state).toMatchObject({ answered: { agencyId, staffId: 77 }, waiting: "gather" });
    const answer = c.send(press("2"));
    expect(of(answer.effects, "survey-answer")).toEqual([{ type: "survey-answer", survey: "survey", question: "satisfaction", value: 2 }]);
  });

  it("a survey question left in silence twice is skipped without an answer", () => {
    const p = province();
    const c = call(bundle, p.env);
    c.send({ type: "start" });
    c.send(press("9"));
    c.send(answeredBy(p.get("TTPVHCC-TD").staff[0]?.id as number));
    expect(c.send(silence).actions).toEqual([menuGather("no_input", "survey_satisfaction")]);
    const skipped = c.send(silence);
    expect(of(skipped.effects, "survey-answer")).toEqual([]);
    expect(skipped.actions).toEqual([menuGather("survey_resolved")]);
  });

  it("after hours, says the opening hours and takes a message for the operators", () => {
    const p = province({ "TTPVHCC-TD": { open: false } });
    const c = call(bundle, p.env);
    const start = c.send({ type: "start" });
    expect(of(start.effects, "termination")).toEqual([{ type: "termination", reason: "after_hours_voicemail" }]);
    expect(start.actions).toEqual([
      { type: "say", prompt: text("welcome") },
      { type: "say", prompt: text("after_hours") },
      { type: "record", maxLengthSeconds: 120 },
    ]);
    const recorded = c.send({ type: "recorded", durationSeconds: 0 });
    expect(of(recorded.effects, "callback-request")).toEqual([
      { type: "callback-request", agencyId: p.get("TTPVHCC-TD").id, topic: null, recordingSeconds: 0 },
    ]);
  });
});

describe("safety", () => {
  const apology = [{ type: "say", prompt: text("system_error") }, { type: "hangup" }];

  it("answers an unknown, foreign or finished state with an apology and a hang-up", () => {
    const env = province().env;
    const foreign = { ...(step(bundle, null, { type: "start" }, env).state as CallState), entry: "other" };
    const finished = { ...(step(bundle, null, { type: "start" }, env).state as CallState), waiting: "done" as const };
    for (const state of [null, {} as CallState, foreign, finished, { ...finished, waiting: "gather" as const, node: "gone" }]) {
      const result = step(bundle, state, press("1"), env);
      expect(result.actions).toEqual(apology);
      expect(result.state.waiting).toBe("done");
      expect(of(result.effects, "error")).toHaveLength(1);
    }
  });

  it("answers an event the node does not wait for with an apology", () => {
    const c = call(bundle, province().env);
    c.send({ type: "start" });
    expect(c.send({ type: "recorded", durationSeconds: 3 }).actions).toEqual(apology);
  });

  it("is deterministic and leaves the given state alone", () => {
    const env = province().env;
    const started = step(bundle, null, { type: "start" }, env).state;
    const frozen = JSON.stringify(started);
    const a = step(bundle, started, press("4"), env);
    const b = step(bundle, started, press("4"), env);
    expect(a).toEqual(b);
    expect(JSON.stringify(started)).toBe(frozen);
    expect(JSON.parse(JSON.stringify(a.state))).toEqual(a.state);
  });
});

describe("the staff phone toggle", () => {
  const pin = (digits: string, presencePin: { staffId: number; state: "available" | "away" } | null) =>
    ({ type: "gather", digits, presencePin }) as const;

  it("says the new state the webhook layer found, records the toggle, and never the PIN", () => {
    const c = call(bundle, province().env);
    c.send({ type: "start" });
    c.send(press("*"));
    const done = c.send(pin("2468", { staffId: 7, state: "away" }));
    expect(of(done.effects, "presence-toggle")).toEqual([{ type: "presence-toggle", staffId: 7, state: "away" }]);
    expect(of(done.effects, "key")).toEqual([{ type: "key", flow: "hotline", node: "staff_presence", digits: "****" }]);
    expect(done.actions).toEqual([
      { type: "say", prompt: text("presence_away") },
      { type: "say", prompt: text("presence_bye") },
      { type: "hangup" },
    ]);
  });

  it("asks again after a refused PIN, and stops after three", () => {
    const c = call(bundle, province().env);
    c.send({ type: "start" });
    c.send(press("*"));
    expect(c.send(pin("1111", null)).actions[0]).toEqual({
      type: "gather",
      prompts: [text("staff_pin_wrong"), text("staff_pin")],
      timeoutSeconds: 10,
      numDigits: 8,
      finishOnKey: "#",
      language: "vi-VN",
    });
    c.send(pin("2222", null));
    const refused = c.send(pin("3333", null));
    expect(of(refused.effects, "presence-toggle")).toEqual([]);
    expect(refused.actions).toEqual([{ type: "say", prompt: text("presence_refused") }, { type: "hangup" }]);
  });
});

describe("case status by phone (key 7)", () => {
  const found: LookupResult = {
    reference: "GL-2026-004821",
    stateLabel: "đang được xử lý",
    expectedDate: "2026-12-12",
    agencyCode: "VPDKDD",
  };
  const keyed = (digits: string, lookup: LookupResult | null) => ({ type: "gather", digits, lookup }) as const;
  const ask = { type: "gather", timeoutSeconds: 10, numDigits: 13, finishOnKey: "#", language: "vi-VN" };

  it("asks for the code, reads the case back digit by digit with its state and date, and connects its agency on 1", () => {
    const p = province();
    const c = call(bundle, p.env);
    c.send({ type: "start" });
    const asked = c.send(press("7"));
    expect(asked.actions).toEqual([{ ...ask, prompts: [text("ask_case_code")] }]);
    expect(of(asked.effects, "topic")).toEqual([{ type: "topic", topic: "tra_cuu_phieu", label: "tra cứu phiếu" }]);

    const heard = c.send(keyed("2026004821", found));
    expect(heard.actions).toEqual([
      {
        type: "say",
        prompt: { say: "Phiếu số 2 0 2 6, 0 0 4 8 2 1 đang được xử lý. Thời gian trả lời, ngày 12 tháng 12 năm 2026.", ...vi },
      },
      menuGather("case_menu"),
    ]);
    expect(of(heard.effects, "key")).toEqual([{ type: "key", flow: "hotline", node: "case_lookup", digits: "2026004821" }]);
    expect(of(heard.effects, "status-found")).toEqual([
      { type: "status-found", lookup: "case_status", reference: "GL-2026-004821", stateLabel: "đang được xử lý", agencyCode: "VPDKDD" },
    ]);
    expect(c.state).toMatchObject({ node: "case_menu", selectedAgency: "VPDKDD", failures: 0 });

    const routed = c.send(press("1"));
    expect(dialOf(routed.actions)).toMatchObject({ agencyId: p.get("VPDKDD").id, topic: "tra cứu phiếu" });
    expect(c.state).toMatchObject({ node: "route_case_agency", waiting: "dial" });
  });

  it("after a wrong code asks again, and after the second hands the caller to an operator", () => {
    const p = province();
    const c = call(bundle, p.env);
    c.send({ type: "start" });
    c.send(press("7"));
    expect(c.send(keyed("999", null)).actions).toEqual([{ ...ask, prompts: [text("case_not_found"), text("ask_case_code")] }]);
    const operator = c.send(keyed("998", null));
    expect(of(operator.effects, "node").map((e) => e.node)).toEqual(["route_operator"]);
    expect(dialOf(operator.actions)).toMatchObject({ agencyId: p.get("TTPVHCC-TD").id });
    expect(of(operator.effects, "status-found")).toEqual([]);
  });

  it("counts silence as a failure with its own re-prompt, and ignores a result handed in for silence", () => {
    const c = call(bundle, province().env);
    c.send({ type: "start" });
    c.send(press("7"));
    expect(c.send(keyed("", found)).actions).toEqual([{ ...ask, prompts: [text("no_input"), text("ask_case_code")] }]);
    expect(c.state?.failures).toBe(1);
  });

  it("a lookup the webhook layer did not resolve counts as not found", () => {
    const c = call(bundle, province().env);
    c.send({ type: "start" });
    c.send(press("7"));
    expect(c.send(press("2026004821")).actions).toEqual([{ ...ask, prompts: [text("case_not_found"), text("ask_case_code")] }]);
  });

  it("replaces a commune chosen earlier by the case's agency, and says an unknown date plainly", () => {
    const c = call(bundle, province().env);
    c.send({ type: "start" });
    c.send(press("7"));
    const heard = c.send(keyed("4821", { ...found, expectedDate: null, agencyCode: "STP" }));
    const said = heard.actions[0];
    expect(said?.type === "say" && "say" in said.prompt ? said.prompt.say : "").toContain("Thời gian trả lời, chưa xác định.");
    expect(c.state?.selectedAgency).toBe("STP");
    // 0 hears the menu again, * goes back to the main menu.
    expect(c.send(press("0")).actions).toEqual([menuGather("case_menu")]);
    expect(c.send(press("*")).actions).toEqual([menuGather("main_menu")]);
  });
});
