/** One input's error under it; the input names `id` in its aria-describedby. Nothing without a message. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-sm font-bold text-red-700">
      {message}
    </p>
  );
}
