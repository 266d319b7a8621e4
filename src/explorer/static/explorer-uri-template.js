// @ts-check
/**
 * RFC 6570 URI Templates, the part HAL links use: simple `{var}`, reserved `{+var}`, fragment
 * `{#var}`, label `{.var}`, path `{/var}`, query `{?a,b}` and continuation `{&a,b}`.
 * Prefix (`:n`) and explode (`*`) modifiers are accepted and ignored.
 */
const EXPRESSION = /\{([+#./;?&]?)([^{}]+)\}/g;

/** @param {string} spec */
const varName = (spec) => spec.trim().replace(/[:*].*$/, '');

/** @param {string} value */
const encodeUnreserved = (value) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
/** @param {string} value */
const encodeReserved = (value) => encodeURI(value).replace(/%25([0-9A-Fa-f]{2})/g, '%$1');

/** The variable names of a template, in order, without duplicates. @param {string} template @returns {string[]} */
export function templateVariables(template) {
  /** @type {string[]} */
  const names = [];
  for (const [, , list] of template.matchAll(EXPRESSION)) {
    for (const name of list.split(',').map(varName)) if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * Expands a template; variables that are undefined or '' are left out.
 * @param {string} template @param {Record<string, unknown>} values
 */
export function expandTemplate(template, values) {
  return template.replace(EXPRESSION, (/** @type {string} */ _match, /** @type {string} */ operator, /** @type {string} */ list) => {
    const names = list.split(',').map(varName).filter((n) => values[n] !== undefined && values[n] !== '');
    const encode = operator === '+' || operator === '#' ? encodeReserved : encodeUnreserved;
    const plain = names.map((n) => encode(String(values[n])));
    const pairs = names.map((n) => `${encodeUnreserved(n)}=${encode(String(values[n]))}`);
    if (names.length === 0) return '';
    switch (operator) {
      case '?': return `?${pairs.join('&')}`;
      case '&': return `&${pairs.join('&')}`;
      case ';': return names.map((n, i) => `;${n}=${plain[i]}`).join('');
      case '/': return plain.map((v) => `/${v}`).join('');
      case '.': return plain.map((v) => `.${v}`).join('');
      case '#': return `#${plain.join(',')}`;
      default: return plain.join(',');
    }
  });
}
