// User administration (GET/POST/PATCH /api/admin/users, password links), the user's own password
// (POST /api/session/password) and API tokens (GET /api/users/:id/api-tokens, DELETE /api/api-tokens/:id).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client.js";
import type { Role } from "../../../domain/roles.js";
import type { ApiTokenDto } from "../../../features/auth/api-token.service.js";
import type { PasswordLinkDto } from "../../../features/users/password-reset.service.js";
import type { UserAccountDto, UserAccountInput } from "../../../features/users/user-admin.service.js";

export type UserAccount = UserAccountDto;
export type UserAccountChanges = UserAccountInput & { role?: Role };
export type PasswordLink = PasswordLinkDto;
export type ApiToken = ApiTokenDto;

const ACCOUNTS_KEY = ["admin-users"] as const;
const tokensKey = (userId: number) => ["api-tokens", userId] as const;

export function useUserAccounts() {
  return useQuery({ queryKey: ACCOUNTS_KEY, queryFn: ({ signal }) => api.get<{ items: UserAccount[] }>("/api/admin/users", signal), select: (d) => d.items });
}

export function useCreateUserAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserAccountChanges & { email: string; name: string; role: Role }) => api.post<UserAccount>("/api/admin/users", body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ACCOUNTS_KEY });
      void queryClient.invalidateQueries({ queryKey: ["users"] });
    },
  });
}

export function useUpdateUserAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, changes }: { id: number; version: number; changes: UserAccountChanges }) => api.patch<UserAccount>(`/api/admin/users/${id}`, version, changes),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ACCOUNTS_KEY });
      void queryClient.invalidateQueries({ queryKey: ["users"] });
    },
  });
}

export function useStartPasswordReset() {
  return useMutation({ mutationFn: (userId: number) => api.post<PasswordLink>(`/api/admin/users/${userId}/password-reset`, {}) });
}

export function useApiTokens(userId: number) {
  return useQuery({ queryKey: tokensKey(userId), queryFn: ({ signal }) => api.get<{ items: ApiToken[] }>(`/api/users/${userId}/api-tokens`, signal), select: (d) => d.items });
}

export function useRevokeApiToken(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: number) => api.delete<ApiToken>(`/api/api-tokens/${tokenId}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokensKey(userId) }),
  });
}

export function useChangeOwnPassword() {
  return useMutation({ mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post<void>("/api/session/password", body) });
}

export function usePasswordLink(token: string | null) {
  return useQuery({
    queryKey: ["password-link", token],
    queryFn: () => api.post<{ email: string; name: string; expiresAt: string }>("/api/password-reset/lookup", { token }),
    enabled: token !== null,
    retry: false,
  });
}

export function useChoosePassword() {
  return useMutation({ mutationFn: (body: { token: string; password: string }) => api.post<{ email: string }>("/api/password-reset", body) });
}

// The second factor (TOTP): the user's own status, set-up and switch-off; an administrator's reset.
export interface TotpStatus {
  enabled: boolean;
  enabledAt: string | null;
  required: boolean;
}
export interface TotpSetup {
  secret: string;
  otpauthUri: string;
  qrCode: string;
}
const TOTP_KEY = ["totp"] as const;

export function useTotpStatus() {
  return useQuery({ queryKey: TOTP_KEY, queryFn: ({ signal }) => api.get<TotpStatus>("/api/session/totp", signal) });
}

export function useStartTotpSetup() {
  return useMutation({ mutationFn: () => api.post<TotpSetup>("/api/session/totp/setup", {}) });
}

export function useConfirmTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<TotpStatus>("/api/session/totp", { code }),
    onSuccess: (status) => {
      queryClient.setQueryData(TOTP_KEY, status);
      // The session may have been held to the set-up page; now it is free.
      void queryClient.invalidateQueries({ queryKey: ["session"] });
    },
  });
}

export function useDisableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (currentPassword: string) => api.post<TotpStatus>("/api/session/totp/disable", { currentPassword }),
    onSuccess: (status) => queryClient.setQueryData(TOTP_KEY, status),
  });
}

export function useResetTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: number) => api.post<TotpStatus>(`/api/admin/users/${userId}/totp-reset`, {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ACCOUNTS_KEY }),
  });
}
