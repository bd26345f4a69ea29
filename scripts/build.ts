import { build } from './lib/build.ts';

build();
console.log('built apps and libs into dist/');
