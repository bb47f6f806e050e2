import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type Language, setLanguage } from "../i18n/index.js";

/** NL | EN, remembered in this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("user.language")}
      // Never squeezed in a full header (a phone with the OFFLINE badge): the user's name gives way instead.
      style={{ flexShrink: 0 }}
      value={i18n.language === "en" ? "en" : "nl"}
      onChange={(value) => void setLanguage(value as Language)}
      data={[
        { value: "nl", label: <span title={t("language.nl")} lang="nl">NL</span> },
        { value: "en", label: <span title={t("language.en")} lang="en">EN</span> },
      ]}
    />
  );
}
