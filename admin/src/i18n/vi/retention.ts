// Tiếng Việt của trang thời hạn lưu trữ (admin/src/system/retention); cùng khóa với en/retention.ts.
import type { enRetention } from "../en/retention";

export const viRetention: typeof enRetention = {
  tthc: {
    retention: {
      title: "Thời hạn lưu trữ",
      intro:
        "Dữ liệu cá nhân chỉ được lưu trong thời gian cần thiết (Luật 91/2025, Nghị định 356/2025). Mỗi đêm, các bản ghi quá thời hạn sẽ bị xoá; bên cạnh mỗi thời hạn là số bản ghi lần chạy tới sẽ xoá theo các thời hạn đã lưu.",
      saved: "Đã lưu thời hạn lưu trữ",
      next_run: "lần chạy tới sẽ xoá %{smart_count} bản ghi |||| lần chạy tới sẽ xoá %{smart_count} bản ghi",
      not_enforced: "chưa áp dụng",
      help: {
        recordings: "Ghi âm cuộc gọi, xoá cả trên Twilio (không dài hơn cuộc gọi)",
        voicemails: "Thư thoại, xoá cả trên Twilio (không dài hơn cuộc gọi)",
        notes: "Ghi chú của cán bộ về cuộc gọi (không dài hơn cuộc gọi)",
        surveyAnswers: "Câu trả lời khảo sát hài lòng (không dài hơn cuộc gọi; báo cáo giữ số liệu tổng hợp)",
        callbackRequests: "Yêu cầu gọi lại đã xử lý (yêu cầu đang mở được giữ lại)",
        smsMessages: "Mọi tin nhắn đã gửi, kèm số điện thoại và nội dung",
        campaignRecipients: "Người nhận của chiến dịch, tính từ khi chiến dịch kết thúc",
        contactsWithoutConsent: "Liên hệ chưa đồng ý nhận tin, trừ khi đang trong chiến dịch đang gửi",
        calls: "Nhật ký cuộc gọi; báo cáo vẫn giữ số liệu tổng hợp sau đó",
        auditEntries: "Nhật ký hoạt động (ít nhất một năm: trách nhiệm giải trình)",
        exports: "Tệp xuất dữ liệu theo yêu cầu của chủ thể dữ liệu (tối đa 30 ngày)",
      },
    },
  },
  resources: {
    retention: {
      name: "Thời hạn lưu trữ |||| Thời hạn lưu trữ",
      fields: {
        recordingDays: "Ghi âm (ngày)",
        voicemailDays: "Thư thoại (ngày)",
        noteDays: "Ghi chú cuộc gọi (ngày)",
        surveyAnswerDays: "Câu trả lời khảo sát (ngày)",
        callbackRequestDays: "Yêu cầu gọi lại (ngày)",
        smsMessageDays: "Tin nhắn SMS (ngày)",
        campaignRecipientDays: "Người nhận chiến dịch (ngày sau khi chiến dịch kết thúc)",
        contactWithoutConsentDays: "Liên hệ chưa đồng ý (ngày)",
        callDays: "Cuộc gọi (ngày)",
        auditEntryDays: "Nhật ký hoạt động (ngày)",
        exportDays: "Tệp xuất dữ liệu (ngày)",
      },
    },
  },
};
