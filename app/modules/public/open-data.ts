/** The licence of every open-data file (/donnees): Etalab's Licence Ouverte / Open Licence 2.0. */
export const OPEN_LICENCE = "Licence Ouverte 2.0";
export const OPEN_LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/";
