// What each kind of record is and why it is kept, in Vietnamese for the citizen (the export's
// TOM-TAT.txt). The console has its own i18n (privacy.kinds.<kind>); this text goes into a file.
import { KEPT_REASONS } from "../holders/match.js";

export interface KindDescription {
  title: string;
  what: string;
  why: string;
}

const KINDS: Record<string, KindDescription> = {
  recordings: {
    title: "Ghi âm cuộc gọi và lời nhắn thoại",
    what: "bản ghi âm cuộc gọi với cán bộ và lời nhắn thoại để lại ngoài giờ.",
    why: "để giải quyết phản ánh, kiểm tra chất lượng trả lời; xoá theo thời hạn lưu trữ.",
  },
  notes: {
    title: "Ghi chú cuộc gọi",
    what: "câu hỏi của công dân và câu trả lời của cán bộ được ghi lại.",
    why: "để theo dõi, trả lời đúng và báo cáo nội dung hỏi đáp.",
  },
  "survey-answers": {
    title: "Đánh giá sự hài lòng",
    what: "điểm đánh giá sau cuộc gọi (bấm phím hoặc qua đường dẫn SMS).",
    why: "để báo cáo mức độ hài lòng; sau khi xoá, điểm chỉ còn gắn với cuộc gọi đã ẩn danh.",
  },
  "survey-links": {
    title: "Đường dẫn khảo sát",
    what: "đường dẫn khảo sát gửi qua SMS (chỉ lưu mã băm).",
    why: "để mở trang khảo sát một lần.",
  },
  "queue-entries": {
    title: "Lượt chờ trong hàng đợi",
    what: "thời gian chờ và kết quả chờ của cuộc gọi.",
    why: "để báo cáo thời gian chờ; sau khi xoá chỉ còn gắn với cuộc gọi đã ẩn danh.",
  },
  "call-events": {
    title: "Diễn biến cuộc gọi",
    what: "các bước của cuộc gọi do Twilio báo, có chứa số điện thoại.",
    why: "để xử lý cuộc gọi và tra soát sự cố.",
  },
  calls: {
    title: "Cuộc gọi",
    what: "thời điểm, thời lượng, chủ đề và cơ quan tiếp nhận mỗi cuộc gọi.",
    why: `để trả lời và báo cáo. ${KEPT_REASONS.calls}`,
  },
  "callback-attempts": { title: "Lần gọi lại", what: "các lần cán bộ gọi lại và ghi chú kết quả.", why: "để hoàn thành yêu cầu gọi lại." },
  "callback-requests": {
    title: "Yêu cầu gọi lại",
    what: "số điện thoại cần gọi lại và hạn gọi lại.",
    why: "để cán bộ gọi lại công dân như đã hẹn.",
  },
  "case-events": { title: "Lịch sử xử lý hồ sơ", what: "các bước xử lý hồ sơ phản ánh, kiến nghị.", why: "để theo dõi trách nhiệm xử lý." },
  "case-survey-answers": { title: "Đánh giá hồ sơ", what: "điểm đánh giá sau khi hồ sơ được trả lời.", why: "để báo cáo mức độ hài lòng." },
  "case-links": {
    title: "Đường dẫn tra cứu hồ sơ",
    what: "đường dẫn đọc câu trả lời gửi qua SMS (chỉ lưu mã băm).",
    why: "để công dân đọc câu trả lời.",
  },
  "case-calls": { title: "Cuộc gọi gắn với hồ sơ", what: "các cuộc gọi liên quan tới hồ sơ.", why: "để theo dõi hồ sơ." },
  cases: {
    title: "Hồ sơ phản ánh, kiến nghị",
    what: "họ tên (nếu có), số điện thoại, nội dung hỏi và câu trả lời.",
    why: "để cơ quan có thẩm quyền trả lời đúng hạn.",
  },
  "recipient-links": {
    title: "Đường dẫn riêng trong tin nhắn",
    what: "mã đường dẫn riêng của từng người nhận (chỉ khi bật theo dõi từng người).",
    why: "để đếm lượt mở đường dẫn.",
  },
  "link-requests": { title: "Lượt mở đường dẫn", what: "thời điểm mở đường dẫn trong tin nhắn.", why: "để đếm hiệu quả chiến dịch." },
  "sms-messages": {
    title: "Tin nhắn SMS đã gửi",
    what: "nội dung, thời điểm và trạng thái các tin nhắn gửi tới số này.",
    why: "để biết tin đã tới chưa và tuân thủ giới hạn số tin mỗi ngày.",
  },
  "campaign-recipients": {
    title: "Người nhận chiến dịch",
    what: "số điện thoại trong danh sách nhận của từng chiến dịch và kết quả gửi.",
    why: "để gửi đúng một lần và báo cáo kết quả chiến dịch.",
  },
  "contact-list-members": {
    title: "Thuộc danh sách liên hệ",
    what: "các danh sách liên hệ có số này.",
    why: "để chọn người nhận chiến dịch.",
  },
  contacts: {
    title: "Thông tin liên hệ",
    what: "số điện thoại, họ tên, địa bàn, nhóm tuổi, nhãn và bằng chứng đồng ý nhận tin.",
    why: "để gửi thông tin theo sự đồng ý của công dân (Nghị định 91/2020/NĐ-CP).",
  },
  "contact-import-errors": { title: "Dòng nhập lỗi", what: "dòng tệp nhập danh sách bị từ chối có số này.", why: "để sửa tệp nhập." },
  suppressions: {
    title: "Từ chối nhận tin",
    what: "thời điểm và cách công dân từ chối nhận tin quảng cáo.",
    why: "để không bao giờ gửi tin quảng cáo tới số này (Nghị định 91/2020/NĐ-CP).",
  },
  dnc: { title: "Danh sách không làm phiền quốc gia", what: "số điện thoại trong bản sao danh sách DNC.", why: KEPT_REASONS.dnc },
  "audit-log": {
    title: "Nhật ký kiểm tra",
    what: "ai đã làm gì, khi nào, với bản ghi có số này.",
    why: KEPT_REASONS.auditLogs,
  },
  "erased-numbers": { title: "Số đã xoá (mã băm)", what: "mã băm một chiều của số đã yêu cầu xoá.", why: KEPT_REASONS.erasedNumbers },
};

export function describeKind(kind: string): KindDescription {
  return KINDS[kind] ?? { title: kind, what: "dữ liệu gắn với số điện thoại này.", why: "để cung cấp dịch vụ." };
}
