// Records as the API returns them (see the contract in server/).
import type { Role } from "./roles";

export const AGENCY_KINDS = ["province", "department", "commune", "ward", "unit"] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export interface AgencyRef {
  id: number;
  code: string;
  name: string;
}

export interface Agency extends AgencyRef {
  kind: AgencyKind;
  parentId: number | null;
  phone: string | null;
  active: boolean;
  childCount: number;
  createdAt: string;
  updatedAt: string;
  /** Only on GET one: the parent chain, root first, without the agency itself. */
  ancestors?: AgencyRef[];
}

export interface User {
  id: number;
  username: string;
  email: string | null;
  name: string;
  roles: Role[];
  agencyId: number;
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AuditLog {
  id: number;
  actorId: number | null;
  actorName: string | null;
  action: string;
  resource: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  createdAt: string;
}
