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
        esms: "eSMS.vn (brandname, chăm sóc khách hàng)",
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
          sandbox: "Chế độ thử (eSMS)",
          "0": "Tắt: tin được gửi và tính phí",
          "1": "Bật: eSMS chỉ kiểm tra yêu cầu, không gửi và không tính phí",
        },
        settings_help: {
          messagingServiceSid: "Mã MG… của Messaging Service; để trống thì dùng cấu hình của máy chủ.",
          from: "Để trống thì gửi bằng tên định danh.",
          senderId: "Để trống thì gửi bằng tên định danh.",
          smsType: "Tin giới thiệu dịch vụ là quảng cáo theo Nghị định 91/2020/NĐ-CP.",
          sandbox: "Để thử một đầu số mới: không tin nào đến điện thoại.",
        },
        secrets: {
          apiKey: "API key (eSMS)",
          secretKey: "Secret key (eSMS)",
          help: "Chỉ ghi: được lưu mã hóa và không bao giờ hiển thị lại. Để trống để giữ giá trị đã lưu.",
          stored: "Đã lưu",
          missing: "Chưa nhập",
        },
        balance: {
          title: "Số dư tại nhà cung cấp",
          amount: "%{amount} VND",
          unsupported: "Nhà cung cấp này không báo số dư",
          error: "Không đọc được số dư (%{code})",
          loading: "Đang hỏi nhà cung cấp…",
        },
        price_help: "Giá nhà cung cấp tính cho mỗi tin (mỗi phần tin nhắn), bằng đồng.",
      },
    },
  },
  validation: {
    brandname: "Tên định danh không hợp lệ: tối đa 11 ký tự gồm chữ Latinh, chữ số, -, _, . hoặc dấu cách, có ít nhất một chữ cái",
    secret_setting: "Có vẻ là thông tin bí mật: hãy để token và khóa trong biến môi trường của máy chủ",
    secrets_key_unset: "Máy chủ chưa có SMS_SECRETS_KEY: không thể lưu mã hóa thông tin đăng nhập nên không lưu",
    secret_unknown: "Nhà cung cấp này không có thông tin đăng nhập này",
    sender_not_for_campaigns: "Cổng của tên định danh này không gửi được chiến dịch (tin quảng cáo)",
    window_order: "Giờ kết thúc phải sau giờ bắt đầu, trong cùng một ngày",
    opt_out_placeholder:
      "Câu hướng dẫn từ chối vẫn còn số giữ chỗ (như 8xxx): quản trị viên cần nhập số thật trong chính sách gửi tin trước",
  },
  audit_resources: {
    "zns-templates": "Mẫu tin Zalo ZNS",
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
