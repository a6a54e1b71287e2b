/**
 * The words the site's scripts write at run time, in the page's language (<html lang>), which
 * the export set from the station's setting. The verifier's own check messages are technical and
 * stay as the engine writes them; each is shown after a translated summary.
 */
import { isSiteLanguage, type SiteLanguage } from '../i18n.js'

export type RuntimeTexts = Readonly<{
  checking: string
  verified: string
  revoked: string
  expired: string
  notVerified: string
  active: string
  checkNames: Readonly<Record<string, string>>
  /** What a passed check says, by check name. */
  passed: Readonly<Record<string, string>>
  fileNotice: string
  preparing: string
  failed: string
  notJson: string
  nothingInFile: string
  /** {n} */
  pdfCount: string
  noSuchCredential: string
  nothingToVerify: string
  done: string
  noManifest: string
}>

const EN: RuntimeTexts = {
  checking: 'Checking…',
  verified: 'Verified',
  revoked: 'Revoked',
  expired: 'Expired',
  notVerified: 'Not verified',
  active: 'Active',
  checkNames: {
    Signature: 'Signature',
    'Issuer key': 'Issuer key',
    Dates: 'Dates',
    Status: 'Status',
    Format: 'Format',
    Credential: 'Credential'
  },
  passed: {
    Signature: 'The signature is valid.',
    'Issuer key': 'The issuer publishes this signing key in its did.json.',
    Dates: 'Within its validity dates.',
    Status: 'Not revoked (signed status list checked).'
  },
  fileNotice:
    'This page was opened from a file on this computer. Verifying and downloading badges need the site to be served over http(s): upload the folder to your web host, or start a local web server in it.',
  preparing: 'Preparing the download…',
  failed: 'The download could not be prepared:',
  notJson: 'This is not JSON.',
  nothingInFile: 'No Open Badges credential was found in this file.',
  pdfCount: 'This PDF holds {n} credentials; each is checked below.',
  noSuchCredential: 'No credential with this id on this site.',
  nothingToVerify: 'Paste a credential, or choose or drop a badge file first.',
  done: 'Download ready.',
  noManifest:
    'This site’s manifest (kiln-manifest.json) could not be read, so the issuer’s key cannot be checked here.'
}

const DE: RuntimeTexts = {
  checking: 'Wird geprüft…',
  verified: 'Bestätigt',
  revoked: 'Widerrufen',
  expired: 'Abgelaufen',
  notVerified: 'Nicht bestätigt',
  active: 'Gültig',
  checkNames: {
    Signature: 'Signatur',
    'Issuer key': 'Schlüssel des Ausstellers',
    Dates: 'Gültigkeit',
    Status: 'Status',
    Format: 'Format',
    Credential: 'Nachweis'
  },
  passed: {
    Signature: 'Die Signatur ist gültig.',
    'Issuer key': 'Der Aussteller veröffentlicht diesen Signaturschlüssel.',
    Dates: 'Innerhalb der Gültigkeitsdauer.',
    Status: 'Nicht widerrufen (signierte Statusliste geprüft).'
  },
  fileNotice:
    'Diese Seite wurde als Datei von diesem Computer geöffnet. Zum Prüfen und Herunterladen muss die Seite über http(s) ausgeliefert werden: Laden Sie den Ordner auf Ihren Webspace hoch oder starten Sie darin einen lokalen Webserver.',
  preparing: 'Download wird vorbereitet…',
  failed: 'Der Download konnte nicht vorbereitet werden:',
  notJson: 'Das ist kein JSON.',
  nothingInFile: 'In dieser Datei wurde kein Open-Badges-Nachweis gefunden.',
  pdfCount: 'Dieses PDF enthält {n} Nachweise; jeder wird unten geprüft.',
  noSuchCredential: 'Auf dieser Seite gibt es keinen Nachweis mit dieser ID.',
  nothingToVerify:
    'Fügen Sie zuerst einen Nachweis ein oder wählen Sie eine Abzeichen-Datei (oder ziehen Sie sie hierher).',
  done: 'Download bereit.',
  noManifest:
    'Das Manifest dieser Seite (kiln-manifest.json) konnte nicht gelesen werden, daher lässt sich der Schlüssel des Ausstellers hier nicht prüfen.'
}

const FR: RuntimeTexts = {
  checking: 'Vérification…',
  verified: 'Vérifié',
  revoked: 'Révoqué',
  expired: 'Expiré',
  notVerified: 'Non vérifié',
  active: 'Valide',
  checkNames: {
    Signature: 'Signature',
    'Issuer key': 'Clé de l’émetteur',
    Dates: 'Dates de validité',
    Status: 'Statut',
    Format: 'Format',
    Credential: 'Attestation'
  },
  passed: {
    Signature: 'La signature est valide.',
    'Issuer key': 'L’émetteur publie cette clé de signature.',
    Dates: 'Dans ses dates de validité.',
    Status: 'Non révoquée (liste de statut signée vérifiée).'
  },
  fileNotice:
    'Cette page a été ouverte depuis un fichier de cet ordinateur. Pour vérifier et télécharger les badges, le site doit être servi en http(s) : déposez le dossier chez votre hébergeur, ou lancez-y un serveur web local.',
  preparing: 'Préparation du téléchargement…',
  failed: 'Le téléchargement n’a pas pu être préparé :',
  notJson: 'Ce n’est pas du JSON.',
  nothingInFile: 'Aucune attestation Open Badges n’a été trouvée dans ce fichier.',
  pdfCount: 'Ce PDF contient {n} attestations ; chacune est vérifiée ci-dessous.',
  noSuchCredential: 'Aucune attestation avec cet identifiant sur ce site.',
  nothingToVerify: 'Collez d’abord une attestation, ou choisissez ou déposez un fichier de badge.',
  done: 'Téléchargement prêt.',
  noManifest:
    'Le manifeste de ce site (kiln-manifest.json) n’a pas pu être lu : la clé de l’émetteur ne peut pas être vérifiée ici.'
}

const ES: RuntimeTexts = {
  checking: 'Comprobando…',
  verified: 'Verificada',
  revoked: 'Revocada',
  expired: 'Caducada',
  notVerified: 'No verificada',
  active: 'Vigente',
  checkNames: {
    Signature: 'Firma',
    'Issuer key': 'Clave del emisor',
    Dates: 'Fechas de validez',
    Status: 'Estado',
    Format: 'Formato',
    Credential: 'Credencial'
  },
  passed: {
    Signature: 'La firma es válida.',
    'Issuer key': 'El emisor publica esta clave de firma.',
    Dates: 'Dentro de sus fechas de validez.',
    Status: 'No revocada (lista de estado firmada comprobada).'
  },
  fileNotice:
    'Esta página se abrió como archivo de este ordenador. Para verificar y descargar insignias, el sitio debe servirse por http(s): suba la carpeta a su alojamiento web o inicie en ella un servidor web local.',
  preparing: 'Preparando la descarga…',
  failed: 'No se pudo preparar la descarga:',
  notJson: 'Esto no es JSON.',
  nothingInFile: 'No se encontró ninguna credencial Open Badges en este archivo.',
  pdfCount: 'Este PDF contiene {n} credenciales; cada una se comprueba abajo.',
  noSuchCredential: 'No hay ninguna credencial con este identificador en este sitio.',
  nothingToVerify: 'Primero pegue una credencial, o elija o arrastre un archivo de insignia.',
  done: 'Descarga lista.',
  noManifest:
    'No se pudo leer el manifiesto de este sitio (kiln-manifest.json), así que aquí no se puede comprobar la clave del emisor.'
}

const ALL: Readonly<Record<SiteLanguage, RuntimeTexts>> = { en: EN, de: DE, fr: FR, es: ES }

export function runtimeTexts(): RuntimeTexts {
  const lang = typeof document === 'undefined' ? 'en' : document.documentElement.lang
  return isSiteLanguage(lang) ? ALL[lang] : EN
}
