/** Project-wide speaker labels, their roles, and coding their turns (issue 16 item 3). */
export function SpeakersView() {
  return (
    <section aria-labelledby="speakers-heading" className="p-4">
      <h2 id="speakers-heading" className="text-lg font-semibold">
        Speakers
      </h2>
    </section>
  );
}
