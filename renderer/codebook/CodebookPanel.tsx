/** The codebook tree in the right-hand panel. */
export function CodebookPanel() {
  return (
    <section aria-label="Codebook" className="p-3">
      <h2 className="text-sm font-semibold">Codes</h2>
    </section>
  );
}
