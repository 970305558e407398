// Saving a file the user exports from an extension page (a configuration, an
// adapter, a checklist): the browser's own download of a JSON blob, so nothing
// leaves the machine except into the user's downloads folder.

/** Offers `data` as a JSON file named `name`, indented for a person to read. */
export function downloadJson(name: string, data: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The click has started the download by the next task; the object URL is then no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
