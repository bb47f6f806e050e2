// The choices of the sales report: measures, up to three dimensions, the period, last year beside it,
// the moving annual total, top N, and filters — only what the viewer's policy offers.
import { Badge, Button, Chip, CloseButton, Collapse, Group, MultiSelect, Select, SimpleGrid, Stack, Switch, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { SalesDimension, SalesMeasure, Viewer } from "../../../domain/access.js";
import { useRayons, useSbiSections } from "../../api/reference.js";
import { useProductGroups, useSegments } from "../products/products.api.js";
import { MonthInput } from "./MonthInput.js";
import { FILTER_DIMENSIONS, filterableRayons, MAX_DIMENSIONS, offeredDimensions, offeredMeasures, type ReportState } from "./report-state.js";
import { useSalespeople } from "./sales.api.js";
import { ProductFilter } from "./ProductFilter.js";

export const PROVINCES = ["Drenthe", "Flevoland", "Fryslân", "Gelderland", "Groningen", "Limburg", "Noord-Brabant", "Noord-Holland", "Overijssel", "Utrecht", "Zeeland", "Zuid-Holland"];
const CLASSES = ["key", "A", "B", "C"];
const TOP_N = ["10", "20", "50", "100", "500"];

interface Props {
  viewer: Viewer;
  state: ReportState;
  month: string;
  onChange: (change: Partial<ReportState>) => void;
  problems: Record<string, string>;
}

export function ReportControls({ viewer, state, month, onChange, problems }: Props) {
  const { t } = useTranslation();
  const measures = offeredMeasures(viewer);
  const dimensions = offeredDimensions(viewer);
  const matPossible = state.dimensions.includes("month") && !state.measures.some((m) => m === "customers" || m === "invoices");
  const filterCount = Object.values(state.filters).filter((v) => v && v.length > 0).length;
  const [filtersOpen, filters] = useDisclosure(filterCount > 0);
  return (
    <Stack gap="sm">
      <Stack gap={4}>
        <Text size="sm" fw={500} id="report-measures">
          {t("sales.report.measures")}
        </Text>
        <Chip.Group multiple value={state.measures} onChange={(value) => value.length > 0 && onChange({ measures: measures.filter((m) => value.includes(m)) as SalesMeasure[] })}>
          <Group gap={6} role="group" aria-labelledby="report-measures">
            {measures.map((m) => (
              <Chip key={m} value={m} size="sm">
                {t(`sales.measures.${m}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <MultiSelect
          label={t("sales.report.dimensions", { max: MAX_DIMENSIONS })}
          placeholder={state.dimensions.length === 0 ? t("sales.report.noDimension") : undefined}
          data={dimensions.map((d) => ({ value: d, label: t(`sales.dimensions.${d}`) }))}
          value={state.dimensions}
          onChange={(value) => onChange({ dimensions: value as SalesDimension[] })}
          maxValues={MAX_DIMENSIONS}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
        <MonthInput label={t("sales.from")} value={state.from} maxMonth={month} onChange={(from) => onChange({ from })} error={problems.from} />
        <MonthInput label={t("sales.to")} value={state.to} maxMonth={month} onChange={(to) => onChange({ to })} error={problems.to} />
        <Select
          label={t("sales.report.top")}
          data={[{ value: "", label: t("sales.report.topAll") }, ...TOP_N.map((n) => ({ value: n, label: t("sales.report.topN", { n }) }))]}
          value={state.limit === null ? "" : String(state.limit)}
          onChange={(value) => onChange({ limit: value ? Number(value) : null })}
          allowDeselect={false}
        />
      </SimpleGrid>
      <Group gap="lg" align="center">
        <Switch label={t("sales.report.compare")} checked={state.compare} disabled={state.mat} onChange={(e) => onChange({ compare: e.currentTarget.checked })} />
        <Switch
          label={t("sales.report.mat")}
          description={matPossible ? undefined : t("sales.report.matNeedsMonth")}
          checked={state.mat}
          disabled={!matPossible}
          onChange={(e) => onChange({ mat: e.currentTarget.checked, ...(e.currentTarget.checked ? { compare: false } : {}) })}
        />
        <Button variant="subtle" size="compact-sm" onClick={filters.toggle} aria-expanded={filtersOpen} aria-controls="report-filters">
          {t("sales.report.filters")}
          {filterCount > 0 && (
            <Badge ml={6} size="sm" circle>
              {filterCount}
            </Badge>
          )}
        </Button>
      </Group>
      <Collapse expanded={filtersOpen} id="report-filters">
        <Filters viewer={viewer} state={state} offered={dimensions} onChange={onChange} />
      </Collapse>
    </Stack>
  );
}

function Filters({ viewer, state, offered, onChange }: { viewer: Viewer; state: ReportState; offered: SalesDimension[]; onChange: Props["onChange"] }) {
  const { t } = useTranslation();
  const rayons = useRayons();
  const groups = useProductGroups();
  const segments = useSegments();
  const reps = useSalespeople();
  const sbi = useSbiSections();
  const allowedRayons = filterableRayons(viewer, state);
  const setFilter = (d: SalesDimension, values: (string | number)[]) => onChange({ filters: { ...state.filters, [d]: values } });
  const options = useMemo(
    () => ({
      rayon: (rayons.data ?? []).filter((r) => allowedRayons === null || allowedRayons.includes(r.id)).map((r) => ({ value: String(r.id), label: r.name })),
      productGroup: (groups.data ?? []).map((g) => ({ value: String(g.id), label: g.name })),
      segment: (segments.data ?? []).map((s) => ({ value: String(s.id), label: s.name })),
      rep: (reps.data ?? []).map((r) => ({ value: String(r.id), label: r.name })),
      class: CLASSES.map((c) => ({ value: c, label: t(`accountClass.${c}`) })),
      province: PROVINCES.map((p) => ({ value: p, label: p })),
      sbiSection: (sbi.data ?? []).map((s) => ({ value: s.section, label: `${s.section} ${s.name_nl.charAt(0)}${s.name_nl.slice(1).toLowerCase()}` })),
    }),
    [rayons.data, groups.data, segments.data, reps.data, sbi.data, allowedRayons, t],
  );
  const numeric = (d: SalesDimension) => d !== "class" && d !== "province" && d !== "sbiSection";
  const shown = FILTER_DIMENSIONS.filter((d) => offered.includes(d) && d !== "debtor" && d !== "product") as (keyof typeof options)[];
  return (
    <Stack gap="sm">
      {allowedRayons !== null && (
        <Text size="xs" c="dimmed">
          {t("sales.report.ownRayonsOnly")}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        {shown.map((d) => (
          <MultiSelect
            key={d}
            label={t(`sales.dimensions.${d}`)}
            placeholder={(state.filters[d] ?? []).length === 0 ? t("sales.report.all") : undefined}
            data={options[d]}
            value={(state.filters[d] ?? []).map(String)}
            onChange={(values) => setFilter(d, numeric(d) ? values.map(Number) : values)}
            searchable
            clearable
            comboboxProps={{ withinPortal: true }}
          />
        ))}
        {offered.includes("product") && (
          <ProductFilter value={(state.filters.product ?? [])[0] as number | undefined} onChange={(id) => setFilter("product", id === null ? [] : [id])} />
        )}
      </SimpleGrid>
      {(state.filters.debtor ?? []).length > 0 && (
        <Group gap="xs">
          <Badge variant="light" size="lg" style={{ textTransform: "none" }} rightSection={<CloseButton size="xs" aria-label={t("sales.report.removeDebtorFilter")} onClick={() => setFilter("debtor", [])} />}>
            {t("sales.report.debtorFilter", { count: (state.filters.debtor ?? []).length })}
          </Badge>
        </Group>
      )}
    </Stack>
  );
}
