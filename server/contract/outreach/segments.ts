// Segments (/api/segments): saved filters over the contacts.
import Type from "typebox";
import type { WireOf } from "../schema.js";

/** How many contacts a segment's filter selects. */
export const SegmentCount = Type.Object({ count: Type.Integer() });
export type SegmentCount = WireOf<typeof SegmentCount>;
