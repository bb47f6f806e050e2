// Visits in the twelve months up to a date against the visit norm of each class (key, A, B, C):
// compliance per rep, and the relations below their norm (most missing visits first).
import { Anchor, Badge, Button, Card, Group, Progress, Select, Stack, Text, Title } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useUsers } from "../../api/reference.js";
import { ClassBadge } from "../../components/badges.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { type Column, ResponsiveTable } from "../../components/ResponsiveTable.js";
import { formatCount, formatDate } from "../../i18n/format.js";
import { amsterdamToday, isIsoDate } from "./dates.js";
import { useVisitNormsReport, type VisitNormsReport } from "./reports.api.js";
import { DateField } from "../../components/DateField.js";

const NORM_CLASSES = ["key", "A", "B", "C"] as const;

function Compliance({ percent }: { percent: number }) {
  const color = percent >= 90 ? "green" : percent >= 60 ? "yellow" : "red";
  return (
    <Group gap="xs" wrap="nowrap">
      <Progress value={percent} color={color} w={80} aria-hidden />
      <Text size="sm">{percent}%</Text>
    </Group>
  );
}

type Owner = { id: number } | null;
type NormState = "due" | "met" | "below";

/** The relations list behind a number: the rep (or no owner), the class, and the norm state at asOf. */
function relationsLink(owner: Owner | "all", accountClass: string | null, state: NormState, asOf: string): string {
  const params = new URLSearchParams();
  if (owner !== "all") params.set("owner", owner === null ? "none" : String(owner.id));
  if (accountClass !== null) params.set("class", accountClass);
  params.set("visitNorm", state);
  // Everyone's relations as far as the owner says: the list's own default scope must not hide any.
  params.set("scope", "all");
  params.set("normAsOf", asOf);
  return `/relations?${params.toString()}`;
}

function NumberLink({ to, label, children, color }: { to: string; label: string; children: ReactNode; color?: string }) {
  return (
    <Anchor component={Link} to={to} size="sm" aria-label={label} c={color}>
      {children}
    </Anchor>
  );
}

function RepsTable({ report }: { report: VisitNormsReport }) {
  const { t } = useTranslation();
  const rows: { key: string; name: string; owner: Owner | "all"; c: VisitNormsReport["overall"]; bold: boolean }[] = report.reps.map((r) => ({
    key: String(r.owner?.id ?? "none"),
    name: r.owner?.name ?? t("reports.vn.noOwner"),
    owner: r.owner,
    c: r.compliance,
    bold: false,
  }));
  rows.push({ key: "overall", name: t("reports.total"), owner: "all", c: report.overall, bold: true });
  type Row = (typeof rows)[number];
  const classColumn = (c: (typeof NORM_CLASSES)[number]): Column<Row> => ({
    key: c,
    label: t("reports.vn.classMeeting", { cls: t(`accountClass.${c}`), norm: report.norms[c] }),
    numeric: true,
    render: (r) => {
      const k = r.c.perClass[c];
      return (
        <>
          <NumberLink to={relationsLink(r.owner, c, "met", report.asOf)} label={`${r.name}, ${t(`accountClass.${c}`)}: ${t("reports.vn.linkMet", { n: formatCount(k.meetingNorm) })}`}>
            {formatCount(k.meetingNorm)}
          </NumberLink>
          {" / "}
          <NumberLink to={relationsLink(r.owner, c, k.norm > 0 ? "due" : "met", report.asOf)} label={`${r.name}, ${t(`accountClass.${c}`)}: ${t("reports.vn.linkDue", { n: formatCount(k.relations) })}`}>
            {formatCount(k.relations)}
          </NumberLink>
          {k.visitsOverdue > 0 && (
            <Text size="xs" component="div">
              <NumberLink
                to={relationsLink(r.owner, c, "below", report.asOf)}
                label={`${r.name}, ${t(`accountClass.${c}`)}: ${t("reports.vn.linkBelow", { visits: formatCount(k.visitsOverdue), relations: formatCount(k.belowNorm) })}`}
                color="red"
              >
                {t("reports.vn.overdueInClass", { visits: formatCount(k.visitsOverdue) })}
              </NumberLink>
            </Text>
          )}
        </>
      );
    },
  });
  const columns: Column<Row>[] = [
    { key: "rep", label: t("reports.rep"), render: (r) => r.name },
    ...NORM_CLASSES.map(classColumn),
    {
      key: "visits",
      label: t("reports.vn.visits"),
      numeric: true,
      render: (r) => (
        <NumberLink to={relationsLink(r.owner, null, "due", report.asOf)} label={`${r.name}: ${t("reports.vn.linkDone", { done: formatCount(r.c.visitsCounted), due: formatCount(r.c.visitsRequired) })}`}>
          {formatCount(r.c.visitsCounted)} / {formatCount(r.c.visitsRequired)}
        </NumberLink>
      ),
    },
    {
      key: "overdue",
      label: t("reports.vn.overdue"),
      numeric: true,
      render: (r) => {
        const overdue = NORM_CLASSES.reduce((sum, c) => sum + r.c.perClass[c].visitsOverdue, 0);
        const below = NORM_CLASSES.reduce((sum, c) => sum + r.c.perClass[c].belowNorm, 0);
        return overdue > 0 ? (
          <NumberLink to={relationsLink(r.owner, null, "below", report.asOf)} label={`${r.name}: ${t("reports.vn.linkBelow", { visits: formatCount(overdue), relations: formatCount(below) })}`} color="red">
            {t("reports.vn.overdueVisits", { visits: formatCount(overdue), relations: formatCount(below) })}
          </NumberLink>
        ) : (
          "0"
        );
      },
    },
    { key: "compliance", label: t("reports.vn.compliance"), render: (r) => <Compliance percent={r.c.compliancePercent} /> },
  ];
  return <ResponsiveTable rows={rows} columns={columns} rowKey={(r) => r.key} label={t("reports.vn.perRep")} minWidth={900} strong={(r) => r.bold} />;
}

/** Rows shown at first and added per "show more": the list can hold hundreds of relations. */
const STEP = 25;

function BelowNormTable({ report }: { report: VisitNormsReport }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(STEP);
  type Row = VisitNormsReport["belowNorm"][number];
  const belowColumns: Column<Row>[] = [
    {
      key: "relation",
      label: t("reports.vn.relation"),
      render: (r) => (
        <Anchor component={Link} to={`/relations/${r.relation.id}`} size="sm">
          {r.relation.name}
        </Anchor>
      ),
    },
    { key: "city", label: t("reports.vn.city"), render: (r) => r.city ?? "" },
    { key: "class", label: t("reports.vn.class"), render: (r) => <ClassBadge accountClass={r.accountClass} /> },
    { key: "owner", label: t("reports.vn.owner"), render: (r) => r.owner?.name ?? "" },
    { key: "visits", label: t("reports.vn.visitsNorm"), numeric: true, render: (r) => `${r.visits} / ${r.norm}` },
    {
      key: "shortfall",
      label: t("reports.vn.shortfall"),
      numeric: true,
      render: (r) => (
        <Badge size="sm" color="red" variant="light">
          −{r.shortfall}
        </Badge>
      ),
    },
    { key: "last", label: t("reports.vn.lastVisit"), render: (r) => (r.lastVisitOn ? formatDate(r.lastVisitOn) : t("reports.vn.never")) },
  ];
  if (report.belowNorm.length === 0) return <Text c="dimmed">{t("reports.vn.allMeetNorm")}</Text>;
  return (
    <>
      <ResponsiveTable rows={report.belowNorm.slice(0, shown)} columns={belowColumns} rowKey={(r) => r.relation.id} label={t("reports.vn.belowNorm")} minWidth={760} />
      {shown < report.belowNorm.length && (
        <Group justify="center">
          <Button variant="default" onClick={() => setShown((n) => n + STEP * 4)}>
            {t("reports.vn.showMore", { shown: formatCount(shown), count: formatCount(report.belowNorm.length) })}
          </Button>
        </Group>
      )}
      {shown >= report.belowNorm.length && report.belowNorm.length < report.belowNormCount && (
        <Text size="sm" c="dimmed">
          {t("reports.vn.capped", { shown: formatCount(report.belowNorm.length), count: formatCount(report.belowNormCount) })}
        </Text>
      )}
    </>
  );
}

export function VisitNormsSection() {
  const { t } = useTranslation();
  const users = useUsers();
  const [asOf, setAsOf] = useState(amsterdamToday());
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const report = useVisitNormsReport(asOf, ownerId, isIsoDate(asOf));

  return (
    <Card withBorder component="section" aria-labelledby="report-vn-title">
      <Stack>
        <Title order={2} size="h4" id="report-vn-title">
          {t("reports.vn.title")}
        </Title>
        <Group align="end">
          <DateField label={t("reports.vn.asOf")} value={asOf} onChange={setAsOf} />
          <Select
            label={t("reports.vn.owner")}
            placeholder={t("reports.vn.allReps")}
            data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
            value={ownerId}
            onChange={setOwnerId}
            clearable
            searchable
          />
        </Group>
        {report.isPending ? (
          isIsoDate(asOf) ? <PageLoader /> : null
        ) : report.isError ? (
          <ErrorAlert error={report.error} reveal={false} />
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t("reports.vn.summary", {
                from: formatDate(report.data.windowFrom),
                to: formatDate(report.data.asOf),
                norms: NORM_CLASSES.map((c) => `${t(`accountClass.${c}`)} ${report.data.norms[c]}×`).join(", "),
              })}
            </Text>
            <Text size="xs" c="dimmed">
              {t("reports.vn.legend")}
            </Text>
            <RepsTable report={report.data} />
            <Title order={3} size="h5">
              {t("reports.vn.belowNorm")} ({formatCount(report.data.belowNormCount)})
            </Title>
            <BelowNormTable key={`${asOf}:${ownerId ?? ""}`} report={report.data} />
          </>
        )}
      </Stack>
    </Card>
  );
}
