import { isValidOrgNumber } from './org-number';

describe('isValidOrgNumber', () => {
  it.each([
    ['923609016', true], // Equinor ASA
    ['974760673', true], // Brønnøysundregistrene
    ['923609017', false], // wrong check digit
    ['12345678', false], // too short
    ['92360901a', false],
  ])('%s -> %s', (n, ok) => {
    expect(isValidOrgNumber(n)).toBe(ok);
  });
});
