// Vietnamese messages of the shared form pieces: confirmations, date and time inputs, list cards.
import type { enForms } from "../en/forms";

export const viForms: typeof enForms = {
  tthc: {
    forms: {
      from_day: "Từ ngày",
      to_day: "Đến ngày",
      hide_logins: "Ẩn đăng nhập",
      date_format: "Nhập ngày dạng ngày/tháng/năm, ví dụ 30/04/2026",
      time_format: "Nhập giờ dạng 24 giờ, ví dụ 07:30 hoặc 17:00",
      time_format_end: "Nhập giờ dạng 24 giờ, từ 00:00 đến 24:00 (24:00 là nửa đêm cuối ngày)",
      date_time_format: "Nhập ngày giờ dạng ngày/tháng/năm giờ:phút, ví dụ 30/04/2026 08:00",
      bulk_delete_partial: "Đã xóa %{deleted} mục. Không xóa được %{refused} mục: %{names}",
      bulk_delete_none: "Không xóa được mục nào: %{names}",
    },
  },
};
