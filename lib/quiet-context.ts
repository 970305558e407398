// WXT's content-script context announces every start to the page (a window
// postMessage and a document CustomEvent, so a newer copy can stop an older
// one). A portal's script could read that as "this clinician runs Chartguard"
// on every matched page. The build swaps in this context, which says nothing
// to the page: an old copy of our script notices the extension is gone by
// itself (entrypoints/portal.content/router.ts polls runtime.id). It is only
// what WXT's wrapper constructs: the router uses none of WXT's helpers (its
// own AbortController owns every listener), and the always-on script pays for
// every byte it carries at document_start (issue 18).
export class ContentScriptContext {
  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {}
}
