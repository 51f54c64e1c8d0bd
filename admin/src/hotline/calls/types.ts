// Call records as /api/calls returns them (server/hotline/call-log/routes.ts).
export const TERMINATIONS = [
  "hung_up_in_ivr",
  "abandoned_ringing",
  "answered",
  "no_one_on_duty",
  "after_hours_voicemail",
  "voicemail",
  "failed",
] as const;

export const NOTE_CATEGORIES = [
  "ho_tich",
  "cu_tru",
  "dat_dai",
  "xay_dung",
  "dau_tu_kinh_doanh",
  "lao_dong_chinh_sach",
  "dich_vu_cong_truc_tuyen",
  "khac",
] as const;

export interface CallSummary {
  id: number;
  callSid: string;
  caller: string;
  hotline: string;
  simulated: boolean;
  status: string;
  topic: string | null;
  agencyId: number | null;
  agencyName: string | null;
  staffId: number | null;
  staffName: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  ivrSeconds: number | null;
  ringSeconds: number | null;
  talkSeconds: number | null;
  termination: string | null;
  satisfaction: number | null;
  resolved: number | null;
  recordingCount: number;
}

export interface TimelineItem {
  at: string;
  event: string;
  type: string;
  params: Record<string, string | number | boolean | null>;
  text: string;
}

export interface CallNote {
  id: number;
  callId: number;
  category: string;
  summary: string;
  authorId: number;
  authorName: string;
  createdAt: string;
}

export interface CallDetail extends CallSummary {
  flowVersion: number | null;
  ringStartedAt: string | null;
  bridgeEndedAt: string | null;
  canAddNote: boolean;
  timeline: TimelineItem[];
  recordings: {
    id: number;
    kind: string;
    status: string;
    durationSeconds: number | null;
    channels: number | null;
    deleted: boolean;
    createdAt: string;
  }[];
  surveyAnswers: { question: string; value: number; channel: string; createdAt: string }[];
  notes: CallNote[];
  callback: { id: number; status: string; dueAt: string; agencyId: number; agencyName: string; attempts: number } | null;
}

export const terminationChoices = TERMINATIONS.map((id) => ({ id, name: `tthc.calls.terminations.${id}` }));
export const satisfactionChoices = [1, 2, 3].map((id) => ({ id, name: `tthc.calls.satisfaction.${id}` }));
export const categoryChoices = NOTE_CATEGORIES.map((id) => ({ id, name: `tthc.calls.note_categories.${id}` }));
