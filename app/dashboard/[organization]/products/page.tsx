import { Products } from "../_components/products";
import { ListPage, type ListRouteProps } from "../_components/list-page";

export const metadata = { title: "Products" };

export default function ProductsPage(props: ListRouteProps) {
  return (
    <ListPage
      {...props}
      tab="products"
      title="Products"
      description="Everything on sale, with its prices."
      searchLabel="Search products"
      List={Products}
    />
  );
}
