import { useEffect } from "react";
import { useLocaleState } from "react-admin";

/** Keeps <html lang> in step with the chosen locale, for screen readers and hyphenation. */
export function useDocumentLanguage() {
  const [locale] = useLocaleState();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
}
