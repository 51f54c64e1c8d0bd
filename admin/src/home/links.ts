// Where a home card leads: a list with exactly the filter the card counted with, its filters shown, so
// the number on the card is the number of rows the link opens.
import { vietnamDay } from "../hotline/calls/format";

type Filter = Record<string, unknown>;

/** react-admin reads `filter` and `displayedFilters` from the query string. */
export function listPath(resource: string, filter: Filter, sort: { field: string; order: "ASC" | "DESC" }): string {
  const shown = Object.fromEntries(Object.keys(filter).map((key) => [key, true]));
  const query = new URLSearchParams({
    filter: JSON.stringify(filter),
    displayedFilters: JSON.stringify(shown),
    sort: sort.field,
    order: sort.order,
    page: "1",
    perPage: "25",
  });
  return `/${resource}?${query.toString()}`;
}

/** Today's calls (Vietnam time), simulated ones (training, demos) apart from real ones. */
export const todaysCalls = (simulated: boolean, more: Filter = {}): Filter => ({
  from: vietnamDay(),
  to: vietnamDay(),
  simulated,
  ...more,
});

/** Real calls of the last seven days whose caller answered "Không hài lòng". */
export const dissatisfiedCalls = (): Filter => ({ from: vietnamDay(-6), to: vietnamDay(), simulated: false, satisfaction: [3] });

export const CALLS_SORT = { field: "startedAt", order: "DESC" } as const;
export const CALLBACKS_SORT = { field: "dueAt", order: "ASC" } as const;
export const CAMPAIGNS_SORT = { field: "updatedAt", order: "DESC" } as const;
