// Which addresses an adapter's match patterns cover, for the content scripts:
// the same answers as WXT's MatchPattern (@webext-core/match-patterns), which
// the always-on script and each feature script would otherwise carry whole
// (issue 18). test/portal-content/match-pattern.test.ts holds the two level.
// Like MatchPattern, a pattern's path is tested against the address's path
// alone, without its query: it decides which adapter applies to a page, not
// where a script may run (the manifest's matches decide that).

const PROTOCOLS = ['http', 'https', 'file', 'ftp', 'urn', 'ws', 'wss'];

/** A glob where `*` is any run of characters, anchored at both ends. */
const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\*/g, '.*')}$`);

/** Whether a URL is one the pattern covers; throws, as MatchPattern does, for a pattern that is not one. */
export type UrlTest = (url: string) => boolean;

export function compileMatchPattern(pattern: string): UrlTest {
  if (pattern === '<all_urls>') return (url) => PROTOCOLS.includes(new URL(url).protocol.slice(0, -1));
  const parts = /(.*):\/\/(.*?)(\/.*)/.exec(pattern);
  if (!parts) throw new Error(`Invalid match pattern "${pattern}": Incorrect format`);
  const [, protocol = '', host = '', path = ''] = parts;
  if (!PROTOCOLS.includes(protocol) && protocol !== '*')
    throw new Error(`Invalid match pattern "${pattern}": ${protocol} not a valid protocol`);
  if (host.includes(':')) throw new Error(`Invalid match pattern "${pattern}": Hostname cannot include a port`);
  if (host.includes('*') && host.length > 1 && !host.startsWith('*.'))
    throw new Error(`Invalid match pattern "${pattern}": If using a wildcard (*), it must go at the start of the hostname`);
  const protocols = protocol === '*' ? ['http', 'https'] : [protocol];
  const hosts = [glob(host), glob(host.replace(/^\*\./, ''))];
  const paths = glob(path);
  return (url) => {
    const parsed = new URL(url);
    return protocols.some((each) => {
      if (each === 'http' || each === 'https')
        return (
          parsed.protocol === `${each}:` && host !== '' && hosts.some((regex) => regex.test(parsed.hostname)) && paths.test(parsed.pathname)
        );
      if (each === 'file') return parsed.protocol === 'file:' && paths.test(parsed.pathname);
      if (each === 'ftp' || each === 'urn') throw new Error(`Not implemented: ${each}:// pattern matching`);
      return false;
    });
  };
}
