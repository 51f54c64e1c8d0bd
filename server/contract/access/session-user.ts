// The signed-in user, as POST /api/auth/login and GET /api/auth/me return them.
import Type from "typebox";
import { ROLES } from "../enums.js";
import { PERMISSION_NAMES } from "../permissions.js";
import { Nullable, StringEnum, type WireOf } from "../schema.js";

export const SessionUser = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  name: Type.String(),
  email: Nullable(Type.String()),
  roles: Type.Array(StringEnum(ROLES)),
  /** The agency the user belongs to: what supervisors and agents see is its subtree. */
  agency: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
});
export type SessionUser = WireOf<typeof SessionUser>;

/** GET /api/auth/me: the signed-in user and what their roles allow (the console's canAccess reads it). */
export const Me = Type.Object({ ...SessionUser.properties, permissions: Type.Array(StringEnum(PERMISSION_NAMES)) });
export type Me = WireOf<typeof Me>;
