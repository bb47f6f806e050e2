// Which column of the file feeds each field of a sales line: recognised from the headers (Dutch or
// English), remembered from an earlier file with the same columns, or chosen here — one select per
// field. Changing it (or "create missing") analyses the file again; the choice is remembered.
import { Badge, Button, Collapse, Group, NativeSelect, SimpleGrid, Switch, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { type SalesImport, useSetSalesMapping } from "./sales-import.api.js";
import { Section } from "./SalesBits.js";

const SOURCE_COLORS: Record<string, string> = { remembered: "green", recognised: "blue", chosen: "grape" };

interface Props {
  job: SalesImport;
  disabled: boolean;
  onAnalysing: (job: SalesImport) => void;
}

export function SalesMapping({ job, disabled, onAnalysing }: Props) {
  const { t } = useTranslation();
  const save = useSetSalesMapping(job.id);
  const [mapping, setMapping] = useState<Record<string, number>>(job.mapping);
  const [createMissing, setCreateMissing] = useState(job.createMissing);
  // A fresh analysis (or another import) brings the server's mapping back.
  useEffect(() => {
    setMapping(job.mapping);
    setCreateMissing(job.createMissing);
  }, [job.mapping, job.createMissing]);
  const needsChoice = job.status === "mapping";
  const [open, toggle] = useDisclosure(needsChoice);
  const missing = job.requiredFields.filter((f) => mapping[f] === undefined);
  const changed = JSON.stringify(Object.entries(mapping).sort()) !== JSON.stringify(Object.entries(job.mapping).sort()) || createMissing !== job.createMissing;
  const fieldLabel = (f: string) => t(`sales.import.fields.${f}`, { defaultValue: f });
  const columnOptions = [{ value: "", label: t("sales.import.notInFile") }, ...job.headers.map((h, i) => ({ value: String(i), label: h || t("sales.import.columnNumber", { number: i + 1 }) }))];
  const choose = (field: string, column: string) =>
    setMapping((current) => {
      const next = { ...current };
      delete next[field];
      if (column !== "") {
        // One column feeds one field.
        for (const [f, c] of Object.entries(next)) if (c === Number(column)) delete next[f];
        next[field] = Number(column);
      }
      return next;
    });
  const recognised = job.fields.filter((f) => job.mapping[f] !== undefined);
  return (
    <Section
      title={t("sales.import.mappingTitle")}
      id="sales-mapping"
      actions={
        <Badge color={SOURCE_COLORS[job.mappingSource] ?? "gray"} variant="light" style={{ textTransform: "none" }}>
          {t(`sales.import.mappingSource.${job.mappingSource}`)}
        </Badge>
      }
    >
      <Text size="sm">
        {recognised.length > 0
          ? t("sales.import.mappingSummary", { fields: recognised.map((f) => `${fieldLabel(f)} ← ${job.headers[job.mapping[f] as number] ?? "?"}`).join(", ") })
          : t("sales.import.mappingNone")}
      </Text>
      <Group gap="sm" align="center">
        <Button variant="subtle" size="compact-sm" onClick={toggle.toggle} aria-expanded={open} aria-controls="sales-mapping-fields">
          {open ? t("sales.import.hideMapping") : t("sales.import.changeMapping")}
        </Button>
        <Switch
          label={t("sales.import.createMissing")}
          checked={createMissing}
          disabled={disabled}
          onChange={(e) => setCreateMissing(e.currentTarget.checked)}
        />
      </Group>
      <Collapse expanded={open} id="sales-mapping-fields">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          {job.fields.map((f) => (
            <NativeSelect
              key={f}
              label={fieldLabel(f)}
              withAsterisk={job.requiredFields.includes(f)}
              data={columnOptions}
              value={mapping[f] === undefined ? "" : String(mapping[f])}
              onChange={(e) => choose(f, e.currentTarget.value)}
              disabled={disabled}
              error={missing.includes(f) ? t("sales.import.fieldRequired") : undefined}
            />
          ))}
        </SimpleGrid>
      </Collapse>
      {save.isError && <ErrorAlert error={save.error} fields={save.error instanceof ApiError ? save.error.fields : []} fieldLabel={(f) => fieldLabel(f.replace(/^mapping\./, ""))} />}
      {(changed || needsChoice) && (
        <Group>
          <Button
            disabled={disabled || missing.length > 0}
            loading={save.isPending}
            onClick={() => save.mutate({ mapping, createMissing }, { onSuccess: onAnalysing })}
          >
            {t("sales.import.analyseAgain")}
          </Button>
          {missing.length > 0 && (
            <Text size="sm" c="orange.8">
              {t("sales.import.missingFields", { fields: missing.map(fieldLabel).join(", ") })}
            </Text>
          )}
        </Group>
      )}
    </Section>
  );
}

