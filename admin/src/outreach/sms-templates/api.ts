import { API_URL, httpClient } from "../../dataProvider";

export type SmsEncoding = "GSM-7" | "UCS-2";

export interface SmsPreview {
  encoding: SmsEncoding;
  characters: number;
  segments: number;
  perSegment: number;
  unaccented: string;
  nonGsmCharacters: string[];
  composed: { text: string; encoding: SmsEncoding; characters: number; segments: number; perSegment: number; missing: string[] };
  cost?: { pricePerSegment: number; currency: "VND"; perMessage: number; per1000: number };
}

export interface SmsPreviewRequest {
  body: string;
  unaccented?: boolean;
  senderId?: number;
  sample?: Record<string, string>;
}

/** POST /api/sms/preview: counts the body and the composed message, with the cost for a sender. */
export async function previewSms(request: SmsPreviewRequest, signal?: AbortSignal): Promise<SmsPreview> {
  const { json } = await httpClient(`${API_URL}/sms/preview`, { method: "POST", body: JSON.stringify(request), signal });
  return json as SmsPreview;
}
