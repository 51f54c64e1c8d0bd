// What supervisors and agents may change beyond reading, mirroring the server: supervisors edit
// routing and hours of their subtree and its overrides; staff work callback requests.
import { isAdmin, type Role } from "../../roles";

const SCOPED_WRITES: Record<string, { roles: Role[]; actions: string[] }> = {
  agencies: { roles: ["supervisor"], actions: ["edit"] },
  "hours-overrides": { roles: ["supervisor"], actions: ["create", "edit", "delete"] },
  "callback-requests": { roles: ["supervisor", "agent"], actions: ["edit"] },
};

export function canWriteScoped(roles: readonly Role[], resource: string | undefined, action: string): boolean {
  const rule = resource ? SCOPED_WRITES[resource] : undefined;
  return !!rule && rule.actions.includes(action) && roles.some((role) => rule.roles.includes(role));
}

/** Staff lists and callback requests are for those who take calls. */
export function handlesCalls(permissions: unknown): boolean {
  return isAdmin(permissions) || (Array.isArray(permissions) && (permissions.includes("supervisor") || permissions.includes("agent")));
}
