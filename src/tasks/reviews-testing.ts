// Synthetic movie reviews in the layout of Kaggle's "IMDB Dataset.csv", for tests only: the
// real file is user-supplied and not on the test machines. Each review is mostly neutral words
// and stop words, with a few sentiment words (mostly of its own polarity, some of the other),
// HTML line breaks, punctuation, digits, quoted commas and doubled quotes — what the CSV reader
// and the preprocessing must handle. Seeded: the same options give the same file.
import { writeFileSync } from 'node:fs';
import { key, randint } from '../random/index.js';

const NEUTRAL = (
  'movie film plot story actor actress scene director script camera music ending character characters screen time ' +
  'cast role performance dialogue effects sequel series studio audience theater budget hollywood drama comedy horror ' +
  'action romance thriller western minutes hour night city family friend house car town school war police doctor ' +
  'girl boy man woman father mother brother sister wife husband life death world money book version production'
).split(' ');
const SYLLABLES = 'ka lo mi ter van dor bel sin rue pa zo nix tul gar fen'.split(' ');
/** Rare words (names, places, titles): most appear in a few reviews only, as in real reviews. */
const RARE = SYLLABLES.flatMap((a) => SYLLABLES.map((b) => a + b));
const STOP = 'the a an and of to is was it this that in on with as for but his her they he she at by'.split(' ');
const POSITIVE = 'great excellent wonderful brilliant loved superb beautiful amazing masterpiece enjoyed perfect moving'.split(' ');
const NEGATIVE = 'awful terrible boring worst waste dull poor horrible stupid bad disappointing mess'.split(' ');

export interface SyntheticReviewOptions {
  count: number;
  seed?: number;
  /** sentiment words per review (default 4) */
  sentimentWords?: number;
  /** chance that a sentiment word has the other polarity (default 0.15) */
  crossTalk?: number;
  /** neutral and stop words per review (default 30) */
  filler?: number;
  /** chance that a neutral word is a rare one (default 0.5) */
  rare?: number;
}

/** CSV text with a header `review,sentiment`, the sentiments alternating positive/negative. */
export function syntheticReviewsCsv({ count, seed = 0, sentimentWords = 4, crossTalk = 0.15, filler = 30, rare = 0.5 }: SyntheticReviewOptions): string {
  const draws = randint(key(seed), count * (filler * 3 + sentimentWords * 3), 0, 1 << 20);
  let next = 0;
  const pick = <T>(list: readonly T[]): T => list[draws[next++] % list.length];
  const chance = (p: number) => draws[next++] / (1 << 20) < p;
  const rows = ['review,sentiment'];
  for (let r = 0; r < count; r++) {
    const positive = r % 2 === 0;
    const words: string[] = [];
    for (let w = 0; w < filler; w++) words.push(chance(0.4) ? pick(STOP) : chance(rare) ? pick(RARE) : pick(NEUTRAL));
    for (let s = 0; s < sentimentWords; s++) {
      const own = !chance(crossTalk);
      const word = pick(own === positive ? POSITIVE : NEGATIVE);
      words.splice(draws[next++] % (words.length + 1), 0, word);
    }
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    const middle = words.length >> 1;
    const text = `${words.slice(0, middle).join(' ')}, "${words[middle]}"!<br /><br />${words.slice(middle + 1).join(' ')}. ${1 + (r % 10)}/10`;
    // Some reviews span lines, as a few do in the real file.
    rows.push(`"${(r % 7 === 3 ? text.replace('<br />', '\n') : text).replaceAll('"', '""')}",${positive ? 'positive' : 'negative'}`);
  }
  return `${rows.join('\n')}\n`;
}

export function writeSyntheticReviews(path: string, options: SyntheticReviewOptions): void {
  writeFileSync(path, syntheticReviewsCsv(options));
}
