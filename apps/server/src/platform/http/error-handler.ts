import type { Problem } from "@trellis/shared";
import type { FastifyError } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { ProblemError } from "./problem.js";
import type { TypedApp } from "./typed-app.js";

function send(reply: import("fastify").FastifyReply, problem: Problem) {
  return reply.status(problem.status).type("application/problem+json").send(problem);
}

export function registerErrorHandling(app: TypedApp): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ProblemError) {
      return send(reply, {
        type: `about:blank#${error.code}`,
        title: error.title,
        status: error.status,
        code: error.code,
        detail: error.detail,
        ...error.extra,
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((v) => ({
        path: [error.validationContext, ...String(v.instancePath).split("/").filter(Boolean)].join("."),
        message: v.message ?? "is invalid",
      }));
      return send(reply, {
        type: "about:blank#validation_failed",
        title: "Invalid request",
        status: 400,
        code: "validation_failed",
        detail: `Invalid ${fields.map((f) => f.path).join(", ")}`,
        fields,
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, "response did not match its schema");
      return send(reply, { type: "about:blank#internal_error", title: "Internal error", status: 500, code: "internal_error" });
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return send(reply, { type: "about:blank#payload_too_large", title: "Too large", status, code: "payload_too_large", detail: error.message });
    }
    if (status === 415) {
      return send(reply, {
        type: "about:blank#unsupported_media_type",
        title: "Unsupported media type",
        status,
        code: "unsupported_media_type",
        detail: error.message,
      });
    }
    if (status === 429) {
      return send(reply, { type: "about:blank#rate_limited", title: "Slow down", status, code: "rate_limited", detail: error.message });
    }
    if (status >= 400 && status < 500) {
      return send(reply, {
        type: "about:blank#validation_failed",
        title: "Invalid request",
        status,
        code: "validation_failed",
        detail: error.message,
      });
    }
    request.log.error({ err: error }, "unhandled error");
    return send(reply, { type: "about:blank#internal_error", title: "Internal error", status: 500, code: "internal_error" });
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, {
      type: "about:blank#not_found",
      title: "Not found",
      status: 404,
      code: "not_found",
      detail: `${request.method} ${request.url.split("?")[0]} is not a route`,
    }),
  );
}
