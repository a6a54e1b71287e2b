import { useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react'
import { Button, Form, Label, Radio, RadioGroup, Text } from 'react-aria-components'
import { err } from '../../../shared/result.js'
import type { StationStatus } from '../../../shared/types.js'
import { BusyStatus } from '../components/busy-status.js'
import { ErrorAlert } from '../components/error-alert.js'
import { FormTextField } from '../components/text-field.js'
import { useMutation } from '../hooks/use-mutation.js'
import {
  fieldErrorsFrom,
  MIN_PASSPHRASE,
  toInitInput,
  validateSetup,
  type FieldErrors,
  type SetupValues
} from './setup-validation.js'

type SetupWizardProps = Readonly<{ onCreated: (status: StationStatus) => void }>

const INITIAL: SetupValues = {
  issuerName: '',
  issuerUrl: '',
  siteUrl: '',
  issuerEmail: '',
  did: 'web',
  passphrase: '',
  passphraseConfirm: ''
}

/** First run: who issues the badges, where they will be published, and the key's passphrase. */
export function SetupWizard({ onCreated }: SetupWizardProps): ReactElement {
  const [values, setValues] = useState<SetupValues>(INITIAL)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const create = useMutation()
  const formRef = useRef<HTMLFormElement>(null)

  // After a failed submit, take the person to the first field that needs attention.
  useEffect(() => {
    if (Object.keys(fieldErrors).length === 0) return
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [fieldErrors])

  const set = (field: keyof SetupValues) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }))

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    if (create.busy) return
    const local = validateSetup(values)
    if (Object.keys(local).length > 0) {
      setFieldErrors(local)
      create.setError(err('INVALID_INPUT', 'Check the marked fields; nothing was created.').error)
      return
    }
    setFieldErrors({})
    const result = await create.run((kiln) => kiln.stationInit(toInitInput(values)))
    if (!result) return
    if (result.ok) {
      onCreated(result.value)
      return
    }
    setFieldErrors(fieldErrorsFrom(result.error))
  }

  return (
    <main className="page page-narrow" aria-labelledby="setup-title">
      <h1 id="setup-title" className="screen-heading">
        Set up this station
      </h1>
      <p className="lead">
        Kiln signs Open Badges on this computer. Tell it who issues them and where they will be
        published; you can do this once per station.
      </p>
      <Form
        ref={formRef}
        className="form"
        validationBehavior="aria"
        validationErrors={fieldErrors}
        onSubmit={(event) => void submit(event)}
      >
        <fieldset className="form-group">
          <legend>Issuer</legend>
          <FormTextField
            name="issuerName"
            label="Issuer name"
            description="The association or event named on every badge."
            autoComplete="organization"
            isRequired
            autoFocus
            value={values.issuerName}
            onChange={set('issuerName')}
          />
          <FormTextField
            name="issuerUrl"
            label="Issuer website"
            type="url"
            description="The issuer’s home page, for example https://example.org/."
            autoComplete="url"
            isRequired
            value={values.issuerUrl}
            onChange={set('issuerUrl')}
          />
          <FormTextField
            name="issuerEmail"
            label="Contact e-mail"
            type="email"
            description="Shown on the issuer profile so recipients can reach you."
            autoComplete="email"
            value={values.issuerEmail}
            onChange={set('issuerEmail')}
          />
        </fieldset>
        <fieldset className="form-group">
          <legend>Publishing</legend>
          <FormTextField
            name="siteUrl"
            label="Badge site URL"
            type="url"
            description="The web address where you will upload the badge bundles Kiln exports; every credential’s public link lives under it."
            isRequired
            value={values.siteUrl}
            onChange={set('siteUrl')}
          />
          <RadioGroup
            className="radio-group"
            name="did"
            value={values.did}
            onChange={(value) => set('did')(value === 'key' ? 'key' : 'web')}
          >
            <Label className="field-label">Issuer identifier</Label>
            <Radio className="radio" value="web">
              did:web of the badge site (recommended)
            </Radio>
            <Radio className="radio" value="key">
              did:key, for a station without a website
            </Radio>
            <Text slot="description" className="field-description">
              Verifiers use it to find the station’s public key. did:web ties badges to your site;
              did:key needs no site but is not tied to your name.
            </Text>
          </RadioGroup>
        </fieldset>
        <fieldset className="form-group">
          <legend>Signing key</legend>
          <FormTextField
            name="passphrase"
            label="Passphrase"
            type="password"
            description={`At least ${MIN_PASSPHRASE} characters. It encrypts the station’s signing key; Kiln cannot recover it if it is lost.`}
            autoComplete="new-password"
            isRequired
            value={values.passphrase}
            onChange={set('passphrase')}
          />
          <FormTextField
            name="passphraseConfirm"
            label="Repeat passphrase"
            type="password"
            description="Type it again to make sure there is no typing mistake."
            autoComplete="new-password"
            isRequired
            value={values.passphraseConfirm}
            onChange={set('passphraseConfirm')}
          />
        </fieldset>
        <ErrorAlert error={create.error} />
        <div className="form-actions">
          <Button type="submit" className="button button-primary">
            Create station
          </Button>
          <BusyStatus busy={create.busy}>Creating the station and its signing key…</BusyStatus>
        </div>
      </Form>
    </main>
  )
}
