export function CasesView() {
  return (
    <section aria-label="Cases and attributes" className="p-4">
      <h2 className="text-base font-semibold">Cases & attributes</h2>
    </section>
  );
}
