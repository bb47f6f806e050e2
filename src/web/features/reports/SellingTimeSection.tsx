// Selling time against travel time per rep (DOMAIN.md, "Rayon management"): hours with customers
// and hours driving between visits from the agenda, per rep and per week, and what starting at
// 08:30 and driving the best order would gain in a year.
import { Alert, Card, Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DateField } from "../../components/DateField.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { formatCount, formatDate } from "../../i18n/format.js";
import { amsterdamToday, isIsoDate, mondayWeeksBack } from "./dates.js";
import { type SellingTimeReport, useSellingTimeReport } from "./reports.api.js";

const num = { textAlign: "right" } as const;
/** Minutes as hours with one decimal ("3,5"). */
const hours = (minutes: number) => formatCount(Math.round(minutes / 6) / 10);
const perDay = (minutes: number, days: number) => (days === 0 ? "–" : formatCount(Math.round(minutes / days)));
type Figures = SellingTimeReport["reps"][number]["total"];

function FiguresCells({ f, weeks }: { f: Figures; weeks: number }) {
  return (
    <>
      <Table.Td style={num}>{formatCount(f.days)}</Table.Td>
      <Table.Td style={num}>{formatCount(f.visits)}</Table.Td>
      <Table.Td style={num}>{hours(f.sellingMinutes / Math.max(1, weeks))}</Table.Td>
      <Table.Td style={num}>{hours(f.travelMinutes / Math.max(1, weeks))}</Table.Td>
      <Table.Td style={num}>{perDay(f.lateStartMinutes, f.days)}</Table.Td>
      <Table.Td style={num}>{perDay(f.routeSavingMinutes, f.days)}</Table.Td>
    </>
  );
}

function Head({ first }: { first: string }) {
  const { t } = useTranslation();
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th>{first}</Table.Th>
        <Table.Th style={num}>{t("reports.st.days")}</Table.Th>
        <Table.Th style={num}>{t("reports.st.visits")}</Table.Th>
        <Table.Th style={num}>{t("reports.st.sellingPerWeek")}</Table.Th>
        <Table.Th style={num}>{t("reports.st.travelPerWeek")}</Table.Th>
        <Table.Th style={num}>{t("reports.st.lateStart")}</Table.Th>
        <Table.Th style={num}>{t("reports.st.routeSaving")}</Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
}

export function SellingTimeSection() {
  const { t } = useTranslation();
  const today = amsterdamToday();
  const [from, setFrom] = useState(mondayWeeksBack(today, 4));
  const [to, setTo] = useState(today);
  const [repId, setRepId] = useState<string | null>(null);
  const valid = isIsoDate(from) && isIsoDate(to);
  const report = useSellingTimeReport(from, to, valid);
  const reps = report.data?.reps ?? [];
  const rep = reps.find((r) => String(r.user.id) === repId) ?? reps.find((r) => r.weeks.length > 0) ?? reps[0];

  return (
    <Card withBorder component="section" aria-labelledby="report-st-title">
      <Stack>
        <Title order={2} size="h4" id="report-st-title">
          {t("reports.st.title")}
        </Title>
        <Group align="end">
          <DateField label={t("reports.from")} value={from} onChange={setFrom} />
          <DateField label={t("reports.to")} value={to} onChange={setTo} />
        </Group>
        {report.isPending ? (
          valid ? <PageLoader /> : null
        ) : report.isError ? (
          <ErrorAlert error={report.error} reveal={false} />
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t("reports.st.summary", { from: formatDate(report.data.from), to: formatDate(report.data.to) })}
            </Text>
            <Alert variant="light" color="green" title={t("reports.st.gainTitle")} data-testid="selling-time-gain">
              {t("reports.st.gain", {
                reps: formatCount(report.data.gain.reps),
                days: report.data.gain.daysPerWeek,
                weeks: report.data.gain.weeksPerYear,
                late: formatCount(report.data.gain.lateStartMinutesPerDay),
                start: formatCount(report.data.gain.startEarlierHours),
                route: formatCount(report.data.gain.withRouteDisciplineHours),
              })}
            </Alert>
            <Table.ScrollContainer minWidth={760}>
              <Table striped fz="sm" aria-label={t("reports.st.perRep")}>
                <Head first={t("reports.rep")} />
                <Table.Tbody>
                  {reps.map((r) => (
                    <Table.Tr key={r.user.id}>
                      <Table.Td>{r.user.name}</Table.Td>
                      <FiguresCells f={r.total} weeks={r.weeks.length} />
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {rep && (
              <>
                <Select
                  label={t("reports.st.weeksOf")}
                  data={reps.map((r) => ({ value: String(r.user.id), label: r.user.name }))}
                  value={String(rep.user.id)}
                  onChange={setRepId}
                  allowDeselect={false}
                  w={260}
                  maw="100%"
                />
                {rep.weeks.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t("reports.st.noVisits")}
                  </Text>
                ) : (
                  <Table.ScrollContainer minWidth={760}>
                    <Table striped fz="sm" aria-label={t("reports.st.perWeek", { name: rep.user.name })}>
                      <Head first={t("reports.st.week")} />
                      <Table.Tbody>
                        {rep.weeks.map((w) => (
                          <Table.Tr key={w.week}>
                            <Table.Td>{t("reports.week", { week: Number(w.week.slice(6)) })}</Table.Td>
                            <FiguresCells f={w} weeks={1} />
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )}
                {!rep.homeKnown && (
                  <Text size="xs" c="dimmed">
                    {t("reports.st.noHome")}
                  </Text>
                )}
              </>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
