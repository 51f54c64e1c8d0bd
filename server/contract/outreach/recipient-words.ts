// The Vietnamese words for a recipient's status and skip reason, named once: the console's results
// page (admin/src/i18n/vi/campaigns.ts) and the results CSV (server/outreach/campaigns/export.ts)
// must call the same recipients the same thing. Pure: the console imports it.
export const RECIPIENT_STATUS_WORDS = {
  pending: "Chờ gửi",
  sending: "Đang gửi",
  sent: "Đã gửi",
  delivered: "Đã nhận",
  failed: "Lỗi",
  skipped: "Bỏ qua",
} as const;

export const SKIP_REASON_WORDS = {
  duplicate: "Trùng số",
  suppressed: "Đã từ chối nhận tin",
  dnc: "Danh sách không quảng cáo (DNC)",
  no_consent: "Chưa đồng ý nhận tin",
  refused: "Từ chối nhận tin",
  invalid_number: "Số không hợp lệ",
  not_mobile: "Không phải số di động",
  invalid_brandname: "Tên định danh không hợp lệ",
  cancelled: "Chiến dịch đã hủy",
} as const;
