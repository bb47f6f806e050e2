// The relation's own customers, on its page: each a link to that relation, marked as reference when it
// is our customer too, with the person there who may be called (chosen from that relation's persons).
// The visit sheet shows the references among them.
import { ActionIcon, Anchor, Badge, Button, Group, Paper, Select, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Ref } from "../../api/types.js";
import { StatusBadge } from "../../components/badges.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { RelationPicker } from "../quotes/RelationPicker.js";
import { useRelation } from "../relations/relations.api.js";
import { type CustomerLink, useCustomerLinks, useLinkCustomer, useUnlinkCustomer } from "./customer-links.api.js";

export function CustomersTab({ relationId, canWrite }: { relationId: number; canWrite: boolean }) {
  const { t } = useTranslation();
  const links = useCustomerLinks(relationId);
  const link = useLinkCustomer(relationId);
  const unlink = useUnlinkCustomer(relationId);
  const [chosen, setChosen] = useState<Ref | null>(null);
  if (links.isPending) return <PageLoader />;
  if (links.isError) return <ErrorAlert error={links.error} reveal={false} />;
  return (
    <Stack data-testid="customer-links">
      <Text size="sm" c="dimmed">
        {t("customerLinks.hint")}
      </Text>
      {links.data.items.length === 0 && <Text size="sm">{t("customerLinks.none")}</Text>}
      {links.data.items.map((l) => (
        <Paper key={l.customer.id} withBorder p="xs" data-testid="customer-link">
          <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
            <Stack gap={2} style={{ minWidth: 0, flex: "1 1 180px" }}>
              <Group gap={4} wrap="wrap">
                <Anchor component={Link} to={`/relations/${l.customer.id}`} style={{ overflowWrap: "anywhere" }}>
                  {l.customer.name}
                </Anchor>
                {l.customer.city && (
                  <Text span size="sm" c="dimmed">
                    {l.customer.city}
                  </Text>
                )}
              </Group>
              <Group gap={4}>
                <StatusBadge status={l.customer.status} />
                {l.isReference && <Badge color="teal">{t("customerLinks.reference")}</Badge>}
              </Group>
              {!canWrite && l.referencePerson && <Text size="sm">{t("customerLinks.mayBeCalled", { name: l.referencePerson.name })}</Text>}
            </Stack>
            {canWrite && (
              <Group gap="xs" align="flex-end" wrap="wrap">
                <ReferencePersonSelect link={l} onChange={(personId) => link.mutate({ customerId: l.customer.id, referencePersonId: personId })} />
                <ActionIcon variant="subtle" color="red" mb={4} aria-label={t("customerLinks.remove", { name: l.customer.name })} onClick={() => unlink.mutate(l.customer.id)}>
                  ×
                </ActionIcon>
              </Group>
            )}
          </Group>
        </Paper>
      ))}
      {canWrite && (
        <Group align="flex-end" wrap="wrap" gap="xs">
          <div style={{ flex: "1 1 220px" }}>
            <RelationPicker label={t("customerLinks.add")} value={chosen?.id ?? null} current={chosen} onChange={setChosen} />
          </div>
          <Button
            disabled={chosen === null}
            loading={link.isPending}
            onClick={() => chosen && link.mutate({ customerId: chosen.id }, { onSuccess: () => setChosen(null) })}
          >
            {t("customerLinks.addButton")}
          </Button>
        </Group>
      )}
      {(link.error || unlink.error) && <ErrorAlert error={link.error ?? unlink.error} />}
    </Stack>
  );
}

/** Who at the customer may be called as a reference: one of its active persons, or nobody. */
function ReferencePersonSelect({ link, onChange }: { link: CustomerLink; onChange: (personId: number | null) => void }) {
  const { t } = useTranslation();
  const customer = useRelation(link.customer.id);
  const persons = (customer.data?.persons ?? []).filter((p) => p.active && !p.erased);
  const data = persons.map((p) => ({ value: String(p.id), label: p.displayName }));
  if (link.referencePerson && !data.some((d) => d.value === String(link.referencePerson?.id))) data.unshift({ value: String(link.referencePerson.id), label: link.referencePerson.name });
  return (
    <Select
      size="xs"
      label={t("customerLinks.referencePerson")}
      placeholder={t("customerLinks.nobody")}
      data={data}
      value={link.referencePerson ? String(link.referencePerson.id) : null}
      onChange={(v) => onChange(v === null ? null : Number(v))}
      clearable
      w={200}
    />
  );
}
