/** The little of traverson 8 and traverson-hal the tests use (neither ships types). */
declare module 'traverson' {
  interface Builder {
    jsonHal(): Builder;
    useContentNegotiation(): Builder;
    follow(...rels: string[]): Builder;
    withRequestOptions(options: { headers?: Record<string, string> }): Builder;
    getResource(callback: (error: Error | null, resource: Record<string, unknown>) => void): void;
  }
  const traverson: {
    from(url: string): Builder;
    registerMediaType(mediaType: string, adapter: unknown): void;
  };
  export default traverson;
}

declare module 'traverson-hal' {
  const JsonHalAdapter: { mediaType: string };
  export default JsonHalAdapter;
}
