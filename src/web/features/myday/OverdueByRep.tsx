// For managers: how many open follow-ups each rep has past their date, and since when.
import { Anchor, Badge, Card, Text, Title } from "@mantine/core";
import { ResponsiveTable } from "../../components/ResponsiveTable.js";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { formatCount, formatDate } from "../../i18n/format.js";
import { useOverdueByRep } from "./myday.api.js";

export function OverdueByRepSection() {
  const { t } = useTranslation();
  const overdue = useOverdueByRep(true);
  return (
    <Card withBorder component="section" aria-labelledby="myday-per-rep">
      <Title order={2} size="h4" id="myday-per-rep" mb="sm">
        {t("myday.perRep")}
      </Title>
      {overdue.isPending ? (
        <PageLoader />
      ) : overdue.isError ? (
        <ErrorAlert error={overdue.error} reveal={false} />
      ) : overdue.data.items.length === 0 ? (
        <Text c="dimmed">{t("myday.perRepNone")}</Text>
      ) : (
        <ResponsiveTable
          rows={overdue.data.items}
          rowKey={(r) => r.user.id}
          label={t("myday.perRep")}
          columns={[
            {
              key: "rep",
              label: t("myday.columns.rep"),
              render: (r) => (
                <>
                  {r.user.name}{" "}
                  {!r.active && (
                    <Badge size="xs" color="gray" variant="light">
                      {t("myday.inactiveUser")}
                    </Badge>
                  )}
                </>
              ),
            },
            {
              key: "overdue",
              label: t("myday.columns.overdue"),
              numeric: true,
              render: (r) => (
                <Anchor component={Link} to={`/follow-ups?scope=all&assignee=${r.user.id}&timing=overdue`} size="sm" aria-label={t("myday.overdueOf", { name: r.user.name, count: r.overdue })}>
                  {formatCount(r.overdue)}
                </Anchor>
              ),
            },
            { key: "oldest", label: t("myday.columns.oldest"), render: (r) => formatDate(r.oldestDueDate) },
          ]}
          footer={[
            t("myday.total"),
            <Anchor key="total" component={Link} to="/follow-ups?scope=all&timing=overdue" size="sm" fw={700}>
              {formatCount(overdue.data.total)}
            </Anchor>,
            "",
          ]}
        />
      )}
    </Card>
  );
}
