// The message as a citizen of the audience will read it (GET /campaigns/:id/sample-message): the
// approver reads the real text, not the template, before approving.
import { Alert, Box, Chip, Stack, Typography } from "@mui/material";
import { useEffect, useState } from "react";
import { type Identifier, useTranslate } from "react-admin";
import type { SampleMessage as Sample } from "../../../../server/contract/outreach/campaigns";
import { formatNumber } from "../../hotline/calls/format";
import { fetchSampleMessage } from "./api";
import { SmsBubble } from "./SmsBubble";

/** Fetched again whenever `version` changes (the campaign's updatedAt). */
export const SampleMessage = ({ id, version }: { id: Identifier; version: unknown }) => {
  const translate = useTranslate();
  const [sample, setSample] = useState<Sample | null>(null);
  const [error, setError] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` only triggers a new rendering
  useEffect(() => {
    let current = true;
    fetchSampleMessage(id)
      .then((data) => current && setSample(data))
      .catch((e: unknown) => current && setError(e instanceof Error ? e.message : "ra.notification.http_error"));
    return () => {
      current = false;
    };
  }, [id, version]);
  const t = (key: string, options?: object) => translate(`tthc.campaigns.sample.${key}`, options);
  if (error) return <Alert severity="error">{translate(error, { _: error })}</Alert>;
  if (!sample) return null;
  const contact = sample.contact;
  return (
    <Box component="section" aria-label={t("title")} data-testid="campaign-sample" sx={{ mt: 2 }}>
      <Typography variant="caption" color="text.secondary">
        {contact ? t("for", { name: contact.name ?? "—", phone: contact.phone }) : t("nobody")}
      </Typography>
      {sample.zns && (
        <>
          <Typography variant="subtitle2" sx={{ mt: 1 }}>
            {t("zns")}
          </Typography>
          <SmsBubble text={sample.zns.text} testId="campaign-sample-zns" />
          <Typography variant="subtitle2">{t("sms_fallback")}</Typography>
        </>
      )}
      <SmsBubble text={sample.text} testId="campaign-sample-text" />
      <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap", rowGap: 1, mt: 1 }}>
        <Chip size="small" label={`${translate("tthc.campaigns.preview.encoding")}: ${sample.encoding}`} />
        <Chip size="small" label={`${translate("tthc.campaigns.preview.characters")}: ${formatNumber(sample.characters)}`} />
        <Chip size="small" label={`${translate("tthc.campaigns.preview.segments")}: ${formatNumber(sample.segments)}`} />
      </Stack>
      {sample.missing.length > 0 && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          {t("missing", { names: sample.missing.map((name) => `{{${name}}}`).join(", ") })}
        </Alert>
      )}
    </Box>
  );
};
