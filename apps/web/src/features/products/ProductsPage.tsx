import { Button } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { apiUrl } from "../../api/client";
import type { Product } from "../../api/types";
import { useCan } from "../../auth/session";
import { CsvImport } from "../../components/CsvImport";
import { Page } from "../../components/Page";
import { ProductCatalog, useProductFilters } from "./ProductCatalog";
import { ProductModal } from "./ProductModal";
import { familiesKey, productQuery, productsKey } from "./products.api";

const importHelp =
  "A header row with sku, name, family, list_price_minor (cents), currency, serial_pattern and optionally description and lifecycle (the same columns as Export CSV). A row whose SKU exists updates that product; unknown families are created.";

export function ProductsPage() {
  const canWrite = useCan("products:write");
  const { filters } = useProductFilters();
  const [editing, setEditing] = useState<Product | "new" | null>(null);
  return (
    <Page
      title="Products"
      description="The catalogue partners sell from. Serial patterns decide which serial numbers count."
      actions={
        <>
          <Button component={Link} to="/products/families" variant="subtle">
            Families
          </Button>
          <Button component="a" href={apiUrl("/products/export.csv", productQuery(filters))} download variant="default">
            Export CSV
          </Button>
          {canWrite ? <CsvImport path="/products/import" noun="products" help={importHelp} invalidate={[productsKey, familiesKey]} /> : null}
          {canWrite ? <Button onClick={() => setEditing("new")}>New product</Button> : null}
        </>
      }
    >
      <ProductCatalog
        vendor
        onEdit={canWrite ? setEditing : undefined}
        emptyHint={canWrite ? "Create a product family, then add products one by one or import a CSV." : "Marketing adds products here."}
      />
      {editing ? <ProductModal product={editing === "new" ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Page>
  );
}
