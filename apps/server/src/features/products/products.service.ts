import { isPartnerRole, type ProductLifecycle } from "@trellis/shared";
import type { Kysely } from "kysely";
import { isUniqueViolation, nowIso } from "../../db/dialect.js";
import type { Database, ProductTable } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, type Page, toPage } from "../../platform/http/pagination.js";
import { badRequest, conflict, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import {
  countProductsInFamily,
  deleteFamilyRow,
  findFamilyRow,
  findProductRefs,
  findProductRow,
  findProductRowsBySku,
  findProductSerialRefs,
  insertFamily,
  insertProducts,
  listFamilyRows,
  listProductRows,
  type ProductRow,
  type ProductVisibility,
  type SortKey,
  sortSpec,
  updateFamilyRow,
  updateProductRow,
} from "./products.repository.js";
import type {
  Product,
  ProductFamily,
  ProductFamilyInput,
  ProductFamilyPatch,
  ProductInput,
  ProductPatch,
  ProductQuery,
  ProductSort,
} from "./products.schemas.js";

/** Partner roles (partner admin, sales rep, technician) see only active products. */
export function productVisibility(actor: AuthenticatedActor): ProductVisibility {
  return isPartnerRole(actor.role) ? "active_only" : "all";
}

const compiled = new Map<string, RegExp | null>();

/**
 * Whether a serial number matches a product's serial pattern, as a WHOLE string: the pattern
 * is stored as written and anchored here (`^(?:pattern)$`), so "CAM-\d{6}" does not accept
 * "XCAM-123456". A pattern that does not compile matches nothing.
 */
export function serialMatches(pattern: string, serial: string): boolean {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(`^(?:${pattern})$`);
    } catch {
      regex = null;
    }
    if (compiled.size >= 1000) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex?.test(serial) ?? false;
}

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    familyId: row.family_id,
    familyName: row.family_name,
    description: row.description,
    listPrice: { amountMinor: Number(row.list_price_minor), currency: row.currency },
    lifecycle: row.lifecycle,
    serialPattern: row.serial_pattern,
    hasImage: row.image_key !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A product the actor may see, or 404 (a partner asking for a retired product gets 404). */
export async function getProduct(db: Kysely<Database>, actor: AuthenticatedActor, id: string): Promise<Product> {
  const row = await findProductRow(db, id, productVisibility(actor));
  if (!row) throw notFound("Product");
  return toProduct(row);
}

/**
 * For other features (sales, claims, tickets): products by SKU, whatever their lifecycle.
 * The caller decides what a retired product means for it.
 */
export async function findProductsBySku(
  db: Kysely<Database>,
  skus: string[],
): Promise<{ id: string; sku: string; name: string; lifecycle: ProductLifecycle; serialPattern: string }[]> {
  const rows = await findProductRowsBySku(db, [...new Set(skus)]);
  return rows.map((r) => ({ id: r.id, sku: r.sku, name: r.name, lifecycle: r.lifecycle, serialPattern: r.serial_pattern }));
}

function sortValue(product: Product, sort: ProductSort): string | number {
  const { field } = sortSpec(sort);
  if (field === "price") return product.listPrice.amountMinor;
  if (field === "sku") return product.sku;
  if (field === "updatedAt") return product.updatedAt;
  return product.name;
}

function decodeSortKey(cursor: string | undefined, sort: ProductSort): SortKey | undefined {
  const values = decodeCursor(cursor, 2);
  if (!values) return undefined;
  const [value, id] = values;
  const valueOk = sortSpec(sort).field === "price" ? typeof value === "number" : typeof value === "string";
  if (!valueOk || typeof id !== "string" || (typeof value !== "string" && typeof value !== "number")) {
    throw badRequest("cursor is not valid", [{ path: "cursor", message: "not a cursor of this sort order" }]);
  }
  return [value, id];
}

export async function listProducts(ctx: AppContext, actor: AuthenticatedActor, query: ProductQuery): Promise<Page<Product>> {
  const after = decodeSortKey(query.cursor, query.sort);
  const rows = await listProductRows(ctx.db, query, productVisibility(actor), { after, limit: query.limit });
  const page = toPage(rows.map(toProduct), query.limit, (p) => [sortValue(p, query.sort), p.id]);
  return page;
}

const unknownFamily = () => badRequest("familyId does not name a product family", [{ path: "body.familyId", message: "no such product family" }]);
const duplicateSku = (sku: string | undefined) => conflict(`A product with SKU "${sku ?? ""}" already exists`);

export async function createProduct(ctx: AppContext, actor: AuthenticatedActor, input: ProductInput, requestId: string | null): Promise<Product> {
  const now = nowIso();
  const row: ProductTable = {
    id: uuidv7(),
    sku: input.sku,
    name: input.name,
    family_id: input.familyId,
    description: input.description,
    list_price_minor: input.listPrice.amountMinor,
    currency: input.listPrice.currency,
    lifecycle: input.lifecycle,
    serial_pattern: input.serialPattern,
    image_key: null,
    image_content_type: null,
    created_at: now,
    updated_at: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await findFamilyRow(trx, input.familyId))) throw unknownFamily();
      await insertProducts(trx, [row]);
      await recordAudit(trx, actor, { action: "product.create", entityType: "product", entityId: row.id, partnerId: null, after: row }, requestId);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateSku(input.sku);
    throw error;
  }
  return getProduct(ctx.db, actor, row.id);
}

export async function updateProduct(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  patch: ProductPatch,
  requestId: string | null,
): Promise<Product> {
  const values: Partial<ProductTable> = { updated_at: nowIso() };
  if (patch.sku !== undefined) values.sku = patch.sku;
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.familyId !== undefined) values.family_id = patch.familyId;
  if (patch.description !== undefined) values.description = patch.description;
  if (patch.listPrice !== undefined) {
    values.list_price_minor = patch.listPrice.amountMinor;
    values.currency = patch.listPrice.currency;
  }
  if (patch.lifecycle !== undefined) values.lifecycle = patch.lifecycle;
  if (patch.serialPattern !== undefined) values.serial_pattern = patch.serialPattern;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const before = await findProductRow(trx, id, productVisibility(actor));
      if (!before) throw notFound("Product");
      if (patch.familyId !== undefined && !(await findFamilyRow(trx, patch.familyId))) throw unknownFamily();
      await updateProductRow(trx, id, values);
      await recordAudit(
        trx,
        actor,
        { action: "product.update", entityType: "product", entityId: id, partnerId: null, before, after: { ...before, ...values } },
        requestId,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateSku(patch.sku);
    throw error;
  }
  return getProduct(ctx.db, actor, id);
}

/** Call after the upload is stored (file I/O stays outside the transaction). */
export async function setProductImage(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  image: { key: string; contentType: string },
  requestId: string | null,
): Promise<Product> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findProductRow(trx, id, productVisibility(actor));
    if (!before) throw notFound("Product");
    const values = { image_key: image.key, image_content_type: image.contentType, updated_at: nowIso() };
    await updateProductRow(trx, id, values);
    await recordAudit(
      trx,
      actor,
      {
        action: "product.image",
        entityType: "product",
        entityId: id,
        partnerId: null,
        before: { image_key: before.image_key, image_content_type: before.image_content_type },
        after: values,
      },
      requestId,
    );
  });
  return getProduct(ctx.db, actor, id);
}

export async function getProductImage(ctx: AppContext, actor: AuthenticatedActor, id: string): Promise<{ key: string; contentType: string }> {
  const row = await findProductRow(ctx.db, id, productVisibility(actor));
  if (!row) throw notFound("Product");
  if (!row.image_key || !row.image_content_type || !(await ctx.storage.exists(row.image_key))) throw notFound("Product image");
  return { key: row.image_key, contentType: row.image_content_type };
}

export async function listProductFamilies(db: Kysely<Database>, actor: AuthenticatedActor): Promise<ProductFamily[]> {
  const rows = await listFamilyRows(db, productVisibility(actor));
  return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, productCount: Number(r.product_count) }));
}

async function getProductFamily(db: Kysely<Database>, actor: AuthenticatedActor, id: string): Promise<ProductFamily> {
  const family = (await listProductFamilies(db, actor)).find((f) => f.id === id);
  if (!family) throw notFound("Product family");
  return family;
}

const duplicateFamily = (name: string | undefined) => conflict(`A product family named "${name ?? ""}" already exists`);

export async function createProductFamily(
  ctx: AppContext,
  actor: AuthenticatedActor,
  input: ProductFamilyInput,
  requestId: string | null,
): Promise<ProductFamily> {
  const now = nowIso();
  const row = { id: uuidv7(), name: input.name, description: input.description, created_at: now, updated_at: now };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertFamily(trx, row);
      await recordAudit(
        trx,
        actor,
        { action: "product_family.create", entityType: "product_family", entityId: row.id, partnerId: null, after: row },
        requestId,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateFamily(input.name);
    throw error;
  }
  return getProductFamily(ctx.db, actor, row.id);
}

export async function updateProductFamily(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  patch: ProductFamilyPatch,
  requestId: string | null,
): Promise<ProductFamily> {
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const before = await findFamilyRow(trx, id);
      if (!before) throw notFound("Product family");
      const values = { ...patch, updated_at: nowIso() };
      await updateFamilyRow(trx, id, values);
      await recordAudit(
        trx,
        actor,
        { action: "product_family.update", entityType: "product_family", entityId: id, partnerId: null, before, after: { ...before, ...values } },
        requestId,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateFamily(patch.name);
    throw error;
  }
  return getProductFamily(ctx.db, actor, id);
}

export async function deleteProductFamily(ctx: AppContext, actor: AuthenticatedActor, id: string, requestId: string | null): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findFamilyRow(trx, id);
    if (!before) throw notFound("Product family");
    const inUse = await countProductsInFamily(trx, id);
    if (inUse > 0) throw conflict(`${inUse} product(s) are in this family; move them to another family first`);
    await deleteFamilyRow(trx, id);
    await recordAudit(
      trx,
      actor,
      { action: "product_family.delete", entityType: "product_family", entityId: id, partnerId: null, before },
      requestId,
    );
  });
}

/** For other features (the sales library): id, SKU and name of the given products that exist. */
export async function productRefsByIds(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<{ id: string; sku: string; name: string; lifecycle: string }[]> {
  const refs: { id: string; sku: string; name: string; lifecycle: string }[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) refs.push(...(await findProductRefs(db, unique.slice(i, i + 500))));
  return refs;
}

export interface ProductSerialRef {
  id: string;
  sku: string;
  name: string;
  lifecycle: ProductLifecycle;
  familyId: string;
  serialPattern: string;
}

/** For other features (support tickets, RMAs): products with their family and serial pattern, by id. */
export async function productSerialRefsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, ProductSerialRef>> {
  const found = new Map<string, ProductSerialRef>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    for (const row of await findProductSerialRefs(db, unique.slice(i, i + 500))) {
      found.set(row.id, {
        id: row.id,
        sku: row.sku,
        name: row.name,
        lifecycle: row.lifecycle,
        familyId: row.family_id,
        serialPattern: row.serial_pattern,
      });
    }
  }
  return found;
}
