// Two relations side by side, field by field: equal values are marked, and an empty field of the
// survivor that the duplicate will fill is marked too (the merge keeps every value the survivor has).
import { Badge, Table, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { RelationDetail } from "../../api/types.js";
import { ClassBadge, StatusBadge } from "../../components/badges.js";
import { formatCents, formatDate, formatInstant } from "../../i18n/format.js";
import { normalizedText } from "./merge-text.js";

interface Row {
  key: string;
  label: string;
  /** Comparable text; null when empty. */
  value: (r: RelationDetail) => string | null;
  show?: (r: RelationDetail) => ReactNode;
  /** Filled from the duplicate when the survivor has none (FILLABLE_COLUMNS of relation-merge.ts). */
  fillable: boolean;
}

const address = (street: string | null, number: string | null, postcode: string | null, city: string | null) =>
  [[street, number].filter(Boolean).join(" "), [postcode, city].filter(Boolean).join(" ")].filter((l) => l !== "").join(", ") || null;

function rows(t: TFunction): Row[] {
  const f = (field: string) => t(`relationFields.${field}`);
  return [
    { key: "name", label: f("name"), value: (r) => r.name, fillable: false },
    { key: "legalForm", label: f("legalForm"), value: (r) => (r.legalForm ? t(`legalForm.${r.legalForm}`, { defaultValue: r.legalForm }) : null), fillable: true },
    { key: "kvkNumber", label: f("kvkNumber"), value: (r) => r.kvkNumber, fillable: true },
    { key: "debtorNumber", label: f("debtorNumber"), value: (r) => r.debtorNumber, fillable: true },
    { key: "status", label: f("status"), value: (r) => r.status, show: (r) => <StatusBadge status={r.status} />, fillable: false },
    {
      key: "accountClass",
      label: f("accountClass"),
      value: (r) => r.accountClass,
      show: (r) => <ClassBadge accountClass={r.accountClass} override={r.classOverride} />,
      fillable: true,
    },
    { key: "visit", label: t("relation.visitAddress"), value: (r) => address(r.visitStreet, r.visitHouseNumber, r.visitPostcode, r.visitCity), fillable: true },
    { key: "postal", label: t("relation.postalAddress"), value: (r) => address(r.postalStreet, r.postalHouseNumber, r.postalPostcode, r.postalCity), fillable: true },
    { key: "phone", label: f("phone"), value: (r) => r.phone, fillable: true },
    { key: "email", label: f("email"), value: (r) => r.email, fillable: true },
    { key: "website", label: f("website"), value: (r) => r.website, fillable: true },
    { key: "owner", label: f("ownerId"), value: (r) => r.owner?.name ?? null, fillable: true },
    { key: "rayon", label: f("rayonId"), value: (r) => r.rayon?.name ?? null, fillable: true },
    { key: "parent", label: f("parentId"), value: (r) => r.parent?.name ?? null, fillable: true },
    { key: "revenuePotential", label: f("revenuePotentialCents"), value: (r) => (r.revenuePotentialCents === null ? null : formatCents(r.revenuePotentialCents)), fillable: true },
    { key: "currentSupplier", label: f("currentSupplier"), value: (r) => r.currentSupplier, fillable: true },
    { key: "contractEndDate", label: f("contractEndDate"), value: (r) => (r.contractEndDate ? formatDate(r.contractEndDate) : null), fillable: true },
    { key: "persons", label: t("merge.compare.persons"), value: (r) => (r.persons.length > 0 ? r.persons.map((p) => p.displayName).join(", ") : null), fillable: false },
    { key: "notes", label: f("notes"), value: (r) => r.notes, fillable: false },
    { key: "createdAt", label: t("merge.compare.createdAt"), value: (r) => formatInstant(r.createdAt), fillable: false },
  ];
}

interface Props {
  left: RelationDetail;
  right: RelationDetail;
  survivorId: number;
}

export function CompareTable({ left, right, survivorId }: Props) {
  const { t } = useTranslation();
  const survivor = survivorId === left.id ? left : right;
  const duplicate = survivorId === left.id ? right : left;
  const cell = (row: Row, r: RelationDetail) => {
    const value = row.value(r);
    const fills = r.id === survivor.id && row.fillable && value === null && row.value(duplicate) !== null;
    return (
      <Table.Td>
        {value === null ? <Text c="dimmed">{t("common.empty")}</Text> : row.show ? row.show(r) : <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{value}</Text>}
        {fills && (
          <Badge size="xs" color="teal" variant="light" mt={4}>
            {t("merge.compare.filled")}
          </Badge>
        )}
      </Table.Td>
    );
  };
  const heading = (r: RelationDetail) => (
    <Table.Th scope="col">
      {r.name} (#{r.id}){" "}
      <Badge size="xs" color={r.id === survivor.id ? "green" : "red"} variant="light">
        {r.id === survivor.id ? t("merge.compare.stays") : t("merge.compare.goes")}
      </Badge>
    </Table.Th>
  );
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table withColumnBorders aria-label={t("merge.compare.table")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("merge.compare.field")}</Table.Th>
            {heading(left)}
            {heading(right)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows(t).map((row) => {
            const a = row.value(left);
            const b = row.value(right);
            const same = a !== null && b !== null && normalizedText(a) === normalizedText(b);
            return (
              <Table.Tr key={row.key} bg={same ? "var(--mantine-color-green-light)" : undefined}>
                <Table.Th scope="row" fw={500}>
                  {row.label}
                  {same && (
                    <Text span size="xs" c="dimmed">
                      {" "}
                      ({t("merge.compare.same")})
                    </Text>
                  )}
                </Table.Th>
                {cell(row, left)}
                {cell(row, right)}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
