// The wait figures from a histogram equal those over the calls one by one: percentile_cont(0.9)'s
// interpolation, the mean, the calls within the service level; and merged histograms add up.
import { describe, expect, it } from "vitest";
import { agencyHistograms, mergedHistogram, waitFigures } from "../../../../server/hotline/reports/wait-histogram.js";

/** percentile_cont(0.9) over the values themselves, as PostgreSQL defines it. */
function percentileCont(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = 0.9 * (sorted.length - 1);
  const low = sorted[Math.floor(pos)] as number;
  const high = sorted[Math.ceil(pos)] as number;
  return low + (pos - Math.floor(pos)) * (high - low);
}

function histogramOf(values: number[]) {
  return mergedHistogram(values.map((wait) => ({ waits: [wait], counts: [1] })));
}

describe("waitFigures", () => {
  it("gives the p90, mean and calls in time of the calls the histogram counts", () => {
    let seed = 11;
    for (let i = 1; i < 200; i++) {
      const values = Array.from({ length: i }, () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return (seed % 40) * (seed % 3 === 0 ? 1.5 : 1);
      });
      const figures = waitFigures(histogramOf(values), 20);
      expect(figures.p90WaitSeconds).toBe(percentileCont(values));
      expect(figures.averageWaitSeconds).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
      expect(figures.answeredInTime).toBe(values.filter((v) => v <= 20).length);
    }
  });

  it("has no mean nor p90 without calls; merging adds the counts of equal waits", () => {
    expect(waitFigures({ waits: [], counts: [] }, 20)).toEqual({ averageWaitSeconds: null, p90WaitSeconds: null, answeredInTime: 0 });
    expect(
      mergedHistogram([
        { waits: [3, 7.5], counts: [2, 1] },
        { waits: [0, 7.5], counts: [4, 5] },
      ]),
    ).toEqual({ waits: [0, 3, 7.5], counts: [4, 2, 6] });
  });

  it("adds the signed parts up per agency, in wait order, leaving out waits that come to no call", () => {
    const histograms = agencyHistograms([
      { sign: 1, agency_key: 5, waits: [12, 3, 7.5], counts: [1, 2, 4] },
      { sign: -1, agency_key: 5, waits: [7.5, 12], counts: [1, 1] },
      { sign: 1, agency_key: 0, waits: [4], counts: [1] },
      { sign: -1, agency_key: 0, waits: [4], counts: [1] },
    ]);
    expect([...histograms.entries()]).toEqual([[5, { waits: [3, 7.5], counts: [2, 3] }]]);
  });
});
