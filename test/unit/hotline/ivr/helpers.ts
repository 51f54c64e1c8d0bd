// Shared test data for the IVR: the shipped flow, the broken fixtures, a demo province's agencies
// and a driver that threads the call state through interpreter steps as the webhook layer would.
import { readdirSync, readFileSync } from "node:fs";
import type { Bundle } from "../../../../server/hotline/ivr/flow.js";
import { step } from "../../../../server/hotline/ivr/interpreter.js";
import type { AgencySnapshot, CallState, IvrEnv, IvrEvent, StaffSnapshot, StepResult } from "../../../../server/hotline/ivr/types.js";
import { type FlowFile, validateBundle } from "../../../../server/hotline/ivr/validate.js";

const SHIPPED = new URL("../../../../ivr-flows/", import.meta.url);
const FIXTURES = new URL("./fixtures/", import.meta.url);

export function shippedFiles(): FlowFile[] {
  return readdirSync(SHIPPED)
    .filter((file) => file.endsWith(".yaml"))
    .map((file) => ({ file, text: readFileSync(new URL(file, SHIPPED), "utf8") }));
}

export function fixture(file: string): FlowFile {
  return { file, text: readFileSync(new URL(file, FIXTURES), "utf8") };
}

export function shippedBundle(): Bundle {
  const result = validateBundle(shippedFiles());
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
  return result.bundle;
}

let nextStaffId = 100;
export function staff(
  name: string,
  phone: string | null = `+8490${String(nextStaffId).padStart(7, "0")}`,
  clientIdentity: string | null = null,
): StaffSnapshot {
  return { id: nextStaffId++, name, phone, clientIdentity };
}

export function agency(code: string, id: number, overrides: Partial<AgencySnapshot> = {}): AgencySnapshot {
  return {
    id,
    code,
    name: code,
    open: true,
    ringStrategy: "simultaneous",
    ringTimeoutSeconds: 20,
    fallbackCode: code === "TTPVHCC-TD" ? null : "TTPVHCC-TD",
    staff: [staff(`Cán bộ ${code}`)],
    busyStaff: 0,
    queue: { maxLength: 0, maxWaitSeconds: 300, whenNoneAvailable: false, waiting: 0 },
    ...overrides,
  };
}

/** The province as the webhook layer would see it: every agency open with one person on duty. */
export function province(
  overrides: Record<string, Partial<AgencySnapshot>> = {},
  dialCodes: Record<string, string> = { "105": "P-QUYNHON" },
) {
  const codes = ["TTPVHCC-TD", "TTPVHCC", "STP", "CAT", "CAT-PC06", "SNNMT", "VPDKDD", "SXD", "STC", "SNV", "P-QUYNHON"];
  const agencies = new Map(codes.map((code, i) => [code, agency(code, i + 1, overrides[code])]));
  const env: IvrEnv = {
    now: new Date("2025-09-15T03:00:00Z"),
    agency: (code) => agencies.get(code),
    agencyByDialCode: (digits) => {
      const code = dialCodes[digits];
      return code ? agencies.get(code) : undefined;
    },
  };
  return { env, agencies, get: (code: string) => agencies.get(code) as AgencySnapshot };
}

/** One call: each send() is one webhook, the state stored as JSON in between. */
export function call(bundle: Bundle, env: IvrEnv) {
  let state: CallState | null = null;
  const history: StepResult[] = [];
  return {
    send(event: IvrEvent): StepResult {
      const result = step(bundle, state, event, env);
      state = JSON.parse(JSON.stringify(result.state)) as CallState;
      history.push(result);
      return result;
    },
    get state() {
      return state;
    },
    history,
  };
}

export const silence: IvrEvent = { type: "gather", digits: "" };
export const press = (digits: string): IvrEvent => ({ type: "gather", digits });
export const noAnswer: IvrEvent = { type: "dial-ended", status: "no-answer", acceptedStaffId: null, durationSeconds: 0 };
export const answeredBy = (staffId: number, durationSeconds = 180): IvrEvent => ({
  type: "dial-ended",
  status: "completed",
  acceptedStaffId: staffId,
  durationSeconds,
});
