// The wait figures of answered calls from an exact histogram (each distinct wait and how many calls
// waited exactly that long, sorted by wait): the mean, the calls answered within the service level
// and the p90 as PostgreSQL's percentile_cont(0.9) computes it over the calls themselves
// (interpolating between the values at floor and ceil of 0.9 × (n − 1)). Done here rather than in
// SQL: a year's histograms are a few thousand rows, which window functions sorted again per agency.

/** Waits in ascending order, each with the number of calls (> 0) that waited that long. */
export interface WaitHistogram {
  waits: readonly number[];
  counts: readonly number[];
}

export interface WaitFigures {
  averageWaitSeconds: number | null;
  p90WaitSeconds: number | null;
  /** Calls answered within serviceLevelSeconds of waiting. */
  answeredInTime: number;
}

export function waitFigures(histogram: WaitHistogram, serviceLevelSeconds: number): WaitFigures {
  const { waits, counts } = histogram;
  let n = 0;
  let weighted = 0;
  let answeredInTime = 0;
  for (const [i, wait] of waits.entries()) {
    const count = counts[i] ?? 0;
    n += count;
    weighted += count * wait;
    if (wait <= serviceLevelSeconds) answeredInTime += count;
  }
  if (n === 0) return { averageWaitSeconds: null, p90WaitSeconds: null, answeredInTime };
  const pos = 0.9 * (n - 1);
  const low = valueAt(histogram, Math.floor(pos));
  const high = valueAt(histogram, Math.ceil(pos));
  return { averageWaitSeconds: weighted / n, p90WaitSeconds: low + (pos - Math.floor(pos)) * (high - low), answeredInTime };
}

/** The wait of the call at 0-based `index` in wait order. */
function valueAt({ waits, counts }: WaitHistogram, index: number): number {
  let before = 0;
  for (const [i, wait] of waits.entries()) {
    before += counts[i] ?? 0;
    if (index < before) return wait;
  }
  throw new RangeError(`no call at ${index}`);
}

/** Several histograms as one (the province's total from the agencies'). */
export function mergedHistogram(histograms: readonly WaitHistogram[]): WaitHistogram {
  const counts = new Map<number, number>();
  for (const histogram of histograms) {
    for (const [i, wait] of histogram.waits.entries()) counts.set(wait, (counts.get(wait) ?? 0) + (histogram.counts[i] ?? 0));
  }
  const waits = [...counts.keys()].sort((a, b) => a - b);
  return { waits, counts: waits.map((wait) => counts.get(wait) ?? 0) };
}

/** Histogram rows of one signed part of the roll-ups (period-parts.ts) for one agency, in any order. */
export interface SignedHistogramRows {
  sign: number;
  agency_key: number;
  waits: readonly number[];
  counts: readonly number[];
}

/**
 * Each agency's histogram over the period: the parts' counts added with their signs, waits that
 * come to no call left out, in wait order.
 */
export function agencyHistograms(parts: readonly SignedHistogramRows[]): Map<number, WaitHistogram> {
  const counted = new Map<number, Map<number, number>>();
  for (const part of parts) {
    const agency = counted.get(part.agency_key) ?? new Map<number, number>();
    counted.set(part.agency_key, agency);
    for (const [i, wait] of part.waits.entries()) agency.set(wait, (agency.get(wait) ?? 0) + part.sign * (part.counts[i] ?? 0));
  }
  const histograms = new Map<number, WaitHistogram>();
  for (const [agencyKey, counts] of counted) {
    const waits = [...counts.keys()].filter((wait) => (counts.get(wait) ?? 0) > 0).sort((a, b) => a - b);
    if (waits.length > 0) histograms.set(agencyKey, { waits, counts: waits.map((wait) => counts.get(wait) ?? 0) });
  }
  return histograms;
}
