// The staff desk's actions on a live call (/api/desk/calls/:id/…): pass it on to another agency,
// end one's own leg. Shared by the server's routes and the console's transfer dialog.
import Type from "typebox";
import { DateTime, Nullable, StringEnum, type WireOf } from "../schema.js";

export const TRANSFER_MODES = ["cold", "warm"] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

/** Longest reason a staff member may give for a transfer. */
export const TRANSFER_REASON_MAX = 500;

export const TransferRequest = Type.Object(
  {
    agencyId: Type.Integer({ minimum: 1 }),
    reason: Type.String({ minLength: 1, maxLength: TRANSFER_REASON_MAX }),
    mode: StringEnum(TRANSFER_MODES),
  },
  { additionalProperties: false },
);
export type TransferRequest = WireOf<typeof TransferRequest>;

export const CALL_LEG_ROLES = ["answer", "consult", "listen"] as const;

/** One staff member's part in a call, as the call view shows it. */
export const CallLegView = Type.Object({
  id: Type.Integer(),
  role: StringEnum(CALL_LEG_ROLES),
  staffId: Nullable(Type.Integer()),
  staffName: Nullable(Type.String()),
  agencyId: Nullable(Type.Integer()),
  agencyName: Nullable(Type.String()),
  rungAt: Nullable(DateTime),
  answeredAt: Nullable(DateTime),
  endedAt: Nullable(DateTime),
  fromLegId: Nullable(Type.Integer()),
  transfer: Nullable(StringEnum(TRANSFER_MODES)),
  reason: Nullable(Type.String()),
});
export type CallLegView = WireOf<typeof CallLegView>;

/** What a desk action answers: the leg it opened or ended. */
export const DeskActionResult = Type.Object({ callId: Type.Integer(), legId: Type.Integer(), status: Type.String() });
export type DeskActionResult = WireOf<typeof DeskActionResult>;
