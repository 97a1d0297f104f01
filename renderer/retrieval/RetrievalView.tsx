export function RetrievalView() {
  return <section aria-label="Retrieval" className="p-4" />;
}
