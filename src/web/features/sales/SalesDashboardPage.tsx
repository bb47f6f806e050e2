// /sales: the dashboard of the user's role (DOMAIN.md, "Roles and what they want from the VIS"):
// a salesperson's own figures beside the other rayons' totals, the manager's team against target,
// marketing's product introduction and new customers, purchasing's expected volumes.
import { Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCurrentUser } from "../auth/session.js";
import { currentMonth } from "../quotes/months.js";
import { FieldSalesDashboard } from "./FieldSalesDashboard.js";
import { ManagerDashboard } from "./ManagerDashboard.js";
import { MarketingDashboard } from "./MarketingDashboard.js";
import { PurchasingDashboard } from "./PurchasingDashboard.js";
import { SalesNav } from "./SalesNav.js";

export function SalesDashboardPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const month = currentMonth();
  return (
    <Stack>
      <SalesNav />
      <Title order={1}>{t(`sales.dashboard.${user.role}`)}</Title>
      {user.role === "sales_manager" || user.role === "admin" ? (
        <ManagerDashboard month={month} />
      ) : user.role === "marketing" ? (
        <MarketingDashboard month={month} />
      ) : user.role === "purchasing" ? (
        <PurchasingDashboard />
      ) : (
        <FieldSalesDashboard month={month} />
      )}
    </Stack>
  );
}
