/** Unknown API paths answer JSON, not a page. */
export function loader() {
  return Response.json({ error: "not_found" }, { status: 404 });
}
export function action() {
  return Response.json({ error: "not_found" }, { status: 404 });
}
