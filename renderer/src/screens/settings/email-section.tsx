import { useState, type ReactElement } from 'react'
import { Button, Form, Switch } from 'react-aria-components'
import type {
  MailSettingsView,
  SmtpSecurity,
  SmtpView
} from '../../../../shared/methods/delivery.js'
import type { KilnApi } from '../../../../shared/api.js'
import { BusyStatus } from '../../components/busy-status.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { SelectField } from '../../components/select-field.js'
import { FormTextField } from '../../components/text-field.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { formatDateTime } from './when.js'
import { TemplateEditor } from './email-templates.js'
import '../outbox/outbox.css'

const SECURITY: ReadonlyArray<readonly [SmtpSecurity, string]> = [
  ['starttls', 'STARTTLS (usually port 587)'],
  ['tls', 'TLS from the start (usually port 465)'],
  ['none', 'None (the password crosses the network unencrypted)']
]

const loadSettings = (kiln: KilnApi) => kiln.mailSettings({})

/** Settings → E-mail: the mail server, a test message, when messages are queued and sent, the templates. */
export function EmailSection(): ReactElement {
  const settings = useKilnQuery(loadSettings, 'outbox')
  const view = settings.phase === 'ready' ? settings.value : null
  return (
    <section aria-labelledby="settings-email">
      <h2 id="settings-email">E-mail</h2>
      <p className="settings-hint">
        Kiln e-mails every award to its recipient, with the badge attached, through your mail
        server. Messages wait in the Outbox while the computer is offline and leave when the network
        is there.
      </p>
      {settings.phase === 'failed' ? <ErrorAlert error={settings.error} /> : null}
      {view ? <ServerForm view={view} /> : null}
      {view?.smtp?.certificate ? <PinnedCertificate smtp={view.smtp} /> : null}
      {view?.configured ? <TestMessage /> : null}
      {view ? <Options view={view} /> : null}
      {view ? <TemplateEditor view={view} /> : null}
    </section>
  )
}

function ServerForm({ view }: Readonly<{ view: MailSettingsView }>): ReactElement {
  const smtp = view.smtp
  const [host, setHost] = useState(smtp?.host ?? '')
  const [port, setPort] = useState(String(smtp?.port ?? 587))
  const [security, setSecurity] = useState<SmtpSecurity>(smtp?.security ?? 'starttls')
  const [user, setUser] = useState(smtp?.user ?? '')
  const [password, setPassword] = useState('')
  const [from, setFrom] = useState(smtp?.from ?? '')
  const [replyTo, setReplyTo] = useState(smtp?.replyTo ?? '')
  const [rate, setRate] = useState(smtp?.ratePerMinute ? String(smtp.ratePerMinute) : '')
  const saving = useMutation()
  const { busy, error } = saving
  const [notice, setNotice] = useState('')

  async function save(): Promise<void> {
    setNotice('')
    const rateN = Number(rate)
    if (rate.trim() && !(Number.isInteger(rateN) && rateN > 0)) {
      saving.setError({
        code: 'INVALID_INPUT',
        message: `The rate must be a whole number of messages per minute, not “${rate.trim()}”.`,
        details: { field: 'ratePerMinute' }
      })
      return
    }
    const result = await saving.run((kiln) =>
      kiln.mailSetup({
        host: host.trim(),
        port: Number(port),
        security,
        ...(user.trim() ? { user: user.trim() } : {}),
        ...(password ? { password } : {}),
        from: from.trim(),
        ...(replyTo.trim() ? { replyTo: replyTo.trim() } : {}),
        ...(rate.trim() ? { ratePerMinute: rateN } : {})
      })
    )
    if (!result) return
    setPassword('')
    if (result.ok) setNotice('Mail server saved. The password is sealed with the station key.')
  }

  const field = error?.details?.field
  return (
    <Form
      className="form settings-form"
      aria-label="Mail server"
      validationErrors={field && error ? { [field]: error.message } : {}}
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      <h3>Mail server</h3>
      <FormTextField name="host" label="SMTP server" isRequired value={host} onChange={setHost} />
      <FormTextField name="port" label="Port" isRequired value={port} onChange={setPort} />
      <SelectField
        label="Security"
        value={security}
        onChange={setSecurity}
        options={SECURITY.map(([value, label]) => ({ value, label }))}
      />
      <FormTextField
        name="user"
        label="User name"
        autoComplete="username"
        value={user}
        onChange={setUser}
      />
      <FormTextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        description={
          smtp?.hasPassword
            ? 'A password is saved (sealed with the station key). Leave this empty to keep it.'
            : 'Sealed with the station key; never stored in plain text.'
        }
        value={password}
        onChange={setPassword}
      />
      <FormTextField
        name="from"
        label="Send from (address)"
        type="email"
        isRequired
        value={from}
        onChange={setFrom}
      />
      <FormTextField
        name="replyTo"
        label="Replies go to"
        type="email"
        value={replyTo}
        onChange={setReplyTo}
      />
      <FormTextField
        name="ratePerMinute"
        label="At most this many messages per minute"
        description="Your provider’s limit, if it has one. Empty: no limit."
        value={rate}
        onChange={setRate}
      />
      <ErrorAlert error={error} />
      {notice ? (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      ) : null}
      <div className="form-actions">
        <Button type="submit" className="button button-primary" isDisabled={busy}>
          Save mail server
        </Button>
        <BusyStatus busy={busy}>Saving…</BusyStatus>
      </div>
    </Form>
  )
}

/**
 * The self-hosted server's certificate Kiln pinned on first use, and a way to forget it when its
 * administrator confirms a new one (the next connection pins that one).
 */
function PinnedCertificate({ smtp }: Readonly<{ smtp: SmtpView }>): ReactElement {
  const forgetting = useMutation()
  const pin = smtp.certificate
  async function forget(): Promise<void> {
    await forgetting.run((kiln) =>
      kiln.mailSetup({
        host: smtp.host,
        port: smtp.port,
        security: smtp.security,
        ...(smtp.user ? { user: smtp.user } : {}),
        from: smtp.from,
        ...(smtp.replyTo ? { replyTo: smtp.replyTo } : {}),
        ...(smtp.ratePerMinute ? { ratePerMinute: smtp.ratePerMinute } : {}),
        connections: smtp.connections,
        forgetCertificate: true
      })
    )
  }
  return (
    <div className="settings-form">
      <h3>Server certificate</h3>
      <p className="settings-hint">
        No public authority vouches for this server’s certificate, so Kiln pinned the one it saw
        first{pin ? ` (${formatDateTime(pin.pinnedAt)})` : ''} and trusts only that one. Compare it
        with the fingerprint the server’s administrator gives you:
      </p>
      <p>
        <code className="mail-fingerprint">{pin?.fingerprint}</code>
      </p>
      <ErrorAlert error={forgetting.error} />
      <div className="form-actions">
        <Button className="button" isDisabled={forgetting.busy} onPress={() => void forget()}>
          Forget this certificate
        </Button>
        <BusyStatus busy={forgetting.busy}>Forgetting…</BusyStatus>
      </div>
    </div>
  )
}

function TestMessage(): ReactElement {
  const [to, setTo] = useState('')
  const sending = useMutation()
  const { busy, error } = sending
  const [sent, setSent] = useState<{ to: string; response: string; pinned?: string } | null>(null)

  async function send(): Promise<void> {
    setSent(null)
    const address = to.trim()
    const result = await sending.run((kiln) => kiln.mailTest({ to: address }))
    if (result?.ok) setSent({ to: address, ...result.value })
  }

  return (
    <Form
      className="form settings-form"
      aria-label="Test message"
      onSubmit={(event) => {
        event.preventDefault()
        void send()
      }}
    >
      <FormTextField
        name="to"
        label="Send a test message to"
        type="email"
        isRequired
        value={to}
        onChange={setTo}
      />
      <ErrorAlert error={error} />
      {sent ? (
        <p className="notice notice-success" role="status">
          Test message sent to {sent.to}. The server said “{sent.response}”.
          {sent.pinned ? (
            <>
              {' '}
              Kiln pinned its certificate: <code className="mail-fingerprint">{sent.pinned}</code>.
            </>
          ) : null}
        </p>
      ) : null}
      <div className="form-actions">
        <Button type="submit" className="button" isDisabled={busy}>
          Send a test message
        </Button>
        <BusyStatus busy={busy}>Sending…</BusyStatus>
      </div>
    </Form>
  )
}

function Options({ view }: Readonly<{ view: MailSettingsView }>): ReactElement {
  const saving = useMutation()
  const set = (patch: { autoQueue?: boolean; waitForSite?: boolean }): void => {
    void saving.run((kiln) => kiln.mailOptions(patch))
  }
  return (
    <div className="settings-form">
      <h3>When messages leave</h3>
      <Switch
        className="switch"
        isSelected={view.autoQueue}
        isDisabled={saving.busy}
        onChange={(on) => set({ autoQueue: on })}
      >
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        E-mail every new award to its recipient (desk, batches, rules, corrections)
      </Switch>
      <Switch
        className="switch"
        isSelected={view.waitForSite}
        isDisabled={saving.busy}
        onChange={(on) => set({ waitForSite: on })}
      >
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        Wait until the credential is on the badge site before sending
      </Switch>
      <p className="settings-hint">
        A message links to the credential’s page, so by default it waits for the site: until it is
        published to the default publish target, or, without a publish target, until a bundle
        holding it is exported. “Send now” at the desk or in the Outbox sends one at once: the
        attached badge image carries the credential, so it verifies before the site is live.
      </p>
      <ErrorAlert error={saving.error} />
    </div>
  )
}
