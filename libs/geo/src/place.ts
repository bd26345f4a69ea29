import type { FieldError, PlaceView } from '@brobygger/contracts';
import { gazetteer } from './gazetteer';

/** A place as people give it: an address line, a postcode, a municipality number, or coordinates. */
export interface PlaceInput {
  street?: string;
  postcode?: string;
  municipality?: string;
  lat?: number;
  lng?: number;
}

/** A resolved place: the contracts' PlaceView, so what is resolved here goes on the wire as it is. */
export type Place = PlaceView;

/**
 * A place from what was given: a postcode gives municipality and coordinates, a municipality number its
 * centre, explicit coordinates win. Unknown codes are pushed to `errors` naming `<prefix>.<field>`.
 */
export function resolvePlace(a: PlaceInput, prefix: string, errors: FieldError[]): Place {
  const geo = gazetteer();
  const place: Place = { ...(a.street ? { street: a.street } : {}) };
  if (a.postcode) {
    const p = geo.postcode(a.postcode);
    if (!p) errors.push({ field: `${prefix}.postcode`, messages: [`unknown postcode ${a.postcode}`] });
    else
      Object.assign(place, {
        postcode: a.postcode,
        municipality: p.municipalityCode,
        lat: p.lat,
        lng: p.lng,
      });
  }
  if (a.municipality) {
    const m = geo.municipality(a.municipality);
    if (!m) {
      errors.push({
        field: `${prefix}.municipality`,
        messages: [`unknown municipality number ${a.municipality}`],
      });
    } else {
      place.municipality = m.code;
      if (place.lat === undefined) Object.assign(place, { lat: m.lat, lng: m.lng });
    }
  }
  if (place.municipality) place.municipalityName = geo.municipality(place.municipality)?.name;
  if (a.lat !== undefined && a.lng !== undefined) Object.assign(place, { lat: a.lat, lng: a.lng });
  return place;
}
