import type { OpenApiPaths } from "../http/openapi";

export const healthPaths: OpenApiPaths = {
  "/health": {
    get: {
      operationId: "getHealth",
      tags: ["system"],
      summary: "Liveness, version and whether Firestore answers",
      security: [],
      responses: {
        "200": { description: "Healthy", content: { "application/json": { schema: { $ref: "#/components/schemas/Health" } } } },
        "503": {
          description: "Firestore does not answer",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Health" } } },
        },
      },
    },
  },
};
