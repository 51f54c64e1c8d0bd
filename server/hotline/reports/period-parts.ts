// A period of whole Vietnam days read from roll-up tables kept per day, month and (for the wait
// histogram) year: as a few signed ranges of their keys. Whole years, months and days inside the
// period are added; at an edge, when it reads fewer rows, the whole month (or year) is added and
// the days (months) of it outside the period taken away. Every roll-up is a sum (figures, histogram
// counts), so the parts add up exactly to the period's figures: a year ending today is the yearly
// histogram of this year, minus nothing yet to come, plus last year's last month minus its first day.

import { addDays } from "../../clock/vietnam-time.js";
import { Prisma } from "../../generated/prisma/client.js";

export type Grain = "day" | "month" | "year";

/** Rows of one table, keyed by the first day of its grain: keys in [from, until), counted with sign. */
export interface PeriodPart {
  grain: Grain;
  from: string;
  until: string;
  sign: 1 | -1;
}

/** The grains a family of tables has, with the rows one key of each holds about (what a part costs). */
export type GrainCosts = { day: number; month?: number; year?: number };

interface Plan {
  parts: PeriodPart[];
  cost: number;
}

const FINER: Record<Grain, Grain | null> = { year: "month", month: "day", day: null };

function startOf(grain: Grain, day: string): string {
  if (grain === "year") return `${day.slice(0, 4)}-01-01`;
  if (grain === "month") return `${day.slice(0, 7)}-01`;
  return day;
}

function nextStart(grain: Grain, start: string): string {
  if (grain === "day") return addDays(start, 1);
  const year = Number(start.slice(0, 4));
  if (grain === "year") return `${year + 1}-01-01`;
  const month = Number(start.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
}

/** A key's place in its grain's sequence: days, months or years since some start. */
function ordinal(grain: Grain, key: string): number {
  const year = Number(key.slice(0, 4));
  if (grain === "year") return year;
  const month = Number(key.slice(5, 7)) - 1;
  if (grain === "month") return year * 12 + month;
  return Date.UTC(year, month, Number(key.slice(8, 10))) / 86_400_000;
}

/** Keys of a grain in [from, until) that can hold rows (none after today), times a key's cost. */
function cost(grain: Grain, from: string, until: string, today: string, costs: GrainCosts): number {
  const end = Math.min(ordinal(grain, until), ordinal(grain, startOf(grain, today)) + 1);
  return Math.max(0, end - ordinal(grain, from)) * (costs[grain] ?? 0);
}

const negated = (plan: Plan): Plan => ({ parts: plan.parts.map((part) => ({ ...part, sign: part.sign === 1 ? -1 : 1 })), cost: plan.cost });
const joined = (...plans: Plan[]): Plan => ({ parts: plans.flatMap((p) => p.parts), cost: plans.reduce((sum, p) => sum + p.cost, 0) });
const cheaper = (a: Plan, b: Plan): Plan => (b.cost < a.cost ? b : a);

/** The days [from, to] (inclusive) at this grain or finer ones. */
function plan(from: string, to: string, grain: Grain, today: string, costs: GrainCosts): Plan {
  if (from > to) return { parts: [], cost: 0 };
  const finer = (first: string, last: string) => plan(first, last, finerGrain(grain, costs), today, costs);
  if (grain === "day")
    return { parts: [{ grain, from, until: addDays(to, 1), sign: 1 }], cost: cost(grain, from, addDays(to, 1), today, costs) };
  const whole = (start: string, until: string): Plan =>
    start < until
      ? { parts: [{ grain, from: start, until, sign: 1 }], cost: cost(grain, start, until, today, costs) }
      : { parts: [], cost: 0 };
  const first = startOf(grain, from);
  const last = startOf(grain, to);
  const lastEnd = addDays(nextStart(grain, last), -1);
  // A block the period only partly covers: its days inside at a finer grain, or the whole block less
  // the days outside it.
  const partial = (start: string, inFrom: string, inTo: string): Plan =>
    cheaper(
      finer(inFrom, inTo),
      joined(
        whole(start, nextStart(grain, start)),
        negated(finer(start, addDays(inFrom, -1))),
        negated(finer(addDays(inTo, 1), addDays(nextStart(grain, start), -1))),
      ),
    );
  if (first === last) return from === first && to === lastEnd ? whole(first, nextStart(grain, first)) : partial(first, from, to);
  const middleFrom = from === first ? first : nextStart(grain, first);
  const middleUntil = to === lastEnd ? nextStart(grain, last) : last;
  return joined(
    from === first ? { parts: [], cost: 0 } : partial(first, from, addDays(nextStart(grain, first), -1)),
    whole(middleFrom, middleUntil),
    to === lastEnd ? { parts: [], cost: 0 } : partial(last, last, to),
  );
}

/** The next finer grain the family has (every family has days). */
function finerGrain(grain: Grain, costs: GrainCosts): Grain {
  let next = FINER[grain];
  while (next && next !== "day" && costs[next] === undefined) next = FINER[next];
  return next ?? "day";
}

function coarsest(costs: GrainCosts): Grain {
  return costs.year !== undefined ? "year" : costs.month !== undefined ? "month" : "day";
}

/** Adjacent ranges of one grain and sign become one. */
function merged(parts: PeriodPart[]): PeriodPart[] {
  const out: PeriodPart[] = [];
  for (const part of [...parts].sort((a, b) => a.grain.localeCompare(b.grain) || a.sign - b.sign || a.from.localeCompare(b.from))) {
    const previous = out[out.length - 1];
    if (previous && previous.grain === part.grain && previous.sign === part.sign && previous.until === part.from)
      previous.until = part.until;
    else out.push({ ...part });
  }
  return out;
}

/**
 * The parts that read the days [from, to] (inclusive) from the tables of `costs`' grains with the
 * fewest rows (as far as the costs tell); `today` bounds what can hold rows.
 */
export function periodParts(from: string, to: string, today: string, costs: GrainCosts): PeriodPart[] {
  return merged(plan(from, to, coarsest(costs), today, costs).parts);
}

/** A family of roll-up tables: its table and key column per grain. */
export type GrainTables = Partial<Record<Grain, { table: string; key: string }>>;

/**
 * The parts' rows as one UNION ALL: `sign` (1 or -1) and `columns` of each table, its key in the
 * part's range and `where` (an AND … condition or empty), grouped by `groupBy` within each part
 * when given. Sum `sign * column` over it.
 */
export function partsSql(
  parts: readonly PeriodPart[],
  tables: GrainTables,
  columns: string,
  where: Prisma.Sql,
  groupBy?: string,
): Prisma.Sql {
  const grouping = groupBy ? Prisma.raw(`GROUP BY ${groupBy}`) : Prisma.empty;
  const selects = parts.map((part) => {
    const source = tables[part.grain];
    if (!source) throw new Error(`no ${part.grain} table`);
    return Prisma.sql`SELECT ${Prisma.raw(`${part.sign}::int AS sign, ${columns}`)} FROM ${Prisma.raw(source.table)}
      WHERE ${Prisma.raw(source.key)} >= ${part.from}::date AND ${Prisma.raw(source.key)} < ${part.until}::date ${where} ${grouping}`;
  });
  return Prisma.join(selects, " UNION ALL ");
}
