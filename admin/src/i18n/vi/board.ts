// Bảng theo dõi trực tiếp (admin/src/hotline/board/) và số liệu chờ, làm việc trong báo cáo hài lòng.
import type { BoardMessages } from "../en/board";

export const viBoard: BoardMessages = {
  tthc: {
    board: {
      title: "Bảng theo dõi trực tiếp",
      agency: "Cơ quan",
      province: "Toàn tỉnh",
      waiting: "Người gọi đang chờ",
      longest_wait: "Chờ lâu nhất",
      calls_today: "Cuộc gọi hôm nay",
      answered: "Đã trả lời",
      abandoned: "Gác máy khi đang chờ",
      answer_rate: "Tỷ lệ trả lời",
      service_level: "Trả lời trong %{seconds} giây",
      callbacks_due: "Yêu cầu gọi lại đến hạn",
      waiting_title: "Người gọi đang chờ",
      nobody_waiting: "Không có ai đang chờ",
      connecting: "Đang nối máy cho cán bộ",
      waited: "đã chờ %{time}",
      staff_title: "Cán bộ",
      nobody_working: "Hiện không có cán bộ nào làm việc",
      missed_rings: "Lỡ hai cuộc gọi liên tiếp",
      states: {
        available: "Sẵn sàng",
        on_call: "Đang nghe máy",
        wrap_up: "Xử lý sau cuộc gọi",
        away: "Tạm vắng",
        offline: "Nghỉ",
      },
      reconnecting: "Mất kết nối, đang kết nối lại…",
      closed: "Không thể hiển thị bảng theo dõi. Hãy đăng nhập lại hoặc đề nghị quản trị viên cấp quyền.",
    },
    line_figures: {
      title: "Thời gian chờ và công việc của cán bộ",
      offered: "Cuộc gọi đến cơ quan",
      abandoned_in_queue: "Gác máy khi đang chờ",
      average_wait: "Chờ trung bình",
      p90_wait: "Thời gian chờ của 9/10 người gọi không quá",
      service_level: "Trả lời trong %{seconds} giây",
      average_talk: "Đàm thoại trung bình",
      average_wrap_up: "Xử lý sau cuộc gọi trung bình",
      occupancy: "Tỷ lệ thời gian bận",
      staff_title: "Theo cán bộ",
      staff: "Cán bộ",
      answered: "Cuộc gọi đã trả lời",
      logged_in: "Thời gian làm việc",
      no_staff: "Không có cán bộ nào làm việc trong khoảng thời gian này",
      explained:
        "Thời gian chờ: thời gian trong hàng đợi cộng thời gian đổ chuông. Tỷ lệ thời gian bận: thời gian nghe máy và xử lý sau cuộc gọi trên thời gian làm việc (không tính lúc nghỉ).",
    },
  },
  resources: {
    board: {
      name: "Bảng theo dõi trực tiếp |||| Bảng theo dõi trực tiếp",
    },
  },
};
