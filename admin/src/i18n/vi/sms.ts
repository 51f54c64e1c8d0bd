// Tin nhắn SMS: mẫu tin, tên định danh (brandname) và chính sách gửi tin, bằng tiếng Việt.
import type { SmsMessages } from "../en/sms";

export const viSms: SmsMessages = {
  tthc: {
    sms: {
      preview: {
        title: "Xem trước",
        as_typed: "Như đã soạn",
        as_sent: "Như người dân nhận được (đã thêm nhãn và hướng dẫn từ chối)",
        characters: "%{count} ký tự",
        segments: "%{smart_count} tin |||| %{smart_count} tin",
        per_segment: "%{count} ký tự mỗi tin",
        non_gsm: "Ký tự buộc dùng UCS-2: %{chars}",
        missing: "Liên hệ mẫu chưa có giá trị cho: %{names}",
        cost_per_1000: "Chi phí ước tính cho 1.000 tin nhắn: %{amount} đồng",
        no_sender: "Chọn tên định danh để ước tính chi phí",
        sender: "Tên định danh (để tính chi phí)",
        sample: "Liên hệ mẫu",
        unaccented_text: "Không dấu",
        error: "Không tính được bản xem trước",
        empty: "Nhập nội dung tin nhắn để xem trước",
        loading: "Đang tính…",
        variables_help: "Biến: {{ten}} (họ tên), {{xa}} (xã, phường), hoặc bất kỳ cột nào của danh sách liên hệ",
      },
      encodings: {
        "GSM-7": "GSM-7 (160 ký tự mỗi tin)",
        "UCS-2": "UCS-2 / Unicode (70 ký tự mỗi tin)",
      },
      providers: {
        sink: "Hộp thư thử (không gửi thật)",
        twilio: "Twilio",
        sns: "Amazon SNS",
      },
      policy: {
        title: "Chính sách gửi tin",
        intro:
          "Nghị định 91/2020/NĐ-CP: tin nhắn quảng cáo chỉ gửi trong khung giờ cho phép, mỗi thuê bao nhận tối đa N tin trong 24 giờ trên mọi chiến dịch, có nhãn ở đầu và hướng dẫn từ chối ở cuối. Mỗi tin được kiểm tra ngay trước khi gửi.",
        saved: "Đã lưu chính sách gửi tin",
        window: "Khung giờ gửi (giờ Việt Nam)",
        opt_out_help: "Đặt ở cuối mỗi tin nhắn; ghi đúng đầu số hoặc số tổng đài nơi người dân từ chối nhận tin.",
        max_help: "Pháp luật cho phép tối đa 3 tin quảng cáo cho mỗi thuê bao trong 24 giờ.",
      },
      senders: {
        brandname_help: "Tên định danh đã đăng ký: tối đa 11 ký tự gồm chữ Latinh, chữ số, -, _, . hoặc dấu cách; không chỉ gồm chữ số.",
        settings: {
          messagingServiceSid: "Messaging Service SID (Twilio)",
          from: "Số hoặc tên gửi (Twilio)",
          senderId: "Sender ID (Amazon SNS)",
          smsType: "Loại tin (Amazon SNS)",
          Promotional: "Quảng cáo (Promotional)",
          Transactional: "Chăm sóc khách hàng (Transactional)",
        },
        settings_help: {
          messagingServiceSid: "Mã MG… của Messaging Service; để trống thì dùng cấu hình của máy chủ.",
          from: "Để trống thì gửi bằng tên định danh.",
          senderId: "Để trống thì gửi bằng tên định danh.",
          smsType: "Tin giới thiệu dịch vụ là quảng cáo theo Nghị định 91/2020/NĐ-CP.",
        },
        price_help: "Giá nhà cung cấp tính cho mỗi tin (mỗi phần tin nhắn), bằng đồng.",
      },
    },
  },
  validation: {
    brandname: "Tên định danh không hợp lệ: tối đa 11 ký tự gồm chữ Latinh, chữ số, -, _, . hoặc dấu cách, có ít nhất một chữ cái",
    secret_setting: "Có vẻ là thông tin bí mật: hãy để token và khóa trong biến môi trường của máy chủ",
    window_order: "Giờ kết thúc phải sau giờ bắt đầu, trong cùng một ngày",
    opt_out_placeholder:
      "Câu hướng dẫn từ chối vẫn còn số giữ chỗ (như 8xxx): quản trị viên cần nhập số thật trong chính sách gửi tin trước",
  },
  audit_resources: {
    "sms-templates": "Mẫu tin nhắn",
    "sms-senders": "Tên định danh",
  },
  resources: {
    "sms-templates": {
      name: "Mẫu tin nhắn |||| Mẫu tin nhắn",
      fields: {
        id: "Mã",
        name: "Tên mẫu",
        body: "Nội dung",
        unaccented: "Gửi không dấu",
        variables: "Biến",
        createdAt: "Ngày tạo",
        updatedAt: "Ngày cập nhật",
        q: "Tìm kiếm",
      },
    },
    "sms-senders": {
      name: "Tên định danh |||| Tên định danh",
      fields: {
        id: "Mã",
        brandname: "Tên định danh",
        provider: "Nhà cung cấp",
        settings: "Cấu hình nhà cung cấp",
        pricePerSegment: "Giá mỗi tin (đồng)",
        messagesPerSecond: "Số tin mỗi giây",
        active: "Đang dùng",
        createdAt: "Ngày tạo",
        updatedAt: "Ngày cập nhật",
        q: "Tìm kiếm",
      },
    },
    "sms-policy": {
      name: "Chính sách gửi tin |||| Chính sách gửi tin",
      fields: {
        windowStart: "Từ",
        windowEnd: "Đến",
        maxPerDay: "Số tin mỗi thuê bao trong 24 giờ",
        requireConsent: "Bắt buộc có sự đồng ý",
        label: "Nhãn",
        optOutText: "Hướng dẫn từ chối nhận tin",
      },
    },
  },
};
