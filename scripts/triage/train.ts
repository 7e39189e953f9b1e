/**
 * `npm run triage:train -- --data DIR [--quick]`: trains the shipped model on
 * the labelled files in DIR and writes
 *   lambda/domain/triage/model/triage-weights.bin    (the weights, one signed byte each)
 *   lambda/domain/triage/model/weights.generated.ts  (their scales, biases and checksum)
 *   lambda/domain/triage/model/model-figures.json    (what it was trained on and how it did)
 * Deterministic: the same files give the same weights.
 *
 * The figures: per file, ROC AUC on a seeded tenth of that file held out of a
 * first training (same-source figures: optimistic, as train and test share a
 * source; the honest cross-source figures are `npm run triage:eval`'s), and the
 * final model's AUC on the project's own corpus, before and after rounding the
 * weights to 8 bits. `--quick` skips the held-out tenth.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { encodeHead, decodeHead } from '../../lambda/domain/triage/model/codec';
import { packWeights, sha256Hex, WEIGHTS_FILE, weightsModule } from '../../lambda/domain/triage/model/weights-file';
import { SHIPPED_BITS } from '../../lambda/domain/triage/model/features';
import { dot } from '../../lambda/domain/triage/model/linear';
import { writeModelCard } from '../../bench/triage/card';
import { corpusAuc } from './corpus';
import { files, isSpamFile, readRows } from './data';
import { featurize, fitHead, trainedOn } from './fit';
import { LEARN_OPTIONS, rocAuc, seededRandom } from './learn';
import { argument, elapsedLog } from './command-line';

const ROOT = resolve(__dirname, '../..');
const MODEL_DIR = resolve(ROOT, 'lambda/domain/triage/model');

function main(): void {
  const dir = argument('--data');
  if (!dir) {
    console.error('usage: npm run triage:train -- --data DIR [--quick]   (DIR holds the labelled *.jsonl files)');
    process.exitCode = 2;
    return;
  }
  const log = elapsedLog();
  const rows = readRows(resolve(dir));
  log(`${rows.length} rows from ${files(rows).length} files; extracting features`);
  const features = featurize(rows);
  log('features extracted');

  const sameSource: Record<string, { head: string; auc: number | null; rows: number }> = {};
  if (!process.argv.includes('--quick')) {
    const random = seededRandom(LEARN_OPTIONS.seed + 1);
    const heldOut = rows.map(() => random() < 0.1);
    const train = (row: number) => !heldOut[row];
    const heads = { remove: fitHead('remove', rows, features, train), spam: fitHead('spam', rows, features, train) };
    for (const file of files(rows)) {
      const head = isSpamFile(rows, file) ? 'spam' : 'remove';
      const test = rows.map((r, i) => ({ r, i })).filter(({ r, i }) => r.file === file && heldOut[i]);
      const labels = test.map(({ r }) => (r.label === 'toxic' || r.label === 'spam' ? 1 : 0) as 0 | 1);
      const auc = rocAuc(
        test.map(({ i }) => dot(heads[head], features[i]!)),
        labels,
      );
      // A file with one class (the all-toxic news comments) has no AUC of its own.
      sameSource[file] = { head, auc: Number.isFinite(auc) ? Math.round(auc * 10000) / 10000 : null, rows: test.length };
    }
    log(`same-source held-out tenth: ${JSON.stringify(sameSource)}`);
  }

  const all = () => true;
  const model = { bits: SHIPPED_BITS, remove: fitHead('remove', rows, features, all), spam: fitHead('spam', rows, features, all) };
  log('final model trained');
  const encoded = { remove: encodeHead(model.remove), spam: encodeHead(model.spam) };
  const rounded = { bits: SHIPPED_BITS, remove: decodeHead(encoded.remove), spam: decodeHead(encoded.spam) };
  const figures = {
    trainedOn: trainedOn(rows),
    bits: SHIPPED_BITS,
    learning: LEARN_OPTIONS,
    sameSourceHeldOutTenth: sameSource,
    corpus: { float32: corpusAuc(model), int8: corpusAuc(rounded) },
  };
  log(`corpus AUC: ${JSON.stringify(figures.corpus)}`);

  const weights = packWeights(encoded);
  const module = weightsModule({
    bits: SHIPPED_BITS,
    trainedOn: figures.trainedOn,
    sha256: sha256Hex(weights),
    remove: { bias: encoded.remove.bias, scale: encoded.remove.scale },
    spam: { bias: encoded.spam.bias, scale: encoded.spam.scale },
  });
  writeFileSync(resolve(MODEL_DIR, WEIGHTS_FILE), weights);
  writeFileSync(resolve(MODEL_DIR, 'weights.generated.ts'), module);
  writeFileSync(resolve(MODEL_DIR, 'model-figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  writeModelCard();
  log(`wrote ${WEIGHTS_FILE} (${weights.length} bytes), weights.generated.ts, model-figures.json and the model card's figures`);
}

main();
