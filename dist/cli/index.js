#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 748:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const stringify = __nccwpck_require__(3317);
const compile = __nccwpck_require__(1113);
const expand = __nccwpck_require__(5290);
const parse = __nccwpck_require__(507);

/**
 * Expand the given pattern or create a regex-compatible string.
 *
 * ```js
 * const braces = require('braces');
 * console.log(braces('{a,b,c}', { compile: true })); //=> ['(a|b|c)']
 * console.log(braces('{a,b,c}')); //=> ['a', 'b', 'c']
 * ```
 * @param {String} `str`
 * @param {Object} `options`
 * @return {String}
 * @api public
 */

const braces = (input, options = {}) => {
  let output = [];

  if (Array.isArray(input)) {
    for (const pattern of input) {
      const result = braces.create(pattern, options);
      if (Array.isArray(result)) {
        output.push(...result);
      } else {
        output.push(result);
      }
    }
  } else {
    output = [].concat(braces.create(input, options));
  }

  if (options && options.expand === true && options.nodupes === true) {
    output = [...new Set(output)];
  }
  return output;
};

/**
 * Parse the given `str` with the given `options`.
 *
 * ```js
 * // braces.parse(pattern, [, options]);
 * const ast = braces.parse('a/{b,c}/d');
 * console.log(ast);
 * ```
 * @param {String} pattern Brace pattern to parse
 * @param {Object} options
 * @return {Object} Returns an AST
 * @api public
 */

braces.parse = (input, options = {}) => parse(input, options);

/**
 * Creates a braces string from an AST, or an AST node.
 *
 * ```js
 * const braces = require('braces');
 * let ast = braces.parse('foo/{a,b}/bar');
 * console.log(stringify(ast.nodes[2])); //=> '{a,b}'
 * ```
 * @param {String} `input` Brace pattern or AST.
 * @param {Object} `options`
 * @return {Array} Returns an array of expanded values.
 * @api public
 */

braces.stringify = (input, options = {}) => {
  if (typeof input === 'string') {
    return stringify(braces.parse(input, options), options);
  }
  return stringify(input, options);
};

/**
 * Compiles a brace pattern into a regex-compatible, optimized string.
 * This method is called by the main [braces](#braces) function by default.
 *
 * ```js
 * const braces = require('braces');
 * console.log(braces.compile('a/{b,c}/d'));
 * //=> ['a/(b|c)/d']
 * ```
 * @param {String} `input` Brace pattern or AST.
 * @param {Object} `options`
 * @return {Array} Returns an array of expanded values.
 * @api public
 */

braces.compile = (input, options = {}) => {
  if (typeof input === 'string') {
    input = braces.parse(input, options);
  }
  return compile(input, options);
};

/**
 * Expands a brace pattern into an array. This method is called by the
 * main [braces](#braces) function when `options.expand` is true. Before
 * using this method it's recommended that you read the [performance notes](#performance))
 * and advantages of using [.compile](#compile) instead.
 *
 * ```js
 * const braces = require('braces');
 * console.log(braces.expand('a/{b,c}/d'));
 * //=> ['a/b/d', 'a/c/d'];
 * ```
 * @param {String} `pattern` Brace pattern
 * @param {Object} `options`
 * @return {Array} Returns an array of expanded values.
 * @api public
 */

braces.expand = (input, options = {}) => {
  if (typeof input === 'string') {
    input = braces.parse(input, options);
  }

  let result = expand(input, options);

  // filter out empty strings if specified
  if (options.noempty === true) {
    result = result.filter(Boolean);
  }

  // filter out duplicates if specified
  if (options.nodupes === true) {
    result = [...new Set(result)];
  }

  return result;
};

/**
 * Processes a brace pattern and returns either an expanded array
 * (if `options.expand` is true), a highly optimized regex-compatible string.
 * This method is called by the main [braces](#braces) function.
 *
 * ```js
 * const braces = require('braces');
 * console.log(braces.create('user-{200..300}/project-{a,b,c}-{1..10}'))
 * //=> 'user-(20[0-9]|2[1-9][0-9]|300)/project-(a|b|c)-([1-9]|10)'
 * ```
 * @param {String} `pattern` Brace pattern
 * @param {Object} `options`
 * @return {Array} Returns an array of expanded values.
 * @api public
 */

braces.create = (input, options = {}) => {
  if (input === '' || input.length < 3) {
    return [input];
  }

  return options.expand !== true
    ? braces.compile(input, options)
    : braces.expand(input, options);
};

/**
 * Expose "braces"
 */

module.exports = braces;


/***/ }),

/***/ 1113:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const fill = __nccwpck_require__(877);
const utils = __nccwpck_require__(2257);

const compile = (ast, options = {}) => {
  const walk = (node, parent = {}) => {
    const invalidBlock = utils.isInvalidBrace(parent);
    const invalidNode = node.invalid === true && options.escapeInvalid === true;
    const invalid = invalidBlock === true || invalidNode === true;
    const prefix = options.escapeInvalid === true ? '\\' : '';
    let output = '';

    if (node.isOpen === true) {
      return prefix + node.value;
    }

    if (node.isClose === true) {
      console.log('node.isClose', prefix, node.value);
      return prefix + node.value;
    }

    if (node.type === 'open') {
      return invalid ? prefix + node.value : '(';
    }

    if (node.type === 'close') {
      return invalid ? prefix + node.value : ')';
    }

    if (node.type === 'comma') {
      return node.prev.type === 'comma' ? '' : invalid ? node.value : '|';
    }

    if (node.value) {
      return node.value;
    }

    if (node.nodes && node.ranges > 0) {
      const args = utils.reduce(node.nodes);
      const range = fill(...args, { ...options, wrap: false, toRegex: true, strictZeros: true });

      if (range.length !== 0) {
        return args.length > 1 && range.length > 1 ? `(${range})` : range;
      }
    }

    if (node.nodes) {
      for (const child of node.nodes) {
        output += walk(child, node);
      }
    }

    return output;
  };

  return walk(ast);
};

module.exports = compile;


/***/ }),

/***/ 2477:
/***/ ((module) => {



module.exports = {
  MAX_LENGTH: 10000,

  // Digits
  CHAR_0: '0', /* 0 */
  CHAR_9: '9', /* 9 */

  // Alphabet chars.
  CHAR_UPPERCASE_A: 'A', /* A */
  CHAR_LOWERCASE_A: 'a', /* a */
  CHAR_UPPERCASE_Z: 'Z', /* Z */
  CHAR_LOWERCASE_Z: 'z', /* z */

  CHAR_LEFT_PARENTHESES: '(', /* ( */
  CHAR_RIGHT_PARENTHESES: ')', /* ) */

  CHAR_ASTERISK: '*', /* * */

  // Non-alphabetic chars.
  CHAR_AMPERSAND: '&', /* & */
  CHAR_AT: '@', /* @ */
  CHAR_BACKSLASH: '\\', /* \ */
  CHAR_BACKTICK: '`', /* ` */
  CHAR_CARRIAGE_RETURN: '\r', /* \r */
  CHAR_CIRCUMFLEX_ACCENT: '^', /* ^ */
  CHAR_COLON: ':', /* : */
  CHAR_COMMA: ',', /* , */
  CHAR_DOLLAR: '$', /* . */
  CHAR_DOT: '.', /* . */
  CHAR_DOUBLE_QUOTE: '"', /* " */
  CHAR_EQUAL: '=', /* = */
  CHAR_EXCLAMATION_MARK: '!', /* ! */
  CHAR_FORM_FEED: '\f', /* \f */
  CHAR_FORWARD_SLASH: '/', /* / */
  CHAR_HASH: '#', /* # */
  CHAR_HYPHEN_MINUS: '-', /* - */
  CHAR_LEFT_ANGLE_BRACKET: '<', /* < */
  CHAR_LEFT_CURLY_BRACE: '{', /* { */
  CHAR_LEFT_SQUARE_BRACKET: '[', /* [ */
  CHAR_LINE_FEED: '\n', /* \n */
  CHAR_NO_BREAK_SPACE: '\u00A0', /* \u00A0 */
  CHAR_PERCENT: '%', /* % */
  CHAR_PLUS: '+', /* + */
  CHAR_QUESTION_MARK: '?', /* ? */
  CHAR_RIGHT_ANGLE_BRACKET: '>', /* > */
  CHAR_RIGHT_CURLY_BRACE: '}', /* } */
  CHAR_RIGHT_SQUARE_BRACKET: ']', /* ] */
  CHAR_SEMICOLON: ';', /* ; */
  CHAR_SINGLE_QUOTE: '\'', /* ' */
  CHAR_SPACE: ' ', /*   */
  CHAR_TAB: '\t', /* \t */
  CHAR_UNDERSCORE: '_', /* _ */
  CHAR_VERTICAL_LINE: '|', /* | */
  CHAR_ZERO_WIDTH_NOBREAK_SPACE: '\uFEFF' /* \uFEFF */
};


/***/ }),

/***/ 5290:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const fill = __nccwpck_require__(877);
const stringify = __nccwpck_require__(3317);
const utils = __nccwpck_require__(2257);

const append = (queue = '', stash = '', enclose = false) => {
  const result = [];

  queue = [].concat(queue);
  stash = [].concat(stash);

  if (!stash.length) return queue;
  if (!queue.length) {
    return enclose ? utils.flatten(stash).map(ele => `{${ele}}`) : stash;
  }

  for (const item of queue) {
    if (Array.isArray(item)) {
      for (const value of item) {
        result.push(append(value, stash, enclose));
      }
    } else {
      for (let ele of stash) {
        if (enclose === true && typeof ele === 'string') ele = `{${ele}}`;
        result.push(Array.isArray(ele) ? append(item, ele, enclose) : item + ele);
      }
    }
  }
  return utils.flatten(result);
};

const expand = (ast, options = {}) => {
  const rangeLimit = options.rangeLimit === undefined ? 1000 : options.rangeLimit;

  const walk = (node, parent = {}) => {
    node.queue = [];

    let p = parent;
    let q = parent.queue;

    while (p.type !== 'brace' && p.type !== 'root' && p.parent) {
      p = p.parent;
      q = p.queue;
    }

    if (node.invalid || node.dollar) {
      q.push(append(q.pop(), stringify(node, options)));
      return;
    }

    if (node.type === 'brace' && node.invalid !== true && node.nodes.length === 2) {
      q.push(append(q.pop(), ['{}']));
      return;
    }

    if (node.nodes && node.ranges > 0) {
      const args = utils.reduce(node.nodes);

      if (utils.exceedsLimit(...args, options.step, rangeLimit)) {
        throw new RangeError('expanded array length exceeds range limit. Use options.rangeLimit to increase or disable the limit.');
      }

      let range = fill(...args, options);
      if (range.length === 0) {
        range = stringify(node, options);
      }

      q.push(append(q.pop(), range));
      node.nodes = [];
      return;
    }

    const enclose = utils.encloseBrace(node);
    let queue = node.queue;
    let block = node;

    while (block.type !== 'brace' && block.type !== 'root' && block.parent) {
      block = block.parent;
      queue = block.queue;
    }

    for (let i = 0; i < node.nodes.length; i++) {
      const child = node.nodes[i];

      if (child.type === 'comma' && node.type === 'brace') {
        if (i === 1) queue.push('');
        queue.push('');
        continue;
      }

      if (child.type === 'close') {
        q.push(append(q.pop(), queue, enclose));
        continue;
      }

      if (child.value && child.type !== 'open') {
        queue.push(append(queue.pop(), child.value));
        continue;
      }

      if (child.nodes) {
        walk(child, node);
      }
    }

    return queue;
  };

  return utils.flatten(walk(ast));
};

module.exports = expand;


/***/ }),

/***/ 507:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const stringify = __nccwpck_require__(3317);

/**
 * Constants
 */

const {
  MAX_LENGTH,
  CHAR_BACKSLASH, /* \ */
  CHAR_BACKTICK, /* ` */
  CHAR_COMMA, /* , */
  CHAR_DOT, /* . */
  CHAR_LEFT_PARENTHESES, /* ( */
  CHAR_RIGHT_PARENTHESES, /* ) */
  CHAR_LEFT_CURLY_BRACE, /* { */
  CHAR_RIGHT_CURLY_BRACE, /* } */
  CHAR_LEFT_SQUARE_BRACKET, /* [ */
  CHAR_RIGHT_SQUARE_BRACKET, /* ] */
  CHAR_DOUBLE_QUOTE, /* " */
  CHAR_SINGLE_QUOTE, /* ' */
  CHAR_NO_BREAK_SPACE,
  CHAR_ZERO_WIDTH_NOBREAK_SPACE
} = __nccwpck_require__(2477);

/**
 * parse
 */

const parse = (input, options = {}) => {
  if (typeof input !== 'string') {
    throw new TypeError('Expected a string');
  }

  const opts = options || {};
  const max = typeof opts.maxLength === 'number' ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
  if (input.length > max) {
    throw new SyntaxError(`Input length (${input.length}), exceeds max characters (${max})`);
  }

  const ast = { type: 'root', input, nodes: [] };
  const stack = [ast];
  let block = ast;
  let prev = ast;
  let brackets = 0;
  const length = input.length;
  let index = 0;
  let depth = 0;
  let value;

  /**
   * Helpers
   */

  const advance = () => input[index++];
  const push = node => {
    if (node.type === 'text' && prev.type === 'dot') {
      prev.type = 'text';
    }

    if (prev && prev.type === 'text' && node.type === 'text') {
      prev.value += node.value;
      return;
    }

    block.nodes.push(node);
    node.parent = block;
    node.prev = prev;
    prev = node;
    return node;
  };

  push({ type: 'bos' });

  while (index < length) {
    block = stack[stack.length - 1];
    value = advance();

    /**
     * Invalid chars
     */

    if (value === CHAR_ZERO_WIDTH_NOBREAK_SPACE || value === CHAR_NO_BREAK_SPACE) {
      continue;
    }

    /**
     * Escaped chars
     */

    if (value === CHAR_BACKSLASH) {
      push({ type: 'text', value: (options.keepEscaping ? value : '') + advance() });
      continue;
    }

    /**
     * Right square bracket (literal): ']'
     */

    if (value === CHAR_RIGHT_SQUARE_BRACKET) {
      push({ type: 'text', value: '\\' + value });
      continue;
    }

    /**
     * Left square bracket: '['
     */

    if (value === CHAR_LEFT_SQUARE_BRACKET) {
      brackets++;

      let next;

      while (index < length && (next = advance())) {
        value += next;

        if (next === CHAR_LEFT_SQUARE_BRACKET) {
          brackets++;
          continue;
        }

        if (next === CHAR_BACKSLASH) {
          value += advance();
          continue;
        }

        if (next === CHAR_RIGHT_SQUARE_BRACKET) {
          brackets--;

          if (brackets === 0) {
            break;
          }
        }
      }

      push({ type: 'text', value });
      continue;
    }

    /**
     * Parentheses
     */

    if (value === CHAR_LEFT_PARENTHESES) {
      block = push({ type: 'paren', nodes: [] });
      stack.push(block);
      push({ type: 'text', value });
      continue;
    }

    if (value === CHAR_RIGHT_PARENTHESES) {
      if (block.type !== 'paren') {
        push({ type: 'text', value });
        continue;
      }
      block = stack.pop();
      push({ type: 'text', value });
      block = stack[stack.length - 1];
      continue;
    }

    /**
     * Quotes: '|"|`
     */

    if (value === CHAR_DOUBLE_QUOTE || value === CHAR_SINGLE_QUOTE || value === CHAR_BACKTICK) {
      const open = value;
      let next;

      if (options.keepQuotes !== true) {
        value = '';
      }

      while (index < length && (next = advance())) {
        if (next === CHAR_BACKSLASH) {
          value += next + advance();
          continue;
        }

        if (next === open) {
          if (options.keepQuotes === true) value += next;
          break;
        }

        value += next;
      }

      push({ type: 'text', value });
      continue;
    }

    /**
     * Left curly brace: '{'
     */

    if (value === CHAR_LEFT_CURLY_BRACE) {
      depth++;

      const dollar = prev.value && prev.value.slice(-1) === '$' || block.dollar === true;
      const brace = {
        type: 'brace',
        open: true,
        close: false,
        dollar,
        depth,
        commas: 0,
        ranges: 0,
        nodes: []
      };

      block = push(brace);
      stack.push(block);
      push({ type: 'open', value });
      continue;
    }

    /**
     * Right curly brace: '}'
     */

    if (value === CHAR_RIGHT_CURLY_BRACE) {
      if (block.type !== 'brace') {
        push({ type: 'text', value });
        continue;
      }

      const type = 'close';
      block = stack.pop();
      block.close = true;

      push({ type, value });
      depth--;

      block = stack[stack.length - 1];
      continue;
    }

    /**
     * Comma: ','
     */

    if (value === CHAR_COMMA && depth > 0) {
      if (block.ranges > 0) {
        block.ranges = 0;
        const open = block.nodes.shift();
        block.nodes = [open, { type: 'text', value: stringify(block) }];
      }

      push({ type: 'comma', value });
      block.commas++;
      continue;
    }

    /**
     * Dot: '.'
     */

    if (value === CHAR_DOT && depth > 0 && block.commas === 0) {
      const siblings = block.nodes;

      if (depth === 0 || siblings.length === 0) {
        push({ type: 'text', value });
        continue;
      }

      if (prev.type === 'dot') {
        block.range = [];
        prev.value += value;
        prev.type = 'range';

        if (block.nodes.length !== 3 && block.nodes.length !== 5) {
          block.invalid = true;
          block.ranges = 0;
          prev.type = 'text';
          continue;
        }

        block.ranges++;
        block.args = [];
        continue;
      }

      if (prev.type === 'range') {
        siblings.pop();

        const before = siblings[siblings.length - 1];
        before.value += prev.value + value;
        prev = before;
        block.ranges--;
        continue;
      }

      push({ type: 'dot', value });
      continue;
    }

    /**
     * Text
     */

    push({ type: 'text', value });
  }

  // Mark imbalanced braces and brackets as invalid
  do {
    block = stack.pop();

    if (block.type !== 'root') {
      block.nodes.forEach(node => {
        if (!node.nodes) {
          if (node.type === 'open') node.isOpen = true;
          if (node.type === 'close') node.isClose = true;
          if (!node.nodes) node.type = 'text';
          node.invalid = true;
        }
      });

      // get the location of the block on parent.nodes (block's siblings)
      const parent = stack[stack.length - 1];
      const index = parent.nodes.indexOf(block);
      // replace the (invalid) block with it's nodes
      parent.nodes.splice(index, 1, ...block.nodes);
    }
  } while (stack.length > 0);

  push({ type: 'eos' });
  return ast;
};

module.exports = parse;


/***/ }),

/***/ 3317:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const utils = __nccwpck_require__(2257);

module.exports = (ast, options = {}) => {
  const stringify = (node, parent = {}) => {
    const invalidBlock = options.escapeInvalid && utils.isInvalidBrace(parent);
    const invalidNode = node.invalid === true && options.escapeInvalid === true;
    let output = '';

    if (node.value) {
      if ((invalidBlock || invalidNode) && utils.isOpenOrClose(node)) {
        return '\\' + node.value;
      }
      return node.value;
    }

    if (node.value) {
      return node.value;
    }

    if (node.nodes) {
      for (const child of node.nodes) {
        output += stringify(child);
      }
    }
    return output;
  };

  return stringify(ast);
};



/***/ }),

/***/ 2257:
/***/ ((__unused_webpack_module, exports) => {



exports.isInteger = num => {
  if (typeof num === 'number') {
    return Number.isInteger(num);
  }
  if (typeof num === 'string' && num.trim() !== '') {
    return Number.isInteger(Number(num));
  }
  return false;
};

/**
 * Find a node of the given type
 */

exports.find = (node, type) => node.nodes.find(node => node.type === type);

/**
 * Find a node of the given type
 */

exports.exceedsLimit = (min, max, step = 1, limit) => {
  if (limit === false) return false;
  if (!exports.isInteger(min) || !exports.isInteger(max)) return false;
  return ((Number(max) - Number(min)) / Number(step)) >= limit;
};

/**
 * Escape the given node with '\\' before node.value
 */

exports.escapeNode = (block, n = 0, type) => {
  const node = block.nodes[n];
  if (!node) return;

  if ((type && node.type === type) || node.type === 'open' || node.type === 'close') {
    if (node.escaped !== true) {
      node.value = '\\' + node.value;
      node.escaped = true;
    }
  }
};

/**
 * Returns true if the given brace node should be enclosed in literal braces
 */

exports.encloseBrace = node => {
  if (node.type !== 'brace') return false;
  if ((node.commas >> 0 + node.ranges >> 0) === 0) {
    node.invalid = true;
    return true;
  }
  return false;
};

/**
 * Returns true if a brace node is invalid.
 */

exports.isInvalidBrace = block => {
  if (block.type !== 'brace') return false;
  if (block.invalid === true || block.dollar) return true;
  if ((block.commas >> 0 + block.ranges >> 0) === 0) {
    block.invalid = true;
    return true;
  }
  if (block.open !== true || block.close !== true) {
    block.invalid = true;
    return true;
  }
  return false;
};

/**
 * Returns true if a node is an open or close node
 */

exports.isOpenOrClose = node => {
  if (node.type === 'open' || node.type === 'close') {
    return true;
  }
  return node.open === true || node.close === true;
};

/**
 * Reduce an array of text nodes.
 */

exports.reduce = nodes => nodes.reduce((acc, node) => {
  if (node.type === 'text') acc.push(node.value);
  if (node.type === 'range') node.type = 'text';
  return acc;
}, []);

/**
 * Flatten an array
 */

exports.flatten = (...args) => {
  const result = [];

  const flat = arr => {
    for (let i = 0; i < arr.length; i++) {
      const ele = arr[i];

      if (Array.isArray(ele)) {
        flat(ele);
        continue;
      }

      if (ele !== undefined) {
        result.push(ele);
      }
    }
    return result;
  };

  flat(args);
  return result;
};


/***/ }),

/***/ 877:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/*!
 * fill-range <https://github.com/jonschlinkert/fill-range>
 *
 * Copyright (c) 2014-present, Jon Schlinkert.
 * Licensed under the MIT License.
 */



const util = __nccwpck_require__(9023);
const toRegexRange = __nccwpck_require__(7551);

const isObject = val => val !== null && typeof val === 'object' && !Array.isArray(val);

const transform = toNumber => {
  return value => toNumber === true ? Number(value) : String(value);
};

const isValidValue = value => {
  return typeof value === 'number' || (typeof value === 'string' && value !== '');
};

const isNumber = num => Number.isInteger(+num);

const zeros = input => {
  let value = `${input}`;
  let index = -1;
  if (value[0] === '-') value = value.slice(1);
  if (value === '0') return false;
  while (value[++index] === '0');
  return index > 0;
};

const stringify = (start, end, options) => {
  if (typeof start === 'string' || typeof end === 'string') {
    return true;
  }
  return options.stringify === true;
};

const pad = (input, maxLength, toNumber) => {
  if (maxLength > 0) {
    let dash = input[0] === '-' ? '-' : '';
    if (dash) input = input.slice(1);
    input = (dash + input.padStart(dash ? maxLength - 1 : maxLength, '0'));
  }
  if (toNumber === false) {
    return String(input);
  }
  return input;
};

const toMaxLen = (input, maxLength) => {
  let negative = input[0] === '-' ? '-' : '';
  if (negative) {
    input = input.slice(1);
    maxLength--;
  }
  while (input.length < maxLength) input = '0' + input;
  return negative ? ('-' + input) : input;
};

const toSequence = (parts, options, maxLen) => {
  parts.negatives.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  parts.positives.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);

  let prefix = options.capture ? '' : '?:';
  let positives = '';
  let negatives = '';
  let result;

  if (parts.positives.length) {
    positives = parts.positives.map(v => toMaxLen(String(v), maxLen)).join('|');
  }

  if (parts.negatives.length) {
    negatives = `-(${prefix}${parts.negatives.map(v => toMaxLen(String(v), maxLen)).join('|')})`;
  }

  if (positives && negatives) {
    result = `${positives}|${negatives}`;
  } else {
    result = positives || negatives;
  }

  if (options.wrap) {
    return `(${prefix}${result})`;
  }

  return result;
};

const toRange = (a, b, isNumbers, options) => {
  if (isNumbers) {
    return toRegexRange(a, b, { wrap: false, ...options });
  }

  let start = String.fromCharCode(a);
  if (a === b) return start;

  let stop = String.fromCharCode(b);
  return `[${start}-${stop}]`;
};

const toRegex = (start, end, options) => {
  if (Array.isArray(start)) {
    let wrap = options.wrap === true;
    let prefix = options.capture ? '' : '?:';
    return wrap ? `(${prefix}${start.join('|')})` : start.join('|');
  }
  return toRegexRange(start, end, options);
};

const rangeError = (...args) => {
  return new RangeError('Invalid range arguments: ' + util.inspect(...args));
};

const invalidRange = (start, end, options) => {
  if (options.strictRanges === true) throw rangeError([start, end]);
  return [];
};

const invalidStep = (step, options) => {
  if (options.strictRanges === true) {
    throw new TypeError(`Expected step "${step}" to be a number`);
  }
  return [];
};

const fillNumbers = (start, end, step = 1, options = {}) => {
  let a = Number(start);
  let b = Number(end);

  if (!Number.isInteger(a) || !Number.isInteger(b)) {
    if (options.strictRanges === true) throw rangeError([start, end]);
    return [];
  }

  // fix negative zero
  if (a === 0) a = 0;
  if (b === 0) b = 0;

  let descending = a > b;
  let startString = String(start);
  let endString = String(end);
  let stepString = String(step);
  step = Math.max(Math.abs(step), 1);

  let padded = zeros(startString) || zeros(endString) || zeros(stepString);
  let maxLen = padded ? Math.max(startString.length, endString.length, stepString.length) : 0;
  let toNumber = padded === false && stringify(start, end, options) === false;
  let format = options.transform || transform(toNumber);

  if (options.toRegex && step === 1) {
    return toRange(toMaxLen(start, maxLen), toMaxLen(end, maxLen), true, options);
  }

  let parts = { negatives: [], positives: [] };
  let push = num => parts[num < 0 ? 'negatives' : 'positives'].push(Math.abs(num));
  let range = [];
  let index = 0;

  while (descending ? a >= b : a <= b) {
    if (options.toRegex === true && step > 1) {
      push(a);
    } else {
      range.push(pad(format(a, index), maxLen, toNumber));
    }
    a = descending ? a - step : a + step;
    index++;
  }

  if (options.toRegex === true) {
    return step > 1
      ? toSequence(parts, options, maxLen)
      : toRegex(range, null, { wrap: false, ...options });
  }

  return range;
};

const fillLetters = (start, end, step = 1, options = {}) => {
  if ((!isNumber(start) && start.length > 1) || (!isNumber(end) && end.length > 1)) {
    return invalidRange(start, end, options);
  }

  let format = options.transform || (val => String.fromCharCode(val));
  let a = `${start}`.charCodeAt(0);
  let b = `${end}`.charCodeAt(0);

  let descending = a > b;
  let min = Math.min(a, b);
  let max = Math.max(a, b);

  if (options.toRegex && step === 1) {
    return toRange(min, max, false, options);
  }

  let range = [];
  let index = 0;

  while (descending ? a >= b : a <= b) {
    range.push(format(a, index));
    a = descending ? a - step : a + step;
    index++;
  }

  if (options.toRegex === true) {
    return toRegex(range, null, { wrap: false, options });
  }

  return range;
};

const fill = (start, end, step, options = {}) => {
  if (end == null && isValidValue(start)) {
    return [start];
  }

  if (!isValidValue(start) || !isValidValue(end)) {
    return invalidRange(start, end, options);
  }

  if (typeof step === 'function') {
    return fill(start, end, 1, { transform: step });
  }

  if (isObject(step)) {
    return fill(start, end, 0, step);
  }

  let opts = { ...options };
  if (opts.capture === true) opts.wrap = true;
  step = step || opts.step || 1;

  if (!isNumber(step)) {
    if (step != null && !isObject(step)) return invalidStep(step, opts);
    return fill(start, end, 1, step);
  }

  if (isNumber(start) && isNumber(end)) {
    return fillNumbers(start, end, step, opts);
  }

  return fillLetters(start, end, Math.max(Math.abs(step), 1), opts);
};

module.exports = fill;


/***/ }),

/***/ 3102:
/***/ ((module) => {

/*!
 * is-number <https://github.com/jonschlinkert/is-number>
 *
 * Copyright (c) 2014-present, Jon Schlinkert.
 * Released under the MIT License.
 */



module.exports = function(num) {
  if (typeof num === 'number') {
    return num - num === 0;
  }
  if (typeof num === 'string' && num.trim() !== '') {
    return Number.isFinite ? Number.isFinite(+num) : isFinite(+num);
  }
  return false;
};


/***/ }),

/***/ 8785:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const util = __nccwpck_require__(9023);
const braces = __nccwpck_require__(748);
const picomatch = __nccwpck_require__(4006);
const utils = __nccwpck_require__(4059);

const isEmptyString = v => v === '' || v === './';
const hasBraces = v => {
  const index = v.indexOf('{');
  return index > -1 && v.indexOf('}', index) > -1;
};

/**
 * Returns an array of strings that match one or more glob patterns.
 *
 * ```js
 * const mm = require('micromatch');
 * // mm(list, patterns[, options]);
 *
 * console.log(mm(['a.js', 'a.txt'], ['*.js']));
 * //=> [ 'a.js' ]
 * ```
 * @param {String|Array<string>} `list` List of strings to match.
 * @param {String|Array<string>} `patterns` One or more glob patterns to use for matching.
 * @param {Object} `options` See available [options](#options)
 * @return {Array} Returns an array of matches
 * @summary false
 * @api public
 */

const micromatch = (list, patterns, options) => {
  patterns = [].concat(patterns);
  list = [].concat(list);

  let omit = new Set();
  let keep = new Set();
  let items = new Set();
  let negatives = 0;

  let onResult = state => {
    items.add(state.output);
    if (options && options.onResult) {
      options.onResult(state);
    }
  };

  for (let i = 0; i < patterns.length; i++) {
    let isMatch = picomatch(String(patterns[i]), { ...options, onResult }, true);
    let negated = isMatch.state.negated || isMatch.state.negatedExtglob;
    if (negated) negatives++;

    for (let item of list) {
      let matched = isMatch(item, true);

      let match = negated ? !matched.isMatch : matched.isMatch;
      if (!match) continue;

      if (negated) {
        omit.add(matched.output);
      } else {
        omit.delete(matched.output);
        keep.add(matched.output);
      }
    }
  }

  let result = negatives === patterns.length ? [...items] : [...keep];
  let matches = result.filter(item => !omit.has(item));

  if (options && matches.length === 0) {
    if (options.failglob === true) {
      throw new Error(`No matches found for "${patterns.join(', ')}"`);
    }

    if (options.nonull === true || options.nullglob === true) {
      return options.unescape ? patterns.map(p => p.replace(/\\/g, '')) : patterns;
    }
  }

  return matches;
};

/**
 * Backwards compatibility
 */

micromatch.match = micromatch;

/**
 * Returns a matcher function from the given glob `pattern` and `options`.
 * The returned function takes a string to match as its only argument and returns
 * true if the string is a match.
 *
 * ```js
 * const mm = require('micromatch');
 * // mm.matcher(pattern[, options]);
 *
 * const isMatch = mm.matcher('*.!(*a)');
 * console.log(isMatch('a.a')); //=> false
 * console.log(isMatch('a.b')); //=> true
 * ```
 * @param {String} `pattern` Glob pattern
 * @param {Object} `options`
 * @return {Function} Returns a matcher function.
 * @api public
 */

micromatch.matcher = (pattern, options) => picomatch(pattern, options);

/**
 * Returns true if **any** of the given glob `patterns` match the specified `string`.
 *
 * ```js
 * const mm = require('micromatch');
 * // mm.isMatch(string, patterns[, options]);
 *
 * console.log(mm.isMatch('a.a', ['b.*', '*.a'])); //=> true
 * console.log(mm.isMatch('a.a', 'b.*')); //=> false
 * ```
 * @param {String} `str` The string to test.
 * @param {String|Array} `patterns` One or more glob patterns to use for matching.
 * @param {Object} `[options]` See available [options](#options).
 * @return {Boolean} Returns true if any patterns match `str`
 * @api public
 */

micromatch.isMatch = (str, patterns, options) => picomatch(patterns, options)(str);

/**
 * Backwards compatibility
 */

micromatch.any = micromatch.isMatch;

/**
 * Returns a list of strings that _**do not match any**_ of the given `patterns`.
 *
 * ```js
 * const mm = require('micromatch');
 * // mm.not(list, patterns[, options]);
 *
 * console.log(mm.not(['a.a', 'b.b', 'c.c'], '*.a'));
 * //=> ['b.b', 'c.c']
 * ```
 * @param {Array} `list` Array of strings to match.
 * @param {String|Array} `patterns` One or more glob pattern to use for matching.
 * @param {Object} `options` See available [options](#options) for changing how matches are performed
 * @return {Array} Returns an array of strings that **do not match** the given patterns.
 * @api public
 */

micromatch.not = (list, patterns, options = {}) => {
  patterns = [].concat(patterns).map(String);
  let result = new Set();
  let items = [];

  let onResult = state => {
    if (options.onResult) options.onResult(state);
    items.push(state.output);
  };

  let matches = new Set(micromatch(list, patterns, { ...options, onResult }));

  for (let item of items) {
    if (!matches.has(item)) {
      result.add(item);
    }
  }
  return [...result];
};

/**
 * Returns true if the given `string` contains the given pattern. Similar
 * to [.isMatch](#isMatch) but the pattern can match any part of the string.
 *
 * ```js
 * var mm = require('micromatch');
 * // mm.contains(string, pattern[, options]);
 *
 * console.log(mm.contains('aa/bb/cc', '*b'));
 * //=> true
 * console.log(mm.contains('aa/bb/cc', '*d'));
 * //=> false
 * ```
 * @param {String} `str` The string to match.
 * @param {String|Array} `patterns` Glob pattern to use for matching.
 * @param {Object} `options` See available [options](#options) for changing how matches are performed
 * @return {Boolean} Returns true if any of the patterns matches any part of `str`.
 * @api public
 */

micromatch.contains = (str, pattern, options) => {
  if (typeof str !== 'string') {
    throw new TypeError(`Expected a string: "${util.inspect(str)}"`);
  }

  if (Array.isArray(pattern)) {
    return pattern.some(p => micromatch.contains(str, p, options));
  }

  if (typeof pattern === 'string') {
    if (isEmptyString(str) || isEmptyString(pattern)) {
      return false;
    }

    if (str.includes(pattern) || (str.startsWith('./') && str.slice(2).includes(pattern))) {
      return true;
    }
  }

  return micromatch.isMatch(str, pattern, { ...options, contains: true });
};

/**
 * Filter the keys of the given object with the given `glob` pattern
 * and `options`. Does not attempt to match nested keys. If you need this feature,
 * use [glob-object][] instead.
 *
 * ```js
 * const mm = require('micromatch');
 * // mm.matchKeys(object, patterns[, options]);
 *
 * const obj = { aa: 'a', ab: 'b', ac: 'c' };
 * console.log(mm.matchKeys(obj, '*b'));
 * //=> { ab: 'b' }
 * ```
 * @param {Object} `object` The object with keys to filter.
 * @param {String|Array} `patterns` One or more glob patterns to use for matching.
 * @param {Object} `options` See available [options](#options) for changing how matches are performed
 * @return {Object} Returns an object with only keys that match the given patterns.
 * @api public
 */

micromatch.matchKeys = (obj, patterns, options) => {
  if (!utils.isObject(obj)) {
    throw new TypeError('Expected the first argument to be an object');
  }
  let keys = micromatch(Object.keys(obj), patterns, options);
  let res = {};
  for (let key of keys) res[key] = obj[key];
  return res;
};

/**
 * Returns true if some of the strings in the given `list` match any of the given glob `patterns`.
 *
 * ```js
 * const mm = require('micromatch');
 * // mm.some(list, patterns[, options]);
 *
 * console.log(mm.some(['foo.js', 'bar.js'], ['*.js', '!foo.js']));
 * // true
 * console.log(mm.some(['foo.js'], ['*.js', '!foo.js']));
 * // false
 * ```
 * @param {String|Array} `list` The string or array of strings to test. Returns as soon as the first match is found.
 * @param {String|Array} `patterns` One or more glob patterns to use for matching.
 * @param {Object} `options` See available [options](#options) for changing how matches are performed
 * @return {Boolean} Returns true if any `patterns` matches any of the strings in `list`
 * @api public
 */

micromatch.some = (list, patterns, options) => {
  let items = [].concat(list);

  for (let pattern of [].concat(patterns)) {
    let isMatch = picomatch(String(pattern), options);
    if (items.some(item => isMatch(item))) {
      return true;
    }
  }
  return false;
};

/**
 * Returns true if every string in the given `list` matches
 * any of the given glob `patterns`.
 *
 * ```js
 * const mm = require('micromatch');
 * // mm.every(list, patterns[, options]);
 *
 * console.log(mm.every('foo.js', ['foo.js']));
 * // true
 * console.log(mm.every(['foo.js', 'bar.js'], ['*.js']));
 * // true
 * console.log(mm.every(['foo.js', 'bar.js'], ['*.js', '!foo.js']));
 * // false
 * console.log(mm.every(['foo.js'], ['*.js', '!foo.js']));
 * // false
 * ```
 * @param {String|Array} `list` The string or array of strings to test.
 * @param {String|Array} `patterns` One or more glob patterns to use for matching.
 * @param {Object} `options` See available [options](#options) for changing how matches are performed
 * @return {Boolean} Returns true if all `patterns` matches all of the strings in `list`
 * @api public
 */

micromatch.every = (list, patterns, options) => {
  let items = [].concat(list);

  for (let pattern of [].concat(patterns)) {
    let isMatch = picomatch(String(pattern), options);
    if (!items.every(item => isMatch(item))) {
      return false;
    }
  }
  return true;
};

/**
 * Returns true if **all** of the given `patterns` match
 * the specified string.
 *
 * ```js
 * const mm = require('micromatch');
 * // mm.all(string, patterns[, options]);
 *
 * console.log(mm.all('foo.js', ['foo.js']));
 * // true
 *
 * console.log(mm.all('foo.js', ['*.js', '!foo.js']));
 * // false
 *
 * console.log(mm.all('foo.js', ['*.js', 'foo.js']));
 * // true
 *
 * console.log(mm.all('foo.js', ['*.js', 'f*', '*o*', '*o.js']));
 * // true
 * ```
 * @param {String|Array} `str` The string to test.
 * @param {String|Array} `patterns` One or more glob patterns to use for matching.
 * @param {Object} `options` See available [options](#options) for changing how matches are performed
 * @return {Boolean} Returns true if any patterns match `str`
 * @api public
 */

micromatch.all = (str, patterns, options) => {
  if (typeof str !== 'string') {
    throw new TypeError(`Expected a string: "${util.inspect(str)}"`);
  }

  return [].concat(patterns).every(p => picomatch(p, options)(str));
};

/**
 * Returns an array of matches captured by `pattern` in `string, or `null` if the pattern did not match.
 *
 * ```js
 * const mm = require('micromatch');
 * // mm.capture(pattern, string[, options]);
 *
 * console.log(mm.capture('test/*.js', 'test/foo.js'));
 * //=> ['foo']
 * console.log(mm.capture('test/*.js', 'foo/bar.css'));
 * //=> null
 * ```
 * @param {String} `glob` Glob pattern to use for matching.
 * @param {String} `input` String to match
 * @param {Object} `options` See available [options](#options) for changing how matches are performed
 * @return {Array|null} Returns an array of captures if the input matches the glob pattern, otherwise `null`.
 * @api public
 */

micromatch.capture = (glob, input, options) => {
  let posix = utils.isWindows(options);
  let regex = picomatch.makeRe(String(glob), { ...options, capture: true });
  let match = regex.exec(posix ? utils.toPosixSlashes(input) : input);

  if (match) {
    return match.slice(1).map(v => v === void 0 ? '' : v);
  }
};

/**
 * Create a regular expression from the given glob `pattern`.
 *
 * ```js
 * const mm = require('micromatch');
 * // mm.makeRe(pattern[, options]);
 *
 * console.log(mm.makeRe('*.js'));
 * //=> /^(?:(\.[\\\/])?(?!\.)(?=.)[^\/]*?\.js)$/
 * ```
 * @param {String} `pattern` A glob pattern to convert to regex.
 * @param {Object} `options`
 * @return {RegExp} Returns a regex created from the given pattern.
 * @api public
 */

micromatch.makeRe = (...args) => picomatch.makeRe(...args);

/**
 * Scan a glob pattern to separate the pattern into segments. Used
 * by the [split](#split) method.
 *
 * ```js
 * const mm = require('micromatch');
 * const state = mm.scan(pattern[, options]);
 * ```
 * @param {String} `pattern`
 * @param {Object} `options`
 * @return {Object} Returns an object with
 * @api public
 */

micromatch.scan = (...args) => picomatch.scan(...args);

/**
 * Parse a glob pattern to create the source string for a regular
 * expression.
 *
 * ```js
 * const mm = require('micromatch');
 * const state = mm.parse(pattern[, options]);
 * ```
 * @param {String} `glob`
 * @param {Object} `options`
 * @return {Object} Returns an object with useful properties and output to be used as regex source string.
 * @api public
 */

micromatch.parse = (patterns, options) => {
  let res = [];
  for (let pattern of [].concat(patterns || [])) {
    for (let str of braces(String(pattern), options)) {
      res.push(picomatch.parse(str, options));
    }
  }
  return res;
};

/**
 * Process the given brace `pattern`.
 *
 * ```js
 * const { braces } = require('micromatch');
 * console.log(braces('foo/{a,b,c}/bar'));
 * //=> [ 'foo/(a|b|c)/bar' ]
 *
 * console.log(braces('foo/{a,b,c}/bar', { expand: true }));
 * //=> [ 'foo/a/bar', 'foo/b/bar', 'foo/c/bar' ]
 * ```
 * @param {String} `pattern` String with brace pattern to process.
 * @param {Object} `options` Any [options](#options) to change how expansion is performed. See the [braces][] library for all available options.
 * @return {Array}
 * @api public
 */

micromatch.braces = (pattern, options) => {
  if (typeof pattern !== 'string') throw new TypeError('Expected a string');
  if ((options && options.nobrace === true) || !hasBraces(pattern)) {
    return [pattern];
  }
  return braces(pattern, options);
};

/**
 * Expand braces
 */

micromatch.braceExpand = (pattern, options) => {
  if (typeof pattern !== 'string') throw new TypeError('Expected a string');
  return micromatch.braces(pattern, { ...options, expand: true });
};

/**
 * Expose micromatch
 */

// exposed for tests
micromatch.hasBraces = hasBraces;
module.exports = micromatch;


/***/ }),

/***/ 4006:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



module.exports = __nccwpck_require__(8016);


/***/ }),

/***/ 5595:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const path = __nccwpck_require__(6928);
const WIN_SLASH = '\\\\/';
const WIN_NO_SLASH = `[^${WIN_SLASH}]`;

const DEFAULT_MAX_EXTGLOB_RECURSION = 0;

/**
 * Posix glob regex
 */

const DOT_LITERAL = '\\.';
const PLUS_LITERAL = '\\+';
const QMARK_LITERAL = '\\?';
const SLASH_LITERAL = '\\/';
const ONE_CHAR = '(?=.)';
const QMARK = '[^/]';
const END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
const START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
const DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
const NO_DOT = `(?!${DOT_LITERAL})`;
const NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
const NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
const NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
const QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
const STAR = `${QMARK}*?`;

const POSIX_CHARS = {
  DOT_LITERAL,
  PLUS_LITERAL,
  QMARK_LITERAL,
  SLASH_LITERAL,
  ONE_CHAR,
  QMARK,
  END_ANCHOR,
  DOTS_SLASH,
  NO_DOT,
  NO_DOTS,
  NO_DOT_SLASH,
  NO_DOTS_SLASH,
  QMARK_NO_DOT,
  STAR,
  START_ANCHOR
};

/**
 * Windows glob regex
 */

const WINDOWS_CHARS = {
  ...POSIX_CHARS,

  SLASH_LITERAL: `[${WIN_SLASH}]`,
  QMARK: WIN_NO_SLASH,
  STAR: `${WIN_NO_SLASH}*?`,
  DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
  NO_DOT: `(?!${DOT_LITERAL})`,
  NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
  NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
  NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
  QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
  START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
  END_ANCHOR: `(?:[${WIN_SLASH}]|$)`
};

/**
 * POSIX Bracket Regex
 */

const POSIX_REGEX_SOURCE = {
  __proto__: null,
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  ascii: '\\x00-\\x7F',
  blank: ' \\t',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '\\x21-\\x7E',
  lower: 'a-z',
  print: '\\x20-\\x7E ',
  punct: '\\-!"#$%&\'()\\*+,./:;<=>?@[\\]^_`{|}~',
  space: ' \\t\\r\\n\\v\\f',
  upper: 'A-Z',
  word: 'A-Za-z0-9_',
  xdigit: 'A-Fa-f0-9'
};

module.exports = {
  DEFAULT_MAX_EXTGLOB_RECURSION,
  MAX_LENGTH: 1024 * 64,
  POSIX_REGEX_SOURCE,

  // regular expressions
  REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
  REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
  REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
  REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
  REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
  REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,

  // Replace globs with equivalent patterns to reduce parsing time.
  REPLACEMENTS: {
    __proto__: null,
    '***': '*',
    '**/**': '**',
    '**/**/**': '**'
  },

  // Digits
  CHAR_0: 48, /* 0 */
  CHAR_9: 57, /* 9 */

  // Alphabet chars.
  CHAR_UPPERCASE_A: 65, /* A */
  CHAR_LOWERCASE_A: 97, /* a */
  CHAR_UPPERCASE_Z: 90, /* Z */
  CHAR_LOWERCASE_Z: 122, /* z */

  CHAR_LEFT_PARENTHESES: 40, /* ( */
  CHAR_RIGHT_PARENTHESES: 41, /* ) */

  CHAR_ASTERISK: 42, /* * */

  // Non-alphabetic chars.
  CHAR_AMPERSAND: 38, /* & */
  CHAR_AT: 64, /* @ */
  CHAR_BACKWARD_SLASH: 92, /* \ */
  CHAR_CARRIAGE_RETURN: 13, /* \r */
  CHAR_CIRCUMFLEX_ACCENT: 94, /* ^ */
  CHAR_COLON: 58, /* : */
  CHAR_COMMA: 44, /* , */
  CHAR_DOT: 46, /* . */
  CHAR_DOUBLE_QUOTE: 34, /* " */
  CHAR_EQUAL: 61, /* = */
  CHAR_EXCLAMATION_MARK: 33, /* ! */
  CHAR_FORM_FEED: 12, /* \f */
  CHAR_FORWARD_SLASH: 47, /* / */
  CHAR_GRAVE_ACCENT: 96, /* ` */
  CHAR_HASH: 35, /* # */
  CHAR_HYPHEN_MINUS: 45, /* - */
  CHAR_LEFT_ANGLE_BRACKET: 60, /* < */
  CHAR_LEFT_CURLY_BRACE: 123, /* { */
  CHAR_LEFT_SQUARE_BRACKET: 91, /* [ */
  CHAR_LINE_FEED: 10, /* \n */
  CHAR_NO_BREAK_SPACE: 160, /* \u00A0 */
  CHAR_PERCENT: 37, /* % */
  CHAR_PLUS: 43, /* + */
  CHAR_QUESTION_MARK: 63, /* ? */
  CHAR_RIGHT_ANGLE_BRACKET: 62, /* > */
  CHAR_RIGHT_CURLY_BRACE: 125, /* } */
  CHAR_RIGHT_SQUARE_BRACKET: 93, /* ] */
  CHAR_SEMICOLON: 59, /* ; */
  CHAR_SINGLE_QUOTE: 39, /* ' */
  CHAR_SPACE: 32, /*   */
  CHAR_TAB: 9, /* \t */
  CHAR_UNDERSCORE: 95, /* _ */
  CHAR_VERTICAL_LINE: 124, /* | */
  CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279, /* \uFEFF */

  SEP: path.sep,

  /**
   * Create EXTGLOB_CHARS
   */

  extglobChars(chars) {
    return {
      '!': { type: 'negate', open: '(?:(?!(?:', close: `))${chars.STAR})` },
      '?': { type: 'qmark', open: '(?:', close: ')?' },
      '+': { type: 'plus', open: '(?:', close: ')+' },
      '*': { type: 'star', open: '(?:', close: ')*' },
      '@': { type: 'at', open: '(?:', close: ')' }
    };
  },

  /**
   * Create GLOB_CHARS
   */

  globChars(win32) {
    return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
  }
};


/***/ }),

/***/ 8265:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const constants = __nccwpck_require__(5595);
const utils = __nccwpck_require__(4059);

/**
 * Constants
 */

const {
  MAX_LENGTH,
  POSIX_REGEX_SOURCE,
  REGEX_NON_SPECIAL_CHARS,
  REGEX_SPECIAL_CHARS_BACKREF,
  REPLACEMENTS
} = constants;

/**
 * Helpers
 */

const expandRange = (args, options) => {
  if (typeof options.expandRange === 'function') {
    return options.expandRange(...args, options);
  }

  args.sort();
  const value = `[${args.join('-')}]`;

  try {
    /* eslint-disable-next-line no-new */
    new RegExp(value);
  } catch (ex) {
    return args.map(v => utils.escapeRegex(v)).join('..');
  }

  return value;
};

/**
 * Create the message for a syntax error
 */

const syntaxError = (type, char) => {
  return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
};

const splitTopLevel = input => {
  const parts = [];
  let bracket = 0;
  let paren = 0;
  let quote = 0;
  let value = '';
  let escaped = false;

  for (const ch of input) {
    if (escaped === true) {
      value += ch;
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      value += ch;
      escaped = true;
      continue;
    }

    if (ch === '"') {
      quote = quote === 1 ? 0 : 1;
      value += ch;
      continue;
    }

    if (quote === 0) {
      if (ch === '[') {
        bracket++;
      } else if (ch === ']' && bracket > 0) {
        bracket--;
      } else if (bracket === 0) {
        if (ch === '(') {
          paren++;
        } else if (ch === ')' && paren > 0) {
          paren--;
        } else if (ch === '|' && paren === 0) {
          parts.push(value);
          value = '';
          continue;
        }
      }
    }

    value += ch;
  }

  parts.push(value);
  return parts;
};

const isPlainBranch = branch => {
  let escaped = false;

  for (const ch of branch) {
    if (escaped === true) {
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      escaped = true;
      continue;
    }

    if (/[?*+@!()[\]{}]/.test(ch)) {
      return false;
    }
  }

  return true;
};

const normalizeSimpleBranch = branch => {
  let value = branch.trim();
  let changed = true;

  while (changed === true) {
    changed = false;

    if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
      value = value.slice(2, -1);
      changed = true;
    }
  }

  if (!isPlainBranch(value)) {
    return;
  }

  return value.replace(/\\(.)/g, '$1');
};

const hasRepeatedCharPrefixOverlap = branches => {
  const values = branches.map(normalizeSimpleBranch).filter(Boolean);

  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      const a = values[i];
      const b = values[j];
      const char = a[0];

      if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
        continue;
      }

      if (a === b || a.startsWith(b) || b.startsWith(a)) {
        return true;
      }
    }
  }

  return false;
};

const parseRepeatedExtglob = (pattern, requireEnd = true) => {
  if ((pattern[0] !== '+' && pattern[0] !== '*') || pattern[1] !== '(') {
    return;
  }

  let bracket = 0;
  let paren = 0;
  let quote = 0;
  let escaped = false;

  for (let i = 1; i < pattern.length; i++) {
    const ch = pattern[i];

    if (escaped === true) {
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      escaped = true;
      continue;
    }

    if (ch === '"') {
      quote = quote === 1 ? 0 : 1;
      continue;
    }

    if (quote === 1) {
      continue;
    }

    if (ch === '[') {
      bracket++;
      continue;
    }

    if (ch === ']' && bracket > 0) {
      bracket--;
      continue;
    }

    if (bracket > 0) {
      continue;
    }

    if (ch === '(') {
      paren++;
      continue;
    }

    if (ch === ')') {
      paren--;

      if (paren === 0) {
        if (requireEnd === true && i !== pattern.length - 1) {
          return;
        }

        return {
          type: pattern[0],
          body: pattern.slice(2, i),
          end: i
        };
      }
    }
  }
};

const getStarExtglobSequenceOutput = pattern => {
  let index = 0;
  const chars = [];

  while (index < pattern.length) {
    const match = parseRepeatedExtglob(pattern.slice(index), false);

    if (!match || match.type !== '*') {
      return;
    }

    const branches = splitTopLevel(match.body).map(branch => branch.trim());
    if (branches.length !== 1) {
      return;
    }

    const branch = normalizeSimpleBranch(branches[0]);
    if (!branch || branch.length !== 1) {
      return;
    }

    chars.push(branch);
    index += match.end + 1;
  }

  if (chars.length < 1) {
    return;
  }

  const source = chars.length === 1
    ? utils.escapeRegex(chars[0])
    : `[${chars.map(ch => utils.escapeRegex(ch)).join('')}]`;

  return `${source}*`;
};

const repeatedExtglobRecursion = pattern => {
  let depth = 0;
  let value = pattern.trim();
  let match = parseRepeatedExtglob(value);

  while (match) {
    depth++;
    value = match.body.trim();
    match = parseRepeatedExtglob(value);
  }

  return depth;
};

const analyzeRepeatedExtglob = (body, options) => {
  if (options.maxExtglobRecursion === false) {
    return { risky: false };
  }

  const max =
    typeof options.maxExtglobRecursion === 'number'
      ? options.maxExtglobRecursion
      : constants.DEFAULT_MAX_EXTGLOB_RECURSION;

  const branches = splitTopLevel(body).map(branch => branch.trim());

  if (branches.length > 1) {
    if (
      branches.some(branch => branch === '') ||
      branches.some(branch => /^[*?]+$/.test(branch)) ||
      hasRepeatedCharPrefixOverlap(branches)
    ) {
      return { risky: true };
    }
  }

  for (const branch of branches) {
    const safeOutput = getStarExtglobSequenceOutput(branch);
    if (safeOutput) {
      return { risky: true, safeOutput };
    }

    if (repeatedExtglobRecursion(branch) > max) {
      return { risky: true };
    }
  }

  return { risky: false };
};

/**
 * Parse the given input string.
 * @param {String} input
 * @param {Object} options
 * @return {Object}
 */

const parse = (input, options) => {
  if (typeof input !== 'string') {
    throw new TypeError('Expected a string');
  }

  input = REPLACEMENTS[input] || input;

  const opts = { ...options };
  const max = typeof opts.maxLength === 'number' ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;

  let len = input.length;
  if (len > max) {
    throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
  }

  const bos = { type: 'bos', value: '', output: opts.prepend || '' };
  const tokens = [bos];

  const capture = opts.capture ? '' : '?:';
  const win32 = utils.isWindows(options);

  // create constants based on platform, for windows or posix
  const PLATFORM_CHARS = constants.globChars(win32);
  const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);

  const {
    DOT_LITERAL,
    PLUS_LITERAL,
    SLASH_LITERAL,
    ONE_CHAR,
    DOTS_SLASH,
    NO_DOT,
    NO_DOT_SLASH,
    NO_DOTS_SLASH,
    QMARK,
    QMARK_NO_DOT,
    STAR,
    START_ANCHOR
  } = PLATFORM_CHARS;

  const globstar = opts => {
    return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
  };

  const nodot = opts.dot ? '' : NO_DOT;
  const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
  let star = opts.bash === true ? globstar(opts) : STAR;

  if (opts.capture) {
    star = `(${star})`;
  }

  // minimatch options support
  if (typeof opts.noext === 'boolean') {
    opts.noextglob = opts.noext;
  }

  const state = {
    input,
    index: -1,
    start: 0,
    dot: opts.dot === true,
    consumed: '',
    output: '',
    prefix: '',
    backtrack: false,
    negated: false,
    brackets: 0,
    braces: 0,
    parens: 0,
    quotes: 0,
    globstar: false,
    tokens
  };

  input = utils.removePrefix(input, state);
  len = input.length;

  const extglobs = [];
  const braces = [];
  const stack = [];
  let prev = bos;
  let value;

  /**
   * Tokenizing helpers
   */

  const eos = () => state.index === len - 1;
  const peek = state.peek = (n = 1) => input[state.index + n];
  const advance = state.advance = () => input[++state.index] || '';
  const remaining = () => input.slice(state.index + 1);
  const consume = (value = '', num = 0) => {
    state.consumed += value;
    state.index += num;
  };

  const append = token => {
    state.output += token.output != null ? token.output : token.value;
    consume(token.value);
  };

  const negate = () => {
    let count = 1;

    while (peek() === '!' && (peek(2) !== '(' || peek(3) === '?')) {
      advance();
      state.start++;
      count++;
    }

    if (count % 2 === 0) {
      return false;
    }

    state.negated = true;
    state.start++;
    return true;
  };

  const increment = type => {
    state[type]++;
    stack.push(type);
  };

  const decrement = type => {
    state[type]--;
    stack.pop();
  };

  /**
   * Push tokens onto the tokens array. This helper speeds up
   * tokenizing by 1) helping us avoid backtracking as much as possible,
   * and 2) helping us avoid creating extra tokens when consecutive
   * characters are plain text. This improves performance and simplifies
   * lookbehinds.
   */

  const push = tok => {
    if (prev.type === 'globstar') {
      const isBrace = state.braces > 0 && (tok.type === 'comma' || tok.type === 'brace');
      const isExtglob = tok.extglob === true || (extglobs.length && (tok.type === 'pipe' || tok.type === 'paren'));

      if (tok.type !== 'slash' && tok.type !== 'paren' && !isBrace && !isExtglob) {
        state.output = state.output.slice(0, -prev.output.length);
        prev.type = 'star';
        prev.value = '*';
        prev.output = star;
        state.output += prev.output;
      }
    }

    if (extglobs.length && tok.type !== 'paren') {
      extglobs[extglobs.length - 1].inner += tok.value;
    }

    if (tok.value || tok.output) append(tok);
    if (prev && prev.type === 'text' && tok.type === 'text') {
      prev.value += tok.value;
      prev.output = (prev.output || '') + tok.value;
      return;
    }

    tok.prev = prev;
    tokens.push(tok);
    prev = tok;
  };

  const extglobOpen = (type, value) => {
    const token = { ...EXTGLOB_CHARS[value], conditions: 1, inner: '' };

    token.prev = prev;
    token.parens = state.parens;
    token.output = state.output;
    token.startIndex = state.index;
    token.tokensIndex = tokens.length;
    const output = (opts.capture ? '(' : '') + token.open;

    increment('parens');
    push({ type, value, output: state.output ? '' : ONE_CHAR });
    push({ type: 'paren', extglob: true, value: advance(), output });
    extglobs.push(token);
  };

  const extglobClose = token => {
    const literal = input.slice(token.startIndex, state.index + 1);
    const body = input.slice(token.startIndex + 2, state.index);
    const analysis = analyzeRepeatedExtglob(body, opts);

    if ((token.type === 'plus' || token.type === 'star') && analysis.risky) {
      const safeOutput = analysis.safeOutput
        ? (token.output ? '' : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput)
        : undefined;
      const open = tokens[token.tokensIndex];

      open.type = 'text';
      open.value = literal;
      open.output = safeOutput || utils.escapeRegex(literal);

      for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
        tokens[i].value = '';
        tokens[i].output = '';
        delete tokens[i].suffix;
      }

      state.output = token.output + open.output;
      state.backtrack = true;

      push({ type: 'paren', extglob: true, value, output: '' });
      decrement('parens');
      return;
    }

    let output = token.close + (opts.capture ? ')' : '');
    let rest;

    if (token.type === 'negate') {
      let extglobStar = star;

      if (token.inner && token.inner.length > 1 && token.inner.includes('/')) {
        extglobStar = globstar(opts);
      }

      if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
        output = token.close = `)$))${extglobStar}`;
      }

      if (token.inner.includes('*') && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
        // Any non-magical string (`.ts`) or even nested expression (`.{ts,tsx}`) can follow after the closing parenthesis.
        // In this case, we need to parse the string and use it in the output of the original pattern.
        // Suitable patterns: `/!(*.d).ts`, `/!(*.d).{ts,tsx}`, `**/!(*-dbg).@(js)`.
        //
        // Disabling the `fastpaths` option due to a problem with parsing strings as `.ts` in the pattern like `**/!(*.d).ts`.
        const expression = parse(rest, { ...options, fastpaths: false }).output;

        output = token.close = `)${expression})${extglobStar})`;
      }

      if (token.prev.type === 'bos') {
        state.negatedExtglob = true;
      }
    }

    push({ type: 'paren', extglob: true, value, output });
    decrement('parens');
  };

  /**
   * Fast paths
   */

  if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
    let backslashes = false;

    let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
      if (first === '\\') {
        backslashes = true;
        return m;
      }

      if (first === '?') {
        if (esc) {
          return esc + first + (rest ? QMARK.repeat(rest.length) : '');
        }
        if (index === 0) {
          return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : '');
        }
        return QMARK.repeat(chars.length);
      }

      if (first === '.') {
        return DOT_LITERAL.repeat(chars.length);
      }

      if (first === '*') {
        if (esc) {
          return esc + first + (rest ? star : '');
        }
        return star;
      }
      return esc ? m : `\\${m}`;
    });

    if (backslashes === true) {
      if (opts.unescape === true) {
        output = output.replace(/\\/g, '');
      } else {
        output = output.replace(/\\+/g, m => {
          return m.length % 2 === 0 ? '\\\\' : (m ? '\\' : '');
        });
      }
    }

    if (output === input && opts.contains === true) {
      state.output = input;
      return state;
    }

    state.output = utils.wrapOutput(output, state, options);
    return state;
  }

  /**
   * Tokenize input until we reach end-of-string
   */

  while (!eos()) {
    value = advance();

    if (value === '\u0000') {
      continue;
    }

    /**
     * Escaped characters
     */

    if (value === '\\') {
      const next = peek();

      if (next === '/' && opts.bash !== true) {
        continue;
      }

      if (next === '.' || next === ';') {
        continue;
      }

      if (!next) {
        value += '\\';
        push({ type: 'text', value });
        continue;
      }

      // collapse slashes to reduce potential for exploits
      const match = /^\\+/.exec(remaining());
      let slashes = 0;

      if (match && match[0].length > 2) {
        slashes = match[0].length;
        state.index += slashes;
        if (slashes % 2 !== 0) {
          value += '\\';
        }
      }

      if (opts.unescape === true) {
        value = advance();
      } else {
        value += advance();
      }

      if (state.brackets === 0) {
        push({ type: 'text', value });
        continue;
      }
    }

    /**
     * If we're inside a regex character class, continue
     * until we reach the closing bracket.
     */

    if (state.brackets > 0 && (value !== ']' || prev.value === '[' || prev.value === '[^')) {
      if (opts.posix !== false && value === ':') {
        const inner = prev.value.slice(1);
        if (inner.includes('[')) {
          prev.posix = true;

          if (inner.includes(':')) {
            const idx = prev.value.lastIndexOf('[');
            const pre = prev.value.slice(0, idx);
            const rest = prev.value.slice(idx + 2);
            const posix = POSIX_REGEX_SOURCE[rest];
            if (posix) {
              prev.value = pre + posix;
              state.backtrack = true;
              advance();

              if (!bos.output && tokens.indexOf(prev) === 1) {
                bos.output = ONE_CHAR;
              }
              continue;
            }
          }
        }
      }

      if ((value === '[' && peek() !== ':') || (value === '-' && peek() === ']')) {
        value = `\\${value}`;
      }

      if (value === ']' && (prev.value === '[' || prev.value === '[^')) {
        value = `\\${value}`;
      }

      if (opts.posix === true && value === '!' && prev.value === '[') {
        value = '^';
      }

      prev.value += value;
      append({ value });
      continue;
    }

    /**
     * If we're inside a quoted string, continue
     * until we reach the closing double quote.
     */

    if (state.quotes === 1 && value !== '"') {
      value = utils.escapeRegex(value);
      prev.value += value;
      append({ value });
      continue;
    }

    /**
     * Double quotes
     */

    if (value === '"') {
      state.quotes = state.quotes === 1 ? 0 : 1;
      if (opts.keepQuotes === true) {
        push({ type: 'text', value });
      }
      continue;
    }

    /**
     * Parentheses
     */

    if (value === '(') {
      increment('parens');
      push({ type: 'paren', value });
      continue;
    }

    if (value === ')') {
      if (state.parens === 0 && opts.strictBrackets === true) {
        throw new SyntaxError(syntaxError('opening', '('));
      }

      const extglob = extglobs[extglobs.length - 1];
      if (extglob && state.parens === extglob.parens + 1) {
        extglobClose(extglobs.pop());
        continue;
      }

      push({ type: 'paren', value, output: state.parens ? ')' : '\\)' });
      decrement('parens');
      continue;
    }

    /**
     * Square brackets
     */

    if (value === '[') {
      if (opts.nobracket === true || !remaining().includes(']')) {
        if (opts.nobracket !== true && opts.strictBrackets === true) {
          throw new SyntaxError(syntaxError('closing', ']'));
        }

        value = `\\${value}`;
      } else {
        increment('brackets');
      }

      push({ type: 'bracket', value });
      continue;
    }

    if (value === ']') {
      if (opts.nobracket === true || (prev && prev.type === 'bracket' && prev.value.length === 1)) {
        push({ type: 'text', value, output: `\\${value}` });
        continue;
      }

      if (state.brackets === 0) {
        if (opts.strictBrackets === true) {
          throw new SyntaxError(syntaxError('opening', '['));
        }

        push({ type: 'text', value, output: `\\${value}` });
        continue;
      }

      decrement('brackets');

      const prevValue = prev.value.slice(1);
      if (prev.posix !== true && prevValue[0] === '^' && !prevValue.includes('/')) {
        value = `/${value}`;
      }

      prev.value += value;
      append({ value });

      // when literal brackets are explicitly disabled
      // assume we should match with a regex character class
      if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
        continue;
      }

      const escaped = utils.escapeRegex(prev.value);
      state.output = state.output.slice(0, -prev.value.length);

      // when literal brackets are explicitly enabled
      // assume we should escape the brackets to match literal characters
      if (opts.literalBrackets === true) {
        state.output += escaped;
        prev.value = escaped;
        continue;
      }

      // when the user specifies nothing, try to match both
      prev.value = `(${capture}${escaped}|${prev.value})`;
      state.output += prev.value;
      continue;
    }

    /**
     * Braces
     */

    if (value === '{' && opts.nobrace !== true) {
      increment('braces');

      const open = {
        type: 'brace',
        value,
        output: '(',
        outputIndex: state.output.length,
        tokensIndex: state.tokens.length
      };

      braces.push(open);
      push(open);
      continue;
    }

    if (value === '}') {
      const brace = braces[braces.length - 1];

      if (opts.nobrace === true || !brace) {
        push({ type: 'text', value, output: value });
        continue;
      }

      let output = ')';

      if (brace.dots === true) {
        const arr = tokens.slice();
        const range = [];

        for (let i = arr.length - 1; i >= 0; i--) {
          tokens.pop();
          if (arr[i].type === 'brace') {
            break;
          }
          if (arr[i].type !== 'dots') {
            range.unshift(arr[i].value);
          }
        }

        output = expandRange(range, opts);
        state.backtrack = true;
      }

      if (brace.comma !== true && brace.dots !== true) {
        const out = state.output.slice(0, brace.outputIndex);
        const toks = state.tokens.slice(brace.tokensIndex);
        brace.value = brace.output = '\\{';
        value = output = '\\}';
        state.output = out;
        for (const t of toks) {
          state.output += (t.output || t.value);
        }
      }

      push({ type: 'brace', value, output });
      decrement('braces');
      braces.pop();
      continue;
    }

    /**
     * Pipes
     */

    if (value === '|') {
      if (extglobs.length > 0) {
        extglobs[extglobs.length - 1].conditions++;
      }
      push({ type: 'text', value });
      continue;
    }

    /**
     * Commas
     */

    if (value === ',') {
      let output = value;

      const brace = braces[braces.length - 1];
      if (brace && stack[stack.length - 1] === 'braces') {
        brace.comma = true;
        output = '|';
      }

      push({ type: 'comma', value, output });
      continue;
    }

    /**
     * Slashes
     */

    if (value === '/') {
      // if the beginning of the glob is "./", advance the start
      // to the current index, and don't add the "./" characters
      // to the state. This greatly simplifies lookbehinds when
      // checking for BOS characters like "!" and "." (not "./")
      if (prev.type === 'dot' && state.index === state.start + 1) {
        state.start = state.index + 1;
        state.consumed = '';
        state.output = '';
        tokens.pop();
        prev = bos; // reset "prev" to the first token
        continue;
      }

      push({ type: 'slash', value, output: SLASH_LITERAL });
      continue;
    }

    /**
     * Dots
     */

    if (value === '.') {
      if (state.braces > 0 && prev.type === 'dot') {
        if (prev.value === '.') prev.output = DOT_LITERAL;
        const brace = braces[braces.length - 1];
        prev.type = 'dots';
        prev.output += value;
        prev.value += value;
        brace.dots = true;
        continue;
      }

      if ((state.braces + state.parens) === 0 && prev.type !== 'bos' && prev.type !== 'slash') {
        push({ type: 'text', value, output: DOT_LITERAL });
        continue;
      }

      push({ type: 'dot', value, output: DOT_LITERAL });
      continue;
    }

    /**
     * Question marks
     */

    if (value === '?') {
      const isGroup = prev && prev.value === '(';
      if (!isGroup && opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        extglobOpen('qmark', value);
        continue;
      }

      if (prev && prev.type === 'paren') {
        const next = peek();
        let output = value;

        if (next === '<' && !utils.supportsLookbehinds()) {
          throw new Error('Node.js v10 or higher is required for regex lookbehinds');
        }

        if ((prev.value === '(' && !/[!=<:]/.test(next)) || (next === '<' && !/<([!=]|\w+>)/.test(remaining()))) {
          output = `\\${value}`;
        }

        push({ type: 'text', value, output });
        continue;
      }

      if (opts.dot !== true && (prev.type === 'slash' || prev.type === 'bos')) {
        push({ type: 'qmark', value, output: QMARK_NO_DOT });
        continue;
      }

      push({ type: 'qmark', value, output: QMARK });
      continue;
    }

    /**
     * Exclamation
     */

    if (value === '!') {
      if (opts.noextglob !== true && peek() === '(') {
        if (peek(2) !== '?' || !/[!=<:]/.test(peek(3))) {
          extglobOpen('negate', value);
          continue;
        }
      }

      if (opts.nonegate !== true && state.index === 0) {
        negate();
        continue;
      }
    }

    /**
     * Plus
     */

    if (value === '+') {
      if (opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        extglobOpen('plus', value);
        continue;
      }

      if ((prev && prev.value === '(') || opts.regex === false) {
        push({ type: 'plus', value, output: PLUS_LITERAL });
        continue;
      }

      if ((prev && (prev.type === 'bracket' || prev.type === 'paren' || prev.type === 'brace')) || state.parens > 0) {
        push({ type: 'plus', value });
        continue;
      }

      push({ type: 'plus', value: PLUS_LITERAL });
      continue;
    }

    /**
     * Plain text
     */

    if (value === '@') {
      if (opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        push({ type: 'at', extglob: true, value, output: '' });
        continue;
      }

      push({ type: 'text', value });
      continue;
    }

    /**
     * Plain text
     */

    if (value !== '*') {
      if (value === '$' || value === '^') {
        value = `\\${value}`;
      }

      const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
      if (match) {
        value += match[0];
        state.index += match[0].length;
      }

      push({ type: 'text', value });
      continue;
    }

    /**
     * Stars
     */

    if (prev && (prev.type === 'globstar' || prev.star === true)) {
      prev.type = 'star';
      prev.star = true;
      prev.value += value;
      prev.output = star;
      state.backtrack = true;
      state.globstar = true;
      consume(value);
      continue;
    }

    let rest = remaining();
    if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
      extglobOpen('star', value);
      continue;
    }

    if (prev.type === 'star') {
      if (opts.noglobstar === true) {
        consume(value);
        continue;
      }

      const prior = prev.prev;
      const before = prior.prev;
      const isStart = prior.type === 'slash' || prior.type === 'bos';
      const afterStar = before && (before.type === 'star' || before.type === 'globstar');

      if (opts.bash === true && (!isStart || (rest[0] && rest[0] !== '/'))) {
        push({ type: 'star', value, output: '' });
        continue;
      }

      const isBrace = state.braces > 0 && (prior.type === 'comma' || prior.type === 'brace');
      const isExtglob = extglobs.length && (prior.type === 'pipe' || prior.type === 'paren');
      if (!isStart && prior.type !== 'paren' && !isBrace && !isExtglob) {
        push({ type: 'star', value, output: '' });
        continue;
      }

      // strip consecutive `/**/`
      while (rest.slice(0, 3) === '/**') {
        const after = input[state.index + 4];
        if (after && after !== '/') {
          break;
        }
        rest = rest.slice(3);
        consume('/**', 3);
      }

      if (prior.type === 'bos' && eos()) {
        prev.type = 'globstar';
        prev.value += value;
        prev.output = globstar(opts);
        state.output = prev.output;
        state.globstar = true;
        consume(value);
        continue;
      }

      if (prior.type === 'slash' && prior.prev.type !== 'bos' && !afterStar && eos()) {
        state.output = state.output.slice(0, -(prior.output + prev.output).length);
        prior.output = `(?:${prior.output}`;

        prev.type = 'globstar';
        prev.output = globstar(opts) + (opts.strictSlashes ? ')' : '|$)');
        prev.value += value;
        state.globstar = true;
        state.output += prior.output + prev.output;
        consume(value);
        continue;
      }

      if (prior.type === 'slash' && prior.prev.type !== 'bos' && rest[0] === '/') {
        const end = rest[1] !== void 0 ? '|$' : '';

        state.output = state.output.slice(0, -(prior.output + prev.output).length);
        prior.output = `(?:${prior.output}`;

        prev.type = 'globstar';
        prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
        prev.value += value;

        state.output += prior.output + prev.output;
        state.globstar = true;

        consume(value + advance());

        push({ type: 'slash', value: '/', output: '' });
        continue;
      }

      if (prior.type === 'bos' && rest[0] === '/') {
        prev.type = 'globstar';
        prev.value += value;
        prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
        state.output = prev.output;
        state.globstar = true;
        consume(value + advance());
        push({ type: 'slash', value: '/', output: '' });
        continue;
      }

      // remove single star from output
      state.output = state.output.slice(0, -prev.output.length);

      // reset previous token to globstar
      prev.type = 'globstar';
      prev.output = globstar(opts);
      prev.value += value;

      // reset output with globstar
      state.output += prev.output;
      state.globstar = true;
      consume(value);
      continue;
    }

    const token = { type: 'star', value, output: star };

    if (opts.bash === true) {
      token.output = '.*?';
      if (prev.type === 'bos' || prev.type === 'slash') {
        token.output = nodot + token.output;
      }
      push(token);
      continue;
    }

    if (prev && (prev.type === 'bracket' || prev.type === 'paren') && opts.regex === true) {
      token.output = value;
      push(token);
      continue;
    }

    if (state.index === state.start || prev.type === 'slash' || prev.type === 'dot') {
      if (prev.type === 'dot') {
        state.output += NO_DOT_SLASH;
        prev.output += NO_DOT_SLASH;

      } else if (opts.dot === true) {
        state.output += NO_DOTS_SLASH;
        prev.output += NO_DOTS_SLASH;

      } else {
        state.output += nodot;
        prev.output += nodot;
      }

      if (peek() !== '*') {
        state.output += ONE_CHAR;
        prev.output += ONE_CHAR;
      }
    }

    push(token);
  }

  while (state.brackets > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', ']'));
    state.output = utils.escapeLast(state.output, '[');
    decrement('brackets');
  }

  while (state.parens > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', ')'));
    state.output = utils.escapeLast(state.output, '(');
    decrement('parens');
  }

  while (state.braces > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', '}'));
    state.output = utils.escapeLast(state.output, '{');
    decrement('braces');
  }

  if (opts.strictSlashes !== true && (prev.type === 'star' || prev.type === 'bracket')) {
    push({ type: 'maybe_slash', value: '', output: `${SLASH_LITERAL}?` });
  }

  // rebuild the output if we had to backtrack at any point
  if (state.backtrack === true) {
    state.output = '';

    for (const token of state.tokens) {
      state.output += token.output != null ? token.output : token.value;

      if (token.suffix) {
        state.output += token.suffix;
      }
    }
  }

  return state;
};

/**
 * Fast paths for creating regular expressions for common glob patterns.
 * This can significantly speed up processing and has very little downside
 * impact when none of the fast paths match.
 */

parse.fastpaths = (input, options) => {
  const opts = { ...options };
  const max = typeof opts.maxLength === 'number' ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
  const len = input.length;
  if (len > max) {
    throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
  }

  input = REPLACEMENTS[input] || input;
  const win32 = utils.isWindows(options);

  // create constants based on platform, for windows or posix
  const {
    DOT_LITERAL,
    SLASH_LITERAL,
    ONE_CHAR,
    DOTS_SLASH,
    NO_DOT,
    NO_DOTS,
    NO_DOTS_SLASH,
    STAR,
    START_ANCHOR
  } = constants.globChars(win32);

  const nodot = opts.dot ? NO_DOTS : NO_DOT;
  const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
  const capture = opts.capture ? '' : '?:';
  const state = { negated: false, prefix: '' };
  let star = opts.bash === true ? '.*?' : STAR;

  if (opts.capture) {
    star = `(${star})`;
  }

  const globstar = opts => {
    if (opts.noglobstar === true) return star;
    return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
  };

  const create = str => {
    switch (str) {
      case '*':
        return `${nodot}${ONE_CHAR}${star}`;

      case '.*':
        return `${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '*.*':
        return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '*/*':
        return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;

      case '**':
        return nodot + globstar(opts);

      case '**/*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;

      case '**/*.*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '**/.*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;

      default: {
        const match = /^(.*?)\.(\w+)$/.exec(str);
        if (!match) return;

        const source = create(match[1]);
        if (!source) return;

        return source + DOT_LITERAL + match[2];
      }
    }
  };

  const output = utils.removePrefix(input, state);
  let source = create(output);

  if (source && opts.strictSlashes !== true) {
    source += `${SLASH_LITERAL}?`;
  }

  return source;
};

module.exports = parse;


/***/ }),

/***/ 8016:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const path = __nccwpck_require__(6928);
const scan = __nccwpck_require__(1781);
const parse = __nccwpck_require__(8265);
const utils = __nccwpck_require__(4059);
const constants = __nccwpck_require__(5595);
const isObject = val => val && typeof val === 'object' && !Array.isArray(val);

/**
 * Creates a matcher function from one or more glob patterns. The
 * returned function takes a string to match as its first argument,
 * and returns true if the string is a match. The returned matcher
 * function also takes a boolean as the second argument that, when true,
 * returns an object with additional information.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch(glob[, options]);
 *
 * const isMatch = picomatch('*.!(*a)');
 * console.log(isMatch('a.a')); //=> false
 * console.log(isMatch('a.b')); //=> true
 * ```
 * @name picomatch
 * @param {String|Array} `globs` One or more glob patterns.
 * @param {Object=} `options`
 * @return {Function=} Returns a matcher function.
 * @api public
 */

const picomatch = (glob, options, returnState = false) => {
  if (Array.isArray(glob)) {
    const fns = glob.map(input => picomatch(input, options, returnState));
    const arrayMatcher = str => {
      for (const isMatch of fns) {
        const state = isMatch(str);
        if (state) return state;
      }
      return false;
    };
    return arrayMatcher;
  }

  const isState = isObject(glob) && glob.tokens && glob.input;

  if (glob === '' || (typeof glob !== 'string' && !isState)) {
    throw new TypeError('Expected pattern to be a non-empty string');
  }

  const opts = options || {};
  const posix = utils.isWindows(options);
  const regex = isState
    ? picomatch.compileRe(glob, options)
    : picomatch.makeRe(glob, options, false, true);

  const state = regex.state;
  delete regex.state;

  let isIgnored = () => false;
  if (opts.ignore) {
    const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
    isIgnored = picomatch(opts.ignore, ignoreOpts, returnState);
  }

  const matcher = (input, returnObject = false) => {
    const { isMatch, match, output } = picomatch.test(input, regex, options, { glob, posix });
    const result = { glob, state, regex, posix, input, output, match, isMatch };

    if (typeof opts.onResult === 'function') {
      opts.onResult(result);
    }

    if (isMatch === false) {
      result.isMatch = false;
      return returnObject ? result : false;
    }

    if (isIgnored(input)) {
      if (typeof opts.onIgnore === 'function') {
        opts.onIgnore(result);
      }
      result.isMatch = false;
      return returnObject ? result : false;
    }

    if (typeof opts.onMatch === 'function') {
      opts.onMatch(result);
    }
    return returnObject ? result : true;
  };

  if (returnState) {
    matcher.state = state;
  }

  return matcher;
};

/**
 * Test `input` with the given `regex`. This is used by the main
 * `picomatch()` function to test the input string.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.test(input, regex[, options]);
 *
 * console.log(picomatch.test('foo/bar', /^(?:([^/]*?)\/([^/]*?))$/));
 * // { isMatch: true, match: [ 'foo/', 'foo', 'bar' ], output: 'foo/bar' }
 * ```
 * @param {String} `input` String to test.
 * @param {RegExp} `regex`
 * @return {Object} Returns an object with matching info.
 * @api public
 */

picomatch.test = (input, regex, options, { glob, posix } = {}) => {
  if (typeof input !== 'string') {
    throw new TypeError('Expected input to be a string');
  }

  if (input === '') {
    return { isMatch: false, output: '' };
  }

  const opts = options || {};
  const format = opts.format || (posix ? utils.toPosixSlashes : null);
  let match = input === glob;
  let output = (match && format) ? format(input) : input;

  if (match === false) {
    output = format ? format(input) : input;
    match = output === glob;
  }

  if (match === false || opts.capture === true) {
    if (opts.matchBase === true || opts.basename === true) {
      match = picomatch.matchBase(input, regex, options, posix);
    } else {
      match = regex.exec(output);
    }
  }

  return { isMatch: Boolean(match), match, output };
};

/**
 * Match the basename of a filepath.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.matchBase(input, glob[, options]);
 * console.log(picomatch.matchBase('foo/bar.js', '*.js'); // true
 * ```
 * @param {String} `input` String to test.
 * @param {RegExp|String} `glob` Glob pattern or regex created by [.makeRe](#makeRe).
 * @return {Boolean}
 * @api public
 */

picomatch.matchBase = (input, glob, options, posix = utils.isWindows(options)) => {
  const regex = glob instanceof RegExp ? glob : picomatch.makeRe(glob, options);
  return regex.test(path.basename(input));
};

/**
 * Returns true if **any** of the given glob `patterns` match the specified `string`.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.isMatch(string, patterns[, options]);
 *
 * console.log(picomatch.isMatch('a.a', ['b.*', '*.a'])); //=> true
 * console.log(picomatch.isMatch('a.a', 'b.*')); //=> false
 * ```
 * @param {String|Array} str The string to test.
 * @param {String|Array} patterns One or more glob patterns to use for matching.
 * @param {Object} [options] See available [options](#options).
 * @return {Boolean} Returns true if any patterns match `str`
 * @api public
 */

picomatch.isMatch = (str, patterns, options) => picomatch(patterns, options)(str);

/**
 * Parse a glob pattern to create the source string for a regular
 * expression.
 *
 * ```js
 * const picomatch = require('picomatch');
 * const result = picomatch.parse(pattern[, options]);
 * ```
 * @param {String} `pattern`
 * @param {Object} `options`
 * @return {Object} Returns an object with useful properties and output to be used as a regex source string.
 * @api public
 */

picomatch.parse = (pattern, options) => {
  if (Array.isArray(pattern)) return pattern.map(p => picomatch.parse(p, options));
  return parse(pattern, { ...options, fastpaths: false });
};

/**
 * Scan a glob pattern to separate the pattern into segments.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.scan(input[, options]);
 *
 * const result = picomatch.scan('!./foo/*.js');
 * console.log(result);
 * { prefix: '!./',
 *   input: '!./foo/*.js',
 *   start: 3,
 *   base: 'foo',
 *   glob: '*.js',
 *   isBrace: false,
 *   isBracket: false,
 *   isGlob: true,
 *   isExtglob: false,
 *   isGlobstar: false,
 *   negated: true }
 * ```
 * @param {String} `input` Glob pattern to scan.
 * @param {Object} `options`
 * @return {Object} Returns an object with
 * @api public
 */

picomatch.scan = (input, options) => scan(input, options);

/**
 * Compile a regular expression from the `state` object returned by the
 * [parse()](#parse) method.
 *
 * @param {Object} `state`
 * @param {Object} `options`
 * @param {Boolean} `returnOutput` Intended for implementors, this argument allows you to return the raw output from the parser.
 * @param {Boolean} `returnState` Adds the state to a `state` property on the returned regex. Useful for implementors and debugging.
 * @return {RegExp}
 * @api public
 */

picomatch.compileRe = (state, options, returnOutput = false, returnState = false) => {
  if (returnOutput === true) {
    return state.output;
  }

  const opts = options || {};
  const prepend = opts.contains ? '' : '^';
  const append = opts.contains ? '' : '$';

  let source = `${prepend}(?:${state.output})${append}`;
  if (state && state.negated === true) {
    source = `^(?!${source}).*$`;
  }

  const regex = picomatch.toRegex(source, options);
  if (returnState === true) {
    regex.state = state;
  }

  return regex;
};

/**
 * Create a regular expression from a parsed glob pattern.
 *
 * ```js
 * const picomatch = require('picomatch');
 * const state = picomatch.parse('*.js');
 * // picomatch.compileRe(state[, options]);
 *
 * console.log(picomatch.compileRe(state));
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {String} `state` The object returned from the `.parse` method.
 * @param {Object} `options`
 * @param {Boolean} `returnOutput` Implementors may use this argument to return the compiled output, instead of a regular expression. This is not exposed on the options to prevent end-users from mutating the result.
 * @param {Boolean} `returnState` Implementors may use this argument to return the state from the parsed glob with the returned regular expression.
 * @return {RegExp} Returns a regex created from the given pattern.
 * @api public
 */

picomatch.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
  if (!input || typeof input !== 'string') {
    throw new TypeError('Expected a non-empty string');
  }

  let parsed = { negated: false, fastpaths: true };

  if (options.fastpaths !== false && (input[0] === '.' || input[0] === '*')) {
    parsed.output = parse.fastpaths(input, options);
  }

  if (!parsed.output) {
    parsed = parse(input, options);
  }

  return picomatch.compileRe(parsed, options, returnOutput, returnState);
};

/**
 * Create a regular expression from the given regex source string.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.toRegex(source[, options]);
 *
 * const { output } = picomatch.parse('*.js');
 * console.log(picomatch.toRegex(output));
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {String} `source` Regular expression source string.
 * @param {Object} `options`
 * @return {RegExp}
 * @api public
 */

picomatch.toRegex = (source, options) => {
  try {
    const opts = options || {};
    return new RegExp(source, opts.flags || (opts.nocase ? 'i' : ''));
  } catch (err) {
    if (options && options.debug === true) throw err;
    return /$^/;
  }
};

/**
 * Picomatch constants.
 * @return {Object}
 */

picomatch.constants = constants;

/**
 * Expose "picomatch"
 */

module.exports = picomatch;


/***/ }),

/***/ 1781:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const utils = __nccwpck_require__(4059);
const {
  CHAR_ASTERISK,             /* * */
  CHAR_AT,                   /* @ */
  CHAR_BACKWARD_SLASH,       /* \ */
  CHAR_COMMA,                /* , */
  CHAR_DOT,                  /* . */
  CHAR_EXCLAMATION_MARK,     /* ! */
  CHAR_FORWARD_SLASH,        /* / */
  CHAR_LEFT_CURLY_BRACE,     /* { */
  CHAR_LEFT_PARENTHESES,     /* ( */
  CHAR_LEFT_SQUARE_BRACKET,  /* [ */
  CHAR_PLUS,                 /* + */
  CHAR_QUESTION_MARK,        /* ? */
  CHAR_RIGHT_CURLY_BRACE,    /* } */
  CHAR_RIGHT_PARENTHESES,    /* ) */
  CHAR_RIGHT_SQUARE_BRACKET  /* ] */
} = __nccwpck_require__(5595);

const isPathSeparator = code => {
  return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
};

const depth = token => {
  if (token.isPrefix !== true) {
    token.depth = token.isGlobstar ? Infinity : 1;
  }
};

/**
 * Quickly scans a glob pattern and returns an object with a handful of
 * useful properties, like `isGlob`, `path` (the leading non-glob, if it exists),
 * `glob` (the actual pattern), `negated` (true if the path starts with `!` but not
 * with `!(`) and `negatedExtglob` (true if the path starts with `!(`).
 *
 * ```js
 * const pm = require('picomatch');
 * console.log(pm.scan('foo/bar/*.js'));
 * { isGlob: true, input: 'foo/bar/*.js', base: 'foo/bar', glob: '*.js' }
 * ```
 * @param {String} `str`
 * @param {Object} `options`
 * @return {Object} Returns an object with tokens and regex source string.
 * @api public
 */

const scan = (input, options) => {
  const opts = options || {};

  const length = input.length - 1;
  const scanToEnd = opts.parts === true || opts.scanToEnd === true;
  const slashes = [];
  const tokens = [];
  const parts = [];

  let str = input;
  let index = -1;
  let start = 0;
  let lastIndex = 0;
  let isBrace = false;
  let isBracket = false;
  let isGlob = false;
  let isExtglob = false;
  let isGlobstar = false;
  let braceEscaped = false;
  let backslashes = false;
  let negated = false;
  let negatedExtglob = false;
  let finished = false;
  let braces = 0;
  let prev;
  let code;
  let token = { value: '', depth: 0, isGlob: false };

  const eos = () => index >= length;
  const peek = () => str.charCodeAt(index + 1);
  const advance = () => {
    prev = code;
    return str.charCodeAt(++index);
  };

  while (index < length) {
    code = advance();
    let next;

    if (code === CHAR_BACKWARD_SLASH) {
      backslashes = token.backslashes = true;
      code = advance();

      if (code === CHAR_LEFT_CURLY_BRACE) {
        braceEscaped = true;
      }
      continue;
    }

    if (braceEscaped === true || code === CHAR_LEFT_CURLY_BRACE) {
      braces++;

      while (eos() !== true && (code = advance())) {
        if (code === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          advance();
          continue;
        }

        if (code === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          continue;
        }

        if (braceEscaped !== true && code === CHAR_DOT && (code = advance()) === CHAR_DOT) {
          isBrace = token.isBrace = true;
          isGlob = token.isGlob = true;
          finished = true;

          if (scanToEnd === true) {
            continue;
          }

          break;
        }

        if (braceEscaped !== true && code === CHAR_COMMA) {
          isBrace = token.isBrace = true;
          isGlob = token.isGlob = true;
          finished = true;

          if (scanToEnd === true) {
            continue;
          }

          break;
        }

        if (code === CHAR_RIGHT_CURLY_BRACE) {
          braces--;

          if (braces === 0) {
            braceEscaped = false;
            isBrace = token.isBrace = true;
            finished = true;
            break;
          }
        }
      }

      if (scanToEnd === true) {
        continue;
      }

      break;
    }

    if (code === CHAR_FORWARD_SLASH) {
      slashes.push(index);
      tokens.push(token);
      token = { value: '', depth: 0, isGlob: false };

      if (finished === true) continue;
      if (prev === CHAR_DOT && index === (start + 1)) {
        start += 2;
        continue;
      }

      lastIndex = index + 1;
      continue;
    }

    if (opts.noext !== true) {
      const isExtglobChar = code === CHAR_PLUS
        || code === CHAR_AT
        || code === CHAR_ASTERISK
        || code === CHAR_QUESTION_MARK
        || code === CHAR_EXCLAMATION_MARK;

      if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
        isGlob = token.isGlob = true;
        isExtglob = token.isExtglob = true;
        finished = true;
        if (code === CHAR_EXCLAMATION_MARK && index === start) {
          negatedExtglob = true;
        }

        if (scanToEnd === true) {
          while (eos() !== true && (code = advance())) {
            if (code === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              code = advance();
              continue;
            }

            if (code === CHAR_RIGHT_PARENTHESES) {
              isGlob = token.isGlob = true;
              finished = true;
              break;
            }
          }
          continue;
        }
        break;
      }
    }

    if (code === CHAR_ASTERISK) {
      if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
      isGlob = token.isGlob = true;
      finished = true;

      if (scanToEnd === true) {
        continue;
      }
      break;
    }

    if (code === CHAR_QUESTION_MARK) {
      isGlob = token.isGlob = true;
      finished = true;

      if (scanToEnd === true) {
        continue;
      }
      break;
    }

    if (code === CHAR_LEFT_SQUARE_BRACKET) {
      while (eos() !== true && (next = advance())) {
        if (next === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          advance();
          continue;
        }

        if (next === CHAR_RIGHT_SQUARE_BRACKET) {
          isBracket = token.isBracket = true;
          isGlob = token.isGlob = true;
          finished = true;
          break;
        }
      }

      if (scanToEnd === true) {
        continue;
      }

      break;
    }

    if (opts.nonegate !== true && code === CHAR_EXCLAMATION_MARK && index === start) {
      negated = token.negated = true;
      start++;
      continue;
    }

    if (opts.noparen !== true && code === CHAR_LEFT_PARENTHESES) {
      isGlob = token.isGlob = true;

      if (scanToEnd === true) {
        while (eos() !== true && (code = advance())) {
          if (code === CHAR_LEFT_PARENTHESES) {
            backslashes = token.backslashes = true;
            code = advance();
            continue;
          }

          if (code === CHAR_RIGHT_PARENTHESES) {
            finished = true;
            break;
          }
        }
        continue;
      }
      break;
    }

    if (isGlob === true) {
      finished = true;

      if (scanToEnd === true) {
        continue;
      }

      break;
    }
  }

  if (opts.noext === true) {
    isExtglob = false;
    isGlob = false;
  }

  let base = str;
  let prefix = '';
  let glob = '';

  if (start > 0) {
    prefix = str.slice(0, start);
    str = str.slice(start);
    lastIndex -= start;
  }

  if (base && isGlob === true && lastIndex > 0) {
    base = str.slice(0, lastIndex);
    glob = str.slice(lastIndex);
  } else if (isGlob === true) {
    base = '';
    glob = str;
  } else {
    base = str;
  }

  if (base && base !== '' && base !== '/' && base !== str) {
    if (isPathSeparator(base.charCodeAt(base.length - 1))) {
      base = base.slice(0, -1);
    }
  }

  if (opts.unescape === true) {
    if (glob) glob = utils.removeBackslashes(glob);

    if (base && backslashes === true) {
      base = utils.removeBackslashes(base);
    }
  }

  const state = {
    prefix,
    input,
    start,
    base,
    glob,
    isBrace,
    isBracket,
    isGlob,
    isExtglob,
    isGlobstar,
    negated,
    negatedExtglob
  };

  if (opts.tokens === true) {
    state.maxDepth = 0;
    if (!isPathSeparator(code)) {
      tokens.push(token);
    }
    state.tokens = tokens;
  }

  if (opts.parts === true || opts.tokens === true) {
    let prevIndex;

    for (let idx = 0; idx < slashes.length; idx++) {
      const n = prevIndex ? prevIndex + 1 : start;
      const i = slashes[idx];
      const value = input.slice(n, i);
      if (opts.tokens) {
        if (idx === 0 && start !== 0) {
          tokens[idx].isPrefix = true;
          tokens[idx].value = prefix;
        } else {
          tokens[idx].value = value;
        }
        depth(tokens[idx]);
        state.maxDepth += tokens[idx].depth;
      }
      if (idx !== 0 || value !== '') {
        parts.push(value);
      }
      prevIndex = i;
    }

    if (prevIndex && prevIndex + 1 < input.length) {
      const value = input.slice(prevIndex + 1);
      parts.push(value);

      if (opts.tokens) {
        tokens[tokens.length - 1].value = value;
        depth(tokens[tokens.length - 1]);
        state.maxDepth += tokens[tokens.length - 1].depth;
      }
    }

    state.slashes = slashes;
    state.parts = parts;
  }

  return state;
};

module.exports = scan;


/***/ }),

/***/ 4059:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



const path = __nccwpck_require__(6928);
const win32 = process.platform === 'win32';
const {
  REGEX_BACKSLASH,
  REGEX_REMOVE_BACKSLASH,
  REGEX_SPECIAL_CHARS,
  REGEX_SPECIAL_CHARS_GLOBAL
} = __nccwpck_require__(5595);

exports.isObject = val => val !== null && typeof val === 'object' && !Array.isArray(val);
exports.hasRegexChars = str => REGEX_SPECIAL_CHARS.test(str);
exports.isRegexChar = str => str.length === 1 && exports.hasRegexChars(str);
exports.escapeRegex = str => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, '\\$1');
exports.toPosixSlashes = str => str.replace(REGEX_BACKSLASH, '/');

exports.removeBackslashes = str => {
  return str.replace(REGEX_REMOVE_BACKSLASH, match => {
    return match === '\\' ? '' : match;
  });
};

exports.supportsLookbehinds = () => {
  const segs = process.version.slice(1).split('.').map(Number);
  if (segs.length === 3 && segs[0] >= 9 || (segs[0] === 8 && segs[1] >= 10)) {
    return true;
  }
  return false;
};

exports.isWindows = options => {
  if (options && typeof options.windows === 'boolean') {
    return options.windows;
  }
  return win32 === true || path.sep === '\\';
};

exports.escapeLast = (input, char, lastIdx) => {
  const idx = input.lastIndexOf(char, lastIdx);
  if (idx === -1) return input;
  if (input[idx - 1] === '\\') return exports.escapeLast(input, char, idx - 1);
  return `${input.slice(0, idx)}\\${input.slice(idx)}`;
};

exports.removePrefix = (input, state = {}) => {
  let output = input;
  if (output.startsWith('./')) {
    output = output.slice(2);
    state.prefix = './';
  }
  return output;
};

exports.wrapOutput = (input, state = {}, options = {}) => {
  const prepend = options.contains ? '' : '^';
  const append = options.contains ? '' : '$';

  let output = `${prepend}(?:${input})${append}`;
  if (state.negated === true) {
    output = `(?:^(?!${output}).*$)`;
  }
  return output;
};


/***/ }),

/***/ 7163:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const debug = __nccwpck_require__(1159)
const { MAX_LENGTH, MAX_SAFE_INTEGER } = __nccwpck_require__(5101)
const { safeRe: re, t } = __nccwpck_require__(5471)

const parseOptions = __nccwpck_require__(356)
const { compareIdentifiers } = __nccwpck_require__(3348)

const isPrereleaseIdentifier = (prerelease, identifier) => {
  const identifiers = identifier.split('.')
  if (identifiers.length > prerelease.length) {
    return false
  }

  for (let i = 0; i < identifiers.length; i++) {
    if (compareIdentifiers(prerelease[i], identifiers[i]) !== 0) {
      return false
    }
  }

  return true
}

class SemVer {
  constructor (version, options) {
    options = parseOptions(options)

    if (version instanceof SemVer) {
      if (version.loose === !!options.loose &&
        version.includePrerelease === !!options.includePrerelease) {
        return version
      } else {
        version = version.version
      }
    } else if (typeof version !== 'string') {
      throw new TypeError(`Invalid version. Must be a string. Got type "${typeof version}".`)
    }

    if (version.length > MAX_LENGTH) {
      throw new TypeError(
        `version is longer than ${MAX_LENGTH} characters`
      )
    }

    debug('SemVer', version, options)
    this.options = options
    this.loose = !!options.loose
    // this isn't actually relevant for versions, but keep it so that we
    // don't run into trouble passing this.options around.
    this.includePrerelease = !!options.includePrerelease

    const m = version.trim().match(options.loose ? re[t.LOOSE] : re[t.FULL])

    if (!m) {
      throw new TypeError(`Invalid Version: ${version}`)
    }

    this.raw = version

    // these are actually numbers
    this.major = +m[1]
    this.minor = +m[2]
    this.patch = +m[3]

    if (this.major > MAX_SAFE_INTEGER || this.major < 0) {
      throw new TypeError('Invalid major version')
    }

    if (this.minor > MAX_SAFE_INTEGER || this.minor < 0) {
      throw new TypeError('Invalid minor version')
    }

    if (this.patch > MAX_SAFE_INTEGER || this.patch < 0) {
      throw new TypeError('Invalid patch version')
    }

    // numberify any prerelease numeric ids
    if (!m[4]) {
      this.prerelease = []
    } else {
      this.prerelease = m[4].split('.').map((id) => {
        if (/^[0-9]+$/.test(id)) {
          const num = +id
          if (num >= 0 && num < MAX_SAFE_INTEGER) {
            return num
          }
        }
        return id
      })
    }

    this.build = m[5] ? m[5].split('.') : []
    this.format()
  }

  format () {
    this.version = `${this.major}.${this.minor}.${this.patch}`
    if (this.prerelease.length) {
      this.version += `-${this.prerelease.join('.')}`
    }
    return this.version
  }

  toString () {
    return this.version
  }

  compare (other) {
    debug('SemVer.compare', this.version, this.options, other)
    if (!(other instanceof SemVer)) {
      if (typeof other === 'string' && other === this.version) {
        return 0
      }
      other = new SemVer(other, this.options)
    }

    if (other.version === this.version) {
      return 0
    }

    return this.compareMain(other) || this.comparePre(other)
  }

  compareMain (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    if (this.major < other.major) {
      return -1
    }
    if (this.major > other.major) {
      return 1
    }
    if (this.minor < other.minor) {
      return -1
    }
    if (this.minor > other.minor) {
      return 1
    }
    if (this.patch < other.patch) {
      return -1
    }
    if (this.patch > other.patch) {
      return 1
    }
    return 0
  }

  comparePre (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    // NOT having a prerelease is > having one
    if (this.prerelease.length && !other.prerelease.length) {
      return -1
    } else if (!this.prerelease.length && other.prerelease.length) {
      return 1
    } else if (!this.prerelease.length && !other.prerelease.length) {
      return 0
    }

    let i = 0
    do {
      const a = this.prerelease[i]
      const b = other.prerelease[i]
      debug('prerelease compare', i, a, b)
      if (a === undefined && b === undefined) {
        return 0
      } else if (b === undefined) {
        return 1
      } else if (a === undefined) {
        return -1
      } else if (a === b) {
        continue
      } else {
        return compareIdentifiers(a, b)
      }
    } while (++i)
  }

  compareBuild (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    let i = 0
    do {
      const a = this.build[i]
      const b = other.build[i]
      debug('build compare', i, a, b)
      if (a === undefined && b === undefined) {
        return 0
      } else if (b === undefined) {
        return 1
      } else if (a === undefined) {
        return -1
      } else if (a === b) {
        continue
      } else {
        return compareIdentifiers(a, b)
      }
    } while (++i)
  }

  // preminor will bump the version up to the next minor release, and immediately
  // down to pre-release. premajor and prepatch work the same way.
  inc (release, identifier, identifierBase) {
    if (release.startsWith('pre')) {
      if (!identifier && identifierBase === false) {
        throw new Error('invalid increment argument: identifier is empty')
      }
      // Avoid an invalid semver results
      if (identifier) {
        const match = `-${identifier}`.match(this.options.loose ? re[t.PRERELEASELOOSE] : re[t.PRERELEASE])
        if (!match || match[1] !== identifier) {
          throw new Error(`invalid identifier: ${identifier}`)
        }
      }
    }

    switch (release) {
      case 'premajor':
        this.prerelease.length = 0
        this.patch = 0
        this.minor = 0
        this.major++
        this.inc('pre', identifier, identifierBase)
        break
      case 'preminor':
        this.prerelease.length = 0
        this.patch = 0
        this.minor++
        this.inc('pre', identifier, identifierBase)
        break
      case 'prepatch':
        // If this is already a prerelease, it will bump to the next version
        // drop any prereleases that might already exist, since they are not
        // relevant at this point.
        this.prerelease.length = 0
        this.inc('patch', identifier, identifierBase)
        this.inc('pre', identifier, identifierBase)
        break
      // If the input is a non-prerelease version, this acts the same as
      // prepatch.
      case 'prerelease':
        if (this.prerelease.length === 0) {
          this.inc('patch', identifier, identifierBase)
        }
        this.inc('pre', identifier, identifierBase)
        break
      case 'release':
        if (this.prerelease.length === 0) {
          throw new Error(`version ${this.raw} is not a prerelease`)
        }
        this.prerelease.length = 0
        break

      case 'major':
        // If this is a pre-major version, bump up to the same major version.
        // Otherwise increment major.
        // 1.0.0-5 bumps to 1.0.0
        // 1.1.0 bumps to 2.0.0
        if (
          this.minor !== 0 ||
          this.patch !== 0 ||
          this.prerelease.length === 0
        ) {
          this.major++
        }
        this.minor = 0
        this.patch = 0
        this.prerelease = []
        break
      case 'minor':
        // If this is a pre-minor version, bump up to the same minor version.
        // Otherwise increment minor.
        // 1.2.0-5 bumps to 1.2.0
        // 1.2.1 bumps to 1.3.0
        if (this.patch !== 0 || this.prerelease.length === 0) {
          this.minor++
        }
        this.patch = 0
        this.prerelease = []
        break
      case 'patch':
        // If this is not a pre-release version, it will increment the patch.
        // If it is a pre-release it will bump up to the same patch version.
        // 1.2.0-5 patches to 1.2.0
        // 1.2.0 patches to 1.2.1
        if (this.prerelease.length === 0) {
          this.patch++
        }
        this.prerelease = []
        break
      // This probably shouldn't be used publicly.
      // 1.0.0 'pre' would become 1.0.0-0 which is the wrong direction.
      case 'pre': {
        const base = Number(identifierBase) ? 1 : 0

        if (this.prerelease.length === 0) {
          this.prerelease = [base]
        } else {
          let i = this.prerelease.length
          while (--i >= 0) {
            if (typeof this.prerelease[i] === 'number') {
              this.prerelease[i]++
              i = -2
            }
          }
          if (i === -1) {
            // didn't increment anything
            if (identifier === this.prerelease.join('.') && identifierBase === false) {
              throw new Error('invalid increment argument: identifier already exists')
            }
            this.prerelease.push(base)
          }
        }
        if (identifier) {
          // 1.2.0-beta.1 bumps to 1.2.0-beta.2,
          // 1.2.0-beta.fooblz or 1.2.0-beta bumps to 1.2.0-beta.0
          let prerelease = [identifier, base]
          if (identifierBase === false) {
            prerelease = [identifier]
          }
          if (isPrereleaseIdentifier(this.prerelease, identifier)) {
            const prereleaseBase = this.prerelease[identifier.split('.').length]
            if (isNaN(prereleaseBase)) {
              this.prerelease = prerelease
            }
          } else {
            this.prerelease = prerelease
          }
        }
        break
      }
      default:
        throw new Error(`invalid increment argument: ${release}`)
    }
    this.raw = this.format()
    if (this.build.length) {
      this.raw += `+${this.build.join('.')}`
    }
    return this
  }
}

module.exports = SemVer


/***/ }),

/***/ 7648:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const compareBuild = (a, b, loose) => {
  const versionA = new SemVer(a, loose)
  const versionB = new SemVer(b, loose)
  return versionA.compare(versionB) || versionA.compareBuild(versionB)
}
module.exports = compareBuild


/***/ }),

/***/ 8469:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const compare = (a, b, loose) =>
  new SemVer(a, loose).compare(new SemVer(b, loose))

module.exports = compare


/***/ }),

/***/ 6599:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const gt = (a, b, loose) => compare(a, b, loose) > 0
module.exports = gt


/***/ }),

/***/ 2338:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)

const inc = (version, release, options, identifier, identifierBase) => {
  if (typeof (options) === 'string') {
    identifierBase = identifier
    identifier = options
    options = undefined
  }

  try {
    return new SemVer(
      version instanceof SemVer ? version.version : version,
      options
    ).inc(release, identifier, identifierBase).version
  } catch (er) {
    return null
  }
}
module.exports = inc


/***/ }),

/***/ 3872:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const lt = (a, b, loose) => compare(a, b, loose) < 0
module.exports = lt


/***/ }),

/***/ 6353:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const parse = (version, options, throwErrors = false) => {
  if (version instanceof SemVer) {
    return version
  }
  try {
    return new SemVer(version, options)
  } catch (er) {
    if (!throwErrors) {
      return null
    }
    throw er
  }
}

module.exports = parse


/***/ }),

/***/ 8780:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)
const valid = (version, options) => {
  const v = parse(version, options)
  return v ? v.version : null
}
module.exports = valid


/***/ }),

/***/ 5101:
/***/ ((module) => {



// Note: this is the semver.org version of the spec that it implements
// Not necessarily the package version of this code.
const SEMVER_SPEC_VERSION = '2.0.0'

const MAX_LENGTH = 256
const MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER ||
/* istanbul ignore next */ 9007199254740991

// Max safe segment length for coercion.
const MAX_SAFE_COMPONENT_LENGTH = 16

// Max safe length for a build identifier. The max length minus 6 characters for
// the shortest version with a build 0.0.0+BUILD.
const MAX_SAFE_BUILD_LENGTH = MAX_LENGTH - 6

// ECMAScript whitespace and line terminators matched by \s.
const WHITESPACE_CHARACTERS = [
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  ' ',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u2001',
  '\u2002',
  '\u2003',
  '\u2004',
  '\u2005',
  '\u2006',
  '\u2007',
  '\u2008',
  '\u2009',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
]

const RELEASE_TYPES = [
  'major',
  'premajor',
  'minor',
  'preminor',
  'patch',
  'prepatch',
  'prerelease',
]

module.exports = {
  MAX_LENGTH,
  MAX_SAFE_COMPONENT_LENGTH,
  MAX_SAFE_BUILD_LENGTH,
  MAX_SAFE_INTEGER,
  WHITESPACE_CHARACTERS,
  RELEASE_TYPES,
  SEMVER_SPEC_VERSION,
  FLAG_INCLUDE_PRERELEASE: 0b001,
  FLAG_LOOSE: 0b010,
}


/***/ }),

/***/ 1159:
/***/ ((module) => {



const debug = (
  typeof process === 'object' &&
  process.env &&
  process.env.NODE_DEBUG &&
  /\bsemver\b/i.test(process.env.NODE_DEBUG)
) ? (...args) => console.error('SEMVER', ...args)
  : () => {}

module.exports = debug


/***/ }),

/***/ 3348:
/***/ ((module) => {



const numeric = /^[0-9]+$/
const compareIdentifiers = (a, b) => {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b ? 0 : a < b ? -1 : 1
  }

  const anum = numeric.test(a)
  const bnum = numeric.test(b)

  if (anum && bnum) {
    a = +a
    b = +b
  }

  return a === b ? 0
    : (anum && !bnum) ? -1
    : (bnum && !anum) ? 1
    : a < b ? -1
    : 1
}

const rcompareIdentifiers = (a, b) => compareIdentifiers(b, a)

module.exports = {
  compareIdentifiers,
  rcompareIdentifiers,
}


/***/ }),

/***/ 356:
/***/ ((module) => {



// parse out just the options we care about
const looseOption = Object.freeze({ loose: true })
const emptyOpts = Object.freeze({ })
const parseOptions = options => {
  if (!options) {
    return emptyOpts
  }

  if (typeof options !== 'object') {
    return looseOption
  }

  return options
}
module.exports = parseOptions


/***/ }),

/***/ 5471:
/***/ ((module, exports, __nccwpck_require__) => {



const {
  MAX_SAFE_COMPONENT_LENGTH,
  MAX_SAFE_BUILD_LENGTH,
  MAX_LENGTH,
} = __nccwpck_require__(5101)
const debug = __nccwpck_require__(1159)
exports = module.exports = {}

// The actual regexps go on exports.re
const re = exports.re = []
const safeRe = exports.safeRe = []
const src = exports.src = []
const safeSrc = exports.safeSrc = []
const t = exports.t = {}
let R = 0

const LETTERDASHNUMBER = '[a-zA-Z0-9-]'

// Replace some greedy regex tokens to prevent regex dos issues. These regex are
// used internally via the safeRe object since all inputs in this library get
// normalized first to trim and collapse all extra whitespace. The original
// regexes are exported for userland consumption and lower level usage. A
// future breaking change could export the safer regex only with a note that
// all input should have extra whitespace removed.
const safeRegexReplacements = [
  ['\\s', 1],
  ['\\d', MAX_LENGTH],
  [LETTERDASHNUMBER, MAX_SAFE_BUILD_LENGTH],
]

const makeSafeRegex = (value) => {
  for (const [token, max] of safeRegexReplacements) {
    value = value
      .split(`${token}*`).join(`${token}{0,${max}}`)
      .split(`${token}+`).join(`${token}{1,${max}}`)
  }
  return value
}

const createToken = (name, value, isGlobal) => {
  const safe = makeSafeRegex(value)
  const index = R++
  debug(name, index, value)
  t[name] = index
  src[index] = value
  safeSrc[index] = safe
  re[index] = new RegExp(value, isGlobal ? 'g' : undefined)
  safeRe[index] = new RegExp(safe, isGlobal ? 'g' : undefined)
}

// The following Regular Expressions can be used for tokenizing,
// validating, and parsing SemVer version strings.

// ## Numeric Identifier
// A single `0`, or a non-zero digit followed by zero or more digits.

createToken('NUMERICIDENTIFIER', '0|[1-9]\\d*')
createToken('NUMERICIDENTIFIERLOOSE', '\\d+')

// ## Non-numeric Identifier
// Zero or more digits, followed by a letter or hyphen, and then zero or
// more letters, digits, or hyphens.

createToken('NONNUMERICIDENTIFIER', `\\d*[a-zA-Z-]${LETTERDASHNUMBER}*`)

// ## Main Version
// Three dot-separated numeric identifiers.

createToken('MAINVERSION', `(${src[t.NUMERICIDENTIFIER]})\\.` +
                   `(${src[t.NUMERICIDENTIFIER]})\\.` +
                   `(${src[t.NUMERICIDENTIFIER]})`)

createToken('MAINVERSIONLOOSE', `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.` +
                        `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.` +
                        `(${src[t.NUMERICIDENTIFIERLOOSE]})`)

// ## Pre-release Version Identifier
// A numeric identifier, or a non-numeric identifier.
// Non-numeric identifiers include numeric identifiers but can be longer.
// Therefore non-numeric identifiers must go first.

createToken('PRERELEASEIDENTIFIER', `(?:${src[t.NONNUMERICIDENTIFIER]
}|${src[t.NUMERICIDENTIFIER]})`)

createToken('PRERELEASEIDENTIFIERLOOSE', `(?:${src[t.NONNUMERICIDENTIFIER]
}|${src[t.NUMERICIDENTIFIERLOOSE]})`)

// ## Pre-release Version
// Hyphen, followed by one or more dot-separated pre-release version
// identifiers.

createToken('PRERELEASE', `(?:-(${src[t.PRERELEASEIDENTIFIER]
}(?:\\.${src[t.PRERELEASEIDENTIFIER]})*))`)

createToken('PRERELEASELOOSE', `(?:-?(${src[t.PRERELEASEIDENTIFIERLOOSE]
}(?:\\.${src[t.PRERELEASEIDENTIFIERLOOSE]})*))`)

// ## Build Metadata Identifier
// Any combination of digits, letters, or hyphens.

createToken('BUILDIDENTIFIER', `${LETTERDASHNUMBER}+`)

// ## Build Metadata
// Plus sign, followed by one or more period-separated build metadata
// identifiers.

createToken('BUILD', `(?:\\+(${src[t.BUILDIDENTIFIER]
}(?:\\.${src[t.BUILDIDENTIFIER]})*))`)

// ## Full Version String
// A main version, followed optionally by a pre-release version and
// build metadata.

// Note that the only major, minor, patch, and pre-release sections of
// the version string are capturing groups.  The build metadata is not a
// capturing group, because it should not ever be used in version
// comparison.

createToken('FULLPLAIN', `v?${src[t.MAINVERSION]
}${src[t.PRERELEASE]}?${
  src[t.BUILD]}?`)

createToken('FULL', `^${src[t.FULLPLAIN]}$`)

// like full, but allows v1.2.3 and =1.2.3, which people do sometimes.
// also, 1.0.0alpha1 (prerelease without the hyphen) which is pretty
// common in the npm registry.
createToken('LOOSEPLAIN', `[v=\\s]*${src[t.MAINVERSIONLOOSE]
}${src[t.PRERELEASELOOSE]}?${
  src[t.BUILD]}?`)

createToken('LOOSE', `^${src[t.LOOSEPLAIN]}$`)

createToken('GTLT', '((?:<|>)?=?)')

// Something like "2.*" or "1.2.x".
// Note that "x.x" is a valid xRange identifier, meaning "any version"
// Only the first item is strictly required.
createToken('XRANGEIDENTIFIERLOOSE', `${src[t.NUMERICIDENTIFIERLOOSE]}|x|X|\\*`)
createToken('XRANGEIDENTIFIER', `${src[t.NUMERICIDENTIFIER]}|x|X|\\*`)

createToken('XRANGEPLAIN', `[v=\\s]*(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:\\.(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:\\.(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:${src[t.PRERELEASE]})?${
                     src[t.BUILD]}?` +
                   `)?)?`)

createToken('XRANGEPLAINLOOSE', `[v=\\s]*(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:${src[t.PRERELEASELOOSE]})?${
                          src[t.BUILD]}?` +
                        `)?)?`)

createToken('XRANGE', `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAIN]}$`)
createToken('XRANGELOOSE', `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAINLOOSE]}$`)

// Coercion.
// Extract anything that could conceivably be a part of a valid semver
createToken('COERCEPLAIN', `${'(^|[^\\d])' +
              '(\\d{1,'}${MAX_SAFE_COMPONENT_LENGTH}})` +
              `(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?` +
              `(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?`)
createToken('COERCE', `${src[t.COERCEPLAIN]}(?:$|[^\\d])`)
createToken('COERCEFULL', src[t.COERCEPLAIN] +
              `(?:${src[t.PRERELEASE]})?` +
              `(?:${src[t.BUILD]})?` +
              `(?:$|[^\\d])`)
createToken('COERCERTL', src[t.COERCE], true)
createToken('COERCERTLFULL', src[t.COERCEFULL], true)

// Tilde ranges.
// Meaning is "reasonably at or greater than"
createToken('LONETILDE', '(?:~>?)')

createToken('TILDETRIM', `(\\s*)${src[t.LONETILDE]}\\s+`, true)
exports.tildeTrimReplace = '$1~'

createToken('TILDE', `^${src[t.LONETILDE]}${src[t.XRANGEPLAIN]}$`)
createToken('TILDELOOSE', `^${src[t.LONETILDE]}${src[t.XRANGEPLAINLOOSE]}$`)

// Caret ranges.
// Meaning is "at least and backwards compatible with"
createToken('LONECARET', '(?:\\^)')

createToken('CARETTRIM', `(\\s*)${src[t.LONECARET]}\\s+`, true)
exports.caretTrimReplace = '$1^'

createToken('CARET', `^${src[t.LONECARET]}${src[t.XRANGEPLAIN]}$`)
createToken('CARETLOOSE', `^${src[t.LONECARET]}${src[t.XRANGEPLAINLOOSE]}$`)

// A simple gt/lt/eq thing, or just "" to indicate "any version"
createToken('COMPARATORLOOSE', `^${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]})$|^$`)
createToken('COMPARATOR', `^${src[t.GTLT]}\\s*(${src[t.FULLPLAIN]})$|^$`)

// An expression to strip any whitespace between the gtlt and the thing
// it modifies, so that `> 1.2.3` ==> `>1.2.3`
createToken('COMPARATORTRIM', `(\\s*)${src[t.GTLT]
}\\s*(${src[t.LOOSEPLAIN]}|${src[t.XRANGEPLAIN]})`, true)
exports.comparatorTrimReplace = '$1$2$3'

// Something like `1.2.3 - 1.2.4`
// Note that these all use the loose form, because they'll be
// checked against either the strict or loose comparator form
// later.
createToken('HYPHENRANGE', `^\\s*(${src[t.XRANGEPLAIN]})` +
                   `\\s+-\\s+` +
                   `(${src[t.XRANGEPLAIN]})` +
                   `\\s*$`)

createToken('HYPHENRANGELOOSE', `^\\s*(${src[t.XRANGEPLAINLOOSE]})` +
                        `\\s+-\\s+` +
                        `(${src[t.XRANGEPLAINLOOSE]})` +
                        `\\s*$`)

// Star ranges basically just allow anything at all.
createToken('STAR', '(<|>)?=?\\s*\\*')
// >=0.0.0 is like a star
createToken('GTE0', '^\\s*>=\\s*0\\.0\\.0\\s*$')
createToken('GTE0PRE', '^\\s*>=\\s*0\\.0\\.0-0\\s*$')


/***/ }),

/***/ 7551:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/*!
 * to-regex-range <https://github.com/micromatch/to-regex-range>
 *
 * Copyright (c) 2015-present, Jon Schlinkert.
 * Released under the MIT License.
 */



const isNumber = __nccwpck_require__(3102);

const toRegexRange = (min, max, options) => {
  if (isNumber(min) === false) {
    throw new TypeError('toRegexRange: expected the first argument to be a number');
  }

  if (max === void 0 || min === max) {
    return String(min);
  }

  if (isNumber(max) === false) {
    throw new TypeError('toRegexRange: expected the second argument to be a number.');
  }

  let opts = { relaxZeros: true, ...options };
  if (typeof opts.strictZeros === 'boolean') {
    opts.relaxZeros = opts.strictZeros === false;
  }

  let relax = String(opts.relaxZeros);
  let shorthand = String(opts.shorthand);
  let capture = String(opts.capture);
  let wrap = String(opts.wrap);
  let cacheKey = min + ':' + max + '=' + relax + shorthand + capture + wrap;

  if (toRegexRange.cache.hasOwnProperty(cacheKey)) {
    return toRegexRange.cache[cacheKey].result;
  }

  let a = Math.min(min, max);
  let b = Math.max(min, max);

  if (Math.abs(a - b) === 1) {
    let result = min + '|' + max;
    if (opts.capture) {
      return `(${result})`;
    }
    if (opts.wrap === false) {
      return result;
    }
    return `(?:${result})`;
  }

  let isPadded = hasPadding(min) || hasPadding(max);
  let state = { min, max, a, b };
  let positives = [];
  let negatives = [];

  if (isPadded) {
    state.isPadded = isPadded;
    state.maxLen = String(state.max).length;
  }

  if (a < 0) {
    let newMin = b < 0 ? Math.abs(b) : 1;
    negatives = splitToPatterns(newMin, Math.abs(a), state, opts);
    a = state.a = 0;
  }

  if (b >= 0) {
    positives = splitToPatterns(a, b, state, opts);
  }

  state.negatives = negatives;
  state.positives = positives;
  state.result = collatePatterns(negatives, positives, opts);

  if (opts.capture === true) {
    state.result = `(${state.result})`;
  } else if (opts.wrap !== false && (positives.length + negatives.length) > 1) {
    state.result = `(?:${state.result})`;
  }

  toRegexRange.cache[cacheKey] = state;
  return state.result;
};

function collatePatterns(neg, pos, options) {
  let onlyNegative = filterPatterns(neg, pos, '-', false, options) || [];
  let onlyPositive = filterPatterns(pos, neg, '', false, options) || [];
  let intersected = filterPatterns(neg, pos, '-?', true, options) || [];
  let subpatterns = onlyNegative.concat(intersected).concat(onlyPositive);
  return subpatterns.join('|');
}

function splitToRanges(min, max) {
  let nines = 1;
  let zeros = 1;

  let stop = countNines(min, nines);
  let stops = new Set([max]);

  while (min <= stop && stop <= max) {
    stops.add(stop);
    nines += 1;
    stop = countNines(min, nines);
  }

  stop = countZeros(max + 1, zeros) - 1;

  while (min < stop && stop <= max) {
    stops.add(stop);
    zeros += 1;
    stop = countZeros(max + 1, zeros) - 1;
  }

  stops = [...stops];
  stops.sort(compare);
  return stops;
}

/**
 * Convert a range to a regex pattern
 * @param {Number} `start`
 * @param {Number} `stop`
 * @return {String}
 */

function rangeToPattern(start, stop, options) {
  if (start === stop) {
    return { pattern: start, count: [], digits: 0 };
  }

  let zipped = zip(start, stop);
  let digits = zipped.length;
  let pattern = '';
  let count = 0;

  for (let i = 0; i < digits; i++) {
    let [startDigit, stopDigit] = zipped[i];

    if (startDigit === stopDigit) {
      pattern += startDigit;

    } else if (startDigit !== '0' || stopDigit !== '9') {
      pattern += toCharacterClass(startDigit, stopDigit, options);

    } else {
      count++;
    }
  }

  if (count) {
    pattern += options.shorthand === true ? '\\d' : '[0-9]';
  }

  return { pattern, count: [count], digits };
}

function splitToPatterns(min, max, tok, options) {
  let ranges = splitToRanges(min, max);
  let tokens = [];
  let start = min;
  let prev;

  for (let i = 0; i < ranges.length; i++) {
    let max = ranges[i];
    let obj = rangeToPattern(String(start), String(max), options);
    let zeros = '';

    if (!tok.isPadded && prev && prev.pattern === obj.pattern) {
      if (prev.count.length > 1) {
        prev.count.pop();
      }

      prev.count.push(obj.count[0]);
      prev.string = prev.pattern + toQuantifier(prev.count);
      start = max + 1;
      continue;
    }

    if (tok.isPadded) {
      zeros = padZeros(max, tok, options);
    }

    obj.string = zeros + obj.pattern + toQuantifier(obj.count);
    tokens.push(obj);
    start = max + 1;
    prev = obj;
  }

  return tokens;
}

function filterPatterns(arr, comparison, prefix, intersection, options) {
  let result = [];

  for (let ele of arr) {
    let { string } = ele;

    // only push if _both_ are negative...
    if (!intersection && !contains(comparison, 'string', string)) {
      result.push(prefix + string);
    }

    // or _both_ are positive
    if (intersection && contains(comparison, 'string', string)) {
      result.push(prefix + string);
    }
  }
  return result;
}

/**
 * Zip strings
 */

function zip(a, b) {
  let arr = [];
  for (let i = 0; i < a.length; i++) arr.push([a[i], b[i]]);
  return arr;
}

function compare(a, b) {
  return a > b ? 1 : b > a ? -1 : 0;
}

function contains(arr, key, val) {
  return arr.some(ele => ele[key] === val);
}

function countNines(min, len) {
  return Number(String(min).slice(0, -len) + '9'.repeat(len));
}

function countZeros(integer, zeros) {
  return integer - (integer % Math.pow(10, zeros));
}

function toQuantifier(digits) {
  let [start = 0, stop = ''] = digits;
  if (stop || start > 1) {
    return `{${start + (stop ? ',' + stop : '')}}`;
  }
  return '';
}

function toCharacterClass(a, b, options) {
  return `[${a}${(b - a === 1) ? '' : '-'}${b}]`;
}

function hasPadding(str) {
  return /^-?(0+)\d/.test(str);
}

function padZeros(value, tok, options) {
  if (!tok.isPadded) {
    return value;
  }

  let diff = Math.abs(tok.maxLen - String(value).length);
  let relax = options.relaxZeros !== false;

  switch (diff) {
    case 0:
      return '';
    case 1:
      return relax ? '0?' : '0';
    case 2:
      return relax ? '0{0,2}' : '00';
    default: {
      return relax ? `0{0,${diff}}` : `0{${diff}}`;
    }
  }
}

/**
 * Cache
 */

toRegexRange.cache = {};
toRegexRange.clearCache = () => (toRegexRange.cache = {});

/**
 * Expose `toRegexRange`
 */

module.exports = toRegexRange;


/***/ }),

/***/ 1935:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   zq: () => (/* binding */ GitAuditStore)
/* harmony export */ });
/* unused harmony exports auditFetchRef, auditFetchArgs, auditPushArgs, assertAuditPath, backoffMs, authorEnv, parseCatFileBatch */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(4296);
/* harmony import */ var _exec_git_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(686);
/* harmony import */ var _tick_batch_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(3082);
/** The audit log's storage: a git branch on the remote, written with plumbing only (a temporary index,
 * commit-tree, push with a lease), so the user's work tree, index and HEAD are never touched. */






const DEFAULT_AUTHOR = { name: 'monorepo-release', email: 'monorepo-release@users.noreply.github.com' };
/** Push results that mean another writer moved the branch first: fetch again and retry. The
 * "remote rejected" ones come from receive-pack's own compare-and-swap when two pushes overlap. */
const LOST_RACE = /\[(?:rejected\] \((?:stale info|fetch first|non-fast-forward)|remote rejected\] \((?:failed to update ref|failed to lock|incorrect old value provided|reference already exists))\)/;
/** Fetch failures worth another try: a ref lock held by a concurrent git process, a dropped connection,
 * a 5xx from the server. */
const TRANSIENT_FETCH = /cannot lock ref|unable to update local ref|Unable to create '.*\.lock'|early EOF|Connection reset|Connection timed out|The requested URL returned error: 5\d\d|RPC failed/i;
const FETCH_ATTEMPTS = 5;
/** The private ref the branch is fetched into: outside refs/heads and refs/remotes, so it never shows
 * up as a branch of the user's. */
function auditFetchRef(branch) {
    return `refs/monorepo-release/audit/${branch}`;
}
function auditFetchArgs(remote, branch) {
    return [
        'fetch',
        '--quiet',
        '--no-tags',
        '--no-write-fetch-head',
        '--no-recurse-submodules',
        // git would start `git maintenance run --auto` (a gc, when enough loose objects have piled up).
        '--no-auto-gc',
        // An empty refmap stops git from also updating refs/remotes/<remote>/<branch>.
        '--refmap=',
        remote,
        `+refs/heads/${branch}:${auditFetchRef(branch)}`,
    ];
}
/** Compare-and-swap push: the remote branch must still be at `expected` (must not exist when null).
 * Local hooks are skipped (a pre-push hook guards the user's code, not this data branch). */
function auditPushArgs(remote, branch, commit, expected) {
    return [
        'push',
        '--porcelain',
        '--no-verify',
        '--no-follow-tags',
        '--no-recurse-submodules',
        `--force-with-lease=refs/heads/${branch}:${expected ?? ''}`,
        remote,
        `${commit}:refs/heads/${branch}`,
    ];
}
/** Throws unless `path` is a plain relative path inside the audit tree. */
function assertAuditPath(path) {
    const segments = path.split('/');
    const bad = path === '' ||
        /[\0\n\r\\]/.test(path) ||
        segments.some((s) => s === '' || s === '.' || s === '..' || s.toLowerCase() === '.git');
    if (bad) {
        throw new Error(`invalid audit path ${JSON.stringify(path)}: expected a relative, normalized path without '..'`);
    }
}
/** Serializes fetches and pushes of one repository and branch inside this process: concurrent ones
 * would fight over the lock of the private ref (fetch) or of the remote-tracking ref (push). The
 * caller's change() runs outside, so it may use the store itself without a deadlock. */
const queues = new Map();
function serialized(key, task) {
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    queues.set(key, tail);
    void tail.then(() => {
        if (queues.get(key) === tail)
            queues.delete(key);
    });
    return next;
}
/** Exponential back-off with full jitter, in units of one write round (so it scales with the remote's
 * latency and the machine's load): writers that collided spread over a window that doubles with each
 * retry, so a crowd of runs drains instead of colliding again in lockstep. */
function backoffMs(retry, roundMs, random) {
    return 50 + random() * Math.min(30_000, Math.max(100, roundMs) * 2 ** (retry - 1));
}
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
class GitAuditStore {
    root;
    branch;
    token;
    remote;
    maxAttempts;
    random;
    signal;
    readLocalCopy;
    /** The newest head this instance has seen; a later head must descend from it. */
    lastSeen = null;
    constructor(options) {
        this.root = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(options.root);
        this.branch = options.branch;
        this.token = options.token;
        this.remote = options.remote ?? 'origin';
        this.maxAttempts = options.maxAttempts ?? 20;
        this.random = options.random ?? Math.random;
        this.signal = options.signal;
        this.readLocalCopy = options.readLocalCopy;
    }
    snapshot() {
        return serialized(this.lockKey(), () => this.fetchView());
    }
    async write(message, change) {
        let lastReason = '';
        let roundMs = 0;
        for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
            if (attempt > 1)
                await sleep(backoffMs(attempt - 1, roundMs, this.random));
            const started = Date.now();
            const result = await this.tryWrite(message, change, attempt === 1);
            roundMs = Date.now() - started;
            if (result.done)
                return result.sha;
            lastReason = result.reason;
        }
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .AuditWriteError */ .XM(`could not write the audit branch '${this.branch}': lost the race to other writers ${this.maxAttempts} times (last: ${lastReason})`, 'too many runs write the audit log at once; run again, or let fewer jobs release at the same time (`max-parallel`)');
    }
    /** One compare-and-swap round: read the head, build the commit on it, push it if the head has not moved.
     * The first round builds on the head this store last saw, without a fetch: a run that writes its record
     * stage after stage is usually the only writer, and if it is not, the lease refuses the push and the
     * next round fetches (and checks for a rewrite). */
    async tryWrite(message, change, optimistic) {
        const tree = optimistic && this.lastSeen !== null
            ? new GitAuditTree(this.root, this.lastSeen, this.branch)
            : await this.snapshot();
        const files = await change(tree);
        if (files.length === 0)
            return { done: true, sha: tree.head ?? '' };
        checkChanges(files);
        const commit = await this.commitOnto(tree.head, message, files);
        const push = await serialized(this.lockKey(), () => this.run(auditPushArgs(this.remote, this.branch, commit, tree.head), true));
        if (push.code === 0) {
            this.lastSeen = commit;
            await this.remember(commit);
            return { done: true, sha: commit };
        }
        if (push.stopped) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .AuditWriteError */ .XM(`cannot push to the audit branch '${this.branch}': ${this.redact(firstLine(push.stderr))}`, UNREACHABLE_FIX);
        }
        const output = `${push.stdout}\n${push.stderr}`;
        const refLine = LOST_RACE.exec(output);
        if (refLine)
            return { done: false, reason: refLine[0] };
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .AuditWriteError */ .XM(`cannot push to the audit branch '${this.branch}' on '${this.remote}': ${this.redact(output.trim())}`, `give the release job this block (with \`deployments: write\` too when audit.deployments is on), and let it push to '${this.branch}' (a ruleset on it should block force pushes and deletion, not pushes):\n${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .permissionsBlock */ .It)({})}`);
    }
    /** Fetch the branch into the private ref and check that it still descends from what we saw before: in
     * this run, or else in an earlier run in this checkout (a self-hosted runner keeps the private ref). */
    async fetchView() {
        const seen = this.lastSeen
            ? { head: this.lastSeen, when: 'this run saw earlier' }
            : await this.rememberedHead();
        const fetch = await this.fetchWithRetries();
        let head = null;
        if (fetch.code === 0) {
            head = (await this.gitOut(['rev-parse', '--verify', '--quiet', `${auditFetchRef(this.branch)}^{commit}`])).trim();
        }
        else if (!/couldn't find remote ref/.test(fetch.stderr)) {
            const local = this.readLocalCopy && (await this.localCopy());
            if (local) {
                this.readLocalCopy(`could not read the audit branch '${this.branch}' from '${this.remote}' (${this.redact(firstLine(fetch.stderr))}); using the copy fetched earlier, ${local.ref} at ${local.head.slice(0, 12)}, which may be behind`);
                head = local.head;
            }
            else if (fetch.stopped) {
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .AuditWriteError */ .XM(`cannot fetch the audit branch '${this.branch}': ${this.redact(firstLine(fetch.stderr))}`, UNREACHABLE_FIX);
            }
            else {
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .AuditWriteError */ .XM(`cannot fetch the audit branch '${this.branch}' from '${this.remote}': ${this.redact(fetch.stderr.trim())}`, `check that the remote '${this.remote}' exists and is reachable, and that the token can read it (\`permissions: contents: write\` to write the audit log)`);
            }
        }
        await this.assertNotRewritten(head, seen);
        this.lastSeen = head;
        return new GitAuditTree(this.root, head, this.branch);
    }
    /** Keep the head we pushed in the private ref, so that the next run in this checkout knows it even
     * when it was the last write of this one (later writes of a run push without a fetch). Best effort: the
     * record is written already, and a fetch in another process holding the ref's lock must not undo that. */
    async remember(commit) {
        await this.run(['update-ref', auditFetchRef(this.branch), commit], false);
    }
    /** The head the private ref kept from an earlier fetch in this checkout, if its commit is still here. */
    async rememberedHead() {
        const ref = await this.run(['rev-parse', '--verify', '--quiet', `${auditFetchRef(this.branch)}^{commit}`], false);
        const head = ref.stdout.trim();
        return ref.code === 0 && head ? { head, when: 'an earlier run in this checkout saw' } : null;
    }
    /** The branch as this repository last fetched it: the private ref, else the remote-tracking branch. */
    async localCopy() {
        for (const ref of [auditFetchRef(this.branch), `refs/remotes/${this.remote}/${this.branch}`]) {
            const run = await this.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], false);
            if (run.code === 0)
                return { ref, head: run.stdout.trim() };
        }
        return null;
    }
    /** A fetch that failed for a passing reason (another git process holding the ref lock, a dropped
     * connection) is tried again: a release must not stop half-way because of it. One stopped at its
     * deadline is not: each try would take the whole deadline again. */
    async fetchWithRetries() {
        for (let attempt = 1;; attempt++) {
            const fetch = await this.run(auditFetchArgs(this.remote, this.branch), true);
            const retry = !fetch.stopped && TRANSIENT_FETCH.test(fetch.stderr);
            if (fetch.code === 0 || attempt >= FETCH_ATTEMPTS || !retry)
                return fetch;
            await sleep(backoffMs(attempt, 200, this.random));
        }
    }
    async assertNotRewritten(head, seen) {
        if (seen === null || seen.head === head)
            return;
        if (head !== null) {
            const check = await this.run(['merge-base', '--is-ancestor', seen.head, head], false);
            if (check.code === 0)
                return;
            if (check.code !== 1)
                throw new Error(`git merge-base failed: ${check.stderr.trim()}`);
        }
        const ref = auditFetchRef(this.branch);
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .AuditRewrittenError */ .Is(`the audit branch '${this.branch}' was rewritten: ${head === null ? 'it was deleted' : `its head ${head} does not descend from ${seen.head}`}, which ${seen.when}; nothing was written`, `restore the branch (\`git push --force ${this.remote} ${seen.head}:refs/heads/${this.branch}\` from this checkout, which has it as ${ref}, after saving any newer records), then ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .auditRulesetAdvice */ .ib)(this.branch)}. If the reset was deliberate, forget the old head: \`git update-ref -d ${ref}\` in this checkout`);
    }
    /** A commit whose tree is the parent's tree plus `files`, built in a throw-away index. */
    async commitOnto(parent, message, files) {
        const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'monorepo-release-audit-'));
        try {
            const env = { GIT_INDEX_FILE: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'index') };
            if (parent)
                await this.gitOut(['read-tree', parent], { env });
            const entries = [];
            for (const file of files) {
                const blob = (await this.gitOut(['hash-object', '-w', '--no-filters', '--stdin'], { input: file.content })).trim();
                entries.push(`100644 ${blob}\t${file.path}\0`);
            }
            await this.gitOut(['update-index', '-z', '--add', '--index-info'], { env, input: entries.join('') });
            const tree = (await this.gitOut(['write-tree'], { env })).trim();
            const args = ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-F', '-'];
            return (await this.gitOut(args, { env: authorEnv(process.env), input: message })).trim();
        }
        finally {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
        }
    }
    lockKey() {
        return `${this.root}\0${this.remote}\0${this.branch}`;
    }
    /** Run git in the work repo; the token (when `network`) travels in the environment only. */
    run(args, network, options = {}) {
        const env = { ...(network ? (0,_exec_git_js__WEBPACK_IMPORTED_MODULE_4__/* .gitAuthEnv */ .Y$)(this.token) : {}), ...options.env };
        return (0,_exec_git_js__WEBPACK_IMPORTED_MODULE_4__/* .execGit */ .Ix)(args, {
            cwd: this.root,
            env,
            input: options.input,
            network: network ? { remote: this.remote, signal: this.signal } : undefined,
        });
    }
    async gitOut(args, options = {}) {
        const run = await this.run(args, false, options);
        if (run.code !== 0)
            throw new Error(`git ${args[0]} failed (exit ${run.code}): ${this.redact(run.stderr.trim())}`);
        return run.stdout;
    }
    /** Git may echo a remote URL; never let the token reach a message. */
    redact(text) {
        return this.token ? text.split(this.token).join('***') : text;
    }
}
/** The fix when the remote does not answer in time. */
const UNREACHABLE_FIX = "check that origin is reachable from here (the network, a VPN, a proxy, origin's URL: `git remote -v`), then run again; MONOREPO_RELEASE_GIT_TIMEOUT sets the deadline of each git call (default 30s)";
function firstLine(text) {
    return text.trim().split('\n')[0] ?? '';
}
function checkChanges(files) {
    const seen = new Set();
    for (const file of files) {
        assertAuditPath(file.path);
        if (seen.has(file.path))
            throw new Error(`audit path ${JSON.stringify(file.path)} is changed twice in one write`);
        seen.add(file.path);
    }
}
/** The committer identity: the caller's when set, else the action's own. */
function authorEnv(base) {
    return {
        GIT_AUTHOR_NAME: base.GIT_AUTHOR_NAME || DEFAULT_AUTHOR.name,
        GIT_AUTHOR_EMAIL: base.GIT_AUTHOR_EMAIL || DEFAULT_AUTHOR.email,
        GIT_COMMITTER_NAME: base.GIT_COMMITTER_NAME || DEFAULT_AUTHOR.name,
        GIT_COMMITTER_EMAIL: base.GIT_COMMITTER_EMAIL || DEFAULT_AUTHOR.email,
    };
}
/** A read view at one fetched commit; every read names that commit, so later fetches do not move it. */
class GitAuditTree {
    root;
    head;
    branch;
    /** Reads asked for together (a plan's live pointer of every service) share one `cat-file --batch`:
     * one git process per read made a plan of 2,000 released services take 25 s. */
    readTogether = (0,_tick_batch_js__WEBPACK_IMPORTED_MODULE_5__/* .batchedPerTick */ .Q)((paths) => paths.length > DIRECT_READS ? this.readListed(paths) : this.readByPath(paths));
    constructor(root, head, branch) {
        this.root = root;
        this.head = head;
        this.branch = branch;
    }
    read(path) {
        assertAuditPath(path);
        if (this.head === null)
            return Promise.resolve(null);
        return this.readTogether(path);
    }
    /** `<commit>:<path>` per line: git walks the path's trees for each line. `cat-file --batch` answers
     * "missing" instead of failing, so errors stay errors. */
    readByPath(paths) {
        return this.catBlobs(paths.map((path) => `${this.head}:${path}`));
    }
    /** For many reads: git would re-read a directory's tree for every path in it (2,000 pointers in one
     * directory took 0.75 s), so the directories are listed once and the blobs read by object name. */
    async readListed(paths) {
        const dirs = [...new Set(paths.map((path) => path.slice(0, path.lastIndexOf('/') + 1)))];
        // A file at the top means the whole tree: a pathspec cannot name the top level alone.
        const scope = dirs.includes('') ? [] : ['--', ...dirs];
        const run = await (0,_exec_git_js__WEBPACK_IMPORTED_MODULE_4__/* .execGit */ .Ix)(['ls-tree', '-r', '-z', '--full-tree', this.head, ...scope], {
            cwd: this.root,
        });
        if (run.code !== 0)
            throw new Error(`git ls-tree failed: ${run.stderr.trim()}`);
        const blobOf = blobNames(run.stdout);
        const listed = paths.filter((path) => blobOf.has(path));
        const texts = await this.catBlobs(listed.map((path) => blobOf.get(path)));
        const byPath = new Map(listed.map((path, i) => [path, texts[i] ?? null]));
        return paths.map((path) => byPath.get(path) ?? null);
    }
    async catBlobs(names) {
        if (names.length === 0)
            return [];
        const input = names.map((name) => `${name}\n`).join('');
        // --buffer: without it git flushes after every object, a write and a wake-up of this process each.
        const run = await (0,_exec_git_js__WEBPACK_IMPORTED_MODULE_4__/* .execGitBytes */ .$q)(['cat-file', '--batch', '--buffer'], { cwd: this.root, input });
        if (run.code !== 0)
            throw new Error(`git cat-file failed: ${run.stderr.trim()}`);
        return parseCatFileBatch(run.stdout, names.length);
    }
    async list(dir) {
        const prefix = dir.replace(/\/+$/, '');
        if (prefix !== '' && prefix !== '.')
            assertAuditPath(prefix);
        if (this.head === null)
            return [];
        const scope = prefix === '' || prefix === '.' ? [] : ['--', `${prefix}/`];
        const run = await (0,_exec_git_js__WEBPACK_IMPORTED_MODULE_4__/* .execGit */ .Ix)(['ls-tree', '-r', '-z', '--full-tree', '--name-only', this.head, ...scope], {
            cwd: this.root,
        });
        if (run.code !== 0)
            throw new Error(`git ls-tree failed: ${run.stderr.trim()}`);
        return run.stdout
            .split('\0')
            .filter((p) => p !== '')
            .sort();
    }
}
/** Up to this many reads at once go by path (one git process); more are listed first (two). */
const DIRECT_READS = 8;
/** The blobs of `ls-tree -r -z` output: `<mode> SP <type> SP <object> TAB <path> NUL` per entry. */
function blobNames(listing) {
    const blobs = new Map();
    for (const entry of listing.split('\0')) {
        const tab = entry.indexOf('\t');
        const [, type, name] = entry.slice(0, tab).split(' ');
        if (tab !== -1 && type === 'blob' && name)
            blobs.set(entry.slice(tab + 1), name);
    }
    return blobs;
}
const FOUND_OBJECT = /^[0-9a-f]{40,64} ([a-z]+) (\d+)$/;
/** The answers of `cat-file --batch`, one per input line: each is `<name> <type> <size>`, a newline, the
 * content (`size` bytes, so it may hold any byte) and a newline; or `<input> missing` (or `ambiguous`).
 * The text of each blob; null for a missing object, or one that is not a blob. */
function parseCatFileBatch(output, count) {
    const blobs = [];
    let at = 0;
    while (blobs.length < count) {
        const lineEnd = output.indexOf(0x0a, at);
        if (lineEnd === -1)
            throw new Error(`git cat-file --batch ended after ${blobs.length} of ${count} answers`);
        const found = FOUND_OBJECT.exec(output.toString('utf8', at, lineEnd));
        if (!found) {
            blobs.push(null); // `<input> missing`
            at = lineEnd + 1;
            continue;
        }
        const size = Number(found[2]);
        const start = lineEnd + 1;
        blobs.push(found[1] === 'blob' ? output.toString('utf8', start, start + size) : null);
        at = start + size + 1;
    }
    return blobs;
}


/***/ }),

/***/ 1246:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Cr: () => (/* binding */ ConsoleLogger),
/* harmony export */   Ml: () => (/* binding */ wantsColour),
/* harmony export */   Pf: () => (/* binding */ label)
/* harmony export */ });
/** Colour only for a person at a terminal: not when the output is piped or redirected, and not when
 * NO_COLOR is set to anything (https://no-color.org). */
function wantsColour(stream, env = process.env) {
    return stream.isTTY === true && !env.NO_COLOR;
}
const RED = '\x1b[31m';
const YELLOW = '\x1b[33m';
const RESET = '\x1b[0m';
/** `warning:` / `error:` in their colour when `colour` is on. */
function label(kind, colour) {
    const text = `${kind}:`;
    return colour ? `${kind === 'error' ? RED : YELLOW}${text}${RESET}` : text;
}
class ConsoleLogger {
    out;
    verbose;
    colour;
    constructor(out = (line) => process.stderr.write(line + '\n'), verbose = false, colour = false) {
        this.out = out;
        this.verbose = verbose;
        this.colour = colour;
    }
    info(message) {
        this.out(message);
    }
    debug(message) {
        if (this.verbose)
            this.out(`debug: ${message}`);
    }
    warning(message) {
        this.out(`${label('warning', this.colour)} ${message}`);
    }
    error(message) {
        this.out(`${label('error', this.colour)} ${message}`);
    }
    async group(name, fn) {
        this.out(`── ${name}`);
        return fn();
    }
}


/***/ }),

/***/ 5314:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  b: () => (/* binding */ skipOptimizingCompiler)
});

;// CONCATENATED MODULE: external "node:v8"
const external_node_v8_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:v8");
;// CONCATENATED MODULE: ./src/adapters/engine.ts
/** Tuning of the JavaScript engine for the short commands. */

/** V8 versions known to have the flag (Node 20 has 11.3, Node 24 has 13.6). V8 prints an unknown flag's
 * error to stdout, where it would corrupt `plan --json`: a newer V8 is left alone. */
const KNOWN_V8_MAJORS = [11, 12, 13, 14];
/** `plan` and `validate` are one-shot processes of well under a second. V8's optimizing compiler
 * (TurboFan) compiles their hot loops on a background thread, and on a 2-core runner that thread takes the
 * core the git processes of the plan need, for code that finishes before it pays off: without it a plan of
 * 2,000 services takes ~100 ms (a sixth) less, and one of 10,000 services ~30 ms less. The baseline tiers
 * still run. Long commands (release, rollback) keep the default. The flag only stops further optimization,
 * so setting it after start-up is safe. */
function skipOptimizingCompiler(v8Version = process.versions.v8) {
    if (KNOWN_V8_MAJORS.includes(Number.parseInt(v8Version, 10)))
        (0,external_node_v8_namespaceObject.setFlagsFromString)('--no-turbofan');
}


/***/ }),

/***/ 686:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $Y: () => (/* binding */ git),
/* harmony export */   $q: () => (/* binding */ execGitBytes),
/* harmony export */   Ix: () => (/* binding */ execGit),
/* harmony export */   KD: () => (/* binding */ checked),
/* harmony export */   SX: () => (/* binding */ gitLarge),
/* harmony export */   Y$: () => (/* binding */ gitAuthEnv),
/* harmony export */   YS: () => (/* binding */ gitNetworkTimeoutMs)
/* harmony export */ });
/* unused harmony export withoutCredentials */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _core_duration_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(8571);
/** Runs git with an argv array (never a shell) and the token passed through the environment only. */






/** The deadline of one network call. MONOREPO_RELEASE_GIT_TIMEOUT (`2s`, `1m`, or whole seconds) changes
 * it, for tests and for a slow network; anything else there is ignored. */
function gitNetworkTimeoutMs(env = process.env) {
    const text = env.MONOREPO_RELEASE_GIT_TIMEOUT?.trim() ?? '';
    return (/^[1-9][0-9]{0,6}$/.test(text) ? Number(text) * 1000 : (0,_core_duration_js__WEBPACK_IMPORTED_MODULE_5__/* .parseDuration */ .E9)(text)) ?? 30_000;
}
/** A call started after a cancel (the engine writing down that it stopped) gets at most this long: the
 * runner kills the step about 10 s after its cancel, and a reachable origin answers in well under 1 s. */
const AFTER_CANCEL_MS = 3_000;
/** After SIGTERM (which lets git remove its lock files), a group still running is killed outright. */
const KILL_GRACE_MS = 1_000;
/** Environment that makes git send the token as an HTTP Authorization header for this process only:
 * nothing is written to .git/config, argv or the remote URL. An empty value first resets the header list,
 * so a header that actions/checkout persisted (`http.<server>/.extraheader`) cannot override ours. */
function gitAuthEnv(token, base = process.env) {
    const env = { GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never' };
    if (!token)
        return env;
    const basic = Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64');
    const header = `AUTHORIZATION: basic ${basic}`;
    const server = (base.GITHUB_SERVER_URL || 'https://github.com').replace(/\/*$/, '/');
    const entries = [
        ['http.extraheader', ''],
        ['http.extraheader', header],
        [`http.${server}.extraheader`, ''],
        [`http.${server}.extraheader`, header],
    ];
    Object.assign(env, gitConfigEnv(base, entries));
    return env;
}
/** Run `git <args>`; resolves with the exit code (does not throw on a non-zero exit). */
async function execGit(args, options) {
    const run = await runGit(args, options, 'pipe');
    return { ...run, stdout: run.stdout.toString('utf8') };
}
/** Like execGit, with stdout as bytes: for output framed by byte counts (`cat-file --batch`). */
function execGitBytes(args, options) {
    return runGit(args, options, 'pipe');
}
/** `stdout` is a pipe, or a file descriptor that git writes to directly (then the result's stdout is
 * empty). */
async function runGit(args, options, stdout) {
    const env = { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', ...options.env };
    if (!options.network)
        return spawnGit(args, options, env, stdout);
    return runNetworkGit(args, options, options.network, { ...env, ...(await networkEnv(options.cwd, env)) });
}
function spawnGit(args, options, env, stdout, started = () => undefined) {
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('git', args, {
            cwd: options.cwd,
            env,
            stdio: ['pipe', stdout, 'pipe'],
            // Its own process group, so that a stop reaches what git started too (git-remote-https, ssh).
            detached: options.network !== undefined,
        });
        started(child);
        const out = [];
        const err = [];
        child.stdout?.on('data', (chunk) => out.push(chunk));
        // stdin and stderr are pipes whatever stdout is.
        child.stderr.on('data', (chunk) => err.push(chunk));
        child.on('error', reject);
        child.on('close', (code) => resolve({
            code: code ?? 1,
            stdout: Buffer.concat(out),
            stderr: Buffer.concat(err).toString('utf8'),
        }));
        child.stdin.on('error', () => undefined);
        child.stdin.end(options.input ?? '');
    });
}
/** A network call: spawned in its own process group, stopped (the whole group) at its deadline or when
 * its signal aborts; the result then says why, in words. */
async function runNetworkGit(args, options, network, env) {
    const { signal } = network;
    const deadline = network.timeoutMs ?? gitNetworkTimeoutMs();
    const timeoutMs = signal?.aborted ? Math.min(deadline, AFTER_CANCEL_MS) : deadline;
    let stopped;
    let child;
    const stop = (why) => {
        stopped ??= why;
        if (child)
            stopGroup(child);
    };
    const timer = setTimeout(() => stop('timed-out'), timeoutMs);
    const onAbort = () => stop('cancelled');
    // Already aborted: the call still runs, with the short deadline above.
    if (!signal?.aborted)
        signal?.addEventListener('abort', onAbort, { once: true });
    const started = Date.now();
    try {
        const run = await spawnGit(args, options, env, 'pipe', (spawned) => {
            child = spawned;
            liveGroups.track(spawned);
            if (stopped)
                stopGroup(spawned);
        });
        const why = stopped ?? (run.code !== 0 && STALLED.test(run.stderr) ? 'timed-out' : undefined);
        if (!why)
            return run;
        const talking = await describeRemote(options.cwd, network.remote ?? 'origin', env);
        const message = why === 'timed-out'
            ? `timed out after ${(0,_core_duration_js__WEBPACK_IMPORTED_MODULE_5__/* .formatDuration */ .a3)(Math.max(1000, Math.round((Date.now() - started) / 1000) * 1000))} talking to ${talking}`
            : `cancelled while talking to ${talking}`;
        return { ...run, code: run.code === 0 ? 1 : run.code, stopped: why, stderr: `${message}\n${run.stderr}` };
    }
    finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (child)
            liveGroups.untrack(child);
    }
}
/** What git itself says when its own limits (the low-speed limit, ssh's timeouts) end a stalled call. */
const STALLED = /Operation too slow|Operation timed out|Connection timed out|Timeout, server .* not responding/i;
/** SIGTERM to the whole group (git removes its lock files on it), SIGKILL a moment later if it lingers. */
function stopGroup(child) {
    signalGroup(child, 'SIGTERM');
    const kill = setTimeout(() => signalGroup(child, 'SIGKILL'), KILL_GRACE_MS);
    kill.unref();
    child.once('exit', () => clearTimeout(kill));
}
function signalGroup(child, signal) {
    if (child.pid === undefined)
        return;
    try {
        process.kill(-child.pid, signal);
    }
    catch {
        // The group is gone already.
    }
}
/** The network git processes running now. Each is in a group of its own, out of reach of a signal sent
 * to this process's group (Ctrl-C in a terminal) or to this process alone (the runner's cancel): they
 * are stopped when this process is signalled or exits, so no git outlives it. */
const liveGroups = new (class {
    children = new Set();
    onSignal = (signal) => {
        this.stopAll();
        // Nobody else handles the signal: do what it would have done without this handler.
        if (process.listenerCount(signal) === 1) {
            this.listen(false);
            process.kill(process.pid, signal);
        }
    };
    onExit = () => this.stopAll();
    track(child) {
        if (this.children.size === 0)
            this.listen(true);
        this.children.add(child);
    }
    untrack(child) {
        if (this.children.delete(child) && this.children.size === 0)
            this.listen(false);
    }
    stopAll() {
        for (const child of this.children)
            signalGroup(child, 'SIGTERM');
    }
    listen(on) {
        for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
            // First in line, so that the count below still holds a `once` listener that runs after it.
            if (on)
                process.prependListener(signal, this.onSignal);
            else
                process.off(signal, this.onSignal);
        }
        if (on)
            process.on('exit', this.onExit);
        else
            process.off('exit', this.onExit);
    }
})();
/** The environment of a network call: no prompt, a stalled HTTP transfer ends itself (below 1 KB/s for
 * the deadline), and ssh in batch mode with a connect timeout, unless the user chose their own ssh
 * command (GIT_SSH_COMMAND, GIT_SSH or core.sshCommand): that one is left as it is (it may be a wrapper
 * that takes no ssh options), and the deadline still bounds it. */
async function networkEnv(cwd, env) {
    const seconds = Math.max(1, Math.ceil(gitNetworkTimeoutMs(env) / 1000));
    const result = {
        GIT_TERMINAL_PROMPT: '0',
        GCM_INTERACTIVE: 'never',
        ...gitConfigEnv(env, [
            ['http.lowSpeedLimit', '1000'],
            ['http.lowSpeedTime', String(seconds)],
        ]),
    };
    if (!env.GIT_SSH_COMMAND && !env.GIT_SSH && !(await userSshCommand(cwd, env))) {
        const alive = Math.max(1, Math.ceil(seconds / 3));
        result.GIT_SSH_COMMAND = `ssh -o BatchMode=yes -o ConnectTimeout=${seconds} -o ServerAliveInterval=${alive} -o ServerAliveCountMax=3`;
    }
    return result;
}
/** `key=value` config entries for git through the environment, after those `base` already has. */
function gitConfigEnv(base, entries) {
    const env = {};
    const first = Number.parseInt(base.GIT_CONFIG_COUNT ?? '0', 10) || 0;
    entries.forEach(([key, value], i) => {
        env[`GIT_CONFIG_KEY_${first + i}`] = key;
        env[`GIT_CONFIG_VALUE_${first + i}`] = value;
    });
    env.GIT_CONFIG_COUNT = String(first + entries.length);
    return env;
}
/** Whether the repository's config (or the user's) sets core.sshCommand. */
async function userSshCommand(cwd, env) {
    const run = await spawnGit(['config', '--get', 'core.sshCommand'], { cwd }, env, 'pipe').catch(() => null);
    return run?.code === 0 && run.stdout.toString('utf8').trim() !== '';
}
/** `origin (https://github.com/acme/mono.git)`: the remote and its URL, credentials left out. */
async function describeRemote(cwd, remote, env) {
    const isUrl = /[:/]/.test(remote);
    const run = isUrl
        ? null
        : await spawnGit(['config', '--get', `remote.${remote}.url`], { cwd }, env, 'pipe').catch(() => null);
    const url = isUrl ? remote : run?.code === 0 ? run.stdout.toString('utf8').trim() : '';
    const safe = withoutCredentials(url);
    if (isUrl)
        return safe;
    return safe ? `${remote} (${safe})` : remote;
}
/** A URL without its `user:password@` part (a token can sit there). */
function withoutCredentials(url) {
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}
/** Like execGit, but throws with git's message on a non-zero exit. */
async function git(args, options) {
    return checked(await execGit(args, options), args);
}
/** Like git, for output that can run to megabytes (a diff, a file listing): git writes it to a file, so it
 * runs to the end while this process is busy elsewhere instead of stalling on a full pipe, and the text is
 * read in one piece instead of being gathered from 64 KB chunks. */
async function gitLarge(args, options) {
    // Made synchronously (well under a millisecond): git starts now, not after two trips through the thread
    // pool, which wait for whatever this process is busy with.
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_3__.tmpdir)(), 'mr-git-'));
    try {
        const file = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, 'stdout');
        const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(file, 'w');
        // A path in this new directory: nothing is there, and git reads a missing index as an empty one.
        const env = options.withoutIndex ? { ...options.env, GIT_INDEX_FILE: (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(dir, 'index') } : options.env;
        let result;
        try {
            result = await runGit(args, { ...options, env }, fd);
        }
        finally {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(fd);
        }
        checked(result, args);
        // Decoded in one piece: readFile's own decoding joins 512 KB pieces into a string that V8 copies
        // again, flat, on its first search.
        return (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(file)).toString('utf8');
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(dir, { recursive: true, force: true });
    }
}
/** The run's stdout; throws with git's message when it failed. */
function checked(run, args) {
    if (run.code !== 0) {
        const command = args.find((arg, i) => !arg.startsWith('-') && args[i - 1] !== '-c') ?? '';
        const message = run.stderr.trim() || run.stdout.toString().trim();
        throw new Error(`git ${command} failed (exit ${run.code}): ${message}`);
    }
    return run.stdout;
}


/***/ }),

/***/ 6960:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Gn: () => (/* binding */ findRepoRoot),
/* harmony export */   pb: () => (/* binding */ CliGit)
/* harmony export */ });
/* unused harmony exports parseLog, splitDiffTree, splitTreeDiffs */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(4296);
/* harmony import */ var _exec_git_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(686);
/* harmony import */ var _tick_batch_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(3082);
/** The Git port backed by the git CLI: argv arrays only, revisions after `--end-of-options` so a value that
 * looks like an option is never taken as one, and the token in the environment only. */





/** Deepening a shallow clone may take this many ordinary deadlines, in all. */
const DEEPEN_DEADLINES = 10;
/** Config that keeps user settings from changing the machine-readable output we parse. */
const STABLE_OUTPUT = ['-c', 'core.quotePath=false', '-c', 'color.ui=false'];
/** A full object name, SHA-1 or SHA-256. */
const OBJECT_NAME = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** Up to this many ancestry questions are asked one git process each (in parallel); more walk the history
 * once (`rev-list`), at a cost that grows with the history rather than with the number of questions. */
const FEW_ANCESTRY_CHECKS = 8;
/** A token that starts a commit in our `log` format; paths are relative, so no path token starts with `/`. */
const COMMIT_MARK = '/';
class CliGit {
    root;
    token;
    debug;
    warning;
    /** Lookups asked for in the same tick (a range's base and head) share one git process. */
    lookUp = (0,_tick_batch_js__WEBPACK_IMPORTED_MODULE_4__/* .batchedPerTick */ .Q)((revs) => this.resolveBatch(revs));
    constructor(options) {
        this.root = options.root;
        this.token = options.token;
        this.debug = options.debug ?? (() => undefined);
        this.warning = options.warning ?? this.debug;
    }
    resolveCommit(rev) {
        // One lookup per input line: a name with a line break is no revision (ref names cannot hold one).
        if (rev === '' || /[\n\r]/.test(rev))
            return Promise.resolve(null);
        return this.lookUp(rev);
    }
    /** `cat-file --batch-check` resolves each line as `rev-parse --verify` would, and answers `<line>
     * missing` (or `ambiguous`) where there is no such commit. */
    async resolveBatch(revs) {
        const input = revs.map((rev) => `${rev}^{commit}\n`).join('');
        const run = await (0,_exec_git_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['cat-file', '--batch-check=%(objectname)'], { cwd: this.root, input });
        const lines = run.stdout.split('\n');
        return revs.map((_, i) => {
            const line = lines[i] ?? '';
            return run.code === 0 && OBJECT_NAME.test(line) ? line : null;
        });
    }
    async isShallow() {
        // In an ordinary checkout git marks a shallow clone with .git/shallow: no process needed. A linked
        // worktree or a submodule (.git is a file) asks git.
        const gitDir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(this.root, '.git');
        if ((await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(gitDir).catch(() => null))?.isDirectory()) {
            return (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(gitDir, 'shallow')).catch(() => null)) !== null;
        }
        return (await this.out(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
    }
    async fetch(options) {
        const refspecs = options.refspecs ?? [];
        if (refspecs.some((refspec) => refspec.startsWith('-')))
            return false;
        // --no-auto-gc: no `git maintenance run --auto` (a gc, at times) in the middle of a plan.
        const args = ['fetch', '--quiet', '--no-recurse-submodules', '--no-write-fetch-head', '--no-auto-gc'];
        // `--unshallow` is an error on a complete repository; there is nothing to deepen then.
        const deepen = options.unshallow === true && (await this.isShallow());
        if (deepen)
            args.push('--unshallow');
        if (options.tags)
            args.push('--tags');
        args.push('origin', ...refspecs);
        // The whole history of a large repository can take minutes to arrive; a stalled transfer still ends
        // after the usual deadline (git's own low-speed limit).
        const timeoutMs = deepen ? DEEPEN_DEADLINES * (0,_exec_git_js__WEBPACK_IMPORTED_MODULE_3__/* .gitNetworkTimeoutMs */ .YS)() : undefined;
        const run = await (0,_exec_git_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(args, {
            cwd: this.root,
            env: (0,_exec_git_js__WEBPACK_IMPORTED_MODULE_3__/* .gitAuthEnv */ .Y$)(this.token),
            network: { timeoutMs },
        });
        if (run.stopped) {
            this.warning(`git fetch ${refspecs.join(' ') || 'origin'}: ${firstLine(run.stderr)}; going on without it (check the network or VPN, and origin's URL: \`git remote -v\`)`);
        }
        else if (run.code !== 0)
            this.debug(`git fetch failed (exit ${run.code}): ${run.stderr.trim()}`);
        return run.code === 0;
    }
    mergeBase(a, b) {
        return this.commonAncestor([], [a, b]);
    }
    /** False too when either commit is unknown here: nothing can be said about its ancestry. */
    async isAncestor(ancestor, descendant) {
        const run = await this.exec(['merge-base', '--is-ancestor', '--end-of-options', ancestor, descendant]);
        if (run.code > 1)
            this.debug(`git merge-base --is-ancestor failed (exit ${run.code}): ${run.stderr.trim()}`);
        return run.code === 0;
    }
    diffNameStatus(base, head) {
        return this.large(diffArgs(base, head));
    }
    /** One `diff-tree --stdin` for every base: one git process per base made a plan of 2,000 services, each
     * released at its own commit, take minutes. */
    async diffsToHead(bases, head, paths = []) {
        const named = bases.filter((base) => OBJECT_NAME.test(base));
        if (named.length === 0 || !OBJECT_NAME.test(head))
            return new Map();
        // `<commit> <parent>`: the diff from the base, taken as the parent, to head.
        const output = await this.diffTreeStdin(named.map((base) => `${head} ${base}`), paths);
        return splitDiffTree(output, head, named);
    }
    /** One `cat-file --batch-check` for every lookup; a path that cannot be put on one line of its input
     * (or is empty, which would name the commit's whole tree) is not looked up. */
    async objectsAt(lookups) {
        const asked = lookups.map(({ commit, path }) => OBJECT_NAME.test(commit) && path !== '' && !/[\n\r\0]/.test(path) ? `${commit}:${path}` : null);
        const input = asked.flatMap((name) => (name === null ? [] : [`${name}\n`])).join('');
        if (input === '')
            return asked.map(() => null);
        // --buffer: one write of the answers, not one per lookup.
        const run = await (0,_exec_git_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['cat-file', '--batch-check=%(objectname) %(objecttype)', '--buffer'], {
            cwd: this.root,
            input,
        });
        if (run.code !== 0)
            return asked.map(() => null);
        const lines = run.stdout.split('\n');
        let next = 0;
        return asked.map((name) => {
            if (name === null)
                return null;
            const [object = '', type = '', extra] = (lines[next++] ?? '').split(' ');
            return OBJECT_NAME.test(object) && /^[a-z]+$/.test(type) && extra === undefined
                ? { object, type }
                : null;
        });
    }
    /** One `diff-tree --stdin` for every pair of trees: what changed from `from` to `to`, as diffNameStatus
     * gives it, with paths relative to the trees. */
    async diffTrees(pairs) {
        if (pairs.length === 0)
            return [];
        if (!pairs.every(({ from, to }) => OBJECT_NAME.test(from) && OBJECT_NAME.test(to))) {
            throw new Error('git diff-tree: trees are asked for by full object name');
        }
        const output = await this.diffTreeStdin(pairs.map(({ from, to }) => `${from} ${to}`));
        return splitTreeDiffs(output, pairs);
    }
    /** One `diff-tree --stdin` over these `<a> <b>` lines, as name-status, limited to `paths` (literal)
     * when given. Without the index, which diff-tree reads whole as it starts and this output never uses. */
    diffTreeStdin(lines, paths = []) {
        return (0,_exec_git_js__WEBPACK_IMPORTED_MODULE_3__/* .gitLarge */ .SX)([
            ...STABLE_OUTPUT,
            '--literal-pathspecs',
            'diff-tree',
            '--stdin',
            '--always',
            '-r',
            '-z',
            '--name-status',
            '--no-renames',
            '--no-ext-diff',
            '--no-textconv',
            ...(paths.length > 0 ? ['--', ...paths] : []),
        ], { cwd: this.root, input: lines.map((line) => `${line}\n`).join(''), withoutIndex: true });
    }
    fileListing(rev) {
        const args = rev === undefined
            ? ['ls-files', '-z', '--full-name']
            : ['ls-tree', '-r', '-z', '--name-only', '--full-tree', '--end-of-options', rev];
        return this.large(args);
    }
    async treeEntries(rev, dirs) {
        if (dirs.length === 0)
            return [];
        // `dir/` lists what is in the directory, `.` the root; literal, so a `*` in a name is just a `*`.
        const specs = dirs.map((dir) => (dir === '' ? '.' : `${dir}/`));
        const run = await (0,_exec_git_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['--literal-pathspecs', 'ls-tree', '-z', '--full-tree', '--end-of-options', rev, '--', ...specs], { cwd: this.root });
        // An unborn HEAD, say: this only proves patterns faster, and the full check still runs.
        if (run.code !== 0)
            return [];
        const entries = [];
        // `<mode> SP <type> SP <object> TAB <path>`, each ended by a NUL.
        for (const record of run.stdout.split('\0')) {
            const tab = record.indexOf('\t');
            if (tab === -1)
                continue;
            const typeAt = record.indexOf(' ') + 1;
            const objectAt = record.lastIndexOf(' ', tab) + 1;
            entries.push({
                path: record.slice(tab + 1),
                type: record.slice(typeAt, objectAt - 1),
                object: record.slice(objectAt, tab),
                mode: record.slice(0, typeAt - 1),
            });
        }
        return entries;
    }
    async tags() {
        const format = '%(refname:strip=2)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)';
        const output = await this.out(['for-each-ref', `--format=${format}`, 'refs/tags']);
        const tags = [];
        // Ref names cannot hold a newline, so one line per tag is unambiguous.
        for (const line of output.split('\n')) {
            if (!line)
                continue;
            const [name = '', type, sha = '', peeledType, peeledSha = ''] = line.split('\0');
            if (type === 'commit')
                tags.push({ name, sha });
            else if (peeledType === 'commit')
                tags.push({ name, sha: peeledSha });
            else if (peeledType === 'tag') {
                // A tag of a tag: for-each-ref peels one level only; such tags are rare enough for one call each.
                const commit = await this.resolveCommit(sha);
                if (commit)
                    tags.push({ name, sha: commit });
            }
        }
        return tags;
    }
    async log(base, head) {
        return parseLog(await this.large(logArgs('%H', base, head)));
    }
    async logWithParents(base, head) {
        return parseLog(await this.large(logArgs('%H %P', base, head))).map((commit) => {
            const [sha = '', ...parents] = commit.sha.split(' ');
            return { ...commit, sha, parents: parents.filter((parent) => parent !== '') };
        });
    }
    octopusBase(commits) {
        return this.commonAncestor(['--octopus'], commits);
    }
    /** `merge-base`'s answer; null when the commits share no history (exit 1). */
    async commonAncestor(options, commits) {
        const args = ['merge-base', ...options, '--end-of-options', ...commits];
        const run = await this.exec(args);
        if (run.code === 1)
            return null;
        return (0,_exec_git_js__WEBPACK_IMPORTED_MODULE_3__/* .checked */ .KD)(run, args).trim() || null;
    }
    async showFile(rev, path) {
        const run = await this.exec(['cat-file', 'blob', '--end-of-options', `${rev}:${path}`]);
        return run.code === 0 ? run.stdout : null;
    }
    async ancestorsAmong(commits, descendant) {
        const named = commits.filter((commit) => OBJECT_NAME.test(commit));
        if (named.length <= FEW_ANCESTRY_CHECKS) {
            const answers = await Promise.all(named.map((commit) => this.isAncestor(commit, descendant)));
            return new Set(named.filter((_, i) => answers[i]));
        }
        // Many: one walk of the history instead of one process per commit.
        const reachable = new Set((await this.large(['rev-list', '--end-of-options', descendant, '--'])).split('\n'));
        return new Set(named.filter((commit) => reachable.has(commit)));
    }
    async defaultBranch() {
        const run = await this.exec(['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD']);
        const prefix = 'refs/remotes/origin/';
        const ref = run.stdout.trim();
        return run.code === 0 && ref.startsWith(prefix) ? ref.slice(prefix.length) : null;
    }
    exec(args) {
        return (0,_exec_git_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(args, { cwd: this.root });
    }
    out(args) {
        return (0,_exec_git_js__WEBPACK_IMPORTED_MODULE_3__/* .git */ .$Y)(args, { cwd: this.root });
    }
    large(args) {
        return (0,_exec_git_js__WEBPACK_IMPORTED_MODULE_3__/* .gitLarge */ .SX)(args, { cwd: this.root });
    }
}
function firstLine(text) {
    return text.trim().split('\n')[0] ?? '';
}
/** The top of the git work tree that holds `cwd`. */
async function findRepoRoot(cwd) {
    // The usual case, the top of a checkout, needs no git process.
    if ((await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(cwd, '.git')).catch(() => null))?.isDirectory())
        return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(cwd);
    const run = await (0,_exec_git_js__WEBPACK_IMPORTED_MODULE_3__/* .execGit */ .Ix)(['rev-parse', '--show-toplevel'], { cwd });
    const root = run.stdout.trim();
    if (run.code !== 0 || !root) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`${cwd} is not inside a git work tree (${run.stderr.trim() || 'git rev-parse failed'})`, 'run from a git checkout; in a workflow, add actions/checkout with `fetch-depth: 0` before this step');
    }
    return root;
}
/**
 * Parses `log -z --name-only --format=tformat:/%H%x00%B%x00`. Split on NUL, a commit is the mark token
 * `/<sha>`, then its whole message (messages cannot hold NUL), then its paths. Git separates the message
 * from the first path with one newline, which is stripped; empty tokens are separators. The message
 * loses its trailing newlines only.
 */
function parseLog(output) {
    const commits = [];
    const tokens = output.split('\0');
    let current;
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i] ?? '';
        if (token.startsWith(COMMIT_MARK)) {
            const message = (tokens[i + 1] ?? '').replace(/\n+$/, '');
            current = { sha: token.slice(COMMIT_MARK.length), message, files: [] };
            commits.push(current);
            i++;
        }
        else if (token !== '' && current) {
            current.files.push(current.files.length === 0 && token.startsWith('\n') ? token.slice(1) : token);
        }
    }
    return commits;
}
/** `git log` of base..head with each commit's changed files; `ids` is what follows the commit mark. */
function logArgs(ids, base, head) {
    return [
        ...STABLE_OUTPUT,
        'log',
        '-z',
        '--name-only',
        '--no-renames',
        '--no-show-signature',
        '--encoding=UTF-8',
        `--format=tformat:${COMMIT_MARK}${ids}%x00%B%x00`,
        '--end-of-options',
        head,
        ...(base === null ? [] : [`^${base}`]),
        '--',
    ];
}
function diffArgs(base, head) {
    return [
        ...STABLE_OUTPUT,
        'diff',
        '--name-status',
        '-z',
        '--no-renames',
        '--no-ext-diff',
        '--no-textconv',
        '--no-relative',
        '--end-of-options',
        base,
        head,
        '--',
    ];
}
/**
 * Splits `diff-tree --stdin --always -z --name-status` output, for input lines `<head> <base>`, into the
 * diff of each base, in input order. Each diff starts with head's object name and a NUL (`--always`: even
 * when empty), then `status NUL path NUL` entries. Without renames a status is one letter and an object
 * name is 40 or 64 characters, so the next diff's start is told from a status by its length.
 */
function splitDiffTree(output, head, bases) {
    const diffs = new Map();
    let at = 0;
    for (const base of bases) {
        const headerEnd = output.indexOf('\0', at);
        if (headerEnd === -1 || output.slice(at, headerEnd) !== head) {
            throw new Error(`git diff-tree --stdin: expected the diff from ${base} at offset ${at}`);
        }
        const end = entriesEnd(output, headerEnd + 1);
        diffs.set(base, output.slice(headerEnd + 1, end));
        at = end;
    }
    return diffs;
}
/** The same for input lines `<tree> <tree>`: git echoes each line (up to its line feed) before its diff. */
function splitTreeDiffs(output, pairs) {
    let at = 0;
    return pairs.map(({ from, to }) => {
        const header = `${from} ${to}\n`;
        if (!output.startsWith(header, at)) {
            throw new Error(`git diff-tree --stdin: expected the diff from ${from} to ${to} at offset ${at}`);
        }
        const start = at + header.length;
        at = entriesEnd(output, start);
        return output.slice(start, at);
    });
}
/** Where the `status NUL path NUL` entries that start at `at` end. Without renames a status is one
 * letter, so the next diff's header (an object name) is told from a status by its length. */
function entriesEnd(output, at) {
    let end = at;
    for (let statusEnd = output.indexOf('\0', end); statusEnd === end + 1;) {
        end = output.indexOf('\0', statusEnd + 1) + 1;
        if (end === 0)
            throw new Error('git diff-tree --stdin: output ends inside an entry');
        statusEnd = output.indexOf('\0', end);
    }
    return end;
}


/***/ }),

/***/ 3082:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ batchedPerTick)
/* harmony export */ });
/** Calls made in the same tick of the event loop, gathered so that one git process answers them all. */
/** A function whose calls in the same tick share one `run`: it gets their inputs in call order and answers
 * each, in the same order. A failed run fails every call of its batch. */
function batchedPerTick(run) {
    let waiting = [];
    const flush = async (batch) => {
        try {
            const outputs = await run(batch.map((call) => call.input));
            batch.forEach((call, i) => call.resolve(outputs[i]));
        }
        catch (error) {
            for (const call of batch)
                call.reject(error);
        }
    };
    return (input) => new Promise((resolve, reject) => {
        if (waiting.length === 0) {
            queueMicrotask(() => {
                const batch = waiting;
                waiting = [];
                void flush(batch);
            });
        }
        waiting.push({ input, resolve, reject });
    });
}


/***/ }),

/***/ 1841:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ commitConfigSource),
/* harmony export */   l: () => (/* binding */ workTreeConfigSource)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _core_config_repository_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(1018);
/* harmony import */ var _core_match_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(2014);
/** Where the config is read from: a commit (plan, release: what git holds, never the file system), or the
 * work tree (the CLI's `validate`, on the developer's machine before a commit). Neither follows a link. */





/** The config and tracked files of one commit (`rev`: HEAD, the `head` input, the released SHA), read
 * through git: a pull request that commits a symlink at the config path gets an error, not the content
 * of what it points to. */
function commitConfigSource(git, rev, event = {}) {
    // `^{commit}`: the revision names a commit, whatever it is (a tree-ish like `HEAD:dir` is no commit).
    const commit = `${rev}^{commit}`;
    return {
        async read(path) {
            const entries = await git.treeEntries(commit, [(0,_core_match_js__WEBPACK_IMPORTED_MODULE_4__/* .parentOf */ .gN)(path)]);
            const entry = entries.find((e) => e.path === path);
            if (entry === undefined)
                return { kind: 'missing' };
            const kind = committedKind(entry);
            if (kind !== 'file')
                return { kind };
            const text = await git.showFile(commit, path);
            return text === null ? { kind: 'missing' } : { kind: 'file', text };
        },
        codeBranches: () => repositoryCodeBranches(git, event),
        trackedFiles: () => git.fileListing(commit),
        committedEntries: (dirs) => git.treeEntries(commit, dirs),
    };
}
/** A regular file (100644, 100755) is read; anything else is named, never read. */
function committedKind(entry) {
    if (entry.mode === '120000')
        return 'symlink';
    if (entry.type === 'commit')
        return 'submodule';
    if (entry.type === 'tree')
        return 'directory';
    return entry.type === 'blob' && /^1006[0-7]{2}$/.test(entry.mode) ? 'file' : 'special';
}
/** The config from the work tree (the file as the developer has it, committed or not), refusing a
 * symlink at the path or on the way to it; tracked files from the index, so a staged file counts. */
function workTreeConfigSource(git) {
    return {
        read: (path) => readRegularFile(git.root, path),
        codeBranches: () => repositoryCodeBranches(git, {}),
        trackedFiles: () => git.fileListing(),
        // HEAD, not the index: a file staged but not committed is still found, by the full listing.
        committedEntries: (dirs) => git.treeEntries('HEAD', dirs),
    };
}
/** `O_NOFOLLOW` refuses a symlink at the path itself without reading it; a directory on the way that is a
 * symlink shows as a real path that differs from the path asked for. `O_NONBLOCK`: a FIFO planted at the
 * path cannot hang the open. */
async function readRegularFile(root, path) {
    const full = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, path);
    const flags = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW ?? 0) | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK ?? 0);
    let handle;
    try {
        handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(full, flags);
    }
    catch (error) {
        const code = error.code;
        if (code === 'ELOOP')
            return { kind: 'symlink' };
        if (code === 'ENOENT' || code === 'ENOTDIR')
            return { kind: 'missing' };
        throw error;
    }
    try {
        const stats = await handle.stat();
        if (stats.isDirectory())
            return { kind: 'directory' };
        if (!stats.isFile())
            return { kind: 'special' };
        if ((await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.realpath)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(full))) !== (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.realpath)(root), (0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(path)))
            return { kind: 'symlink' };
        return { kind: 'file', text: await handle.readFile('utf8') };
    }
    finally {
        await handle.close();
    }
}
async function repositoryCodeBranches(git, event) {
    return (0,_core_config_repository_js__WEBPACK_IMPORTED_MODULE_3__/* .codeBranches */ .CA)({ defaultBranch: await git.defaultBranch(), ...event });
}


/***/ }),

/***/ 9924:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  wV: () => (/* binding */ LostRaceError),
  J9: () => (/* binding */ RecordWriter),
  yF: () => (/* binding */ assertTagAgreesWithLog),
  qh: () => (/* binding */ readAuditFile),
  Vh: () => (/* binding */ readJson),
  zl: () => (/* binding */ readServiceState)
});

// UNUSED EXPORTS: invalidAuditFile

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __nccwpck_require__(4296);
// EXTERNAL MODULE: ./src/core/record.ts
var core_record = __nccwpck_require__(4130);
;// CONCATENATED MODULE: ./src/core/record-shape.ts
/** The shape of the files on the audit branch (DESIGN.md "Audit log"): records, live pointers and latest
 * pointers. Anyone who can push to the branch can put anything there, so what is read is checked before
 * the code relies on it: a wrong type becomes a clear message naming the field, never a TypeError. Fields
 * the shape does not name are let through (a newer version may add some). */
/** What a value is, in words, for "<field> is <what>". */
function describe(value) {
    if (value === undefined)
        return 'missing';
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'string')
        return `the string ${JSON.stringify(value.slice(0, 40))}`;
    if (typeof value === 'object')
        return 'an object';
    return `a ${typeof value}`;
}
const string = (v) => (typeof v === 'string' ? null : 'a string');
const number = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : 'a number');
const nullable = (check) => (v) => {
    if (v === null)
        return null;
    const expected = check(v);
    return expected && `${expected} or null`;
};
const required = (check) => ({ check });
const optional = (check) => ({ check, optional: true });
const STAGE_ERROR = {
    kind: required(string),
    'exit-code': required(nullable(number)),
    message: required(string),
    output: required(string),
};
const STAGE = {
    name: required(string),
    percent: required(number),
    'started-at': required(string),
    'finished-at': required(nullable(string)),
    result: required(nullable(string)),
    checks: required({ passed: required(number), failed: required(number) }),
    error: optional(STAGE_ERROR),
};
const ROLLBACK = {
    'to-version': required(string),
    result: required(nullable(string)),
    'started-at': optional(string),
    'finished-at': optional(nullable(string)),
    error: optional(STAGE_ERROR),
};
const RECORD = {
    id: required(string),
    kind: required(string),
    service: required(string),
    environment: required(string),
    version: required(string),
    'previous-version': required(string),
    sha: required(string),
    ref: required(string),
    event: required(string),
    actor: required(string),
    'triggering-actor': required(string),
    'run-id': required(string),
    'run-attempt': required(number),
    'run-url': required(string),
    'started-at': required(string),
    'heartbeat-at': required(string),
    'finished-at': required(nullable(string)),
    outcome: required(nullable(string)),
    note: optional(string),
};
const LIVE_POINTER = {
    version: required(string),
    sha: required(string),
    record: required(string),
    'previous-version': required(string),
    'previous-sha': required(string),
    'updated-at': required(string),
};
/** Where a latest pointer may point: a record file, never outside `records/`. */
const recordFilePath = (v) => typeof v === 'string' && /^records\/[^/]+\/[^/]+\/[^/]+\.json$/.test(v) && !v.includes('..')
    ? null
    : 'a path records/<service>/<yyyy-mm>/<file>.json';
const LATEST_POINTER = {
    record: required(string),
    path: required(recordFilePath),
};
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function problemsOf(value, shape, at) {
    if (!isObject(value))
        return [`${at || 'the file'} is ${describe(value)} (expected an object)`];
    const problems = [];
    for (const [name, field] of Object.entries(shape)) {
        const fieldValue = value[name];
        const where = at ? `${at}.${name}` : name;
        if (fieldValue === undefined) {
            if (!field.optional)
                problems.push(`${where} is missing`);
            continue;
        }
        if (typeof field.check === 'function') {
            const expected = field.check(fieldValue);
            if (expected)
                problems.push(`${where} is ${describe(fieldValue)} (expected ${expected})`);
        }
        else
            problems.push(...problemsOf(fieldValue, field.check, where));
    }
    return problems;
}
/** What is wrong with an audit record; empty when nothing is. */
function recordProblems(value) {
    const problems = problemsOf(value, RECORD, '');
    if (!isObject(value))
        return problems;
    const stages = value.stages;
    if (!Array.isArray(stages))
        problems.push(`stages is ${describe(stages)} (expected a list)`);
    else
        stages.forEach((stage, i) => problems.push(...problemsOf(stage, STAGE, `stages[${i}]`)));
    if (value.rollback !== null)
        problems.push(...problemsOf(value.rollback, ROLLBACK, 'rollback'));
    return problems;
}
function livePointerProblems(value) {
    return problemsOf(value, LIVE_POINTER, '');
}
function latestPointerProblems(value) {
    return problemsOf(value, LATEST_POINTER, '');
}
/** The kind of an audit file, from where it lives (records/, current/, latest/); null for other files. */
function auditFileKind(path) {
    if (path.startsWith('records/'))
        return 'record';
    if (path.startsWith('current/'))
        return 'live pointer';
    if (path.startsWith('latest/'))
        return 'latest pointer';
    return null;
}
/** What is wrong with the parsed content of the audit file at `path`, by its kind; empty when nothing is
 * (or the file is of no known kind). */
function auditFileProblems(path, value) {
    switch (auditFileKind(path)) {
        case 'record':
            return recordProblems(value);
        case 'live pointer':
            return livePointerProblems(value);
        case 'latest pointer':
            return latestPointerProblems(value);
        case null:
            return [];
    }
}

// EXTERNAL MODULE: ./src/core/versions.ts
var versions = __nccwpck_require__(4506);
;// CONCATENATED MODULE: ./src/app/audit-log.ts
/** The audit log as the use cases see it: records and pointers of one environment, read and written
 * through the AuditStore port (a git branch). */




/** Another run took the service between our read and our write. */
class LostRaceError extends Error {
}
const DEFAULT_BRANCH = 'release-audit';
async function readAuditFile(tree, path) {
    const text = await tree.read(path);
    if (text === null)
        return { value: null, problem: null };
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        return { value: null, problem: `it is not JSON (${error.message})` };
    }
    const problems = auditFileProblems(path, value);
    return problems.length > 0 ? { value: null, problem: problems.join(', ') } : { value, problem: null };
}
/** The error for a file of the audit branch that cannot be used, naming it and how to restore it. */
function invalidAuditFile(tree, path, problem) {
    const branch = tree.branch ?? DEFAULT_BRANCH;
    return new errors/* AuditFileError */.sX(`the audit ${auditFileKind(path) ?? 'file'} ${path} is not valid: ${problem}; nothing was run`, `restore it from the branch history (\`git fetch origin ${branch} && git log -p FETCH_HEAD -- ${path}\` shows its earlier content), push the fix to '${branch}', and run again`);
}
/** A file of the audit branch, checked against the shape of its kind; AuditFileError when it is not
 * JSON or not of that shape, null when there is no such file. */
async function readJson(tree, path) {
    const read = await readAuditFile(tree, path);
    if (read.problem !== null)
        throw invalidAuditFile(tree, path, read.problem);
    return read.value;
}
/** What is live and the newest record of a service: two blob reads, whatever the size of the log. The
 * pointers must name records that are there: one that does not shows a rewritten branch. */
async function readServiceState(tree, environment, service) {
    const live = await readJson(tree, (0,core_record/* livePointerPath */.rW)(environment, service));
    const pointerPath = (0,core_record/* latestPointerPath */.S6)(environment, service);
    const pointer = await readJson(tree, pointerPath);
    const latest = pointer ? await readJson(tree, pointer.path) : null;
    if (pointer && latest?.id !== pointer.record)
        throw rewritten(tree, `${pointerPath} names the record ${pointer.record} at ${pointer.path}, ${latest ? `which holds the record ${latest.id}` : 'which is not on the branch'}`);
    if (live && live.record !== latest?.id && !(await recordExists(tree, service, live)))
        throw rewritten(tree, `${(0,core_record/* livePointerPath */.rW)(environment, service)} names the record ${live.record}, which is not on the branch`);
    return { tree, live, latest, latestPath: pointer?.path ?? null };
}
/** Whether the record that made a version live is on the branch. Its path holds its start time, which
 * the pointer does not: the month the pointer was written and the one before hold it but for a release
 * that ran longer than a month, and only then is the whole service listed. */
async function recordExists(tree, service, live) {
    const named = (path) => path.endsWith(`-${live.record}.json`);
    const updated = new Date(live['updated-at']);
    if (!Number.isNaN(updated.getTime())) {
        const month = updated.toISOString().slice(0, 7);
        updated.setUTCDate(1);
        updated.setUTCMonth(updated.getUTCMonth() - 1);
        const before = updated.toISOString().slice(0, 7);
        for (const dir of [month, before])
            if ((await tree.list(`records/${service}/${dir}`)).some(named))
                return true;
    }
    return (await tree.list(`records/${service}`)).some(named);
}
/** The audit log disagrees with itself or with the release tags: its history was rewritten. */
function rewritten(tree, what) {
    const branch = tree.branch ?? DEFAULT_BRANCH;
    return new errors/* AuditRewrittenError */.Is(`the audit branch '${branch}' was rewritten: ${what}; nothing was run`, `restore the lost commits (a clone or runner checkout that fetched '${branch}' before the rewrite has them, as refs/monorepo-release/audit/${branch}; the branch's activity on GitHub names the head before a force push) and push them back, then ${(0,errors/* auditRulesetAdvice */.ib)(branch)}`);
}
/** The release tag of a version says it reached 100 % (the action pushes it then, on the released
 * commit): when it marks this very commit but the log knows of no release of the version, although it
 * knows the service, the log lost it. One ref lookup in the checkout (actions/checkout fetches the tags with
 * `fetch-depth: 0`); the run a tag push started is not asked (its tag comes before its release), nor is
 * `versioning: sha`, which pushes no tags. */
async function assertTagAgreesWithLog(git, state, release) {
    const { live, latest } = state;
    if (release.config.versioning !== 'conventional' || (!live && !latest))
        return;
    const known = [live?.version, live?.['previous-version'], latest?.version, latest?.['previous-version']];
    if (known.includes(release.version))
        return;
    const tag = (0,versions/* formatTag */._3)(release.config.tag, release.service, release.version);
    if (release.ref === `refs/tags/${tag}`)
        return;
    if ((await git.resolveCommit(`refs/tags/${tag}`)) !== release.sha)
        return;
    throw rewritten(state.tree, `the tag ${tag} marks ${release.sha.slice(0, 12)} as released, but the log holds no release of ${release.service} ${release.version} (live: ${live?.version || 'nothing'})`);
}
/** Writes one run's record. The first write claims the service: it fails with LostRaceError when the
 * newest record changed since we decided, so two runs can never both start. With `claimVersion` (a
 * release) it claims the record's version too, in the same commit: LostRaceError when another build
 * holds it, so the release decides its version again. */
class RecordWriter {
    store;
    expectedLatest;
    options;
    claimed = false;
    constructor(store, expectedLatest, options = {}) {
        this.store = store;
        this.expectedLatest = expectedLatest;
        this.options = options;
    }
    async save(record, options = {}) {
        const path = (0,core_record/* recordPath */.lX)(record);
        const files = [{ path, content: (0,core_record/* serialize */.lK)(record) }];
        if (options.live)
            files.push({
                path: (0,core_record/* livePointerPath */.rW)(record.environment, record.service),
                content: (0,core_record/* serialize */.lK)(options.live),
            });
        const message = options.message ?? `${record.service} ${record.version}: ${describeProgress(record)}`;
        await this.store.write(message, async (tree) => {
            if (!this.claimed) {
                const pointer = await readJson(tree, (0,core_record/* latestPointerPath */.S6)(record.environment, record.service));
                if ((pointer?.path ?? null) !== this.expectedLatest && pointer?.path !== path)
                    throw new LostRaceError();
                const latest = { record: record.id, path };
                return [
                    ...files,
                    { path: (0,core_record/* latestPointerPath */.S6)(record.environment, record.service), content: (0,core_record/* serialize */.lK)(latest) },
                    ...(this.options.claimVersion ? await claimVersionOf(tree, record) : []),
                ];
            }
            return files;
        });
        this.claimed = true;
    }
    /** For writes after the first deploy, which must never stop a rollout half-way: the error instead of
     * a throw (the caller stops the rollout and rolls back). */
    async trySave(record, options = {}) {
        try {
            await this.save(record, options);
            return null;
        }
        catch (error) {
            return error instanceof Error ? error : new Error(String(error));
        }
    }
}
/** The claim file of the record's version, unless its build holds it already (the same commit in another
 * environment, or a resumed release). */
async function claimVersionOf(tree, record) {
    const path = (0,core_record/* versionClaimPath */.O9)(record.service, record.version);
    const held = await readJson(tree, path);
    if (held && held.sha !== record.sha)
        throw new LostRaceError();
    return held ? [] : [{ path, content: (0,core_record/* serialize */.lK)((0,core_record/* versionClaim */.N_)(record)) }];
}
function describeProgress(record) {
    if (record.outcome)
        return record.outcome;
    const stage = record.stages[record.stages.length - 1];
    if (!stage)
        return `${record.kind} started`;
    return `${stage.name} ${stage.result ?? 'running'}`;
}


/***/ }),

/***/ 293:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Fk: () => (/* binding */ readingConfig),
/* harmony export */   Z9: () => (/* binding */ loadConfig),
/* harmony export */   g9: () => (/* binding */ resolveEnvironment),
/* harmony export */   z: () => (/* binding */ MAX_LISTED_DIRECTORIES)
/* harmony export */ });
/* unused harmony exports checkConfigPath, reportDiagnostics */
/* harmony import */ var _core_config_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7378);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4296);
/* harmony import */ var _core_config_repository_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1018);
/* harmony import */ var _core_match_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(2014);
/* harmony import */ var _core_names_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(2483);
/** Loading the config file: read, parse, report every diagnostic at once, refuse an invalid file. */





/** A repo-relative path that stays inside the repository. */
function checkConfigPath(path) {
    const normalized = path.replace(/\\/g, '/').replace(/^\.\//, '');
    if (!normalized || normalized.startsWith('/') || normalized.split('/').some((part) => part === '..')) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`the config path "${path}" is not a path inside the repository`, 'give a path relative to the repository root, like .github/monorepo-release.yml');
    }
    return normalized;
}
function reportDiagnostics(log, diagnostics) {
    for (const d of diagnostics) {
        const where = { file: d.file, line: d.line, column: d.column };
        const text = `${d.file}:${d.line}:${d.column}: ${d.message}`;
        if (d.severity === 'error')
            log.error(text, where);
        else
            log.warning(text, where);
    }
}
/** The source, with the read of the config file at `path` already under way: a plan starts it before it
 * resolves its range, so that the text is there when the parse can start. */
function readingConfig(source, path) {
    const file = checkConfigPath(path);
    const reading = source.read(file);
    reading.catch(() => undefined); // awaited by loadConfig; a failure surfaces there
    return { ...source, read: (asked) => (asked === file ? reading : source.read(asked)) };
}
/** Parse and validate the config, and check it against the repository: its path patterns against the
 * tracked files (a dead pattern is a warning, or an error when `strictPaths`; a deployable service with no
 * live pattern is an error), and `audit.branch` against the branches that hold code. Every problem is
 * reported at once, sorted by line; throws ConfigError after reporting them. */
async function loadConfig(deps, path, options = {}) {
    const file = checkConfigPath(path);
    const strict = options.strictPaths ?? false;
    // For errors, git lists the tracked files while the config is parsed; origin/HEAD is read meanwhile.
    const tracked = strict ? deps.source.trackedFiles() : null;
    tracked?.catch(() => undefined);
    const branches = deps.source.codeBranches();
    branches.catch(() => undefined);
    const text = await readConfigText(deps, file);
    const parsed = await parseConfigText(text, file);
    const auditProblem = parsed.config ? (0,_core_config_repository_js__WEBPACK_IMPORTED_MODULE_2__/* .auditBranchProblem */ .Fv)(parsed.config, await branches) : null;
    if (parsed.config && !auditProblem)
        options.whenParsed?.(parsed.config);
    const diagnostics = [
        ...parsed.diagnostics,
        ...(auditProblem ? [auditProblem] : []),
        ...(await pathDiagnostics(deps.source, parsed.paths, strict ? tracked : null)),
    ].sort((a, b) => a.line - b.line || a.column - b.column);
    reportDiagnostics(deps.log, diagnostics);
    if (!parsed.config || diagnostics.some((d) => d.severity === 'error'))
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(diagnostics);
    return parsed.config;
}
/** The config file's text; a missing file is an InputError, anything but a regular file a ConfigError
 * (reported) that names what was found and reads nothing of it. */
async function readConfigText(deps, file) {
    const found = await deps.source.read(file);
    if (found.kind === 'file')
        return found.text;
    if (found.kind === 'missing') {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`no config file at ${file}`, `create ${file} (see the README's quick start), or point the \`config\` input at your file`, `create ${file} (see the README's quick start), or pass --config PATH`);
    }
    const diagnostics = [(0,_core_config_repository_js__WEBPACK_IMPORTED_MODULE_2__/* .notARegularFile */ .jX)(file, found.kind)];
    reportDiagnostics(deps.log, diagnostics);
    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .xL(diagnostics);
}
/** The problems of the path patterns that could be read: warnings and the errors of services that would
 * never release; with the listing of the tracked files (`validate`), every problem is an error. */
async function pathDiagnostics(source, paths, strictListing) {
    if (paths === null)
        return [];
    const check = new _core_match_js__WEBPACK_IMPORTED_MODULE_3__/* .PatternCheck */ .r(paths);
    if (strictListing === null)
        await proveFromCommit(check, source);
    if (check.allProven)
        return [];
    const found = check.unmatched(await (strictListing ?? source.trackedFiles()));
    return strictListing === null ? found : found.map((d) => ({ ...d, severity: 'error' }));
}
/** More directories than this are not worth one ls-tree: git compares each entry with each of them. */
const MAX_LISTED_DIRECTORIES = 256;
/** Proves what it can of the patterns from the entries of the few directories that hold their paths (for
 * `services/api/**`, `services`). At 2,000 services and 80,000 tracked files git answers in a few
 * milliseconds (135 KB) instead of ~60 (2 MB), and the entries nearly always prove every pattern, so that the
 * listing is not needed. */
async function proveFromCommit(check, source) {
    const dirs = check.directoriesToList(MAX_LISTED_DIRECTORIES);
    if (dirs && dirs.length > 0)
        check.proveWith(await source.committedEntries(dirs));
}
/** The fast reader when it takes the file, else the complete one, whose module (with the `yaml` package)
 * is loaded only then: most config files never need it, and loading it costs a plan ~20 ms. */
async function parseConfigText(text, file) {
    const fast = (0,_core_config_js__WEBPACK_IMPORTED_MODULE_0__/* .parseConfigFast */ .El)(text, file);
    if (fast)
        return fast;
    const { parseConfig } = await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(540)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5540));
    return parseConfig(text, file, { engine: 'yaml' });
}
/** The target environment: the input, else the config's; a name that is safe as a path segment. */
function resolveEnvironment(config, input) {
    const name = input || config.environment;
    if (!(0,_core_names_js__WEBPACK_IMPORTED_MODULE_4__/* .isEnvironmentName */ .tq)(name)) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`environment "${name}" is not a valid name`, (0,_core_names_js__WEBPACK_IMPORTED_MODULE_4__/* .describeNameRule */ .lU)('environment'));
    }
    return name;
}


/***/ }),

/***/ 9171:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ readHistory)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4296);
/* harmony import */ var _core_names_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2483);
/* harmony import */ var _audit_log_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(9924);
/** The `history` use case: what the audit log says, newest first. It never stops at a bad file: what can
 * be read is listed, and each file that cannot is named with what is wrong with it. */



/** `current/<environment>/<service>.json`, the only place a live pointer may be. */
const LIVE_POINTER_PATH = /^current\/([^/]+)\/([^/]+)\.json$/;
async function readHistory(audit, options) {
    // The name becomes a path on the audit branch: `../../etc` is no service.
    if (options.service !== undefined && !(0,_core_names_js__WEBPACK_IMPORTED_MODULE_1__/* .isServiceName */ .tN)(options.service))
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`"${options.service}" is not a service name`, `give the name of a service in the config: ${(0,_core_names_js__WEBPACK_IMPORTED_MODULE_1__/* .describeNameRule */ .lU)('service')}`);
    const tree = await audit.snapshot();
    const problems = [];
    const paths = (await tree.list(options.service ? `records/${options.service}` : 'records'))
        // File names start with the start time, so the name orders the records in time across services.
        .sort((a, b) => (a.slice(a.lastIndexOf('/')) < b.slice(b.lastIndexOf('/')) ? 1 : -1))
        .slice(0, options.limit);
    const records = [];
    for (const [i, read] of (await Promise.all(paths.map((p) => (0,_audit_log_js__WEBPACK_IMPORTED_MODULE_2__/* .readAuditFile */ .qh)(tree, p)))).entries()) {
        if (read.problem !== null)
            problems.push({ path: paths[i], problem: read.problem });
        else if (read.value !== null)
            records.push(read.value);
    }
    const pointers = (await tree.list('current')).flatMap((path) => {
        const [, environment, service] = LIVE_POINTER_PATH.exec(path) ?? [];
        if (!environment || !service) {
            problems.push({ path, problem: 'it is not at current/<environment>/<service>.json' });
            return [];
        }
        return options.service && service !== options.service ? [] : [{ path, service, environment }];
    });
    // Read together, so the store can read them in one go.
    const read = await Promise.all(pointers.map((p) => (0,_audit_log_js__WEBPACK_IMPORTED_MODULE_2__/* .readAuditFile */ .qh)(tree, p.path)));
    const live = pointers.flatMap(({ path, service, environment }, i) => {
        const { value, problem } = read[i];
        if (problem !== null)
            problems.push({ path, problem });
        return value === null ? [] : [{ service, environment, pointer: value }];
    });
    return { records, live, problems };
}


/***/ }),

/***/ 3958:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Z: () => (/* binding */ planFromInputs)
});

// UNUSED EXPORTS: runPlan

// EXTERNAL MODULE: ./src/core/detect.ts
var detect = __nccwpck_require__(80);
;// CONCATENATED MODULE: ./src/core/diff.ts
/** Parsing of `git diff --name-status -z --no-renames` output. */
/** Statuses followed by two paths (source, destination). `--no-renames` should prevent them, but a user's
 * git config or an older git could still produce them, and dropping a path would drop a change. */
function hasTwoPaths(status) {
    return status.startsWith('R') || status.startsWith('C');
}
/** The changed paths of `git diff --name-status -z` output (`status NUL path NUL …`), in order and
 * de-duplicated. With `-z` a path is taken verbatim: spaces, quotes, newlines and non-ASCII need no
 * unquoting. Both paths of a rename or copy count as changed. */
function parseNameStatusZ(raw) {
    const fields = raw.split('\0');
    const paths = [];
    // A tree diff names each path once; only a rename or copy can name one again, so the set that
    // de-duplicates is started at the first of those (50,000 insertions saved in a large plan).
    let seen = null;
    let i = 0;
    while (i < fields.length) {
        const status = fields[i++];
        if (status === '')
            continue; // the trailing NUL leaves one empty field
        const twoPaths = hasTwoPaths(status);
        if (twoPaths)
            seen ??= new Set(paths);
        for (let k = 0; k < (twoPaths ? 2 : 1) && i < fields.length; k++) {
            const path = fields[i++];
            if (path === '' || seen?.has(path))
                continue;
            seen?.add(path);
            paths.push(path);
        }
    }
    return paths;
}

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __nccwpck_require__(4296);
// EXTERNAL MODULE: ./src/core/versions.ts
var core_versions = __nccwpck_require__(4506);
;// CONCATENATED MODULE: ./src/core/event.ts
/** What the triggering GitHub event says about the commits to compare. Pure: the payload goes in as data,
 * a RangeRequest comes out; src/app/range.ts turns it into a concrete range with git. */

const ZERO_SHA = '0'.repeat(40);
const SHA_PATTERN = /^[0-9a-f]{40}$/i;
const TAG_PREFIX = 'refs/tags/';
function isZeroSha(sha) {
    return sha === ZERO_SHA;
}
/** The SHA when the value is 40 hex characters (lowercased), else null. */
function validSha(value) {
    return typeof value === 'string' && SHA_PATTERN.test(value) ? value.toLowerCase() : null;
}
/** What to compare for event `name` with payload `payload` (the parsed GITHUB_EVENT_PATH). */
function describeEvent(name, payload, tagFormat) {
    const data = isRecord(payload) ? payload : {};
    switch (name) {
        case 'push':
            return describePush(data, tagFormat);
        case 'pull_request':
        case 'pull_request_target': {
            const pr = data.pull_request;
            return {
                kind: 'pull_request',
                event: name,
                base: validSha(pr?.base?.sha),
                head: validSha(pr?.head?.sha),
            };
        }
        case 'merge_group': {
            const group = data.merge_group;
            return { kind: 'merge_group', base: validSha(group?.base_sha), head: validSha(group?.head_sha) };
        }
        default:
            return { kind: 'none', event: name };
    }
}
function describePush(payload, tagFormat) {
    const ref = typeof payload.ref === 'string' ? payload.ref : null;
    const after = validSha(payload.after);
    const deleted = payload.deleted === true || isZeroSha(after);
    if (ref?.startsWith(TAG_PREFIX) && !deleted) {
        const tag = ref.slice(TAG_PREFIX.length);
        const parsed = (0,core_versions/* parseTag */.ED)(tagFormat, tag);
        if (parsed)
            return { kind: 'tag', ref, tag, service: parsed.service, version: parsed.version, after };
    }
    const commits = Array.isArray(payload.commits) ? payload.commits : [];
    const branch = payload.repository?.default_branch;
    return {
        kind: 'push',
        ref,
        before: validSha(payload.before),
        after,
        firstCommit: validSha(commits[0]?.id),
        commitCount: commits.length,
        forced: payload.forced === true,
        deleted,
        defaultBranch: typeof branch === 'string' && branch !== '' ? branch : null,
    };
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// EXTERNAL MODULE: ./src/core/match.ts
var match = __nccwpck_require__(2014);
// EXTERNAL MODULE: ./src/core/record.ts
var record = __nccwpck_require__(4130);
// EXTERNAL MODULE: ./src/app/audit-log.ts + 1 modules
var audit_log = __nccwpck_require__(9924);
// EXTERNAL MODULE: ./src/app/config.ts
var app_config = __nccwpck_require__(293);
// EXTERNAL MODULE: ./src/core/config.ts + 1 modules
var core_config = __nccwpck_require__(7378);
;// CONCATENATED MODULE: ./src/app/range.ts
/**
 * Which commits to compare, per trigger. The README carries the same table.
 *
 * | trigger                                  | range                                                              |
 * |------------------------------------------|--------------------------------------------------------------------|
 * | `base` / `head` inputs (any event)       | base..head; head defaults to HEAD; `head` alone: every service at   |
 * |                                          | head. A value that names no commit is an InputError.               |
 * | push                                     | before..after                                                      |
 * | push, `before` all zeros (new branch) or | parent of the first pushed commit..after; else                     |
 * | unreachable (force push; one fetch of it | merge-base(after, origin/<default branch>)..after (not for a push  |
 * | is tried first)                          | to the default branch itself); else every service. The summary     |
 * |                                          | names the fallback taken.                                          |
 * | push deleting the ref                    | nothing to release (said so)                                       |
 * | tag push matching the `tag` format       | exactly that service at that version                               |
 * | tag push not matching the format         | a push of the tagged commit (rules above)                          |
 * | pull_request, pull_request_target        | merge-base(base.sha, head.sha)..head.sha                           |
 * | merge_group                              | base_sha..head_sha                                                 |
 * | workflow_dispatch, schedule, any other   | base input..head, else every service at HEAD                       |
 * | shallow clone                            | the full history and tags are fetched first; if that fails, or a   |
 * |                                          | needed commit is still missing: HistoryError (`fetch-depth: 0`)    |
 *
 * A commit the event names that is missing from a complete clone is fetched once by SHA before the range
 * falls back (push `before`) or fails (every other commit).
 */


const FETCH_DEPTH_FIX = 'check out the full history: on actions/checkout set `with: { fetch-depth: 0 }` ' +
    '(and give the token `contents: read` so origin can be fetched)';
const FIRST_RELEASE = 'every service, as a first release';
async function resolveRange(deps, request, inputs) {
    const history = new History(deps);
    await history.completeShallowClone();
    if (inputs.base || inputs.head)
        return rangeFromInputs(history, inputs);
    switch (request.kind) {
        case 'push':
            return pushRange(history, request);
        case 'tag': {
            const head = await history.need(request.after ?? request.ref, `the commit of tag ${request.tag}`);
            const why = `tag push: ${request.tag} releases ${request.service} at ${request.version} (${range_short(head)})`;
            return { kind: 'tag', head, service: request.service, version: request.version, tag: request.tag, why };
        }
        case 'pull_request': {
            const base = await history.need(eventSha(request.base, request.event, 'base.sha'), 'the pull request base');
            const head = await history.need(eventSha(request.head, request.event, 'head.sha'), 'the pull request head');
            const mergeBase = await deps.git.mergeBase(base, head);
            if (!mergeBase) {
                const why = `${request.event}: base ${range_short(base)} and head ${range_short(head)} share no history: ${FIRST_RELEASE}`;
                return { kind: 'all', head, why };
            }
            const why = `${request.event}: ${range_short(mergeBase)}..${range_short(head)} (merge-base of base ${range_short(base)} and head)`;
            return { kind: 'diff', base: mergeBase, head, why };
        }
        case 'merge_group': {
            const base = await history.need(eventSha(request.base, 'merge_group', 'base_sha'), 'the merge group base');
            const head = await history.need(eventSha(request.head, 'merge_group', 'head_sha'), 'the merge group head');
            return { kind: 'diff', base, head, why: `merge_group: ${range_short(base)}..${range_short(head)}` };
        }
        case 'none': {
            const head = await history.currentHead();
            return { kind: 'all', head, why: `${request.event} with no base input: ${FIRST_RELEASE}` };
        }
    }
}
async function rangeFromInputs(history, inputs) {
    const [head, base] = await Promise.all([
        inputs.head ? history.input('head', inputs.head) : history.currentHead(),
        inputs.base ? history.input('base', inputs.base) : null,
    ]);
    const headLabel = `${inputs.head ?? 'HEAD'} (${range_short(head)})`;
    if (!inputs.base || !base) {
        return { kind: 'all', head, why: `head input ${headLabel} with no base input: ${FIRST_RELEASE}` };
    }
    return { kind: 'diff', base, head, why: `inputs: base ${inputs.base} (${range_short(base)})..head ${headLabel}` };
}
async function pushRange(history, request) {
    if (request.deleted) {
        // GitHub runs a deletion's workflow on the default branch: nothing the push made can be released.
        const head = await history.currentHead();
        return {
            kind: 'diff',
            base: head,
            head,
            why: `push deleted ${request.ref ?? 'the ref'}: nothing to release`,
        };
    }
    const head = request.after
        ? await history.need(request.after, 'the pushed commit (after)')
        : await history.currentHead();
    const push = request.forced ? 'force push' : 'push';
    if (request.before === null) {
        return pushFallback(history, request, head, `${push}: the event names no before commit`);
    }
    if (isZeroSha(request.before)) {
        return pushFallback(history, request, head, `${push}: before is all zeros (a new ${refKind(request.ref)})`);
    }
    const base = await history.find(request.before);
    if (base) {
        return {
            kind: 'diff',
            base,
            head,
            why: `${push}: ${range_short(base)}..${range_short(head)}${commits(request.commitCount)}`,
        };
    }
    const reason = `${push}: before ${range_short(request.before)} is unreachable`;
    history.log.warning(`${reason} (not in the checkout and not fetchable from origin)`);
    return pushFallback(history, request, head, reason);
}
/** The documented fallbacks when a push has no usable `before`; the why always names the one taken. */
async function pushFallback(history, request, head, reason) {
    const parent = await history.parentOf(request.firstCommit);
    if (parent) {
        const why = `${reason}; using the parent of the first pushed commit: ${range_short(parent)}..${range_short(head)}`;
        return { kind: 'diff', base: parent, head, why };
    }
    const branch = await history.defaultBranchTip(request);
    const mergeBase = branch && (await history.git.mergeBase(head, branch.tip));
    if (branch && mergeBase) {
        const nothingNew = mergeBase === head ? `; the pushed commit is already on ${branch.name}: nothing new` : '';
        const why = `${reason}; using the merge-base with ${branch.name}: ${range_short(mergeBase)}..${range_short(head)}${nothingNew}`;
        return { kind: 'diff', base: mergeBase, head, why };
    }
    return {
        kind: 'all',
        head,
        why: `${reason}, and there is no earlier commit to compare with: ${FIRST_RELEASE}`,
    };
}
/** Git lookups that fetch what is missing once, and fail with the fix. */
class History {
    git;
    log;
    constructor(deps) {
        this.git = deps.git;
        this.log = deps.log;
    }
    /** actions/checkout fetches one commit by default; the diff, merge-bases and versions need the rest. */
    async completeShallowClone() {
        if (!(await this.git.isShallow()))
            return;
        this.log.info('Shallow clone: fetching the full history and tags from origin');
        if (!(await this.git.fetch({ unshallow: true, tags: true }))) {
            throw new errors/* HistoryError */.tx('The checkout is a shallow clone and its history could not be fetched from origin', FETCH_DEPTH_FIX);
        }
    }
    /** The commit, fetching it once by SHA when it is missing; null when it cannot be had. */
    async find(rev) {
        const found = await this.git.resolveCommit(rev);
        const sha = validSha(rev);
        if (found || !sha)
            return found;
        this.log.debug(`Commit ${sha} is not in the checkout; fetching it from origin`);
        if (!(await this.git.fetch({ refspecs: [sha] })))
            return null;
        return this.git.resolveCommit(sha);
    }
    /** A commit the range cannot do without. */
    async need(rev, what) {
        const found = await this.find(rev);
        if (found)
            return found;
        throw new errors/* HistoryError */.tx(`${what}, ${range_short(rev)}, is not in the checkout and could not be fetched from origin`, FETCH_DEPTH_FIX);
    }
    async currentHead() {
        const head = await this.git.resolveCommit('HEAD');
        if (head)
            return head;
        throw new errors/* HistoryError */.tx('HEAD does not name a commit (is the repository empty?)', FETCH_DEPTH_FIX);
    }
    /** A `base` / `head` input: any revision that names a commit. */
    async input(name, value) {
        const found = await this.find(value);
        if (found)
            return found;
        throw new errors/* InputError */.dz(`Input ${name} ${JSON.stringify(value)} does not name a commit in this checkout`, `set ${name} to a commit SHA, branch or tag of this repository (for a branch of origin write origin/<branch>); ` +
            'on actions/checkout set `fetch-depth: 0` so every branch, tag and commit is there', `pass --${name} a commit SHA, branch or tag of this repository (for a branch of origin write origin/<branch>; \`git fetch\` first if it is new)`);
    }
    /** The parent of the first pushed commit, or null (no such commit, or it is a root commit). */
    async parentOf(firstCommit) {
        const first = firstCommit && (await this.find(firstCommit));
        return first ? this.git.resolveCommit(`${first}^`) : null;
    }
    /** origin's default branch, unless the push is to that branch itself (its merge-base would be the push). */
    async defaultBranchTip(request) {
        const branch = request.defaultBranch ?? (await this.git.defaultBranch());
        if (!branch || request.ref === `refs/heads/${branch}`)
            return null;
        const tracking = `refs/remotes/origin/${branch}`;
        const name = `origin/${branch}`;
        const tip = await this.git.resolveCommit(tracking);
        if (tip)
            return { name, tip };
        if (!isPlainBranchName(branch) ||
            !(await this.git.fetch({ refspecs: [`+refs/heads/${branch}:${tracking}`] }))) {
            return null;
        }
        const fetched = await this.git.resolveCommit(tracking);
        return fetched ? { name, tip: fetched } : null;
    }
}
/** A SHA the event must carry; an InputError when the payload lacks it. */
function eventSha(sha, event, field) {
    if (sha && !isZeroSha(sha))
        return sha;
    throw new errors/* InputError */.dz(`The ${event} event has no valid ${field} (40 hexadecimal characters)`, 'run on a genuine GitHub event, or set the base and head inputs');
}
/** A branch name that is safe inside a fetch refspec (no `:`, globs, leading `-` or `+`). */
function isPlainBranchName(branch) {
    return /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/.test(branch) && !branch.includes('..');
}
function refKind(ref) {
    return ref?.startsWith('refs/tags/') ? 'tag' : 'branch';
}
/** The payload's commit count; GitHub sends none for some pushes (a force push to an older commit). */
function commits(count) {
    if (count === 0)
        return '';
    return count === 1 ? ' (1 commit)' : ` (${count} commits)`;
}
function range_short(sha) {
    return /^[0-9a-f]{40}$/.test(sha) ? sha.slice(0, 7) : sha;
}

// EXTERNAL MODULE: ./src/core/semver.ts
var semver = __nccwpck_require__(4015);
;// CONCATENATED MODULE: ./src/app/plan.ts
/** The `plan` use case: which services changed in the range, at which next version, and why. */












async function runPlan(deps, request) {
    const { config } = request;
    const range = request.early?.range ??
        (await resolveRange(deps, request.event, { base: request.base, head: request.head }));
    // Debug only: the plan itself shows the range (the table, the job summary, the `plan` output), once.
    deps.log.debug(`Range: ${range.kind === 'diff' ? `${range.base}..${range.head}` : range.head} (${range.why})`);
    const index = (0,match/* compilePathIndex */.fc)(config);
    // The diff, the audit log (a fetch from origin) and the tags do not depend on each other.
    const early = request.early;
    const livePromise = range.kind === 'tag'
        ? new Map()
        : (early?.live ?? livePointers(deps.log, config, request.environment, deps.audit?.snapshot()));
    const tagsPromise = early?.tags ?? deps.git.tags();
    const [detected, live, tags] = await Promise.all([
        plan_detect(deps.git, config, index, range, early?.diff ?? null),
        livePromise,
        tagsPromise,
    ]);
    const { files } = detected;
    let detections = detected.detections;
    const releases = { live, tags: (0,core_versions/* latestReleases */.MP)(config.tag, tags), all: tags };
    const logs = startVersionLogs(deps.git, config, range, releases, detections.keys());
    const since = new Map();
    if (live.size > 0 && !request.base) {
        detections = await detectSinceReleases(deps, config, index, range.head, live, detections, since);
    }
    const versions = await versionsFor(deps, config, index, range, [...detections.keys()], releases, logs);
    const planned = (service) => {
        const detection = detections.get(service.name);
        const version = versions.get(service.name) ?? { version: '', previous: '' };
        const released = since.get(service.name);
        return {
            service: service.name,
            version: version.version,
            previousVersion: live.get(service.name)?.version ?? version.previous,
            kind: detection.kind,
            chain: detection.chain,
            reason: (0,detect/* formatReason */.K9)(detection) + (released ? ` (since release ${released.version})` : ''),
        };
    };
    const changed = config.services.filter((s) => detections.has(s.name));
    return {
        plan: {
            range: {
                kind: range.kind,
                base: range.kind === 'diff' ? range.base : null,
                head: range.head,
                why: range.why,
            },
            changedFiles: files.length,
            services: changed.filter((s) => s.deploy !== false).map(planned),
            libraries: changed.filter((s) => s.deploy === false).map(planned),
        },
        changedFiles: files,
    };
}
/** What is live per service, from the audit log (a snapshot of it, when there is one); empty (with a
 * warning) when it cannot be read, so a plan still works, from the event's range. */
async function livePointers(log, config, environment, snapshot) {
    const live = new Map();
    if (!snapshot)
        return live;
    try {
        const tree = await snapshot;
        if (tree.head === null)
            return live;
        // Asked for together, so the store can read them in one go.
        const services = config.services.filter((s) => s.deploy !== false).map((s) => s.name);
        const pointers = await Promise.all(services.map((service) => (0,audit_log/* readJson */.Vh)(tree, (0,record/* livePointerPath */.rW)(environment, service))));
        pointers.forEach((pointer, i) => {
            if (pointer)
                live.set(services[i], pointer);
        });
    }
    catch (error) {
        const fix = error instanceof errors/* UserError */.yo
            ? ` Fix: ${error.fix}; or give the range's base (the \`base\` input; \`--base\` on the command line).`
            : '';
        log.warning(`could not read the audit branch ${config.audit.branch} (${error.message}); each service is compared over the event's range instead of since its last release.${fix}`);
    }
    return live;
}
/** Release commits whose diffs against head one git process computes. */
const DIFFS_PER_BATCH = 64;
/** git matches each entry it walks against every pathspec (2,000 made `ls-files` take 0.7 s): a batch
 * that needs more roots than this diffs everything. */
const MAX_PATHSPECS = 256;
/** Re-detect each released service over the range since its own last successful release, so a change
 * whose release failed stays pending. Services released at the same commit share one diff. A release
 * that is not an ancestor of head (another branch, rewritten history) keeps the event's range. */
async function detectSinceReleases(deps, config, index, head, live, eventDetections, since) {
    const detections = new Map(eventDetections);
    const byBase = new Map();
    for (const [service, pointer] of live) {
        const services = byBase.get(pointer.sha);
        if (services)
            services.push(service);
        else
            byBase.set(pointer.sha, [service]);
    }
    // Services are released at many commits over time: ancestry is asked once, and diffs a batch at a time
    // (each is as long as the history since its release, so a batch bounds the memory they take).
    const ancestry = deps.git.ancestorsAmong([...byBase.keys()].filter((base) => base !== head), head);
    ancestry.catch(() => undefined); // awaited below
    const rootsOf = (0,detect/* releasingRootsOf */.T0)(config);
    /** The diffs of the batch's releases, of those that are ancestors of head when `ancestors` is known. */
    const diffsOf = (batch, ancestors) => {
        // Limited to the paths that can release the batch's services: the diff from an old release is as
        // long as all the history since, but only these files can change the answer.
        const roots = rootsOf(batch.flatMap(([, services]) => services));
        const diffs = deps.git.diffsToHead(batch.map(([base]) => base).filter((base) => base !== head && (ancestors?.has(base) ?? true)), head, roots && roots.length <= MAX_PATHSPECS ? roots : undefined);
        diffs.catch(() => undefined); // awaited below; a failure surfaces there
        return diffs;
    };
    let entries = [...byBase];
    // A few release commits, one batch: diffed while ancestry is asked, as releases are nearly always
    // ancestors of head. A non-ancestor's diff is dropped below; when git cannot diff one at all (a release
    // it does not have), the batch is diffed again without the non-ancestors.
    const single = entries.length > 0 && entries.length <= DIFFS_PER_BATCH ? entries : null;
    const early = single && diffsOf(single, null);
    const ancestors = await ancestry;
    // What changed since its release decides, whichever way it was found.
    const settle = (service, detection) => {
        if (detection) {
            detections.set(service, detection);
            since.set(service, live.get(service));
        }
        else
            detections.delete(service);
    };
    if (entries.length > DIFFS_PER_BATCH) {
        const released = entries.filter(([base]) => ancestors.has(base));
        const compared = await compareSinceRelease(deps.git, config, index, rootsOf, head, released);
        compared.forEach((detection, service) => settle(service, detection));
        entries = entries
            .map(([base, services]) => [base, services.filter((s) => !compared.has(s))])
            .filter(([, services]) => services.length > 0);
    }
    const batches = [];
    for (let start = 0; start < entries.length; start += DIFFS_PER_BATCH) {
        batches.push(entries.slice(start, start + DIFFS_PER_BATCH));
    }
    // git computes the next batch while this process reads the current one: two cores, both busy.
    let next = early && single
        ? early.catch(() => diffsOf(single, ancestors))
        : batches.length > 0
            ? diffsOf(batches[0], ancestors)
            : null;
    for (let b = 0; b < batches.length; b++) {
        const diffs = await next;
        next = b + 1 < batches.length ? diffsOf(batches[b + 1], ancestors) : null;
        for (const [base, services] of batches[b]) {
            const diff = diffs.get(base);
            if (base !== head && (diff === undefined || !ancestors.has(base))) {
                deps.log.info(`${services.join(', ')}: the live release ${base.slice(0, 12)} is not an ancestor of ${head.slice(0, 12)}; using the event's range`);
                continue;
            }
            const found = diff === undefined
                ? new Map()
                : (0,detect/* detectChanges */.f8)(config, parseNameStatusZ(diff), index);
            for (const service of services)
                settle(service, found.get(service));
        }
    }
    return detections;
}
/** Since-release detection by object, for many release commits: the objects at the paths that can
 * release each service (releasingRoots) are looked up at its release and at head, all in one git process;
 * equal objects mean nothing there changed, and the trees that differ are diffed against each other, all
 * in one more. Diffing each release commit against head took one `diff-tree` per 64 releases, each listing
 * the changes of every service of its batch: seconds, for 2,000 services released at 2,000 commits.
 * Returns the services it could tell about (null: nothing since its release); any other (a pattern with
 * no literal base, a path missing on either side or not a tree on both) is left to the commit diff. */
async function compareSinceRelease(git, config, index, rootsOf, head, released) {
    const questions = [];
    for (const [base, services] of released) {
        for (const service of services) {
            const roots = rootsOf([service]);
            if (roots !== null && roots.length > 0)
                questions.push({ service, base, roots });
        }
    }
    const result = new Map();
    if (questions.length === 0)
        return result;
    // At release, each root is looked up by path; at head, the roots' directories are listed, while those
    // lookups run: looking a root up re-reads its whole directory (2,000 lookups in `services`: ~0.2 s).
    const lookups = [];
    const asked = new Map();
    const lookUp = (commit, path) => {
        const key = `${commit}:${path}`;
        let at = asked.get(key);
        if (at === undefined) {
            asked.set(key, (at = lookups.length));
            lookups.push({ commit, path });
        }
        return at;
    };
    const thenAt = questions.map(({ base, roots }) => roots.map((root) => lookUp(base, root)));
    const [listed, objects] = await Promise.all([
        objectsListedAt(git, head, questions.flatMap(({ roots }) => roots)),
        git.objectsAt(lookups),
    ]);
    // A root the listing does not show (gone at head, say) is looked up too.
    const unlisted = [...new Set(questions.flatMap(({ roots }) => roots.filter((root) => !listed.has(root))))];
    const found = await git.objectsAt(unlisted.map((path) => ({ commit: head, path })));
    unlisted.forEach((root, i) => listed.set(root, found[i] ?? null));
    // Per service, the subtrees to diff; a service with any other kind of difference is not answered.
    const pairs = [];
    const pairAt = new Map();
    const toDiff = [];
    for (let q = 0; q < questions.length; q++) {
        const { service, roots } = questions[q];
        const diffs = [];
        let told = true;
        for (let r = 0; r < roots.length; r++) {
            const root = roots[r];
            const before = objects[thenAt[q][r]];
            const after = listed.get(root);
            if (before && after && before.object === after.object)
                continue;
            if (before?.type !== 'tree' || after?.type !== 'tree') {
                told = false;
                break;
            }
            const key = `${before.object} ${after.object}`;
            let pair = pairAt.get(key);
            if (pair === undefined) {
                pairAt.set(key, (pair = pairs.length));
                pairs.push({ from: before.object, to: after.object });
            }
            diffs.push({ root, pair });
        }
        if (!told)
            continue;
        if (diffs.length === 0)
            result.set(service, null);
        else
            toDiff.push({ service, diffs });
    }
    const outputs = await git.diffTrees(pairs);
    for (const { service, diffs } of toDiff) {
        const files = diffs.flatMap(({ root, pair }) => parseNameStatusZ(outputs[pair]).map((path) => `${root}/${path}`));
        result.set(service, (0,detect/* detectChanges */.f8)(config, files, index).get(service) ?? null);
    }
    return result;
}
async function plan_detect(git, config, index, range, diff) {
    if (range.kind === 'tag') {
        const service = config.services.find((s) => s.name === range.service);
        if (!service || service.deploy === false) {
            throw new errors/* InputError */.dz(`the tag ${range.tag} names the service "${range.service}", which ${service ? 'is a library (deploy: false)' : 'is not in the config'}`, `push a tag for one of: ${config.services
                .filter((s) => s.deploy !== false)
                .map((s) => s.name)
                .join(', ')}`);
        }
        return {
            detections: new Map([[service.name, { kind: 'tag', chain: [service.name, range.tag], files: 0 }]]),
            files: [],
        };
    }
    if (range.kind === 'all') {
        const all = new Map();
        for (const s of config.services)
            all.set(s.name, { kind: 'all', chain: [s.name, range.why], files: 0 });
        return { detections: all, files: [] };
    }
    const files = parseNameStatusZ(await (diff ?? git.diffNameStatus(range.base, range.head)));
    return { detections: (0,detect/* detectChanges */.f8)(config, files, index), files };
}
/** Next and previous version of each changed service. With `conventional`, commits since a service's last
 * tag are read once per distinct tag commit, so many services tagged together cost one `git log`. */
async function versionsFor({ git, log }, config, index, range, services, releases, started) {
    const result = new Map();
    if (config.versioning === 'sha') {
        for (const service of services) {
            result.set(service, {
                version: (0,core_versions/* shaVersion */.n4)(range.head),
                previous: releases.tags.get(service)?.version ?? '',
            });
        }
        return result;
    }
    if (range.kind === 'tag') {
        const target = range.version;
        const older = releases.all.filter((t) => {
            const parsed = (0,core_versions/* parseTag */.ED)(config.tag, t.name);
            return parsed?.service === range.service && semver/* semver */.h.lt(parsed.version, target);
        });
        result.set(range.service, {
            version: target,
            previous: (0,core_versions/* lastRelease */.Ik)(config.tag, range.service, older)?.version ?? '',
        });
        return result;
    }
    const lasts = services.map((service) => bumpedFrom(releases, service));
    const logSince = await logsSince(git, [...new Set(lasts.flatMap((last) => (last ? [last.sha] : [])))], range.head, started);
    // A release commit this repository does not have (a rewritten history, or one never fetched): the
    // event's commits stand in for those since it, so the version still rises from the one released. Asked
    // once per commit, and the event's log read once, however many services were released there.
    const missing = new Map();
    let eventLog;
    const isMissing = (sha) => {
        let answer = missing.get(sha);
        if (!answer)
            missing.set(sha, (answer = git.resolveCommit(sha).then((found) => found === null)));
        return answer;
    };
    // A commit in the logs of several releases is matched once: servicesTouchedBy remembers a file list.
    const filesOf = new Map();
    const sharedFiles = (commit) => {
        const known = filesOf.get(commit.sha);
        if (known)
            return known;
        filesOf.set(commit.sha, commit.files);
        return commit.files;
    };
    for (let i = 0; i < services.length; i++) {
        const service = services[i];
        const last = lasts[i];
        if (last === null) {
            result.set(service, { version: (0,core_versions/* nextVersion */.yU)(null, []), previous: '' });
            continue;
        }
        const commits = await logSince(last.sha).catch(async (error) => {
            if (!(await isMissing(last.sha)))
                throw error;
            log.info(`${service}: the commit of release ${last.version} (${last.sha.slice(0, 12)}) is not in this repository; its next version counts the commits of the event's range`);
            return (eventLog ??= git.log(range.kind === 'diff' ? range.base : null, range.head));
        });
        const messages = commits
            .filter((c) => (0,detect/* servicesTouchedBy */.Eh)(index, config, service, sharedFiles(c)))
            .map((c) => c.message);
        result.set(service, { version: (0,core_versions/* plannedVersion */.Rh)(last, messages, range.head), previous: last.version });
    }
    return result;
}
/** The object at each of these paths of `commit`, from one listing of their directories; a path the
 * listing does not show is left out. */
async function objectsListedAt(git, commit, paths) {
    const dirs = new Set(paths.map(match/* parentOf */.gN));
    const objects = new Map();
    if (dirs.size > app_config/* MAX_LISTED_DIRECTORIES */.z)
        return objects;
    const wanted = new Set(paths);
    for (const { path, type, object } of await git.treeEntries(commit, [...dirs])) {
        if (wanted.has(path))
            objects.set(path, { object, type });
    }
    return objects;
}
/** Up to this many releases get a `git log` each; more share one log of the history since their common
 * ancestor (one per release made 2,000 services released at different commits take minutes). */
const FEW_LOGS = 4;
/** The version logs of the releases of the services the event's range changed, started before the
 * since-release diffs, so that git runs them meanwhile: the versions need them after the diffs, and
 * waiting for them then left this process idle (~30 ms of a plan of 2,000 services released together).
 * Only when they are few (FEW_LOGS): more share one log, after the diffs (logsSince). A log that no service
 * needs in the end (the diffs find its services unchanged since their release) is left unread. */
function startVersionLogs(git, config, range, releases, changed) {
    const logs = new Map();
    if (config.versioning !== 'conventional' || range.kind === 'tag')
        return logs;
    const sinces = new Set();
    for (const service of changed) {
        const last = bumpedFrom(releases, service);
        if (last)
            sinces.add(last.sha);
    }
    if (sinces.size > FEW_LOGS)
        return logs;
    for (const since of sinces) {
        const log = git.log(since, range.head);
        log.catch(() => undefined); // read, and a failure handled, in versionsFor
        logs.set(since, log);
    }
    return logs;
}
/** `git log since..head` for each release, each read once; `started` are those already under way. */
async function logsSince(git, sinces, head, started) {
    const logs = new Map(started);
    if (sinces.length > FEW_LOGS) {
        const ancestors = await git.ancestorsAmong(sinces, head);
        const inHistory = sinces.filter((since) => ancestors.has(since));
        const base = inHistory.length > 1 ? await git.octopusBase(inHistory) : null;
        if (base) {
            const bySince = (0,core_versions/* commitsSinceEach */.eM)(await git.logWithParents(base, head), inHistory);
            for (const [since, commits] of bySince)
                logs.set(since, Promise.resolve(commits));
        }
    }
    return (since) => {
        let log = logs.get(since);
        if (!log)
            logs.set(since, (log = git.log(since, head)));
        return log;
    };
}
/** The release to bump from: the last tag, or what the audit log says is live when that is newer (a tag
 * that was never pushed, or not fetched, must not make a plan propose a version that is already out). */
function bumpedFrom(releases, service) {
    const tag = releases.tags.get(service) ?? null;
    const live = releases.live.get(service);
    if (!live || !semver/* semver */.h.valid(live.version))
        return tag;
    if (!tag || semver/* semver */.h.gt(live.version, tag.version))
        return { version: live.version, sha: live.sha };
    return tag;
}
/** Everything `plan` does from the inputs: load the config, read the event, plan. Shared by the action
 * and the CLI. */
async function planFromInputs(deps, inputs) {
    const source = (0,app_config/* readingConfig */.Fk)(deps.source, inputs.configPath);
    const early = await startRangeEarly(deps, inputs);
    // An explicit base is the whole range: the audit log (what is live) is not read, and origin not asked.
    const auditFor = inputs.base ? undefined : deps.auditFor;
    // The audit log is fetched from origin (over the network, in a workflow) while the config is read: from
    // the default branch, which nearly every config keeps. A config that names another fetches that one.
    const guess = early && auditFor ? fetchAudit(auditFor(core_config/* DEFAULTS */.zY.auditBranch)) : null;
    let audit;
    const config = await (0,app_config/* loadConfig */.Z9)({ log: deps.log, source }, inputs.configPath, {
        whenParsed: (parsed) => {
            const fetched = parsed.audit.branch === core_config/* DEFAULTS */.zY.auditBranch ? guess : null;
            audit = fetched?.store ?? auditFor?.(parsed.audit.branch);
            const environment = validEnvironment(parsed, inputs.environment);
            if (early && audit && environment) {
                const snapshot = fetched?.snapshot ?? audit.snapshot();
                early.live = livePointers(deps.log, parsed, environment, snapshot);
            }
        },
    });
    const event = describeEvent(inputs.eventName, inputs.payload, config.tag);
    const result = await runPlan({ ...deps, audit }, {
        config,
        event,
        early,
        base: inputs.base,
        head: inputs.head,
        environment: (0,app_config/* resolveEnvironment */.g9)(config, inputs.environment),
    });
    return { ...result, config };
}
/** Only a tag push needs the config (its tag format) to know its range; any other range is resolved, and
 * its diff started, before the config is parsed, so git computes a large diff while the config is read. */
async function startRangeEarly(deps, inputs) {
    const ref = inputs.payload?.ref;
    if (!inputs.base && typeof ref === 'string' && ref.startsWith('refs/tags/'))
        return null;
    const range = await resolveRange(deps, describeEvent(inputs.eventName, inputs.payload, core_config/* DEFAULTS */.zY.tag), inputs);
    const diff = range.kind === 'diff' ? deps.git.diffNameStatus(range.base, range.head) : null;
    const tags = deps.git.tags();
    // Awaited later, after the config; a failure surfaces there, not as an unhandled rejection.
    diff?.catch(() => undefined);
    tags.catch(() => undefined);
    return { range, diff, tags };
}
/** A store and its snapshot, under way; a failure surfaces when the snapshot is used, and is dropped when
 * the config names another branch. */
function fetchAudit(store) {
    const snapshot = store.snapshot();
    snapshot.catch(() => undefined);
    return { store, snapshot };
}
/** The environment a plan would use, or undefined when it is invalid (resolveEnvironment reports that). */
function validEnvironment(config, input) {
    try {
        return (0,app_config/* resolveEnvironment */.g9)(config, input);
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 5581:
/***/ ((module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ main)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_util__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _package_json__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(8330);
/* harmony import */ var _adapters_audit_store_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(1935);
/* harmony import */ var _adapters_git_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(6960);
/* harmony import */ var _adapters_console_logger_js__WEBPACK_IMPORTED_MODULE_16__ = __nccwpck_require__(1246);
/* harmony import */ var _adapters_engine_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(5314);
/* harmony import */ var _adapters_workspace_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(1841);
/* harmony import */ var _app_config_js__WEBPACK_IMPORTED_MODULE_8__ = __nccwpck_require__(293);
/* harmony import */ var _app_history_js__WEBPACK_IMPORTED_MODULE_9__ = __nccwpck_require__(9171);
/* harmony import */ var _app_plan_js__WEBPACK_IMPORTED_MODULE_10__ = __nccwpck_require__(3958);
/* harmony import */ var _core_config_js__WEBPACK_IMPORTED_MODULE_11__ = __nccwpck_require__(7378);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_12__ = __nccwpck_require__(4296);
/* harmony import */ var _core_names_js__WEBPACK_IMPORTED_MODULE_13__ = __nccwpck_require__(2483);
/* harmony import */ var _core_plan_js__WEBPACK_IMPORTED_MODULE_14__ = __nccwpck_require__(4620);
/* harmony import */ var _core_release_summary_js__WEBPACK_IMPORTED_MODULE_15__ = __nccwpck_require__(9331);
/** The `monorepo-release` command line: the same use cases as the action, on any git checkout, with no
 * GitHub at all. */

















const USAGE = `usage: monorepo-release <command> [options]

commands:
  plan                      which services changed, at which version, and why
  validate                  check the config file (a path pattern that matches nothing is an error)
  history [service]         the audit log, newest first, and what is live now
  release <service> --dry-run [--version V]
                            the stages, commands and environment a release would use; runs nothing

options:
  --config PATH   config file, relative to the repository root (default .github/monorepo-release.yml)
  --base REV      plan: compare from this revision (default: each service since its last release,
                  else every service, as a first release)
  --head REV      plan: compare up to this revision (default HEAD)
  --environment E plan, history, release: the environment (default: the config's)
  --limit N       history: how many records (default 20)
  --audit-branch B
                  history: the audit branch (default: the config's, else release-audit); no config
                  file needed
  --json          plan, history: print JSON
  -C DIR          run as if started in DIR
  -h, --help      this text
  --version       the version of monorepo-release (alone; with release, the version to preview)

Origin is asked for the audit branch (what is live) with a deadline of 30 s a call
(MONOREPO_RELEASE_GIT_TIMEOUT changes it); past it, the copy fetched last is used, and a warning says so.
plan --base never asks origin. NO_COLOR turns colour off; output that is not a terminal has none.
`;
async function main(argv, out = (text) => process.stdout.write(text)) {
    if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
        out(`monorepo-release ${_package_json__WEBPACK_IMPORTED_MODULE_3__/* .version */ .rE}\n`);
        return 0;
    }
    const { values, positionals } = (0,node_util__WEBPACK_IMPORTED_MODULE_2__.parseArgs)({
        args: argv,
        allowPositionals: true,
        options: {
            config: { type: 'string', default: '.github/monorepo-release.yml' },
            base: { type: 'string' },
            head: { type: 'string' },
            environment: { type: 'string' },
            version: { type: 'string', default: '' },
            limit: { type: 'string', default: '20' },
            'audit-branch': { type: 'string' },
            'dry-run': { type: 'boolean', default: false },
            json: { type: 'boolean', default: false },
            C: { type: 'string', short: 'C' },
            help: { type: 'boolean', short: 'h', default: false },
        },
    });
    const [command, target] = positionals;
    if (values.help || !command) {
        out(USAGE);
        return values.help ? 0 : 2;
    }
    if (command === 'plan' || command === 'validate')
        (0,_adapters_engine_js__WEBPACK_IMPORTED_MODULE_6__/* .skipOptimizingCompiler */ .b)();
    const log = new _adapters_console_logger_js__WEBPACK_IMPORTED_MODULE_16__/* .ConsoleLogger */ .Cr(undefined, false, (0,_adapters_console_logger_js__WEBPACK_IMPORTED_MODULE_16__/* .wantsColour */ .Ml)(process.stderr));
    const warning = (message) => log.warning(message);
    const root = await (0,_adapters_git_js__WEBPACK_IMPORTED_MODULE_5__/* .findRepoRoot */ .Gn)(values.C ?? process.cwd());
    const git = new _adapters_git_js__WEBPACK_IMPORTED_MODULE_5__/* .CliGit */ .pb({ root, warning });
    const deps = { git, log, source: (0,_adapters_workspace_js__WEBPACK_IMPORTED_MODULE_7__/* .workTreeConfigSource */ .l)(git) };
    // Off the VPN, say: the copy of the audit branch fetched last, with a warning, rather than nothing.
    const auditFor = (branch) => new _adapters_audit_store_js__WEBPACK_IMPORTED_MODULE_4__/* .GitAuditStore */ .zq({ root, branch, readLocalCopy: warning });
    switch (command) {
        case 'plan': {
            const result = await (0,_app_plan_js__WEBPACK_IMPORTED_MODULE_10__/* .planFromInputs */ .Z)(
            // The config of the commit planned, as the action reads it; `validate` reads the work tree.
            { ...deps, source: (0,_adapters_workspace_js__WEBPACK_IMPORTED_MODULE_7__/* .commitConfigSource */ .P)(git, values.head ?? 'HEAD'), auditFor }, {
                configPath: values.config,
                eventName: 'local',
                payload: {},
                base: values.base,
                head: values.head,
                environment: values.environment,
            });
            out(values.json ? JSON.stringify((0,_core_plan_js__WEBPACK_IMPORTED_MODULE_14__/* .planToJson */ .$p)(result.plan), null, 2) + '\n' : (0,_core_plan_js__WEBPACK_IMPORTED_MODULE_14__/* .renderPlanTable */ .Qi)(result.plan));
            return 0;
        }
        case 'validate': {
            const config = await (0,_app_config_js__WEBPACK_IMPORTED_MODULE_8__/* .loadConfig */ .Z9)(deps, values.config, { strictPaths: true });
            out(`${config.file} is valid: ${config.services.length} service(s).\n`);
            return 0;
        }
        case 'history': {
            if (target !== undefined && !(0,_core_names_js__WEBPACK_IMPORTED_MODULE_13__/* .isServiceName */ .tN)(target)) {
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_12__/* .InputError */ .dz(`${JSON.stringify(target)} is not a service name`, `${(0,_core_names_js__WEBPACK_IMPORTED_MODULE_13__/* .describeNameRule */ .lU)('service')}; run \`monorepo-release history\` to see every service`);
            }
            const limit = Number.parseInt(values.limit, 10);
            if (!(limit > 0))
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_12__/* .InputError */ .dz(`--limit ${values.limit} is not a positive number`, 'give --limit 20');
            const history = await (0,_app_history_js__WEBPACK_IMPORTED_MODULE_9__/* .readHistory */ .L)(auditFor(await auditBranch(values, root, deps)), {
                service: target,
                limit,
            });
            out(values.json
                ? JSON.stringify(history, null, 2) + '\n'
                : (0,_core_release_summary_js__WEBPACK_IMPORTED_MODULE_15__/* .renderHistory */ .z)(history.records, history.live, history.problems));
            // Everything readable was listed; a file that was not is a damaged log, which scripts must notice.
            return history.problems.length > 0 ? 1 : 0;
        }
        case 'release': {
            if (!values['dry-run']) {
                throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_12__/* .InputError */ .dz('the CLI only previews releases', 'add --dry-run; real releases run in GitHub Actions, where the audit record names the run');
            }
            const config = await (0,_app_config_js__WEBPACK_IMPORTED_MODULE_8__/* .loadConfig */ .Z9)(deps, values.config);
            // Loaded only here: the release modules are a third of the CLI, and every other command starts faster.
            const { previewRelease } = await __nccwpck_require__.e(/* import() */ 840).then(__nccwpck_require__.bind(__nccwpck_require__, 7840));
            const result = await previewRelease({ root, git, auditFor, out }, config, {
                service: target ?? '',
                version: values.version,
                head: values.head,
                environment: values.environment,
            });
            out(result.message + '\n');
            return 0;
        }
        default:
            process.stderr.write(`unknown command "${command}"\n\n${USAGE}`);
            return 2;
    }
}
/** The audit branch `history` reads: --audit-branch, else the config's, else the default; a repository
 * without a config file can still show its log. */
async function auditBranch(values, root, deps) {
    if (values['audit-branch'])
        return values['audit-branch'];
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, values.config)))
        return _core_config_js__WEBPACK_IMPORTED_MODULE_11__/* .DEFAULTS */ .zY.auditBranch;
    return (await (0,_app_config_js__WEBPACK_IMPORTED_MODULE_8__/* .loadConfig */ .Z9)(deps, values.config)).audit.branch;
}
let exitCode;
try {
    exitCode = await main(process.argv.slice(2));
}
catch (error) {
    exitCode = 1;
    const failed = (0,_adapters_console_logger_js__WEBPACK_IMPORTED_MODULE_16__/* .label */ .Pf)('error', (0,_adapters_console_logger_js__WEBPACK_IMPORTED_MODULE_16__/* .wantsColour */ .Ml)(process.stderr));
    if (error instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_12__/* .UserError */ .yo) {
        process.stderr.write(`${failed} ${error.describe('terminal')}\n`);
        // Bad input is a usage error, as a bad option is.
        if (error instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_12__/* .InputError */ .dz)
            exitCode = 2;
    }
    else if (error instanceof TypeError &&
        'code' in error &&
        String(error.code).startsWith('ERR_PARSE_ARGS')) {
        process.stderr.write(`${failed} ${error.message}\n\n${USAGE}`);
        exitCode = 2;
    }
    else {
        // A bug: its message, and the stack on request, not a wall of frames for a user.
        const stack = process.env.MONOREPO_RELEASE_DEBUG ? `\n${error?.stack ?? ''}` : '';
        process.stderr.write(`${failed} ${error instanceof Error ? error.message : String(error)}\n${stack || '(set MONOREPO_RELEASE_DEBUG=1 for the stack trace)'}\n`);
    }
}
// Everything is done: leave now instead of tearing the heap down, which takes 10-20 ms after a large plan.
// Only once the output is flushed, as a pipe is written asynchronously on macOS.
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(exitCode);
function flushed(stream) {
    return new Promise((resolve) => stream.write('', () => resolve()));
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 1018:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CA: () => (/* binding */ codeBranches),
/* harmony export */   Fv: () => (/* binding */ auditBranchProblem),
/* harmony export */   jX: () => (/* binding */ notARegularFile)
/* harmony export */ });
/* harmony import */ var _config_tree_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9930);
/** Checks of the config against the repository it lives in, which the file alone cannot tell: what is
 * committed at the config path, and which branches hold the code (the audit log may not be one of them).
 * Pure: the adapters supply what git and the event say. */

const FOUND = {
    symlink: 'is a symlink',
    submodule: 'is a submodule',
    directory: 'is a directory',
    special: 'is not a regular file',
};
/** The error for a config path that holds something other than a regular file. Says what was found and
 * nothing of what it points to. */
function notARegularFile(file, kind) {
    return {
        severity: 'error',
        file,
        line: 1,
        column: 1,
        message: `${file} ${FOUND[kind]}; the config must be a regular file committed at ${file} ` +
            `(its content is read from git, a link is never followed): replace it with the file itself`,
    };
}
/** The names git and GitHub give a new repository's default branch: taken as code branches when the
 * default branch cannot be told, rather than letting an audit log land on one of them. */
const USUAL_DEFAULT_BRANCHES = ['main', 'master'];
/** The branches that hold code: the default branch (origin/HEAD, else the event's
 * `repository.default_branch`; `main` and `master` when neither tells it), the branch the workflow runs
 * on (`GITHUB_REF` = `refs/heads/<x>`), and a pull request's base branch. */
function codeBranches(facts) {
    const payload = isRecord(facts.payload) ? facts.payload : {};
    const repository = isRecord(payload.repository) ? payload.repository : {};
    const fromEvent = nonEmpty(repository.default_branch);
    const branches = [];
    if (facts.defaultBranch !== null) {
        branches.push({ name: facts.defaultBranch, why: "the repository's default branch (origin/HEAD)" });
    }
    else if (fromEvent !== undefined) {
        branches.push({ name: fromEvent, why: "the repository's default branch" });
    }
    else {
        for (const name of USUAL_DEFAULT_BRANCHES)
            branches.push({ name, why: 'a usual default branch (origin/HEAD does not say which is the default)' });
    }
    if (facts.ref?.startsWith('refs/heads/'))
        branches.push({ name: facts.ref.slice('refs/heads/'.length), why: 'the branch this workflow runs on' });
    const pullRequest = isRecord(payload.pull_request) ? payload.pull_request : {};
    const base = nonEmpty(isRecord(pullRequest.base) ? pullRequest.base.ref : undefined);
    if (base !== undefined)
        branches.push({ name: base, why: 'the base branch of this pull request' });
    return branches;
}
/** An error at `audit.branch` when it names a branch that holds code: every release would push its bot
 * commits onto that branch. */
function auditBranchProblem(config, branches) {
    const code = branches.find((b) => b.name === config.audit.branch);
    if (code === undefined)
        return null;
    const position = config.positions.get('/audit/branch') ?? { line: 1, column: 1 };
    return {
        severity: 'error',
        file: config.file,
        line: position.line,
        column: position.column,
        message: `audit.branch ${(0,_config_tree_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(code.name)} is ${code.why}; the audit log needs a branch of its own, or each ` +
            `release would push its records onto your code: remove the key to use "release-audit", or name a ` +
            `branch no one commits to`,
    };
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function nonEmpty(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
}


/***/ }),

/***/ 9930:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Pu: () => (/* binding */ keyText),
/* harmony export */   g5: () => (/* binding */ ALIAS_BOMB_MESSAGE),
/* harmony export */   hD: () => (/* binding */ quote),
/* harmony export */   q$: () => (/* binding */ positionsOf)
/* harmony export */ });
/** Line and column (1-based, in UTF-16 units as editors count) of text offsets. Readers ask in nearly
 * ascending order, so the line of the previous answer is tried first, then the next one. */
function positionsOf(text) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
        starts.push(i + 1);
    let line = 0;
    const isOn = (index, offset) => index < starts.length &&
        starts[index] <= offset &&
        (index + 1 === starts.length || offset < starts[index + 1]);
    return (offset) => {
        if (!isOn(line, offset)) {
            if (isOn(line + 1, offset))
                line++;
            else
                line = lineOf(starts, offset);
        }
        return { line: line + 1, column: offset - starts[line] + 1 };
    };
}
function lineOf(starts, offset) {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid] <= offset)
            low = mid;
        else
            high = mid - 1;
    }
    return low;
}
/** A key as written: plain `123` or `true` keys are names too; null for anything else. */
function keyText(key) {
    if (key?.kind !== 'scalar' || key.value === null)
        return null;
    if (typeof key.value === 'string')
        return key.value;
    if (typeof key.value === 'number' || typeof key.value === 'boolean')
        return key.source ?? String(key.value);
    return null;
}
/** A value shown in a message: JSON quoting makes newlines and control characters visible; long values are
 * shortened. */
function quote(text) {
    return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}
const ALIAS_BOMB_MESSAGE = 'the YAML aliases (*name) in this file expand to far more data than the file holds, which is refused ' +
    'to protect the runner ("billion laughs"); write the values out or use fewer aliases';


/***/ }),

/***/ 7378:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  zY: () => (/* binding */ DEFAULTS),
  El: () => (/* binding */ parseConfigFast),
  q7: () => (/* binding */ parseConfigWith),
  Pv: () => (/* binding */ resolveDeploymentEnvironment)
});

// UNUSED EXPORTS: AUDIT_KEYS, DEFAULTS_KEYS, MAX_CONFIG_BYTES, SERVICE_KEYS, STAGE_KEYS, SUPPORTED_VERSIONS, TOP_LEVEL_KEYS, VERIFY_KEYS, VERSIONING_MODES, canUseFastPath

// EXTERNAL MODULE: ./src/core/config-tree.ts
var config_tree = __nccwpck_require__(9930);
// EXTERNAL MODULE: ./src/core/duration.ts
var duration = __nccwpck_require__(8571);
// EXTERNAL MODULE: ./src/core/graph.ts
var core_graph = __nccwpck_require__(2479);
// EXTERNAL MODULE: ./src/core/names.ts
var core_names = __nccwpck_require__(2483);
// EXTERNAL MODULE: ./src/core/suggest.ts
var suggest = __nccwpck_require__(2085);
;// CONCATENATED MODULE: ./src/core/yaml-fast.ts
/** A fast reader of the plain YAML config files are written in. The `yaml` package's Document API reads any
 * YAML with positions but needs ~0.3 s for 2,000 services on a slow runner; this reader builds the same
 * config tree (config-tree.ts) for the common subset in one pass over the text, ~10x faster.
 *
 * The subset: block mappings and block sequences (a sequence may sit at its key's indentation, and an item
 * may hold a compact mapping, `- name: canary`); single-line plain, single-quoted and double-quoted
 * scalars (with YAML's escapes); single-line flow collections; literal and folded block scalars (`|`, `>`,
 * with `-` or `+`); comments; LF or CRLF line ends. Anything else gives up (undefined) and the caller uses
 * `yaml`, which reads it or reports the error: anchors, aliases, tags, directives, document markers,
 * explicit keys, indentation indicators, multi-line plain, quoted or flow values, tabs, lone CRs, a BOM,
 * control characters, duplicate keys, odd indentation. Giving up only costs speed, so every doubtful shape
 * gives up; config-fast.test.ts checks that whatever this reader accepts reads exactly as `yaml` reads it. */

/** Longest implicit key `yaml` accepts (its "at most 1024 chars" rule). */
const MAX_IMPLICIT_KEY = 1024;
/** Deeper nesting than any config needs: given up on, so hostile input cannot exhaust the stack. */
const MAX_DEPTH = 64;
const NEWLINE = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
/** The tree of `text`: null for a file with no content, undefined when the fast reader gives up. */
function yaml_fast_readFastTree(text) {
    if (!isPlainConfigText(text))
        return undefined;
    try {
        return new FastReader(text).document();
    }
    catch (error) {
        if (error instanceof Unsupported)
            return undefined;
        throw error;
    }
}
/** Thrown to give up. */
class Unsupported extends Error {
}
function giveUp() {
    throw new Unsupported();
}
/** Text the reader never tries: characters the two readers may treat differently, and features recognised
 * line by line. */
const UNSUPPORTED_TEXT = [
    /^\uFEFF/, // a BOM
    /[\t\x85\u2028\u2029]/, // tabs and Unicode line breaks
    /\r(?!\n)/, // a CR that is not part of a CRLF
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/, // C0 controls other than TAB, LF and CR, and DEL
    /^%/m, // directives
    /^(?:---|\.\.\.)(?:[ \r\n]|$)/m, // document markers
];
/** Regular expressions scan the whole text natively: a loop over its characters in JavaScript runs cold
 * (interpreted) in a one-shot process and costs more than the reading itself. */
function isPlainConfigText(text) {
    return !UNSUPPORTED_TEXT.some((pattern) => pattern.test(text));
}
/** Characters that cannot start a plain scalar here (YAML's indicators). `-` may, before a non-space. */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));
const FLOW_END = new Set(',[]{}');
function isIndicator(code) {
    return INDICATORS.has(code);
}
// The scans below are sticky regular expressions: native code, where a loop over the characters would
// run cold (interpreted) in a one-shot process. They are run with `test`, and `lastIndex` tells where
// the match ends: `exec` would allocate a result array per value.
/** A plain implicit key: up to the first `:` that a space or the line end follows. */
const PLAIN_KEY = /[^\r\n]*?(?=:(?:[ \r\n]|$))/y;
/** A plain value in block context: words up to the line end or a comment, without trailing spaces. */
const PLAIN_VALUE = /[^ \r\n]+(?: +[^ #\r\n][^ \r\n]*)*/y;
/** Characters of a plain scalar in a flow collection, up to a flow indicator, `:`, `#` or line end. */
const FLOW_PLAIN_RUN = /[^,[\]{}:#\r\n]*/y;
class FastReader {
    text;
    /** Between nodes: the start of a line. */
    pos = 0;
    /** The offset after the scalar or flow collection read last (returning it in a tuple would allocate one
     * per value). */
    end = 0;
    depth = 0;
    constructor(text) {
        this.text = text;
    }
    document() {
        const indent = this.nextContentLine();
        if (indent < 0)
            return null;
        const root = this.blockCollection(this.pos + indent, indent);
        if (this.nextContentLine() >= 0)
            giveUp();
        return root;
    }
    /** Moves to the next line with content (not blank, not only a comment) and returns its indentation,
     * or -1 at the end of the text. */
    nextContentLine() {
        const text = this.text;
        while (this.pos < text.length) {
            let at = this.pos;
            while (text.charCodeAt(at) === SPACE)
                at++;
            const ch = text.charCodeAt(at);
            if (!this.atLineEnd(at) && ch !== HASH)
                return at - this.pos;
            this.pos = this.nextLine(at);
        }
        this.pos = text.length;
        return -1;
    }
    /** A block mapping or sequence whose first entry starts at `at`, in column `col` (0-based). */
    blockCollection(at, col) {
        if (++this.depth > MAX_DEPTH)
            giveUp();
        const node = this.isDashItem(at) ? this.sequence(at, col) : this.mapping(at, col);
        this.depth--;
        return node;
    }
    mapping(at, col) {
        const map = { kind: 'map', start: at, items: [] };
        let entry = at;
        for (;;) {
            const key = this.key(entry) ?? giveUp();
            if (key.node.value === null)
                giveUp();
            map.items.push({ key: key.node, value: this.value(key.after, col, 'map') });
            const indent = this.nextContentLine();
            if (indent !== col) {
                if (indent > col)
                    giveUp(); // a continuation line, or a stray indentation
                if (hasDuplicateKeys(map.items))
                    giveUp(); // `yaml` reports them
                return map;
            }
            entry = this.pos + col;
            if (this.isDashItem(entry))
                giveUp(); // a sequence item after a value
        }
    }
    sequence(at, col) {
        const seq = { kind: 'seq', start: at, items: [] };
        let item = at;
        for (;;) {
            seq.items.push(this.value(item + 1, col, 'seq'));
            const indent = this.nextContentLine();
            if (indent > col)
                giveUp();
            if (indent < col || !this.isDashItem(this.pos + col))
                return seq;
            item = this.pos + col;
        }
    }
    /** The value after an indicator (`:` of a key, `-` of an item) that ends at `after`. Leaves `pos` at the
     * start of a line. `col` is the column of the mapping or sequence the value belongs to. */
    value(after, col, owner) {
        const text = this.text;
        let at = after;
        while (text.charCodeAt(at) === SPACE)
            at++;
        const ch = text.charCodeAt(at);
        if (this.atLineEnd(at) || ch === HASH)
            return this.valueBelow(at, col, owner);
        if (ch === DASH && this.isDashItem(at))
            giveUp(); // `- - a`, `key: - a`
        const key = this.key(at);
        if (key !== null) {
            if (owner === 'map')
                giveUp(); // `a: b: c`
            return this.blockCollection(at, at - this.lineStart(at)); // `- name: canary`
        }
        if (ch === 0x7c /* | */ || ch === 0x3e /* > */)
            return this.blockScalar(at, col);
        let node;
        if (ch === 0x5b /* [ */ || ch === 0x7b /* { */)
            node = this.flowCollection(at);
        else if (ch === 0x22 || ch === 0x27)
            node = this.quoted(at);
        else
            node = this.plain(at);
        this.pos = this.restOfLine(this.end);
        return node;
    }
    /** A value that is not on the indicator's line: a block collection below it, or nothing. */
    valueBelow(emptyAt, col, owner) {
        this.pos = this.nextLine(emptyAt);
        const indent = this.nextContentLine();
        const first = this.pos + indent;
        if (indent > col)
            return this.blockCollection(first, indent);
        // A sequence may sit at its key's own indentation.
        if (owner === 'map' && indent === col && this.isDashItem(first))
            return this.blockCollection(first, col);
        return { kind: 'scalar', start: Math.min(emptyAt, this.text.length), value: null, source: '' };
    }
    /** An implicit key at `at` (plain or quoted, on one line, followed by `:` and a space or line end), or
     * null when there is none. */
    key(at) {
        const text = this.text;
        const ch = text.charCodeAt(at);
        let node;
        let end;
        if (ch === 0x22 || ch === 0x27) {
            node = this.quoted(at);
            end = this.end;
        }
        else {
            if (isIndicator(ch))
                return null;
            PLAIN_KEY.lastIndex = at;
            if (!PLAIN_KEY.test(text))
                return null;
            end = PLAIN_KEY.lastIndex;
            const source = text.slice(at, end);
            if (source.includes(' #'))
                return null; // the colon is inside a comment
            if (source.endsWith(' ') || source.includes(':'))
                giveUp();
            node = plainScalar(at, source);
        }
        if (end - at > MAX_IMPLICIT_KEY)
            giveUp();
        if (text.charCodeAt(end) !== COLON)
            return null;
        if (!(text.charCodeAt(end + 1) === SPACE || this.atLineEnd(end + 1)))
            return null;
        return { node, after: end + 1 };
    }
    /** A single-line quoted scalar at `at`; `end` is set after its closing quote. */
    quoted(at) {
        const text = this.text;
        const quote = text[at];
        const lineEnd = this.lineEnd(at);
        let value = '';
        let from = at + 1;
        for (let i = from; i < lineEnd; i++) {
            const c = text[i];
            if (c === '\\' && quote === '"') {
                const [decoded, next] = unescapeAt(text, i + 1);
                value += text.slice(from, i) + decoded;
                from = next;
                i = next - 1;
            }
            else if (c === quote) {
                if (quote === "'" && text[i + 1] === "'") {
                    value += text.slice(from, i + 1);
                    from = ++i + 1;
                    continue;
                }
                value += text.slice(from, i);
                this.end = i + 1;
                return { kind: 'scalar', start: at, value, source: value };
            }
        }
        giveUp(); // multi-line, or not closed
    }
    /** A plain scalar in block context: to the end of the line or a comment. */
    plain(at) {
        const text = this.text;
        const ch = text.charCodeAt(at);
        if (isIndicator(ch) && !(ch === DASH && text.charCodeAt(at + 1) !== SPACE))
            giveUp();
        PLAIN_VALUE.lastIndex = at;
        if (!PLAIN_VALUE.test(text))
            giveUp();
        const end = PLAIN_VALUE.lastIndex;
        const source = text.slice(at, end);
        if (source.includes(': ') || source.endsWith(':'))
            giveUp();
        this.end = end;
        return plainScalar(at, source);
    }
    /** `[...]` or `{...}` on one line. */
    flowCollection(at) {
        if (++this.depth > MAX_DEPTH)
            giveUp();
        const text = this.text;
        const isSeq = text[at] === '[';
        const close = isSeq ? ']' : '}';
        const node = isSeq
            ? { kind: 'seq', start: at, items: [] }
            : { kind: 'map', start: at, items: [] };
        let p = this.skipSpaces(at + 1);
        if (text[p] === close) {
            this.depth--;
            this.end = p + 1;
            return node;
        }
        for (;;) {
            if (node.kind === 'seq') {
                node.items.push(this.flowItem(p, false));
            }
            else {
                const key = this.flowItem(p, true);
                const keyEnd = this.end;
                if (key.kind !== 'scalar' || key.value === null || text[keyEnd] !== ':' || text[keyEnd + 1] !== ' ')
                    giveUp();
                node.items.push({ key, value: this.flowItem(this.skipSpaces(keyEnd + 1), false) });
            }
            p = this.skipSpaces(this.end);
            if (text[p] === close) {
                if (node.kind === 'map' && hasDuplicateKeys(node.items))
                    giveUp();
                this.depth--;
                this.end = p + 1;
                return node;
            }
            if (text[p] !== ',')
                giveUp();
            p = this.skipSpaces(p + 1);
            if (text[p] === close)
                giveUp(); // a trailing comma
        }
    }
    /** An item of a flow collection (a key when `isKey`). */
    flowItem(at, isKey) {
        const text = this.text;
        const ch = text[at];
        if (ch === '[' || ch === '{') {
            if (isKey)
                giveUp();
            return this.flowCollection(at);
        }
        if (ch === '"' || ch === "'")
            return this.quoted(at);
        if (at >= text.length || isIndicator(text.charCodeAt(at)))
            giveUp();
        let end = at;
        for (;;) {
            FLOW_PLAIN_RUN.lastIndex = end;
            FLOW_PLAIN_RUN.test(text); // always matches, perhaps nothing
            end = FLOW_PLAIN_RUN.lastIndex;
            const c = text[end];
            if (c !== ':') {
                if (c === undefined || !FLOW_END.has(c))
                    giveUp(); // a line end, a comment
                break;
            }
            const next = text[end + 1] ?? ' ';
            if (next === ' ' && isKey)
                break;
            // `https://x` is one scalar; a `:` before a space, a break or a flow indicator is left to `yaml`.
            if (isKey || next === ' ' || next === '\r' || next === '\n' || FLOW_END.has(next))
                giveUp();
            end++;
        }
        let last = end;
        while (text.charCodeAt(last - 1) === SPACE)
            last--;
        if (isKey && last !== end)
            giveUp(); // `{a : b}`
        this.end = end;
        return plainScalar(at, text.slice(at, last));
    }
    /** A block scalar (`|` literal or `>` folded, with `-` strip or `+` keep chomping) whose header is at
     * `at`; `col` is its owner's column. */
    blockScalar(at, col) {
        const text = this.text;
        const folded = text[at] === '>';
        let p = at + 1;
        const chomp = text[p] === '-' || text[p] === '+' ? text[p++] : '';
        const afterHeader = this.skipSpaces(p);
        // Indentation indicators and anything else on the header line are left to `yaml`.
        if (!(this.atLineEnd(afterHeader) || (text.charCodeAt(afterHeader) === HASH && afterHeader > p)))
            giveUp();
        let line = this.nextLine(afterHeader);
        let indent = -1;
        let longestBlank = 0;
        const lines = [];
        let blanks = 0;
        while (line < text.length) {
            const end = this.lineEnd(line);
            const width = this.skipSpaces(line) - line;
            if (line + width === end) {
                if (indent === -1)
                    longestBlank = Math.max(longestBlank, width);
                else if (width > indent)
                    giveUp(); // spaces kept as content: left to `yaml`
                blanks++;
            }
            else {
                if (indent === -1) {
                    if (width <= col || longestBlank > width)
                        giveUp(); // empty, or odd leading blank lines
                    indent = width;
                }
                if (width < indent)
                    break;
                for (; blanks > 0; blanks--)
                    lines.push('');
                lines.push(text.slice(line + indent, end));
            }
            if (end >= text.length)
                giveUp(); // no final line break
            line = this.nextLine(end);
        }
        if (indent === -1)
            giveUp();
        this.pos = line;
        const body = folded ? fold(lines) : lines.join('\n');
        // Clip keeps one final line break, strip none, keep every trailing blank line too.
        const value = chomp === '-' ? body : body + '\n'.repeat(chomp === '+' ? blanks + 1 : 1);
        return { kind: 'scalar', start: at, value, source: value };
    }
    /** After a value on its line: only spaces and a comment may follow. Returns the next line's start. */
    restOfLine(end) {
        const text = this.text;
        const at = this.skipSpaces(end);
        const ch = text.charCodeAt(at);
        if (!this.atLineEnd(at) && !(ch === HASH && at > end))
            giveUp();
        return this.nextLine(at);
    }
    /** A `-` that starts a block sequence item: followed by a space or the line end. */
    isDashItem(at) {
        if (this.text.charCodeAt(at) !== DASH)
            return false;
        const next = this.text.charCodeAt(at + 1);
        return next === SPACE || this.atLineEnd(at + 1);
    }
    skipSpaces(at) {
        while (this.text.charCodeAt(at) === SPACE)
            at++;
        return at;
    }
    /** Whether `at` is where its line's content ends: a line break, or the end of the text. */
    atLineEnd(at) {
        const code = this.text.charCodeAt(at);
        return at >= this.text.length || code === NEWLINE || code === CR;
    }
    /** Where the content of the line holding `at` ends (before its LF or CRLF). */
    lineEnd(at) {
        const end = this.text.indexOf('\n', at);
        if (end === -1)
            return this.text.length;
        return this.text.charCodeAt(end - 1) === CR ? end - 1 : end;
    }
    /** The start of the line after the one holding `at` (the text's length after the last line). */
    nextLine(at) {
        const end = this.text.indexOf('\n', at);
        return end === -1 ? this.text.length : end + 1;
    }
    lineStart(at) {
        return this.text.lastIndexOf('\n', at - 1) + 1;
    }
}
/** Whether two keys of a mapping are the same name, as the validator reads names (`keyText`). Most
 * mappings hold a few keys, compared pairwise without a set. */
function hasDuplicateKeys(items) {
    const name = (i) => (0,config_tree/* keyText */.Pu)(items[i].key);
    if (items.length <= 8) {
        for (let i = 1; i < items.length; i++)
            for (let j = 0; j < i; j++)
                if (name(i) === name(j))
                    return true;
        return false;
    }
    const seen = new Set();
    for (let i = 0; i < items.length; i++)
        seen.add(name(i));
    return seen.size !== items.length;
}
/** The lines of a folded block scalar joined: a line break between two text lines becomes a space, one
 * next to an empty line is dropped, and breaks around more-indented lines are kept. */
function fold(lines) {
    let value = '';
    let separator = '';
    let previousMoreIndented = false;
    for (const line of lines) {
        if (line.startsWith(' ')) {
            if (separator === ' ')
                separator = '\n';
            else if (!previousMoreIndented && separator === '\n')
                separator = '\n\n';
            value += separator + line;
            separator = '\n';
            previousMoreIndented = true;
        }
        else if (line === '') {
            if (separator === '\n')
                value += '\n';
            else
                separator = '\n';
        }
        else {
            value += separator + line;
            separator = ' ';
            previousMoreIndented = false;
        }
    }
    return value;
}
/** The escapes of double-quoted YAML with one-character names. */
const ESCAPES = {
    '0': '\0',
    a: '\x07',
    b: '\b',
    t: '\t',
    n: '\n',
    v: '\v',
    f: '\f',
    r: '\r',
    e: '\x1b',
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    N: '\x85',
    _: '\xa0',
    L: '\u2028',
    P: '\u2029',
};
const HEX_ESCAPE_LENGTH = { x: 2, u: 4, U: 8 };
/** The escape whose name is at `at` (after its backslash): its text, and the offset after it. */
function unescapeAt(text, at) {
    const name = text[at] ?? '';
    const simple = ESCAPES[name];
    if (simple !== undefined)
        return [simple, at + 1];
    const length = HEX_ESCAPE_LENGTH[name] ?? giveUp();
    const digits = text.slice(at + 1, at + 1 + length);
    if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(digits))
        giveUp();
    const code = parseInt(digits, 16);
    if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff)
        giveUp(); // surrogates: left to `yaml`
    return [String.fromCodePoint(code), at + 1 + length];
}
/** A plain scalar, resolved by the YAML 1.2 core schema as `yaml` resolves it (in the same order): null,
 * booleans, octal `0o17`, decimal, hex `0x1f`, infinities and NaN, floats. Anything else is a string. */
function plainScalar(start, source) {
    return { kind: 'scalar', start, value: resolvePlain(source), source };
}
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const NAN_INF = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
function resolvePlain(source) {
    const first = source.charCodeAt(0);
    // Most values (paths, commands, names) start with a letter that no null, boolean or number starts with.
    const lower = first | 0x20;
    if (lower >= 0x61 && lower <= 0x7a && lower !== 0x6e && lower !== 0x74 && lower !== 0x66)
        return source;
    if (NULL.test(source))
        return null;
    if (BOOL.test(source))
        return first === 0x74 || first === 0x54;
    if (OCT.test(source))
        return parseInt(source.slice(2), 8);
    if (INT.test(source))
        return parseInt(source, 10);
    if (HEX.test(source))
        return parseInt(source.slice(2), 16);
    if (NAN_INF.test(source)) {
        if (source.slice(-3).toLowerCase() === 'nan')
            return NaN;
        return source.startsWith('-') ? -Infinity : Infinity;
    }
    if (EXP.test(source) || FLOAT.test(source))
        return parseFloat(source);
    return source;
}

;// CONCATENATED MODULE: ./src/core/config.ts
/** Loads and validates `.github/monorepo-release.yml`. Every mistake becomes a positioned diagnostic and all
 * of them are reported in one pass, so a user fixes the file once instead of once per error. */






// The keys the file accepts. The JSON schema in schema/ is tested against these lists.
const TOP_LEVEL_KEYS = [
    'version',
    'environment',
    'tag',
    'versioning',
    'shared',
    'defaults',
    'services',
    'audit',
];
const DEFAULTS_KEYS = ['stages', 'deploy', 'verify', 'rollback', 'timeout', 'pass-oidc'];
const SERVICE_KEYS = ['paths', 'depends-on', 'url', ...DEFAULTS_KEYS];
const STAGE_KEYS = ['name', 'percent', 'bake'];
const VERIFY_KEYS = ['command', 'http', 'interval', 'timeout', 'max-failures'];
const AUDIT_KEYS = ['branch', 'deployments', 'deployment-environment'];
const SUPPORTED_VERSIONS = [1];
const VERSIONING_MODES = ['conventional', 'sha'];
const MAX_CONFIG_BYTES = 1024 * 1024;
/** RELEASE_STAGE holds this word during a rollback, so no stage may be called that. */
const RESERVED_STAGE_NAME = 'rollback';
const DEFAULTS = {
    environment: 'production',
    tag: '{service}@v{version}',
    versioning: 'conventional',
    stages: [{ name: 'full', percent: 100 }],
    timeoutMs: 15 * 60_000,
    passOidc: false,
    verifyIntervalMs: 30_000,
    verifyTimeoutMs: 30_000,
    maxFailures: 0,
    auditBranch: 'release-audit',
    deployments: false,
    deploymentEnvironment: '{environment}/{service}',
};
const MINIMAL_CONFIG = [
    'version: 1',
    'services:',
    '  api:',
    '    paths: [services/api/**]',
    '    deploy: ./scripts/deploy.sh',
].join('\n');
/** The GitHub deployment environment of a service, from `audit.deployment-environment`. */
function resolveDeploymentEnvironment(audit, environment, service) {
    return audit.deploymentEnvironment
        .replaceAll('{environment}', environment)
        .replaceAll('{service}', service);
}
const NOTHING_READ = { config: null, paths: null };
/** What the fast reader makes of the file, when `engine` (`auto` or `fast`) takes it; null when `yaml`
 * must read the file. `config.positions` maps JSON pointers to where a value stands: a scalar's own
 * position, and for a mapping or list the position of its key (a block collection starts on the next
 * line, the key is what a reader looks for). */
function parseConfigFast(text, file, engine = 'auto') {
    if (utf8Length(text) > MAX_CONFIG_BYTES)
        return null;
    const tree = yaml_fast_readFastTree(text);
    if (tree === undefined)
        return null;
    const at = (0,config_tree/* positionsOf */.q$)(text);
    const fast = validateWith(file, (report) => validateTree(tree, at, undefined, text.length, file, report));
    return engine === 'fast' || fast.diagnostics.length === 0 ? { ...fast, engine: 'fast' } : null;
}
/** What the complete reader makes of the file: every YAML problem and every config mistake. */
function parseConfigWith(readYaml, text, file) {
    return { ...validateWith(file, (report) => loadConfig(readYaml, text, file, report)), engine: 'yaml' };
}
/** Whether the fast reader can build the tree of this text (parsing may still use `yaml`, for a file
 * with diagnostics). */
function canUseFastPath(text) {
    return utf8Length(text) <= MAX_CONFIG_BYTES && readFastTree(text) !== undefined;
}
function validateWith(file, load) {
    const diagnostics = [];
    const report = (severity, pos, message) => {
        diagnostics.push({ severity, file, line: pos.line, column: pos.column, message });
    };
    const { config, paths } = load(report);
    const hasError = diagnostics.some((d) => d.severity === 'error');
    const ordered = dedupe(diagnostics).sort((a, b) => a.line - b.line || a.column - b.column);
    return { config: hasError ? null : config, diagnostics: ordered, paths };
}
const START = { line: 1, column: 1 };
function loadConfig(readYaml, text, file, report) {
    const bytes = utf8Length(text);
    if (bytes > MAX_CONFIG_BYTES) {
        report('error', START, `the config file is ${(bytes / MAX_CONFIG_BYTES).toFixed(1)} MiB, over the limit of 1 MiB; ` +
            `check that the "config" input names the right file (a config is usually a few KiB)`);
        return NOTHING_READ;
    }
    const tree = readYaml(text, report);
    if (tree === null)
        return NOTHING_READ;
    return validateTree(tree.contents, tree.at, tree.firstAlias, text.length, file, report);
}
function validateTree(contents, at, firstAlias, textLength, file, report) {
    if (contents === null || isEmpty(contents)) {
        report('error', START, `the config file is empty; a minimal config is:\n${MINIMAL_CONFIG}`);
        return NOTHING_READ;
    }
    const reader = new Reader(at, textLength + 10_000, report);
    try {
        return readConfig(reader, contents, file);
    }
    catch (error) {
        if (!(error instanceof AliasExpansionError))
            throw error;
        report('error', firstAlias ?? START, config_tree/* ALIAS_BOMB_MESSAGE */.g5);
        return NOTHING_READ;
    }
}
/** Number of UTF-8 bytes, without allocating an encoded copy. Nearly every config is ASCII, which one
 * native scan tells; only other text is counted character by character. */
function utf8Length(text) {
    if (text.length > MAX_CONFIG_BYTES)
        return text.length; // at least one byte per UTF-16 unit: over already
    if (!NON_ASCII.test(text))
        return text.length;
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code < 0x80)
            bytes += 1;
        else if (code < 0x800)
            bytes += 2;
        else if (code >= 0xd800 && code <= 0xdbff) {
            bytes += 4; // a surrogate pair: one 4-byte character
            i++;
        }
        else
            bytes += 3;
    }
    return bytes;
}
const NON_ASCII = /[\u0080-\uffff]/;
/** Thrown when reading through aliases visits more nodes than the file could hold without them. */
class AliasExpansionError extends Error {
}
/** A value in the file: its node (aliases resolved), where it stands, and how messages name it. Its label
 * is worked out from its parent when a message asks: building a label and a JSON pointer for every value
 * of a 2,000-service config cost a plan ~13 ms. */
class Value {
    node;
    pos;
    at;
    parent;
    step;
    recorded;
    constructor(
    /** null when the entry has no value at all. */
    node, 
    /** The value's own position (the alias's, when reached through one). */
    pos, 
    /** The entry's position: the key for a mapping entry, else the value. */
    at, parent, 
    /** The key (in a mapping) or index (in a list) that leads from the parent here. */
    step, 
    /** Where RecordedPositions keeps it. */
    recorded) {
        this.node = node;
        this.pos = pos;
        this.at = at;
        this.parent = parent;
        this.step = step;
        this.recorded = recorded;
    }
    /** `services.api.stages[0].percent`; empty for the top level. */
    get label() {
        if (this.parent === null)
            return '';
        if (typeof this.step === 'number')
            return `${this.parent.label}[${this.step}]`;
        const up = this.parent.label;
        return up ? `${up}.${this.step}` : this.step;
    }
}
/** JSON pointer → position of every value read, in the order read. Kept as links to the parent and steps
 * from it, not as pointers: the map is built on first use (most plans never ask; a warning about a path
 * pattern does), and nothing here holds on to the YAML tree. */
class RecordedPositions {
    /** Per value: the parent's index (-1 for the top level), the step from it, the position. One array of
     * triples, not three arrays: one push per value of a 10,000-service file. */
    recorded = [];
    built = null;
    /** Records a value met by `step` from the one recorded at `parent` (-1 for the top level); returns
     * where it is kept. */
    record(parent, step, position) {
        this.recorded.push(parent, step, position);
        return this.recorded.length / 3 - 1;
    }
    map() {
        if (this.built)
            return this.built;
        const pointers = [];
        const map = new Map();
        const recorded = this.recorded;
        for (let i = 0; i < recorded.length / 3; i++) {
            const parent = recorded[3 * i];
            const step = recorded[3 * i + 1];
            const segment = typeof step === 'number' ? String(step) : escapePointer(step);
            pointers.push(parent < 0 ? '' : `${pointers[parent]}/${segment}`);
            map.set(pointers[i], recorded[3 * i + 2]);
        }
        this.built = map;
        return map;
    }
    get size() {
        return this.map().size;
    }
    get(pointer) {
        return this.map().get(pointer);
    }
    has(pointer) {
        return this.map().has(pointer);
    }
    forEach(fn) {
        this.map().forEach((position, pointer) => fn(position, pointer, this));
    }
    entries() {
        return this.map().entries();
    }
    keys() {
        return this.map().keys();
    }
    values() {
        return this.map().values();
    }
    [Symbol.iterator]() {
        return this.map()[Symbol.iterator]();
    }
}
/** Reads typed values out of the YAML tree, reporting each mistake at its node. */
class Reader {
    at;
    visitBudget;
    report;
    positions = new RecordedPositions();
    visits = 0;
    constructor(at, visitBudget, report) {
        this.at = at;
        this.visitBudget = visitBudget;
        this.report = report;
    }
    error(pos, message) {
        this.report('error', pos, message);
    }
    warning(pos, message) {
        this.report('warning', pos, message);
    }
    root(node) {
        return this.value(node, null, null, '');
    }
    /** Wraps a node met by `step` from `parent`, resolving an alias and recording it for its position. */
    value(raw, keyPos, parent, step) {
        if (++this.visits > this.visitBudget)
            throw new AliasExpansionError();
        const own = raw ? this.at(raw.start) : null;
        const node = raw?.kind === 'alias' ? raw.target : raw;
        const pos = own && !isEmpty(node) ? own : (keyPos ?? own ?? START);
        const at = keyPos ?? pos;
        // A collection is found by its key, a scalar at its own position.
        const position = node?.kind === 'map' || node?.kind === 'seq' ? at : pos;
        const recorded = this.positions.record(parent?.recorded ?? -1, step, position);
        return new Value(node, pos, at, parent, step, recorded);
    }
    /** The entries of a mapping, first occurrence of each key (reportDuplicateKeys reports the others). Keys
     * outside `allowed` are reported with a suggestion; pass null to accept any key. */
    mapping(v, allowed, expected = 'a mapping of keys') {
        if (v.node?.kind !== 'map') {
            this.typeError(v, expected);
            return null;
        }
        const entries = new Map();
        const items = v.node.items;
        // An indexed loop: `for...of` allocates per step in the short commands (see adapters/engine.ts).
        for (let i = 0; i < items.length; i++) {
            const pair = items[i];
            const keyPos = pair.key ? this.at(pair.key.start) : v.pos;
            const key = (0,config_tree/* keyText */.Pu)(pair.key);
            if (key === null) {
                this.error(keyPos, `a key ${where(v)} must be a plain name, not ${describe(pair.key)}`);
                continue;
            }
            if (entries.has(key))
                continue;
            if (allowed && !allowed.includes(key)) {
                this.unknownKey(key, keyPos, v, allowed);
                continue;
            }
            entries.set(key, this.value(pair.value, keyPos, v, key));
        }
        return entries;
    }
    unknownKey(key, pos, parent, allowed) {
        const guess = (0,suggest/* suggest */.Z)(key, allowed);
        const hint = guess ? `; did you mean ${(0,config_tree/* quote */.hD)(guess)}?` : '.';
        this.error(pos, `unknown key ${(0,config_tree/* quote */.hD)(key)} ${where(parent)}${hint} Allowed keys: ${allowed.join(', ')}`);
    }
    /** The items of a list, or null (reported) when the value is not one. */
    list(v, expected) {
        if (v.node?.kind !== 'seq') {
            this.typeError(v, expected);
            return null;
        }
        return v.node.items.map((item, i) => this.value(item, null, v, i));
    }
    /** A non-blank string. */
    string(v, expected) {
        const value = scalarValue(v.node);
        if (typeof value === 'string' && value.trim() !== '' && !hasUnknownTag(v.node))
            return value;
        this.typeError(v, expected);
        return undefined;
    }
    boolean(v) {
        const value = scalarValue(v.node);
        if (typeof value === 'boolean')
            return value;
        this.typeError(v, 'true or false');
        return undefined;
    }
    integer(v, min, max, expected) {
        const value = scalarValue(v.node);
        if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)
            return value;
        this.typeError(v, expected);
        return undefined;
    }
    duration(v) {
        const value = scalarValue(v.node);
        if (typeof value === 'string') {
            const ms = (0,duration/* parseDuration */.E9)(value);
            if (ms !== null)
                return ms;
        }
        if (typeof value === 'number') {
            this.typeError(v, `a duration with a unit, like ${value}s`);
            return undefined;
        }
        this.typeError(v, 'a duration: a whole number above 0 and a unit (ms, s, m or h) with no space, like 500ms, 30s, 5m or 1h, ' +
            `at most ${(0,duration/* formatDuration */.a3)(duration/* MAX_DURATION_MS */.rG - (duration/* MAX_DURATION_MS */.rG % 3_600_000))}`);
        return undefined;
    }
    name(v, kind) {
        const value = this.string(v, `${article(kind)} ${kind} name`);
        if (value === undefined)
            return undefined;
        if (isNameOf(kind, value))
            return value;
        this.error(v.pos, `${(0,config_tree/* quote */.hD)(v.label)} must be a valid ${kind} name; got ${(0,config_tree/* quote */.hD)(value)}: ${(0,core_names/* describeNameRule */.lU)(kind)}`);
        return undefined;
    }
    oneOf(v, choices) {
        const value = scalarValue(v.node);
        if (typeof value === 'string' && choices.includes(value))
            return value;
        const guess = typeof value === 'string' ? (0,suggest/* suggest */.Z)(value, choices) : undefined;
        this.typeError(v, `one of ${choices.join(', ')}${guess ? ` (did you mean ${(0,config_tree/* quote */.hD)(guess)}?)` : ''}`);
        return undefined;
    }
    url(v) {
        const value = this.string(v, 'an http or https URL');
        if (value === undefined)
            return undefined;
        if (isHttpUrl(value))
            return value;
        this.error(v.pos, `${(0,config_tree/* quote */.hD)(v.label)} must be an http or https URL, like https://api.example.com; got ${(0,config_tree/* quote */.hD)(value)}`);
        return undefined;
    }
    typeError(v, expected) {
        if (hasUnknownTag(v.node))
            return; // already reported by the parser pass
        this.error(v.pos, `${(0,config_tree/* quote */.hD)(v.label)} must be ${expected}; got ${describe(v.node)}`);
    }
}
/** The keys of a service that sets none of the defaults' (most services): one set for all of them. */
const NO_KEYS = new Set();
function readConfig(r, contents, file) {
    const root = r.root(contents);
    if (root.node?.kind !== 'map') {
        r.error(root.pos, `the top level of the config file must be a mapping of keys (version, services, …); got ${describe(root.node)}. ` +
            `A minimal config is:\n${MINIMAL_CONFIG}`);
        return NOTHING_READ;
    }
    // The version decides which keys exist, so it is checked before anything else.
    if (!readVersion(r, root, r.mapping(root, null).get('version')))
        return NOTHING_READ;
    const top = r.mapping(root, TOP_LEVEL_KEYS);
    const environment = top.has('environment')
        ? r.name(top.get('environment'), 'environment')
        : DEFAULTS.environment;
    const tag = top.has('tag') ? readTagTemplate(r, top.get('tag')) : DEFAULTS.tag;
    const versioning = top.has('versioning')
        ? r.oneOf(top.get('versioning'), VERSIONING_MODES)
        : DEFAULTS.versioning;
    const shared = top.has('shared') ? readPatterns(r, top.get('shared'), false) : [];
    const defaults = top.has('defaults') ? readDefaults(r, top.get('defaults')) : { given: new Set() };
    const drafts = readServices(r, root, top.get('services'));
    const audit = readAudit(r, top.get('audit'));
    checkDependencies(r, drafts);
    if (tag !== undefined)
        checkTagNames(r, top.get('tag') ?? root, tag, drafts);
    const services = drafts.map((draft) => finishService(r, draft, defaults));
    if (environment === undefined ||
        tag === undefined ||
        versioning === undefined ||
        shared === undefined ||
        audit === undefined ||
        services.some((s) => s === undefined)) {
        return { config: null, paths: pathsRead(r, file, shared, drafts, defaults) };
    }
    const config = {
        version: 1,
        file,
        environment,
        tag,
        versioning,
        shared,
        services: services,
        audit,
        positions: r.positions,
    };
    return { config, paths: config };
}
/** The services and patterns of a config with errors, as far as they could be read: a service whose
 * `paths` could not be read has none, and counts as deployable unless it says `deploy: false`. */
function pathsRead(r, file, shared, drafts, defaults) {
    return {
        file,
        positions: r.positions,
        shared: shared ?? [],
        services: drafts.map((draft) => ({
            name: draft.name,
            paths: draft.paths,
            deploy: pick(draft.overrides, defaults, 'deploy', 'deploy') === false ? false : '',
        })),
    };
}
/** False when the version is one this release cannot read: the rest of the file may follow other rules. */
function readVersion(r, root, v) {
    const supported = SUPPORTED_VERSIONS.join(', ');
    if (v === undefined) {
        r.error(root.at, `missing key "version"; add "version: 1" as the first line (supported: ${supported})`);
        return true;
    }
    const value = scalarValue(v.node);
    if (typeof value === 'number' && Number.isInteger(value) && !SUPPORTED_VERSIONS.includes(value)) {
        r.error(v.pos, `unsupported config version ${value}; this release of monorepo-release reads version ${supported}: ` +
            `set "version: 1" and follow its format, or use a release of the action that supports version ${value}`);
        return false;
    }
    r.integer(v, 1, 1, `the number ${supported} (write "version: 1")`);
    return true;
}
function readTagTemplate(r, v) {
    const template = r.string(v, 'a tag format with {service} and {version}, like "{service}@v{version}"');
    if (template === undefined)
        return undefined;
    const problem = placeholderProblem(template, ['service', 'version'], ['service', 'version']);
    if (problem) {
        r.error(v.pos, `${(0,config_tree/* quote */.hD)(v.label)} ${problem}, like "{service}@v{version}"; got ${(0,config_tree/* quote */.hD)(template)}`);
        return undefined;
    }
    if (/\{service\}\{version\}|\{version\}\{service\}/.test(template)) {
        r.error(v.pos, `${(0,config_tree/* quote */.hD)(v.label)} must put a separator between {service} and {version}, like "{service}@v{version}", so a ` +
            `tag can be read back; got ${(0,config_tree/* quote */.hD)(template)}`);
        return undefined;
    }
    return template;
}
/** Why a template's placeholders are wrong, or undefined. `required` must each appear exactly once. */
function placeholderProblem(template, allowed, required) {
    const found = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]);
    const unknown = found.find((name) => !allowed.includes(name));
    if (unknown !== undefined) {
        return `has an unknown placeholder {${unknown}}: only ${allowed.map((a) => `{${a}}`).join(' and ')} are filled in`;
    }
    const wrongCount = required.find((name) => found.filter((f) => f === name).length !== 1);
    if (wrongCount !== undefined)
        return `must contain {${wrongCount}} exactly once`;
    return undefined;
}
/** The tag format must give a valid git tag for every service. */
function checkTagNames(r, v, template, drafts) {
    const names = drafts.length > 0 ? drafts.map((d) => d.name) : ['api'];
    for (const name of names) {
        const tag = template.replaceAll('{service}', name).replaceAll('{version}', '1.2.3');
        if (!(0,core_names/* isGitRefName */.T4)(tag)) {
            r.error(v.pos, `tag format ${(0,config_tree/* quote */.hD)(template)} gives ${(0,config_tree/* quote */.hD)(tag)} for service ${(0,config_tree/* quote */.hD)(name)} at version 1.2.3, which is not a ` +
                `valid git tag name (no spaces, "~^:?*[\\", "..", "@{", "//", leading "-" or "/", or trailing "." or ".lock")`);
            return;
        }
    }
}
/** A list of glob patterns. `required`: at least one. */
function readPatterns(r, v, required) {
    const example = required ? 'like [services/api/**]' : 'like [package-lock.json]';
    const expected = `a list of path patterns, ${example}`;
    const items = r.list(v, expected);
    if (items === null)
        return undefined;
    if (required && items.length === 0) {
        r.error(v.pos, `${(0,config_tree/* quote */.hD)(v.label)} must list at least one path pattern, ${example}`);
        return undefined;
    }
    const patterns = items.map((item) => r.string(item, 'a non-empty path pattern (quote one that starts with "!")'));
    return patterns.every((p) => p !== undefined) ? patterns : undefined;
}
function readDefaults(r, v) {
    const entries = r.mapping(v, DEFAULTS_KEYS);
    return entries ? readOverrides(r, entries) : { given: new Set() };
}
function readOverrides(r, entries) {
    const given = DEFAULTS_KEYS.filter((key) => entries.has(key));
    const o = { given: given.length === 0 ? NO_KEYS : new Set(given) };
    const get = (key) => entries.get(key);
    if (get('stages'))
        o.stages = readStages(r, get('stages'));
    if (get('deploy'))
        o.deploy = readDeploy(r, get('deploy'));
    if (get('verify'))
        o.verify = readVerify(r, get('verify'));
    if (get('rollback'))
        o.rollback = r.string(get('rollback'), 'a command line, like ./scripts/rollback.sh');
    if (get('timeout'))
        o.timeoutMs = r.duration(get('timeout'));
    if (get('pass-oidc'))
        o.passOidc = r.boolean(get('pass-oidc'));
    return o;
}
function readDeploy(r, v) {
    if (scalarValue(v.node) === false)
        return false;
    return r.string(v, 'a command line, like ./scripts/deploy.sh, or false for a library that is never released');
}
function readStages(r, v) {
    const expected = 'a list of stages, like [{ name: canary, percent: 5, bake: 5m }, { name: full, percent: 100 }]';
    const items = r.list(v, expected);
    if (items === null)
        return undefined;
    if (items.length === 0) {
        r.error(v.pos, `${(0,config_tree/* quote */.hD)(v.label)} must list at least one stage, like [{ name: full, percent: 100 }]`);
        return undefined;
    }
    const stages = items.map((item) => readStage(r, item));
    checkStageNamesUnique(r, v, stages);
    checkPercentsRise(r, stages);
    return stages.every((s) => s.stage !== undefined) ? stages.map((s) => s.stage) : undefined;
}
function readStage(r, item) {
    const entries = r.mapping(item, STAGE_KEYS, 'a stage, like { name: canary, percent: 5, bake: 5m }');
    if (entries === null)
        return { item };
    const draft = { item, nameValue: entries.get('name'), percentValue: entries.get('percent') };
    if (draft.nameValue)
        draft.name = readStageName(r, draft.nameValue);
    else
        r.error(item.pos, `${(0,config_tree/* quote */.hD)(item.label)} has no "name"; add one, like name: canary`);
    if (draft.percentValue)
        draft.percent = r.integer(draft.percentValue, 1, 100, 'a whole number from 1 to 100');
    else
        r.error(item.pos, `${(0,config_tree/* quote */.hD)(item.label)} has no "percent"; add one, like percent: 5 (the last stage: 100)`);
    const bake = entries.has('bake') ? r.duration(entries.get('bake')) : undefined;
    const bakeBroken = entries.has('bake') && bake === undefined;
    if (draft.name !== undefined && draft.percent !== undefined && !bakeBroken) {
        draft.stage = {
            name: draft.name,
            percent: draft.percent,
            ...(bake !== undefined ? { bakeMs: bake } : {}),
        };
    }
    return draft;
}
function readStageName(r, v) {
    const name = r.name(v, 'stage');
    if (name === RESERVED_STAGE_NAME) {
        r.error(v.pos, `stage name "${RESERVED_STAGE_NAME}" is reserved (RELEASE_STAGE says "rollback" during a rollback); choose another name`);
        return undefined;
    }
    return name;
}
function checkStageNamesUnique(r, list, stages) {
    const seen = new Set();
    for (const stage of stages) {
        if (stage.name === undefined)
            continue;
        if (seen.has(stage.name)) {
            r.error(stage.nameValue.pos, `stage name ${(0,config_tree/* quote */.hD)(stage.name)} appears twice in ${(0,config_tree/* quote */.hD)(list.label)}; give each stage its own name`);
            stage.stage = undefined;
        }
        seen.add(stage.name);
    }
}
/** Percents must rise strictly and end at 100; say which stage breaks it. */
function checkPercentsRise(r, stages) {
    let previous;
    let rising = true;
    for (const stage of stages) {
        if (stage.percent === undefined)
            continue;
        if (previous && stage.percent <= previous.percent) {
            rising = false;
            r.error(stage.percentValue.pos, `stage ${stageLabel(stage)} has percent ${stage.percent}, not above the ${previous.percent} of stage ` +
                `${stageLabel(previous)} before it; percents must rise strictly to 100, like 5, 50, 100`);
        }
        previous = stage;
    }
    const last = stages[stages.length - 1];
    if (rising && last.percent !== undefined && last.percent !== 100) {
        r.error(last.percentValue.pos, `the last stage ${stageLabel(last)} has percent ${last.percent}, but the last stage must be 100 so the release ` +
            `reaches everyone; add a final stage like { name: full, percent: 100 }`);
    }
}
function stageLabel(stage) {
    return stage.name !== undefined ? (0,config_tree/* quote */.hD)(stage.name) : (0,config_tree/* quote */.hD)(stage.item.label);
}
function readVerify(r, v) {
    const entries = r.mapping(v, VERIFY_KEYS, 'a health gate, like { command: ./scripts/health.sh, interval: 30s }');
    if (entries === null)
        return undefined;
    const commandValue = entries.get('command');
    const httpValue = entries.get('http');
    if (commandValue && httpValue) {
        const second = isBefore(commandValue.at, httpValue.at) ? httpValue : commandValue;
        r.error(second.at, `${(0,config_tree/* quote */.hD)(v.label)} has both "command" and "http"; keep one of them`);
    }
    else if (!commandValue && !httpValue) {
        r.error(v.at, `${(0,config_tree/* quote */.hD)(v.label)} needs "command" (a health check script) or "http" (a URL that answers 2xx when healthy)`);
    }
    const command = commandValue
        ? r.string(commandValue, 'a command line, like ./scripts/health.sh')
        : undefined;
    const http = httpValue ? r.url(httpValue) : undefined;
    const interval = entries.has('interval') ? r.duration(entries.get('interval')) : DEFAULTS.verifyIntervalMs;
    const timeout = entries.has('timeout') ? r.duration(entries.get('timeout')) : DEFAULTS.verifyTimeoutMs;
    const maxFailures = entries.has('max-failures')
        ? r.integer(entries.get('max-failures'), 0, Number.MAX_SAFE_INTEGER, 'a whole number, 0 or more')
        : DEFAULTS.maxFailures;
    if ((command === undefined) === (http === undefined))
        return undefined;
    if (interval === undefined || timeout === undefined || maxFailures === undefined)
        return undefined;
    return {
        ...(command !== undefined ? { command } : { http: http }),
        intervalMs: interval,
        timeoutMs: timeout,
        maxFailures,
    };
}
function readServices(r, root, v) {
    if (v === undefined) {
        r.error(root.at, `missing key "services"; add at least one service, like:\n${MINIMAL_CONFIG.split('\n').slice(1).join('\n')}`);
        return [];
    }
    const entries = r.mapping(v, null, 'a mapping of service names to services, like { api: { paths: [services/api/**] } }');
    if (entries === null)
        return [];
    if (entries.size === 0 && v.node?.kind === 'map' && v.node.items.length === 0) {
        r.error(v.at, `${(0,config_tree/* quote */.hD)(v.label)} must name at least one service, like { api: { paths: [services/api/**] } }`);
    }
    const drafts = [];
    entries.forEach((value, name) => {
        if ((0,core_names/* isServiceName */.tN)(name))
            drafts.push(readService(r, name, value));
        else
            reportBadServiceName(r, value.at, name);
    });
    return drafts;
}
function reportBadServiceName(r, pos, name) {
    const lower = name.toLowerCase();
    const hint = lower !== name && (0,core_names/* isServiceName */.tN)(lower) ? ` (did you mean ${(0,config_tree/* quote */.hD)(lower)}?)` : '';
    r.error(pos, `service name ${(0,config_tree/* quote */.hD)(name)} is not valid${hint}: ${(0,core_names/* describeNameRule */.lU)('service')} ` +
        `(the name goes into tags, file paths and environment variables)`);
}
/** Always returns a draft, so that other services' `depends-on` can still name a broken service. */
function readService(r, name, v) {
    const draft = {
        name,
        at: v.at,
        isMapping: false,
        paths: [],
        dependsOn: [],
        overrides: { given: NO_KEYS },
    };
    const entries = r.mapping(v, SERVICE_KEYS, `a service, like { paths: [services/${name}/**] }`);
    if (entries === null)
        return draft;
    draft.isMapping = true;
    const pathsValue = entries.get('paths');
    if (!pathsValue)
        r.error(v.at, `service ${(0,config_tree/* quote */.hD)(name)} has no "paths"; add the files it is built from, like paths: [services/${name}/**]`);
    const paths = pathsValue ? readPatterns(r, pathsValue, true) : undefined;
    if (entries.has('depends-on'))
        draft.dependsOn = readDependsOn(r, entries.get('depends-on'));
    const url = entries.has('url') ? r.url(entries.get('url')) : undefined;
    if (url !== undefined)
        draft.url = url;
    draft.overrides = readOverrides(r, entries);
    draft.paths = paths ?? [];
    return draft;
}
function readDependsOn(r, v) {
    const items = r.list(v, 'a list of service names, like [common]');
    if (items === null)
        return [];
    const deps = [];
    for (const item of items) {
        const dep = r.string(item, 'a service name');
        if (dep === undefined)
            continue;
        if (deps.some((d) => d.name === dep)) {
            r.warning(item.pos, `${(0,config_tree/* quote */.hD)(dep)} is listed twice in ${(0,config_tree/* quote */.hD)(v.label)}; remove the second one`);
            continue;
        }
        deps.push({ name: dep, pos: item.pos });
    }
    return deps;
}
/** Every `depends-on` names a service of this file, and the graph has no cycle. */
function checkDependencies(r, drafts) {
    const names = drafts.map((d) => d.name);
    const known = new Set(names);
    for (const draft of drafts) {
        for (const dep of draft.dependsOn) {
            if (known.has(dep.name))
                continue;
            const guess = (0,suggest/* suggest */.Z)(dep.name, names);
            r.error(dep.pos, `service ${(0,config_tree/* quote */.hD)(draft.name)} depends on ${(0,config_tree/* quote */.hD)(dep.name)}, which is not a service in this file` +
                `${guess ? `; did you mean ${(0,config_tree/* quote */.hD)(guess)}?` : '.'} Services: ${listSome(names)}`);
        }
    }
    // Only a service with a dependency can be on a cycle.
    const graph = new Map(drafts
        .filter((d) => d.dependsOn.length > 0)
        .map((d) => [d.name, d.dependsOn.map((dep) => dep.name).filter((n) => known.has(n))]));
    const cycle = (0,core_graph/* findCycle */.u8)(graph);
    if (cycle === null)
        return;
    const first = drafts.find((d) => d.name === cycle[0]);
    const link = first.dependsOn.find((dep) => dep.name === cycle[1]);
    r.error(link.pos, `dependency cycle: ${cycle.join(' → ')}; a service cannot depend on itself, even through others: ` +
        `remove one of these "depends-on" entries`);
}
/** Applies the defaults; undefined when a value was invalid (already reported). */
function finishService(r, draft, defaults) {
    const own = draft.overrides;
    const deploy = pick(own, defaults, 'deploy', 'deploy');
    if (deploy === undefined && draft.isMapping) {
        r.error(draft.at, `service ${(0,config_tree/* quote */.hD)(draft.name)} has no deploy command; add "deploy: <command>" under services.${draft.name}, ` +
            `or under "defaults" to use one command for every service ("deploy: false" marks a library that is never released)`);
        return undefined;
    }
    const stages = pick(own, defaults, 'stages', 'stages');
    const verify = pick(own, defaults, 'verify', 'verify');
    const rollback = pick(own, defaults, 'rollback', 'rollback');
    const timeoutMs = pick(own, defaults, 'timeoutMs', 'timeout');
    const passOidc = pick(own, defaults, 'passOidc', 'pass-oidc');
    if (deploy === null ||
        stages === null ||
        verify === null ||
        rollback === null ||
        timeoutMs === null ||
        passOidc === null) {
        return undefined;
    }
    // Built field by field, in this order, rather than with conditional spreads: 10,000 services each
    // allocated a handful of throwaway objects.
    const service = { name: draft.name, paths: draft.paths };
    service.dependsOn = draft.dependsOn.map((d) => d.name);
    if (draft.url !== undefined)
        service.url = draft.url;
    service.deploy = deploy;
    service.stages = (stages ?? DEFAULTS.stages).map((stage) => ({ ...stage }));
    if (verify)
        service.verify = { ...verify };
    if (rollback)
        service.rollback = rollback;
    service.timeoutMs = timeoutMs ?? DEFAULTS.timeoutMs;
    service.passOidc = passOidc ?? DEFAULTS.passOidc;
    return service;
}
/** A setting of a service: its own when it gives the key, else the default's; null when the value given
 * was invalid (already reported), undefined when neither gives it. */
function pick(own, defaults, key, yamlKey) {
    if (own.given.has(yamlKey))
        return own[key] ?? null;
    return defaults.given.has(yamlKey) ? (defaults[key] ?? null) : undefined;
}
function readAudit(r, v) {
    const audit = {
        branch: DEFAULTS.auditBranch,
        deployments: DEFAULTS.deployments,
        deploymentEnvironment: DEFAULTS.deploymentEnvironment,
    };
    if (v === undefined)
        return audit;
    const entries = r.mapping(v, AUDIT_KEYS);
    if (entries === null)
        return undefined;
    let valid = true;
    const branchValue = entries.get('branch');
    if (branchValue) {
        const branch = r.string(branchValue, 'a git branch name, like release-audit');
        if (branch !== undefined && !(0,core_names/* isGitRefName */.T4)(branch)) {
            r.error(branchValue.pos, `${(0,config_tree/* quote */.hD)(branchValue.label)} must be a valid git branch name, like release-audit; got ${(0,config_tree/* quote */.hD)(branch)} ` +
                `(no spaces, "~^:?*[\\", "..", "@{", "//", leading "-" or "/", or trailing "." or ".lock")`);
            valid = false;
        }
        else if (branch === undefined)
            valid = false;
        else
            audit.branch = branch;
    }
    const deploymentsValue = entries.get('deployments');
    if (deploymentsValue) {
        const deployments = r.boolean(deploymentsValue);
        if (deployments === undefined)
            valid = false;
        else
            audit.deployments = deployments;
    }
    const environmentValue = entries.get('deployment-environment');
    if (environmentValue) {
        const template = readDeploymentEnvironment(r, environmentValue);
        if (template === undefined)
            valid = false;
        else
            audit.deploymentEnvironment = template;
    }
    return valid ? audit : undefined;
}
function readDeploymentEnvironment(r, v) {
    const template = r.string(v, 'a GitHub environment name, like "{environment}/{service}"');
    if (template === undefined)
        return undefined;
    const problem = placeholderProblem(template, ['environment', 'service'], []);
    if (problem) {
        r.error(v.pos, `${(0,config_tree/* quote */.hD)(v.label)} ${problem}, like "{environment}/{service}"; got ${(0,config_tree/* quote */.hD)(template)}`);
        return undefined;
    }
    return template;
}
// --- small helpers --------------------------------------------------------------------------------------
function isEmpty(node) {
    return node === null || (node.kind === 'scalar' && node.value === null);
}
function scalarValue(node) {
    return node?.kind === 'scalar' ? node.value : undefined;
}
/** A tag yaml could not resolve (`!services/api/**` unquoted); the parser pass already reported it. */
function hasUnknownTag(node) {
    return node?.kind === 'scalar' && node.unknownTag === true;
}
function isNameOf(kind, value) {
    if (kind === 'service')
        return (0,core_names/* isServiceName */.tN)(value);
    if (kind === 'environment')
        return (0,core_names/* isEnvironmentName */.tq)(value);
    return (0,core_names/* isStageName */._H)(value);
}
function isHttpUrl(text) {
    try {
        const url = new URL(text);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    }
    catch {
        return false;
    }
}
/** A list for a message, shortened when long. */
function listSome(names, max = 20) {
    const shown = names.slice(0, max).join(', ');
    return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
function article(word) {
    return /^[aeiou]/.test(word) ? 'an' : 'a';
}
function isBefore(a, b) {
    return a.line < b.line || (a.line === b.line && a.column < b.column);
}
function where(parent) {
    return parent.label ? `in ${(0,config_tree/* quote */.hD)(parent.label)}` : 'at the top level';
}
function describe(node) {
    if (node?.kind === 'alias')
        return 'an alias';
    if (node === null || isEmpty(node))
        return 'an empty value';
    if (node.kind === 'map')
        return 'a mapping';
    if (node.kind === 'seq')
        return 'a list';
    const value = scalarValue(node);
    if (typeof value === 'string')
        return value.trim() === '' ? 'an empty string' : `the string ${(0,config_tree/* quote */.hD)(value)}`;
    if (typeof value === 'number')
        return `the number ${value}`;
    if (typeof value === 'boolean')
        return String(value);
    return 'an unsupported value';
}
function escapePointer(segment) {
    // Most keys need no escaping; skipping the two copies matters with 10,000 services.
    if (!segment.includes('~') && !segment.includes('/'))
        return segment;
    return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
/** An alias shared by two places can make the same node report twice; keep one. */
function dedupe(diagnostics) {
    const seen = new Set();
    return diagnostics.filter((d) => {
        const key = `${d.severity}:${d.line}:${d.column}:${d.message}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}


/***/ }),

/***/ 80:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Eh: () => (/* binding */ servicesTouchedBy),
/* harmony export */   K9: () => (/* binding */ formatReason),
/* harmony export */   T0: () => (/* binding */ releasingRootsOf),
/* harmony export */   f8: () => (/* binding */ detectChanges)
/* harmony export */ });
/* unused harmony export releasingRoots */
/* harmony import */ var _graph_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2479);
/* harmony import */ var _match_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2014);
/** Which services a set of changed files releases, and why. */


/** Counts the files matching each service (by position; the last slot is `shared`), in arrays: this
 * loop runs once per changed file. Only the slots a file touched are read back, so a commit of one file
 * costs that file, not the services (versions detect once per commit in the history). */
function tallyFiles(config, index, files) {
    const slots = config.services.length + 1;
    const counts = new Int32Array(slots);
    const firsts = new Array(slots);
    const touched = [];
    for (let f = 0; f < files.length; f++) {
        const file = files[f];
        const owned = index.matchOwners(file);
        for (let i = 0; i < owned; i++) {
            const owner = index.owners[i];
            if (counts[owner]++ === 0) {
                touched.push(owner);
                firsts[owner] = file;
            }
            else if (file < firsts[owner])
                firsts[owner] = file;
        }
    }
    touched.sort((a, b) => a - b);
    const byService = new Map();
    let shared;
    for (const slot of touched) {
        const tally = { count: counts[slot], first: firsts[slot] };
        if (slot === slots - 1)
            shared = tally;
        else
            byService.set(config.services[slot].name, tally);
    }
    return { byService, shared };
}
const graphs = new WeakMap();
function graphOf(config) {
    let graph = graphs.get(config.services);
    if (!graph) {
        const deps = new Map(config.services.map((s) => [s.name, s.dependsOn]));
        const position = new Map(config.services.map((s, i) => [s.name, i]));
        graph = { deps, dependents: (0,_graph_js__WEBPACK_IMPORTED_MODULE_1__/* .dependentsOf */ .yk)(deps), position };
        graphs.set(config.services, graph);
    }
    return graph;
}
/** Breadth-first distances from the directly changed services to the services depending on them. */
function distancesToChange(dependents, changed) {
    const distance = new Map();
    const queue = [];
    for (const name of changed) {
        distance.set(name, 0);
        queue.push(name);
    }
    for (let head = 0; head < queue.length; head++) {
        const name = queue[head];
        for (const dependent of dependents.get(name) ?? []) {
            if (distance.has(dependent))
                continue;
            distance.set(dependent, distance.get(name) + 1);
            queue.push(dependent);
        }
    }
    return distance;
}
/** For each service reached through dependencies, its shortest chain to a changed file. Among equally
 * short chains, the one through the earliest entry of its own `depends-on` list wins. */
function dependencyDetections(config, direct) {
    const { deps, dependents, position } = graphOf(config);
    const distance = distancesToChange(dependents, direct.keys());
    const found = new Map();
    const chainOf = (name) => {
        const known = found.get(name);
        if (known)
            return known;
        const tally = direct.get(name);
        if (tally)
            return { kind: 'paths', chain: [name, tally.first], files: tally.count };
        const step = distance.get(name) - 1;
        const next = deps.get(name).find((dep) => distance.get(dep) === step);
        const via = chainOf(next);
        const detection = { kind: 'dependency', chain: [name, ...via.chain], files: via.files };
        found.set(name, detection);
        return detection;
    };
    // Nearest first, so each chain extends one already built and recursion stays one level deep.
    const reached = [...distance.keys()]
        .filter((name) => !direct.has(name))
        .sort((a, b) => distance.get(a) - distance.get(b) || position.get(a) - position.get(b));
    for (const name of reached)
        chainOf(name);
    return found;
}
/** The services a set of changed files releases, in config order: a file under the service's own paths
 * (kind `paths`), else under `shared` (kind `shared`), else under a service it depends on, transitively
 * (kind `dependency`, with the shortest chain). Libraries (`deploy: false`) are included and propagate;
 * the caller leaves them out of the matrix. `files` counts the files behind the chain's last link.
 * Cost: files × path depth + the services they reach (all of them when `shared` changed), once the
 * dependency graph is built (once per config). */
function detectChanges(config, files, index = (0,_match_js__WEBPACK_IMPORTED_MODULE_0__/* .compilePathIndex */ .fc)(config)) {
    const { byService, shared } = tallyFiles(config, index, files);
    const result = new Map();
    if (shared) {
        for (const { name } of config.services) {
            const own = byService.get(name);
            if (own)
                result.set(name, { kind: 'paths', chain: [name, own.first], files: own.count });
            else
                result.set(name, { kind: 'shared', chain: [name, shared.first], files: shared.count });
        }
        return result;
    }
    if (byService.size === 0)
        return result;
    const viaDependency = dependencyDetections(config, byService);
    const { position } = graphOf(config);
    const names = [...byService.keys(), ...viaDependency.keys()].sort((a, b) => position.get(a) - position.get(b));
    for (const name of names) {
        const own = byService.get(name);
        result.set(name, own ? { kind: 'paths', chain: [name, own.first], files: own.count } : viaDependency.get(name));
    }
    return result;
}
/** Literal paths at or under which lie all the files that can release these services: those of their own
 * paths, of every service they depend on (transitively) and of `shared`. A diff limited to them detects
 * these services exactly as the whole diff does. None lies under another, so a file lies under at most one.
 * Null when some such pattern has no literal base. */
function releasingRoots(config, services) {
    return releasingRootsOf(config)(services);
}
/** releasingRoots for one config, asked many times: the dependency map and the services' bases are
 * worked out once, not once per question. */
function releasingRootsOf(config) {
    const { deps } = graphOf(config);
    const basesOf = (patterns) => {
        const bases = [];
        for (const pattern of patterns) {
            const base = (0,_match_js__WEBPACK_IMPORTED_MODULE_0__/* .includeBase */ .W9)(pattern);
            if (base === '')
                return null;
            if (base !== null)
                bases.push(base);
        }
        return bases;
    };
    const shared = basesOf(config.shared);
    const own = new Map(config.services.map((s) => [s.name, basesOf(s.paths)]));
    return (services) => {
        if (shared === null)
            return null;
        const reach = new Set();
        for (const service of services)
            for (const name of (0,_graph_js__WEBPACK_IMPORTED_MODULE_1__/* .dependencyClosure */ .Nk)(deps, service))
                reach.add(name);
        const roots = new Set(shared);
        for (const name of reach) {
            const bases = own.get(name);
            if (bases === null)
                return null;
            for (const base of bases ?? [])
                roots.add(base);
        }
        return outermost(roots);
    };
}
/** The roots that lie under no other. Paths that share a prefix sort together, so with a `/` after each,
 * a root's descendants follow it directly. */
function outermost(roots) {
    const kept = [];
    for (const dir of [...roots].map((root) => `${root}/`).sort()) {
        if (kept.length === 0 || !dir.startsWith(kept[kept.length - 1]))
            kept.push(dir);
    }
    return kept.map((dir) => dir.slice(0, -1));
}
/** `web ← common ← libs/common/x.ts (+2 more files)`. `extra` overrides how many more files to mention
 * (default: the detection's file count minus the one shown). */
function formatReason(detection, extra) {
    const more = extra ?? detection.files - 1;
    const chain = detection.chain.join(' ← ');
    return more > 0 ? `${chain} (+${more} more file${more === 1 ? '' : 's'})` : chain;
}
// Commit file lists are asked about once per service; remember each list's answer per index.
const touchedCache = new WeakMap();
/** Every service the files release (as `detectChanges` decides), computed once per file list and index. */
function touchedServices(index, config, files) {
    let byFiles = touchedCache.get(index);
    if (!byFiles)
        touchedCache.set(index, (byFiles = new WeakMap()));
    let touched = byFiles.get(files);
    if (!touched) {
        touched = new Set(detectChanges(config, files, index).keys());
        byFiles.set(files, touched);
    }
    return touched;
}
/** Whether the files touch the service's own paths, the paths of a service it depends on (transitively)
 * or `shared`: the commits that count for its next version. `index` must be compiled from `config`.
 * Asking about many services with the same `files` array costs one detection. */
function servicesTouchedBy(index, config, service, files) {
    return touchedServices(index, config, files).has(service);
}


/***/ }),

/***/ 8571:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   rG: () => (/* binding */ MAX_DURATION_MS)
/* harmony export */ });
/** Durations as written in the config file: a whole number above zero and one unit. */
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const DURATION = /^([1-9][0-9]{0,15})(ms|s|m|h)$/;
/** Node's timers fire at once for delays above 2^31-1 ms, so a longer duration would act as zero. */
const MAX_DURATION_MS = 2 ** 31 - 1;
/** `500ms`, `30s`, `5m`, `1h` → milliseconds; null for anything else (spaces, signs, zero, fractions,
 * other units, or longer than MAX_DURATION_MS). */
function parseDuration(text) {
    const match = DURATION.exec(text);
    if (!match)
        return null;
    const ms = Number(match[1]) * UNIT_MS[match[2]];
    return ms <= MAX_DURATION_MS ? ms : null;
}
/** Milliseconds for display, largest units first, zero parts left out: `5m`, `1m30s`, `250ms`, `1h5s`. */
function formatDuration(ms) {
    if (!Number.isFinite(ms) || ms <= 0)
        return '0s';
    let rest = Math.round(ms);
    let text = '';
    for (const unit of ['h', 'm', 's', 'ms']) {
        const count = Math.floor(rest / UNIT_MS[unit]);
        if (count > 0)
            text += `${count}${unit}`;
        rest -= count * UNIT_MS[unit];
    }
    return text;
}


/***/ }),

/***/ 4296:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Is: () => (/* binding */ AuditRewrittenError),
/* harmony export */   It: () => (/* binding */ permissionsBlock),
/* harmony export */   XM: () => (/* binding */ AuditWriteError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   i_: () => (/* binding */ PermissionError),
/* harmony export */   ib: () => (/* binding */ auditRulesetAdvice),
/* harmony export */   sX: () => (/* binding */ AuditFileError),
/* harmony export */   tx: () => (/* binding */ HistoryError),
/* harmony export */   xL: () => (/* binding */ ConfigError),
/* harmony export */   yo: () => (/* binding */ UserError)
/* harmony export */ });
/** Errors a user can act on: what went wrong and the fix. Anything else is a bug. */
class UserError extends Error {
    fix;
    terminalFix;
    constructor(message, fix, 
    /** The fix in a terminal's words (`--version 1.2.0`), when the fix names an action input. */
    terminalFix) {
        super(message);
        this.fix = fix;
        this.terminalFix = terminalFix;
        this.name = new.target.name;
    }
    /** The message as shown to the user: the problem, then the fix, for the action or for the CLI. */
    describe(where = 'action') {
        const fix = (where === 'terminal' && this.terminalFix) || this.fix;
        return fix ? `${this.message}\nFix: ${fix}` : this.message;
    }
}
/** The config file is invalid; the diagnostics carry file, line and column. */
class ConfigError extends UserError {
    diagnostics;
    constructor(diagnostics) {
        super(`${diagnostics.filter((d) => d.severity === 'error').length} error(s) in the config file`, 'correct the config file as each message says, then run again');
        this.diagnostics = diagnostics;
    }
}
/** The history needed to compute the diff is not available. */
class HistoryError extends UserError {
}
/** An input (service, version, base, head, …) is invalid. */
class InputError extends UserError {
}
/** The audit branch cannot be written (permissions, network, too many lost races). */
class AuditWriteError extends UserError {
}
/** The audit branch's history was rewritten: its last known head is no longer an ancestor. */
class AuditRewrittenError extends UserError {
}
/** A file on the audit branch is not JSON, or not of the shape of its kind (record, pointer). */
class AuditFileError extends UserError {
}
/** How to protect the audit branch against the next rewrite: the one wording, for every rewrite error. */
function auditRulesetAdvice(branch) {
    return `protect '${branch}' with a ruleset (Settings → Rules → Rulesets → New branch ruleset, target '${branch}', turn on "Restrict deletions" and "Block force pushes"; releases still push to it)`;
}
/** The token lacks a permission; the fix shows the exact `permissions:` block. */
class PermissionError extends UserError {
}
/** The `permissions:` block a release job needs, for error messages. */
function permissionsBlock(needs) {
    return ['permissions:', '  contents: write', ...(needs.deployments ? ['  deployments: write'] : [])].join('\n');
}


/***/ }),

/***/ 2479:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Nk: () => (/* binding */ dependencyClosure),
/* harmony export */   u8: () => (/* binding */ findCycle),
/* harmony export */   yk: () => (/* binding */ dependentsOf)
/* harmony export */ });
/** The `depends-on` graph between services. */
/** One cycle in the graph as a closed path (`['a', 'b', 'a']`), or null when there is none.
 * Iterative depth-first search so a 10,000-deep chain cannot overflow the stack. */
function findCycle(deps) {
    const state = new Map();
    for (const start of deps.keys()) {
        if (state.has(start))
            continue;
        const path = [];
        const stack = [{ node: start, next: 0 }];
        state.set(start, 'open');
        path.push(start);
        while (stack.length > 0) {
            const top = stack[stack.length - 1];
            const edges = deps.get(top.node) ?? [];
            if (top.next >= edges.length) {
                state.set(top.node, 'done');
                stack.pop();
                path.pop();
                continue;
            }
            const child = edges[top.next++];
            if (!deps.has(child))
                continue;
            const seen = state.get(child);
            if (seen === 'open')
                return [...path.slice(path.indexOf(child)), child];
            if (seen === 'done')
                continue;
            state.set(child, 'open');
            path.push(child);
            stack.push({ node: child, next: 0 });
        }
    }
    return null;
}
/** Reverse edges: for each service, the services that depend on it directly. */
function dependentsOf(deps) {
    const reverse = new Map();
    // forEach: no [key, value] array per entry (10,000 services).
    deps.forEach((_, name) => reverse.set(name, []));
    deps.forEach((targets, name) => {
        for (let i = 0; i < targets.length; i++)
            reverse.get(targets[i])?.push(name);
    });
    return reverse;
}
/** Every service reachable from `start` through `depends-on` (start included). */
function dependencyClosure(deps, start) {
    const seen = new Set([start]);
    const queue = [start];
    while (queue.length > 0) {
        for (const next of deps.get(queue.shift()) ?? []) {
            if (!seen.has(next)) {
                seen.add(next);
                queue.push(next);
            }
        }
    }
    return seen;
}


/***/ }),

/***/ 6706:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   mz: () => (/* binding */ showControls)
/* harmony export */ });
/* unused harmony exports escapeMarkdown, markdownTable */
/** Escaping for values that came from outside (file names, branch names, commit messages) before they go
 * into a job summary or a pull-request comment: they must render as text, never as markup or HTML. */
// `$` too: GitHub renders `$…$` as math.
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|~<>&"'$]/g;
const ENTITY = {
    '<': '&lt;',
    '>': '&gt;',
    '&': '&amp;',
    '"': '&quot;',
    "'": '&#39;',
};
/** Text safe inside a markdown table cell: markup characters escaped, HTML characters as entities,
 * line breaks and other control characters shown as their escape. */
function escapeMarkdown(text) {
    return showControls(text).replace(MARKDOWN_SPECIAL, (c) => ENTITY[c] ?? `\\${c}`);
}
/** Control characters (newline, tab, escape, …, the C1 controls a terminal also obeys, the bidirectional
 * overrides that reorder what is shown) as visible `\n`-style escapes, so a value stays on one line and
 * cannot drive a terminal. */
function showControls(text) {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
        if (c === '\n')
            return '\\n';
        if (c === '\t')
            return '\\t';
        if (c === '\r')
            return '\\r';
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
}
function markdownTable(header, rows) {
    const line = (cells) => `| ${cells.join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}


/***/ }),

/***/ 2014:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   W9: () => (/* binding */ includeBase),
/* harmony export */   fc: () => (/* binding */ compilePathIndex),
/* harmony export */   gN: () => (/* binding */ parentOf),
/* harmony export */   r: () => (/* binding */ PatternCheck)
/* harmony export */ });
/* unused harmony export GLOB_OPTIONS */
/* harmony import */ var micromatch__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8785);
/* harmony import */ var micromatch__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(micromatch__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _suggest_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2085);
/** Which services' `paths` (and `shared`) a file matches, fast enough for 10,000 services × 50,000 files. */


/** The glob dialect: micromatch with dotfiles matched. The `s` flag lets wildcards match a newline, which
 * is legal in a file name; without it `services/api/**` would miss `services/api/a\nb`.
 * (@types/micromatch declares `flags` as a boolean; picomatch passes it to `new RegExp` as a string.) */
const GLOB_OPTIONS = { dot: true, flags: 's' };
// Characters that are glob or regex syntax somewhere in picomatch. A base holding one may not be
// literal (`a/b|c/**` matches `c/x`), so such a pattern is indexed under '' and always tested.
const UNSAFE = String.raw `\\|[\]{}()*?!+@`;
// Segments of a literal path; `.` and `..` are left to micromatch (`./**` is not `.` + `/**`).
const LITERAL_SEGMENT = `(?!\\.\\.?(?:/|$))[^/${UNSAFE}]+`;
const LITERAL_PATH = `${LITERAL_SEGMENT}(?:/${LITERAL_SEGMENT})*`;
// A base the index can trust: literal, with no empty, `.` or `..` segment (`/**` matches `/a`).
const PLAIN_BASE = new RegExp(`^${LITERAL_PATH}$`);
// The shapes nearly every config uses are answered with string operations: compiling 10,000
// micromatch regexes costs more than all the matching. `dir/**`:
const TREE_PATTERN = new RegExp(`^(?:\\./)?(${LITERAL_PATH})/\\*\\*$`);
// A literal path:
const LITERAL_PATTERN = new RegExp(`^(?:\\./)?(${LITERAL_PATH})$`);
// `**/*.md`, `**/Dockerfile`, `dir/**/*.md`: (base)/**/(*)(name).
const ANYWHERE_PATTERN = new RegExp(`^(?:\\./)?(?:(${LITERAL_PATH})/)?\\*\\*/(\\*?)([^/${UNSAFE}]+)$`);
// The literal end of a glob: after its last glob character or slash.
const LITERAL_TAIL = new RegExp(`[^/${UNSAFE}]*$`);
const TRAILING_SLASHES = /\/+$/;
// `**` never matches a `.` or `..` segment, even with `dot: true`.
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;
/** A path as git writes it: no leading, trailing or doubled slash, no `.` or `..` segment. The string
 * shortcuts of `Rule` are exact for such paths; anything else goes to micromatch. */
function isPlainPath(file) {
    return (file !== '' &&
        !file.startsWith('/') &&
        !file.endsWith('/') &&
        !file.includes('//') &&
        !((file.startsWith('.') || file.includes('/.')) && DOT_SEGMENT.test(file)));
}
/** The literal path every file an include pattern matches equals or lies under ('' when it has none);
 * null for a `!` pattern, which only excludes. */
function includeBase(pattern) {
    return isNegated(pattern) ? null : classify(pattern).base;
}
/** `!x` excludes, as micromatch.scan reads it; `!(x)` is an extglob, not a negation. */
function isNegated(pattern) {
    return pattern.startsWith('!') && !pattern.startsWith('!(');
}
/** Which shortcut answers a glob (without its `!`), with the literal parts it needs. */
function classify(glob) {
    const tree = TREE_PATTERN.exec(glob);
    if (tree)
        return { kind: 'tree', base: tree[1], tail: '', wholeName: false };
    // An empty pattern (the config parser refuses it) is a literal that no file equals.
    if (glob === '')
        return { kind: 'literal', base: '', tail: '', wholeName: false };
    const literal = LITERAL_PATTERN.exec(glob);
    if (literal)
        return { kind: 'literal', base: literal[1], tail: '', wholeName: false };
    const anywhere = ANYWHERE_PATTERN.exec(glob);
    if (anywhere)
        return { kind: 'anywhere', base: anywhere[1] ?? '', tail: anywhere[3], wholeName: anywhere[2] === '' };
    const { base, negated } = micromatch__WEBPACK_IMPORTED_MODULE_0___default().scan(glob);
    // A glob that is itself negated (`!!x`) matches outside its base and tail, and a `|` alternates whole
    // regexes (`a|b/**/*.md` matches `a`).
    const unbounded = negated || glob.includes('|');
    return {
        kind: 'glob',
        base: unbounded || !PLAIN_BASE.test(base) ? '' : base,
        tail: unbounded ? '' : LITERAL_TAIL.exec(glob)[0],
        wholeName: false,
    };
}
/** One pattern, compiled once however many services list it. A plain object with one `test` method
 * rather than a closure per pattern keeps the hot call site monomorphic. */
class Rule {
    /** A `!` pattern: excludes from its owner's includes. */
    negated;
    /** A literal path every matching file equals or lies under ('' when the pattern has none). */
    base;
    kind;
    glob;
    prefix;
    /** Literal text every match ends with (before trailing slashes): `.md` for `**\/*.md`. */
    tail;
    /** `anywhere` kind: the tail is a whole file name (`**\/Dockerfile`), not the end of one (`**\/*.md`). */
    wholeName;
    regex;
    // The last answer of a glob, so one file is tested against the `!**/*.md` of 2,000 services once.
    lastFile;
    lastResult = false;
    constructor(pattern) {
        this.negated = isNegated(pattern);
        this.glob = this.negated ? pattern.slice(1) : pattern;
        ({ kind: this.kind, base: this.base, tail: this.tail, wholeName: this.wholeName } = classify(this.glob));
        this.prefix = `${this.base}/`;
    }
    /** What a `-z` listing (each path after a NUL) holds where a file of this pattern is listed: `NUL dir/`
     * for `dir/**`, `NUL path NUL` for a literal path; null for other shapes. */
    listingKey() {
        if (this.kind === 'tree')
            return `\0${this.prefix}`;
        if (this.kind === 'literal' && this.base !== '')
            return `\0${this.base}\0`;
        return null;
    }
    /** The directory whose entries can prove this pattern: the one holding its literal path or its tree
     * (`services/api` for `services/api/**`), or the one its files lie directly in (`.github` for
     * `.github/*.yml`); null for a pattern whose files can lie deeper. */
    listedDirectory() {
        if (this.kind === 'tree' || this.kind === 'literal')
            return this.base === '' ? null : parentOf(this.base);
        if (this.kind !== 'glob')
            return null;
        const below = this.base === '' ? this.glob : this.glob.slice(this.prefix.length);
        return below.includes('/') || below.includes('**') ? null : this.base;
    }
    /** Whether a listed entry proves that a tracked file matches: for `dir/**`, anything at or under `dir`;
     * for any pattern, a listed file that passes the test. */
    provenBy(listed) {
        if (this.kind === 'tree')
            return this.base !== '' && listed.occupies(this.base);
        if (this.kind === 'literal')
            return this.base !== '' && listed.isFile(this.base);
        const dir = this.listedDirectory();
        return dir !== null && listed.files(dir).some((file) => this.test(file));
    }
    /** Whether the file matches the pattern without its `!`. */
    test(file) {
        if (this.kind === 'literal')
            return file === this.base && file !== '';
        if (this.kind === 'tree')
            return file === this.base || (file.startsWith(this.prefix) && !this.hasDotSegment(file));
        if (this.kind === 'anywhere' && isPlainPath(file))
            return this.endsAnywhere(file);
        if (file !== this.lastFile) {
            this.lastResult = this.matchesGlob(file);
            this.lastFile = file;
        }
        return this.lastResult;
    }
    /** What micromatch.matcher answers (picomatch.test: a non-empty input equal to the glob, or matching its
     * regex), without the result object it builds on every call. The base and tail reject most files
     * before the regex, which with `**` is the slow part. */
    matchesGlob(file) {
        if (file === '')
            return false;
        if (this.base !== '' && file !== this.base && !file.startsWith(this.prefix))
            return false;
        if (this.tail !== '' && !this.endsWithTail(file))
            return false;
        this.regex ??= micromatch__WEBPACK_IMPORTED_MODULE_0___default().makeRe(this.glob, GLOB_OPTIONS);
        return file === this.glob || this.regex.test(file);
    }
    /** `(base/)**\/(*)name` for a path as git writes it: the file lies under the base and its name is, or
     * ends with, the tail. */
    endsAnywhere(file) {
        const start = this.base === '' ? 0 : this.prefix.length;
        if (start > 0 && !file.startsWith(this.prefix))
            return false;
        const rest = file.length - start;
        if (!this.wholeName)
            return rest >= this.tail.length && file.endsWith(this.tail);
        if (rest === this.tail.length)
            return file.endsWith(this.tail);
        return rest > this.tail.length && file.endsWith(`/${this.tail}`);
    }
    endsWithTail(file) {
        return (file.endsWith('/') ? file.replace(TRAILING_SLASHES, '') : file).endsWith(this.tail);
    }
    /** Whether the part after the base has a `.` or `..` segment; such a segment starts right after a `/`. */
    hasDotSegment(file) {
        const start = this.prefix.length - 1;
        return file.indexOf('/.', start) !== -1 && DOT_SEGMENT.test(file.slice(start));
    }
}
class RuleCache {
    rules = new Map();
    get(pattern) {
        let rule = this.rules.get(pattern);
        if (!rule)
            this.rules.set(pattern, (rule = new Rule(pattern)));
        return rule;
    }
}
/** The rules of a config's patterns, compiled once: the pattern check and the path index share them. */
const rulesByConfig = new WeakMap();
function rulesOf(config) {
    let cache = rulesByConfig.get(config);
    if (!cache)
        rulesByConfig.set(config, (cache = new RuleCache()));
    return cache;
}
/** Owners are services by position, then `shared` as the last one. */
function ownerPatterns(config) {
    return [...config.services.map((s) => s.paths), config.shared];
}
function segmentCount(path) {
    let count = 1;
    for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1))
        count++;
    return count;
}
/** A file matches an owner when one of its include patterns matches and none of its `!` patterns does,
 * whatever their order. Include patterns are indexed by literal base: a file is looked up under ''
 * (patterns with no base), under itself (a base equal to the file) and under its ancestor directories,
 * only at the depths some base has. Cost of `match`: those lookups, a test per pattern found, and the `!`
 * patterns of the owners that matched. */
class IndexedPaths {
    unbased = [];
    byBase = new Map();
    /** baseAtDepth[n]: some base has n segments. */
    baseAtDepth = [];
    excludes;
    names;
    sharedOwner;
    // Marks the owners already found for the current file, without clearing an array per file.
    seenIn;
    epoch = 0;
    owners;
    count = 0;
    constructor(config) {
        const owners = ownerPatterns(config);
        const cache = rulesOf(config);
        this.names = config.services.map((s) => s.name);
        this.sharedOwner = owners.length - 1;
        this.seenIn = new Int32Array(owners.length);
        this.owners = new Int32Array(owners.length);
        this.excludes = owners.map(() => []);
        owners.forEach((patterns, owner) => {
            for (const pattern of patterns) {
                const rule = cache.get(pattern);
                if (rule.negated)
                    this.excludes[owner].push(rule);
                else
                    this.addInclude({ owner, rule });
            }
        });
    }
    match(file) {
        const count = this.matchOwners(file);
        const shared = count > 0 && this.owners[count - 1] === this.sharedOwner;
        const services = [];
        for (let i = 0; i < count - (shared ? 1 : 0); i++)
            services.push(this.names[this.owners[i]]);
        return { services, shared };
    }
    matchOwners(file) {
        this.epoch++;
        this.count = 0;
        if (this.unbased.length > 0)
            this.collect(this.unbased, file);
        let depth = 0;
        let slash = file.indexOf('/');
        for (; slash !== -1 && ++depth < this.baseAtDepth.length; slash = file.indexOf('/', slash + 1)) {
            const bucket = this.baseAtDepth[depth] ? this.byBase.get(file.slice(0, slash)) : undefined;
            if (bucket)
                this.collect(bucket, file);
        }
        // The file itself as a base (a literal pattern), looked up only when some base is that deep.
        if (slash === -1 && this.baseAtDepth[depth + 1]) {
            const own = this.byBase.get(file);
            if (own)
                this.collect(own, file);
        }
        if (this.count > 1)
            this.owners.subarray(0, this.count).sort();
        return this.count;
    }
    addInclude(entry) {
        const base = entry.rule.base;
        if (base === '') {
            this.unbased.push(entry);
            return;
        }
        const bucket = this.byBase.get(base);
        if (bucket)
            bucket.push(entry);
        else
            this.byBase.set(base, [entry]);
        this.baseAtDepth[segmentCount(base)] = true;
    }
    // Indexed loops: `for...of` allocates an iterator result per step until the optimizing compiler, which
    // the short commands skip (adapters/engine.ts), removes it.
    collect(bucket, file) {
        for (let i = 0; i < bucket.length; i++) {
            const { owner, rule } = bucket[i];
            if (this.seenIn[owner] === this.epoch || !rule.test(file))
                continue;
            this.seenIn[owner] = this.epoch;
            if (!this.isExcluded(owner, file))
                this.owners[this.count++] = owner;
        }
    }
    isExcluded(owner, file) {
        const rules = this.excludes[owner];
        for (let i = 0; i < rules.length; i++)
            if (rules[i].test(file))
                return true;
        return false;
    }
}
/** Compiles each pattern once and indexes the includes by their literal base, so matching costs about
 * files × path depth instead of files × services. */
function compilePathIndex(config) {
    return new IndexedPaths(config);
}
/** Tracked files, sorted, so the files under a directory are one contiguous range. */
class TrackedFiles {
    // Default sort: UTF-16 code-unit order, the order `<` compares in.
    sorted;
    constructor(listing) {
        const files = listing.split('\0');
        if (files[files.length - 1] === '')
            files.pop(); // every path ends with a NUL
        this.sorted = files.sort();
    }
    /** Whether any tracked file that could match a pattern with this base passes the test. */
    anyUnder(base, test) {
        if (base === '')
            return this.sorted.some(test);
        if (this.isFile(base) && test(base))
            return true;
        const [start, end] = this.rangeUnder(base);
        for (let i = start; i < end; i++)
            if (test(this.sorted[i]))
                return true;
        return false;
    }
    isFile(path) {
        return this.sorted[this.lowerBound(path)] === path;
    }
    isDirectory(path) {
        const [start, end] = this.rangeUnder(path);
        return start < end;
    }
    /** Names (files and directories) directly inside a directory, '' being the root. Jumps over each
     * subdirectory's range, so the cost is the number of names, not of files. */
    children(dir) {
        const prefix = dir === '' ? '' : `${dir}/`;
        const [start, end] = dir === '' ? [0, this.sorted.length] : this.rangeUnder(dir);
        let i = start;
        const names = [];
        while (i < end) {
            const rest = this.sorted[i].slice(prefix.length);
            const slash = rest.indexOf('/');
            names.push(slash === -1 ? rest : rest.slice(0, slash));
            i = slash === -1 ? i + 1 : this.lowerBound(`${prefix}${rest.slice(0, slash)}0`);
        }
        return names;
    }
    /** Paths starting with `dir/` sort from `dir/` up to, not including, `dir0` ('0' follows '/'). */
    rangeUnder(dir) {
        return [this.lowerBound(`${dir}/`), this.lowerBound(`${dir}0`)];
    }
    lowerBound(key) {
        let lo = 0;
        let hi = this.sorted.length;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (this.sorted[mid] < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
/** Walks the pattern's literal base through the tracked tree, replacing each missing segment by the
 * closest existing name. Returns the corrected path, or undefined when nothing close exists. */
function correctedBase(base, tracked) {
    let dir = '';
    let changed = false;
    for (const part of base.split('/').filter((p) => p !== '' && p !== '.')) {
        const names = tracked.children(dir);
        let next = part;
        if (!names.includes(part)) {
            const close = (0,_suggest_js__WEBPACK_IMPORTED_MODULE_1__/* .suggest */ .Z)(part, names);
            if (close === undefined)
                break;
            next = close;
            changed = true;
        }
        dir = dir === '' ? next : `${dir}/${next}`;
    }
    return changed ? dir : undefined;
}
/** How to fix a pattern that matches nothing. */
function hint(pattern, dir, tracked) {
    if (dir !== '' && !micromatch__WEBPACK_IMPORTED_MODULE_0___default().scan(pattern).isGlob && tracked.isDirectory(dir)) {
        return `${JSON.stringify(dir)} is a directory: write ${JSON.stringify(`${dir}/**`)} to match the files in it`;
    }
    const corrected = dir === '' ? undefined : correctedBase(dir, tracked);
    if (corrected === undefined)
        return 'check the spelling';
    const kind = tracked.isFile(corrected) ? 'a file' : 'a directory';
    return `check the spelling (did you mean ${kind} like ${JSON.stringify(corrected)}?)`;
}
function includePatterns(config) {
    const found = [];
    const add = (patterns, service) => {
        for (let index = 0; index < patterns.length; index++) {
            const pattern = patterns[index];
            if (!isNegated(pattern))
                found.push({ service, index, pattern });
        }
    };
    for (let i = 0; i < config.services.length; i++)
        add(config.services[i].paths, config.services[i].name);
    add(config.shared, undefined);
    return found;
}
/** A pattern's label in messages and its JSON pointer: made only for a warning (10,000 services have
 * 10,000 patterns to check, and nearly never a warning). */
function placeOf({ service, index }) {
    return service === undefined
        ? { label: `shared[${index}]`, pointer: `/shared/${index}` }
        : { label: `services.${service}.paths[${index}]`, pointer: `/services/${service}/paths/${index}` };
}
/** The problems of include patterns (of a service or `shared`) that match no tracked file: usually a typo.
 * A pattern alone is a warning; a deployable service none of whose include patterns matches anything
 * would never release, which is an error at its `paths`. In two steps: the entries of a few directories
 * at a commit prove most patterns (`proveWith`), without git listing every tracked file; only the
 * patterns left need the listing (`unmatched`). */
class PatternCheck {
    config;
    patterns;
    rules;
    proven = new Set();
    constructor(config) {
        this.config = config;
        const cache = rulesOf(config);
        this.patterns = includePatterns(config);
        this.rules = this.patterns.map((p) => cache.get(p.pattern));
    }
    /** The directories ('' is the root) whose entries can prove the patterns not yet proven, or null when
     * there are more than `max` (git matches each listed entry against every directory asked for). */
    directoriesToList(max) {
        const dirs = new Set();
        for (const rule of this.rules) {
            const dir = this.proven.has(rule) ? null : rule.listedDirectory();
            if (dir !== null)
                dirs.add(dir);
        }
        return dirs.size > max ? null : [...dirs].sort();
    }
    /** Marks the patterns that these entries of the asked directories prove. */
    proveWith(entries) {
        if (entries.length === 0)
            return;
        const listed = new ListedEntries(entries);
        for (const rule of this.rules)
            if (rule.provenBy(listed))
                this.proven.add(rule);
    }
    get allProven() {
        return this.rules.every((rule) => this.proven.has(rule));
    }
    /** The diagnostics of the patterns not proven that match no file of `listing`, the tracked files as
     * `git ls-files -z` prints them: an error for each deployable service left with no live pattern, a
     * warning for each other dead pattern. Most patterns are proven by a search of the listing (see
     * `provenByListing`); the others scan the tracked files under their literal base, and stop at the first
     * match. */
    unmatched(listing) {
        const { patterns, rules } = this;
        const open = rules.filter((rule) => !this.proven.has(rule));
        const proven = new Set([...this.proven, ...provenByListing(listing, open)]);
        let files;
        const dead = [];
        for (let i = 0; i < patterns.length; i++) {
            const rule = rules[i];
            if (proven.has(rule))
                continue;
            files ??= new TrackedFiles(listing);
            if (!files.anyUnder(rule.base, (file) => rule.test(file)))
                dead.push(i);
        }
        return files === undefined || dead.length === 0 ? [] : this.describe(dead, files);
    }
    describe(dead, files) {
        const deadServices = this.servicesNeverReleased(dead);
        const diagnostics = [];
        const deadOf = new Map();
        for (const i of dead) {
            const pattern = this.patterns[i];
            const service = pattern.service;
            if (service !== undefined && deadServices.has(service)) {
                const list = deadOf.get(service);
                if (list)
                    list.push(pattern);
                else
                    deadOf.set(service, [pattern]);
                continue;
            }
            const { label, pointer } = placeOf(pattern);
            const hintText = hint(pattern.pattern, this.rules[i].base, files);
            diagnostics.push(this.at('warning', pointer, `${label} ${JSON.stringify(pattern.pattern)} matches no tracked file; ${hintText}`));
        }
        for (const [service, list] of deadOf) {
            const fixes = list.map(({ pattern }) => fixOf(pattern, rulesOf(this.config).get(pattern).base, files));
            diagnostics.push(this.at('error', `/services/${service}/paths`, `service ${JSON.stringify(service)} would never be released: none of its paths matches a tracked ` +
                `file; ${fixes.join('; and ')}`));
        }
        return diagnostics;
    }
    /** The deployable services (deploy not false) all of whose include patterns are dead. A library
     * (`deploy: false`) is never released itself: its dead patterns stay warnings. */
    servicesNeverReleased(dead) {
        const deadCount = new Map();
        for (const i of dead) {
            const service = this.patterns[i].service;
            if (service !== undefined)
                deadCount.set(service, (deadCount.get(service) ?? 0) + 1);
        }
        const never = new Set();
        for (const service of this.config.services) {
            const count = deadCount.get(service.name);
            if (count === undefined || service.deploy === false)
                continue;
            const includes = this.patterns.filter((p) => p.service === service.name).length;
            if (count === includes)
                never.add(service.name);
        }
        return never;
    }
    at(severity, pointer, message) {
        const position = this.config.positions.get(pointer) ?? { line: 1, column: 1 };
        return { severity, file: this.config.file, line: position.line, column: position.column, message };
    }
}
/** The fix for a dead pattern of a service that would never release: the pattern with its base's typo
 * corrected when a close tracked path exists, else to check the path. */
function fixOf(pattern, base, tracked) {
    const quoted = JSON.stringify(pattern);
    if (base !== '' && !micromatch__WEBPACK_IMPORTED_MODULE_0___default().scan(pattern).isGlob && tracked.isDirectory(base)) {
        return `no tracked file is ${quoted}, a directory: write ${JSON.stringify(`${base}/**`)} to match the files in it`;
    }
    const corrected = base === '' ? undefined : correctedBase(base, tracked);
    const at = pattern.indexOf(base);
    if (corrected === undefined || at === -1)
        return `no tracked file matches ${quoted}; check the path`;
    const fixed = `${pattern.slice(0, at)}${corrected}${pattern.slice(at + base.length)}`;
    return `fix the typo: no tracked file matches ${quoted}; did you mean ${JSON.stringify(fixed)}?`;
}
/** Entries of some directories of a commit, as `git ls-tree` lists them (not recursively). */
class ListedEntries {
    /** Each listed path, and each directory above one: a directory with something in it. */
    occupied = new Set();
    /** The listed blobs and submodules (tracked paths themselves), by their directory. */
    filesIn = new Map();
    fileSet = new Set();
    constructor(entries) {
        for (const { path, type } of entries) {
            // git never stores an empty tree below the root (the index holds files, not directories), so a
            // listed tree has a tracked file under it.
            for (let at = path.length; at > 0 && !this.occupied.has(path.slice(0, at));) {
                this.occupied.add(path.slice(0, at));
                at = path.lastIndexOf('/', at - 1);
            }
            if (type === 'tree')
                continue;
            this.fileSet.add(path);
            const dir = parentOf(path);
            const files = this.filesIn.get(dir);
            if (files)
                files.push(path);
            else
                this.filesIn.set(dir, [path]);
        }
    }
    /** Whether something is tracked at or under the path. */
    occupies(path) {
        return this.occupied.has(path);
    }
    isFile(path) {
        return this.fileSet.has(path);
    }
    /** The tracked paths listed directly in the directory. */
    files(dir) {
        return this.filesIn.get(dir) ?? [];
    }
}
/** The directory a path lies directly in ('' for the root). */
function parentOf(path) {
    const slash = path.lastIndexOf('/');
    return slash === -1 ? '' : path.slice(0, slash);
}
/** Most misses end the search early: each scans the rest of the listing. */
const MAX_LISTING_MISSES = 8;
/** The `dir/**` and literal patterns that some tracked file matches, found by searching the listing text
 * for each pattern's key, without splitting 80,000 paths into strings. git lists paths sorted, so the
 * keys are searched in sorted order, each from where the previous one was found: one pass over the text
 * in all. A pattern counts as proven only when the listed path found passes its test; any other (a miss,
 * another shape, an unsorted listing) gets the full check, so this only saves time. */
function provenByListing(listing, rules) {
    const keyed = [];
    for (const rule of rules) {
        const key = rule.listingKey();
        if (key !== null)
            keyed.push({ key, rule });
    }
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const proven = new Set();
    let from = 0;
    let misses = 0;
    for (let i = 0; i < keyed.length && misses < MAX_LISTING_MISSES; i++) {
        const { key, rule } = keyed[i];
        const start = listedPathStart(listing, key, from);
        if (start === -1) {
            misses++;
            continue;
        }
        const end = listing.indexOf('\0', start);
        if (!rule.test(listing.slice(start, end === -1 ? listing.length : end)))
            continue;
        proven.add(rule);
        from = start;
    }
    return proven;
}
/** Where the first path at or after `from` that begins with a listing key (`NUL` + the path's start) is
 * listed. The first path has no NUL before it; it is checked on its own rather than searching a copy of
 * the listing with a NUL in front, which V8 would flatten into a second megabytes-long string. */
function listedPathStart(listing, key, from) {
    if (from === 0 && listing.startsWith(key.slice(1)))
        return 0;
    const at = listing.indexOf(key, from === 0 ? 0 : from - 1);
    return at === -1 ? -1 : at + 1;
}


/***/ }),

/***/ 2483:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   T4: () => (/* binding */ isGitRefName),
/* harmony export */   _H: () => (/* binding */ isStageName),
/* harmony export */   lU: () => (/* binding */ describeNameRule),
/* harmony export */   tN: () => (/* binding */ isServiceName),
/* harmony export */   tq: () => (/* binding */ isEnvironmentName)
/* harmony export */ });
/* unused harmony exports SERVICE_NAME, ENVIRONMENT_NAME, STAGE_NAME, MAX_NAME_LENGTH */
/** The one home of the naming rules. Names end up in git refs, file paths of the audit branch, log
 * lines and environment variables, so they are kept to a small, shell-inert alphabet. */
const SERVICE_NAME = /^[a-z0-9][a-z0-9._-]*$/;
const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const STAGE_NAME = SERVICE_NAME;
const MAX_NAME_LENGTH = 100;
const PATTERNS = {
    service: SERVICE_NAME,
    environment: ENVIRONMENT_NAME,
    stage: STAGE_NAME,
};
/** `..` is a parent directory in a path and forbidden in git refs; a trailing `.` is dropped by some
 * file systems, so two names could share one file. */
function hasDotHazard(name) {
    return name.includes('..') || name.endsWith('.');
}
function isName(kind, name) {
    return name.length <= MAX_NAME_LENGTH && PATTERNS[kind].test(name) && !hasDotHazard(name);
}
function isServiceName(name) {
    return isName('service', name);
}
/** An environment name becomes a path segment on the audit branch (`current/<environment>/…`). */
function isEnvironmentName(name) {
    return isName('environment', name);
}
function isStageName(name) {
    return isName('stage', name);
}
/** The rule in words, for messages that must say what a valid name looks like. */
function describeNameRule(kind) {
    const alphabet = kind === 'environment'
        ? 'letters, digits, ".", "_" and "-", starting with a letter or digit'
        : 'lowercase letters a-z, digits 0-9, ".", "_" and "-", starting with a letter or digit';
    const article = kind === 'environment' ? 'an' : 'a';
    return `${article} ${kind} name is 1 to ${MAX_NAME_LENGTH} characters: ${alphabet}, with no ".." and no "." at the end`;
}
// Characters git refuses anywhere in a ref name (git check-ref-format), plus ASCII controls.
// eslint-disable-next-line no-control-regex
const REF_FORBIDDEN = /[\u0000-\u0020\u007f~^:?*[\\]/;
/** Whether `name` is a valid git tag or branch name (the rules of `git check-ref-format`), also refusing a
 * leading `-` so that the name can never be read as a command-line option. */
function isGitRefName(name) {
    if (name === '' || name === '@' || name === 'HEAD')
        return false;
    if (name.startsWith('-') || name.startsWith('/') || name.endsWith('/') || name.endsWith('.'))
        return false;
    if (name.includes('..') || name.includes('//') || name.includes('@{') || REF_FORBIDDEN.test(name))
        return false;
    return name.split('/').every((part) => !part.startsWith('.') && !part.endsWith('.lock'));
}


/***/ }),

/***/ 4620:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $p: () => (/* binding */ planToJson),
/* harmony export */   Qi: () => (/* binding */ renderPlanTable)
/* harmony export */ });
/* unused harmony exports MAX_MATRIX_JOBS, MatrixLimitError, toMatrix, PLAN_COMMENT_MARKER, renderPlanComment, renderPlanSummary */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4296);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6706);
/** The plan: which services to release, at which version, and why — and its renderings. */


/** GitHub runs at most 256 jobs from one matrix. */
const MAX_MATRIX_JOBS = 256;
class MatrixLimitError extends (/* unused pure expression or super */ null && (UserError)) {
}
/** The `matrix` output. Over GitHub's limit it refuses rather than drop services silently. */
function toMatrix(plan) {
    if (plan.services.length > MAX_MATRIX_JOBS) {
        throw new MatrixLimitError(`${plan.services.length} services changed, more than the ${MAX_MATRIX_JOBS} jobs GitHub runs from one matrix`, 'release them in batches: run `plan` with a narrower `base`/`head` range, or split the services over ' +
            'several config files (one plan job each, the `config` input)');
    }
    return {
        include: plan.services.map((s) => ({
            service: s.service,
            version: s.version,
            'previous-version': s.previousVersion,
            reason: s.reason,
        })),
    };
}
/** The `plan` output: the whole plan as JSON-ready data. */
function planToJson(plan) {
    const entry = (s) => ({
        service: s.service,
        version: s.version,
        'previous-version': s.previousVersion,
        kind: s.kind,
        chain: s.chain,
        reason: s.reason,
    });
    return {
        range: plan.range,
        'changed-files': plan.changedFiles,
        services: plan.services.map(entry),
        libraries: plan.libraries.map(entry),
    };
}
function shortSha(sha) {
    return sha ? sha.slice(0, 12) : '—';
}
function rangeLine(range) {
    const span = range.base ? `${shortSha(range.base)}..${shortSha(range.head)}` : shortSha(range.head);
    return `${span}: ${range.why}`;
}
/** Finds the action's own comment on a pull request, to edit it in place. */
const PLAN_COMMENT_MARKER = '<!-- monorepo-release:plan -->';
/** The pull-request comment: what a merge would release, and why. */
function renderPlanComment(plan) {
    return `${PLAN_COMMENT_MARKER}\n${renderPlanSummary(plan).replace('### monorepo-release plan', '### monorepo-release: what merging this would release')}`;
}
/** The job summary of a plan (markdown; every outside value escaped). */
function renderPlanSummary(plan) {
    const lines = [`### monorepo-release plan`, '', `**Range** ${escapeMarkdown(rangeLine(plan.range))}`, ''];
    if (plan.services.length === 0) {
        lines.push(`No service to release (${plan.changedFiles} changed file(s) matched no released service).`);
    }
    else {
        lines.push(markdownTable(['Service', 'Version', 'Previous', 'Reason'], plan.services.map((s) => [
            escapeMarkdown(s.service),
            escapeMarkdown(s.version),
            escapeMarkdown(s.previousVersion || '—'),
            escapeMarkdown(s.reason),
        ])));
    }
    if (plan.libraries.length > 0) {
        lines.push('', `Changed libraries (not released themselves): ${plan.libraries.map((l) => escapeMarkdown(l.reason)).join('; ')}`);
    }
    lines.push('', `${plan.changedFiles} changed file(s); ${plan.services.length} service(s) to release.`);
    return lines.join('\n') + '\n';
}
/** The plan as a plain-text table for a terminal. */
function renderPlanTable(plan) {
    const header = ['SERVICE', 'VERSION', 'PREVIOUS', 'REASON'];
    const rows = plan.services.map((s) => [
        s.service,
        s.version,
        s.previousVersion || '-',
        (0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .showControls */ .mz)(s.reason),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const format = (cells) => cells
        .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
        .join('  ')
        .trimEnd();
    const out = [`Range ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .showControls */ .mz)(rangeLine(plan.range))}`, ''];
    if (rows.length === 0)
        out.push('No service to release.');
    else
        out.push(format(header), ...rows.map(format));
    for (const lib of plan.libraries)
        out.push(`(library ${lib.service} changed: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .showControls */ .mz)(lib.reason)})`);
    out.push('', `${plan.changedFiles} changed file(s); ${plan.services.length} service(s) to release.`);
    return out.join('\n') + '\n';
}


/***/ }),

/***/ 4130:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ee: () => (/* binding */ endRollback),
/* harmony export */   GA: () => (/* binding */ rollbackUnderWay),
/* harmony export */   Io: () => (/* binding */ updateStage),
/* harmony export */   Ir: () => (/* binding */ stoppedStage),
/* harmony export */   Mx: () => (/* binding */ newRecord),
/* harmony export */   N_: () => (/* binding */ versionClaim),
/* harmony export */   Nx: () => (/* binding */ startStage),
/* harmony export */   O9: () => (/* binding */ versionClaimPath),
/* harmony export */   Re: () => (/* binding */ recordId),
/* harmony export */   S6: () => (/* binding */ latestPointerPath),
/* harmony export */   Ye: () => (/* binding */ newPointer),
/* harmony export */   Yz: () => (/* binding */ closeOpenStages),
/* harmony export */   ZR: () => (/* binding */ finishRecord),
/* harmony export */   cb: () => (/* binding */ leftOpen),
/* harmony export */   dI: () => (/* binding */ versionClaimsDir),
/* harmony export */   jQ: () => (/* binding */ heartbeat),
/* harmony export */   lK: () => (/* binding */ serialize),
/* harmony export */   lP: () => (/* binding */ startRollback),
/* harmony export */   lX: () => (/* binding */ recordPath),
/* harmony export */   rC: () => (/* binding */ claimedVersionOf),
/* harmony export */   rT: () => (/* binding */ rollbackRecorded),
/* harmony export */   rW: () => (/* binding */ livePointerPath),
/* harmony export */   su: () => (/* binding */ resumeIndex)
/* harmony export */ });
/* unused harmony exports compactTime, withRollback */
/** The audit record: its shape (DESIGN.md "Audit log"), where it lives on the audit branch, and the
 * pure transitions a release makes on it. Every transition returns a new record. */
/** `20261129T133000Z`: safe in a file name on every file system. */
function compactTime(iso) {
    return iso.replace(/[-:]/g, '').replace(/\.\d+/, '');
}
function recordPath(record) {
    const started = record['started-at'];
    return `records/${record.service}/${started.slice(0, 7)}/${compactTime(started)}-${record.id}.json`;
}
function livePointerPath(environment, service) {
    return `current/${environment}/${service}.json`;
}
function latestPointerPath(environment, service) {
    return `latest/${environment}/${service}.json`;
}
function versionClaimsDir(service) {
    return `versions/${service}`;
}
function versionClaimPath(service, version) {
    return `${versionClaimsDir(service)}/${version}.json`;
}
/** The version a path under versionClaimsDir(service) names, or null for another file. */
function claimedVersionOf(service, path) {
    const prefix = `${versionClaimsDir(service)}/`;
    if (!path.startsWith(prefix) || !path.endsWith('.json'))
        return null;
    const version = path.slice(prefix.length, -'.json'.length);
    return version.includes('/') ? null : version;
}
/** The claim a release's record makes on its version. */
function versionClaim(record) {
    return {
        sha: record.sha,
        record: record.id,
        environment: record.environment,
        at: record['heartbeat-at'],
    };
}
/** A record id: the run and attempt it came from, plus randomness so that two records never share one. */
function recordId(run, random) {
    const runPart = /^\d+$/.test(run.runId) ? `${run.runId}-${run.runAttempt}-` : '';
    return `${runPart}${random}`;
}
function newRecord(fields) {
    const { run } = fields;
    return {
        id: fields.id,
        kind: fields.kind,
        service: fields.service,
        environment: fields.environment,
        version: fields.version,
        'previous-version': fields.previousVersion,
        sha: fields.sha,
        ref: run.ref,
        event: run.event,
        actor: run.actor,
        'triggering-actor': run.triggeringActor,
        'run-id': run.runId,
        'run-attempt': run.runAttempt,
        'run-url': run.runUrl,
        'started-at': fields.now,
        'heartbeat-at': fields.now,
        'finished-at': null,
        stages: [],
        outcome: null,
        rollback: null,
    };
}
function heartbeat(record, now) {
    return { ...record, 'heartbeat-at': now };
}
/** Open a stage; a stage replayed after an interruption replaces its unfinished entry. */
function startStage(record, stage, now) {
    const stages = record.stages.filter((s) => !(s.name === stage.name && s.result === null));
    stages.push({
        name: stage.name,
        percent: stage.percent,
        'started-at': now,
        'finished-at': null,
        result: null,
        checks: { passed: 0, failed: 0 },
    });
    return { ...record, stages, 'heartbeat-at': now };
}
/** Update the open (last) stage. */
function updateStage(record, change, now) {
    const stages = record.stages.slice();
    const last = stages[stages.length - 1];
    if (!last)
        return { ...record, 'heartbeat-at': now };
    stages[stages.length - 1] = { ...last, ...change };
    return { ...record, stages, 'heartbeat-at': now };
}
function finishRecord(record, outcome, now, note) {
    return { ...record, outcome, 'finished-at': now, 'heartbeat-at': now, ...(note ? { note } : {}) };
}
function withRollback(record, rollback, now) {
    return { ...record, rollback, 'heartbeat-at': now };
}
/** The stage to resume an interrupted release at: the first one that has not passed. */
function resumeIndex(record, stageNames) {
    const passed = new Set(record.stages.filter((s) => s.result === 'passed').map((s) => s.name));
    const index = stageNames.findIndex((name) => !passed.has(name));
    return index === -1 ? stageNames.length : index;
}
function newPointer(record, previous, now) {
    return {
        version: record.version,
        sha: record.sha,
        record: record.id,
        'previous-version': previous?.version ?? '',
        'previous-sha': previous?.sha ?? '',
        'updated-at': now,
    };
}
/** JSON as stored: stable key order, two-space indent, final newline (reviewable diffs on the branch). */
function serialize(value) {
    return JSON.stringify(value, null, 2) + '\n';
}
// --- A rollback, once started, is finished or reported: the record's side of it. ---
/** The rollback was started and its result is not recorded (its runner was lost, cancelled, or could not
 * write the result). */
function rollbackUnderWay(record) {
    return record.rollback !== null && record.rollback.result === null;
}
function rollbackRecorded(record) {
    return record.rollback?.result === 'passed' || record.rollback?.result === 'failed';
}
/** The stage that stopped the release (failed, or cancelled): nothing past it is ever deployed forward. */
function stoppedStage(record) {
    return record.stages.find((s) => s.result === 'failed' || s.result === 'cancelled') ?? null;
}
/** The run that wrote this record left it owing something: it is unfinished, or it was cancelled and its
 * rollback is not recorded. */
function leftOpen(record) {
    return record.outcome === null || (record.outcome === 'cancelled' && !rollbackRecorded(record));
}
/** Start (or take over) the rollback: its target and no result yet. A rollback already under way keeps its
 * target and start time; a stage still open is closed as cancelled (nothing runs in it any more). */
function startRollback(record, toVersion, now) {
    const { stages } = closeOpenStages(record, now);
    const rollback = rollbackUnderWay(record)
        ? record.rollback
        : { 'to-version': toVersion ?? '', result: null, 'started-at': now, 'finished-at': null };
    return { ...record, stages, rollback, 'heartbeat-at': now };
}
/** Record the rollback's result and close the record: `rolled-back` or `rollback-failed`; a cancelled
 * record stays `cancelled` (the cancel is what ended it), its rollback saying how that went. */
function endRollback(record, result, now, note) {
    const rollback = {
        ...(record.rollback ?? { 'to-version': '' }),
        result: result.passed ? 'passed' : 'failed',
        'finished-at': now,
        ...(result.error ? { error: result.error } : {}),
    };
    const outcome = record.outcome === 'cancelled' ? 'cancelled' : result.passed ? 'rolled-back' : 'rollback-failed';
    return finishRecord({ ...record, rollback }, outcome, now, note);
}
/** Stages still open are closed as cancelled: nothing runs in them any more. */
function closeOpenStages(record, now) {
    const stages = record.stages.map((s) => s.result === null ? { ...s, result: 'cancelled', 'finished-at': now } : s);
    return { ...record, stages };
}


/***/ }),

/***/ 9331:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ renderHistory)
/* harmony export */ });
/* unused harmony export renderReleaseSummary */
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8571);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6706);
/** Renderings of release records: the job summary's timeline and the `history` listing. */


function duration(start, end) {
    if (!end)
        return '—';
    const ms = Math.max(0, Date.parse(end) - Date.parse(start));
    // Tenths of a second read better in a timeline than `1s150ms`.
    return ms < 1000
        ? `${ms}ms`
        : ms < 120_000
            ? `${(ms / 1000).toFixed(1)}s`
            : formatDuration(Math.round(ms / 1000) * 1000);
}
function time(iso) {
    return iso.slice(11, 19);
}
/** The job summary of a release or rollback: one row per stage, the rollback, the record id. */
function renderReleaseSummary(record, headline, start, undeployed = []) {
    const e = escapeMarkdown;
    const lines = [
        `### ${e(record.service)} ${e(record.version)} → ${e(record.environment)}: ${e(record.outcome ?? 'in progress')}`,
        '',
        e(headline),
        '',
        `Commit \`${record.sha.slice(0, 12)}\` · previous version ${e(record['previous-version'] || '—')} · ${e(start)}`,
        '',
    ];
    if (record.stages.length > 0) {
        lines.push(markdownTable(['Stage', 'Traffic', 'Started (UTC)', 'Duration', 'Checks passed', 'Checks failed', 'Result'], record.stages.map((s) => [
            e(s.name),
            `${s.percent} %`,
            time(s['started-at']),
            duration(s['started-at'], s['finished-at']),
            String(s.checks.passed),
            String(s.checks.failed),
            e(s.result ?? 'running') + (s.error ? `: ${e(s.error.message)}` : ''),
        ])));
    }
    const failing = record.stages.find((s) => s.error);
    if (failing?.error?.output) {
        lines.push('', `<details><summary>Output of the failing ${e(failing.error.kind)} (${e(failing.name)})</summary>`, '', '```text', failing.error.output.replace(/```/g, '`\u200b``'), '```', '</details>');
    }
    if (record.rollback) {
        lines.push('', `**Rollback** to ${e(record.rollback['to-version'] || '(no known-good version)')}: ${e(record.rollback.result ?? 'pending')}`);
    }
    if (undeployed.length > 0) {
        lines.push('', `Also ships ${undeployed.length} commit(s) that were never deployed on their own (a failed or superseded release):`);
        for (const c of undeployed)
            lines.push(`- \`${c.sha.slice(0, 12)}\` ${e(c.message.split('\n')[0] ?? '')}`);
    }
    lines.push('', `Audit record \`${record.id}\` · run attempt ${record['run-attempt']}`);
    return lines.join('\n') + '\n';
}
/** The audit log as a terminal table, newest first, then the files that could not be read. Every value
 * comes from the branch, which anyone who can push may have written: its control characters are shown as
 * escapes, never sent to the terminal. */
function renderHistory(records, live, problems = []) {
    const c = _markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .showControls */ .mz;
    const out = [];
    if (live.length > 0) {
        out.push('LIVE NOW');
        for (const l of live)
            out.push(`  ${c(l.service)} (${c(l.environment)}): ${c(l.pointer.version)} @ ${c(l.pointer.sha.slice(0, 12))} since ${c(l.pointer['updated-at'])} (before: ${c(l.pointer['previous-version'] || '-')})`);
        out.push('');
    }
    const rows = records.map((r) => [
        c(r['started-at'].replace('T', ' ').slice(0, 19)),
        c(r.service),
        c(r.kind),
        c(r.version),
        c(r.sha.slice(0, 12)),
        c(r.outcome ?? 'in progress'),
        c(r['triggering-actor'] || r.actor),
        c(r.stages.map((s) => `${s.name}:${s.result ?? '…'}`).join(' ') +
            // A manual rollback's one stage already says it; a release's automatic rollback is told apart.
            (r.rollback && r.kind === 'release'
                ? ` rollback→${r.rollback['to-version'] || '∅'}:${r.rollback.result ?? '…'}`
                : '')),
    ]);
    const header = ['STARTED (UTC)', 'SERVICE', 'KIND', 'VERSION', 'COMMIT', 'OUTCOME', 'BY', 'STAGES'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const format = (cells) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
    out.push(format(header), ...rows.map(format));
    if (rows.length === 0)
        out.push('(no records)');
    if (problems.length > 0) {
        out.push('', `NOT READABLE (${problems.length}): restore each from the branch history (git log -p)`);
        for (const p of problems)
            out.push(`  ${c(p.path)}: ${c(p.problem)}`);
    }
    return out.join('\n') + '\n';
}


/***/ }),

/***/ 4015:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ semver)
/* harmony export */ });
/* harmony import */ var semver_functions_compare_build_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7648);
/* harmony import */ var semver_functions_compare_build_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(semver_functions_compare_build_js__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var semver_functions_gt_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6599);
/* harmony import */ var semver_functions_gt_js__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(semver_functions_gt_js__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var semver_functions_inc_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(2338);
/* harmony import */ var semver_functions_inc_js__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(semver_functions_inc_js__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var semver_functions_lt_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(3872);
/* harmony import */ var semver_functions_lt_js__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(semver_functions_lt_js__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(6353);
/* harmony import */ var semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__nccwpck_require__.n(semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var semver_functions_valid_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(8780);
/* harmony import */ var semver_functions_valid_js__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__nccwpck_require__.n(semver_functions_valid_js__WEBPACK_IMPORTED_MODULE_5__);
/** The few semver functions this project uses, each from its own module: the package's index loads all of
 * semver (ranges, comparators, coercion), ~7 ms of every command's startup. */






const semver = { compareBuild: (semver_functions_compare_build_js__WEBPACK_IMPORTED_MODULE_0___default()), gt: (semver_functions_gt_js__WEBPACK_IMPORTED_MODULE_1___default()), inc: (semver_functions_inc_js__WEBPACK_IMPORTED_MODULE_2___default()), lt: (semver_functions_lt_js__WEBPACK_IMPORTED_MODULE_3___default()), parse: (semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_4___default()), valid: (semver_functions_valid_js__WEBPACK_IMPORTED_MODULE_5___default()) };


/***/ }),

/***/ 2085:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ suggest)
/* harmony export */ });
/** "Did you mean" for misspelt keys and names. */
/** Optimal-string-alignment distance: edits, counting a swap of two neighbours (`servcies`) as one. */
function editDistance(a, b) {
    const rows = [];
    for (let i = 0; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++) {
            if (i === 0) {
                row.push(j);
                continue;
            }
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let best = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                best = Math.min(best, rows[i - 2][j - 2] + 1);
            row.push(best);
        }
        rows.push(row);
    }
    return rows[a.length][b.length];
}
/** The candidate closest to `word`, or undefined when none is close enough to be a likely typo
 * (about one edit per three characters, at most three). */
function suggest(word, candidates) {
    const lower = word.toLowerCase();
    let best;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        if (candidate === word)
            continue;
        const distance = editDistance(lower, candidate.toLowerCase());
        const limit = Math.min(3, Math.max(1, Math.floor(Math.max(word.length, candidate.length) / 3)));
        if (distance <= limit && distance < word.length && distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}


/***/ }),

/***/ 4506:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   ED: () => (/* binding */ parseTag),
/* harmony export */   IC: () => (/* binding */ serviceReleases),
/* harmony export */   Ik: () => (/* binding */ lastRelease),
/* harmony export */   MP: () => (/* binding */ latestReleases),
/* harmony export */   Rg: () => (/* binding */ newestVersion),
/* harmony export */   Rh: () => (/* binding */ plannedVersion),
/* harmony export */   ZM: () => (/* binding */ tagGlob),
/* harmony export */   _3: () => (/* binding */ formatTag),
/* harmony export */   bL: () => (/* binding */ takenBy),
/* harmony export */   eM: () => (/* binding */ commitsSinceEach),
/* harmony export */   ex: () => (/* binding */ nextFreeVersion),
/* harmony export */   lF: () => (/* binding */ isVersion),
/* harmony export */   n4: () => (/* binding */ shaVersion),
/* harmony export */   nM: () => (/* binding */ bumpSinceBuild),
/* harmony export */   yU: () => (/* binding */ nextVersion)
/* harmony export */ });
/* unused harmony exports bumpOf, bumpBetween, versionGivenByHand */
/* harmony import */ var _semver_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4015);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4296);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(2483);
/** Version rules: tags in the configured format, conventional-commit bumps, SHA versions. */



// The strict grammar of semver.org (no leading `v`, no leading zeros), without capture groups so it can be
// embedded in a tag pattern: the regex engine then only splits a tag where the version part is valid.
const IDENTIFIER = String.raw `(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)`;
const SEMVER_SOURCE = String.raw `(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)` +
    String.raw `(?:-${IDENTIFIER}(?:\.${IDENTIFIER})*)?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?`;
const SEMVER = new RegExp(`^${SEMVER_SOURCE}$`);
// Service names cannot hold `@`, `/` or `{`, so a format like `{service}@v{version}` splits one way only.
const SERVICE_SOURCE = '[a-z0-9][a-z0-9._-]*';
const PLACEHOLDER = /\{(service|version)\}/g;
/** Valid semver as written in a tag or input: no leading `v`, no spaces; build metadata allowed. The
 * semver package adds the length and safe-integer limits. */
function isVersion(s) {
    return SEMVER.test(s) && _semver_js__WEBPACK_IMPORTED_MODULE_0__/* .semver */ .h.parse(s) !== null;
}
/** `{service}@v{version}` → `api@v1.2.0`. */
function formatTag(format, service, version) {
    return format.replace(PLACEHOLDER, (_, name) => (name === 'service' ? service : version));
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** A regex for the tags of `format`, with `service` fixed when given. Null when the format lacks a
 * placeholder (such a format cannot name both a service and a version). */
function tagPattern(format, service) {
    if (!format.includes('{service}') || !format.includes('{version}'))
        return null;
    const seen = new Set();
    let source = '';
    let last = 0;
    for (const match of format.matchAll(PLACEHOLDER)) {
        source += escapeRegExp(format.slice(last, match.index));
        const name = match[1];
        if (seen.has(name))
            source += `\\k<${name}>`;
        else if (name === 'service' && service !== undefined)
            source += `(?<service>${escapeRegExp(service)})`;
        else
            source += `(?<${name}>${name === 'service' ? SERVICE_SOURCE : SEMVER_SOURCE})`;
        seen.add(name);
        last = match.index + match[0].length;
    }
    return new RegExp(`^${source}${escapeRegExp(format.slice(last))}$`);
}
function parseWith(pattern, tag) {
    const groups = pattern?.exec(tag)?.groups;
    if (!groups)
        return null;
    const { service, version } = groups;
    return (0,_names_js__WEBPACK_IMPORTED_MODULE_2__/* .isServiceName */ .tN)(service) && isVersion(version) ? { service, version } : null;
}
/** `api@v1.2.0` → `{ service: 'api', version: '1.2.0' }`; null for a tag of another shape, an invalid
 * service name or a version that is not semver. */
function parseTag(format, tag) {
    return parseWith(tagPattern(format), tag);
}
/** The newest release of every service that has tags: each tag is parsed once, so the cost grows with
 * tags plus services, not their product. (`lastRelease` below pins one service in the pattern, which only
 * matters for a format so ambiguous that one tag could name two services.) */
function latestReleases(format, tags) {
    const pattern = tagPattern(format);
    const best = new Map();
    for (const tag of tags) {
        const parsed = parseWith(pattern, tag.name);
        if (!parsed)
            continue;
        const current = best.get(parsed.service);
        if (!current || _semver_js__WEBPACK_IMPORTED_MODULE_0__/* .semver */ .h.compareBuild(parsed.version, current.version) > 0) {
            best.set(parsed.service, { version: parsed.version, tag: tag.name, sha: tag.sha });
        }
    }
    return best;
}
/** The service's release with the highest version among the tags, or null when it has none. */
function lastRelease(format, service, tags) {
    let best = null;
    for (const release of serviceReleases(format, service, tags)) {
        if (best === null || _semver_js__WEBPACK_IMPORTED_MODULE_0__/* .semver */ .h.compareBuild(release.version, best.version) > 0)
            best = release;
    }
    return best;
}
/** Every release of one service among the tags, in the order given. */
function serviceReleases(format, service, tags) {
    // Fixing the service in the pattern keeps another service's tags out even when the format is ambiguous.
    const pattern = tagPattern(format, service);
    const releases = [];
    for (const tag of tags) {
        const parsed = parseWith(pattern, tag.name);
        if (parsed)
            releases.push({ version: parsed.version, tag: tag.name, sha: tag.sha });
    }
    return releases;
}
/** The `git ls-remote` pattern for the tags of one service: the tag format with `*` for the version, or
 * every tag when the format's own text holds a glob character (the tags are parsed afterwards anyway). */
function tagGlob(format, service) {
    if (/[*?[\\]/.test(format.replace(PLACEHOLDER, '')))
        return 'refs/tags/*';
    return `refs/tags/${formatTag(format, service, '*')}`;
}
// `type(scope)!: description`; types are case-insensitive per the conventional-commits spec.
const HEADER = /^([A-Za-z][A-Za-z0-9-]*)(?:\([^()\r\n]*\))?(!)?:[ \t]+\S/;
// The footer token is case-sensitive per the spec.
const BREAKING_FOOTER = /^BREAKING[ -]CHANGE(?::[ \t]| #)/m;
/** The bump a commit message asks for: breaking (`!` or a `BREAKING CHANGE:` footer) → major, `feat` →
 * minor, anything else, non-conventional messages included → patch. */
function bumpOf(message) {
    const header = HEADER.exec(message);
    if (header?.[2] === '!' || BREAKING_FOOTER.test(message))
        return 'major';
    if (header?.[1].toLowerCase() === 'feat')
        return 'minor';
    return 'patch';
}
const BUMP_ORDER = ['patch', 'minor', 'major'];
function highestBump(messages) {
    let highest = 0;
    for (const message of messages) {
        highest = Math.max(highest, BUMP_ORDER.indexOf(bumpOf(message)));
        if (highest === BUMP_ORDER.length - 1)
            break;
    }
    return BUMP_ORDER[highest];
}
/** The next version after `last` given the messages of the commits that touch the service: `0.1.0` for a
 * first release; `last` itself when no commit touches it. */
function nextVersion(last, messages) {
    if (last === null)
        return '0.1.0';
    if (!isVersion(last)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`the last release's version "${last}" is not semver`, 'tag releases as MAJOR.MINOR.PATCH in the tag format (for example api@v1.2.0)');
    }
    if (messages.length === 0)
        return last;
    return _semver_js__WEBPACK_IMPORTED_MODULE_0__/* .semver */ .h.inc(last, highestBump(messages));
}
/** The version a changed service is planned at: nextVersion from its last release, and a patch above it
 * when that bumps nothing but the release was of another commit, so that one version never names two
 * builds. Only a plan of the released commit itself (a re-run) keeps its version. */
function plannedVersion(last, messages, head) {
    const next = nextVersion(last.version, messages);
    return last.sha === head ? next : _semver_js__WEBPACK_IMPORTED_MODULE_0__/* .semver */ .h.inc(last.version, bumpSinceBuild(messages));
}
/** The bump the commits since another build ask for: at least a patch, since this build must not share
 * that build's version. */
function bumpSinceBuild(messages) {
    return messages.length === 0 ? 'patch' : highestBump(messages);
}
/** The holder of `version` that is another build than `sha`, or null when the version is free for it:
 * one version names one build, in every environment. */
function takenBy(version, sha, holders) {
    return holders.find((h) => h.version === version && h.sha !== sha) ?? null;
}
/** The newest of the versions (semver order; what is not semver is left out), or null. */
function newestVersion(versions) {
    let newest = null;
    for (const version of versions) {
        if (isVersion(version) && (newest === null || _semver_js__WEBPACK_IMPORTED_MODULE_0__/* .semver */ .h.compareBuild(version, newest) > 0))
            newest = version;
    }
    return newest;
}
/** The kind of bump that leads from `base` to `version`; from 0.0.0 when there is no base (a first
 * release, 0.1.0, is a minor bump). */
function bumpBetween(base, version) {
    const from = _semver_js__WEBPACK_IMPORTED_MODULE_0__/* .semver */ .h.parse(base ?? '0.0.0');
    const to = _semver_js__WEBPACK_IMPORTED_MODULE_0__/* .semver */ .h.parse(version);
    if (!from || !to || to.major !== from.major)
        return 'major';
    return to.minor !== from.minor ? 'minor' : 'patch';
}
/**
 * The version a release takes: its proposal when no other build holds it; otherwise the same bump counted
 * from the newest version taken, which no build holds (it is above them all). `taken` are the versions other
 * builds hold. `bump` is what the commits since a taken build ask for, when that build is an ancestor of
 * this one; without it, the proposal's own bump over its base (the newest version taken below it).
 */
function nextFreeVersion(proposal, taken, bump) {
    if (!taken.includes(proposal))
        return proposal;
    const below = taken.filter((v) => isVersion(v) && _semver_js__WEBPACK_IMPORTED_MODULE_0__/* .semver */ .h.compareBuild(v, proposal) < 0);
    const kind = bump ?? bumpBetween(newestVersion(below), proposal);
    return _semver_js__WEBPACK_IMPORTED_MODULE_0__/* .semver */ .h.inc(newestVersion(taken), kind);
}
/** Whether the version of a release was given by hand — the tag that was pushed (`api@v1.1.0`) or the
 * `version` input of a workflow_dispatch — rather than proposed by a plan. A proposal that another build
 * holds moves on to the next free version; a version given by hand is refused. */
function versionGivenByHand(event, format, service, version) {
    if (event.name === 'workflow_dispatch') {
        const given = event.payload?.inputs?.version;
        return typeof given === 'string' && given.trim() === version;
    }
    if (!event.ref.startsWith('refs/tags/'))
        return false;
    const tag = parseTag(format, event.ref.slice('refs/tags/'.length));
    return tag?.service === service && tag.version === version;
}
/** `versioning: sha`: the first 12 characters of the commit SHA. */
function shaVersion(sha) {
    if (!/^[0-9a-f]{12,64}$/i.test(sha)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`"${sha}" is not a commit SHA`, 'pass the full hexadecimal commit SHA (git rev-parse HEAD)');
    }
    return sha.slice(0, 12).toLowerCase();
}
/**
 * For each `since`, the commits of `listed` that are not reachable from it: what `git log since..head` lists,
 * when `listed` is `git log base..head` with parents and `base` is an ancestor of every since. (A path from a
 * since to a listed commit cannot leave the listed commits: whatever is not listed is reachable from base,
 * and so is everything it reaches.) Cost: sinces × listed commits.
 */
function commitsSinceEach(listed, sinces) {
    const position = new Map();
    listed.forEach((commit, i) => position.set(commit.sha, i));
    const result = new Map();
    for (const since of sinces) {
        const reached = new Uint8Array(listed.length);
        const queue = [];
        const start = position.get(since);
        if (start !== undefined) {
            reached[start] = 1;
            queue.push(start);
        }
        for (let next = 0; next < queue.length; next++) {
            for (const parent of listed[queue[next]].parents) {
                const at = position.get(parent);
                if (at !== undefined && reached[at] === 0) {
                    reached[at] = 1;
                    queue.push(at);
                }
            }
        }
        result.set(since, listed.filter((_, i) => reached[i] === 0));
    }
    return result;
}


/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 6193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 8330:
/***/ ((module) => {

module.exports = {"rE":"0.1.0"};

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(5581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ var __webpack_exports__main = __webpack_exports__.i;
/******/ export { __webpack_exports__main as main };
/******/ 
