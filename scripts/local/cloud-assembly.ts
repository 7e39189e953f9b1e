/**
 * Reads what `cdk synth` produced (a cloud assembly, cdk.out by default):
 * for each Lambda function of the stack, the folder of its bundle as it is
 * uploaded, its handler setting, environment, timeout and memory, exactly
 * as the template says. Can also run the synth itself.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../build-web';

export interface DeployedFunction {
  /** The construct id: the route's or stream consumer's name (e.g. SubmitComment). */
  name: string;
  /** The bundle's folder (index.js, index.js.map) inside the cloud assembly. */
  bundleDir: string;
  /** Lambda's handler setting, e.g. "index.handler". */
  handler: string;
  /** As the template has it: plain strings, or CloudFormation references to resources of the stack. */
  environment: Record<string, unknown>;
  timeoutSeconds: number;
  memoryMb: number;
  runtime: string;
}

type Manifest = { artifacts: Record<string, { type: string; properties?: { templateFile?: string; file?: string } }> };
type FunctionProperties = {
  Runtime?: string;
  Handler?: string;
  Code?: { S3Key?: unknown };
  Environment?: { Variables?: Record<string, unknown> };
  Timeout?: number;
  MemorySize?: number;
};
type TemplateResource = { Type: string; Properties: FunctionProperties; Metadata?: Record<string, unknown> };

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The stack's functions that run Node.js code of this project (CDK's own helper functions are left out). */
export function deployedFunctions(assemblyDir: string): DeployedFunction[] {
  const dir = resolve(assemblyDir);
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${dir} is not a cloud assembly (no manifest.json): run npx cdk synth first`);
  const artifacts = Object.values(readJson<Manifest>(manifestFile).artifacts);
  const stacks = artifacts.filter((a) => a.type === 'aws:cloudformation:stack' && a.properties?.templateFile);
  if (stacks.length !== 1) throw new Error(`expected one stack in ${dir}, found ${stacks.length}`);
  const template = readJson<{ Resources: Record<string, TemplateResource> }>(join(dir, stacks[0]!.properties!.templateFile!));
  const assetManifests = artifacts.filter((a) => a.type === 'cdk:asset-manifest' && a.properties?.file);
  const files: Record<string, { source: { path: string } }> = Object.assign(
    {},
    ...assetManifests.map((a) => readJson<{ files?: Record<string, unknown> }>(join(dir, a.properties!.file!)).files ?? {}),
  );

  const functions: DeployedFunction[] = [];
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function' || !String(resource.Properties.Runtime ?? '').startsWith('nodejs')) continue;
    const path = String(resource.Metadata?.['aws:cdk:path'] ?? '').split('/');
    // Service functions are <Stack>/<Name>/Function/Resource (lib/constructs/service-function.ts).
    if (path.length !== 4 || path[2] !== 'Function') continue;
    const key = String(resource.Properties.Code?.S3Key ?? '').replace(/\.zip$/, '');
    const asset = files[key];
    if (!asset) throw new Error(`${path[1]}: its code asset ${key} is not in the cloud assembly`);
    functions.push({
      name: path[1]!,
      bundleDir: join(dir, asset.source.path),
      handler: resource.Properties.Handler ?? 'index.handler',
      environment: resource.Properties.Environment?.Variables ?? {},
      timeoutSeconds: resource.Properties.Timeout ?? 3,
      memoryMb: resource.Properties.MemorySize ?? 128,
      runtime: String(resource.Properties.Runtime),
    });
  }
  return functions;
}

/** `npx cdk synth --quiet` into `outdir`, as a deploy would synthesize. Resolves when it succeeded. */
export function synthesizeCloudAssembly(outdir: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', outdir], {
      cwd: PROJECT_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`cdk synth exited with ${code}:\n${output}`))));
  });
}
