/** Reading RateLimit-Policy / RateLimit (structured-field Lists) in tests. */

export interface LimitItem {
  name: string;
  params: Record<string, number>;
}

/** Parses `"name";k=1;k2=2, "other";…` (the subset of RFC 9651 these fields use). */
export function limitItems(value: string | null): LimitItem[] {
  if (!value) return [];
  return value.split(/\s*,\s*/).map((member) => {
    const [name, ...params] = member.split(';');
    if (!/^"[^"\\]*"$/.test(name!)) throw new Error(`not a structured-field string item: ${member}`);
    return {
      name: name!.slice(1, -1),
      params: Object.fromEntries(params.map((param) => {
        const [key, number] = param.split('=');
        if (!/^[a-z]+$/.test(key!) || !/^\d+$/.test(number!)) throw new Error(`not an integer parameter: ${param}`);
        return [key!, Number(number)];
      })),
    };
  });
}

export function limitItem(res: Response, field: 'RateLimit' | 'RateLimit-Policy', name: string): Record<string, number> | undefined {
  return limitItems(res.headers.get(field)).find((item) => item.name === name)?.params;
}
