// One SmsProvider per registered sender (brandname): the sender row says which vendor sends for it
// and with which non-secret settings; secrets come from the configuration. Built once per process,
// through the provider catalogue (server/messaging/registry.ts).
import type { Config } from "../../config.js";
import type { SmsSender } from "../../generated/prisma/client.js";
import type { SmsProvider } from "../../messaging/provider.js";
import { createSenderProvider, type SmsProviderDeps } from "../../messaging/registry.js";

export type SenderProviders = (
  sender: Pick<SmsSender, "id" | "provider" | "brandname" | "settings"> & { secrets?: string | null },
) => SmsProvider;

export function senderProviders(config: Config, deps: SmsProviderDeps & { overrides?: Record<string, SmsProvider> }): SenderProviders {
  const cache = new Map<number, SmsProvider>();
  return (sender) => {
    const cached = cache.get(sender.id);
    if (cached) return cached;
    const provider = deps.overrides?.[sender.provider] ?? createSenderProvider(config, deps, sender);
    cache.set(sender.id, provider);
    return provider;
  };
}
