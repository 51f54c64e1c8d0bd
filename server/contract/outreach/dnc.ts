// /api/dnc: the national Do-Not-Call list's size and last import, a new import, a number check.
import Type from "typebox";
import { Nullable, type WireOf } from "../schema.js";

export const LastImport = Type.Object({
  at: Type.String(),
  byId: Nullable(Type.Integer()),
  byName: Nullable(Type.String()),
  fileName: Type.String(),
  imported: Type.Integer(),
  rejected: Type.Integer(),
});

export const DncStatus = Type.Object({ id: Type.String(), count: Type.Integer(), lastImport: Nullable(LastImport) });
export type DncStatus = WireOf<typeof DncStatus>;

/** Whether one number is on the list, or on our own opt-out list. */
export const DncCheck = Type.Object({ phone: Type.String(), onDnc: Type.Boolean(), suppressed: Type.Boolean() });
export type DncCheck = WireOf<typeof DncCheck>;
