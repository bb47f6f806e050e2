// The logging address and the mail inbox over HTTP (features/mail-intake on the server).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client.js";
import { crmKeys } from "../activities/activities.api.js";
import type { InboxMailDto, LoggedMailDto } from "../../../features/mail-intake/mail-inbox.service.js";
import type { MailImapStatusDto } from "../../../features/mail-intake/mail-imap-status.js";

export interface AddressStatus {
  enabled: boolean;
  address: string | null;
  createdAt: string | null;
}

/** The shapes the server answers with (features/mail-intake): the text is shown as text, never as HTML. */
export type InboxMail = InboxMailDto;
export type LoggedMail = LoggedMailDto;

const ADDRESS = ["mail-log-address"] as const;
const INBOX = ["mail-inbox"] as const;

export function useLogAddress() {
  return useQuery({ queryKey: ADDRESS, queryFn: ({ signal }) => api.get<AddressStatus>("/api/mail-log-address", signal) });
}

export function useRenewLogAddress() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<AddressStatus>("/api/mail-log-address", {}),
    onSuccess: (status) => client.setQueryData(ADDRESS, status),
  });
}

export function useRevokeLogAddress() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>("/api/mail-log-address"),
    onSuccess: () => void client.invalidateQueries({ queryKey: ADDRESS }),
  });
}

export function useInbox() {
  // Mails arrive by themselves: look again every half minute while the page is open.
  return useQuery({ queryKey: INBOX, queryFn: ({ signal }) => api.get<{ items: InboxMail[]; received: number; logged: LoggedMail[] }>("/api/mail-inbox", signal), refetchInterval: 30_000 });
}

export function useAssignMail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, relationId, personIds }: { id: number; relationId: number; personIds: number[] }) =>
      api.post<{ activityId: number; relationId: number }>(`/api/mail-inbox/${id}/assign`, { relationId, personIds }),
    onSuccess: (_done, input) => {
      void client.invalidateQueries({ queryKey: INBOX });
      void client.invalidateQueries({ queryKey: crmKeys.activities(input.relationId) });
    },
  });
}

export function useDropMail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<void>(`/api/mail-inbox/${id}/drop`, {}),
    onSuccess: () => void client.invalidateQueries({ queryKey: INBOX }),
  });
}

/** For the administrator: the users who have a live logging address. */
export function useLogAddressOverview() {
  return useQuery({
    queryKey: ["admin", "mail-log-addresses"],
    queryFn: ({ signal }) => api.get<{ userId: number; createdAt: string }[]>("/api/admin/mail-log-addresses", signal),
    select: (rows) => new Set(rows.map((r) => r.userId)),
  });
}

export type MailImapStatus = MailImapStatusDto;

/** For the administrator: the IMAP mailbox Koers reads and how its last reads went. */
export function useMailImapStatus() {
  return useQuery({ queryKey: ["admin", "mail-imap"], queryFn: ({ signal }) => api.get<MailImapStatus>("/api/admin/mail-imap", signal) });
}
