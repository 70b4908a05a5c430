import { expect, test } from '@playwright/test';
import { JsonSyntaxError, parseJsonWithLines } from './jsonWithLines.js';

const refusal = (text: string) => {
  try {
    parseJsonWithLines(text);
  } catch (error) {
    expect(error).toBeInstanceOf(JsonSyntaxError);
    return error as JsonSyntaxError;
  }
  throw new Error('accepted');
};

test('reads what JSON.parse reads, and knows the line of every value', () => {
  const text = '\ufeff{\n  "a": [1, -2.5e3, true, null],\n  "b": {\n    "c": "x\\u00e5\\n\\"y"\n  }\n}\n';
  const doc = parseJsonWithLines(text);
  expect(doc.value).toEqual(JSON.parse(text.slice(1)));
  expect(doc.positionOf(['a', 1])).toEqual({ line: 2, column: 12 });
  expect(doc.positionOf(['b', 'c'])).toEqual({ line: 4, column: 10 });
  expect(doc.positionOf(['b', 'missing'])).toEqual({ line: 3, column: 8 }); // the nearest known parent
});

test('refuses what is not JSON with the line and column and what to do', () => {
  expect(refusal('{\n  "a": 1,\n}').message).toBe('a comma before "}" (trailing commas are not allowed in JSON) (line 3, column 1)');
  expect(refusal('{"a": 1, "a": 2}').reason).toBe('the key "a" appears twice in this object');
  expect(refusal('{\n // note\n "a": 1}').reason).toContain('comments are not allowed in JSON; use a "comment" field instead');
  expect(refusal("{'a': 1}").reason).toBe('expected a key in double quotes, found "\'"');
  expect(refusal('{"a": "b\n"}').position).toEqual({ line: 1, column: 9 });
  expect(refusal('[1, 2').reason).toBe('expected "," or "]" in a list, found the end of the file');
  expect(refusal('{"a": 1} x').reason).toBe('unexpected "x" after the end of the document');
  expect(refusal('{"a": 01}').reason).toBe('expected "," or "}" after the value of "a", found "1"');
});
