// Clickjacking defence: Chromium's IntersectionObserver v2 reports whether the
// panel is actually visible and unobscured; while it is not, buttons that
// change the record are disabled.
export function watchObscured(target: Element, onChange: (obscured: boolean) => void): () => void {
  type V2Entry = IntersectionObserverEntry & { isVisible?: boolean };
  let observer: IntersectionObserver;
  try {
    observer = new IntersectionObserver(
      (entries) => {
        const entry = entries.at(-1) as V2Entry | undefined;
        // Browsers without v2 leave isVisible undefined: they get no protection, not a disabled panel.
        if (entry && entry.isVisible !== undefined) onChange(entry.isIntersecting && !entry.isVisible);
      },
      { threshold: [0, 1], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
  } catch {
    return () => undefined;
  }
  observer.observe(target);
  return () => observer.disconnect();
}
