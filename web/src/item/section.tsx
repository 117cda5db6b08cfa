import type { ComponentChildren } from 'preact';

/** One section of the item page: a region named by its heading, so screen readers can jump between them. */
export const Section = ({
  id,
  title,
  children,
  class: extra,
}: {
  id: string;
  title: string;
  children: ComponentChildren;
  class?: string;
}) => (
  <section class={`item-section${extra ? ` ${extra}` : ''}`} aria-labelledby={`${id}-title`}>
    <h2 id={`${id}-title`}>{title}</h2>
    {children}
  </section>
);
