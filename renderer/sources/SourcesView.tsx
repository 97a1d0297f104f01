export function SourcesView() {
  return <section aria-label="Sources" className="p-4" />;
}
