import type { Problem, ProblemField } from "@trellis/shared";

/** An API answer that was not 2xx, carrying the server's problem+json. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
    this.status = problem.status;
    this.problem = problem;
  }

  get code(): string {
    return this.problem.code;
  }

  get fields(): ProblemField[] {
    return this.problem.fields ?? [];
  }
}

const base = "/api/v1";
let csrfToken: string | null = null;

/** Set from GET /auth/me and from the login or invitation-accept response. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function apiUrl(path: string, query?: Query): string {
  return withQuery(`${base}${path}`, query);
}

interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  query?: Query;
  /** A plain object is sent as JSON; a string as text/csv; FormData as multipart. */
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. the Idempotency-Key of a request that moves points. */
  headers?: Record<string, string>;
}

function bodyOf(body: unknown): { payload: BodyInit | undefined; contentType: string | undefined } {
  if (body === undefined) return { payload: undefined, contentType: undefined };
  if (body instanceof FormData) return { payload: body, contentType: undefined };
  if (typeof body === "string") return { payload: body, contentType: "text/csv" };
  return { payload: JSON.stringify(body), contentType: "application/json" };
}

async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      const data = (await response.json()) as Partial<Problem>;
      if (data && typeof data === "object" && typeof data.title === "string") return { ...data, status: response.status } as Problem;
    } catch {
      // fall through to the generic problem below
    }
  }
  const offline = response.status === 0 || response.status >= 502;
  return {
    type: "about:blank",
    title: offline ? "The server is not answering" : response.statusText || "Request failed",
    status: response.status,
    code: offline ? "internal_error" : "business_rule",
    detail: offline ? "Check your connection and try again in a moment." : undefined,
  };
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? "GET";
  const { payload, contentType } = bodyOf(options.body);
  const headers: Record<string, string> = { ...options.headers, accept: "application/json" };
  if (contentType) headers["content-type"] = contentType;
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  try {
    return await fetch(apiUrl(path, options.query), { method, headers, body: payload, credentials: "same-origin", signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError({
      type: "about:blank",
      title: "The server is not answering",
      status: 0,
      code: "internal_error",
      detail: "Check your connection and try again in a moment.",
    });
  }
}

/** Fetches a fresh CSRF token (after a session change in another tab, say). */
async function refreshCsrfToken(): Promise<boolean> {
  const response = await send("/auth/me", {});
  if (!response.ok) return false;
  const me = (await response.json()) as { csrfToken: string | null };
  setCsrfToken(me.csrfToken);
  return me.csrfToken !== null;
}

/** The one way the web app talks to the API. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(path, options);
  if (response.status === 403 && (options.method ?? "GET") !== "GET") {
    const problem = await problemOf(response);
    if (problem.code !== "csrf_failed" || !(await refreshCsrfToken())) throw new ApiError(problem);
    response = await send(path, options);
  }
  if (!response.ok) throw new ApiError(await problemOf(response));
  if (response.status === 204 || response.status === 202) return undefined as T;
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) return (await response.text()) as T;
  return (await response.json()) as T;
}

/** Turns any thrown value into a sentence for the user. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title;
  if (error instanceof Error) return error.message;
  return "Something went wrong";
}

/** Per-input messages from a 400's `fields`: "body.principal.email" becomes "principal.email". */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const result: Record<string, string> = {};
  for (const field of error.fields) {
    const key = field.path.replace(/^(body|querystring|params)\.?/, "");
    if (key && !(key in result)) result[key] = field.message;
  }
  return result;
}

export function isProblem(error: unknown, code: string): error is ApiError {
  return error instanceof ApiError && error.code === code;
}
