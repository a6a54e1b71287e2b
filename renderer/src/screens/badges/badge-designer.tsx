/**
 * The designer for a new badge or an edit: what the badge says, how it looks (with live preview
 * and undo), and Save as draft / Publish. A good badge needs only a name, a description and
 * criteria: the shape, palette, icon and title line start filled in.
 */
import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react'
import { Button, Checkbox, Form } from 'react-aria-components'
import { err, type Result } from '../../../../shared/result.js'
import type { Badge } from '../../../../shared/types.js'
import type { KilnApi } from '../../../../shared/api.js'
import { useKiln } from '../../api/kiln-context.js'
import { BusyStatus } from '../../components/busy-status.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { ScreenHeading } from '../../components/screen-heading.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import { useMutation } from '../../hooks/use-mutation.js'
import { useShortcut } from '../../shortcuts/shortcut-provider.js'
import { BadgeImage } from './badge-image.js'
import { DesignFields, setLine } from './design-fields.js'
import { DesignGallery, type GalleryEntry } from './design-gallery.js'
import { DesignPreview, UploadPreview } from './design-preview.js'
import { defaultDesign } from './design-source.js'
import {
  EMPTY_VALUES,
  fieldErrorsFrom,
  toCreateInput,
  toUpdateInput,
  validateDesigner,
  valuesFromBadge,
  type DesignerValues,
  type FieldErrors
} from './designer-values.js'
import { uploadImageFile } from './image-upload.js'
import { ImageFileField } from './fields.js'
import { EssentialFields, MoreFields } from './metadata-fields.js'
import { useDesignHistory } from './use-design-history.js'

type BadgeDesignerProps = Readonly<{
  id?: string
  onCancel: () => void
  onSaved: (id: string, notice: string) => void
}>

export function BadgeDesigner({ id, onCancel, onSaved }: BadgeDesignerProps): ReactElement {
  if (!id) return <DesignerForm onCancel={onCancel} onSaved={onSaved} />
  return <EditDesigner id={id} onCancel={onCancel} onSaved={onSaved} />
}

function EditDesigner({
  id,
  onCancel,
  onSaved
}: BadgeDesignerProps & { id: string }): ReactElement {
  const load = useCallback((kiln: KilnApi) => kiln.badgesGet({ id }), [id])
  const query = useKilnQuery(load, 'badges')
  if (query.phase === 'loading') return <p role="status">Loading the badge…</p>
  if (query.phase === 'failed') return <ErrorAlert error={query.error} />
  return <DesignerForm key={id} badge={query.value} onCancel={onCancel} onSaved={onSaved} />
}

type DesignerFormProps = Readonly<{
  badge?: Badge
  onCancel: () => void
  onSaved: (id: string, notice: string) => void
}>

function DesignerForm({ badge, onCancel, onSaved }: DesignerFormProps): ReactElement {
  const [values, setValues] = useState<DesignerValues>(
    badge ? valuesFromBadge(badge) : EMPTY_VALUES
  )
  const history = useDesignHistory(badge?.content.design ?? defaultDesign())
  const [linesFollowName, setLinesFollowName] = useState(
    !badge || (badge.content.design?.lines[0] ?? '') === badge.content.name
  )
  const [uploads, setUploads] = useState<ReadonlyMap<string, string>>(new Map())
  const kiln = useKiln()
  const [errors, setErrors] = useState<FieldErrors>({})
  const saving = useMutation()
  const [saveLabel, setSaveLabel] = useState('Saving…')
  /** An image being checked (its own sentence); saving has its own. */
  const [checking, setChecking] = useState<string | null>(null)
  const [templateNotice, setTemplateNotice] = useState('')
  const busy = checking ?? (saving.busy ? saveLabel : null)
  const formRef = useRef<HTMLFormElement>(null)
  const design = history.design
  const { change } = history

  // After a failed save, take the person to the first field that needs attention.
  useEffect(() => {
    if (Object.keys(errors).length === 0) return
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [errors])

  // An edited design with an uploaded icon: fetch the icon so the preview can draw it.
  const iconSha = design.icon.kind === 'upload' ? design.icon.sha256 : null
  useEffect(() => {
    if (!iconSha || uploads.has(iconSha)) return
    let active = true
    void kiln.badgesImage({ sha256: iconSha }).then((result) => {
      if (!active || !result.ok) return
      setUploads((map) => new Map(map).set(iconSha, result.value.pngBase64))
    })
    return () => {
      active = false
    }
  }, [kiln, iconSha, uploads])

  function set<K extends keyof DesignerValues>(key: K, value: DesignerValues[K]): void {
    setValues((current) => ({ ...current, [key]: value }))
    if (key === 'name' && linesFollowName && typeof value === 'string') {
      change((d) => ({ ...d, lines: setLine(d.lines, 0, value.slice(0, 80)) }), 'line-0')
    }
  }

  /** A template from the gallery: its design (undoable), and its wording where fields are empty. */
  function startFrom(entry: GalleryEntry): void {
    const name = values.name.trim() ? values.name : entry.name
    const title = linesFollowName ? name : (design.lines[0] ?? entry.design.lines[0] ?? '')
    change(
      () => ({ ...entry.design, lines: setLine(entry.design.lines, 0, title.slice(0, 80)) }),
      'template'
    )
    const { suggest } = entry
    setValues((current) => ({
      ...current,
      imageMode: 'design',
      name: current.name.trim() ? current.name : entry.name,
      description: current.description.trim() ? current.description : suggest.description,
      criteriaNarrative:
        current.criteriaNarrative.trim() || current.criteriaUrl.trim()
          ? current.criteriaNarrative
          : suggest.criteria,
      tags: current.tags.trim() ? current.tags : suggest.tags.join(', '),
      achievementType:
        current.achievementType === EMPTY_VALUES.achievementType
          ? suggest.achievementType
          : current.achievementType,
      credits:
        current.credits.trim() || suggest.credits === undefined
          ? current.credits
          : String(suggest.credits)
    }))
    setTemplateNotice(
      `Started from the ${entry.name} template: change anything, the preview follows.`
    )
  }

  async function upload(file: File, target: 'icon' | 'image'): Promise<void> {
    setChecking(target === 'icon' ? 'Checking the icon…' : 'Checking the image…')
    const result = await uploadImageFile(kiln, file)
    setChecking(null)
    const { [target]: _cleared, ...others } = errors
    if (!result.ok) {
      setErrors({ ...others, [target]: result.error.message })
      return
    }
    setErrors(others)
    const { sha256, pngBase64 } = result.value
    setUploads((map) => new Map(map).set(sha256, pngBase64))
    if (target === 'icon') change((d) => ({ ...d, icon: { kind: 'upload', sha256 } }), 'icon')
    else set('imageSha256', sha256)
  }

  async function save(publish: boolean): Promise<void> {
    if (busy) return
    const local = validateDesigner(values, design)
    if (Object.keys(local).length > 0) {
      setErrors(local)
      saving.setError(err('INVALID_INPUT', 'Check the marked fields; nothing was saved.').error)
      return
    }
    setErrors({})
    setSaveLabel(publish ? 'Publishing…' : 'Saving…')
    const result = await saving.run(async (client) => {
      let saved: Result<Badge> = badge
        ? await client.badgesUpdate(toUpdateInput(badge, values, design))
        : await client.badgesCreate(toCreateInput(values, design))
      if (saved.ok && publish && saved.value.status === 'draft') {
        saved = await client.badgesPublish({ id: saved.value.id })
      }
      return saved
    })
    if (!result) return
    if (!result.ok) {
      setErrors(fieldErrorsFrom(result.error))
      return
    }
    const saved = result.value
    const version = saved.versions.at(-1)?.version
    onSaved(
      saved.id,
      saved.status === 'published' && version
        ? `Published version ${version} of “${saved.content.name}”.`
        : `Saved “${saved.content.name}” as a draft.`
    )
  }

  useShortcut('designUndo', () => history.undo())

  const published = badge?.status === 'published'
  const nextVersion = (badge?.versions.at(-1)?.version ?? 0) + 1
  const uploadMode = values.imageMode === 'upload'
  const uploadedPng = uploads.get(values.imageSha256)

  return (
    <div className="designer-screen">
      <ScreenHeading>{badge ? `Edit ${badge.content.name}` : 'New badge'}</ScreenHeading>
      {published ? (
        <p className="lead">
          Saving publishes version {nextVersion}. Awards already made keep version {nextVersion - 1}{' '}
          and stay valid.
        </p>
      ) : null}
      <div className="designer">
        <Form
          ref={formRef}
          className="form designer-form"
          validationBehavior="aria"
          validationErrors={errors}
          onSubmit={(event) => {
            event.preventDefault()
            void save(published)
          }}
        >
          {badge ? (
            <details className="designer-templates">
              <summary>Start again from a template</summary>
              <DesignGallery onPick={startFrom} />
              <p role="status" className="designer-template-notice">
                {templateNotice}
              </p>
            </details>
          ) : (
            <fieldset className="form-group designer-templates">
              <legend>Start from a template</legend>
              <DesignGallery onPick={startFrom} />
              <p role="status" className="designer-template-notice">
                {templateNotice}
              </p>
            </fieldset>
          )}
          <fieldset className="form-group">
            <legend>About the badge</legend>
            <EssentialFields values={values} set={set} errors={errors} />
          </fieldset>
          <fieldset className="form-group" data-design-controls>
            <legend>Design</legend>
            <div>
              <Checkbox
                className="checkbox-field"
                isSelected={uploadMode}
                onChange={(on) => set('imageMode', on ? 'upload' : 'design')}
              >
                <span className="checkbox-field-box" aria-hidden="true" />
                Use an uploaded image instead of a design
              </Checkbox>
            </div>
            {uploadMode ? (
              <ImageFileField
                error={errors.image}
                busy={busy !== null}
                onFile={(file) => void upload(file, 'image')}
              />
            ) : (
              <DesignFields
                history={history}
                uploads={uploads}
                errors={errors}
                iconBusy={busy !== null}
                onIconFile={(file) => void upload(file, 'icon')}
                onLineEdited={() => setLinesFollowName(false)}
              />
            )}
          </fieldset>
          <fieldset className="form-group">
            <legend>More details (optional)</legend>
            <MoreFields values={values} set={set} errors={errors} />
          </fieldset>
          <ErrorAlert error={saving.error} />
          <div className="form-actions designer-actions">
            {published ? (
              <Button type="submit" className="button button-primary">
                Publish version {nextVersion}
              </Button>
            ) : (
              <>
                <Button type="submit" className="button">
                  Save as draft
                </Button>
                <Button className="button button-primary" onPress={() => void save(true)}>
                  Publish
                </Button>
              </>
            )}
            <Button className="button badges-button-quiet" onPress={onCancel}>
              Cancel
            </Button>
            <BusyStatus busy={busy !== null}>{busy ?? ''}</BusyStatus>
          </div>
        </Form>
        <aside className="designer-preview" aria-label="Preview" data-design-controls>
          {uploadMode ? (
            uploadedPng || !badge ? (
              <UploadPreview pngBase64={uploadedPng} />
            ) : (
              <BadgeImage badge={badge} size={300} />
            )
          ) : (
            <DesignPreview
              design={design}
              uploads={uploads}
              canUndo={history.canUndo}
              onUndo={history.undo}
            />
          )}
        </aside>
      </div>
    </div>
  )
}
