import type { ComponentChildren } from 'preact';

/** A problem said as an alert under a field or a form, when there is one. */
export const Problem = ({ message }: { message: string | undefined }) =>
  message ? (
    <p class="field-error" role="alert">
      {message}
    </p>
  ) : null;

/**
 * A labelled field of the inbox's forms: the label for `id`, the control (which names `hintId` in its
 * aria-describedby and sets aria-invalid itself), the hint when there is one, and the problem as an alert.
 */
export const Field = ({
  id,
  label,
  hint,
  hintId,
  problem,
  extraClass,
  children,
}: {
  id: string;
  label: string;
  hint?: ComponentChildren;
  hintId?: string;
  problem?: string;
  extraClass?: string;
  children: ComponentChildren;
}) => (
  <div class={extraClass ? `field ${extraClass}` : 'field'}>
    <label for={id}>{label}</label>
    {children}
    {hint !== undefined ? (
      <p id={hintId} class="hint">
        {hint}
      </p>
    ) : null}
    <Problem message={problem} />
  </div>
);
