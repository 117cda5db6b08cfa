import { describe, expect, it } from 'vitest';
import { parseWatchList, watchesIn } from '../../functions/domain/feedback/watches';

describe('keyword watches', () => {
  const list = parseWatchList('DBD, demam berdarah ,keracunan,campak,,dbd');

  it('reads the configured list: trimmed, lower case, once each', () => {
    expect(list).toEqual(['dbd', 'demam berdarah', 'keracunan', 'campak']);
  });

  it('finds whole words whatever the case, punctuation or hashtag', () => {
    expect(watchesIn('Awas #DBD di Antapani!!', list)).toEqual(['dbd']);
    expect(watchesIn('anak saya Demam  Berdarah, dirawat di RSUD', list)).toEqual(['demam berdarah']);
    expect(watchesIn('satu kelas keracunan nasi kotak, campak juga ada', list)).toEqual([
      'keracunan',
      'campak',
    ]);
  });

  it('does not match inside other words', () => {
    expect(watchesIn('adbdx dan kecampakan', list)).toEqual([]);
    expect(watchesIn('demam tinggi, berdarah gusi', list)).toEqual([]);
  });
});
