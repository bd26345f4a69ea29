/**
 * The credit Erik Bolstad's postcode points require (CC BY 3.0): this text, as a link to this address,
 * wherever places or distances computed from them are shown. See data/geo/SOURCE_AND_LICENSE.md.
 */
export const POSTCODE_POINTS_ATTRIBUTION = {
  text: 'Postnummerdata frå Erik Bolstad',
  url: 'http://www.erikbolstad.no/postnummer/',
} as const;

/** Every source of the shipped place data, as Markdown, for documents that show places or distances. */
export const PLACE_DATA_ATTRIBUTION_MARKDOWN =
  `[${POSTCODE_POINTS_ATTRIBUTION.text}](${POSTCODE_POINTS_ATTRIBUTION.url}) (CC BY 3.0); ` +
  'municipalities from GeoNames (https://www.geonames.org, CC BY 4.0); ' +
  'postcodes and post towns © Posten Norge AS.';
