// /sales/pareto: relations by revenue over a period with their cumulative share — the real Pareto
// curve beside the 80/20 rule — and the A/B/C class each would get from the thresholds of its market
// segment. Strategic overrides are kept and shown with their reason, key accounts flagged; a manager
// accepts proposals one by one, a selection, or all, and sets the thresholds (DOMAIN.md: the system
// proposes, a person decides).
import { Alert, Anchor, Button, Checkbox, Group, Modal, SimpleGrid, Stack, Text, Title, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { can } from "../../../domain/roles.js";
import { isMonth } from "../../../domain/calendar.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { formatCount } from "../../i18n/format.js";
import { useCurrentUser } from "../auth/session.js";
import { useRelation } from "../relations/relations.api.js";
import { currentMonth } from "../quotes/months.js";
import { Chart } from "./Chart.js";
import { MonthInput } from "./MonthInput.js";
import { lastTwelveMonths } from "./report-state.js";
import { type Pareto, type ParetoRow, useAcceptProposals, useClassProposals, usePareto } from "./sales.api.js";
import { formatBp, formatEurosWhole } from "./sales-format.js";
import { type Column, ResponsiveTable } from "../../components/ResponsiveTable.js";
import { ClassTag, Kpi, Section, Tag } from "./SalesBits.js";
import { SalesNav } from "./SalesNav.js";
import { ThresholdsEditor } from "./ThresholdsEditor.js";

export function ParetoPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const month = currentMonth();
  const [params, setParams] = useSearchParams();
  const base = lastTwelveMonths(month);
  const from = isMonth(params.get("from") ?? "") ? (params.get("from") as string) : base.from;
  const to = isMonth(params.get("to") ?? "") ? (params.get("to") as string) : base.to;
  const valid = from <= to;
  const manager = can(user.role, "reports.team");
  const pareto = usePareto(from, to, valid);
  const setPeriod = (f: string, tt: string) => setParams({ from: f, to: tt }, { replace: true });
  return (
    <Stack>
      <SalesNav />
      <Title order={1}>{t("sales.pareto.title")}</Title>
      <Text size="sm" c="dimmed">
        {t("sales.pareto.intro")}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <MonthInput label={t("sales.from")} value={from} maxMonth={month} onChange={(m) => setPeriod(m, to)} />
        <MonthInput label={t("sales.to")} value={to} maxMonth={month} onChange={(m) => setPeriod(from, m)} error={valid ? undefined : t("sales.periodReversed")} />
      </SimpleGrid>
      {pareto.isError ? (
        <ErrorAlert error={pareto.error} reveal={false} />
      ) : !valid ? null : pareto.isPending ? (
        <PageLoader />
      ) : (
        <>
          <ParetoSummary pareto={pareto.data} />
          <ParetoTable pareto={pareto.data} manager={manager} from={from} to={to} />
        </>
      )}
      {manager && <ThresholdsEditor />}
    </Stack>
  );
}

function ParetoSummary({ pareto }: { pareto: Pareto }) {
  const { t } = useTranslation();
  const chart = useMemo(
    () => ({
      categories: pareto.curve.map((p) => `${Math.round(p.relationsBp / 100)} %`),
      series: [
        { name: t("sales.pareto.curve"), type: "line" as const, data: pareto.curve.map((p) => p.revenueBp) },
        { name: t("sales.pareto.even"), type: "line" as const, data: pareto.curve.map((p) => p.relationsBp), dashed: true, color: "#adb5bd" },
      ],
    }),
    [pareto, t],
  );
  return (
    <Section title={t("sales.pareto.curveTitle")} id="pareto-curve">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="dl" m={0}>
        <Kpi label={t("sales.pareto.relations")} value={formatCount(pareto.relations)} />
        <Kpi label={t("sales.pareto.totalRevenue")} value={formatEurosWhole(pareto.totalRevenue)} />
        <Kpi label={t("sales.pareto.top20")} value={formatBp(pareto.top20Bp)} hint={t("sales.pareto.top20Hint")} testId="top20" />
        <Kpi label={t("sales.pareto.for80")} value={formatCount(pareto.relationsFor80)} hint={pareto.relations > 0 ? t("sales.pareto.for80Hint", { share: formatBp(Math.round((pareto.relationsFor80 * 10_000) / pareto.relations)) }) : undefined} />
      </SimpleGrid>
      {pareto.curve.length > 1 && <Chart categories={chart.categories} series={chart.series} kind="bp" label={t("sales.pareto.chartLabel")} height={280} />}
    </Section>
  );
}

/** Rows shown at first and added per "show more". */
const STEP = 25;

/** Proposals a manager can accept: the class changes and nothing keeps it (no override, no key account). */
const acceptable = (r: { accountClass: string | null; proposedClass: string; kept: string | null }) => r.kept === null && r.proposedClass !== r.accountClass;

function ParetoTable({ pareto, manager, from, to }: { pareto: Pareto; manager: boolean; from: string; to: string }) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [shown, setShown] = useState(STEP);
  const accept = useAcceptProposals();
  const proposals = useClassProposals(from, to, manager);
  const [allOpen, allDialog] = useDisclosure(false);
  const allIds = (proposals.data?.items ?? []).filter(acceptable).map((p) => p.relation.id);
  const run = (ids: number[]) =>
    accept.mutate(
      { from, to, relationIds: ids },
      {
        onSuccess: () => {
          setSelected(new Set());
          allDialog.close();
        },
      },
    );
  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      next.has(id) ? next.delete(id) : next.add(id);
      return next;
    });
  const selectable = pareto.rows.slice(0, shown).filter(acceptable);
  const selectBox = (r: ParetoRow) => (
    <Checkbox aria-label={t("sales.pareto.select", { name: r.relation.name })} checked={selected.has(r.relation.id)} onChange={() => toggle(r.relation.id)} />
  );
  const acceptButton = (r: ParetoRow) => (
    <Button size="compact-xs" variant="light" disabled={accept.isPending} onClick={() => run([r.relation.id])} aria-label={t("sales.pareto.acceptOne", { name: r.relation.name })}>
      {t("sales.pareto.accept")}
    </Button>
  );
  const allShown = selectable.length > 0 && selectable.every((r) => selected.has(r.relation.id));
  const columns: Column<ParetoRow>[] = [
    ...(manager
      ? [
          {
            key: "select",
            tableOnly: true,
            width: 36,
            label: (
              <Checkbox
                aria-label={t("sales.pareto.selectAllShown")}
                checked={allShown}
                indeterminate={selected.size > 0 && !allShown}
                disabled={selectable.length === 0}
                onChange={(e) => setSelected(e.currentTarget.checked ? new Set(selectable.map((r) => r.relation.id)) : new Set())}
              />
            ),
            render: (r: ParetoRow) => (acceptable(r) ? selectBox(r) : null),
          },
        ]
      : []),
    {
      key: "relation",
      label: t("sales.dimensions.debtor"),
      render: (r) => (
        <Anchor component={Link} to={`/relations/${r.relation.id}`} size="sm">
          {r.rank}. {r.relation.name}
        </Anchor>
      ),
    },
    { key: "revenue", label: t("sales.measures.revenue"), numeric: true, render: (r) => formatEurosWhole(r.revenue) },
    { key: "cumulative", label: t("sales.pareto.cumulative"), numeric: true, render: (r) => formatBp(r.cumulativeBp) },
    { key: "class", label: t("sales.pareto.class"), render: (r) => (r.accountClass ? <ClassTag accountClass={r.accountClass} override={r.override} /> : <Text span size="sm" c="dimmed">{t("sales.noClass")}</Text>) },
    { key: "proposed", label: t("sales.pareto.proposed"), render: (r) => <Proposal row={r} /> },
    ...(manager ? [{ key: "accept", tableOnly: true, label: "", render: (r: ParetoRow) => (acceptable(r) ? acceptButton(r) : null) }] : []),
  ];
  return (
    <Section
      title={t("sales.pareto.tableTitle", { count: pareto.rows.length })}
      id="pareto-table"
      actions={
        manager ? (
          <Group gap="xs">
            <Button size="xs" variant="default" disabled={selected.size === 0} loading={accept.isPending && !allOpen} onClick={() => run([...selected])}>
              {t("sales.pareto.acceptSelected", { count: selected.size })}
            </Button>
            <Button size="xs" disabled={allIds.length === 0} onClick={allDialog.open}>
              {t("sales.pareto.acceptAll", { count: allIds.length })}
            </Button>
          </Group>
        ) : undefined
      }
    >
      {accept.isError && <ErrorAlert error={accept.error} />}
      {accept.isSuccess && (
        <Alert color="green" role="status">
          {t("sales.pareto.accepted", { applied: accept.data.applied, skipped: accept.data.skipped })}
        </Alert>
      )}
      {pareto.rows.length === 0 ? (
        <Text c="dimmed">{t("sales.noFigures")}</Text>
      ) : (
        <ResponsiveTable
          rows={pareto.rows.slice(0, shown)}
          columns={columns}
          rowKey={(r) => r.relation.id}
          label={t("sales.pareto.tableTitle", { count: pareto.rows.length })}
          minWidth={manager ? 860 : 720}
          cardActions={manager ? (r) => (acceptable(r) ? <Group gap="sm">{selectBox(r)}{acceptButton(r)}</Group> : null) : undefined}
        />
      )}
      {shown < pareto.rows.length && (
        <Group justify="center">
          <Button variant="default" size="xs" onClick={() => setShown((n) => n + STEP)}>
            {t("sales.pareto.showMore", { shown: shown, total: pareto.rows.length })}
          </Button>
        </Group>
      )}
      {pareto.relations > pareto.rows.length && shown >= pareto.rows.length && (
        <Text size="xs" c="dimmed">
          {t("sales.pareto.capped", { shown: formatCount(pareto.rows.length), total: formatCount(pareto.relations) })}
        </Text>
      )}
      <Modal opened={allOpen} onClose={allDialog.close} title={t("sales.pareto.acceptAllTitle")}>
        <Stack>
          <Text size="sm">{t("sales.pareto.acceptAllText", { count: allIds.length })}</Text>
          {accept.isError && <ErrorAlert error={accept.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={allDialog.close}>
              {t("common.cancel")}
            </Button>
            <Button loading={accept.isPending} onClick={() => run(allIds)}>
              {t("sales.pareto.acceptAllButton", { count: allIds.length })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}

function Proposal({ row }: { row: ParetoRow }) {
  const { t } = useTranslation();
  if (row.kept === "override") return <OverrideKept relationId={row.relation.id} />;
  if (row.kept === "key_account") return <Tag color="grape">{t("sales.pareto.keyAccountKept")}</Tag>;
  if (row.proposedClass === row.accountClass) {
    return (
      <Text span size="sm" c="dimmed">
        {t("sales.pareto.unchanged")}
      </Text>
    );
  }
  return (
    <Group gap={4} wrap="nowrap">
      <Text span size="sm" c="dimmed">
        →
      </Text>
      <ClassTag accountClass={row.proposedClass} />
    </Group>
  );
}

/** A strategic override is kept; its reason is read from the relation (few rows have one). */
function OverrideKept({ relationId }: { relationId: number }) {
  const { t } = useTranslation();
  const relation = useRelation(relationId);
  const reason = relation.data?.classOverrideReason ?? null;
  const badge = <Tag color="orange">{t("sales.pareto.overrideKept")}</Tag>;
  return (
    <Stack gap={2}>
      {reason ? (
        <Tooltip label={reason} multiline maw={320} withinPortal>
          <span>{badge}</span>
        </Tooltip>
      ) : (
        badge
      )}
      {reason && (
        <Text size="xs" c="dimmed" lineClamp={2} maw={240}>
          {reason}
        </Text>
      )}
    </Stack>
  );
}
