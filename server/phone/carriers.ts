// Mobile network by the number's prefix, for reports only: since number portability (2019) a
// subscriber may have moved to another network, so this is the network that issued the number, never a
// routing or billing fact. Table as of 2025; keys are the first two digits of the national number.
export type Carrier = "Viettel" | "VinaPhone" | "MobiFone" | "Vietnamobile" | "Gmobile" | "Itelecom" | "Reddi";

const PREFIXES: Record<Carrier, string[]> = {
  Viettel: ["32", "33", "34", "35", "36", "37", "38", "39", "86", "96", "97", "98"],
  VinaPhone: ["81", "82", "83", "84", "85", "88", "91", "94"],
  MobiFone: ["70", "76", "77", "78", "79", "89", "90", "93"],
  Vietnamobile: ["52", "56", "58", "92"],
  Gmobile: ["59", "99"],
  Itelecom: ["87"],
  Reddi: ["55"],
};

const BY_PREFIX: ReadonlyMap<string, Carrier> = new Map(
  Object.entries(PREFIXES).flatMap(([carrier, prefixes]) => prefixes.map((prefix) => [prefix, carrier as Carrier] as const)),
);

/** The issuing network of a Vietnamese mobile's national significant number ("912345678" → VinaPhone). */
export function carrierOf(nationalNumber: string): Carrier | undefined {
  return BY_PREFIX.get(nationalNumber.slice(0, 2));
}
