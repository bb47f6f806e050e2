// The pages of the quotes area (Offertes): the quotes list, the forecast, the hit ratio and the
// products, as links at the top of each (a navigation, not tabs: each is its own address).
import { Button, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";

const PAGES = [
  { path: "/quotes", key: "quotes" },
  { path: "/quotes/forecast", key: "forecast" },
  { path: "/quotes/hit-ratio", key: "hitRatio" },
  { path: "/quotes/products", key: "products" },
] as const;

export function QuotesNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Group component="nav" aria-label={t("quotes.nav.label")} gap="xs">
      {PAGES.map((p) => {
        const active = pathname === p.path;
        return (
          <Button
            key={p.path}
            component={Link}
            to={p.path}
            size="compact-sm"
            variant={active ? "light" : "subtle"}
            aria-current={active ? "page" : undefined}
          >
            {t(`quotes.nav.${p.key}`)}
          </Button>
        );
      })}
    </Group>
  );
}
