import { Outlet } from "@remix-run/react";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLang } from "~/i18n";

/** The language prefix: anything but fi, sv or en is a 404 in the visitor's language. */
export function loader({ params }: LoaderFunctionArgs) {
  if (!isLang(params.lang)) throw new Response(null, { status: 404 });
  return null;
}

export default function LangLayout() {
  return <Outlet />;
}
