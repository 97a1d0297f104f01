/** The most frequent words in a scope (issue 16 item 5). */
export function WordFrequencyView() {
  return (
    <section aria-labelledby="words-heading" className="p-4">
      <h2 id="words-heading" className="text-lg font-semibold">
        Word frequency
      </h2>
    </section>
  );
}
