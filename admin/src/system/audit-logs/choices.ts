// The filters offer every action and resource the console has a name for, so a new kind of audit
// entry becomes filterable as soon as it is translated (the i18n test keeps vi and en in step).
import { enApp } from "../../i18n/en";

export const actionChoices = Object.keys(enApp.tthc.actions).map((id) => ({ id, name: `tthc.actions.${id}` }));
export const resourceChoices = Object.keys(enApp.tthc.audit_resources).map((id) => ({ id, name: `tthc.audit_resources.${id}` }));
