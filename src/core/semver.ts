/** The few semver functions this project uses, each from its own module: the package's index loads all of
 * semver (ranges, comparators, coercion) into every command's startup. */
import compareBuild from 'semver/functions/compare-build.js';
import gt from 'semver/functions/gt.js';
import inc from 'semver/functions/inc.js';
import lt from 'semver/functions/lt.js';
import parse from 'semver/functions/parse.js';
import valid from 'semver/functions/valid.js';

export const semver = { compareBuild, gt, inc, lt, parse, valid };
