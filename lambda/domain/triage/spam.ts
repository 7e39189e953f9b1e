/**
 * Spam signals, each a probability-like weight; they combine as independent
 * evidence (1 − Π(1 − w)), and the strongest names the verdict:
 *
 *  - link farm: several links, or links beside selling words;
 *  - spam vocabulary: pills, casinos, loans, "earn $500 a day", crypto
 *    "recovery", love spells, SEO services;
 *  - contact harvesting: an address, phone, WhatsApp or Telegram handle in the text;
 *  - keyword name: an author name that is an advert, with a website;
 *  - repeated characters: one character or word repeated past any emphasis;
 *  - pasted boilerplate: the generic praise blog spam is made of ("great
 *    post, I have bookmarked your site").
 */
import { countLinks } from '../links';

export interface SpamInput {
  text: string;
  author: string;
  url: string | null;
}

export interface SpamSignal {
  signal: string;
  weight: number;
}

// `.example` is the reserved documentation domain (RFC 2606) the corpus writes where real spam has `.com`.
const BARE_DOMAIN =
  /(?<![@\w.])(?:www\.)?[a-z0-9-]{2,}\.(?:com|net|org|info|biz|shop|store|online|site|xyz|top|club|io|co|ru|cn|in|pk|ng|me|ly|gl|to|link|click|live|pro|example)(?:\/\S*)?(?![\w])/gi;

/** Selling words, one regular-expression entry each (exported so a test can check each entry against the corpus splits). */
export const SPAM_VOCABULARY: readonly string[] = [
  'viagra',
  'cialis',
  'levitra',
  'pharmacy',
  'pills? online',
  '(?:no|without(?: a)?) prescription',
  'overnight delivery',
  'tramadol',
  'xanax',
  'oxycodone',
  'adderall',
  'valium',
  'casino',
  'slots?',
  'poker online',
  'betting tips',
  'payday loans?',
  'instant loans?',
  'credit repair',
  'forex',
  'binary options',
  'crypto (?:signals|trading bot|investment)',
  'bitcoin (?:doubler|investment|mining pool)',
  'investment platform',
  'recover (?:your )?(?:lost|stolen|scammed) (?:funds|crypto|bitcoin)',
  'funds recovery',
  'recovery expert',
  'hacker',
  'spell ?caster',
  'love spell',
  'lottery',
  'sugar (?:mummy|mommy|daddy)',
  'hot singles',
  'escorts?',
  'hook ?up',
  'adult dating',
  'weight loss',
  'lose \\d+ ?(?:lbs|pounds|kg)',
  'keto',
  'diet pills?',
  'replica',
  'cheap (?:watches|handbags|jerseys|rolex|nike|ray-?bans?)',
  'seo services',
  'backlinks?',
  'web traffic',
  'guest posts?',
  'essay writing',
  'write my essay',
  'followers',
  'promo code',
  '\\d+% off',
  'discount code',
  'coupon',
  'buy now',
  'order now',
  'click (?:here|the link|below)',
  'limited (?:time )?offer',
  'act now',
  'work from home',
  'mak(?:e|ing) (?:money|cash)',
  'free trial',
  'affordable prices',
  '(?:more|increase your|boost your) (?:web )?traffic',
  'check (?:it )?out here',
  'no registration',
  '(?:beautiful|hot|lonely) (?:girls|women|singles|ladies)',
  'earn (?:money|cash|extra)',
  'passive income',
  'per (?:hour|day|week) from home',
  'financial freedom',
  '100% (?:free|guaranteed|legit)',
  'risk[- ]free',
  'cbd (?:oil|gummies)',
  'free (?:iphone|gift card|v-?bucks|robux)',
];
const SPAM_WORDS_SOURCE = `\\b(?:${SPAM_VOCABULARY.join('|')})\\b`;
let spamWords: RegExp | undefined;
let spamName: RegExp | undefined;
// Compiled on first use (see abuse.ts); the name test must not share the global pattern's lastIndex.
const SPAM_WORDS = () => (spamWords ??= new RegExp(SPAM_WORDS_SOURCE, 'gi'));
const SPAM_NAME = () => (spamName ??= new RegExp(SPAM_WORDS_SOURCE, 'i'));
const MONEY_CLAIM =
  /(?:\$|usd|£|€)\s?\d[\d,.]*k?\s*(?:\+\s*)?(?:(?:a|an|per|every|each)\s+(?:hour|day|week|month)|\/\s?(?:hr|hour|day|week|month)|weekly|daily|monthly)|\d[\d,]*\s*(?:dollars|usd)\s+(?:a|per)\s+(?:day|week|month)/i;

const EMAIL_IN_TEXT = /[\w.+-]+@[\w-]+\.[\w.]{2,}/;
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(?\d{2,4}\)?[\s.-]?){2,4}\d{3,4}/g;
// A phone number has at least nine digits; years and sums in a comment do not.
const hasPhone = (text: string) => (text.match(PHONE) ?? []).some((m) => m.replace(/\D/g, '').length >= 9);
const MESSENGER =
  /\b(?:whats ?app|telegram|signal|wechat|viber|kik|snapchat|instagram)\b[\s:@]*(?:\+?\d|@\w|me\b|him\b|her\b|us\b|via\b|on\b|at\b)|\b(?:contact|reach|text|dm|message|email|write to)\s+(?:him|her|them|us|me)\s+(?:via|on|at|through)\b|\bdm me\b/i;

/** Classic spun templates, counted once per phrase found. */
export const SPUN_TEMPLATES: readonly string[] = [
  "could ?n[o']t be written any better",
  'forward this (?:page|post|article) to',
  'return the favou?r',
  'improve my (?:web ?site|blog|site)',
  'use (?:a few|some) of your ideas',
  'what host are you using',
];

const BOILERPLATE: readonly RegExp[] = [
  /\b(?:great|nice|awesome|wonderful|excellent|informative|helpful|amazing) (?:post|article|blog|write-?up|content|read|site|website|piece of writing)\b/i,
  /\bthanks? (?:you )?for (?:sharing|this (?:post|article|information|info))\b/i,
  /\b(?:your|this) (?:blog|website|web site|site)\b/i,
  /\b(?:bookmark(?:ed)?|subscribe[sd]? to your|rss feed|added to my favou?rites)\b/i,
  /\bkeep (?:up the (?:good|great) work|it up|posting|writing)\b/i,
  /\b(?:i (?:really )?(?:enjoyed|loved|like) (?:reading|your)|very (?:informative|useful|helpful) (?:post|article|information))\b/i,
  /\b(?:i found (?:your|this) (?:site|blog|website|post)|came across (?:your|this) (?:site|blog|website))\b/i,
  new RegExp(`\\b(?:${SPUN_TEMPLATES.join('|')})\\b`, 'gi'),
  /\b(?:check out|visit|have a look at) (?:my|our) (?:site|website|blog|page|profile|channel|store|shop)\b/i,
];

// One character ten times, or a short chunk six times ("BUYBUYBUY…"); "hahaha" and "!!!" stay below.
const CHARACTER_RUN = /(.)\1{9,}|(.{2,6}?)\2{5,}/u;
const SELLING_NAME_WORDS =
  /\b(?:best|cheap|buy|online|seo|loans?|casino|services?|agency|marketing|store|shop|deals?|discount|official|sale|\.com)\b/i;

export function spamSignals({ text, author, url }: SpamInput): SpamSignal[] {
  const signals: SpamSignal[] = [];
  const add = (signal: string, weight: number) => signals.push({ signal, weight });
  const links = countLinks(text) + (text.replace(/https?:\/\/\S+/gi, ' ').match(BARE_DOMAIN)?.length ?? 0);
  const vocabulary = new Set((text.match(SPAM_WORDS()) ?? []).map((w) => w.toLowerCase())).size + (MONEY_CLAIM.test(text) ? 2 : 0);

  if (links >= 3) add('link farm', 0.92);
  else if (links >= 1 && vocabulary >= 1) add('link farm', 0.85);
  else if (links === 2) add('link farm', 0.35);
  if (vocabulary > 0) add('spam vocabulary', Math.min(0.45 + 0.25 * (vocabulary - 1), 0.9));
  const contacts = [EMAIL_IN_TEXT.test(text), hasPhone(text), MESSENGER.test(text)].filter(Boolean).length;
  if (contacts > 0) add('contact harvesting', Math.min(0.55 + 0.2 * (contacts - 1), 0.9));
  if (url && (SPAM_NAME().test(author) || SELLING_NAME_WORDS.test(author))) add('keyword name', 0.7);
  if (CHARACTER_RUN.test(text.replace(/\s/g, '')) || repeatedWords(text)) add('repeated characters', 0.75);
  // A global pattern counts each of its phrases found (the spun templates); the others count once.
  const boilerplate = BOILERPLATE.reduce((n, r) => n + (r.global ? (text.match(r)?.length ?? 0) : Number(r.test(text))), 0);
  if (boilerplate > 0) add('pasted boilerplate', boilerplate >= 3 ? 0.8 : boilerplate === 2 ? 0.45 : 0.15);
  return signals;
}

/** The same word five times or more in a row, or one word making most of a long comment. */
function repeatedWords(text: string): boolean {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  let run = 1;
  for (let i = 1; i < words.length; i++) {
    run = words[i] === words[i - 1] ? run + 1 : 1;
    if (run >= 5) return true;
  }
  if (words.length < 12) return false;
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return Math.max(...counts.values()) / words.length > 0.5;
}

export function combine(signals: SpamSignal[]): { score: number; signal: string } {
  if (signals.length === 0) return { score: 0, signal: 'none' };
  const score = 1 - signals.reduce((rest, s) => rest * (1 - s.weight), 1);
  const strongest = signals.reduce((a, b) => (b.weight > a.weight ? b : a));
  return { score: Math.round(score * 1000) / 1000, signal: strongest.signal };
}
