import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./styles.css";
import { createTheme, MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { ApiError } from "./api/client";
import { meKey } from "./auth/session";
import { router } from "./router";

// Plain objects rather than Component.extend(): importing the components here would pull them into the first bundle.
const theme = createTheme({
  primaryColor: "teal",
  defaultRadius: "md",
  components: {
    // A closed dropdown leaves the page, so its listbox does not also answer to the input's label.
    Combobox: { defaultProps: { keepMounted: false } },
    // Hints under the input keep the inputs of a form grid in line. The required mark is drawn by
    // styles.css instead of a " *" text node, so a label's text is exactly its words.
    InputWrapper: { defaultProps: { inputWrapperOrder: ["label", "input", "description", "error"], withAsterisk: false } },
    // The default toggle label ("Toggle password visibility") would also answer to the label "Password".
    PasswordInput: { defaultProps: { visibilityToggleButtonProps: { "aria-label": "Show the characters" } } },
  },
});

/** A 401 anywhere means the session ended (expired, revoked elsewhere): show the sign-in page. */
function onError(error: Error) {
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(meKey, null);
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not change by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
