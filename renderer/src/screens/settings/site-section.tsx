import { useCallback, useEffect, useState, type ReactElement } from 'react'
import { Form } from 'react-aria-components'
import type { SiteLanguage, SiteSettingsView } from '../../../../shared/methods/site.js'
import type { KilnError } from '../../../../shared/result.js'
import type { KilnApi } from '../../../../shared/api.js'
import { useKiln } from '../../api/kiln-context.js'
import { ColorField } from '../../components/color-field.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { SelectField } from '../../components/select-field.js'
import { FormTextField } from '../../components/text-field.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import { ACCEPTED_IMAGES, uploadImageFile } from '../badges/image-upload.js'

const LANGUAGES: ReadonlyArray<readonly [SiteLanguage, string]> = [
  ['en', 'English'],
  ['de', 'Deutsch'],
  ['fr', 'Français'],
  ['es', 'Español']
]

/**
 * Settings → Badge site: the language of the site's texts, the issuer's colours and logo on its
 * pages, and LinkedIn's organisation id for "Add to profile". Applied by the next export (Sync).
 */
export function SiteSection(): ReactElement {
  const [tick, setTick] = useState(0)
  const load = useCallback(
    (kiln: KilnApi) => {
      void tick
      return kiln.siteSettings({})
    },
    [tick]
  )
  const query = useKilnQuery(load, 'bundles')
  return (
    <section aria-labelledby="settings-site">
      <h2 id="settings-site">Badge site</h2>
      <p className="settings-hint">
        How the published badge pages look to members and employers. Changes reach the site with the
        next export on the Sync screen.
      </p>
      {query.phase === 'failed' ? <ErrorAlert error={query.error} /> : null}
      {query.phase === 'ready' ? (
        <SiteForm view={query.value} onSaved={() => setTick((t) => t + 1)} />
      ) : null}
    </section>
  )
}

function SiteForm({
  view,
  onSaved
}: Readonly<{ view: SiteSettingsView; onSaved: () => void }>): ReactElement {
  const kiln = useKiln()
  const s = view.settings
  const [language, setLanguage] = useState<SiteLanguage>(s.language)
  const [brand, setBrand] = useState(s.brandColor ?? view.defaults.brandColor)
  const [accent, setAccent] = useState(s.accentColor ?? view.defaults.accentColor)
  const [logo, setLogo] = useState<string | null>(s.logoSha256 ?? null)
  const [preview, setPreview] = useState<Readonly<{ sha: string; url: string }> | null>(null)
  const logoPreview = logo && preview?.sha === logo ? preview.url : null
  const [linkedIn, setLinkedIn] = useState(s.linkedInOrganizationId ?? '')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<KilnError | null>(null)
  const [notice, setNotice] = useState('')
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})

  useEffect(() => {
    if (!logo) return
    let active = true
    void kiln.badgesImage({ sha256: logo, size: 96 }).then((result) => {
      if (active && result.ok) {
        setPreview({ sha: logo, url: `data:image/png;base64,${result.value.pngBase64}` })
      }
    })
    return () => {
      active = false
    }
  }, [kiln, logo])

  async function chooseLogo(file: File): Promise<void> {
    setBusy(true)
    setError(null)
    const result = await uploadImageFile(kiln, file)
    setBusy(false)
    if (result.ok) setLogo(result.value.sha256)
    else setError(result.error)
  }

  async function save(): Promise<void> {
    setError(null)
    setNotice('')
    if (linkedIn.trim() !== '' && !/^\d{1,20}$/.test(linkedIn.trim())) {
      setFieldErrors({
        linkedin: 'Enter only the number from the page’s address, for example 2414183.'
      })
      return
    }
    setFieldErrors({})
    setBusy(true)
    const result = await kiln.siteSettings({
      language,
      brandColor: brand === view.defaults.brandColor ? null : brand,
      accentColor: accent === view.defaults.accentColor ? null : accent,
      logoSha256: logo,
      linkedInOrganizationId: linkedIn.trim() === '' ? null : linkedIn.trim()
    })
    setBusy(false)
    if (result.ok) {
      setNotice('Badge site settings saved; export the site to publish them.')
      onSaved()
    } else setError(result.error)
  }

  return (
    <Form
      className="form settings-form"
      validationBehavior="aria"
      validationErrors={fieldErrors}
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      <SelectField
        label="Language of the site"
        value={language}
        onChange={setLanguage}
        options={LANGUAGES.map(([value, label]) => ({ value, label }))}
        description="The site’s own words; badge names and descriptions stay as you wrote them."
      />
      <div className="settings-colors">
        <ColorField label="Brand colour" value={brand} onChange={setBrand} />
        <ColorField label="Accent colour" value={accent} onChange={setAccent} />
      </div>
      <p className="settings-hint">
        Pages adjust the shades where needed so that text stays readable in light and dark mode.
      </p>
      <div className="field">
        <label className="field-label" htmlFor="site-logo">
          Logo <span className="field-optional">(PNG, JPEG or SVG)</span>
        </label>
        <div className="settings-logo">
          {logoPreview ? <img src={logoPreview} alt="Current logo" width={48} height={48} /> : null}
          <input
            id="site-logo"
            type="file"
            accept={ACCEPTED_IMAGES}
            className="field-input"
            disabled={busy}
            onChange={(event) => {
              const file = event.target.files?.[0]
              if (file) void chooseLogo(file)
              event.target.value = ''
            }}
          />
          {logo ? (
            <button type="button" className="button" onClick={() => setLogo(null)}>
              Remove logo
            </button>
          ) : null}
        </div>
      </div>
      <FormTextField
        name="linkedin"
        label="LinkedIn organisation id"
        description="The number in your LinkedIn company page’s admin address. With it, “Add to profile” links your company page; without it, the issuer name is used."
        value={linkedIn}
        onChange={setLinkedIn}
      />
      <ErrorAlert error={error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          Save badge site settings
        </button>
        <span role="status" className="busy-status">
          {notice}
        </span>
      </div>
    </Form>
  )
}
