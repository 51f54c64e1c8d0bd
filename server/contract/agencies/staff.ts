// Staff on duty (/api/staff): who the hotline rings for each agency, never emails or passwords.
import Type from "typebox";
import { ROLES } from "../enums.js";
import { Nullable, StringEnum, type WireOf } from "../schema.js";

export const Staff = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  agencyId: Type.Integer(),
  phone: Nullable(Type.String()),
  clientIdentity: Nullable(Type.String()),
  onDuty: Type.Boolean(),
  roles: Type.Array(StringEnum(ROLES)),
});
export type Staff = WireOf<typeof Staff>;
