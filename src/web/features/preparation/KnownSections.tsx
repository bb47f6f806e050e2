// What Koers knows for the visit (steps 1–6 and 9 of the preparation), read-only, on the screen and
// on the printed sheet alike: company, sales history, CRM history, the persons met, route, what to
// bring, alternative addresses. Lists, not tables, so that a phone shows them without scrolling sideways.
import { Anchor, Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatCents, formatDate } from "../../i18n/format.js";
import { supplierComparison } from "../../../domain/requirements.js";
import { RequirementBadges, SupplierComparison } from "../relations/RequirementBadges.js";
import type { Sheet } from "./preparation.api.js";
import classes from "./preparation.module.css";

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="sm" className={classes.section} data-testid={testId}>
      <Title order={3} size="h5" mb={4}>
        {title}
      </Title>
      <Stack gap={4}>{children}</Stack>
    </Paper>
  );
}

function Line({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === "") return null;
  return (
    <Text size="sm" className={classes.wrap}>
      <Text span c="dimmed" size="sm">
        {label}:{" "}
      </Text>
      {children}
    </Text>
  );
}

function None({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

function Company({ sheet }: { sheet: Sheet }) {
  const { t } = useTranslation();
  const c = sheet.prefill.company;
  const r = sheet.research;
  return (
    <Section title={t("preparation.company.title")} testId="prep-company">
      <Text fw={600} className={classes.wrap}>
        {c.name}
        {c.legalForm ? ` (${c.legalForm})` : ""}
      </Text>
      <Group gap={4}>
        <Badge variant="light">{t(`status.${c.status}`)}</Badge>
        {c.accountClass && <Badge variant="outline">{t(`accountClass.${c.accountClass}`)}</Badge>}
      </Group>
      <Line label={t("preparation.company.sbi")}>{c.sbiCodes.map((s) => `${s.code} ${s.nameNl}`).join("; ")}</Line>
      <Line label={t("preparation.company.segment")}>{c.segment?.name}</Line>
      <Line label={t("preparation.company.website")}>
        {c.website ? (
          <Anchor href={c.website} target="_blank" rel="noreferrer" size="sm">
            {c.website}
          </Anchor>
        ) : null}
      </Line>
      <Line label={t("preparation.company.kvk")}>{c.kvkNumber}</Line>
      <Line label={t("preparation.company.group")}>{c.parent?.name}</Line>
      <Line label={t("preparation.company.branches")}>{c.branches.map((b) => (b.city ? `${b.name} (${b.city})` : b.name)).join(", ")}</Line>
      <Line label={t("preparation.company.supplier")}>{c.currentSupplier}</Line>
      <Line label={t("preparation.company.contractEnd")}>{formatDate(c.contractEndDate)}</Line>
      <Line label={t("preparation.company.potential")}>{c.revenuePotentialCents !== null ? formatCents(c.revenuePotentialCents) : null}</Line>
      {c.requirements.length > 0 && (
        <Stack gap={4} data-testid="prep-requirements">
          <Text size="sm" c="dimmed">
            {t("preparation.company.requirements")}:
          </Text>
          <RequirementBadges requirements={c.requirements} />
          <SupplierComparison supplier={c.currentSupplier} comparison={supplierComparison(c.requirements)} />
        </Stack>
      )}
      <Line label={t("preparation.research.employees")}>{r.employees}</Line>
      <Line label={t("preparation.research.branches")}>{r.branches}</Line>
      <Line label={t("preparation.research.groupStructure")}>{r.groupStructure}</Line>
      <Line label={t("preparation.research.csrPolicy")}>{r.csrPolicy}</Line>
      <Line label={t("preparation.research.customers")}>{r.customers}</Line>
      <Line label={t("preparation.research.internet")}>{r.internet}</Line>
    </Section>
  );
}

function Sales({ sheet }: { sheet: Sheet }) {
  const { t } = useTranslation();
  const s = sheet.prefill.sales;
  return (
    <Section title={t("preparation.sales.title")} testId="prep-sales">
      {s.state === "none" && <None>{t("preparation.sales.none")}</None>}
      {s.state === "hidden" && <None>{t("preparation.sales.hidden")}</None>}
      {s.state === "other_rayon" && <None>{t("preparation.sales.otherRayon")}</None>}
      {s.state === "shown" && s.data && (
        <>
          <List size="sm" spacing={0}>
            {s.data.years.map((y) => (
              <List.Item key={y.year}>
                {y.year}: {formatCents(y.revenue)}
                {y.margin !== undefined ? ` · ${t("preparation.sales.margin")} ${formatCents(y.margin)}` : ""}
              </List.Item>
            ))}
          </List>
          <Line label={t("preparation.sales.groups")}>
            {[...new Map(s.data.byGroup.map((g) => [g.group.id, g.group.name])).values()].join(", ")}
          </Line>
          <Line label={t("preparation.sales.products")}>{s.data.products.slice(0, 5).map((p) => p.product.name).join(", ")}</Line>
          <Line label={t("preparation.sales.discount")}>{s.data.discountBp !== null ? `${(s.data.discountBp / 100).toLocaleString("nl-NL")} %` : null}</Line>
          <Line label={t("preparation.sales.lastInvoice")}>{formatDate(s.data.lastInvoiceDate)}</Line>
        </>
      )}
      {sheet.payback && (
        <Text size="sm" data-testid="prep-payback" className={classes.wrap}>
          {t("preparation.payback.text", {
            gain: formatCents(sheet.payback.gainCents),
            revenue: formatCents(sheet.payback.yearRevenueCents),
            year: sheet.payback.year,
            minutes: sheet.payback.preparationMinutes,
            cost: formatCents(sheet.payback.preparationCostCents),
          })}
          {sheet.payback.times !== null && sheet.payback.times >= 1 ? ` ${t("preparation.payback.times", { times: sheet.payback.times })}` : ""}
        </Text>
      )}
    </Section>
  );
}

function Crm({ sheet }: { sheet: Sheet }) {
  const { t } = useTranslation();
  const c = sheet.prefill.crm;
  return (
    <Section title={t("preparation.crm.title")} testId="prep-crm">
      {c.activities.length === 0 ? (
        <None>{t("preparation.crm.noContacts")}</None>
      ) : (
        <List size="sm" spacing={2}>
          {c.activities.map((a) => (
            <List.Item key={a.id} className={classes.wrap}>
              {formatDate(a.occurredOn)} · {t(`activities.kind.${a.kind}`)}
              {a.persons.length > 0 ? ` · ${a.persons.map((p) => p.name).join(", ")}` : ""}
              {a.notes ? ` — ${a.notes.slice(0, 140)}` : ""}
            </List.Item>
          ))}
        </List>
      )}
      <Line label={t("preparation.crm.personsMet")}>{c.personsMet.map((p) => p.name).join(", ")}</Line>
      <Line label={t("preparation.crm.followUps")}>{c.openFollowUps.map((f) => `${f.action} (${formatDate(f.dueDate)})`).join("; ")}</Line>
      <Line label={t("preparation.crm.openQuotes")}>{c.openQuotes.map((q) => `${q.number} ${formatCents(q.totalCents)} · ${q.probability}%`).join("; ")}</Line>
      {c.lostQuotes.length > 0 && (
        <Line label={t("preparation.crm.lostQuotes")}>
          {c.lostQuotes.map((q) => `${q.number}: ${q.lostReason ?? "—"}${q.competitorWon ? ` (${q.competitorWon})` : ""}`).join("; ")}
        </Line>
      )}
    </Section>
  );
}

function Persons({ sheet }: { sheet: Sheet }) {
  const { t } = useTranslation();
  const persons = sheet.prefill.persons;
  return (
    <Section title={t("preparation.persons.title")} testId="prep-persons">
      {persons.length === 0 && <None>{t("preparation.persons.none")}</None>}
      {persons.map((p) => (
        <Stack key={p.id} gap={0}>
          <Text size="sm" fw={600} className={classes.wrap}>
            {p.formalName}
            {p.jobTitle ? ` — ${p.jobTitle}` : ""}
          </Text>
          <Line label={t("preparation.persons.dmu")}>{p.dmuRoles.map((r) => t(`dmu.${r}`)).join(", ")}</Line>
          <Line label={t("preparation.persons.phone")}>{[p.phoneDirect, p.phoneMobile].filter(Boolean).join(" / ")}</Line>
          <Line label={t("preparation.persons.linkedin")}>
            {p.linkedinUrl ? (
              <Anchor href={p.linkedinUrl} target="_blank" rel="noreferrer" size="sm">
                LinkedIn
              </Anchor>
            ) : null}
          </Line>
          <Line label={t("preparation.persons.consent")}>
            {p.consents.map((c) => `${t(`consent.purpose.${c.purpose}`)}: ${t(`consent.state.${c.state}`)}`).join(", ")}
          </Line>
          <Line label={t("preparation.persons.notes")}>{p.notes}</Line>
        </Stack>
      ))}
      {sheet.prefill.otherPersons.length > 0 && (
        <Line label={t("preparation.persons.others")}>
          {sheet.prefill.otherPersons.map((p) => (p.dmuRoles.length > 0 ? `${p.name} (${p.dmuRoles.map((r) => t(`dmu.${r}`)).join(", ")})` : p.name)).join(", ")}
        </Line>
      )}
    </Section>
  );
}

/** The relation's customers that are our customers too, with who may be called (a reference for the talk). */
function References({ sheet }: { sheet: Sheet }) {
  const { t } = useTranslation();
  const references = sheet.prefill.references;
  return (
    <Section title={t("preparation.references.title")} testId="prep-references">
      {references.length === 0 && <None>{t("preparation.references.none")}</None>}
      {references.map((r) => (
        <Stack key={r.customer.id} gap={0}>
          <Text size="sm" fw={600} className={classes.wrap}>
            <Anchor component={Link} to={`/relations/${r.customer.id}`} size="sm">
              {r.customer.name}
            </Anchor>
            {r.customer.city ? ` (${r.customer.city})` : ""}
          </Text>
          {r.referencePerson ? (
            <Text size="sm" className={classes.wrap}>
              {t("preparation.references.call", { name: r.referencePerson.name })}
              {r.referencePerson.jobTitle ? ` — ${r.referencePerson.jobTitle}` : ""}
              {r.referencePerson.phone ? (
                <>
                  {": "}
                  <Anchor href={`tel:${r.referencePerson.phone.replace(/\s/g, "")}`} size="sm">
                    {r.referencePerson.phone}
                  </Anchor>
                </>
              ) : null}
            </Text>
          ) : (
            <None>{t("preparation.references.nobody")}</None>
          )}
        </Stack>
      ))}
    </Section>
  );
}

function Route({ sheet }: { sheet: Sheet }) {
  const { t } = useTranslation();
  const r = sheet.prefill.route;
  return (
    <Section title={t("preparation.route.title")} testId="prep-route">
      {r.state === "no_destination" && <None>{t("preparation.route.noDestination")}</None>}
      {r.state === "no_origin" && <None>{r.from.kind === "home" ? t("preparation.route.noHome") : t("preparation.route.noPrevious")}</None>}
      {r.state === "shown" && (
        <>
          <Text size="sm" className={classes.wrap}>
            {r.from.kind === "home"
              ? t("preparation.route.fromHome", { minutes: r.minutes, km: r.km.toLocaleString("nl-NL") })
              : t("preparation.route.fromAppointment", { minutes: r.minutes, km: r.km.toLocaleString("nl-NL"), relation: r.from.appointment.relation, time: r.from.appointment.endTime })}
          </Text>
          <Text size="sm" fw={600}>
            {t("preparation.route.leaveAt", { time: r.leaveTime })}
          </Text>
          {r.estimate && (
            <Text size="xs" c="dimmed">
              {t("preparation.route.estimate")}
            </Text>
          )}
        </>
      )}
    </Section>
  );
}

function Bring({ sheet }: { sheet: Sheet }) {
  const { t } = useTranslation();
  const interests = sheet.prefill.company.productInterests;
  const cross = sheet.prefill.crossSell;
  return (
    <Section title={t("preparation.bring.title")} testId="prep-bring">
      <Line label={t("preparation.bring.interests")}>{interests.join(", ")}</Line>
      {cross.groups.length > 0 ? (
        <Line label={t("preparation.bring.crossSell", { count: cross.peers })}>{cross.groups.map((g) => `${g.group.name} (${g.relations})`).join(", ")}</Line>
      ) : (
        <None>{cross.sbiCode ? t("preparation.bring.noCrossSell") : t("preparation.bring.noSbi")}</None>
      )}
    </Section>
  );
}

function Nearby({ sheet }: { sheet: Sheet }) {
  const { t } = useTranslation();
  const n = sheet.prefill.nearby;
  return (
    <Section title={t("preparation.nearby.title")} testId="prep-nearby">
      {n.state === "no_coordinates" && <None>{t("preparation.nearby.noCoordinates")}</None>}
      {n.state === "shown" && n.items.length === 0 && <None>{t("preparation.nearby.none")}</None>}
      <List size="sm" spacing={0}>
        {n.items.map((r) => (
          <List.Item key={r.id} className={classes.wrap}>
            <Anchor component={Link} to={`/relations/${r.id}`} size="sm">
              {r.name}
            </Anchor>
            {` · ${r.city ?? ""} · ${r.distanceKm.toLocaleString("nl-NL")} km · ${t(`status.${r.status}`)}${r.accountClass ? ` ${r.accountClass}` : ""}${r.phone ? ` · ${r.phone}` : ""}`}
          </List.Item>
        ))}
      </List>
    </Section>
  );
}

export function KnownSections({ sheet }: { sheet: Sheet }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" className={classes.known}>
      <Company sheet={sheet} />
      <Persons sheet={sheet} />
      <References sheet={sheet} />
      <Sales sheet={sheet} />
      <Crm sheet={sheet} />
      <Route sheet={sheet} />
      <Bring sheet={sheet} />
      <Nearby sheet={sheet} />
    </SimpleGrid>
  );
}
