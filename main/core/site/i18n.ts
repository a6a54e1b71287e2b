/**
 * The site's fixed texts in the languages a station can choose (Settings → Badge site). Members
 * and employers read these pages, so every word the site writes itself comes from here; names,
 * badge texts and reasons are the issuer's own words and are not translated. Dates are written
 * out by hand (not Intl), so a page is the same bytes on every Node build.
 * Browser-safe (the verifier page reads the language names).
 */
import { SITE_LANGUAGES, type SiteLanguage } from '../../../shared/site-languages.js'

export { SITE_LANGUAGES, type SiteLanguage }

export const SITE_LANGUAGE_NAMES: Readonly<Record<SiteLanguage, string>> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español'
}

export { isSiteLanguage } from '../../../shared/site-languages.js'

export type SiteTexts = Readonly<{
  skip: string
  badges: string
  noBadges: string
  verifyBadge: string
  credentialId: string
  verify: string
  checkFile: string
  criteria: string
  criteriaPage: string
  achievementJson: string
  awardedTo: string
  issuedBy: string
  issuedOn: string
  validUntil: string
  status: string
  active: string
  expired: string
  revoked: string
  download: string
  badgePng: string
  badgeSvg: string
  credentialJson: string
  certificatePdf: string
  downloadHint: string
  share: string
  addLinkedIn: string
  shareLinkedIn: string
  shareEmail: string
  aboutBadge: string
  /** {date} */
  revokedNotice: string
  reason: string
  replacedNotice: string
  replacementLink: string
  /** {date} */
  expiredNotice: string
  /** {name} {badge} {issuer} */
  earned: string
  verifyIntro: string
  credentialJsonLabel: string
  credentialFile: string
  dropHint: string
  /** {name} */
  personalTitle: string
  /** {name} {issuer} */
  personalIntro: string
  downloadAll: string
  noActive: string
  otherIssuers: string
  privateNote: string
  nothingHere: string
  toSite: string
  badgeImage: string
}>

const EN: SiteTexts = {
  skip: 'Skip to content',
  badges: 'Badges',
  noBadges: 'No published badges yet.',
  verifyBadge: 'Verify a badge',
  credentialId: 'Credential id',
  verify: 'Verify',
  checkFile: 'Check a badge file (PNG, SVG, JSON or PDF certificate) in your browser',
  criteria: 'Criteria',
  criteriaPage: 'Criteria page',
  achievementJson: 'Achievement (JSON)',
  awardedTo: 'Awarded to',
  issuedBy: 'Issued by',
  issuedOn: 'Issued on',
  validUntil: 'Valid until',
  status: 'Status',
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
  download: 'Download',
  badgePng: 'Badge (PNG)',
  badgeSvg: 'Badge (SVG)',
  credentialJson: 'Credential (JSON)',
  certificatePdf: 'Certificate (PDF)',
  downloadHint: 'The badge files carry the signed credential, so anyone can verify them.',
  share: 'Share',
  addLinkedIn: 'Add to LinkedIn profile',
  shareLinkedIn: 'Share on LinkedIn',
  shareEmail: 'Share by e-mail',
  aboutBadge: 'About this badge',
  revokedNotice: 'This credential was revoked on {date}. It is no longer valid.',
  reason: 'Reason:',
  replacedNotice: 'It was replaced by a newer credential.',
  replacementLink: 'Go to the current credential',
  expiredNotice: 'This credential expired on {date}.',
  earned: '{name} earned “{badge}” from {issuer}.',
  verifyIntro:
    'Check an Open Badges 3.0 credential: paste its JSON, or choose or drop a badge file (PNG, SVG, JSON or a PDF certificate). Everything is checked in your browser; nothing is sent anywhere.',
  credentialJsonLabel: 'Credential JSON',
  credentialFile: 'Badge file',
  dropHint: 'You can also drop a file anywhere on this page.',
  personalTitle: 'Badges of {name}',
  personalIntro: 'The badges {issuer} awarded to {name}.',
  downloadAll: 'Download all badges (ZIP)',
  noActive: 'No active badges.',
  otherIssuers: 'From other issuers',
  privateNote: 'This page is private: only people you give its address to can open it.',
  nothingHere: 'There is nothing to list here.',
  toSite: 'Go to the badge site',
  badgeImage: 'Badge image'
}

const DE: SiteTexts = {
  skip: 'Zum Inhalt springen',
  badges: 'Abzeichen',
  noBadges: 'Noch keine veröffentlichten Abzeichen.',
  verifyBadge: 'Abzeichen prüfen',
  credentialId: 'Nachweis-ID',
  verify: 'Prüfen',
  checkFile: 'Eine Abzeichen-Datei (PNG, SVG, JSON oder PDF-Urkunde) im Browser prüfen',
  criteria: 'Kriterien',
  criteriaPage: 'Seite mit den Kriterien',
  achievementJson: 'Leistung (JSON)',
  awardedTo: 'Verliehen an',
  issuedBy: 'Ausgestellt von',
  issuedOn: 'Ausgestellt am',
  validUntil: 'Gültig bis',
  status: 'Status',
  active: 'Gültig',
  expired: 'Abgelaufen',
  revoked: 'Widerrufen',
  download: 'Herunterladen',
  badgePng: 'Abzeichen (PNG)',
  badgeSvg: 'Abzeichen (SVG)',
  credentialJson: 'Nachweis (JSON)',
  certificatePdf: 'Urkunde (PDF)',
  downloadHint:
    'Die Abzeichen-Dateien enthalten den signierten Nachweis, daher kann jede und jeder sie prüfen.',
  share: 'Teilen',
  addLinkedIn: 'Zum LinkedIn-Profil hinzufügen',
  shareLinkedIn: 'Auf LinkedIn teilen',
  shareEmail: 'Per E-Mail teilen',
  aboutBadge: 'Über dieses Abzeichen',
  revokedNotice: 'Dieser Nachweis wurde am {date} widerrufen. Er ist nicht mehr gültig.',
  reason: 'Grund:',
  replacedNotice: 'Er wurde durch einen neueren Nachweis ersetzt.',
  replacementLink: 'Zum aktuellen Nachweis',
  expiredNotice: 'Dieser Nachweis ist am {date} abgelaufen.',
  earned: '{name} hat „{badge}“ von {issuer} erhalten.',
  verifyIntro:
    'Prüfen Sie einen Open-Badges-3.0-Nachweis: Fügen Sie sein JSON ein, oder wählen Sie eine Abzeichen-Datei (PNG, SVG, JSON oder PDF-Urkunde) bzw. ziehen Sie sie hierher. Alles wird in Ihrem Browser geprüft; nichts wird irgendwohin gesendet.',
  credentialJsonLabel: 'Nachweis als JSON',
  credentialFile: 'Abzeichen-Datei',
  dropHint: 'Sie können eine Datei auch an einer beliebigen Stelle dieser Seite ablegen.',
  personalTitle: 'Abzeichen von {name}',
  personalIntro: 'Die Abzeichen, die {issuer} an {name} verliehen hat.',
  downloadAll: 'Alle Abzeichen herunterladen (ZIP)',
  noActive: 'Keine gültigen Abzeichen.',
  otherIssuers: 'Von anderen Ausstellern',
  privateNote: 'Diese Seite ist privat: Nur wer ihre Adresse von Ihnen erhält, kann sie öffnen.',
  nothingHere: 'Hier gibt es nichts aufzulisten.',
  toSite: 'Zur Abzeichen-Seite',
  badgeImage: 'Abzeichen-Bild'
}

const FR: SiteTexts = {
  skip: 'Aller au contenu',
  badges: 'Badges',
  noBadges: 'Aucun badge publié pour le moment.',
  verifyBadge: 'Vérifier un badge',
  credentialId: 'Identifiant de l’attestation',
  verify: 'Vérifier',
  checkFile:
    'Vérifier un fichier de badge (PNG, SVG, JSON ou certificat PDF) dans votre navigateur',
  criteria: 'Critères',
  criteriaPage: 'Page des critères',
  achievementJson: 'Accomplissement (JSON)',
  awardedTo: 'Décerné à',
  issuedBy: 'Délivré par',
  issuedOn: 'Délivré le',
  validUntil: 'Valable jusqu’au',
  status: 'Statut',
  active: 'Valide',
  expired: 'Expiré',
  revoked: 'Révoqué',
  download: 'Télécharger',
  badgePng: 'Badge (PNG)',
  badgeSvg: 'Badge (SVG)',
  credentialJson: 'Attestation (JSON)',
  certificatePdf: 'Certificat (PDF)',
  downloadHint:
    'Les fichiers du badge contiennent l’attestation signée : tout le monde peut les vérifier.',
  share: 'Partager',
  addLinkedIn: 'Ajouter au profil LinkedIn',
  shareLinkedIn: 'Partager sur LinkedIn',
  shareEmail: 'Partager par e-mail',
  aboutBadge: 'À propos de ce badge',
  revokedNotice: 'Cette attestation a été révoquée le {date}. Elle n’est plus valable.',
  reason: 'Motif :',
  replacedNotice: 'Elle a été remplacée par une attestation plus récente.',
  replacementLink: 'Voir l’attestation actuelle',
  expiredNotice: 'Cette attestation a expiré le {date}.',
  earned: '{name} a obtenu « {badge} » auprès de {issuer}.',
  verifyIntro:
    'Vérifiez une attestation Open Badges 3.0 : collez son JSON, ou choisissez ou déposez un fichier de badge (PNG, SVG, JSON ou certificat PDF). Tout est vérifié dans votre navigateur ; rien n’est envoyé nulle part.',
  credentialJsonLabel: 'Attestation en JSON',
  credentialFile: 'Fichier du badge',
  dropHint: 'Vous pouvez aussi déposer un fichier n’importe où sur cette page.',
  personalTitle: 'Badges de {name}',
  personalIntro: 'Les badges que {issuer} a décernés à {name}.',
  downloadAll: 'Télécharger tous les badges (ZIP)',
  noActive: 'Aucun badge valide.',
  otherIssuers: 'D’autres émetteurs',
  privateNote:
    'Cette page est privée : seules les personnes à qui vous donnez son adresse peuvent l’ouvrir.',
  nothingHere: 'Il n’y a rien à afficher ici.',
  toSite: 'Aller au site des badges',
  badgeImage: 'Image du badge'
}

const ES: SiteTexts = {
  skip: 'Saltar al contenido',
  badges: 'Insignias',
  noBadges: 'Todavía no hay insignias publicadas.',
  verifyBadge: 'Verificar una insignia',
  credentialId: 'Identificador de la credencial',
  verify: 'Verificar',
  checkFile: 'Verificar un archivo de insignia (PNG, SVG, JSON o certificado PDF) en su navegador',
  criteria: 'Criterios',
  criteriaPage: 'Página de criterios',
  achievementJson: 'Logro (JSON)',
  awardedTo: 'Otorgada a',
  issuedBy: 'Emitida por',
  issuedOn: 'Emitida el',
  validUntil: 'Válida hasta',
  status: 'Estado',
  active: 'Vigente',
  expired: 'Caducada',
  revoked: 'Revocada',
  download: 'Descargar',
  badgePng: 'Insignia (PNG)',
  badgeSvg: 'Insignia (SVG)',
  credentialJson: 'Credencial (JSON)',
  certificatePdf: 'Certificado (PDF)',
  downloadHint:
    'Los archivos de la insignia contienen la credencial firmada, así que cualquiera puede verificarlos.',
  share: 'Compartir',
  addLinkedIn: 'Añadir al perfil de LinkedIn',
  shareLinkedIn: 'Compartir en LinkedIn',
  shareEmail: 'Compartir por correo electrónico',
  aboutBadge: 'Acerca de esta insignia',
  revokedNotice: 'Esta credencial fue revocada el {date}. Ya no es válida.',
  reason: 'Motivo:',
  replacedNotice: 'Fue sustituida por una credencial más reciente.',
  replacementLink: 'Ver la credencial vigente',
  expiredNotice: 'Esta credencial caducó el {date}.',
  earned: '{name} obtuvo «{badge}» de {issuer}.',
  verifyIntro:
    'Verifique una credencial Open Badges 3.0: pegue su JSON, o elija o arrastre un archivo de insignia (PNG, SVG, JSON o un certificado PDF). Todo se comprueba en su navegador; no se envía nada a ninguna parte.',
  credentialJsonLabel: 'Credencial en JSON',
  credentialFile: 'Archivo de la insignia',
  dropHint: 'También puede soltar un archivo en cualquier parte de esta página.',
  personalTitle: 'Insignias de {name}',
  personalIntro: 'Las insignias que {issuer} otorgó a {name}.',
  downloadAll: 'Descargar todas las insignias (ZIP)',
  noActive: 'No hay insignias vigentes.',
  otherIssuers: 'De otros emisores',
  privateNote:
    'Esta página es privada: solo pueden abrirla las personas a quienes usted dé su dirección.',
  nothingHere: 'Aquí no hay nada que mostrar.',
  toSite: 'Ir al sitio de insignias',
  badgeImage: 'Imagen de la insignia'
}

const TEXTS: Readonly<Record<SiteLanguage, SiteTexts>> = { en: EN, de: DE, fr: FR, es: ES }

export function siteTexts(language: SiteLanguage): SiteTexts {
  return TEXTS[language]
}

/** `template` with each {key} replaced (values are plain text; escape the result for HTML). */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole)
}

const MONTHS: Readonly<Record<SiteLanguage, readonly string[]>> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December'
  ],
  de: [
    'Januar',
    'Februar',
    'März',
    'April',
    'Mai',
    'Juni',
    'Juli',
    'August',
    'September',
    'Oktober',
    'November',
    'Dezember'
  ],
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre'
  ],
  es: [
    'enero',
    'febrero',
    'marzo',
    'abril',
    'mayo',
    'junio',
    'julio',
    'agosto',
    'septiembre',
    'octubre',
    'noviembre',
    'diciembre'
  ]
}

/** The UTC calendar day of an ISO date-time, written out: "12 March 2026", "12. März 2026"… */
export function formatDate(language: SiteLanguage, iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return iso
  const [, year = '', month = '', dayText = ''] = m
  const day = Number(dayText)
  const name = MONTHS[language][Number(month) - 1] ?? month
  switch (language) {
    case 'en':
      return `${day} ${name} ${year}`
    case 'de':
      return `${day}. ${name} ${year}`
    case 'fr':
      return `${day === 1 ? '1er' : day} ${name} ${year}`
    case 'es':
      return `${day} de ${name} de ${year}`
  }
}
