import { describe, expect, it } from 'vitest';
import { type RouteSpec, routes } from '../../infra/catalog';
import { bySpecificity } from '../../local/gateway';

const spec = (path: string): RouteSpec => ({ method: 'GET', path, function: 'feedback-api', auth: 'staff' });

describe('the local gateway picks the most specific route, as API Gateway does', () => {
  it('puts a literal segment before a variable whatever the declared order', () => {
    const sorted = [spec('/feedback/{id}'), spec('/feedback/corrections')].sort(bySpecificity);
    expect(sorted.map((r) => r.path)).toEqual(['/feedback/corrections', '/feedback/{id}']);
  });

  it('compares segment by segment from the left', () => {
    const sorted = [spec('/a/{x}/b'), spec('/a/y/{z}'), spec('/{p}/y/b')].sort(bySpecificity);
    expect(sorted.map((r) => r.path)).toEqual(['/a/y/{z}', '/a/{x}/b', '/{p}/y/b']);
  });

  it('orders the catalog so that no literal path is shadowed by a variable one', () => {
    const sorted = [...routes].reverse().sort(bySpecificity);
    const at = (method: string, path: string) =>
      sorted.findIndex((r) => r.method === method && r.path === path);
    expect(at('GET', '/feedback/corrections')).toBeGreaterThanOrEqual(0);
    expect(at('GET', '/feedback/corrections')).toBeLessThan(at('GET', '/feedback/{id}'));
  });
});
