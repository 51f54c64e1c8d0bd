// Tin nhắn tiếng Việt của nút giữ máy, chuyển cuộc gọi và các chặng của cuộc gọi (cùng khóa với en/transfer.ts).
import type { enTransfer } from "../en/transfer";

export const viTransfer: typeof enTransfer = {
  tthc: {
    transfer: {
      button: "Chuyển cuộc gọi",
      title: "Chuyển cuộc gọi",
      agency: "Đến cơ quan",
      agency_search: "Gõ một phần tên hoặc mã cơ quan",
      reason: "Lý do",
      mode: "Cách chuyển",
      cold: "Chuyển thẳng: người gọi vào hàng chờ của cơ quan đó",
      warm: "Trao đổi trước: gọi cán bộ bên đó, người gọi chờ máy",
      submit: "Chuyển",
      cancel: "Hủy",
      done_cold: "Đang chuyển người gọi",
      consulting: "Đang gọi cán bộ của cơ quan; người gọi đang chờ máy",
      join: "Nói chuyện ba bên",
      handover: "Bàn giao và rời cuộc gọi",
      joined: "Ba bên đang nói chuyện",
      handed_over: "Đã bàn giao: cuộc gọi do cán bộ kia tiếp nhận",
      hold: "Giữ máy",
      unhold: "Tiếp tục",
      held: "Người gọi đang chờ máy",
      resumed: "Người gọi đã trở lại",
    },
    legs: {
      title: "Cán bộ tham gia cuộc gọi",
      none: "Chưa cán bộ nào nhận cuộc gọi",
      roles: { answer: "nhận cuộc gọi", consult: "được hỏi ý kiến", listen: "nghe cuộc gọi" },
      transfers: { cold: "chuyển thẳng", warm: "chuyển có trao đổi" },
      from: "do %{staff} chuyển",
      waiting: "chưa ai nhận",
      reason: "Lý do: %{reason}",
      listen: "Nghe cuộc gọi (tắt tiếng)",
      listening: "Máy của bạn sẽ đổ chuông để nghe cuộc gọi; việc nghe được ghi nhật ký",
      takeover: "Tiếp quản cuộc gọi",
      taken_over: "Bạn đã tiếp quản cuộc gọi",
    },
  },
};
