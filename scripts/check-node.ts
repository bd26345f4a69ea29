import { assertNode24 } from './lib/node-version.ts';

assertNode24();
