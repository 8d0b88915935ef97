import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDoi } from '../shared/doi.js';
import { parseIssn, parseIssnOrDoi } from './issn-doi.js';

test('an ISSN with a matching check digit is read, with or without its hyphen, X for ten', () => {
  assert.equal(parseIssn('0317-8471'), '0317-8471');
  assert.equal(parseIssn('03178471'), '0317-8471');
  assert.equal(parseIssn('2049-3630'), '2049-3630');
  assert.equal(parseIssn('0000-006x'), '0000-006X');
});

test('an ISSN whose check digit does not match, or of the wrong length, is refused', () => {
  for (const bad of ['0317-8472', '0317-847', '0317-84711', 'ABCD-EFGH', '']) assert.equal(parseIssn(bad), undefined, bad);
});

test('a DOI is 10. with a registrant code, a slash and a suffix; doi: and doi.org addresses are read as the DOI', () => {
  assert.equal(parseDoi('10.1000/182'), '10.1000/182');
  assert.equal(parseDoi('doi:10.1038/nphys1170'), '10.1038/nphys1170');
  assert.equal(parseDoi('https://doi.org/10.1016/j.cell.2009.01.002'), '10.1016/j.cell.2009.01.002');
  for (const bad of ['10.1/abc', '11.1000/182', '10.1000', '10.1000/', 'doi 10.1000/1 2']) assert.equal(parseDoi(bad), undefined, bad);
});

test('ISSN or DOI: either is told apart, anything else is neither', () => {
  assert.deepEqual(parseIssnOrDoi('0317-8471'), { kind: 'issn', value: '0317-8471' });
  assert.deepEqual(parseIssnOrDoi('10.1000/182'), { kind: 'doi', value: '10.1000/182' });
  assert.equal(parseIssnOrDoi('not a number'), undefined);
});
