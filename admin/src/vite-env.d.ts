/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Optional hotline name shown instead of "Tổng đài TTHC". */
  readonly VITE_APP_TITLE?: string;
}
