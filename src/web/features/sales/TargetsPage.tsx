// /sales/targets: the revenue target of every rayon per month of a year, as one table (month ×
// rayon). Managers (sales.import) type them in euros or import a spreadsheet (Maand, Rayon, Verkoper,
// Artikelgroep, Omzet, Afzet — all rows or none); everyone else reads them.
import { Alert, Button, FileButton, Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { monthRange } from "../../../domain/calendar.js";
import { can } from "../../../domain/roles.js";
import { ApiError } from "../../api/client.js";
import { useRayons } from "../../api/reference.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { useCurrentUser } from "../auth/session.js";
import { uploadProblem } from "../imports/UploadStep.js";
import { currentMonth, formatMonth } from "../quotes/months.js";
import { MoneyInput } from "../quotes/MoneyInput.js";
import { type TargetInput, useImportTargets, useSaveTargets, useTargets } from "./sales.api.js";
import { formatEurosWhole } from "./sales-format.js";
import { numberCell, Section } from "./SalesBits.js";
import { SalesNav } from "./SalesNav.js";

type Cells = Record<string, number | string>;
const cellKey = (month: string, rayonId: number) => `${month}|${rayonId}`;

export function TargetsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const editable = can(user.role, "sales.import");
  const [params, setParams] = useSearchParams();
  const thisYear = Number(currentMonth().slice(0, 4));
  const year = Number(params.get("year")) || thisYear;
  const months = useMemo(() => monthRange(`${year}-01`, `${year}-12`), [year]);
  const rayons = useRayons();
  const targets = useTargets(`${year}-01`, `${year}-12`);
  const save = useSaveTargets();
  const importFile = useImportTargets();
  const [importProblem, setImportProblem] = useState<string | null>(null);

  // Rayon targets only (not per rep or product group): what this table edits.
  const stored = useMemo(() => {
    const out: Record<string, number> = {};
    for (const target of targets.data ?? []) {
      if (target.rayon && !target.salesperson && !target.productGroup) out[cellKey(target.month, target.rayon.id)] = target.revenueCents;
    }
    return out;
  }, [targets.data]);
  const [cells, setCells] = useState<Cells>({});
  useEffect(() => setCells(Object.fromEntries(Object.entries(stored).map(([k, c]) => [k, Math.round(c / 100)]))), [stored]);
  const changes: TargetInput[] = [];
  for (const [k, v] of Object.entries(cells)) {
    const [month, rayon] = k.split("|") as [string, string];
    const cents = Math.round(Number(v || 0) * 100);
    if ((stored[k] ?? 0) !== cents && !(stored[k] === undefined && v === "")) changes.push({ month, rayonId: Number(rayon), revenueCents: cents });
  }
  const all = rayons.data ?? [];
  // On a phone one rayon at a time (a column of twelve months fits; five columns do not).
  const phone = useMediaQuery("(max-width: 48em)") ?? false;
  const [chosen, setChosen] = useState<string | null>(null);
  const list = phone ? all.filter((r) => String(r.id) === (chosen ?? String(all[0]?.id))) : all;
  const total = (rayonId: number) => months.reduce((s, m) => s + Math.round(Number(cells[cellKey(m, rayonId)] || 0) * 100), 0);

  return (
    <Stack>
      <SalesNav />
      <Title order={1}>{t("sales.targets.title")}</Title>
      <Text size="sm" c="dimmed">
        {t(editable ? "sales.targets.introEdit" : "sales.targets.intro")}
      </Text>
      <Group align="flex-end" gap="sm">
        <Select
          label={t("sales.targets.year")}
          data={[thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: String(y), label: String(y) }))}
          value={String(year)}
          onChange={(y) => y && setParams({ year: y }, { replace: true })}
          allowDeselect={false}
          w={120}
        />
        {editable && (
          <FileButton
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(file) => {
              if (!file) return;
              setImportProblem(null);
              importFile.mutate(file, { onError: (error) => setImportProblem(uploadProblem(t, error).message) });
            }}
          >
            {(props) => (
              <Button {...props} variant="default" loading={importFile.isPending}>
                {t("sales.targets.import")}
              </Button>
            )}
          </FileButton>
        )}
      </Group>
      {editable && (
        <Text size="xs" c="dimmed">
          {t("sales.targets.importHint")}
        </Text>
      )}
      {importProblem && (
        <Alert color="red" role="alert" title={t("sales.targets.importFailed")}>
          {importProblem}
          {importFile.error instanceof ApiError &&
            importFile.error.fields.slice(0, 10).map((f) => (
              <Text key={`${f.field}:${f.code}`} size="xs">
                {f.field}: {f.message}
              </Text>
            ))}
        </Alert>
      )}
      {importFile.isSuccess && (
        <Alert color="green" role="status">
          {t("sales.targets.imported", { count: importFile.data.imported })}
        </Alert>
      )}
      {targets.isError || rayons.isError ? (
        <ErrorAlert error={targets.error ?? rayons.error} reveal={false} />
      ) : targets.isPending || rayons.isPending ? (
        <PageLoader />
      ) : all.length === 0 ? (
        <Text c="dimmed">{t("sales.targets.noRayons")}</Text>
      ) : (
        <Section title={t("sales.targets.tableTitle", { year })} id="targets-table">
          {phone && (
            <Select
              label={t("sales.dimensions.rayon")}
              data={all.map((r) => ({ value: String(r.id), label: r.name }))}
              value={chosen ?? String(all[0]?.id ?? "")}
              onChange={setChosen}
              allowDeselect={false}
            />
          )}
          <Table.ScrollContainer minWidth={140 + list.length * (editable ? 150 : 120)}>
            <Table striped fz="sm" aria-label={t("sales.targets.tableTitle", { year })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("sales.dimensions.month")}</Table.Th>
                  {list.map((r) => (
                    <Table.Th key={r.id} style={numberCell}>
                      {r.name}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {months.map((m) => (
                  <Table.Tr key={m}>
                    <Table.Th scope="row" fw={500} style={{ whiteSpace: "nowrap" }}>
                      {formatMonth(m)}
                    </Table.Th>
                    {list.map((r) => {
                      const k = cellKey(m, r.id);
                      return (
                        <Table.Td key={r.id} style={numberCell}>
                          {editable ? (
                            <MoneyInput
                              aria-label={t("sales.targets.cell", { rayon: r.name, month: formatMonth(m) })}
                              value={cells[k] ?? ""}
                              decimalScale={0}
                              size="xs"
                              miw={120}
                              onChange={(v) => setCells((c) => ({ ...c, [k]: String(v) }))}
                            />
                          ) : stored[k] === undefined ? (
                            "—"
                          ) : (
                            formatEurosWhole(stored[k])
                          )}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr fw={700}>
                  <Table.Th scope="row">{t("sales.total")}</Table.Th>
                  {list.map((r) => (
                    <Table.Td key={r.id} style={numberCell}>
                      {formatEurosWhole(total(r.id))}
                    </Table.Td>
                  ))}
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
          {editable && (
            <Group justify="flex-end" gap="sm">
              {changes.length > 0 && (
                <Text size="sm" c="dimmed">
                  {t("sales.targets.changed", { count: changes.length })}
                </Text>
              )}
              <Button disabled={changes.length === 0} loading={save.isPending} onClick={() => save.mutate(changes)}>
                {t("sales.targets.save")}
              </Button>
            </Group>
          )}
          {save.isError && <ErrorAlert error={save.error} />}
          {save.isSuccess && changes.length === 0 && (
            <Alert color="green" role="status">
              {t("sales.targets.saved", { count: save.data.saved })}
            </Alert>
          )}
        </Section>
      )}
    </Stack>
  );
}
