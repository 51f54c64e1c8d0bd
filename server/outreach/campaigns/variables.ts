// A contact's values for a campaign's {{variables}}: its extra attributes, and its name as {{ten}}
// (or {{name}}). The dispatcher fills each message with them, and the console's sample message and
// test send use the same, so what the approver reads is what citizens get.
export function contactVariables(contact: { name: string | null; attributes: unknown }): Record<string, string | null | undefined> {
  const vars: Record<string, string | null | undefined> = {};
  if (contact.attributes && typeof contact.attributes === "object" && !Array.isArray(contact.attributes)) {
    for (const [key, value] of Object.entries(contact.attributes as Record<string, unknown>)) {
      if (typeof value === "string" || typeof value === "number") vars[key] = String(value);
    }
  }
  vars.ten = contact.name;
  vars.name = contact.name;
  return vars;
}
