/** The words of insults, as regular-expression alternatives for abuse.ts. */

// A vowel may be starred out: "st*pid", "id*ot".
const starrable = (word: string) => word.replace(/[aeiou]/g, (v) => `[${v}*]`);
const alternatives = (words: readonly string[]) => words.map(starrable).join('|');

// Names for a person that are insults wherever they stand.
const PLAIN_INSULTS = ['idiots?', 'morons?', 'imbeciles?', 'cretins?', 'halfwits?', 'dimwits?', 'nitwits?', 'dumbass(es)?', 'jackass(es)?'];

const INSULT_NOUNS_WORDS = [
  ...PLAIN_INSULTS,
  'losers?',
  'scumbags?',
  'scum',
  'clowns?',
  'lunatics?',
  'disgraces?',
  'weasels?',
  'snakes?',
  'buffoons?',
  'fools?',
  'trolls?',
  'retards?',
  'parasites?',
  'vermin',
  'cockroach(es)?',
  'pigs?',
  'rats?',
  'sheeple',
  'libtards?',
  'trumptards?',
  'degenerates?',
  'lowlifes?',
  'dickheads?',
  'assholes?',
  'arseholes?',
  'bastards?',
  'bitch(es)?',
  'cunts?',
  'twats?',
  'wankers?',
  'pricks?',
  'creeps?',
  'freaks?',
  'psychos?',
  'numpty',
  'numpties',
  'hacks?',
  'shills?',
  'traitors?',
  'garbage',
  'trash',
  'filth',
  'subhumans?',
  'animals',
];
export const INSULT_NOUNS = alternatives(INSULT_NOUNS_WORDS);
// Harsh enough to be an insult whoever it is aimed at.
const INSULT_ADJECTIVES_WORDS = [
  'stupid',
  'dumb',
  'pathetic',
  'brainless',
  'worthless',
  'moronic',
  'idiotic',
  'retarded',
  'disgusting',
  'spineless',
  'gutless',
  'fat',
  'ugly',
  'vile',
  'deranged',
  'braindead',
  'brain-dead',
  'senile',
];
export const INSULT_ADJECTIVES = alternatives(INSULT_ADJECTIVES_WORDS);
// Criticism when said of officials ("they are incompetent"), an insult when said to the reader.
const SECOND_PERSON_ADJECTIVES_WORDS = [
  'ignorant',
  'clueless',
  'delusional',
  'incompetent',
  'useless',
  'evil',
  'thick',
  'insane',
  'a joke',
];
export const SECOND_PERSON_ADJECTIVES = alternatives(SECOND_PERSON_ADJECTIVES_WORDS);
const STANDALONE_NOUNS_WORDS = [
  ...PLAIN_INSULTS,
  'scumbags?',
  'libtards?',
  'trumptards?',
  'retards?',
  'sheeple',
  'lowlifes?',
  'dickheads?',
  'numpties',
  'subhumans?',
  'lunatics?',
  'snowflakes?',
];
export const STANDALONE_NOUNS = alternatives(STANDALONE_NOUNS_WORDS);

/** Every entry of the lists above (before starring), so a test can check each entry against the corpus splits. */
export const ABUSE_WORDS: readonly string[] = [
  ...new Set([...INSULT_NOUNS_WORDS, ...INSULT_ADJECTIVES_WORDS, ...SECOND_PERSON_ADJECTIVES_WORDS, ...STANDALONE_NOUNS_WORDS]),
];
