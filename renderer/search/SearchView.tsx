/** Project-wide search (issue 16 item 1): query, scope, keyword-in-context results, autocoding. */
export function SearchView() {
  return (
    <section aria-labelledby="search-heading" className="p-4">
      <h2 id="search-heading" className="text-lg font-semibold">
        Search
      </h2>
      <label htmlFor="project-search-query" className="mt-2 block text-sm">
        Search all sources
      </label>
      <input id="project-search-query" type="search" className="mt-1 w-full max-w-xl rounded border border-slate-400 px-2 py-1" />
    </section>
  );
}
