import { EARTH_RADIUS_KM, haversineKm, isValidLatLng, withinKm } from './distance';

const OSLO = { lat: 59.9139, lng: 10.7522 };
const BERGEN = { lat: 60.3913, lng: 5.3221 };

describe('haversineKm', () => {
  it('measures Oslo–Bergen as the ~305 km great circle', () => {
    expect(haversineKm(OSLO, BERGEN)).toBeCloseTo(305, -1);
    expect(Math.abs(haversineKm(OSLO, BERGEN) - 305)).toBeLessThan(3);
  });

  it('is zero for the same point and symmetric', () => {
    expect(haversineKm(OSLO, OSLO)).toBe(0);
    expect(haversineKm(BERGEN, OSLO)).toBeCloseTo(haversineKm(OSLO, BERGEN), 9);
  });

  it('gives a degree of latitude as ~111.2 km', () => {
    expect(haversineKm({ lat: 60, lng: 10 }, { lat: 61, lng: 10 })).toBeCloseTo(111.19, 1);
  });

  it('gives half the circumference for antipodes instead of NaN', () => {
    expect(haversineKm({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
  });
});

describe('withinKm', () => {
  it('includes the boundary and excludes what lies beyond it', () => {
    const d = haversineKm(OSLO, BERGEN);
    expect(withinKm(OSLO, BERGEN, d)).toBe(true);
    expect(withinKm(OSLO, BERGEN, 20)).toBe(false);
  });
});

describe('isValidLatLng', () => {
  it('accepts finite points on the globe, edges included', () => {
    expect(isValidLatLng(OSLO)).toBe(true);
    expect(isValidLatLng({ lat: -90, lng: 180 })).toBe(true);
    expect(isValidLatLng({ lat: 90, lng: -180, extra: 'ignored' })).toBe(true);
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', '59.9,10.7'],
    ['missing lng', { lat: 59.9 }],
    ['string coordinates', { lat: '59.9', lng: '10.7' }],
    ['NaN', { lat: Number.NaN, lng: 10 }],
    ['Infinity', { lat: 10, lng: Number.POSITIVE_INFINITY }],
    ['latitude out of range', { lat: 90.0001, lng: 0 }],
    ['longitude out of range', { lat: 0, lng: -180.0001 }],
  ])('rejects %s', (_label, value) => {
    expect(isValidLatLng(value)).toBe(false);
  });
});
