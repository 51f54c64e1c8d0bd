// Values the server writes today; unknown ones still display, untranslated.
export const AUDIT_ACTIONS = ["login", "login_failed", "logout", "create", "update", "delete", "password_reset"];
export const AUDIT_RESOURCES = ["agencies", "users", "auth"];

export const actionChoices = AUDIT_ACTIONS.map((id) => ({ id, name: `tthc.actions.${id}` }));
export const resourceChoices = AUDIT_RESOURCES.map((id) => ({ id, name: `tthc.audit_resources.${id}` }));
