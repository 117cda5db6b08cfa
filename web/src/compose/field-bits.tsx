/** The error line under a control (`<id>-error`, referenced by the control's aria-describedby). */
export const FieldError = ({ id, message }: { id: string; message: string | undefined }) =>
  message ? (
    <p id={`${id}-error`} class="field-error">
      {message}
    </p>
  ) : null;

/** An aria-describedby value from the ids that apply (falsy entries are left out). */
export const describedBy = (ids: readonly (string | false | undefined | null | '')[]): string | undefined => {
  const list = ids.filter((i): i is string => typeof i === 'string' && i !== '');
  return list.length ? list.join(' ') : undefined;
};
