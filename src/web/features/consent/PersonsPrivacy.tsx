// Consent and GDPR per person of a relation, shown under the persons table: mailing consent per
// purpose with its proof and history, the access export and erasure. An erased person stays listed
// as "Verwijderd" (contact moments keep pointing at them) without actions that would add data.
import { Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { can } from "../../../domain/roles.js";
import type { Person } from "../../api/types.js";
import { useCurrentUser } from "../auth/session.js";
import { GdprActions } from "../gdpr/GdprActions.js";
import { useConsents } from "./consent.api.js";
import { PersonConsent } from "./PersonConsent.js";

/** The name the server gives an erased person (features/gdpr/erase.service.ts). */
const ERASED_NAME = "Verwijderd";

function PersonPrivacy({ person, relationId, canWrite }: { person: Person; relationId: number; canWrite: boolean }) {
  const { t } = useTranslation();
  const consents = useConsents(person.id);
  // The person DTO has no "erased" flag: an erased person is inactive and named "Verwijderd" (and
  // any consent they had ends with a withdrawal of source "erasure").
  const erased = (person.displayName === ERASED_NAME && !person.active) || (consents.data?.history.some((r) => r.source === "erasure") ?? false);
  const titleId = `privacy-${person.id}`;
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <Group gap="xs">
          <Title order={3} size="h6" id={titleId}>
            {person.displayName}
          </Title>
          {person.jobTitle && (
            <Text size="xs" c="dimmed">
              {person.jobTitle}
            </Text>
          )}
          {erased && (
            <Badge size="sm" color="dark" variant="light">
              {t("gdpr.erasedBadge")}
            </Badge>
          )}
        </Group>
        <GdprActions personId={person.id} personName={person.displayName} relationId={relationId} erased={erased} />
      </Group>
      <PersonConsent
        personId={person.id}
        personName={person.displayName}
        relationId={relationId}
        overview={consents.data}
        pending={consents.isPending}
        error={consents.error}
        canWrite={canWrite && !erased}
      />
    </Card>
  );
}

export function PersonsPrivacy({ relationId, persons }: { relationId: number; persons: readonly Person[] }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (persons.length === 0) return null;
  return (
    <Stack gap="xs" mt="md">
      <Title order={2} size="h4">
        {t("consent.title")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("consent.intro")}
      </Text>
      {persons.map((p) => (
        <PersonPrivacy key={p.id} person={p} relationId={relationId} canWrite={can(user.role, "crm.write")} />
      ))}
    </Stack>
  );
}
