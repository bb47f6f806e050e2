// One labelled value of a detail page, as a row of a description list.
import { Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function FieldList({ children }: { children: ReactNode }) {
  return <dl style={{ display: "grid", gridTemplateColumns: "minmax(9rem, max-content) 1fr", gap: "0.35rem 1rem", margin: 0 }}>{children}</dl>;
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === false || children === "" || (Array.isArray(children) && children.length === 0);
  return (
    <>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
        {empty ? t("common.empty") : children}
      </Text>
    </>
  );
}
