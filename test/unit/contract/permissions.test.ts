// The one table of who may do what (server/contract/permissions.ts): what each role holds, that the
// server's guards name only permissions of the table and use every one, and how the console reads it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isPermission, opens, PERMISSION_NAMES, PERMISSIONS, permissionsOf, rolesHold } from "../../../server/contract/permissions.js";
import { Role } from "../../../server/generated/prisma/enums.js";
import { sourceFiles } from "../../architecture/wings.js";

const SERVER = join(import.meta.dirname, "../../../server");

/**
 * What each role's work needs, route by route and screen by screen. Campaign staff hold nothing of
 * the phone line (call log, recordings, reports, IVR versions, hours overrides): issue 10.
 */
const HELD: Record<Exclude<Role, "admin">, string[]> = {
  supervisor: [
    "calls:read",
    "calls:caller-numbers",
    "calls:handle",
    "calls:listen",
    "reports:read",
    "board:read",
    "callback-requests:read",
    "callback-requests:work",
    "desk:use",
    "staff:duty",
    "ivr-flow-versions:read",
    "note-categories:read",
    "cases:read",
    "cases:write",
    "knowledge:read",
    "knowledge:write",
    "agency-reports:read",
    "simulator:run",
    "agencies:read",
    "agencies:edit",
    "hours-overrides:read",
    "hours-overrides:write",
  ],
  agent: [
    "calls:read",
    "calls:caller-numbers",
    "calls:handle",
    "reports:read",
    "callback-requests:read",
    "callback-requests:work",
    "desk:use",
    "staff:duty",
    "ivr-flow-versions:read",
    "note-categories:read",
    "cases:read",
    "cases:write",
    "knowledge:read",
    "agency-reports:read",
    "agencies:read",
    "hours-overrides:read",
  ],
  campaign_manager: [
    "agencies:read",
    "campaigns:read",
    "campaigns:manage",
    "campaigns:send",
    "contacts:read",
    "contacts:write",
    "contacts:phone-numbers",
    "sms-templates:read",
    "sms-templates:write",
    "zns-templates:read",
    "zns-templates:write",
    "sms-senders:read",
    "sms-policy:read",
  ],
  campaign_approver: [
    "agencies:read",
    "campaigns:read",
    "campaigns:approve",
    "campaigns:send",
    "contacts:read",
    "sms-templates:read",
    "zns-templates:read",
    "sms-senders:read",
    "sms-policy:read",
  ],
  viewer: [
    "calls:read",
    "reports:read",
    "ivr-flow-versions:read",
    "cases:read",
    "knowledge:read",
    "agency-reports:read",
    "agencies:read",
    "hours-overrides:read",
  ],
  privacy_officer: ["privacy-requests:handle"],
};

/** Every permission name the server's code states: route guards (`allow`) and checks inside handlers. */
function namedInServer(): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const file of sourceFiles(SERVER)) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/\.allow\("([^"]+)"\)|rolesHold\([^"\n]*, "([^"]+)"\)/g)) {
      const name = match[1] ?? match[2] ?? "";
      names.set(name, [...(names.get(name) ?? []), file.slice(SERVER.length + 1)]);
    }
  }
  return names;
}

describe("the permission table", () => {
  it("names only the database's roles, and gives every role other than administrators something", () => {
    const named = new Set(Object.values(PERMISSIONS).flatMap((rule) => rule.roles));
    expect([...named].every((role) => (Object.values(Role) as string[]).includes(role))).toBe(true);
    expect(Object.values(Role).filter((role) => role !== "admin" && !named.has(role))).toEqual([]);
  });

  it("gives administrators every permission", () => {
    expect(permissionsOf(["admin"])).toEqual(PERMISSION_NAMES);
    expect(PERMISSION_NAMES.every((name) => rolesHold(["admin"], name))).toBe(true);
  });

  it("gives each role exactly what its work needs", () => {
    for (const [role, held] of Object.entries(HELD)) {
      expect(permissionsOf([role]).sort(), role).toEqual([...held].sort());
    }
  });

  it("adds up the permissions of several roles, and gives a user without roles nothing", () => {
    expect(permissionsOf(["agent", "campaign_approver"]).sort()).toEqual([...new Set([...HELD.agent, ...HELD.campaign_approver])].sort());
    expect(permissionsOf([])).toEqual([]);
    expect(rolesHold([], "calls:read")).toBe(false);
  });

  it("is what every route guard and handler check of the server names, and every permission guards something", () => {
    const named = namedInServer();
    const unknown = [...named].filter(([name]) => !isPermission(name)).map(([name, files]) => `${name} (${files.join(", ")})`);
    expect(unknown).toEqual([]);
    expect(PERMISSION_NAMES.filter((name) => !named.has(name))).toEqual([]);
    // The scan does find the guards, or the two checks above prove nothing.
    expect(named.get("campaigns:send")).toContain("outreach/campaigns/action-routes.ts");
  });
});

describe("the console's reading of it (authProvider.canAccess)", () => {
  it("opens react-admin's reading actions with a resource's read permission, and the writes it lists", () => {
    expect(opens(["campaigns:read"], "campaigns", "list")).toBe(true);
    expect(opens(["campaigns:read"], "campaigns", "show")).toBe(true);
    expect(opens(["campaigns:read"], "campaigns", "create")).toBe(false);
    expect(opens(["campaigns:manage"], "campaigns", "edit")).toBe(true);
    expect(opens(["contacts:write"], "segments", "delete")).toBe(true);
    expect(opens(["contacts:write"], "contacts", "delete")).toBe(false);
  });

  it("keeps launching (campaigns:send) apart from preparing (campaigns:manage) and approving", () => {
    const approver = permissionsOf(["campaign_approver"]);
    expect(["launch", "pause", "resume", "cancel"].every((action) => opens(approver, "campaigns", action))).toBe(true);
    expect(opens(approver, "campaigns", "approve")).toBe(true);
    expect(opens(approver, "campaigns", "submit")).toBe(false);
    expect(opens(approver, "campaigns", "create")).toBe(false);
    const manager = permissionsOf(["campaign_manager"]);
    expect(opens(manager, "campaigns", "launch")).toBe(true);
    expect(opens(manager, "campaigns", "approve")).toBe(false);
  });

  it("opens a permission's own action by its name, and ignores names it does not know", () => {
    expect(opens(["calls:caller-numbers"], "calls", "caller-numbers")).toBe(true);
    expect(opens(["staff:duty"], "staff", "duty")).toBe(true);
    expect(opens(["admin", "users:anything"], "users", "list")).toBe(false);
    expect(opens([], "calls", "list")).toBe(false);
  });

  it("keeps the phone line's screens from campaign staff", () => {
    for (const role of ["campaign_manager", "campaign_approver"]) {
      const held = permissionsOf([role]);
      for (const resource of ["calls", "satisfaction-report", "ivr-flow-versions", "hours-overrides", "simulator", "callback-requests"])
        expect(opens(held, resource, "list"), `${role} ${resource}`).toBe(false);
      expect(opens(held, "agencies", "list"), `${role} agencies`).toBe(true);
    }
  });

  it("leaves the menu's administrators-only screens to administrators", () => {
    for (const role of Object.keys(HELD)) {
      const held = permissionsOf([role]);
      for (const resource of ["users", "audit-logs", "sms-policy"])
        expect(opens(held, resource, "list"), `${role} ${resource}`).toBe(false);
    }
  });
});
