/** The parts of an application: the text fields of the form and the three photo slots. */
export const CERT_TEXT_FIELDS = ['legalName', 'mobile', 'idNumber', 'uscc', 'storeName', 'storeAddress'] as const
export type CertTextField = (typeof CERT_TEXT_FIELDS)[number]
export const PHOTO_SLOTS = ['idFront', 'idBack', 'licence'] as const
export type PhotoSlot = (typeof PHOTO_SLOTS)[number]
