// The channel a campaign is created or edited with. 'zns_sms_fallback' needs an active ZNS template
// registered for the campaign's own sender (the template belongs to that eSMS account's Zalo OA), a
// sender whose gateway carries ZNS, and a mapping that names only the template's parameters with
// sources of the right shape. Each refusal names the field the console shows it under.
import { ZNS_PROVIDER_NAMES } from "../../contract/sms-providers.js";
import type { Db } from "../../platform/db/client.js";
import { invalidField } from "../../platform/http/errors.js";
import { znsParams } from "../zns/fill.js";

export interface ZnsChoice {
  channel: string;
  znsTemplateId: number | null;
  znsParams: Record<string, string>;
}

interface Chosen {
  senderId: number;
  channel?: string;
  znsTemplateId?: number | null;
  znsParams?: Record<string, string>;
}

export async function checkZnsChoice(db: Db, body: Chosen, provider: string): Promise<ZnsChoice> {
  const channel = body.channel ?? "sms";
  // An SMS campaign keeps no template: a later switch back to ZNS chooses again.
  if (channel === "sms") return { channel, znsTemplateId: null, znsParams: {} };
  if (!(ZNS_PROVIDER_NAMES as readonly string[]).includes(provider)) {
    throw invalidField("senderId", "invalid", "senderId: this sender's gateway cannot send Zalo ZNS");
  }
  if (!body.znsTemplateId) throw invalidField("znsTemplateId", "required", "znsTemplateId: a Zalo ZNS campaign needs a ZNS template");
  const template = await db.znsTemplate.findUnique({ where: { id: body.znsTemplateId } });
  if (!template) throw invalidField("znsTemplateId", "not_found", "znsTemplateId: no such ZNS template");
  if (!template.active) throw invalidField("znsTemplateId", "invalid", "znsTemplateId: this ZNS template is no longer active");
  if (template.senderId !== body.senderId) {
    throw invalidField("znsTemplateId", "invalid", "znsTemplateId: the template belongs to another sender's Zalo OA");
  }
  const names = new Set(znsParams(template.params).map((p) => p.name));
  const mapping: Record<string, string> = {};
  for (const [name, source] of Object.entries(body.znsParams ?? {})) {
    if (!names.has(name)) throw invalidField("znsParams", "invalid", `znsParams: the template has no parameter ${name}`);
    const s = source.trim();
    // Empty: the template's own source. A variable is a bare name; a fixed value starts with const:.
    if (s === "") continue;
    if (!s.startsWith("const:") && !/^[\p{L}\p{N}_]{1,64}$/u.test(s)) {
      throw invalidField("znsParams", "invalid", `znsParams: ${name} must be a contact field or const:<text>`);
    }
    mapping[name] = s;
  }
  return { channel, znsTemplateId: template.id, znsParams: mapping };
}
