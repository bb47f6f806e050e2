// The persons of a relation: name, job title, DMU roles, phones, e-mail, active or left; add and edit.
import { Anchor, Badge, Button, Group, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Person } from "../../api/types.js";
import { formatDate } from "../../i18n/format.js";
import { PersonFormModal } from "./PersonFormModal.js";

interface Props {
  relationId: number;
  persons: readonly Person[];
  canWrite: boolean;
  onReload: () => void;
}

/** Which dialog is open: none, a new person, or the person with this id. */
type Editing = null | "new" | number;

export function PersonsSection({ relationId, persons, canWrite, onReload }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing>(null);
  const person = typeof editing === "number" ? (persons.find((p) => p.id === editing) ?? null) : null;

  return (
    <Stack>
      {canWrite && (
        <Group>
          <Button variant="light" onClick={() => setEditing("new")}>
            {t("persons.add")}
          </Button>
        </Group>
      )}
      {persons.length === 0 ? (
        <Text c="dimmed">{t("relation.noPersons")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("persons.columns.name")}</Table.Th>
                <Table.Th>{t("persons.columns.jobTitle")}</Table.Th>
                <Table.Th>{t("persons.columns.dmu")}</Table.Th>
                <Table.Th>{t("persons.columns.phones")}</Table.Th>
                <Table.Th>{t("persons.columns.email")}</Table.Th>
                <Table.Th>{t("persons.columns.state")}</Table.Th>
                {canWrite && <Table.Th>{t("persons.columns.actions")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {persons.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {p.displayName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {p.formalName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{[p.jobTitle, p.department].filter(Boolean).join(", ")}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {p.dmuRoles.map((r) => (
                        <Badge key={r} size="sm" variant="light">
                          {t(`dmu.${r}`, { defaultValue: r })}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      {[p.phoneDirect, p.phoneMobile].filter((x): x is string => !!x).map((phone) => (
                        <Anchor key={phone} size="sm" href={`tel:${phone.replace(/[^+\d]/g, "")}`}>
                          {phone}
                        </Anchor>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {p.email && (
                      <Anchor size="sm" href={`mailto:${p.email}`}>
                        {p.email}
                      </Anchor>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {p.active ? (
                      <Badge color="green" variant="light">
                        {t("persons.active")}
                      </Badge>
                    ) : (
                      <Badge color="gray" variant="light">
                        {p.leftOn ? t("persons.leftOn", { date: formatDate(p.leftOn) }) : t("persons.left")}
                      </Badge>
                    )}
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Button size="xs" variant="subtle" onClick={() => setEditing(p.id)} aria-label={`${t("persons.edit")}: ${p.displayName}`}>
                        {t("persons.edit")}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <PersonFormModal
        relationId={relationId}
        person={person}
        opened={editing !== null}
        onClose={() => setEditing(null)}
        onReload={onReload}
      />
    </Stack>
  );
}
