// Providers around the router: Mantine (theme, notifications), TanStack Query, and the link from
// the API client's 401 to the session state (which sends the user to the login page).
import { MantineProvider, createTheme } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router";
import { ApiError, setUnauthenticatedHandler } from "../api/client.js";
import { SESSION_KEY } from "../features/auth/session.js";
import { router } from "./router.js";

const theme = createTheme({ primaryColor: "teal", defaultRadius: "sm" });

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; network hiccups and 5xx get one more try.
      retry: (failures, error) => failures < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

setUnauthenticatedHandler(() => {
  queryClient.setQueryData(SESSION_KEY, null);
});

export function App() {
  return (
    <MantineProvider theme={theme}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
