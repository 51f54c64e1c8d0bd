// The six console roles, in the order the forms list them.
export const ROLES = ["admin", "supervisor", "agent", "campaign_manager", "campaign_approver", "viewer"] as const;

export type Role = (typeof ROLES)[number];

export const roleChoices = ROLES.map((id) => ({ id, name: `tthc.roles.${id}` }));

export function isAdmin(permissions: unknown): boolean {
  return Array.isArray(permissions) && permissions.includes("admin");
}

/** Resources only administrators may see at all. */
export const ADMIN_ONLY_RESOURCES: readonly string[] = ["users", "audit-logs"];

/** Actions everyone signed in may perform on the resources they can see. */
export const READ_ACTIONS: readonly string[] = ["list", "show", "export"];
