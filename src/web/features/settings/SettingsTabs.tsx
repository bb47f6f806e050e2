// The two pages of the settings: "Algemeen" (quote advice, CRM memory) and "Bedrijf" (the company's
// own details on its letters); each page has its own address.
import { Tabs } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";

const PAGES = [
  { path: "/settings", label: "settings.tabs.general" },
  { path: "/settings/company", label: "settings.tabs.company" },
] as const;

export function SettingsTabs() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <Tabs value={location.pathname} onChange={(path) => path && navigate(path)}>
      <Tabs.List>
        {PAGES.map((p) => (
          <Tabs.Tab key={p.path} value={p.path}>
            {t(p.label)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
