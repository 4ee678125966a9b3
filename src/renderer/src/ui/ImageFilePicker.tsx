import { useRef } from 'react';

/** The image types Venice takes as an input (and the library imports). */
const ACCEPT = 'image/png,image/jpeg,image/webp';

interface Props {
  label: string;
  /** The button's test id. */
  testId: string;
  /** The hidden file input's test id (tests set files on it). */
  inputTestId: string;
  disabled?: boolean;
  onFiles: (files: File[]) => void;
}

/** A button that opens the system's file dialog for images; several may be picked, and picking the same again counts. */
export function ImageFilePicker({ label, testId, inputTestId, disabled = false, onFiles }: Props) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="button button--small" data-testid={testId} disabled={disabled} onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        multiple
        hidden
        data-testid={inputTestId}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          // Emptied, so choosing the same file again fires a change.
          e.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}
