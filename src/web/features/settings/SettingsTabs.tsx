// The pages of the settings for an administrator: "Algemeen" (quote advice, CRM memory), "Bedrijf"
// (the company's own details on its letters) and "Bezoeksjablonen"; each page has its own address.
import { Tabs } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";

const PAGES = [
  { path: "/settings", label: "settings.tabs.general" },
  { path: "/settings/company", label: "settings.tabs.company" },
  { path: "/settings/templates", label: "preparation.templatesAdmin.title" },
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
