/**
 * Opening a connection to the mail server that Kiln trusts, before any password is sent.
 *
 * With security starttls or tls, the first attempt accepts what any mail program accepts (a
 * certificate a CA vouches for, naming the host). If that fails only because the certificate is
 * not trusted (a self-hosted server's self-signed one), and none is pinned yet, Kiln reads the
 * certificate on a connection of its own (no login, no message), pins it (settings, like the SFTP
 * host key of a publish target) and connects again trusting exactly it. A pinned certificate that
 * changed is refused (HOST_KEY_CHANGED) with both fingerprints: Kiln did not log in.
 *
 * The station's delivery service keeps one SmtpTrust (DeliveryService.trust): pinning is a change
 * of the catalog, so it takes the mutation queue (callers connect outside it: mail:test is a
 * 'connects' method, a sending run is a job), and a first use that is already reading the
 * certificate of a server is shared by a second connection to the same server (a test message
 * sent while a run starts), so one certificate is read and pinned once.
 */
import { fail } from '../failure.js'
import { logger } from '../logger.js'
import type { Station } from '../station/station.js'
import { pinCertificate, type SmtpAccess } from './mail-settings.js'
import { probeCertificate, type SeenCertificate } from './smtp-certificate.js'
import { isUntrustedCertificate, type SmtpTransport } from './smtp.js'

export type TrustedTransport = Readonly<{
  transport: SmtpTransport
  /** The fingerprint pinned by this connection (its first use), if it pinned one. */
  pinned?: string
}>

async function verified(
  access: SmtpAccess,
  create: (access: SmtpAccess) => SmtpTransport
): Promise<SmtpTransport> {
  const transport = create(access)
  try {
    await transport.verify()
    return transport
  } catch (error) {
    transport.close()
    throw error
  }
}

function placeOf(access: SmtpAccess): string {
  return `${access.security}://${access.host.toLowerCase()}:${access.port}`
}

export class SmtpTrust {
  readonly #station: Station
  /** Certificates being read for a first use, by server (security, host, port). */
  readonly #firstUse = new Map<string, Promise<SeenCertificate>>()

  constructor(station: Station) {
    this.#station = station
  }

  /** A transport whose connection (and login) was verified; throws nodemailer's error otherwise. */
  async connect(
    access: SmtpAccess,
    create: (access: SmtpAccess) => SmtpTransport
  ): Promise<TrustedTransport> {
    try {
      return { transport: await verified(access, create) }
    } catch (error) {
      if (access.security === 'none' || !isUntrustedCertificate(error)) throw error
      const where = `${access.host}:${access.port}`
      const seen = await this.#read(access)
      const pinned = access.pinned
      if (pinned && pinned.fingerprint !== seen.fingerprint) {
        fail(
          'HOST_KEY_CHANGED',
          `The certificate of the mail server ${where} changed: it was ${pinned.fingerprint} when first pinned and is now ${seen.fingerprint}. Kiln did not log in. If the server’s administrator confirms the new certificate, forget the old one (Settings → E-mail, or kiln mail setup … --forget-certificate).`,
          { expected: pinned.fingerprint, actual: seen.fingerprint }
        )
      }
      // Pinned and unchanged, yet refused (expired, say): that is the settings' problem.
      if (pinned) throw error
      const trusting: SmtpAccess = { ...access, pinned: seen }
      const transport = await verified(trusting, create)
      try {
        await this.#pin(access, seen)
      } catch (failure) {
        transport.close()
        throw failure
      }
      return { transport, pinned: seen.fingerprint }
    }
  }

  /** Forgets first uses in progress (the station closes). */
  close(): void {
    this.#firstUse.clear()
  }

  /** The server's certificate; a second connection to the same server shares the first's read. */
  async #read(access: SmtpAccess): Promise<SeenCertificate> {
    const place = placeOf(access)
    const reading = this.#firstUse.get(place)
    if (reading) return reading
    const read = probeCertificate(access)
    this.#firstUse.set(place, read)
    try {
      return await read
    } finally {
      if (this.#firstUse.get(place) === read) this.#firstUse.delete(place)
    }
  }

  /** Records the pin in the settings, through the mutation queue (re-checked there). */
  async #pin(access: SmtpAccess, seen: SeenCertificate): Promise<void> {
    const station = this.#station
    const write = (): Promise<boolean> => pinCertificate(station, access, seen)
    const pinnedNow = station.queue.holding ? await write() : await station.queue.run(write)
    if (pinnedNow) {
      logger.info(
        `pinned the certificate of the mail server ${access.host}:${access.port}: ${seen.fingerprint}`
      )
      // Settings → E-mail shows the pin (it listens to the outbox domain, as for all mail settings).
      station.bus.emit('data:changed', { domain: 'outbox' })
    }
  }
}
