import { Alert, Card, CardContent, Chip, LinearProgress, Stack, Typography } from "@mui/material";
import { useEffect, useState } from "react";
import { useTranslate } from "react-admin";
import { useWatch } from "react-hook-form";
import type { SmsPreview } from "../../../../server/contract/outreach/sms-preview";
import { formatNumber } from "../../hotline/calls/format";
import { previewSms } from "../sms-templates/api";
import { formatVnd } from "./format";
import { SmsBubble } from "./SmsBubble";

/** Live preview of the message as recipients get it, from POST /api/sms/preview (debounced). */
export const MessagePreview = () => {
  const translate = useTranslate();
  const body: unknown = useWatch({ name: "body" });
  const unaccented: unknown = useWatch({ name: "unaccented" });
  const senderId: unknown = useWatch({ name: "senderId" });
  const [preview, setPreview] = useState<SmsPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const text = typeof body === "string" ? body : "";

  useEffect(() => {
    if (!text.trim()) {
      setPreview(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      previewSms({ body: text, unaccented: unaccented === true, ...(typeof senderId === "number" ? { senderId } : {}) }, controller.signal)
        .then((data) => {
          setPreview(data);
          setError(null);
        })
        .catch((e: unknown) => {
          if (!controller.signal.aborted) setError(e instanceof Error ? e.message : "ra.notification.http_error");
        })
        .finally(() => !controller.signal.aborted && setLoading(false));
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, unaccented, senderId]);

  const t = (key: string) => translate(`tthc.campaigns.preview.${key}`);
  const composed = preview?.composed;
  return (
    <Card variant="outlined" component="section" aria-label={t("title")} data-testid="sms-preview" sx={{ mt: 1 }}>
      <CardContent>
        <Typography variant="subtitle1" component="h3">
          {t("title")}
        </Typography>
        {loading && <LinearProgress />}
        {error && <Alert severity="error">{translate(error, { _: error })}</Alert>}
        {!composed ? (
          <Typography color="text.secondary">{t("empty")}</Typography>
        ) : (
          <>
            <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap", rowGap: 1, my: 1 }}>
              <Chip size="small" label={`${t("encoding")}: ${composed.encoding}`} data-testid="sms-preview-encoding" />
              <Chip size="small" label={`${t("characters")}: ${formatNumber(composed.characters)}`} />
              <Chip size="small" label={`${t("segments")}: ${formatNumber(composed.segments)}`} data-testid="sms-preview-segments" />
              {preview.cost && <Chip size="small" label={`${t("cost")}: ${formatVnd(preview.cost.perMessage)}`} />}
            </Stack>
            {composed.encoding.toUpperCase().startsWith("UCS") && <Alert severity="warning">{t("unicode_warning")}</Alert>}
            <Typography variant="caption" color="text.secondary">
              {t("composed")}
            </Typography>
            <SmsBubble text={composed.text} testId="sms-preview-text" />
          </>
        )}
      </CardContent>
    </Card>
  );
};
