import { ProductList } from "@/components/organization/resource-lists";
import { ListPage, type ListRouteProps } from "../list-page";

export const metadata = { title: "Products" };

export default function ProductsPage(props: ListRouteProps) {
  return (
    <ListPage {...props} tab="products" title="Products" description="Everything on sale, with its prices." searchLabel="Search products" List={ProductList} />
  );
}
