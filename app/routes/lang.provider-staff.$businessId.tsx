import type { LoaderFunctionArgs } from "@remix-run/node";
import { providerIndexLoader } from "~/.server/provider-staff/pages";

/** `/{lang}/provider-staff/{businessId}`: leads to the provider's customers (after the same role check). */
export function loader(args: LoaderFunctionArgs) {
  return providerIndexLoader(args);
}

export default function ProviderStaffIndex() {
  return null;
}
