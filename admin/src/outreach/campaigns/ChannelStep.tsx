// The channel step of the wizard: SMS only, or a Zalo ZNS first with the SMS for numbers Zalo cannot
// reach. For ZNS: the template (active ones of the chosen sender's OA), where each parameter's value
// comes from (empty: the template's own source), and the template filled with the samples.
import { Box, Paper, Typography } from "@mui/material";
import { RadioButtonGroupInput, required, SelectInput, TextInput, useGetList, useTranslate } from "react-admin";
import { useWatch } from "react-hook-form";
import type { ZnsTemplate } from "../../../../server/contract/outreach/zns-templates";
import { fillPreview } from "../zns-templates/preview";

const CHANNELS = [
  { id: "sms", name: "tthc.campaigns.channel.sms" },
  { id: "zns_sms_fallback", name: "tthc.campaigns.channel.zns_sms_fallback" },
];

/** Each parameter's preview value: a fixed value as typed, else the template's sample. */
function previewValues(template: ZnsTemplate, mapping: Record<string, string | undefined>) {
  return Object.fromEntries(
    template.params.map((p) => {
      const source = mapping[p.name] || p.source;
      return [p.name, source.startsWith("const:") ? source.slice("const:".length) : p.sample];
    }),
  );
}

export const ChannelStep = () => {
  const translate = useTranslate();
  const channel: string = useWatch({ name: "channel" }) ?? "sms";
  const senderId: number | undefined = useWatch({ name: "senderId" });
  const templateId: number | null = useWatch({ name: "znsTemplateId" }) ?? null;
  const mapping: Record<string, string | undefined> = useWatch({ name: "znsParams" }) ?? {};
  const { data: templates = [] } = useGetList<ZnsTemplate>("zns-templates", {
    pagination: { page: 1, perPage: 100 },
    sort: { field: "name", order: "ASC" },
    filter: { active: true },
  });
  const offered = templates.filter((t) => senderId === undefined || t.senderId === senderId);
  const template = templates.find((t) => t.id === templateId);
  return (
    <>
      <RadioButtonGroupInput source="channel" choices={CHANNELS} row={false} />
      {channel === "zns_sms_fallback" && (
        <>
          <SelectInput
            source="znsTemplateId"
            label="tthc.campaigns.zns.template"
            choices={offered}
            validate={required()}
            helperText="tthc.campaigns.zns.template_help"
            fullWidth
          />
          {template?.params.map((p) => (
            <TextInput
              key={p.name}
              source={`znsParams.${p.name}`}
              label={translate("tthc.campaigns.zns.param", { name: p.name })}
              helperText={translate("tthc.campaigns.zns.param_help", { source: p.source })}
              fullWidth
            />
          ))}
          {template && (
            <Paper variant="outlined" sx={{ p: 2, mt: 1 }} data-testid="campaign-zns-preview">
              <Typography variant="subtitle2" gutterBottom>
                {translate("tthc.campaigns.zns.preview")}
              </Typography>
              <Typography sx={{ whiteSpace: "pre-wrap" }}>{fillPreview(template.preview, previewValues(template, mapping))}</Typography>
            </Paper>
          )}
          <Box sx={{ mt: 1 }}>
            <Typography variant="body2" color="text.secondary">
              {translate("tthc.campaigns.zns.fallback_help")}
            </Typography>
          </Box>
        </>
      )}
    </>
  );
};
