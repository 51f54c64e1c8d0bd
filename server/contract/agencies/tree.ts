// The agency tree (/api/agencies): an agency with how calls reach it.
import Type from "typebox";
import { AGENCY_KINDS, RING_STRATEGIES } from "../enums.js";
import { DateTime, Nullable, StringEnum, type WireOf } from "../schema.js";
import { WeeklyHours } from "./hours.js";

export const AgencyRef = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });
export type AgencyRef = WireOf<typeof AgencyRef>;

export const Agency = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: StringEnum(AGENCY_KINDS),
  parentId: Nullable(Type.Integer()),
  phone: Nullable(Type.String()),
  active: Type.Boolean(),
  // How calls reach it: the digits a caller dials in the IVR, how its staff are rung, where calls go
  // when nobody answers, and its opening hours.
  dialCode: Nullable(Type.String()),
  ringStrategy: StringEnum(RING_STRATEGIES),
  ringTimeoutSeconds: Type.Integer(),
  fallbackId: Nullable(Type.Integer()),
  /** Null inherits the parent's hours. */
  weeklyHours: Nullable(WeeklyHours),
  observeHolidays: Type.Boolean(),
  wrapUpSeconds: Type.Integer(),
  queueMaxWaitSeconds: Type.Integer(),
  queueMaxLength: Type.Integer(),
  queueWhenNoneAvailable: Type.Boolean(),
  holdMusicUrl: Nullable(Type.String()),
  childCount: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type Agency = WireOf<typeof Agency>;

/**
 * GET one: with the parent chain, root first, without the agency itself, and the fallback's name.
 * Both are named even when outside the reader's subtree (a supervisor's own agency has its parent
 * and often its fallback there): their names and codes, nothing else of them.
 */
export const AgencyDetail = Type.Intersect([Agency, Type.Object({ ancestors: Type.Array(AgencyRef), fallback: Nullable(AgencyRef) })]);
export type AgencyDetail = WireOf<typeof AgencyDetail>;
