/**
 * Conformity status of the portal with the RGAA, shown on the accessibility statement
 * and in the footer of every page. Change it only after an audit has been carried out.
 */
export const accessibilityStatus = "non conforme" as const;
export const accessibilityStatusLabel = "Accessibilité : non conforme";
