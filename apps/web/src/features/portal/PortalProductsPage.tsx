import { Page } from "../../components/Page";
import { ProductCatalog } from "../products/ProductCatalog";

export function PortalProductsPage() {
  return (
    <Page title="Products" description="Everything you can sell today, with list prices and the sales tools for each product.">
      <ProductCatalog vendor={false} emptyHint="The vendor has not published products yet." />
    </Page>
  );
}
