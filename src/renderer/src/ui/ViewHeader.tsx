/** A main view's title (its section is labelled by `id`) and an optional line beneath. */
export function ViewHeader({ id, title, subtitle }: { id: string; title: string; subtitle?: string }) {
  return (
    <header className="view__header">
      <h1 id={id} className="view__title">
        {title}
      </h1>
      {subtitle !== undefined && <p className="view__subtitle">{subtitle}</p>}
    </header>
  );
}
