// The signed-in user's roles, for the few controls whose rule depends on the record as well as on a
// permission (the server decides record by record: a colleague's duty, a province-wide override).
import { useGetIdentity } from "react-admin";
import type { Role } from "../roles";

export function useRoles(): { id: number | undefined; roles: readonly Role[]; scoped: boolean } {
  const { identity } = useGetIdentity();
  const roles = (identity?.roles ?? []) as Role[];
  // As server/agencies/scope.ts isScoped: supervisors and agents see only their agency's subtree.
  const scoped = !roles.includes("admin") && (roles.includes("supervisor") || roles.includes("agent"));
  return { id: identity?.id as number | undefined, roles, scoped };
}
