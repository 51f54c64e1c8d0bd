// English messages of SMS templates, senders and the sending policy; merged into enApp (en.ts).
// The Vietnamese file (vi/sms.ts) must have the same keys (SmsMessages).
export const enSms = {
  tthc: {
    sms: {
      preview: {
        title: "Preview",
        as_typed: "As typed",
        as_sent: "As a citizen receives it (label and opt-out added)",
        characters: "%{count} characters",
        segments: "%{smart_count} part |||| %{smart_count} parts",
        per_segment: "%{count} characters per part",
        non_gsm: "Characters that force UCS-2: %{chars}",
        missing: "The sample has no value for: %{names}",
        cost_per_1000: "Estimated cost per 1,000 messages: %{amount} VND",
        no_sender: "Choose a sender to estimate the cost",
        sender: "Sender (for the cost)",
        sample: "Sample contact",
        unaccented_text: "Without diacritics",
        error: "The preview could not be calculated",
        empty: "Type a message to see its preview",
        loading: "Calculating…",
        variables_help: "Variables: {{ten}} (name), {{xa}} (commune or ward), or any column of the contact list",
      },
      encodings: {
        "GSM-7": "GSM-7 (160 characters per message)",
        "UCS-2": "UCS-2 / Unicode (70 characters per message)",
      },
      providers: {
        sink: "Test inbox (nothing sent)",
        twilio: "Twilio",
        sns: "Amazon SNS",
        esms: "eSMS.vn (brandname, customer care)",
      },
      policy: {
        title: "Sending policy",
        intro:
          "Decree 91/2020/ND-CP: advertising SMS only within the window, at most N per recipient in 24 hours across all campaigns, with the label first and opt-out instructions last. Every message is checked right before it is sent.",
        saved: "Sending policy saved",
        window: "Sending window (Vietnam time)",
        opt_out_help: "Put at the end of every message; state the real short code or hotline where citizens refuse messages.",
        max_help: "The law allows at most 3 advertising messages per recipient in 24 hours.",
      },
      senders: {
        brandname_help: "Registered brandname: at most 11 Latin letters, digits, -, _, . or spaces; not only digits.",
        settings: {
          messagingServiceSid: "Messaging Service SID (Twilio)",
          from: "Sending number or name (Twilio)",
          senderId: "Sender ID (Amazon SNS)",
          smsType: "Message type (Amazon SNS)",
          Promotional: "Promotional",
          Transactional: "Transactional",
          sandbox: "Sandbox (eSMS)",
          "0": "Off: messages are sent and charged",
          "1": "On: eSMS checks requests but sends and charges nothing",
        },
        settings_help: {
          messagingServiceSid: "The MG… id of the Messaging Service; empty: the server's configuration.",
          from: "Empty: sent with the brandname.",
          senderId: "Empty: sent with the brandname.",
          smsType: "Messages introducing services are advertising under Decree 91/2020/ND-CP.",
          sandbox: "For trying a new sender: nothing reaches a phone.",
        },
        secrets: {
          apiKey: "API key (eSMS)",
          secretKey: "Secret key (eSMS)",
          help: "Write-only: stored encrypted, never shown again. Leave empty to keep the stored value.",
          stored: "Stored",
          missing: "Not set",
        },
        balance: {
          title: "Balance at the provider",
          amount: "%{amount} VND",
          unsupported: "This provider does not report a balance",
          error: "The balance could not be read (%{code})",
          loading: "Asking the provider…",
        },
        price_help: "What the provider charges per message part, in VND.",
      },
    },
  },
  validation: {
    brandname: "Not a valid brandname: at most 11 Latin letters, digits, -, _, . or spaces, with at least one letter",
    secret_setting: "Looks like a secret: keep tokens and keys in the server environment, not here",
    secrets_key_unset: "The server has no SMS_SECRETS_KEY: credentials cannot be stored encrypted, so they are not stored",
    secret_unknown: "This provider has no such credential",
    sender_not_for_campaigns: "This sender's gateway cannot carry campaigns (advertising)",
    window_order: "The window must end after it starts, within the same day",
    opt_out_placeholder:
      "The opt-out text still holds a placeholder number (such as 8xxx): an administrator must set the real number in the SMS policy first",
  },
  audit_resources: {
    "zns-templates": "Zalo ZNS templates",
    "sms-templates": "SMS templates",
    "sms-senders": "SMS senders",
  },
  resources: {
    "sms-templates": {
      name: "SMS template |||| SMS templates",
      fields: {
        id: "ID",
        name: "Name",
        body: "Message",
        unaccented: "Send without diacritics",
        variables: "Variables",
        createdAt: "Created at",
        updatedAt: "Updated at",
        q: "Search",
      },
    },
    "sms-senders": {
      name: "SMS sender |||| SMS senders",
      fields: {
        id: "ID",
        brandname: "Brandname",
        provider: "Provider",
        settings: "Provider settings",
        pricePerSegment: "Price per part (VND)",
        messagesPerSecond: "Messages per second",
        active: "Active",
        createdAt: "Created at",
        updatedAt: "Updated at",
        q: "Search",
      },
    },
    "sms-policy": {
      name: "Sending policy |||| Sending policy",
      fields: {
        windowStart: "From",
        windowEnd: "Until",
        maxPerDay: "Messages per recipient per 24 hours",
        requireConsent: "Require consent",
        label: "Label",
        optOutText: "Opt-out instructions",
      },
    },
  },
};

export type SmsMessages = typeof enSms;
