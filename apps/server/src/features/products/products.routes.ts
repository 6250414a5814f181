import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { policy } from "../../platform/access/policy.js";
import { sendCsv } from "../../platform/http/csv.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { receiveImage, sendImage } from "../../platform/storage/upload.js";
import { exportProductsCsv, importProductsCsv, maxImportRows } from "./products.csv.js";
import {
  importResult,
  product,
  productExportQuery,
  productFamily,
  productFamilyInput,
  productFamilyPatch,
  productInput,
  productPage,
  productPatch,
  productQuery,
} from "./products.schemas.js";
import {
  createProduct,
  createProductFamily,
  deleteProductFamily,
  getProduct,
  getProductImage,
  listProductFamilies,
  listProducts,
  setProductImage,
  updateProduct,
  updateProductFamily,
} from "./products.service.js";

const tags = ["products"];
const idParams = z.object({ id: z.string().min(1).max(64) });
const read = { policy: policy.permission("products:read") };
const write = { policy: policy.permission("products:write") };

export const productRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/product-families",
    { config: read, schema: { tags, summary: "Product families, by name", response: { 200: z.object({ items: z.array(productFamily) }) } } },
    async (request) => ({ items: await listProductFamilies(ctx.db, actorOf(request)) }),
  );
  app.post(
    "/api/v1/product-families",
    { config: write, schema: { tags, summary: "Create a product family", body: productFamilyInput, response: { 201: productFamily } } },
    async (request, reply) => reply.status(201).send(await createProductFamily(ctx, actorOf(request), request.body, request.id)),
  );
  app.patch(
    "/api/v1/product-families/:id",
    {
      config: write,
      schema: { tags, summary: "Change a product family", params: idParams, body: productFamilyPatch, response: { 200: productFamily } },
    },
    async (request) => updateProductFamily(ctx, actorOf(request), request.params.id, request.body, request.id),
  );
  app.delete(
    "/api/v1/product-families/:id",
    { config: write, schema: { tags, summary: "Delete a product family that has no products", params: idParams } },
    async (request, reply) => {
      await deleteProductFamily(ctx, actorOf(request), request.params.id, request.id);
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/v1/products",
    {
      config: read,
      schema: {
        tags,
        summary: "Product catalogue, searchable and keyset-paged (partners see active products only)",
        querystring: productQuery,
        response: { 200: productPage },
      },
    },
    async (request) => listProducts(ctx, actorOf(request), request.query),
  );
  app.get(
    "/api/v1/products/export.csv",
    {
      config: read,
      schema: {
        tags,
        summary: "The catalogue as CSV (same filters and visibility as the list)",
        description: "Columns: sku, name, family, description, list_price_minor, currency, lifecycle, serial_pattern",
        querystring: productExportQuery,
      },
    },
    async (request, reply) => sendCsv(reply, "products.csv", await exportProductsCsv(ctx, actorOf(request), request.query)),
  );
  app.post(
    "/api/v1/products/import",
    {
      config: write,
      schema: {
        tags,
        summary: "Create or update products from CSV (all rows or none)",
        description: `Send text/csv with the export's columns; sku, name, family, list_price_minor, currency and serial_pattern are required. A row whose sku exists updates that product, others create one; a family name that does not exist is created. At most ${maxImportRows} rows. Any bad row: 400 import_failed listing every problem, and nothing is applied.`,
        consumes: ["text/csv"],
        body: z.string(),
        response: { 200: importResult },
      },
    },
    async (request) => importProductsCsv(ctx, actorOf(request), request.body, request.id),
  );
  app.get(
    "/api/v1/products/:id",
    { config: read, schema: { tags, summary: "One product (partners: active products only)", params: idParams, response: { 200: product } } },
    async (request) => getProduct(ctx.db, actorOf(request), request.params.id),
  );
  app.post(
    "/api/v1/products",
    { config: write, schema: { tags, summary: "Create a product", body: productInput, response: { 201: product } } },
    async (request, reply) => reply.status(201).send(await createProduct(ctx, actorOf(request), request.body, request.id)),
  );
  app.patch(
    "/api/v1/products/:id",
    {
      config: write,
      schema: {
        tags,
        summary: "Change a product; to retire it set lifecycle end_of_life (products are never deleted: sales history refers to them)",
        params: idParams,
        body: productPatch,
        response: { 200: product },
      },
    },
    async (request) => updateProduct(ctx, actorOf(request), request.params.id, request.body, request.id),
  );
  app.put(
    "/api/v1/products/:id/image",
    {
      config: write,
      schema: {
        tags,
        summary: "Set the product image (multipart field 'file': PNG, JPEG, WebP or GIF)",
        consumes: ["multipart/form-data"],
        params: idParams,
        response: { 200: product },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await getProduct(ctx.db, actor, request.params.id); // 404 before storing anything
      const image = await receiveImage(request, ctx.storage);
      return setProductImage(ctx, actor, request.params.id, image, request.id);
    },
  );
  app.get(
    "/api/v1/products/:id/image",
    { config: read, schema: { tags, summary: "The product image", params: idParams } },
    async (request, reply) => {
      const image = await getProductImage(ctx, actorOf(request), request.params.id);
      return sendImage(reply, ctx.storage, image.key, image.contentType);
    },
  );
};
