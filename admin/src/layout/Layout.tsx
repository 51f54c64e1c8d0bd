import type { ReactNode } from "react";
import { Layout as RaLayout } from "react-admin";
import { AppBar } from "./AppBar";
import { useDocumentLanguage } from "./useDocumentLanguage";

export const Layout = ({ children }: { children: ReactNode }) => {
  useDocumentLanguage();
  return <RaLayout appBar={AppBar}>{children}</RaLayout>;
};
