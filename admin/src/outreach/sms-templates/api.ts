import type { SmsPreview, SmsPreviewRequest } from "../../../../server/contract/outreach/sms-preview";
import { API_URL, httpClient } from "../../dataProvider";

/** POST /api/sms/preview: counts the body and the composed message, with the cost for a sender. */
export async function previewSms(request: SmsPreviewRequest, signal?: AbortSignal): Promise<SmsPreview> {
  const { json } = await httpClient(`${API_URL}/sms/preview`, { method: "POST", body: JSON.stringify(request), signal });
  return json as SmsPreview;
}
