// The live preview beside a template: encoding, characters and parts as typed and as sent (label and
// opt-out added), the unaccented form, and the cost per 1,000 messages for the chosen sender. It asks
// the server (the same counting the worker uses) a moment after typing stops.
import {
  Alert,
  Box,
  Card,
  CardContent,
  Chip,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { useEffect, useState } from "react";
import { useGetList, useTranslate } from "react-admin";
import type { SmsSender } from "../../../../server/contract/outreach/senders";
import type { SmsPreview } from "../../../../server/contract/outreach/sms-preview";
import { previewSms } from "./api";

const DEBOUNCE_MS = 400;
const DEFAULT_SAMPLE = { ten: "Nguyễn Văn An", xa: "Phường Quy Nhơn" };

interface PreviewPanelProps {
  body: string;
  unaccented: boolean;
  /** Variables of the body; each gets a sample value field. */
  variables: string[];
}

const vnd = (amount: number) => new Intl.NumberFormat("vi-VN").format(amount);

export function useSmsPreview(body: string, unaccented: boolean, senderId: number | undefined, sample: Record<string, string>) {
  const [preview, setPreview] = useState<SmsPreview | null>(null);
  const [error, setError] = useState(false);
  const [loading, setLoading] = useState(false);
  const sampleKey = JSON.stringify(sample);
  useEffect(() => {
    if (!body) {
      setPreview(null);
      setError(false);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      previewSms({ body, unaccented, senderId, sample: JSON.parse(sampleKey) as Record<string, string> }, controller.signal)
        .then((result) => {
          setPreview(result);
          setError(false);
        })
        .catch(() => {
          if (!controller.signal.aborted) setError(true);
        })
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [body, unaccented, senderId, sampleKey]);
  return { preview, error, loading };
}

const Counts = ({
  encoding,
  characters,
  segments,
  perSegment,
}: Pick<SmsPreview, "encoding" | "characters" | "segments" | "perSegment">) => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" alignItems="center">
      <Chip
        size="small"
        color={encoding === "GSM-7" ? "success" : "warning"}
        label={encoding}
        title={translate(`tthc.sms.encodings.${encoding}`)}
      />
      <Chip size="small" variant="outlined" label={translate("tthc.sms.preview.characters", { count: characters })} />
      <Chip size="small" variant="outlined" label={translate("tthc.sms.preview.segments", { smart_count: segments })} />
      <Typography variant="caption" color="text.secondary">
        {translate("tthc.sms.preview.per_segment", { count: perSegment })}
      </Typography>
    </Stack>
  );
};

export const PreviewPanel = ({ body, unaccented, variables }: PreviewPanelProps) => {
  const translate = useTranslate();
  const [senderId, setSenderId] = useState<number | "">("");
  const [sample, setSample] = useState<Record<string, string>>(DEFAULT_SAMPLE);
  const { data: senders } = useGetList<SmsSender>("sms-senders", {
    pagination: { page: 1, perPage: 100 },
    sort: { field: "brandname", order: "ASC" },
    filter: { active: true },
  });
  // Only the variables the body uses are sent, so a missing value shows up as missing.
  const usedSample = Object.fromEntries(variables.map((name) => [name, sample[name] ?? ""]).filter(([, value]) => value !== ""));
  const { preview, error, loading } = useSmsPreview(body, unaccented, senderId === "" ? undefined : senderId, usedSample);

  return (
    <Card variant="outlined" sx={{ minWidth: 320, maxWidth: 480 }}>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate("tthc.sms.preview.title")}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
          {translate("tthc.sms.preview.variables_help")}
        </Typography>
        {variables.length > 0 && (
          <Box sx={{ mb: 2 }}>
            <Typography variant="subtitle2">{translate("tthc.sms.preview.sample")}</Typography>
            <Stack spacing={1} sx={{ mt: 1 }}>
              {variables.map((name) => (
                <TextField
                  key={name}
                  size="small"
                  label={`{{${name}}}`}
                  value={sample[name] ?? ""}
                  onChange={(event) => setSample((current) => ({ ...current, [name]: event.target.value }))}
                />
              ))}
            </Stack>
          </Box>
        )}
        <FormControl size="small" fullWidth sx={{ mb: 2 }}>
          <InputLabel id="sms-preview-sender">{translate("tthc.sms.preview.sender")}</InputLabel>
          <Select
            labelId="sms-preview-sender"
            label={translate("tthc.sms.preview.sender")}
            value={senderId}
            onChange={(event) => setSenderId(String(event.target.value) === "" ? "" : Number(event.target.value))}
          >
            <MenuItem value="">—</MenuItem>
            {(senders ?? []).map((sender) => (
              <MenuItem key={sender.id} value={sender.id}>
                {sender.brandname} ({vnd(sender.pricePerSegment)} đ)
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        {!body && <Typography color="text.secondary">{translate("tthc.sms.preview.empty")}</Typography>}
        {error && <Alert severity="error">{translate("tthc.sms.preview.error")}</Alert>}
        {body && preview && (
          <Stack spacing={1.5} aria-busy={loading}>
            <Typography variant="subtitle2">{translate("tthc.sms.preview.as_typed")}</Typography>
            <Counts {...preview} />
            {preview.nonGsmCharacters.length > 0 && (
              <Typography variant="caption" color="text.secondary">
                {translate("tthc.sms.preview.non_gsm", { chars: preview.nonGsmCharacters.slice(0, 20).join(" ") })}
              </Typography>
            )}
            <Typography variant="subtitle2">{translate("tthc.sms.preview.as_sent")}</Typography>
            <Counts {...preview.composed} />
            <Box
              sx={{ p: 1.5, bgcolor: "action.hover", borderRadius: 1, whiteSpace: "pre-wrap", wordBreak: "break-word" }}
              data-testid="sms-composed"
            >
              {preview.composed.text}
            </Box>
            {preview.composed.missing.length > 0 && (
              <Alert severity="warning">{translate("tthc.sms.preview.missing", { names: preview.composed.missing.join(", ") })}</Alert>
            )}
            {preview.cost ? (
              <Typography>{translate("tthc.sms.preview.cost_per_1000", { amount: vnd(preview.cost.per1000) })}</Typography>
            ) : (
              <Typography variant="caption" color="text.secondary">
                {translate("tthc.sms.preview.no_sender")}
              </Typography>
            )}
            {!unaccented && preview.unaccented !== body && (
              <>
                <Typography variant="subtitle2">{translate("tthc.sms.preview.unaccented_text")}</Typography>
                <Typography variant="body2" sx={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
                  {preview.unaccented}
                </Typography>
              </>
            )}
          </Stack>
        )}
        {body && !preview && !error && <Typography color="text.secondary">{translate("tthc.sms.preview.loading")}</Typography>}
      </CardContent>
    </Card>
  );
};
