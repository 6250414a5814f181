import type { Problem } from "@trellis/shared";
import { ApiError, api, apiUrl } from "../../api/client";
import type { MeResponse } from "../../api/types";

function offline(): ApiError {
  return new ApiError({
    type: "about:blank",
    title: "The upload did not reach the server",
    status: 0,
    code: "internal_error",
    detail: "Check your connection and try again.",
  });
}

function problemOf(xhr: XMLHttpRequest): Problem {
  const type = xhr.getResponseHeader("content-type") ?? "";
  if (type.includes("json")) {
    try {
      const data = JSON.parse(xhr.responseText) as Partial<Problem>;
      if (data && typeof data.title === "string") return { ...data, status: xhr.status } as Problem;
    } catch {
      // fall through to the generic problem below
    }
  }
  const tooLarge = xhr.status === 413;
  return {
    type: "about:blank",
    title: tooLarge ? "The file is too large" : xhr.statusText || "Upload failed",
    status: xhr.status,
    code: tooLarge ? "payload_too_large" : xhr.status >= 502 ? "internal_error" : "business_rule",
  };
}

/**
 * Multipart upload with progress. fetch() cannot report upload progress, so this one request goes
 * through XMLHttpRequest; videos of up to 2 GiB take minutes and the user needs to see it moving.
 */
export async function uploadWithProgress<T>(path: string, form: FormData, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<T> {
  // A fresh CSRF token: the upload may start long after the page loaded, and the XHR skips api()'s retry.
  const me = await api<MeResponse>("/auth/me");
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", apiUrl(path));
    xhr.setRequestHeader("accept", "application/json");
    if (me.csrfToken) xhr.setRequestHeader("x-csrf-token", me.csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          resolve(undefined as T);
        }
        return;
      }
      reject(new ApiError(problemOf(xhr)));
    };
    xhr.onerror = () => reject(offline());
    xhr.onabort = () => reject(new DOMException("The upload was cancelled", "AbortError"));
    if (signal) {
      if (signal.aborted) {
        reject(new DOMException("The upload was cancelled", "AbortError"));
        return;
      }
      signal.addEventListener("abort", () => xhr.abort(), { once: true });
    }
    xhr.send(form);
  });
}
