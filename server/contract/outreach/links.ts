// A campaign's tracked links and what they led to (/api/campaigns/:id/links): requests to its short
// links counted as clicks, or apart as repeats, bots and link previews, and the clicks over time beside
// the deliveries. Counted per campaign only: no person is behind any number here.
import Type from "typebox";
import type { WireOf } from "../schema.js";

export const LinkTotals = Type.Object({
  /** Requests that count: the first from an address and browser within the dedupe window. */
  clicks: Type.Integer(),
  /** The same address and browser again within the window. */
  repeats: Type.Integer(),
  /** Known robots, link previews, scripts and requests without a browser name. */
  bots: Type.Integer(),
  /** HEAD requests (a preview checking the link). */
  heads: Type.Integer(),
});

export const LinkStats = Type.Object({
  /** Whether recipients get their own codes (TRACKED_LINK_PER_RECIPIENT): then who clicked is known. */
  perRecipient: Type.Boolean(),
  /** Recipients who opened a link with their own code (0 unless perRecipient). */
  recipientsClicked: Type.Integer(),
  totals: LinkTotals,
  delivered: Type.Integer(),
  /** clicks ÷ delivered messages, null before any delivery. */
  clickThrough: Type.Union([Type.Number(), Type.Null()]),
  links: Type.Array(
    Type.Object({ code: Type.String(), shortUrl: Type.String(), url: Type.String(), expiresAt: Type.String(), clicks: Type.Integer() }),
  ),
  /** Hours (or days when the campaign spans more than three), local time "YYYY-MM-DD HH:00". */
  unit: Type.Union([Type.Literal("hour"), Type.Literal("day")]),
  series: Type.Array(Type.Object({ at: Type.String(), clicks: Type.Integer(), delivered: Type.Integer() })),
});
export type LinkStats = WireOf<typeof LinkStats>;
