/** A demo caller (a VinaPhone-format number no one owns in the seed) and the hotline's landline. */
export const DEMO_CALLER = "0912 000 111";
export const DEMO_HOTLINE = "+842563822478";

/** Distinct demo callers for a scenario of many calls (0912 000 200, 201, …): numbers no one owns in the seed. */
export function demoCallers(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `0912000${String(200 + i)}`);
}
