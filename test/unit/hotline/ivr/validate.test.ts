import { describe, expect, it } from "vitest";
import { formatProblem, validateBundle } from "../../../../server/hotline/ivr/validate.js";
import { fixture, shippedFiles } from "./helpers.js";

function problemsOf(files: { file: string; text: string }[]) {
  const result = validateBundle(files);
  if (result.ok) throw new Error("expected problems");
  return result.problems;
}

/** The valid fixture with one text replacement, asserting the replacement happened. */
function variant(from: string, to: string, file = "hotline.yaml") {
  const { text } = fixture("valid.yaml");
  expect(text).toContain(from);
  return { file, text: text.replace(from, to) };
}

describe("shipped flows", () => {
  it("validate, with every topic of the issue's menu", () => {
    const result = validateBundle(shippedFiles());
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
    if (!result.ok) return;
    const hotline = result.bundle.flows.hotline;
    expect(hotline?.start).toBe("welcome");
    const menu = hotline?.nodes.main_menu;
    expect(menu?.kind).toBe("menu");
    if (menu?.kind !== "menu") return;
    expect(Object.keys(menu.options).sort()).toEqual(["*", "0", "1", "2", "3", "4", "5", "7", "8", "9"]);
    expect(menu.options["0"]).toEqual({ repeat: true });
    // 7: case status by phone, then a menu whose key 1 reaches the agency handling the case.
    const lookup = hotline?.nodes[menu.options["7"]?.next ?? ""];
    expect(lookup).toMatchObject({ kind: "lookup", lookup: "case_status", onFailure: "route_operator" });
    const found = lookup?.kind === "lookup" ? hotline?.nodes[lookup.found] : undefined;
    const route = found?.kind === "menu" ? hotline?.nodes[found.options["1"]?.next ?? ""] : undefined;
    expect(route).toMatchObject({ kind: "route", agency: "$selected", answered: "survey", unanswered: "voicemail" });
    // Staff calling from their phone: * then their PIN toggles their presence.
    expect(hotline?.nodes[menu.options["*"]?.next ?? ""]).toMatchObject({ kind: "input", lookup: "staff_presence_pin" });
  });

  it("the valid fixture is valid", () => {
    expect(validateBundle([fixture("valid.yaml")]).ok).toBe(true);
  });
});

describe("each kind of broken flow is rejected, naming the node", () => {
  const cases: [string, string, RegExp][] = [
    ["unknown-node.yaml", "menu", /^options\.1\.next: unknown node "nowhere"$/],
    ["unreachable-node.yaml", "orphan", /^unreachable: no path from the start of flow "hotline"/],
    ["dead-end.yaml", "info", /^dead end: info → info repeats forever/],
    ["menu-no-human.yaml", "menu", /^no way to a person/],
    ["missing-language.yaml", "goodbye", /^prompt "goodbye" \(used by goodbye\) has no "en" version/],
    ["cycle-no-exit.yaml", "menu_a", /^cycle with no exit: menu_a, menu_b only lead to each other/],
    ["schema-error.yaml", "menu", /^nodes\.menu\.timeoutSeconds: must be <= 30 \(line 18\)$/],
  ];
  it.each(cases)("%s → %s", (file, node, message) => {
    const problems = problemsOf([fixture(file)]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file, node });
    expect(problems[0]?.message).toMatch(message);
  });
});

describe("schema and YAML", () => {
  it("reports YAML syntax errors with their line", () => {
    const [problem] = problemsOf([variant("nodes:\n", "nodes:\n  bad: { kind: say\n")]);
    expect(problem?.file).toBe("hotline.yaml");
    expect(problem?.message).toMatch(/\(line \d+\)$/);
  });

  it("rejects duplicate keys, even when written once as a number and once as text", () => {
    const problems = problemsOf([variant('      "0": { repeat: true }\n', '      "0": { repeat: true }\n      0: { next: route }\n')]);
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^Map keys must be unique \(line 21\)$/)]);
  });

  it("rejects keys other than 0-9 * #", () => {
    const problems = problemsOf([variant('"0": { repeat: true }', '"x": { repeat: true }')]);
    expect(problems).toEqual([
      {
        file: "hotline.yaml",
        node: "menu",
        message: 'nodes.menu.options: "x" is not allowed here: must be one phone key: 0-9, * or # (line 19)',
      },
    ]);
  });

  it("names unknown kinds, unknown fields and missing fields", () => {
    const problems = problemsOf([
      variant(
        "  goodbye: { kind: hangup, prompt: goodbye }",
        "  goodbye: { kind: hangup, prompt: goodbye, colour: red }\n  x: { kind: transfer }\n  y: { kind: say, prompt: welcome }",
      ),
    ]);
    expect(problems.map(formatProblem)).toEqual([
      'hotline.yaml: goodbye: nodes.goodbye: unknown field "colour" (line 24)',
      'hotline.yaml: x: nodes.x: kind "transfer" is not one of: say, menu, input, lookup, hours, route, voicemail, survey, goto, hangup (line 25)',
      'hotline.yaml: y: nodes.y: missing required field "next" (line 26)',
    ]);
  });

  it("rejects attempts below 1 and prompt versions that are neither text nor audio", () => {
    const problems = problemsOf([
      variant("    onFailure: route\n", "    onFailure: route\n    attempts: 0\n"),
      { ...variant("welcome: { vi: Xin chào. }", "welcome: { vi: { play: ftp://x } }"), file: "other.yaml" },
    ]);
    expect(problems.map(formatProblem)).toEqual([
      "hotline.yaml: menu: nodes.menu.attempts: must be >= 1 (line 22)",
      'other.yaml: prompts.welcome.vi: must be a text, or { play: "https://…" } for a recorded audio file (line 9)',
    ]);
  });
});

describe("references, prompts and languages", () => {
  it("reports unknown prompts and topics at the node using them", () => {
    const problems = problemsOf(
      [variant("{ next: route, topic: ho_tich }", "{ next: route, topic: dat_dai }").text].map((text) => ({
        file: "f.yaml",
        text: text.replace("prompt: leave_message", "prompt: leave_msg"),
      })),
    );
    expect(problems.map(formatProblem)).toEqual([
      'f.yaml: menu: options.1.topic: unknown topic "dat_dai" (declare it under topics)',
      'f.yaml: voicemail: prompt: unknown prompt "leave_msg"',
    ]);
  });

  it("requires either next or repeat in a menu option", () => {
    const problems = problemsOf([variant('"0": { repeat: true }', '"0": { topic: ho_tich }')]);
    expect(problems.map(formatProblem)).toEqual(["hotline.yaml: menu: options.0: needs either next or repeat: true"]);
  });

  it("requires a voice for a language with text prompts", () => {
    const problems = problemsOf([variant("voices: { vi: { voice: Google.vi-VN-Standard-A, language: vi-VN } }", "voices: {}")]);
    expect(problems.map(formatProblem)).toEqual(['hotline.yaml: voices: language "vi" has text prompts but no voice']);
  });

  it("follows gotos into other flows of the bundle and checks them", () => {
    const commune = {
      file: "commune.yaml",
      text: [
        "id: commune",
        "name: Xã, phường",
        "languages: [vi]",
        "voices: { vi: { voice: Google.vi-VN-Standard-A, language: vi-VN } }",
        "start: ask",
        "prompts: { ask: { vi: Bấm mã xã. } }",
        "nodes:",
        "  ask: { kind: input, prompt: ask, maxDigits: 3, lookup: agency_dial_code, found: route, onFailure: hotline#route }",
        "  route: { kind: route, agency: $selected, answered: hotline#goodbye, unanswered: hotline#voicemail }",
      ].join("\n"),
    };
    const main = variant('      "0": { repeat: true }\n', '      "8": { next: to_commune }\n      "0": { repeat: true }\n');
    main.text += "  to_commune: { kind: goto, target: commune#ask }\n";
    expect(validateBundle([main, commune]).ok).toBe(true);

    const broken = { ...main, text: main.text.replace("commune#ask", "commune#nope") };
    expect(problemsOf([broken, commune]).map(formatProblem)).toEqual([
      'hotline.yaml: to_commune: target: unknown node "nope" in flow "commune"',
      'commune.yaml: ask: unreachable: no path from the start of flow "hotline" leads to this node',
      'commune.yaml: route: unreachable: no path from the start of flow "hotline" leads to this node',
    ]);
  });

  describe("a lookup node", () => {
    const prompts = `  goodbye: { vi: Xin cảm ơn. }\n  ask_code: { vi: Bấm mã phiếu. }\n  status: { vi: "Phiếu {code} {state}, {date}." }\n`;
    const lookup = (fields: string) =>
      `  lookup: { kind: lookup, lookup: case_status, prompt: ask_code, maxDigits: 13, foundPrompt: status, ${fields} }\n`;
    const withLookup = (fields: string, status?: string) => {
      const main = variant('      "0": { repeat: true }\n', '      "7": { next: lookup }\n      "0": { repeat: true }\n');
      let text = main.text.replace("  goodbye: { vi: Xin cảm ơn. }\n", prompts) + lookup(fields);
      if (status) text = text.replace('"Phiếu {code} {state}, {date}."', JSON.stringify(status));
      return { ...main, text };
    };

    it("is valid with a found branch and onFailure that reach a person", () => {
      expect(validateBundle([withLookup("found: route, onFailure: route")]).ok).toBe(true);
    });

    it("needs a way to a person, and fills in only {code}, {state} and {date}", () => {
      expect(problemsOf([withLookup("found: goodbye, onFailure: goodbye")]).map(formatProblem)).toEqual([
        "hotline.yaml: lookup: no way to a person: nothing after this node reaches a route node",
      ]);
      expect(problemsOf([withLookup("found: route, onFailure: route", "Phiếu {code}, hạn {deadline}.")]).map(formatProblem)).toEqual([
        'hotline.yaml: lookup: foundPrompt: the "vi" text of prompt "status" uses {deadline}; a lookup fills in {code}, {state}, {date}',
      ]);
    });

    it("names only known status adapters", () => {
      const problems = problemsOf(
        [withLookup("found: route, onFailure: route").text.replace("lookup: case_status", "lookup: tax")].map((text) => ({
          file: "hotline.yaml",
          text,
        })),
      );
      expect(problems.map(formatProblem)).toEqual([
        expect.stringMatching(/^hotline\.yaml: lookup: nodes\.lookup\.lookup: must be one of "case_status"/),
      ]);
    });
  });

  it("needs the entry flow and unique flow ids", () => {
    expect(
      problemsOf([{ ...fixture("valid.yaml"), text: fixture("valid.yaml").text.replace("id: hotline", "id: other") }]).map(formatProblem),
    ).toEqual(['(bundle): no flow has the id "hotline" (the entry flow)']);
    expect(problemsOf([fixture("valid.yaml"), { ...fixture("valid.yaml"), file: "copy.yaml" }]).map(formatProblem)).toEqual([
      'copy.yaml: id: flow "hotline" is already declared in valid.yaml',
    ]);
  });
});
