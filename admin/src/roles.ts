// The six console roles, in the order the forms list them.
export const ROLES = ["admin", "supervisor", "agent", "campaign_manager", "campaign_approver", "viewer"] as const;

export type Role = (typeof ROLES)[number];

export const roleChoices = ROLES.map((id) => ({ id, name: `tthc.roles.${id}` }));
