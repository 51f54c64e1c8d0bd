/** Shown in the app bar, the login page and the browser tab; a deployment may name its hotline. */
export const APP_TITLE: string = import.meta.env.VITE_APP_TITLE || "Tổng đài TTHC";
