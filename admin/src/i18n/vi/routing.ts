// Vietnamese messages for call routing, typed against the English ones so keys stay identical.
import type { enRouting, enRoutingAudit, enRoutingFields, enRoutingResources, enRoutingValidation } from "../en/routing";

export const viRoutingValidation: typeof enRoutingValidation = {
  phone: "Không phải số điện thoại Việt Nam hợp lệ",
  period_order: "Ngày kết thúc phải cùng ngày hoặc sau ngày bắt đầu",
  parent_required: "Xã, phường phải thuộc một cơ quan cấp trên",
  agency_code_format: "Mã chỉ gồm chữ cái không dấu, chữ số và các dấu . _ - (tối đa 50 ký tự), ví dụ P-QUYNHON",
  hours: "Giờ làm việc không hợp lệ",
  hours_time_format: "Nhập theo dạng GG:PP từ 00:00 đến 24:00, ví dụ 07:30",
  hours_range_order: "Giờ kết thúc phải sau giờ bắt đầu",
  hours_range_overlap: "Trùng với một khung giờ khác trong cùng ngày",
  hours_ranges_empty: "Ngày làm việc cần ít nhất một khung giờ; nếu không, hãy đánh dấu nghỉ",
  hours_date_format: "Nhập theo dạng NNNN-TT-NN",
  hours_date_invalid: "Ngày này không tồn tại",
  hours_date_duplicate: "Ngày này đã có điều chỉnh",
  callback_not_open: "Yêu cầu gọi lại này đã được xử lý xong",
};

export const viRouting: typeof enRouting = {
  routing: {
    tab_general: "Thông tin chung",
    tab_routing: "Định tuyến",
    tab_hours: "Giờ làm việc",
    ring_strategies: {
      simultaneous: "Đổ chuông đồng thời cho mọi cán bộ trực",
      sequential: "Đổ chuông lần lượt từng người",
    },
    dial_code_help: "2–6 chữ số người gọi bấm trong tổng đài tự động để gặp cơ quan này; để trống nếu không dùng",
    timeout_help: "Số giây đổ chuông trước khi chuyển tiếp (5–120)",
    fallback_help: "Nơi nhận cuộc gọi khi cơ quan ngoài giờ làm việc, không có cán bộ trực hoặc không ai nghe máy",
    queue_title: "Hàng chờ",
    queue_help:
      "Khi mọi cán bộ đều bận, người gọi được xếp hàng chờ, nghe vị trí của mình và thời gian chờ dự kiến, và có thể yêu cầu được gọi lại.",
    wrap_up_help: "Số giây sau mỗi cuộc gọi trước khi cán bộ được đổ chuông tiếp (0–600)",
    queue_max_wait_help: "Chờ quá thời gian này, cuộc gọi được chuyển sang cơ quan dự phòng (30–1800)",
    queue_max_length_help: "Số người chờ tối đa cùng lúc; đặt 0 để không dùng hàng chờ",
    queue_when_none_available_help: "Nếu không chọn, khi mọi cán bộ đều vắng hoặc ngoài ca, cuộc gọi chuyển ngay sang cơ quan dự phòng",
    hold_music_help: "Địa chỉ (https) của tệp MP3 hoặc WAV; để trống để dùng nhạc chờ của tổng đài",
  },
  hours: {
    inherit: "Dùng giờ làm việc của cơ quan cấp trên",
    inherit_help: "Khi không tự đặt giờ, cơ quan dùng giờ của cơ quan cấp trên gần nhất, hoặc giờ hành chính thông thường",
    observe_holidays: "Nghỉ vào các ngày lễ, Tết",
    closed_day: "Nghỉ",
    add_range: "Thêm khung giờ",
    opens: "Từ",
    closes: "Đến",
    weekdays: {
      0: "Chủ nhật",
      1: "Thứ Hai",
      2: "Thứ Ba",
      3: "Thứ Tư",
      4: "Thứ Năm",
      5: "Thứ Sáu",
      6: "Thứ Bảy",
    },
    preview: "14 ngày tới",
    preview_help: "Theo dữ liệu đã lưu; hãy lưu biểu mẫu để xem thay đổi",
    hours_from: "Giờ làm việc hằng tuần của %{name}",
    hours_default: "Giờ hành chính thông thường (chưa cơ quan nào trong cây tự đặt giờ)",
    open: "Làm việc",
    closed: "Nghỉ",
    reasons: {
      weekly: "Lịch hằng tuần",
      holiday: "Ngày lễ",
      override: "Điều chỉnh",
    },
    overrides: "Điều chỉnh theo ngày",
    no_overrides: "Chưa có điều chỉnh",
    province_wide: "Toàn tỉnh",
    add_override: "Thêm điều chỉnh",
  },
  staff: {
    on_duty_panel: "Cán bộ trực",
    no_staff: "Cơ quan chưa có cán bộ",
    on_duty: "Đang trực",
    off_duty: "Không trực",
    toggle_success: "Đã cập nhật trạng thái trực",
    no_phone: "Chưa có số điện thoại hoặc điện thoại phần mềm: tổng đài không gọi được",
  },
  callbacks: {
    record_attempt: "Ghi nhận lần gọi",
    record_title: "Ghi nhận lần gọi lại",
    attempt_recorded: "Đã ghi nhận lần gọi",
    close: "Đóng yêu cầu",
    closed_success: "Đã đóng yêu cầu",
    attempts: "Các lần gọi",
    no_attempts: "Chưa gọi lần nào",
    overdue: "Quá hạn",
    statuses: {
      open: "Chờ gọi lại",
      called_back: "Đã gọi lại",
      unreachable: "Không liên lạc được",
      closed: "Đã đóng",
    },
    outcomes: {
      reached: "Đã gặp người gọi",
      no_answer: "Không nghe máy",
      busy: "Máy bận",
      wrong_number: "Sai số",
    },
    rules: "Không nghe máy hoặc máy bận: hẹn gọi lại sau 2 giờ; sau 3 lần không được, yêu cầu chuyển sang không liên lạc được.",
  },
};

export const viRoutingResources: typeof enRoutingResources = {
  "hours-overrides": {
    name: "Ngày nghỉ, làm bù",
    fields: {
      id: "Mã số",
      agencyId: "Cơ quan",
      date: "Ngày",
      closed: "Nghỉ cả ngày",
      ranges: "Giờ làm việc",
      note: "Ghi chú",
      from: "Từ ngày",
      to: "Đến ngày",
      provinceWide: "Toàn tỉnh",
      createdAt: "Ngày tạo",
    },
  },
  "callback-requests": {
    name: "Yêu cầu gọi lại",
    fields: {
      id: "Mã số",
      callId: "Cuộc gọi",
      agencyId: "Cơ quan",
      phone: "Số cần gọi lại",
      status: "Trạng thái",
      dueAt: "Hạn gọi",
      attemptCount: "Số lần gọi",
      lastAttemptAt: "Lần gọi gần nhất",
      createdAt: "Thời điểm nhận",
      updatedAt: "Ngày cập nhật",
      outcome: "Kết quả",
      note: "Ghi chú",
      userName: "Cán bộ",
    },
  },
  staff: {
    name: "Cán bộ",
    fields: {
      name: "Họ và tên",
      phone: "Số điện thoại",
      onDuty: "Đang trực",
      roles: "Vai trò",
      agencyId: "Cơ quan",
    },
  },
};

export const viRoutingFields: typeof enRoutingFields = {
  agencies: {
    dialCode: "Mã quay số",
    ringStrategy: "Cách đổ chuông",
    ringTimeoutSeconds: "Thời gian đổ chuông (giây)",
    fallbackId: "Cơ quan dự phòng",
    weeklyHours: "Giờ làm việc hằng tuần",
    observeHolidays: "Nghỉ vào các ngày lễ, Tết",
    wrapUpSeconds: "Thời gian sau cuộc gọi (giây)",
    queueMaxWaitSeconds: "Thời gian chờ tối đa (giây)",
    queueMaxLength: "Số người chờ tối đa",
    queueWhenNoneAvailable: "Vẫn xếp hàng khi không có cán bộ sẵn sàng",
    holdMusicUrl: "Nhạc chờ",
  },
  users: {
    phone: "Số điện thoại (bàn hoặc di động)",
    clientIdentity: "Định danh điện thoại phần mềm",
    onDuty: "Đang trực",
  },
};

export const viRoutingAudit: typeof enRoutingAudit = {
  actions: { duty: "Đổi trạng thái trực", callback_attempt: "Ghi nhận lần gọi lại" },
  audit_resources: { "hours-overrides": "Ngày nghỉ, làm bù", "callback-requests": "Yêu cầu gọi lại" },
};
