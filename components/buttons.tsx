import { PolarMark } from "./polar-mark";

/** A form's submit button that starts something at Polar: the primary button with Polar's mark. */
export function PolarButton({ children }: { children: React.ReactNode }) {
  return (
    <button type="submit" className="button-primary">
      <PolarMark className="size-5" />
      {children}
    </button>
  );
}
