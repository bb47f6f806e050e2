// For managers: how many open follow-ups each rep has past their date, and since when.
import { Anchor, Badge, Card, Table, Text, Title } from "@mantine/core";
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
        <Table.ScrollContainer minWidth={480}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("myday.columns.rep")}</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>{t("myday.columns.overdue")}</Table.Th>
                <Table.Th>{t("myday.columns.oldest")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {overdue.data.items.map((r) => (
                <Table.Tr key={r.user.id}>
                  <Table.Td>
                    {r.user.name}{" "}
                    {!r.active && (
                      <Badge size="xs" color="gray" variant="light">
                        {t("myday.inactiveUser")}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>
                    <Anchor component={Link} to={`/follow-ups?scope=all&assignee=${r.user.id}&timing=overdue`} size="sm" aria-label={t("myday.overdueOf", { name: r.user.name, count: r.overdue })}>
                      {formatCount(r.overdue)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatDate(r.oldestDueDate)}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Td fw={600}>{t("myday.total")}</Table.Td>
                <Table.Td fw={600} style={{ textAlign: "right" }}>
                  <Anchor component={Link} to="/follow-ups?scope=all&timing=overdue" size="sm" fw={600}>
                    {formatCount(overdue.data.total)}
                  </Anchor>
                </Table.Td>
                <Table.Td />
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
