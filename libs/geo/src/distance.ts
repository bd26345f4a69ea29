export type LatLng = { lat: number; lng: number };

// IUGG mean Earth radius. The spherical model is off by up to ~0.5% against the ellipsoid, far below the
// error of a postcode or municipality point, so nothing finer is worth its cost.
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;

/** Whether the value is a finite WGS84 point; guards input from forms, imports and queues before any maths. */
export function isValidLatLng(value: unknown): value is LatLng {
  if (typeof value !== 'object' || value === null) return false;
  const { lat, lng } = value as Record<string, unknown>;
  return (
    typeof lat === 'number' &&
    typeof lng === 'number' &&
    Number.isFinite(lat) &&
    Number.isFinite(lng) &&
    lat >= -90 &&
    lat <= 90 &&
    lng >= -180 &&
    lng <= 180
  );
}

/** Great-circle distance in kilometres. */
export function haversineKm(a: LatLng, b: LatLng): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  // Rounding can push h a hair above 1 for antipodal points, where asin would return NaN.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, h)));
}

/** Whether b lies within `km` of a, the test behind "within 20 km of …". */
export function withinKm(a: LatLng, b: LatLng, km: number): boolean {
  return haversineKm(a, b) <= km;
}
