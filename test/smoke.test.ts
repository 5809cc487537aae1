import * as lib from '../src';

test('library entry point loads', () => {
  expect(typeof lib).toBe('object');
});
