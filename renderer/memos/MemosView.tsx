export function MemosView() {
  return <section aria-label="Memos" className="p-4" />;
}
