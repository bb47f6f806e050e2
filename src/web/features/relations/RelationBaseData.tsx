// The base data of a relation: NAW, addresses, contact details, group, sales information, notes.
// Every value is rendered as text (never as HTML); links only for http(s), tel and mailto.
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { supplierComparison } from "../../../domain/requirements.js";
import type { RelationDetail } from "../../api/types.js";
import { Field, FieldList } from "../../components/Field.js";
import { formatCents, formatDate, formatMetres } from "../../i18n/format.js";
import { RequirementBadges, SupplierComparison } from "./RequirementBadges.js";

function addressLines(street: string | null, houseNumber: string | null, postcode: string | null, city: string | null, country: string | null): string {
  const line1 = [street, houseNumber].filter(Boolean).join(" ");
  const line2 = [postcode, city].filter(Boolean).join("  ");
  const line3 = country && country !== "NL" ? country : "";
  return [line1, line2, line3].filter((l) => l !== "").join("\n");
}

const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

/** Where the relation's coordinate came from and how far off it may be, in a small line. */
function GeoNote({ relation: r }: { relation: RelationDetail }) {
  const { t } = useTranslation();
  const c = r.coordinates;
  const precision = c?.precisionM != null ? formatMetres(c.precisionM) : "?";
  let text: string;
  if (!c) text = t("relation.geo.none");
  else if (c.source === "pc4") text = t("relation.geo.pc4", { area: (r.visitPostcode ?? "").slice(0, 4), precision });
  else if (c.source === "place") text = t("relation.geo.place", { place: r.visitCity ?? "", precision });
  else if (c.source === "pc6") text = t("relation.geo.pc6", { precision });
  else if (c.source === "manual") text = t("relation.geo.manual");
  else text = t("relation.geo.unknown");
  return (
    <Text size="xs" c="dimmed" data-testid="relation-geo">
      {text}
    </Text>
  );
}

export function RelationBaseData({ relation: r }: { relation: RelationDetail }) {
  const { t, i18n } = useTranslation();
  const label = (field: string) => t(`relationFields.${field}`);
  const visit = addressLines(r.visitStreet, r.visitHouseNumber, r.visitPostcode, r.visitCity, r.visitCountry);
  const postal = addressLines(r.postalStreet, r.postalHouseNumber, r.postalPostcode, r.postalCity, r.postalCountry);

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t("relation.baseData")}
        </Title>
        <FieldList>
          <Field label={label("name")}>{r.name}</Field>
          <Field label={label("legalForm")}>{r.legalForm ? t(`legalForm.${r.legalForm}`, { defaultValue: r.legalForm }) : null}</Field>
          <Field label={label("kvkNumber")}>{r.kvkNumber}</Field>
          <Field label={label("debtorNumber")}>{r.debtorNumber}</Field>
          <Field label={label("kind")}>{t(`kind.${r.kind}`, { defaultValue: r.kind })}</Field>
          <Field label={label("sbiCodes")}>
            {r.sbiCodes.length > 0 && (
              <Stack gap={2}>
                {r.sbiCodes.map((s) => (
                  <span key={s.code}>
                    {s.code} – {i18n.language === "en" ? s.nameEn : s.nameNl}
                  </span>
                ))}
              </Stack>
            )}
          </Field>
          <Field label={t("relation.visitAddress")}>{visit}</Field>
          <Field label={t("relation.geo.label")}>
            <GeoNote relation={r} />
          </Field>
          <Field label={t("relation.postalAddress")}>{postal}</Field>
        </FieldList>
      </Card>

      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t("relation.contact")}
        </Title>
        <FieldList>
          <Field label={label("phone")}>{r.phone && <Anchor href={`tel:${r.phone.replace(/[^+\d]/g, "")}`}>{r.phone}</Anchor>}</Field>
          <Field label={label("website")}>
            {r.website &&
              (isWebUrl(r.website) ? (
                <Anchor href={r.website} target="_blank" rel="noopener noreferrer">
                  {r.website}
                </Anchor>
              ) : (
                r.website
              ))}
          </Field>
          <Field label={label("email")}>{r.email && <Anchor href={`mailto:${r.email}`}>{r.email}</Anchor>}</Field>
          <Field label={label("parentId")}>
            {r.parent && (
              <Anchor component={Link} to={`/relations/${r.parent.id}`}>
                {r.parent.name}
              </Anchor>
            )}
          </Field>
          <Field label={t("relation.branches")}>
            {r.branches.length > 0 && (
              <Stack gap={2}>
                {r.branches.map((b) => (
                  <Anchor key={b.id} component={Link} to={`/relations/${b.id}`}>
                    {b.city ? `${b.name} (${b.city})` : b.name}
                  </Anchor>
                ))}
              </Stack>
            )}
          </Field>
          <Field label={label("ownerId")}>{r.owner?.name}</Field>
          <Field label={label("rayonId")}>{r.rayon?.name}</Field>
          <Field label={label("segmentId")}>{r.segment?.name}</Field>
        </FieldList>
      </Card>

      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t("relation.sales")}
        </Title>
        <FieldList>
          <Field label={label("revenuePotentialCents")}>{formatCents(r.revenuePotentialCents)}</Field>
          <Field label={label("currentSupplier")}>{r.currentSupplier}</Field>
          <Field label={label("contractEndDate")}>{formatDate(r.contractEndDate)}</Field>
          <Field label={label("competitorPriceNote")}>{r.competitorPriceNote}</Field>
          <Field label={label("productInterests")}>
            {r.productInterests.length > 0 && (
              <Group gap={4}>
                {r.productInterests.map((p) => (
                  <Badge key={p} variant="outline" color="gray" tt="none">
                    {p}
                  </Badge>
                ))}
              </Group>
            )}
          </Field>
          <Field label={label("requirements")}>
            {r.requirements.length > 0 && (
              <Stack gap={4}>
                <RequirementBadges requirements={r.requirements} />
                <SupplierComparison supplier={r.currentSupplier} comparison={supplierComparison(r.requirements)} />
              </Stack>
            )}
          </Field>
          {r.classOverride && <Field label={label("classOverrideReason")}>{r.classOverrideReason}</Field>}
        </FieldList>
      </Card>

      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {label("notes")}
        </Title>
        <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          {r.notes ?? t("common.empty")}
        </Text>
      </Card>
    </SimpleGrid>
  );
}
