import { Box, Typography } from "@mui/material";
import { useEffect, useState } from "react";
import { useRecordContext, useTranslate } from "react-admin";
import { API_URL, httpClient } from "../../dataProvider";

type BalanceAnswer = { supported: boolean; balance: number | null; error?: string };

/** The sender's balance at its vendor (eSMS GetBalance), asked when the page opens and after each save. */
export const SenderBalance = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const [data, setData] = useState<BalanceAnswer | null>(null);
  const id = record?.id;
  const version = record?.updatedAt;
  useEffect(() => {
    if (id == null) return;
    let current = true;
    setData(null);
    httpClient(`${API_URL}/sms-senders/${encodeURIComponent(id)}/balance?v=${encodeURIComponent(String(version))}`)
      .then(({ json }) => current && setData(json as BalanceAnswer))
      .catch(() => current && setData({ supported: true, balance: null, error: "http" }));
    return () => {
      current = false;
    };
  }, [id, version]);
  if (!record) return null;
  let text = translate("tthc.sms.senders.balance.loading");
  if (data && !data.supported) text = translate("tthc.sms.senders.balance.unsupported");
  else if (data?.balance != null) text = translate("tthc.sms.senders.balance.amount", { amount: data.balance.toLocaleString("vi-VN") });
  else if (data) text = translate("tthc.sms.senders.balance.error", { code: data.error ?? "?" });
  return (
    <Box component="section" aria-labelledby="sender-balance-title" sx={{ mt: 2, mb: 1 }}>
      <Typography variant="subtitle2" id="sender-balance-title">
        {translate("tthc.sms.senders.balance.title")}
      </Typography>
      <Typography variant="body1" data-testid="sender-balance">
        {text}
      </Typography>
    </Box>
  );
};
